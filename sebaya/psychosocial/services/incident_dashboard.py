"""The incident dashboard: what the viewing organization's part of the response has done and what
is left, by village, as a table and as bars (no map).

People counts (registered, reached by PFA, referred) are the 4W report's own numbers
(`reports.four_w`), hidden in the same tree, so the dashboard and the 4W never give away each
other's hidden numbers. The other figures (needs, alerts, follow-ups) count records: each is
hidden under `ACTIVITY_MINIMUM` per village, with complementary suppression across the villages
of a figure and, for needs, across their kinds as well (the open needs by village and by kind
add up to the same total).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from sebaya.kernel.bars import Bar, bars
from sebaya.kernel.suppression import hide_complements
from sebaya.psychosocial.models import (
    OPEN_NEEDS,
    AffectedPerson,
    FollowUp,
    FollowUpStatus,
    Incident,
    IncidentStatus,
    Need,
    NeedKind,
)
from sebaya.psychosocial.services.needs import local_today
from sebaya.psychosocial.services.reports import ACTIVITIES, MINIMUM, PFA, REFERRAL, REGISTRATION, FourW
from sebaya.safety.models import Alert, AlertSource

NO_PLACE = _("Village not recorded")
# Alerts the response raised: a PFA refer-at-once flag, or a risk answer in a follow-up's SRQ-20.
ALERT_SOURCES = (AlertSource.FIELD_REFERRAL, AlertSource.SCREENING)


@dataclass(frozen=True)
class Figure:
    code: str
    label: str
    people: bool  # counts people (else records: needs, alerts, follow-ups)
    values: dict[str, int | None]  # by place; None where hidden
    total: int | None

    def line(self, places) -> list[int | None]:
        return [self.values.get(place, 0) for place in places]


@dataclass(frozen=True)
class Dashboard:
    places: list[str]
    figures: list[Figure]
    needs_by_kind: list[tuple[str, int | None, int | None]]  # (kind label, open now, closed)
    charts: list[tuple[str, str, list[Bar]]]  # (id, caption, bars)
    open_alerts: int | None  # raised in the period and not yet closed
    anything_hidden: bool

    def figure(self, code: str) -> Figure:
        return next(f for f in self.figures if f.code == code)

    def grid(self) -> list[tuple[str, list[int | None]]]:
        """(place label, its number for each figure): what the table shows."""
        return [(place_label(place), [f.values.get(place, 0) for f in self.figures]) for place in self.places]

    def totals(self) -> list[int | None]:
        return [f.total for f in self.figures]


def place_label(place: str) -> str:
    return place or str(NO_PLACE)


def dashboard(report: FourW) -> Dashboard:
    incident: Incident = report.incident
    viewer = report.viewer_id
    period = report.period
    start, end = period.bounds
    people, kept = report.people, report.kept

    def place_of(affected_id) -> str | None:
        pk = kept.get(str(affected_id))
        return people[pk].place if pk in people else None

    counts: dict[tuple, int] = {}

    def add(code, place):
        for key in ((code, place), (code,)):
            counts[key] = counts.get(key, 0) + 1

    needs = Need.objects.filter(
        incident=incident, organization_id=viewer, created_at__gte=start, created_at__lt=end
    ).values_list("affected_id", "household__village", "household__site", "kind", "status")
    for affected_id, village, site, kind, status in needs:
        place = place_of(affected_id) if affected_id else (village or site or "").strip()
        state = "needs_open" if status in OPEN_NEEDS else "needs_closed"
        add(state, place or "")
        counts[(state, "kind", kind)] = counts.get((state, "kind", kind), 0) + 1

    registered = AffectedPerson.objects.filter(incident=incident, organization_id=viewer)
    alerts = Alert.objects.filter(
        organization_id=viewer,
        source__in=ALERT_SOURCES,
        person_id__in=registered.values("person_id"),
        created_at__gte=max(start, period.moment(incident.started_on)),
        created_at__lt=end,
    ).values_list("person_id", "state")
    open_alerts = 0
    for person_id, state in alerts:
        add("alerts", place_of(kept.get(f"p:{person_id}", "")) or "")
        open_alerts += state != Alert.State.CLOSED

    today = local_today(incident.organization)
    follow_ups = FollowUp.objects.filter(incident=incident, organization_id=viewer).values_list(
        "affected_id", "status", "due_on", "done_at"
    )
    for affected_id, status, due_on, done_at in follow_ups:
        place = place_of(affected_id)
        if status == FollowUpStatus.DONE and done_at and start <= done_at < end:
            add("follow_ups_done", place or "")
        elif (
            status == FollowUpStatus.DUE
            and str(affected_id) in people
            and incident.status != IncidentStatus.CLOSED
        ):
            # Follow-ups stop with the response, and a registration merged into another has none.
            add("follow_ups_overdue" if due_on < today else "follow_ups_due", place or "")

    places = sorted(
        set(report.places) | {key[1] for key in counts if len(key) == 2}, key=lambda p: (not p, p)
    )
    record_figures = [
        ("needs_open", _("Needs open now"), _("Open needs")),
        ("needs_closed", _("Needs met or handed on"), None),
        ("alerts", _("Alerts raised"), None),
        ("follow_ups_done", _("Follow-ups done"), None),
        ("follow_ups_due", _("Follow-ups still to do"), None),
        ("follow_ups_overdue", _("Follow-ups overdue"), _("Follow-ups overdue")),
    ]
    kinds = [code for code, _label in NeedKind.choices]
    # Record figures: small numbers hidden, and complements across villages (and needs' kinds).
    value = {key: counts.get(key, 0) for key in counts}
    for code, *_rest in record_figures:
        value.setdefault((code,), 0)
        for place in places:
            value.setdefault((code, place), 0)
        for kind in kinds if code.startswith("needs") else ():
            value.setdefault((code, "kind", kind), 0)
    lines = []
    for code, *_rest in record_figures:
        lines.append(([(code, place) for place in places], (code,)))
        if code.startswith("needs"):
            lines.append(([(code, "kind", kind) for kind in kinds], (code,)))
    hidden = hide_complements({key for key, n in value.items() if 0 < n < MINIMUM}, lines, value)

    def shown(key):
        return None if key in hidden else value[key]

    order = [a.code for a in ACTIVITIES]
    own = report.by_organization[viewer]
    figures = [
        Figure(
            code,
            label,
            True,
            {place: report.by_place.get((code, place), 0) for place in places},
            own[order.index(code)],
        )
        for code, label in (
            (REGISTRATION, _("People registered")),
            (PFA, _("Reached by PFA")),
            (REFERRAL, _("Referred")),
        )
    ]
    figures += [
        Figure(code, label, False, {place: shown((code, place)) for place in places}, shown((code,)))
        for code, label, _chart in record_figures
    ]
    charts = []
    for figure, caption in (
        (figures[0], _("People registered, by village")),
        (figures[1], _("Reached by PFA, by village")),
        (next(f for f in figures if f.code == "needs_open"), _("Open needs, by village")),
        (next(f for f in figures if f.code == "follow_ups_overdue"), _("Follow-ups overdue, by village")),
    ):
        if places:
            charts.append(
                (figure.code, caption, bars([(place_label(p), figure.values.get(p, 0)) for p in places]))
            )
    needs_by_kind = [
        (label, shown(("needs_open", "kind", code)), shown(("needs_closed", "kind", code)))
        for code, label in NeedKind.choices
        if value[("needs_open", "kind", code)] or value[("needs_closed", "kind", code)]
    ]
    return Dashboard(
        places=places,
        figures=figures,
        needs_by_kind=needs_by_kind,
        charts=charts,
        # Fewer than the minimum still open would single out the people behind them.
        open_alerts=None if ("alerts",) in hidden or 0 < open_alerts < MINIMUM else open_alerts,
        anything_hidden=bool(hidden) or report.anything_hidden,
    )
