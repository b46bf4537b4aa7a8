"""Writes of the BK program: the annual program (program tahunan) and its items, made from a
default structure or from the needs found, approved by the coordinator; and the program semester
(items placed in weeks and classes). Each write is one transaction and one audit event; bad
input raises `ValidationError` with a translated message and writes nothing.

Reads the calendar and the progress page use are here too: `placements_between` and
`program_progress`.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count, F, Max, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from sebaya import access
from sebaya.audit.models import AuditAction
from sebaya.audit.services import record
from sebaya.counseling.models import Domain, ServiceType
from sebaya.guidance.models import Activity, AnnualProgram, ProgramItem, SemesterPlacement
from sebaya.guidance.models.choices import Component, Semester, school_year_of, validate_school_year
from sebaya.kernel import errors
from sebaya.kernel.versioning import EditConflict
from sebaya.people.models import Membership

# The school year's months in order, July to June (the planned-months checkboxes and columns).
SCHOOL_MONTHS = (7, 8, 9, 10, 11, 12, 1, 2, 3, 4, 5, 6)
PROGRAM_TEXT_FIELDS = ("title", "rationale", "needs_summary", "vision_mission")
ALL_MONTHS = list(SCHOOL_MONTHS)


class NotAllowedNow(errors.NotAllowedNow):
    """A program is in a state where this cannot happen (`code` says which)."""


def audit(*, by, organization, target, what, request=None, **detail):
    record(
        action=AuditAction.RECORD_CHANGED,
        actor=by,
        organization=organization,
        target=target,
        request=request,
        detail={"bk_program": what, **detail},
    )


def default_rows() -> list[dict]:
    """The starting rows of a new program: typical topics per component and bidang, in the
    language of the person creating it, for the coordinator to adjust."""
    basic, individual = Component.BASIC, Component.INDIVIDUAL
    responsive, system = Component.RESPONSIVE, Component.SYSTEM
    classroom, group = ServiceType.CLASSROOM_GUIDANCE, ServiceType.GROUP_GUIDANCE
    consult, every = ServiceType.CONSULTATION, ALL_MONTHS
    personal, social, learning, career = Domain.PERSONAL, Domain.SOCIAL, Domain.LEARNING, Domain.CAREER
    rows = [
        (basic, personal, classroom, _("Knowing yourself: interests, talents and strengths"), [7, 8]),
        (basic, personal, classroom, _("Managing stress and emotions"), [10, 3]),
        (basic, social, classroom, _("Communicating well with friends and family"), [9]),
        (basic, social, classroom, _("Preventing bullying and keeping each other safe"), [8, 2]),
        (basic, learning, classroom, _("Study habits and managing your time"), [7, 1]),
        (basic, career, classroom, _("Exploring further study and work"), [11, 4]),
        (individual, learning, group, _("Choosing a specialisation and subjects"), [7, 5]),
        (individual, career, consult, _("An individual study and career plan"), [11, 12]),
        (
            responsive,
            personal,
            ServiceType.INDIVIDUAL,
            _("Individual counseling for students who need it"),
            every,
        ),
        (
            responsive,
            social,
            ServiceType.GROUP_COUNSELING,
            _("Group counseling on friendships and conflicts"),
            [10, 2],
        ),
        (
            responsive,
            learning,
            consult,
            _("Consultation with parents and homeroom teachers on learning difficulties"),
            every,
        ),
        (system, personal, ServiceType.CASE_CONFERENCE, _("Case conferences and work with partners"), every),
        (system, learning, consult, _("Needs assessment and the program's evaluation"), [7, 6]),
    ]
    return [
        {"component": c, "domain": d, "service_type": s, "topic": t, "months": m} for c, d, s, t, m in rows
    ]


def clean_months(months) -> list[int]:
    """The planned months as sorted unique ints 1–12; anything else is refused."""
    try:
        values = {int(m) for m in months or ()}
    except (TypeError, ValueError):
        values = {0}
    if any(not 1 <= m <= 12 for m in values):
        raise ValidationError(_("Planned months are numbers from 1 to 12."), code="months")
    return sorted(values, key=SCHOOL_MONTHS.index)


def _check_choice(value, choices, label):
    if value not in choices.values:
        raise ValidationError(_("Choose a %(what)s from the list.") % {"what": label}, code="choice")


@transaction.atomic
def program_create(
    *,
    organization,
    by,
    school_year: str = "",
    grade: str = "",
    title: str = "",
    with_defaults=True,
    request=None,
) -> AnnualProgram:
    """A new draft program for a school year (default: the current one) and a grade ("" = the
    whole school), with the default rows unless asked not to. One program per year and grade."""
    school_year = (school_year or school_year_of(timezone.localdate())).strip()
    validate_school_year(school_year)
    grade = (grade or "").strip()
    if AnnualProgram.objects.filter(organization=organization, school_year=school_year, grade=grade).exists():
        raise ValidationError(_duplicate_message(school_year, grade), code="duplicate")
    if not title.strip():
        title = (
            _("BK program %(year)s, grade %(grade)s") % {"year": school_year, "grade": grade}
            if grade
            else _("BK program %(year)s") % {"year": school_year}
        )
    try:
        with transaction.atomic():
            program = AnnualProgram.objects.create(
                organization=organization,
                school_year=school_year,
                grade=grade,
                title=title.strip(),
                created_by=by,
            )
    except IntegrityError:  # created by someone else a moment ago
        raise ValidationError(_duplicate_message(school_year, grade), code="duplicate") from None
    if with_defaults:
        ProgramItem.objects.bulk_create(
            [ProgramItem(program=program, position=n, **row) for n, row in enumerate(default_rows())]
        )
    audit(by=by, organization=organization, target=program, what="created", request=request)
    return program


def roster_grades(organization) -> list[str]:
    """The grades of the organization's active members, as the roster spells them (a program's
    grade is one of them, so that its needs results and classes match)."""
    members = Membership.objects.filter(organization=organization, is_active=True).exclude(grade="")
    return sorted(set(members.values_list("grade", flat=True)))


def _duplicate_message(school_year, grade) -> str:
    if grade:
        return _("There is already a program for grade %(grade)s in %(year)s: open it instead.") % {
            "grade": grade,
            "year": school_year,
        }
    return _("There is already a program for the whole school in %(year)s: open it instead.") % {
        "year": school_year
    }


def _reopen(program) -> dict:
    """Fields that return an approved program to draft: a change after signing needs signing again."""
    return {"status": AnnualProgram.Status.DRAFT, "approved_at": None}


@transaction.atomic
def program_update(*, program, by, version: int, needs_rounds=None, request=None, **fields) -> AnnualProgram:
    """Change the program's texts (optimistic: `version` is the one edited). An approved program
    goes back to draft."""
    if set(fields) - set(PROGRAM_TEXT_FIELDS):
        raise TypeError(f"Not program fields: {sorted(set(fields) - set(PROGRAM_TEXT_FIELDS))}")
    if "title" in fields and not fields["title"].strip():
        raise ValidationError(_("Give the program a title."), code="title")
    updated = AnnualProgram.objects.filter(pk=program.pk, version=version).update(
        **fields, **_reopen(program), version=F("version") + 1
    )
    if not updated:
        raise EditConflict(AnnualProgram.objects.get(pk=program.pk))
    program.refresh_from_db()
    if needs_rounds is not None:
        program.needs_rounds.set([r for r in needs_rounds if r.organization_id == program.organization_id])
    audit(by=by, organization=program.organization, target=program, what="changed", request=request)
    return program


@transaction.atomic
def program_approve(*, program, by, request=None) -> AnnualProgram:
    """The coordinator approves the program (the time is kept; the printed program carries the
    principal's signature block). A program without items cannot be approved."""
    if program.status == AnnualProgram.Status.APPROVED:
        raise NotAllowedNow("approved")
    if not program.items.exists():
        raise NotAllowedNow("empty")
    AnnualProgram.objects.filter(pk=program.pk).update(
        status=AnnualProgram.Status.APPROVED, approved_at=timezone.now(), version=F("version") + 1
    )
    program.refresh_from_db()
    audit(by=by, organization=program.organization, target=program, what="approved", request=request)
    return program


def touch(program):
    """An item changed: the program's version moves on, and an approved program returns to draft."""
    AnnualProgram.objects.filter(pk=program.pk).update(**_reopen(program), version=F("version") + 1)
    program.refresh_from_db()


@transaction.atomic
def item_save(
    *,
    program,
    by,
    item=None,
    component: str,
    domain: str,
    topic: str,
    service_type: str,
    months=(),
    need: str = "",
    need_share: int | None = None,
    responsible=None,
    request=None,
) -> ProgramItem:
    """Add an item to the program, or change one of its items."""
    _check_choice(component, Component, _("component"))
    _check_choice(domain, Domain, _("bidang"))
    _check_choice(service_type, ServiceType, _("service"))
    topic = (topic or "").strip()
    if not topic:
        raise ValidationError(_("Write the topic."), code="topic")
    if need_share is not None and not 0 <= need_share <= 100:
        raise ValidationError(_("The share of students is a percentage from 0 to 100."), code="share")
    if (
        responsible is not None
        and not access.assignable_counselors(program.organization).filter(pk=responsible.pk).exists()
    ):
        raise ValidationError(_("Choose a counselor of this organization."), code="responsible")
    values = {
        "component": component,
        "domain": domain,
        "topic": topic[:200],
        "service_type": service_type,
        "months": clean_months(months),
        "need": (need or "").strip()[:300],
        "need_share": need_share,
        "responsible": responsible,
    }
    if item is None:
        last = program.items.filter(component=component).aggregate(n=Max("position"))["n"]
        item = ProgramItem.objects.create(program=program, position=(last or 0) + 1, **values)
    else:
        if item.program_id != program.pk:
            raise ValueError("The item is not in this program.")
        for name, value in values.items():
            setattr(item, name, value)
        item.save()
    touch(program)
    audit(by=by, organization=program.organization, target=program, what="item_saved", request=request)
    return item


@transaction.atomic
def item_remove(*, item, by, request=None) -> None:
    """Remove an item (its placements go with it; its RPLs stay, no longer linked)."""
    program = item.program
    item.delete()
    touch(program)
    audit(by=by, organization=program.organization, target=program, what="item_removed", request=request)


# --- The program semester ------------------------------------------------------------------


def semester_bounds(school_year: str, semester: int) -> tuple[datetime.date, datetime.date]:
    """The first and last day of a semester: 1 = July–December, 2 = January–June."""
    start = int(school_year[:4])
    if semester == Semester.ODD:
        return datetime.date(start, 7, 1), datetime.date(start, 12, 31)
    return datetime.date(start + 1, 1, 1), datetime.date(start + 1, 6, 30)


def semester_mondays(school_year: str, semester: int) -> list[datetime.date]:
    first, last = semester_bounds(school_year, semester)
    monday = first - datetime.timedelta(days=first.weekday())
    if monday < first:
        monday += datetime.timedelta(days=7)
    weeks = []
    while monday <= last:
        weeks.append(monday)
        monday += datetime.timedelta(days=7)
    return weeks


@transaction.atomic
def placement_add(*, item, by, semester: int, week_of: datetime.date, class_name: str = "", request=None):
    """Place an item in a week (its Monday) for a class ("" = every class of the program)."""
    program = item.program
    if semester not in Semester.values:
        raise ValidationError(_("Choose semester 1 or 2."), code="semester")
    week_of = week_of - datetime.timedelta(days=week_of.weekday())
    if week_of not in semester_mondays(program.school_year, semester):
        raise ValidationError(
            _("That week is not in semester %(n)s of %(year)s.")
            % {"n": semester, "year": program.school_year},
            code="week",
        )
    class_name = (class_name or "").strip()[:40]
    placement, _created = SemesterPlacement.objects.get_or_create(
        item=item, semester=semester, week_of=week_of, class_name=class_name
    )
    audit(by=by, organization=program.organization, target=program, what="placed", request=request)
    return placement


@transaction.atomic
def placement_remove(*, placement, by, request=None) -> None:
    program = placement.item.program
    placement.delete()
    audit(by=by, organization=program.organization, target=program, what="unplaced", request=request)


@dataclass(frozen=True)
class ProgramWeek:
    """One program-semester entry for the calendar."""

    placement_id: object  # SemesterPlacement.pk (UUID)
    program_id: object  # AnnualProgram.pk, for a link to bk_semester
    item_id: object
    week_of: datetime.date  # the Monday
    week_end: datetime.date  # the Sunday
    semester: int
    class_name: str  # "" = every class of the program's grade (or school)
    grade: str  # the program's grade ("" = the whole school)
    topic: str
    component: str  # Component code
    domain: str  # Domain (bidang) code
    service_type: str  # ServiceType code
    approved: bool  # the program is approved (else a draft)


def placements_between(*, organization, start: datetime.date, end: datetime.date) -> list[ProgramWeek]:
    """The program-semester weeks of the organization that overlap [start, end] (dates,
    inclusive), ordered by week, class and topic: a list of `ProgramWeek`. Staff-only data
    (action "guidance.program"): the caller checks the viewer may see it."""
    rows = (
        SemesterPlacement.objects.filter(
            item__program__organization=organization,
            week_of__lte=end,
            week_of__gte=start - datetime.timedelta(days=6),
        )
        .select_related("item__program")
        .order_by("week_of", "class_name", "item__topic")
    )
    return [
        ProgramWeek(
            placement_id=p.pk,
            program_id=p.item.program_id,
            item_id=p.item_id,
            week_of=p.week_of,
            week_end=p.week_of + datetime.timedelta(days=6),
            semester=p.semester,
            class_name=p.class_name,
            grade=p.item.program.grade,
            topic=p.item.topic,
            component=p.item.component,
            domain=p.item.domain,
            service_type=p.item.service_type,
            approved=p.item.program.status == AnnualProgram.Status.APPROVED,
        )
        for p in rows
    ]


# --- Progress ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Progress:
    code: str
    label: str
    planned: int  # items of the program
    delivered: int  # of them, items with at least one activity done
    activities: int  # activities done for those items


def program_progress(program) -> dict[str, list[Progress]]:
    """Planned against delivered, per component and per bidang: an item is delivered when an
    activity done (guidance.Activity, status "done") carries an RPL made from it."""
    done = Q(plans__activities__status=Activity.Status.DONE)
    items = list(
        program.items.annotate(done=Count("plans__activities", filter=done, distinct=True)).values(
            "component", "domain", "done"
        )
    )

    def by(field, choices):
        rows = []
        for code, label in choices.choices:
            mine = [i for i in items if i[field] == code]
            rows.append(
                Progress(
                    code=code,
                    label=str(label),
                    planned=len(mine),
                    delivered=sum(1 for i in mine if i["done"]),
                    activities=sum(i["done"] for i in mine),
                )
            )
        return rows

    return {"component": by("component", Component), "domain": by("domain", Domain)}
