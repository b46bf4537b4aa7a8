"""The safety net: alerts that reach a human, the on-call rota, and durable notifications.

An alert is written in the same transaction as the record that raised it. Delivery and
escalation are done by the worker (`sebaya worker`) from rows in the database, so a crash, a
restart or a killed worker loses nothing: unfinished work is claimed again after its lease.
Alerts are never deleted.
"""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class RiskLevel(models.TextChoices):
    CRISIS = "crisis", _("Crisis")
    CONCERN = "concern", _("Concern")


# Higher first in the queue.
RISK_ORDER = {RiskLevel.CRISIS: 2, RiskLevel.CONCERN: 1}


class AlertSource(models.TextChoices):
    SCREENING = "screening", _("Screening answer")
    TRIAGE = "triage", _("Help request answer")
    TEXT = "text", _("Words in a message or note")
    CONCERN_FLAG = "concern_flag", _("Peer supporter's concern")
    COUNSELOR_MARK = "counselor_mark", _("Marked by a counselor")
    FIELD_REFERRAL = "field_referral", _("Psychological first aid: refer at once")


class OnCallSlot(models.Model):
    """One day of an organization's weekly rota: who is on call, and their backup."""

    class Weekday(models.IntegerChoices):
        MONDAY = 0, _("Monday")
        TUESDAY = 1, _("Tuesday")
        WEDNESDAY = 2, _("Wednesday")
        THURSDAY = 3, _("Thursday")
        FRIDAY = 4, _("Friday")
        SATURDAY = 5, _("Saturday")
        SUNDAY = 6, _("Sunday")

    organization = models.ForeignKey("organizations.Organization", on_delete=models.CASCADE, related_name="+")
    weekday = models.PositiveSmallIntegerField(_("day"), choices=Weekday.choices)
    primary = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("on call")
    )
    backup = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("backup")
    )

    class Meta:
        ordering = ["weekday"]
        constraints = [models.UniqueConstraint(fields=["organization", "weekday"], name="one_slot_per_day")]

    def __str__(self) -> str:
        return f"{self.get_weekday_display()}: {self.primary} / {self.backup}"


class AlertQuerySet(models.QuerySet):
    def open(self):
        """Raised and not yet acknowledged by anyone: the clock is running."""
        return self.filter(state=Alert.State.OPEN)

    def overdue(self, now):
        """Open past the minutes to acknowledge: the next step must be told."""
        return self.open().filter(ack_deadline__lte=now)


class Alert(models.Model):
    audit_sensitive = True
    Source = AlertSource  # so templates compare `alert.source == alert.Source.TEXT`

    class State(models.TextChoices):
        OPEN = "open", _("Waiting for acknowledgement")
        ACKNOWLEDGED = "acknowledged", _("Acknowledged")
        CLOSED = "closed", _("Closed")

    class Step(models.IntegerChoices):
        ON_CALL = 0, _("On-call counselor")
        BACKUP = 1, _("Backup counselor")
        COORDINATOR = 2, _("Coordinator")
        EVERYONE = 3, _("All counselors and coordinators")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    organization = models.ForeignKey("organizations.Organization", on_delete=models.PROTECT, related_name="+")
    # None for an anonymous help request: the alert still reaches a counselor.
    person = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    level = models.CharField(max_length=10, choices=RiskLevel.choices)
    source = models.CharField(max_length=20, choices=AlertSource.choices)
    # What raised it, as "app.model:pk", and short signal names (never the words themselves).
    source_ref = models.CharField(max_length=100, blank=True)
    signals = models.JSONField(default=list, blank=True)
    state = models.CharField(max_length=15, choices=State.choices, default=State.OPEN, db_index=True)
    step = models.PositiveSmallIntegerField(choices=Step.choices, default=Step.ON_CALL)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    ack_deadline = models.DateTimeField(db_index=True)
    acknowledged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    acknowledged_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    objects = AlertQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["organization", "state"], name="alert_org_state")]

    def __str__(self) -> str:
        return f"{self.get_level_display()} alert {self.pk}"

    def delete(self, *args, **kwargs):
        raise RuntimeError("Alerts are never deleted.")


