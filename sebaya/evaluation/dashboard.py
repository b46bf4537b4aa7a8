"""An organization's dashboard: every section for one period and cut, in the order a coordinator
reads them (reach, responsiveness, flow, screening, the peer program, tier 0, outcomes)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

from sebaya.evaluation import flow, monthly, outcomes, programs, reach, responsiveness, screening
from sebaya.evaluation.context import Context
from sebaya.evaluation.period import Period
from sebaya.evaluation.tables import Cut, Table


@dataclass
class Section:
    key: str
    title: str
    tables: list[Table] = field(default_factory=list)
    facts: list = field(default_factory=list)


@dataclass
class Dashboard:
    context: Context
    sections: list[Section]
    outcomes: list = field(default_factory=list)  # outcomes.Judged, one per questionnaire
    unjudged: list = field(default_factory=list)
    months: list = field(default_factory=list)  # monthly.Month, the school year's months so far
    computed_at: datetime.datetime | None = None  # when counted (snapshots: the page says so)

    def table(self, key: str) -> Table:
        for section in self.sections:
            for table in section.tables:
                if table.key == key:
                    return table
        raise KeyError(key)

    @property
    def tables(self) -> list[Table]:
        return [table for section in self.sections for table in section.tables]


def organization_dashboard(*, organization, period: Period, cut: Cut, today: datetime.date) -> Dashboard:
    ctx = Context.build(organization=organization, period=period, cut=cut, today=today)
    events = list(reach.care_events(ctx))
    overdue = responsiveness.overdue_follow_ups(ctx)
    result = outcomes.section(ctx)
    sections = [
        Section("reach", _("Reach"), reach.tables(ctx, events)),
        Section(
            "responsiveness",
            _("Responsiveness"),
            responsiveness.tables(ctx),
            [programs.Fact(_("Case follow-ups past their date, today"), str(overdue))],
        ),
        Section("flow", _("Flow between levels of care"), flow.tables(ctx)),
        Section("screening", _("Screening"), screening.tables(ctx)),
        Section("peer_program", _("Peer supporter program"), [], programs.peer_program(ctx)),
        Section(
            "activities",
            _("Activities and campaigns (tier 0)"),
            programs.activities(ctx),
            programs.campaigns(ctx),
        ),
        Section("outcomes", _("Outcomes"), result["tables"]),
    ]
    return Dashboard(
        context=ctx,
        sections=sections,
        outcomes=result["judged"],
        unjudged=result["unjudged"],
        months=monthly.months_of(ctx),
    )


def export_record(*, request, kind: str, period: Period, cut: Cut) -> None:
    """A report or a table leaving Sebaya is in the audit trail: who, which file, which period
    and cut (counts only, but a school wants to know where its figures went)."""
    from sebaya.audit.models import AuditAction
    from sebaya.audit.services import record

    record(
        action=AuditAction.REPORT_EXPORTED,
        actor=request.user,
        organization=request.organization,
        request=request,
        detail={
            "file": kind,
            "period": period.code,
            "grade": cut.grade,
            "gender": cut.gender,
            "tier": cut.tier,
        },
    )
