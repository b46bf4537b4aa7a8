"""Screening: how many answered each round, the mix of severities, and whether the results that
asked for a counselor's outreach got it."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from sebaya.evaluation.context import Context
from sebaya.evaluation.period import YEAR, term_of
from sebaya.evaluation.tables import Spec
from sebaya.kernel.suppression import SCREENING_MINIMUM
from sebaya.screening.instruments import all_instruments
from sebaya.screening.models import Administration, OutreachReason, ScreeningInvitation

SEVERITIES = [
    ("none", _("None or minimal")),
    ("mild", _("Mild")),
    ("moderate", _("Moderate")),
    ("severe", _("Severe")),
]


def _coverage_spec(rows) -> Spec:
    return Spec(
        key="screening_coverage",
        title=_("Screening rounds: who answered"),
        row_header=_("Round"),
        rows=rows,
        columns=[("answered", _("Answered")), ("not_answered", _("Not answered"))],
        minimum=SCREENING_MINIMUM,
        compare=False,
    )


def _severity_spec(rows) -> Spec:
    return Spec(
        key="screening_severity",
        title=_("Severity of the last result of each person"),
        row_header=_("Questionnaire"),
        rows=rows,
        columns=SEVERITIES,
        minimum=SCREENING_MINIMUM,
        people=True,
        rows_add_up=False,  # one person may answer two questionnaires
        note=_("Each person once per questionnaire: their last result in the period."),
    )


OUTREACH = Spec(
    key="screening_outreach",
    title=_("Results that asked for a counselor to reach out"),
    row_header=_("Why"),
    rows=list(OutreachReason.choices),
    columns=[("reached", _("Reached out")), ("waiting", _("Still waiting"))],
    minimum=SCREENING_MINIMUM,
)


def tables(ctx: Context) -> list:
    start, end = ctx.span
    org = ctx.organization
    invitations = list(
        ScreeningInvitation.objects.filter(
            organization=org, screening_round__opens_at__gte=start, screening_round__opens_at__lt=end
        ).values_list(
            "screening_round_id",
            "screening_round__title",
            "screening_round__opens_at",
            "person_id",
            "completed_at",
        )
    )
    period_rounds = {}
    for round_id, title, opens_at, _person, _done in invitations:
        if term_of(opens_at.astimezone(ctx.zone).date())[0] == ctx.period.year:
            period_rounds[str(round_id)] = title
    coverage_spec = _coverage_spec(sorted(period_rounds.items(), key=lambda item: item[1]))
    coverage = ctx.tallies(coverage_spec)
    for round_id, _title, opens_at, person_id, done in invitations:
        if str(round_id) in period_rounds:
            column = "answered" if done else "not_answered"
            ctx.add(coverage, when=opens_at, row=str(round_id), column=column, person_id=person_id)

    screening_codes = {i.code: str(i.short_name) for i in all_instruments() if i.kind == "screening"}
    last: dict = {}  # (year, term or YEAR, person, instrument) → (when, severity)
    for person_id, code, severity, when in Administration.objects.filter(
        organization=org, created_at__gte=start, created_at__lt=end, instrument_code__in=list(screening_codes)
    ).values_list("person_id", "instrument_code", "severity", "created_at"):
        year, term = term_of(when.astimezone(ctx.zone).date())
        for period_part in (term, YEAR):
            key = (year, period_part, person_id, code)
            if key not in last or when > last[key][0]:
                last[key] = (when, severity)
    used = sorted({code for (_y, _t, _p, code) in last}, key=lambda code: screening_codes[code])
    severity_spec = _severity_spec([(code, screening_codes[code]) for code in used])
    severity = ctx.tallies(severity_spec)
    for (year, period_part, person_id, code), (_when, level) in last.items():
        grade, gender = ctx.people.get(person_id, ("", "unstated"))
        if year in severity:
            severity[year].counts[period_part, grade, gender, code, level] += 1

    outreach = ctx.tallies(OUTREACH)
    for when, reason, reached, person_id in (
        Administration.objects.filter(organization=org, created_at__gte=start, created_at__lt=end)
        .exclude(outreach_reason="")
        .values_list("created_at", "outreach_reason", "reached_out_at", "person_id")
    ):
        ctx.add(
            outreach, when=when, row=reason, column="reached" if reached else "waiting", person_id=person_id
        )
    return [
        ctx.table(coverage_spec, coverage),
        ctx.table(severity_spec, severity),
        ctx.table(OUTREACH, outreach),
    ]
