"""What the support services share: the state error, the audit event, record references,
the response clock and reading a grade."""

from __future__ import annotations

from django.utils import timezone

from sebaya.audit.models import AuditAction
from sebaya.audit.services import record
from sebaya.kernel import errors
from sebaya.support.models import HelpRequest


class NotAllowedNow(errors.NotAllowedNow):
    """The record is in a state where this cannot happen (closed, withdrawn, full…). `code` says which."""


def _audit(*, by, organization, target, what, request=None, subject_person_id=None):
    record(
        action=AuditAction.RECORD_CHANGED,
        actor=by,
        organization=organization,
        target=target,
        subject_person_id=subject_person_id,
        request=request,
        detail={"support": what},
    )


def _ref(obj) -> str:
    return f"{obj._meta.label_lower}:{obj.pk}"


def _first_contact(help_request: HelpRequest, by) -> None:
    """The response clock stops at the first human contact, once."""
    HelpRequest.objects.filter(pk=help_request.pk, first_contact_at__isnull=True).update(
        first_contact_at=timezone.now(), first_contact_by=by
    )
    help_request.refresh_from_db(fields=["first_contact_at", "first_contact_by"])


def _grade(value: str) -> int | None:
    digits = "".join(ch for ch in value if ch.isdigit())
    return int(digits) if digits else None
