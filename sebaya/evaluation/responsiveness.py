"""How fast a human answered: from a help request to the first contact, from an alert to its
acknowledgement; alerts that had to be escalated; follow-ups past their date."""

from __future__ import annotations

from collections import defaultdict

from django.utils.translation import gettext_lazy as _

from sebaya.counseling.models import FollowUp
from sebaya.evaluation.context import Context
from sebaya.evaluation.period import YEAR, term_of
from sebaya.evaluation.tables import Spec
from sebaya.kernel.suppression import ACTIVITY_MINIMUM, SCREENING_MINIMUM
from sebaya.safety.models import Alert, RiskLevel
from sebaya.support.models import HelpRequest, Tier

REQUESTS = Spec(
    key="first_contact",
    title=_("Help requests and the time to a first human contact"),
    row_header=_("Level of care asked for"),
    rows=list(Tier.choices),
    columns=[("contacted", _("Contacted")), ("waiting", _("Not contacted yet"))],
    minimum=ACTIVITY_MINIMUM,
    rows_are="tier",
    splits=False,
    note=_("Times are from the request to the first contact by a person (a peer supporter or a counselor)."),
)
ALERTS = Spec(
    key="alert_acknowledgement",
    title=_("Alerts and the time to acknowledge them"),
    row_header=_("Level"),
    rows=[(level, label) for level, label in RiskLevel.choices if level in ("crisis", "concern")],
    columns=[
        ("acknowledged", _("Acknowledged")),
        ("escalated", _("Escalated first")),
        ("open", _("Not acknowledged yet")),
    ],
    minimum=SCREENING_MINIMUM,
    splits=False,
    note=_("Escalated: nobody acknowledged it in time and it went to the next person."),
)
STAT_COLUMNS = [("median", _("Median")), ("p90", _("90th percentile"))]


def percentile(values: list[float], share: float) -> float:
    """The nearest-rank percentile: the smallest value with at least `share` of them at or below."""
    ordered = sorted(values)
    rank = max(1, -(-int(share * 100) * len(ordered) // 100))
    return ordered[rank - 1]


def duration_text(minutes: float) -> str:
    if minutes < 90:
        return str(_("%(n)d min") % {"n": round(minutes)})
    if minutes < 48 * 60:
        return str(_("%(n)s hours") % {"n": f"{minutes / 60:.1f}".replace(".", ",")})
    return str(_("%(n)s days") % {"n": f"{minutes / 1440:.1f}".replace(".", ",")})


def _stats(durations: dict, period, rows) -> dict:
    """{median: {row: text}, p90: {...}} for the period's semester or year; none under 5 values."""
    out: dict = {"median": {}, "p90": {}}
    for row, _label in rows:
        values = durations.get((period.year, period.term, row), [])
        if len(values) >= ACTIVITY_MINIMUM:
            out["median"][row] = duration_text(percentile(values, 0.5))
            out["p90"][row] = duration_text(percentile(values, 0.9))
    return out


def tables(ctx: Context) -> list:
    start, end = ctx.span
    requests = ctx.tallies(REQUESTS)
    waits: dict = defaultdict(list)
    for created, contacted, tier in HelpRequest.objects.filter(
        organization=ctx.organization, created_at__gte=start, created_at__lt=end
    ).values_list("created_at", "first_contact_at", "tier"):
        ctx.add(requests, when=created, row=tier, column="contacted" if contacted else "waiting")
        if contacted:
            year, term = term_of(created.astimezone(ctx.zone).date())
            for when in (term, YEAR):
                waits[year, when, tier].append((contacted - created).total_seconds() / 60)
    alerts = ctx.tallies(ALERTS)
    acks: dict = defaultdict(list)
    for created, acknowledged, step, level in Alert.objects.filter(
        organization=ctx.organization, created_at__gte=start, created_at__lt=end
    ).values_list("created_at", "acknowledged_at", "step", "level"):
        if level not in ("crisis", "concern"):
            continue
        column = (
            "open" if acknowledged is None else ("escalated" if step > Alert.Step.ON_CALL else "acknowledged")
        )
        ctx.add(alerts, when=created, row=level, column=column)
        if acknowledged:
            year, term = term_of(created.astimezone(ctx.zone).date())
            for when in (term, YEAR):
                acks[year, when, level].append((acknowledged - created).total_seconds() / 60)
    return [
        ctx.table(
            REQUESTS, requests, extras=_stats(waits, ctx.period, REQUESTS.rows), extra_columns=STAT_COLUMNS
        ),
        ctx.table(ALERTS, alerts, extras=_stats(acks, ctx.period, ALERTS.rows), extra_columns=STAT_COLUMNS),
    ]


def overdue_follow_ups(ctx: Context) -> int:
    """Follow-ups of cases whose date has passed and that are not done, today."""
    return FollowUp.objects.filter(
        case__organization=ctx.organization, done_at__isnull=True, due_on__lt=ctx.today
    ).count()
