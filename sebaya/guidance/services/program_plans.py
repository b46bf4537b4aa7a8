"""Writes of the service plans (RPL, rencana pelaksanaan layanan): made from a program item
(component, bidang, topic and service carried over) or on their own; edited with optimistic
locking. The steps are kept in one text as three parts: opening (awal), core (inti), closing
(penutup), joined and split here."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils.translation import gettext as _

from sebaya.counseling.models import Domain, ServiceType
from sebaya.guidance.models import ServicePlan
from sebaya.guidance.models.choices import Component, Semester, validate_school_year
from sebaya.guidance.services.program import audit
from sebaya.kernel.versioning import EditConflict

PLAN_FIELDS = (
    "title",
    "component",
    "domain",
    "service_type",
    "school_year",
    "semester",
    "audience",
    "minutes",
    "goals",
    "method",
    "materials",
    "steps",
    "evaluation",
)
STEP_PARTS = ("opening", "core", "closing")
_MARK = "::{}::"


def steps_join(opening: str = "", core: str = "", closing: str = "") -> str:
    """The three parts of the steps as the one text the RPL keeps."""
    parts = {"opening": opening, "core": core, "closing": closing}
    return "\n".join(f"{_MARK.format(name)}\n{(parts[name] or '').strip()}" for name in STEP_PARTS)


def steps_split(text: str) -> dict[str, str]:
    """The three parts back; a text written without them is all core."""
    parts = dict.fromkeys(STEP_PARTS, "")
    if _MARK.format("core") not in (text or ""):
        parts["core"] = (text or "").strip()
        return parts
    current = None
    lines: dict[str, list[str]] = {name: [] for name in STEP_PARTS}
    for line in text.splitlines():
        marker = next((name for name in STEP_PARTS if line.strip() == _MARK.format(name)), None)
        if marker:
            current = marker
        elif current:
            lines[current].append(line)
    return {name: "\n".join(lines[name]).strip() for name in STEP_PARTS}


def initial_from_item(item) -> dict:
    """An RPL's fields filled from a program item."""
    return {
        "title": item.topic,
        "component": item.component,
        "domain": item.domain,
        "service_type": item.service_type,
        "school_year": item.program.school_year,
        "audience": _("Grade %(grade)s") % {"grade": item.program.grade} if item.program.grade else "",
    }


def _clean(fields: dict) -> dict:
    if set(fields) - set(PLAN_FIELDS):
        raise TypeError(f"Not RPL fields: {sorted(set(fields) - set(PLAN_FIELDS))}")
    fields = {k: v.strip() if isinstance(v, str) else v for k, v in fields.items()}
    if "title" in fields and not fields["title"]:
        raise ValidationError(_("Write the topic."), code="title")
    if "goals" in fields and not fields["goals"]:
        raise ValidationError(_("Write the goals of the service."), code="goals")
    if "school_year" in fields:
        validate_school_year(fields["school_year"])
    for name, choices, label in (
        ("component", Component, _("component")),
        ("domain", Domain, _("bidang")),
        ("service_type", ServiceType, _("service")),
        ("semester", Semester, _("semester")),
    ):
        if name in fields and fields[name] not in choices.values:
            raise ValidationError(_("Choose a %(what)s from the list.") % {"what": label}, code="choice")
    if "minutes" in fields and not 5 <= int(fields["minutes"] or 0) <= 480:
        raise ValidationError(_("The time is from 5 to 480 minutes."), code="minutes")
    return fields


@transaction.atomic
def plan_save(
    *, organization, by, plan=None, version: int | None = None, item=None, request=None, **fields
) -> ServicePlan:
    """Write a new RPL (from `item` when given) or change one (optimistic: `version` is the one
    edited; a stale version raises `EditConflict` with the plan as saved meanwhile)."""
    fields = _clean(fields)
    if plan is None:
        if item is not None and item.program.organization_id != organization.pk:
            raise ValueError("The item is not of this organization.")
        plan = ServicePlan.objects.create(organization=organization, item=item, created_by=by, **fields)
        what = "plan_created"
    else:
        if not ServicePlan.objects.filter(pk=plan.pk, organization=organization, version=version).update(
            **fields, version=F("version") + 1
        ):
            raise EditConflict(ServicePlan.objects.get(pk=plan.pk))
        plan.refresh_from_db()
        what = "plan_changed"
    audit(by=by, organization=organization, target=plan, what=what, request=request)
    return plan