class AlertAction(models.Model):
    """Everything that happened to an alert, by whom (None: the system) and when."""

    class Kind(models.TextChoices):
        RAISED = "raised", _("Raised")
        # Another signal about the same person (or anonymous request) and of the same kind while
        # the alert was not closed: added to it, never a second alert (detail: signals, level, source_ref).
        SIGNAL_ADDED = "signal_added", _("Another signal added")
        NOTIFIED = "notified", _("Notified")
        ESCALATED = "escalated", _("Escalated")
        ACKNOWLEDGED = "acknowledged", _("Acknowledged")
        CONTACTED_PERSON = "contacted_person", _("Contacted the person")
        CONTACTED_GUARDIAN = "contacted_guardian", _("Contacted the parent or guardian")
        REFERRED_EMERGENCY = "referred_emergency", _("Referred to emergency services")
        OUTCOME = "outcome", _("Outcome recorded")
        CLOSED = "closed", _("Closed")

    alert = models.ForeignKey(Alert, on_delete=models.PROTECT, related_name="actions")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    at = models.DateTimeField(auto_now_add=True, db_index=True)
    note = models.TextField(blank=True)
    detail = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.at:%Y-%m-%d %H:%M})"


class Notification(models.Model):
    """A message to one person about an alert: shown in the app, and sent by email by the worker.

    The row is the durable outbox: the worker claims it with a conditional UPDATE and a lease;
    a claim left by a killed worker expires and the row is claimed again.
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting to be sent")
        SENDING = "sending", _("Being sent")
        SENT = "sent", _("Sent")
        NO_ADDRESS = "no_address", _("No email address")
        NOT_NEEDED = "not_needed", _("Not needed: already acknowledged")
        FAILED = "failed", _("Could not be sent")

    alert = models.ForeignKey(Alert, on_delete=models.PROTECT, related_name="notifications")
    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    step = models.PositiveSmallIntegerField(choices=Alert.Step.choices)
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)
    email_status = models.CharField(
        max_length=10, choices=Status.choices, default=Status.PENDING, db_index=True
    )
    attempts = models.PositiveSmallIntegerField(default=0)
    next_attempt_at = models.DateTimeField(db_index=True)
    claimed_by = models.CharField(max_length=64, blank=True)
    claimed_until = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.recipient} ← {self.alert_id} ({self.email_status})"


class TextFlag(models.Model):
    """Words that only the learned model read as concern: one item in the counselors' outreach
    list per person and day, never an escalating alert (so the model's false concerns cannot wear
    out whoever is on call). Crisis, from either layer, and the lexicon's concern still raise alerts."""

    audit_sensitive = True

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    organization = models.ForeignKey("organizations.Organization", on_delete=models.PROTECT, related_name="+")
    # None for an anonymous help request: one item per request and day instead.
    person = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    source_ref = models.CharField(max_length=100)  # what was written, as "app.model:pk"
    day = models.DateField()  # in the organization's time zone
    score = models.FloatField()  # the model's probability of concern (or crisis)
    created_at = models.DateTimeField(auto_now_add=True)
    reached_out_at = models.DateTimeField(null=True, blank=True)
    reached_out_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    outreach_note = models.TextField(blank=True)

    class Meta:
        ordering = ["created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "person", "day"],
                condition=models.Q(person__isnull=False),
                name="one_text_flag_per_person_day",
            ),
            models.UniqueConstraint(
                fields=["organization", "source_ref", "day"],
                condition=models.Q(person__isnull=True),
                name="one_text_flag_per_anonymous_source_day",
            ),
        ]

    def __str__(self) -> str:
        return f"text flag {self.source_ref} {self.day}"


class RiskFeedback(models.Model):
    """A counselor's judgement of the detector on one text: a false alarm ("not a risk") or a risk
    it missed, with the level it should have had. Counted on the alert queue; reviewed lines made
    from them (`sebaya risk feedback export`, names and numbers removed) train the next model."""

    class Kind(models.TextChoices):
        FALSE_ALARM = "false_alarm", _("Not a risk")
        MISSED = "missed", _("A risk the system missed")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    organization = models.ForeignKey("organizations.Organization", on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(max_length=12, choices=Kind.choices)
    # The level the text should have had: "none" for a false alarm (or "concern", for a crisis that
    # was only a concern), "crisis" or "concern" for a miss.
    level = models.CharField(max_length=10)
    # The level the detector gave when the mark was made.
    detected = models.CharField(max_length=10)
    source_ref = models.CharField(max_length=100)
    alert = models.ForeignKey(Alert, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(auto_now_add=True, db_index=True)
    exported_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-at"]
        constraints = [
            # One judgement of a text by one counselor; a second one replaces nothing silently.
            models.UniqueConstraint(
                fields=["source_ref", "by"], name="one_risk_feedback_per_text_and_counselor"
            )
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.source_ref}"
