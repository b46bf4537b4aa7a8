"""Evaluation of peer supporters and of the program. Reads only.

What the people helped say about a supporter is shown to the supporter and their supervisor only
as an aggregate of at least `FEEDBACK_MINIMUM` answers, never one by one: a supporter with two
people could otherwise tell who wrote what.
"""

from __future__ import annotations

import datetime
import statistics
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Count, Q
from django.utils import timezone

from sebaya.kernel.suppression import ACTIVITY_MINIMUM
from sebaya.people.models import Membership, Role
from sebaya.programs import recruitment
from sebaya.programs.models import (
    Module,
    ModuleProgress,
    PracticeAssessment,
    RecruitmentRound,
    SupervisionAttendance,
)
from sebaya.programs.supervision import attendance_rate
from sebaya.support.models import MATCHABLE, Message, SupporterProfile, SupportRelationship

FEEDBACK_MINIMUM = ACTIVITY_MINIMUM
WINDOW_DAYS = 180  # response times and ratings: the last half year


def reply_delays(messages: Iterable[tuple]) -> list[datetime.timedelta]:
    """How long the person waited for the supporter's reply. `messages` are
    (relationship id, sent at, from supporter) in time order; each run of the person's messages
    counts once, from its first message to the supporter's next one. A run never answered does
    not count (it may still be answered)."""
    waiting: dict = {}
    delays = []
    for relationship_id, sent_at, from_supporter in messages:
        if from_supporter:
            if relationship_id in waiting:
                delays.append(sent_at - waiting.pop(relationship_id))
        else:
            waiting.setdefault(relationship_id, sent_at)
    return delays


@dataclass(frozen=True)
class Feedback:
    answers: int
    shown: bool  # False below FEEDBACK_MINIMUM: nothing but "not enough yet"
    mean: float | None
    distribution: dict  # rating -> count (only when shown)


def feedback(ratings: list[int]) -> Feedback:
    if len(ratings) < FEEDBACK_MINIMUM:
        return Feedback(answers=len(ratings), shown=False, mean=None, distribution={})
    return Feedback(
        answers=len(ratings),
        shown=True,
        mean=round(statistics.fmean(ratings), 1),
        distribution={n: ratings.count(n) for n in range(1, 6)},
    )


def supporter_evaluation(profile, *, now=None) -> dict:
    now = now or timezone.now()
    since = now - datetime.timedelta(days=WINDOW_DAYS)
    relationships = SupportRelationship.objects.filter(supporter=profile)
    ratings = list(
        relationships.filter(feedback_rating__isnull=False).values_list("feedback_rating", flat=True)
    )
    messages = Message.objects.filter(relationship__supporter=profile, created_at__gte=since).order_by(
        "created_at", "id"
    )
    delays = reply_delays(messages.values_list("relationship_id", "created_at", "from_supporter"))
    supervision = SupervisionAttendance.objects.filter(supporter=profile, present__isnull=False)
    supervisor_ratings = list(
        supervision.filter(rating__isnull=False, session__starts_at__gte=since).values_list(
            "rating", flat=True
        )
    )
    return {
        "feedback": feedback(ratings),
        "feedback_minimum": FEEDBACK_MINIMUM,
        "caseload": relationships.ongoing().count(),
        "capacity": profile.capacity,
        "accompanied": relationships.count(),
        "stepped_up": relationships.filter(status=SupportRelationship.Status.STEPPED_UP).count(),
        "replies": len(delays),
        "reply_median_hours": round(statistics.median(delays).total_seconds() / 3600, 1) if delays else None,
        "supervisor_rating": round(statistics.fmean(supervisor_ratings), 1) if supervisor_ratings else None,
        "supervisor_ratings": len(supervisor_ratings),
        "supervision_present": supervision.filter(present=True).count(),
        "supervision_expected": supervision.count(),
    }


def program_overview(organization, *, now=None) -> dict:
    """The coordinator's view of the whole program: recruitment funnel, training, roster and
    supervision. Counts of supporters, never anything the people helped said."""

    now = now or timezone.now()
    # No ordering: Membership's default one would join the organization and the person and make
    # DISTINCT run over their names.
    supporters = (
        Membership.objects.filter(organization=organization, is_active=True, roles__role=Role.PEER_SUPPORTER)
        .order_by()
        .distinct()
    )
    person_ids = list(supporters.values_list("person_id", flat=True))
    modules = list(Module.objects.filter(organization=organization, is_active=True))
    passes = ModuleProgress.objects.filter(
        module__in=modules, person_id__in=person_ids, passed_at__isnull=False
    )
    passed = dict(_count_by(passes, "module_id"))
    per_person = list(_count_by(passes, "person_id"))
    started = (
        ModuleProgress.objects.filter(module__in=modules, person_id__in=person_ids)
        .filter(Q(read_at__isnull=False) | Q(attempts__gt=0))
        .values("person_id")
        .distinct()
        .count()
    )
    profiles = SupporterProfile.objects.filter(organization=organization, membership__in=supporters)
    statuses = SupporterProfile.Status
    # The roster's counts in one query (matchable: the rule of support.models.MATCHABLE).
    roster = profiles.aggregate(
        **{f"n_status_{code}": Count("pk", filter=Q(status=code)) for code in statuses.values},
        # Named apart from the fields the filters read (an aggregate may not shadow a field).
        n_certified=Count("pk", filter=Q(certified=True)),
        n_matchable=Count("pk", filter=MATCHABLE),
        n_missed=Count("pk", filter=Q(supervision_missed=True) & ~Q(status=statuses.RETIRED)),
    )
    present, expected = attendance_rate(organization=organization, since=now - datetime.timedelta(days=90))
    rounds = list(RecruitmentRound.objects.filter(organization=organization)[:3])
    return {
        "rounds": [(r, recruitment.funnel(r)) for r in rounds],
        "supporters": len(person_ids),
        "training_started": started,
        "all_modules_passed": sum(1 for _person, n in per_person if modules and n == len(modules)),
        "practice_passed": PracticeAssessment.objects.filter(
            organization=organization, person_id__in=person_ids, passed=True
        )
        .values("person_id")
        .distinct()
        .count(),
        "modules": [(module, passed.get(module.pk, 0)) for module in modules],
        "by_status": [(label, roster[f"n_status_{code}"]) for code, label in statuses.choices],
        "certified": roster["n_certified"],
        "matchable": roster["n_matchable"],
        "supervision_missed": roster["n_missed"],
        "supervision_present": present,
        "supervision_expected": expected,
        "supervision_rate": round(100 * present / expected) if expected else None,
    }


def _count_by(queryset, field: str):
    return queryset.values_list(field).annotate(n=Count("pk")).values_list(field, "n")
