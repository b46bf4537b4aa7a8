"""Counseling sessions and their confidential notes (encrypted), and breaking the glass to read
another counselor's notes for a limited time."""

from __future__ import annotations

import datetime

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from sebaya.audit.models import AuditAction
from sebaya.audit.services import record
from sebaya.counseling.models import BreakGlass, Case, CounselingSession
from sebaya.counseling.services._shared import NotAllowedNow, _audit
from sebaya.counseling.services.cases import case_set_status
from sebaya.kernel.crypto import note_encrypt
from sebaya.kernel.versioning import EditConflict

BREAK_GLASS_MINUTES = 60


SESSION_FIELDS = {"date", "service_type", "duration_minutes", "discussed", "analysis", "plan", "seriousness"}


@transaction.atomic
def session_record(
    *, case: Case, by, confidential_note: str = "", request=None, **fields
) -> CounselingSession:
    """A counseling session. The first one moves a new case to "in progress"; its service joins
    the case's services. A counselor's own notes raise no alert: the counselor is the human the
    safety net would call (they raise one themselves when needed)."""
    if not case.is_open:
        raise NotAllowedNow("closed")
    unknown = set(fields) - SESSION_FIELDS
    if unknown:
        raise TypeError(f"Not session fields: {sorted(unknown)}")
    session = CounselingSession.objects.create(
        case=case, recorded_by=by, confidential_note=note_encrypt(confidential_note), **fields
    )
    if case.status == Case.Status.NEW:
        case_set_status(case=case, to_status=Case.Status.IN_PROGRESS, by=by, request=request)
    service = fields.get("service_type")
    if service and service not in case.service_types:
        Case.objects.filter(pk=case.pk).update(service_types=[*case.service_types, service])
    case.refresh_from_db()
    _audit(by=by, case=case, what="session_recorded", request=request, target=session)
    return session


@transaction.atomic
def session_update(
    *,
    session: CounselingSession,
    version: int,
    by,
    confidential_note: str | None = None,
    request=None,
    **fields,
) -> CounselingSession:
    """Change a session made on `version`. `confidential_note=None` leaves the note as it is
    (for someone who may not read it, the form has no note field)."""
    unknown = set(fields) - SESSION_FIELDS
    if unknown:
        raise TypeError(f"Not session fields: {sorted(unknown)}")
    changes = dict(fields)
    if confidential_note is not None:
        changes["confidential_note"] = note_encrypt(confidential_note)
    done = CounselingSession.objects.filter(pk=session.pk, version=version).update(
        **changes, version=F("version") + 1, updated_at=timezone.now()
    )
    if not done:
        raise EditConflict(CounselingSession.objects.get(pk=session.pk))
    session.refresh_from_db()
    _audit(by=by, case=session.case, what="session_changed", request=request, target=session)
    return session


@transaction.atomic
def break_glass(*, case: Case, by, reason: str, request=None) -> BreakGlass:
    """Another counselor reads the confidential notes for a limited time, with a reason."""
    if not reason.strip():
        raise ValueError("Breaking the glass needs a reason.")
    grant = BreakGlass.objects.create(
        case=case,
        user=by,
        reason=reason,
        expires_at=timezone.now() + datetime.timedelta(minutes=BREAK_GLASS_MINUTES),
    )
    record(
        action=AuditAction.BREAK_GLASS,
        actor=by,
        organization=case.organization,
        target=case,
        subject_person_id=case.person_id,
        request=request,
        detail={"minutes": BREAK_GLASS_MINUTES},
    )
    return grant
