"""The demo's screening: an open whole-school round, about two in three students answered, and
the earlier check-ins of some of them, so the evaluation has people measured twice."""

from __future__ import annotations

import datetime

from sebaya.accounts.models import User
from sebaya.screening.instruments import get_instrument
from sebaya.screening.models import Administration, ScreeningRound
from sebaya.screening.services import administration_record, round_schedule


def _demo_screening(school, students, rng, *, coordinator):
    """An open whole-school PHQ-A round, about two in three students answered, so the tracker,
    the suppressed aggregates, the counselors' outreach list and two alerts show at once.
    The first student (the `siswa` account) has not answered yet: their invitation waits."""
    if ScreeningRound.objects.filter(organization=school).exists():
        return
    instrument = get_instrument("phqa")
    today = datetime.date.today()
    screening_round = round_schedule(
        organization=school,
        title="Cek kesejahteraan semester ganjil",
        instrument=instrument,
        population="organization",
        opens_on=today - datetime.timedelta(days=5),
        closes_on=today + datetime.timedelta(days=5),
        by=coordinator,
    )
    invitations = {i.person_id: i for i in screening_round.invitations.all()}
    risky = {students[17].person_id, students[203].person_id}
    for membership in students[1:]:
        if rng.random() > 0.68 and membership.person_id not in risky:
            continue
        # How heavy the last two weeks were: most students fine, a few struggling.
        weight = rng.choices([0.1, 0.35, 0.55, 0.8], weights=[60, 25, 11, 4])[0]
        answers = []
        for item in instrument.items:
            if not item.required:
                answers.append(None)
            elif item.id == "q9":
                answers.append(1 if membership.person_id in risky else 0)
            else:
                answers.append(min(3, sum(rng.random() < weight for _ in range(3))))
        administration_record(
            organization=school,
            person=membership.person,
            instrument=instrument,
            answers=answers,
            invitation=invitations[membership.person_id],
        )

    _demo_earlier_check_ins(school, screening_round, rng, counselor=User.objects.get(username="konselor1"))


def _demo_earlier_check_ins(school, screening_round, rng, *, counselor):
    """Ten weeks before the round, 60 of the students who answered it filled the PHQ-A with a
    guru BK (so no offer was made and nothing waits): most scored higher then. The evaluation's
    outcomes (first measure against last) have pairs to judge, with the usual mix: most better,
    some the same, a few worse."""
    instrument = get_instrument("phqa")
    earlier = datetime.datetime.now(tz=datetime.UTC) - datetime.timedelta(weeks=10)
    answered = list(
        Administration.objects.filter(screening_round=screening_round, flags=[])
        .select_related("person")
        .order_by("person__full_name")
    )
    for later in answered[::2][:60]:
        change = rng.choices([-2, 0, 3, 5, 7, 9], weights=[10, 15, 20, 25, 20, 10])[0]
        target = max(0, min(19, later.total + change))  # never severe: nothing waits in the lists
        answers = []
        for item in instrument.items:
            if not item.required:
                answers.append(None)
            elif item.id == "q9":
                answers.append(0)
            else:
                answers.append(min(3, target))
                target -= answers[-1]
        first = administration_record(
            organization=school,
            person=later.person,
            instrument=instrument,
            answers=answers,
            administered_by=counselor,
        )
        Administration.objects.filter(pk=first.pk).update(created_at=earlier)
