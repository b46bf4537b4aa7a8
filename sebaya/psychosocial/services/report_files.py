"""The 4W report as rows for a CSV file or a workbook, in the spirit of the IASC 4Ws data
collection sheet: one row per organization, activity, place and month, with the pyramid layer
and activity group, the four administrative levels, the first and last day, and the people
reached by sex and by age band. A hidden number is written "*" (as on every Sebaya page), never
left empty: empty would read as "nobody"."""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from sebaya.psychosocial.services.reports import (
    ACTIVITIES,
    BAND_LABELS,
    BANDS,
    MINIMUM,
    SEX_LABELS,
    SEXES,
    FourW,
    default_period,
)

__all__ = ["MINIMUM", "activity_summary", "default_period", "four_w_rows", "four_w_workbook"]

HIDDEN = "*"


def _n(value):
    return HIDDEN if value is None else value


def _day(value, *, text: bool):
    if value is None:
        return HIDDEN
    return value.isoformat() if text else value


def header() -> list[str]:
    return [
        _("Organization"),
        _("Role in the response"),
        _("Activity group"),
        _("Activity"),
        _("Pyramid layer"),
        _("4Ws code"),
        _("Province"),
        _("District or city"),
        _("Sub-district"),
        _("Village or place"),
        _("Month"),
        _("First day"),
        _("Last day"),
        _("People reached"),
        *(str(SEX_LABELS[s]) for s in SEXES),
        *(str(BAND_LABELS[b]) for b in BANDS),
        _("Times (contacts, follow-ups)"),
    ]


def four_w_rows(report: FourW, *, text_dates: bool = True) -> list[list]:
    """The header, the viewing organization's rows in detail, then every responding
    organization's people per activity for the whole period and place, then the response's."""
    incident = report.incident
    area = [incident.province, incident.district, incident.subdistrict]
    viewer = report.viewer
    role = {True: _("Leads"), False: _("Joined")}
    rows = [header()]
    for row in report.rows:
        activity = row.activity
        rows.append(
            [
                viewer.name,
                str(role[viewer.leads]),
                str(activity.group_label),
                str(activity.label),
                activity.layer,
                activity.code_4w,
                *area,
                row.place or _("Not recorded"),
                row.month,
                _day(row.start, text=text_dates),
                _day(row.end, text=text_dates),
                _n(row.people),
                *map(_n, row.by_sex),
                *map(_n, row.by_band),
                _n(row.times),
            ]
        )
    blank = [""] * (len(SEXES) + len(BANDS) + 1)
    start, end = report.period.start, report.period.end
    if not text_dates:
        first, last = start, end
    else:
        first, last = start.isoformat(), end.isoformat()
    shared = [(o.name, str(role[o.leads]), numbers) for o, numbers in report.shared()]
    shared.append((_("All responding organizations"), "", report.totals))
    for name, its_role, numbers in shared:
        for activity, people in zip(ACTIVITIES, numbers, strict=True):
            rows.append(
                [
                    name,
                    its_role,
                    str(activity.group_label),
                    str(activity.label),
                    activity.layer,
                    activity.code_4w,
                    *area,
                    _("All places"),
                    _("Whole period"),
                    first,
                    last,
                    _n(people),
                    *blank,
                ]
            )
    return rows


def four_w_workbook(report: FourW) -> tuple[dict, dict]:
    """Two sheets: the 4W rows, and what the numbers mean."""
    incident = report.incident
    sheet, about = _("4W"), pgettext("report", "About")
    notes = [
        [_("Incident"), incident.title],
        [_("Period"), report.period.start, report.period.end],
        [_("Organization"), report.viewer.name],
        [_("Made on"), report.period.day(timezone.now())],
        [],
        [_("What the numbers are")],
        [_("People reached are counted once per row, by the organization that registered them.")],
        [
            _(
                "* Hidden to protect privacy: a group of fewer than %(n)s people, or a number from "
                "which one could be worked out."
            )
            % {"n": MINIMUM}
        ],
        [_("The other organizations' rows give only their totals per activity.")],
        [_("The 4Ws code column is empty until the activity codes are checked against the IASC manual.")],
    ]
    widths = [28, 14, 26, 36, 8, 8, 16, 16, 16, 22, 10, 12, 12, 10, *([9] * (len(SEXES) + len(BANDS))), 12]
    return {sheet: four_w_rows(report, text_dates=False), about: notes}, {sheet: widths, about: [30, 60, 14]}


def activity_summary(report: FourW) -> list[tuple]:
    """(activity, each responding organization's people in `report.organizations` order, the
    whole response's people) per activity."""
    columns = [report.by_organization[o.pk] for o in report.organizations]
    return [
        (activity, [numbers[n] for numbers in columns], report.totals[n])
        for n, activity in enumerate(ACTIVITIES)
    ]
