"""Each user's iCalendar feed: a secret address for their phone's calendar app. Only the
secret's SHA-256 is kept, so the address is shown once, when it is made; making a new one
replaces the old, which then answers 404."""

from __future__ import annotations

import hashlib
import secrets

from django.db import transaction

from sebaya.audit.models import AuditAction
from sebaya.audit.services import record
from sebaya.guidance.models import CalendarFeed

TOKEN_BYTES = 32  # 43 characters, URL-safe


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


@transaction.atomic
def feed_reset(*, user, organization, request=None) -> str:
    """A new secret address for this user in this organization (the old one stops working).
    Returns the secret: the caller shows it once."""
    token = secrets.token_urlsafe(TOKEN_BYTES)
    existed = CalendarFeed.objects.filter(user=user, organization=organization).delete()[0] > 0
    feed = CalendarFeed.objects.create(user=user, organization=organization, token_hash=token_hash(token))
    record(
        action=AuditAction.ORGANIZATION_CHANGED,
        actor=user,
        organization=organization,
        target=feed,
        request=request,
        detail={"calendar_feed": "reset" if existed else "created"},
    )
    return token


@transaction.atomic
def feed_remove(*, user, organization, request=None) -> bool:
    removed = CalendarFeed.objects.filter(user=user, organization=organization).delete()[0] > 0
    if removed:
        record(
            action=AuditAction.ORGANIZATION_CHANGED,
            actor=user,
            organization=organization,
            request=request,
            detail={"calendar_feed": "removed"},
        )
    return removed


def feed_exists(*, user, organization) -> bool:
    return CalendarFeed.objects.filter(user=user, organization=organization).exists()


def feed_for(token: str) -> CalendarFeed | None:
    """The feed a secret opens, if any (and its user can still sign in)."""
    if not token or len(token) > 100:
        return None
    return (
        CalendarFeed.objects.select_related("user", "organization")
        .filter(token_hash=token_hash(token), user__is_active=True)
        .first()
    )
