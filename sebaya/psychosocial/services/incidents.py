"""Recording an incident (its lead organization starts the response) and changing it."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from sebaya.audit.models import AuditAction
from sebaya.audit.services import record
from sebaya.kernel.versioning import EditConflict
from sebaya.psychosocial.models import Exposure, Incident, IncidentKind, IncidentStatus


class IncidentError(ValueError):
    """A refusal with a message for the user (already translated)."""


def _checked(*, kind, title, started_on, ended_on, exposures) -> dict:
    if kind not in IncidentKind.values:
        raise IncidentError(_("Choose one of the kinds offered."))
    if not (title or "").strip():
        raise IncidentError(_("Give the incident a name people will recognise."))
    if ended_on and started_on and ended_on < started_on:
        raise IncidentError(_("An incident cannot end before it starts."))
    unknown = set(exposures) - set(Exposure.values)
    if unknown:
        raise IncidentError(_("Choose the exposure levels from the list."))
    return {"exposures": [code for code in Exposure.values if code in set(exposures)]}


@transaction.atomic
def incident_create(
    *,
    organization,
    by,
    kind: str,
    title: str,
    started_on,
    ended_on=None,
    own_site: bool = False,
    province: str = "",
    district: str = "",
    subdistrict: str = "",
    villages: str = "",
    description: str = "",
    exposures=(),
    request=None,
) -> Incident:
    checked = _checked(kind=kind, title=title, started_on=started_on, ended_on=ended_on, exposures=exposures)
    incident = Incident.objects.create(
        organization=organization,
        kind=kind,
        title=title.strip(),
        started_on=started_on,
        ended_on=ended_on,
        own_site=own_site,
        province=province.strip(),
        district=district.strip(),
        subdistrict=subdistrict.strip(),
        villages="\n".join(line.strip() for line in villages.splitlines() if line.strip()),
        description=description.strip(),
        exposures=checked["exposures"],
        created_by=by,
    )
    record(
        action=AuditAction.RECORD_CHANGED,
        actor=by,
        organization=organization,
        target=incident,
        request=request,
        detail={"incident": "created", "kind": kind},
    )
    return incident


@transaction.atomic
def incident_update(
    *, incident: Incident, version: int | None, by, status: str, request=None, **fields
) -> Incident:
    """Change what is known of the incident, or its status (closing it asks for a summary)."""
    current = Incident.objects.select_for_update().get(pk=incident.pk)
    if version is not None and current.version != version:
        raise EditConflict(current)
    checked = _checked(
        kind=fields["kind"],
        title=fields["title"],
        started_on=fields["started_on"],
        ended_on=fields.get("ended_on"),
        exposures=fields.get("exposures", ()),
    )
    if status not in IncidentStatus.values:
        raise IncidentError(_("Choose one of the statuses offered."))
    if status == IncidentStatus.CLOSED and not (fields.get("closing_summary") or "").strip():
        raise IncidentError(_("Closing the response needs a short summary of what was done."))
    for name in ("kind", "started_on", "ended_on", "own_site"):
        if name in fields:
            setattr(current, name, fields[name])
    for name in ("title", "province", "district", "subdistrict", "description", "closing_summary"):
        if name in fields:
            setattr(current, name, (fields[name] or "").strip())
    if "villages" in fields:
        current.villages = "\n".join(line.strip() for line in fields["villages"].splitlines() if line.strip())
    current.exposures = checked["exposures"]
    current.status = status
    current.version += 1
    current.save()
    record(
        action=AuditAction.RECORD_CHANGED,
        actor=by,
        organization=current.organization,
        target=current,
        request=request,
        detail={"incident": "changed", "status": status},
    )
    return current
