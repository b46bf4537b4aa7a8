"""The durable outbox for emails that are not alerts: invitations, reminders, notices.

An email is a row first, written in the same transaction as whatever it tells about, and the
worker sends it later (claim with a lease, retry with a growing pause). Subjects and bodies come
from templates that never hold sensitive content: they say that there is something to see in
Sebaya and link to it, never who or what it is about. Alert emails have their own outbox
(`safety.Notification`), which also stops sending once someone acknowledges the alert.
"""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class OutgoingEmail(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting to be sent")
        SENDING = "sending", _("Being sent")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Could not be sent")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    to = models.EmailField()
    subject = models.CharField(max_length=200)
    body = models.TextField()
    # What it is for, as a code (e.g. "screening.invitation"), for the operator's counts.
    purpose = models.CharField(max_length=60)
    # A link that works as a credential (set your password, confirm it was you): once sent, the
    # body is erased, so the outbox does not keep a usable link.
    erase_body_when_sent = models.BooleanField(default=False)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING, db_index=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    next_attempt_at = models.DateTimeField(db_index=True)
    claimed_by = models.CharField(max_length=64, blank=True)
    claimed_until = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.purpose} → {self.to} ({self.status})"
