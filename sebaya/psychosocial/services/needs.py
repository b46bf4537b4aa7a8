"""The needs of a person or a family, who handles each, and when it should be met.

A need found in a PFA contact or at registration starts with the field worker who found it; a
child on their own is a protection task, urgent and due the same day, before anything else."""

from __future__ import annotations

import datetime
import zoneinfo

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from sebaya import access
from sebaya.audit.models import AuditAction
from sebaya.audit.services import record
from sebaya.kernel.versioning import EditConflict
from sebaya.psychosocial.models import (
    OPEN_NEEDS,
    AffectedPerson,
    Household,
    IncidentStatus,
    Need,
    NeedKind,
    NeedSource,
    NeedStatus,
)

# A need found in the field is looked at again within two days unless someone sets another date.
DEFAULT_DUE_DAYS = 2


class NeedError(ValueError):
    """A refusal with a message for the user (already translated)."""


def local_today(organization) -> datetime.date:
    return timezone.localdate(timezone=zoneinfo.ZoneInfo(organization.timezone))


def _audit(target_need: Need, by, request, **detail) -> None:
    record(
        action=AuditAction.RECORD_CHANGED,
        actor=by,
        organization=target_need.organization,
        target=target_need,
        subject_person_id=target_need.affected.person_id if target_need.affected_id else None,
        request=request,
        detail=detail,
    )


def _owner_checked(owner, organization):
    if owner is not None and not access.is_responder(owner, organization):
        raise NeedError(_("Choose someone of your organization who responds to this incident."))
    return owner


@transaction.atomic
def need_add(
    *,
    organization,
    by,
    kind: str,
    affected: AffectedPerson | None = None,
    household: Household | None = None,
    detail: str = "",
    urgent: bool = False,
    owner=None,
    due_on: datetime.date | None = None,
    source: str = NeedSource.ADDED,
    contact=None,
    client_id=None,
    request=None,
) -> tuple[Need, bool]:
    """Write one need of a person or a family; returns (the need, whether it was made now). The
    same form sent twice (`client_id`) is written once."""
    if client_id is not None:
        earlier = Need.objects.filter(client_id=client_id).first()
        if earlier is not None:
            return earlier, False
    if kind not in NeedKind.values:
        raise NeedError(_("Choose a need from the list."))
    if (affected is None) == (household is None):
        raise NeedError(_("A need belongs to one person or to one family."))
    holder = affected or household
    if holder.organization_id != organization.pk:
        raise NeedError(_("Choose a person or family your organization registered."))
    if affected is not None and affected.merged_into_id:
        raise NeedError(_("This registration was merged into another: add the need there."))
    if holder.incident.status == IncidentStatus.CLOSED:
        raise NeedError(_("The response to this incident is closed."))
    if due_on is not None and due_on < local_today(organization) - datetime.timedelta(days=1):
        raise NeedError(_("The due date has already passed. Choose today or a later day."))
    try:
        with transaction.atomic():
            need = Need.objects.create(
                incident_id=holder.incident_id,
                organization=organization,
                affected=affected,
                household=household,
                kind=kind,
                detail=(detail or "").strip()[:300],
                urgent=urgent,
                owner=_owner_checked(owner if owner is not None else by, organization),
                due_on=due_on or local_today(organization) + datetime.timedelta(days=DEFAULT_DUE_DAYS),
                source=source,
                contact=contact,
                client_id=client_id,
                created_by=by,
            )
    except IntegrityError:
        # The same form sent twice at once: the other request wrote it.
        transaction.set_rollback(True)
        return Need.objects.get(client_id=client_id), False
    _audit(need, by, request, need="added", kind=kind, urgent=urgent)
    return need, True


def protection_task(*, affected: AffectedPerson, by, source: str, contact=None, request=None) -> Need:
    """A child separated from their caregivers (or with no adult at all): an urgent family
    separation need, due today, with whoever found them. One open task per child: a second
    finding adds nothing."""
    existing = (
        Need.objects.open().filter(affected=affected, kind=NeedKind.FAMILY_SEPARATION, urgent=True).first()
    )
    if existing is not None:
        return existing
    # Stored, so in the organization's language whatever the worker's page is in.
    with translation.override(settings.LANGUAGE_CODE):
        detail = _(
            "Child without their caregivers: keep them safe, find their family, tell child protection."
        )
    need, _made = need_add(
        organization=affected.organization,
        by=by,
        kind=NeedKind.FAMILY_SEPARATION,
        affected=affected,
        detail=detail,
        urgent=True,
        due_on=local_today(affected.organization),
        source=source,
        contact=contact,
        request=request,
    )
    return need


@transaction.atomic
def need_update(
    *,
    need: Need,
    by,
    version: int,
    status: str,
    owner=None,
    due_on: datetime.date | None = None,
    outcome: str = "",
    request=None,
) -> Need:
    """Change who handles a need, its status or due date; a need closed says what was done."""
    current = Need.objects.select_for_update().get(pk=need.pk)
    if current.version != version:
        raise EditConflict(current)
    if status not in NeedStatus.values:
        raise NeedError(_("Choose a status from the list."))
    outcome = (outcome or "").strip()
    if status not in OPEN_NEEDS and not outcome:
        raise NeedError(_("Say in a few words what was done, or where the need was handed on."))
    changed = {}
    if current.status != status:
        changed["status"] = status
        current.closed_at = None if status in OPEN_NEEDS else timezone.now()
    new_owner = _owner_checked(owner, current.organization)
    if new_owner != current.owner:
        changed["owner"] = str(new_owner.pk) if new_owner else ""
    if due_on != current.due_on:
        changed["due_on"] = due_on.isoformat() if due_on else ""
    current.status = status
    current.owner = new_owner
    current.due_on = due_on
    current.outcome = outcome[:300]
    current.version += 1
    current.save()
    _audit(current, by, request, need="changed", **changed)
    return current


def open_needs(organization, incident=None):
    """The open needs of what this organization registered, urgent and soonest first."""
    needs = Need.objects.open().filter(organization=organization)
    if incident is not None:
        needs = needs.filter(incident=incident)
    return needs.select_related("affected__person", "household", "owner", "incident").order_by(
        "-urgent", "due_on", "created_at"
    )
