"""Queueing emails in the outbox, and the worker's job that sends them."""

from __future__ import annotations

import datetime
import logging

from django.conf import settings
from django.core.mail import EmailMessage
from django.db.models import F, Q
from django.template.loader import render_to_string
from django.utils import timezone, translation

from sebaya.kernel.leases import claim_rows
from sebaya.mail.models import OutgoingEmail

logger = logging.getLogger(__name__)


def email_queue(
    *, recipients, template: str, purpose: str, context: dict | None = None, erase_body_when_sent=False
) -> int:
    """Queue one email per recipient that has an address, in the recipient's own language.

    `template` names a pair: `<template>_subject.txt` and `<template>_body.txt`. Call it inside
    the transaction that writes what the email is about: both are kept, or neither. An email that
    carries a link working as a credential sets `erase_body_when_sent`.
    """
    now = timezone.now()
    rows = []
    for user in recipients:
        if not user.email or not user.is_active:
            continue  # in-app is the channel that always works; email is a courtesy
        with translation.override(user.language or settings.LANGUAGE_CODE):
            data = {"recipient": user, "base_url": settings.SEBAYA_BASE_URL, **(context or {})}
            subject = " ".join(render_to_string(f"{template}_subject.txt", data).split())
            body = render_to_string(f"{template}_body.txt", data)
        rows.append(
            OutgoingEmail(
                recipient=user,
                to=user.email,
                subject=subject[:200],
                body=body,
                purpose=purpose,
                erase_body_when_sent=erase_body_when_sent,
                next_attempt_at=now,
            )
        )
    OutgoingEmail.objects.bulk_create(rows)
    return len(rows)


def send_due(*, worker: str, now: datetime.datetime | None = None, batch: int = 50) -> int:
    """Claim due emails (and ones whose worker's lease ran out) and send them. Returns how many went."""
    now = now or timezone.now()
    claimable = Q(status=OutgoingEmail.Status.PENDING, next_attempt_at__lte=now) | Q(
        status=OutgoingEmail.Status.SENDING, claimed_until__lt=now
    )
    won = claim_rows(
        OutgoingEmail,
        claimable=claimable,
        claim={
            "status": OutgoingEmail.Status.SENDING,
            "claimed_by": worker,
            "claimed_until": now + datetime.timedelta(seconds=settings.WORKER_LEASE_SECONDS),
            "attempts": F("attempts") + 1,
        },
        order_by="next_attempt_at",
        batch=batch,
    )
    sent = 0
    for email in OutgoingEmail.objects.filter(pk__in=won):
        mine = OutgoingEmail.objects.filter(
            pk=email.pk, claimed_by=worker, status=OutgoingEmail.Status.SENDING
        )
        try:
            EmailMessage(subject=email.subject, body=email.body, to=[email.to]).send()
        except Exception as error:  # any transport failure: try again later, with a growing pause
            failed = email.attempts >= settings.WORKER_MAX_ATTEMPTS
            mine.update(
                status=OutgoingEmail.Status.FAILED if failed else OutgoingEmail.Status.PENDING,
                claimed_until=None,
                next_attempt_at=timezone.now()
                + datetime.timedelta(seconds=min(30 * 2**email.attempts, 3600)),
            )
            logger.warning("Email %s failed (attempt %s): %s", email.pk, email.attempts, type(error).__name__)
            continue
        done = {"status": OutgoingEmail.Status.SENT, "sent_at": timezone.now(), "claimed_until": None}
        if email.erase_body_when_sent:
            done["body"] = ""
        mine.update(**done)
        sent += 1
    return sent
