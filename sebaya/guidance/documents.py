"""The BK program's printed documents: the annual program (one PDF: cover, approval page,
rationale, needs, vision and mission, the plan by component, the calendar of months; and an
XLSX with the plan and the semester calendar), and the RPL in the official format. Written in
Indonesian like every official document (organizations.documents)."""

from __future__ import annotations

import datetime

from django.utils import timezone, translation
from django.utils.dates import MONTHS, MONTHS_3
from django.utils.text import slugify
from django.utils.translation import gettext as _

from sebaya.guidance.models import SemesterPlacement
from sebaya.guidance.models.choices import Component
from sebaya.guidance.services.program import SCHOOL_MONTHS
from sebaya.guidance.services.program_plans import steps_split
from sebaya.kernel.spreadsheets import xlsx_response
from sebaya.organizations import documents


def _name(user) -> str:
    if user is None:
        return ""
    return user.person.full_name if user.person_id else user.get_username()


def _file_name(program) -> str:
    grade = f"-{slugify(program.grade)}" if program.grade else ""
    return f"program-tahunan-bk-{program.school_year.replace('/', '-')}{grade}"


def month_names(months, *, short=False) -> str:
    """ "Jul, Agu" (or the full names); "Setiap bulan" for all twelve."""
    if len(months) == 12:
        return _("Every month")
    names = MONTHS_3 if short else MONTHS
    return ", ".join(str(names[m]).title() for m in months)


def _groups(program):
    items = list(program.items.select_related("responsible__person"))
    return [
        {"label": label, "items": [i for i in items if i.component == code]}
        for code, label in Component.choices
    ]


def program_pdf(request, program):
    organization = request.organization
    on = timezone.localtime(program.approved_at).date() if program.approved_at else timezone.localdate()
    with translation.override(documents.DOCUMENT_LANGUAGE):
        letterhead = documents.letterhead_for(organization)
        signatures = [
            [
                documents.principal(letterhead, _("Principal"), before=_("Approved by,")),
                documents.signer(
                    program.created_by, organization, _("Guidance counselor"), before=_("Prepared by,")
                ),
            ]
        ]
        groups = _groups(program)
        for group in groups:
            for item in group["items"]:
                item.month_names = month_names(item.months, short=True)
        months = [str(MONTHS_3[m]).title() for m in SCHOOL_MONTHS]
    return documents.document_pdf(
        request,
        "guidance/program/program_pdf.html",
        {
            "program": program,
            "groups": groups,
            "months": months,
            "school_months": SCHOOL_MONTHS,
            "signatures": signatures,
            "needs_items": [i for g in groups for i in g["items"] if i.need],
            "placements": SemesterPlacement.objects.filter(item__program=program)
            .select_related("item")
            .order_by("semester", "week_of", "class_name"),
        },
        f"{_file_name(program)}.pdf",
        on=on,
    )


def plan_pdf(request, plan):
    organization = request.organization
    with translation.override(documents.DOCUMENT_LANGUAGE):
        letterhead = documents.letterhead_for(organization)
        signatures = [
            [
                documents.principal(letterhead, _("Principal"), before=_("Acknowledged by,")),
                documents.signer(plan.created_by, organization, _("Guidance counselor")),
            ]
        ]
    return documents.document_pdf(
        request,
        "guidance/program/plan_pdf.html",
        {"plan": plan, "steps": steps_split(plan.steps), "signatures": signatures},
        f"rpl-{plan.school_year.replace('/', '-')}-{str(plan.pk)[:8]}.pdf",
        on=timezone.localdate(),
    )


def program_xlsx(program):
    """Two sheets: the plan (one row per item, a column per month July–June) and the semester
    calendar (one row per placement)."""
    month_heads = [str(MONTHS_3[m]).title() for m in SCHOOL_MONTHS]
    plan = [
        [program.title],
        [],
        [_("No."), _("Component"), _("Bidang"), _("Topic"), _("Need it answers"),
         _("Share of students, percent"), _("Service"), _("Person responsible"), *month_heads],
    ]  # fmt: skip
    number = 0
    for group in _groups(program):
        for item in group["items"]:
            number += 1
            plan.append(
                [
                    number,
                    item.get_component_display(),
                    item.get_domain_display(),
                    item.topic,
                    item.need,
                    item.need_share if item.need_share is not None else "",
                    item.get_service_type_display(),
                    _name(item.responsible),
                    *("x" if m in item.months else "" for m in SCHOOL_MONTHS),
                ]
            )
    calendar = [
        [
            _("Semester"),
            _("Week of"),
            _("Until"),
            _("Class"),
            _("Topic"),
            _("Component"),
            _("Bidang"),
            _("Service"),
        ]
    ]
    placements = (
        SemesterPlacement.objects.filter(item__program=program)
        .select_related("item")
        .order_by("semester", "week_of", "class_name")
    )
    for p in placements:
        calendar.append(
            [
                p.semester,
                p.week_of,
                p.week_of + datetime.timedelta(days=4),
                p.class_name or _("Every class"),
                p.item.topic,
                p.item.get_component_display(),
                p.item.get_domain_display(),
                p.item.get_service_type_display(),
            ]
        )
    plan_sheet, calendar_sheet = _("Annual program"), _("Semester calendar")
    return xlsx_response(
        filename=f"{_file_name(program)}.xlsx",
        sheets={plan_sheet: plan, calendar_sheet: calendar},
        widths={
            plan_sheet: [5, 30, 14, 40, 36, 10, 30, 24, *([6] * 12)],
            calendar_sheet: [10, 12, 12, 14, 40, 30, 14, 30],
        },
    )
