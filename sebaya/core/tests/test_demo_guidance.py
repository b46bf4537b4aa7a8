"""The demo's BK program cycle (sebaya/core/demo/guidance.py), read through the same functions
the pages call: the needs results, the program's progress, the jurnal BK, the campaign's change,
the activities a peer supporter and a student meet. And loading it again adds nothing."""

import datetime

from django.utils import timezone

from sebaya.accounts.models import User
from sebaya.core.demo import load_demo
from sebaya.counseling.journal import journal_lines
from sebaya.guidance import campaigns
from sebaya.guidance.models import (
    Activity,
    AnnualProgram,
    Attendance,
    Campaign,
    Meeting,
    ProgramItem,
    Registration,
    SemesterPlacement,
    ServicePlan,
)
from sebaya.guidance.needs import needs_results, needs_rounds, top_by_class
from sebaya.guidance.services.activities import peer_choices
from sebaya.guidance.services.program import program_progress
from sebaya.organizations.models import Organization
from sebaya.safety.models import Alert
from sebaya.screening.models import Administration, ScreeningInvitation, ScreeningRound

GUIDANCE_MODELS = (
    AnnualProgram,
    ProgramItem,
    SemesterPlacement,
    ServicePlan,
    Activity,
    Meeting,
    Registration,
    Attendance,
    Campaign,
    ScreeningRound,
    ScreeningInvitation,
    Administration,
    Alert,
    User,
)


def counts():
    return {model.__name__: model.objects.count() for model in GUIDANCE_MODELS}


def test_the_demo_shows_the_bk_program_cycle_and_loading_it_again_adds_nothing(db):
    load_demo()
    school = Organization.objects.get(slug="sman-1-harapan")
    now, today = timezone.now(), timezone.localdate()

    # The needs results page: the newest needs round, closed, with the grade's ranked needs and
    # each class's own on top.
    rounds = needs_rounds(school)
    assert len(rounds) == 1 and rounds[0].state == "closed"
    results = needs_results(organization=school, rounds=rounds[:1], grade="10")
    assert results.answered >= 90 and not results.hidden
    assert [s.share for s in results.top(3)] == sorted((s.share for s in results.top(3)), reverse=True)
    by_class = {name: top for name, _results, top in top_by_class(organization=school, rounds=rounds[:1])}
    assert set(by_class) == {"X-1", "X-2", "X-3", "X-4"}
    assert all(top and top[0].share >= 60 for top in by_class.values())
    assert len({top[0].key for top in by_class.values()}) > 1  # classes differ in what tops them

    # The program: approved, built from the needs round, with delivered topics in its progress.
    annual = AnnualProgram.objects.get(organization=school, grade="10")
    assert annual.status == AnnualProgram.Status.APPROVED and list(annual.needs_rounds.all()) == rounds[:1]
    assert annual.items.exclude(need="").count() >= 3
    progress = program_progress(annual)
    assert sum(row.delivered for row in progress["component"]) >= 2
    assert SemesterPlacement.objects.filter(item__program=annual).exists()
    assert ServicePlan.objects.filter(organization=school, item__program=annual).count() == 3

    # Konselor1's jurnal BK has the classroom guidance held in the last weeks, with the class present.
    konselor1 = User.objects.get(username="konselor1")
    lines = journal_lines(
        organization=school,
        counselor=konselor1,
        start=today - datetime.timedelta(days=60),
        end=today + datetime.timedelta(days=1),
    )
    classroom = [line for line in lines if line.service_type == "bimbingan_klasikal"]
    assert len(classroom) >= 3 and all(line.people >= 20 for line in classroom)

    # The support group: led by certified peer supporters, a counselor supervising, a meeting ahead.
    group = Activity.objects.get(organization=school, kind=Activity.Kind.SUPPORT_GROUP)
    leaders = set(group.facilitators.values_list("username", flat=True))
    assert leaders == {"sebaya", "sebaya2"}
    assert set(peer_choices(school).values_list("username", flat=True)) >= leaders
    assert group.supervisor.username.startswith("konselor")
    assert group.registrations.filter(status=Registration.Status.REGISTERED).count() >= 3
    assert group.meetings.filter(starts_at__gt=now).exists()

    # The workshop and the campaign it carries: the change before and after shown, for enough pairs.
    workshop = Activity.objects.get(organization=school, kind=Activity.Kind.WORKSHOP)
    assert workshop.meetings.filter(starts_at__gt=now).exists() and workshop.registrations.count() >= 20
    campaign = Campaign.objects.get(organization=school)
    assert workshop.campaign_id == campaign.pk
    change = campaigns.change(campaign)
    assert change.shown and change.pairs >= 25
    total = change.scores[0]
    assert total.after > total.before
    assert campaigns.reach(campaign).people >= 20
    assert campaign.pre_round.state == "closed"

    # Past meetings are held and in the past; coming ones are not held and still ahead.
    assert not Meeting.objects.filter(held_at__isnull=False, starts_at__gt=now).exists()
    assert not Meeting.objects.filter(held_at__isnull=True, starts_at__lt=now).exists()

    before = counts()
    load_demo()
    assert counts() == before
