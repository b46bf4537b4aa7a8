"""What the counseling services share: the state error and the case's audit event."""

from __future__ import annotations

from sebaya.audit.models import AuditAction
from sebaya.audit.services import record
from sebaya.kernel import errors


class NotAllowedNow(errors.NotAllowedNow):
    """A case or its records are in a state where this cannot happen (`code` says which)."""


def _audit(*, by, case, what, request=None, target=None):
    record(
        action=AuditAction.RECORD_CHANGED,
        actor=by,
        organization=case.organization,
        target=target or case,
        subject_person_id=case.person_id,
        request=request,
        detail={"case": what},
    )
