"""What the counseling services share: the state error and the case's audit event."""

from __future__ import annotations

from sebaya.audit.models import AuditAction
from sebaya.audit.services import record


class NotAllowedNow(Exception):
    def __init__(self, code: str):
        super().__init__(code)
        self.code = code


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
