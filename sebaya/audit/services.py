"""Writing to the audit trail. Callers pass identifiers and codes, never record content."""

from django.http import HttpRequest

from sebaya.audit.models import AuditEvent


def client_ip(request: HttpRequest | None) -> str | None:
    """The same address the sign-in rate limits use (X-Forwarded-For behind a trusted proxy)."""
    if request is None:
        return None
    from allauth.core.internal.httpkit import get_client_ip
    from django.core.exceptions import ImproperlyConfigured

    try:
        return get_client_ip(request)
    except (ImproperlyConfigured, ValueError):
        return request.META.get("REMOTE_ADDR") or None


def record(
    *,
    action: str,
    actor=None,
    organization=None,
    target=None,
    subject_person_id=None,
    request: HttpRequest | None = None,
    detail: dict | None = None,
) -> AuditEvent:
    if actor is not None and not getattr(actor, "is_authenticated", False):
        actor = None
    if target is not None and subject_person_id is None:
        subject_person_id = _subject_of(target)
    return AuditEvent.objects.create(
        action=action,
        actor=actor,
        actor_label=actor.get_username() if actor is not None else "",
        organization=organization,
        subject_person_id=subject_person_id,
        target_type=target._meta.label_lower if target is not None else "",
        target_id=str(target.pk) if target is not None else "",
        ip_address=client_ip(request),
        detail=detail or {},
    )


def _subject_of(target):
    """The person a record is about: the record itself, or its `person` field."""
    if target._meta.label_lower == "people.person":
        return target.pk
    return getattr(target, "person_id", None)
