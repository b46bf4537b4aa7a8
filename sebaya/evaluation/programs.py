"""The peer program and tier 0: supporters and their caseload, supervision, the feedback of the
people accompanied, the training funnel; activities held and the people they reached."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _

from sebaya.evaluation.context import Context
from sebaya.evaluation.tables import Spec
from sebaya.guidance.campaigns import reach as campaign_reach
from sebaya.guidance.models import Activity, Attendance, Campaign
from sebaya.kernel.suppression import ACTIVITY_MINIMUM
from sebaya.programs.models import Application, Certification, SupervisionAttendance
from sebaya.support.models import SupporterProfile, SupportRelationship


@dataclass(frozen=True)
class Fact:
    label: str
    value: str
    note: str = ""


def peer_program(ctx: Context) -> list[Fact]:
    """A few numbers about the program itself (its supporters, not the people they help)."""
    org = ctx.organization
    start, end = ctx.period.bounds(org.timezone)
    supporters = SupporterProfile.objects.filter(organization=org).aggregate(
        active=Count("id", filter=Q(status=SupporterProfile.Status.ACTIVE)),
        certified=Count("id", filter=Q(status=SupporterProfile.Status.ACTIVE, certified=True)),
    )
    loads = list(
        SupportRelationship.objects.filter(organization=org)
        .ongoing()
        .values("supporter_id")
        .annotate(n=Count("id"))
        .values_list("n", flat=True)
    )
    attendance = SupervisionAttendance.objects.filter(
        session__organization=org,
        session__starts_at__gte=start,
        session__starts_at__lt=end,
        present__isnull=False,
    ).aggregate(taken=Count("id"), present=Count("id", filter=Q(present=True)))
    feedback = list(
        SupportRelationship.objects.filter(
            organization=org, feedback_at__gte=start, feedback_at__lt=end, feedback_rating__isnull=False
        ).values_list("feedback_rating", flat=True)
    )
    applications = Application.objects.filter(
        organization=org, created_at__gte=start, created_at__lt=end
    ).aggregate(all=Count("id"), selected=Count("id", filter=Q(status=Application.Status.SELECTED)))
    certified = Certification.objects.filter(
        organization=org, issued_at__gte=start, issued_at__lt=end
    ).count()
    facts = [
        Fact(
            _("Active peer supporters"),
            str(supporters["active"]),
            _("%(n)d of them certified") % {"n": supporters["certified"]},
        ),
        Fact(
            _("People accompanied per supporter now"),
            _number(sum(loads) / len(loads)) if loads else "0",
            _("at most %(n)d") % {"n": max(loads)} if loads else "",
        ),
        Fact(
            _("Supervision attendance"),
            f"{round(100 * attendance['present'] / attendance['taken'])} %" if attendance["taken"] else "–",
            _("%(present)d of %(taken)d places") % attendance
            if attendance["taken"]
            else _("no attendance taken"),
        ),
    ]
    if len(feedback) >= ACTIVITY_MINIMUM:
        facts.append(
            Fact(_("Feedback of the people accompanied"), f"{_number(sum(feedback) / len(feedback))} / 5",
                 _("%(n)d answers") % {"n": len(feedback)})
        )  # fmt: skip
    else:
        facts.append(Fact(_("Feedback of the people accompanied"), "–", _("shown from 5 answers")))
    facts.append(
        Fact(
            _("Training: applied, selected, certified"),
            f"{applications['all']} → {applications['selected']} → {certified}",
            _("in this period"),
        )
    )
    return facts


def _number(value: float) -> str:
    return f"{value:.1f}".replace(".", ",")


ACTIVITIES = Spec(
    key="activities",
    title=_("Activities held and the people present"),
    row_header=_("Kind of activity"),
    rows=list(Activity.Kind.choices),
    columns=[("people", _("People present"))],
    minimum=ACTIVITY_MINIMUM,
    people=True,
    rows_add_up=False,  # someone at a workshop and a group is in both rows
    columns_add_up=False,
    note=_("Each person once per kind of activity, however many meetings they came to."),
)


def activities(ctx: Context) -> list:
    start, end = ctx.span
    people = ctx.tallies(ACTIVITIES)
    meetings: dict = {}
    for held, kind, person_id in Attendance.objects.filter(
        meeting__activity__organization=ctx.organization,
        meeting__held_at__gte=start,
        meeting__held_at__lt=end,
        present=True,
    ).values_list("meeting__held_at", "meeting__activity__kind", "person_id"):
        ctx.add(people, when=held, row=kind, column="people", person_id=person_id)
    pstart, pend = ctx.period.bounds(ctx.organization.timezone)
    for kind, n in (
        Activity.objects.filter(
            organization=ctx.organization, meetings__held_at__gte=pstart, meetings__held_at__lt=pend
        )
        .values_list("kind")
        .annotate(n=Count("meetings"))
    ):
        meetings[kind] = str(n)
    return [
        ctx.table(
            ACTIVITIES,
            people,
            extras={"meetings": meetings},
            extra_columns=[("meetings", _("Meetings held"))],
        )
    ]


CAMPAIGNS_SHOWN = 10  # the period's latest ones: a page's queries stay few whatever the history


def campaigns(ctx: Context) -> list[Fact]:
    """The campaigns running in the period and the people each reached, as its own page counts
    them (`guidance.campaigns.reach`, small groups hidden the same way)."""
    first = ctx.period.start
    last = ctx.period.end
    running = Campaign.objects.filter(
        organization=ctx.organization, starts_on__lt=last, ends_on__gte=first
    ).order_by("-starts_on")[:CAMPAIGNS_SHOWN]
    facts = []
    for campaign in running:
        reached = campaign_reach(campaign)
        facts.append(
            Fact(
                campaign.title,
                "*" if reached.people is None else str(reached.people),
                _("people reached"),
            )
        )
    return facts
