"""The jurnal BK: a counselor's daily service log, and monthly and semester reports from it.

Lines come from the counselor's counseling sessions, home visits and case conferences, from
manual entries (`JournalEntry`), and from other apps through `kernel.registry.journal_sources`
(the held meetings of the activities the counselor facilitates). Reports count lines by domain
(bidang layanan) and service type (jenis layanan), never their content. A counselor sees their
own report whole; a coordinator sees any counselor's with counts under 5 hidden
(`kernel.suppression`), since a small count in a narrow cell could point at a student.
"""

from __future__ import annotations

import datetime
from collections import Counter
from dataclasses import dataclass

from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from sebaya.counseling.models import (
    CaseConference,
    CounselingSession,
    Domain,
    HomeVisit,
    JournalEntry,
    Referral,
    ServiceType,
)
from sebaya.kernel import registry
from sebaya.kernel.suppression import ACTIVITY_MINIMUM, suppress
from sebaya.safety.models import AlertAction


@dataclass(frozen=True)
class Line:
    date: datetime.date
    service_type: str
    service_label: str
    domain: str
    domain_label: str
    what: str
    url: str = ""
    people: int = 0  # reached in classical or group guidance (manual entries say how many)


def period_bounds(kind: str, value: str) -> tuple[datetime.date, datetime.date, str]:
    """(first day, day after the last, label) for "month" "2026-12" or "semester" "2026-1".

    Semester 1 (ganjil) runs July to December of the year, semester 2 (genap) January to June.
    Raises ValueError for anything else, and for years outside 1900–2999 (the pages step a day
    before and after a period, which overflows at the ends of the calendar)."""
    if kind == "month":
        year, month = (int(part) for part in value.split("-"))
        _check_year(year)
        start = datetime.date(year, month, 1)
        end = datetime.date(year + (month == 12), month % 12 + 1, 1)
        return start, end, date_format(start, "F Y")
    if kind == "semester":
        year, half = (int(part) for part in value.split("-"))
        _check_year(year)
        if half == 1:
            return (
                datetime.date(year, 7, 1),
                datetime.date(year + 1, 1, 1),
                _("Semester 1 (ganjil) %(y)s/%(z)s") % {"y": year, "z": year + 1},
            )
        if half == 2:
            return (
                datetime.date(year, 1, 1),
                datetime.date(year, 7, 1),
                _("Semester 2 (genap) %(y)s/%(z)s") % {"y": year - 1, "z": year},
            )
    raise ValueError(value)


def _check_year(year: int) -> None:
    if not 1900 <= year <= 2999:
        raise ValueError(year)


def journal_lines(*, organization, counselor, start: datetime.date, end: datetime.date) -> list[Line]:
    domains = dict(Domain.choices)
    services = dict(ServiceType.choices)

    def case_line(day, service, case) -> Line:
        return Line(
            day,
            service,
            services[service],
            case.domain,
            domains[case.domain],
            _("Case #%(n)s · %(name)s") % {"n": case.number, "name": case.person.full_name},
            reverse("case_detail", kwargs={"org": organization.slug, "case": case.pk}),
        )

    in_organization = {"case__organization": organization}
    lines = [
        case_line(s.date, s.service_type, s.case)
        for s in CounselingSession.objects.filter(
            **in_organization, recorded_by=counselor, date__gte=start, date__lt=end
        ).select_related("case__person")
    ]
    lines += [
        case_line(v.done_on, "kunjungan_rumah", v.case)
        for v in HomeVisit.objects.filter(
            **in_organization,
            created_by=counselor,
            status=HomeVisit.Status.DONE,
            done_on__gte=start,
            done_on__lt=end,
        ).select_related("case__person")
    ]
    lines += [
        case_line(c.date, "konferensi_kasus", c.case)
        for c in CaseConference.objects.filter(
            **in_organization,
            created_by=counselor,
            status=CaseConference.Status.HELD,
            date__gte=start,
            date__lt=end,
        ).select_related("case__person")
    ]
    lines += [
        case_line(timezone.localdate(r.created_at), "alih_tangan_kasus", r.case)
        for r in Referral.objects.filter(
            organization=organization,
            created_by=counselor,
            created_at__date__gte=start,
            created_at__date__lt=end,
        ).select_related("case__person")
    ]
    for e in JournalEntry.objects.filter(
        organization=organization, counselor=counselor, date__gte=start, date__lt=end
    ):
        lines.append(
            Line(
                e.date,
                e.service_type,
                services[e.service_type],
                e.domain,
                domains[e.domain],
                e.description,
                people=e.people or 0,
            )
        )
    lines += _alert_lines(organization, counselor, start, end)
    # Lines other apps add (the held meetings of activities the counselor facilitates).
    for source in registry.journal_sources():
        for item in source(organization, counselor, start, end):
            lines.append(
                Line(
                    item["date"],
                    item["service_type"],
                    services.get(item["service_type"], item["service_type"]),
                    item.get("domain", ""),
                    domains.get(item.get("domain", ""), ""),
                    item["what"],
                    item.get("url", ""),
                    people=item.get("people", 0),
                )
            )
    lines.sort(key=lambda line: (line.date, line.service_type))
    return lines


# What a counselor did about an alert, written in the jurnal (not counted as a BK service).
_ALERT_WORK = {
    AlertAction.Kind.ACKNOWLEDGED,
    AlertAction.Kind.CONTACTED_PERSON,
    AlertAction.Kind.CONTACTED_GUARDIAN,
    AlertAction.Kind.REFERRED_EMERGENCY,
    AlertAction.Kind.OUTCOME,
    AlertAction.Kind.CLOSED,
}


def _alert_lines(organization, counselor, start, end) -> list[Line]:
    actions = AlertAction.objects.filter(
        alert__organization=organization,
        actor=counselor,
        kind__in=_ALERT_WORK,
        at__date__gte=start,
        at__date__lt=end,
    ).select_related("alert__person")
    return [
        Line(
            timezone.localdate(a.at),
            "",
            _("Alert handling"),
            "",
            "",
            _("%(action)s · %(name)s")
            % {
                "action": a.get_kind_display(),
                "name": a.alert.person.full_name if a.alert.person_id else _("anonymous"),
            },
            reverse("alert_detail", kwargs={"org": organization.slug, "alert": a.alert_id}),
        )
        for a in actions
    ]


def people_reached(lines: list[Line]) -> dict[str, int]:
    """People reached in classical and group guidance, and in group counseling (from the counts
    on manual entries and on the activities' held meetings)."""
    reached = {"bimbingan_klasikal": 0, "bimbingan_kelompok": 0, "konseling_kelompok": 0}
    for line in lines:
        if line.service_type in reached:
            reached[line.service_type] += line.people
    return reached


def report_table(lines: list[Line], *, hide_small: bool):
    """Counts by service type (rows) × domain (columns), with the labels to show."""

    counts: dict = {}
    for line in lines:
        counts.setdefault(line.service_type, Counter())[line.domain] += 1
    rows = {str(label): counts[code] for code, label in ServiceType.choices if code in counts}
    table = suppress(
        rows, columns=[code for code, _label in Domain.choices], minimum=ACTIVITY_MINIMUM if hide_small else 0
    )
    return table, [str(label) for _code, label in Domain.choices]
