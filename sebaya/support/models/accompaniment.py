"""Accompaniment: a support relationship, its sessions and message thread, step up or down,
supervision notes."""

import uuid

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from sebaya.support.models.requests import HelpRequest
from sebaya.support.models.supporters import SupporterProfile


class SupportRelationshipQuerySet(models.QuerySet):
    def ongoing(self):
        """Active or paused: the person is still accompanied (counts toward the supporter's load)."""
        return self.filter(status__in=SupportRelationship.ONGOING)


class SupportRelationship(models.Model):
    """A person accompanied by a peer supporter (tier 1)."""

    audit_sensitive = True

    class Status(models.TextChoices):
        ACTIVE = "active", _("Active")
        PAUSED = "paused", _("Paused")
        STEPPED_UP = "stepped_up", _("Stepped up to a counselor")
        CLOSED = "closed", _("Closed")

    ONGOING = (Status.ACTIVE, Status.PAUSED)

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    organization = models.ForeignKey("organizations.Organization", on_delete=models.PROTECT, related_name="+")
    # None when the request was anonymous: the supporter sees only "anonymous".
    person = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, null=True, blank=True, related_name="support_relationships"
    )
    help_request = models.ForeignKey(
        HelpRequest, on_delete=models.PROTECT, null=True, blank=True, related_name="relationships"
    )
    supporter = models.ForeignKey(SupporterProfile, on_delete=models.PROTECT, related_name="relationships")
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.ACTIVE, db_index=True)
    matched_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    match_reasons = models.JSONField(default=list, blank=True)
    started_at = models.DateTimeField(auto_now_add=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    closing_note = models.TextField(blank=True)
    feedback_rating = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    feedback_comment = models.TextField(blank=True)
    feedback_at = models.DateTimeField(null=True, blank=True)
    # How far each side of the thread has read: the newest message shown to it when it last opened
    # the thread. What the other side wrote after that is unread (the menu's badge counts it).
    person_read_at = models.DateTimeField(null=True, blank=True)
    supporter_read_at = models.DateTimeField(null=True, blank=True)

    objects = SupportRelationshipQuerySet.as_manager()

    class Meta:
        ordering = ["-started_at"]

    def __str__(self) -> str:
        return f"{self.supporter} ↔ {self.person_id or 'anonymous'}"

    @property
    def is_open(self) -> bool:
        return self.status in self.ONGOING


class PeerSession(models.Model):
    """One conversation between a supporter and the person, logged by the supporter."""

    class Mode(models.TextChoices):
        IN_PERSON = "in_person", _("In person")
        CHAT = "chat", _("Chat")
        CALL = "call", _("Call")

    relationship = models.ForeignKey(SupportRelationship, on_delete=models.PROTECT, related_name="sessions")
    date = models.DateField(_("date"))
    mode = models.CharField(_("how"), max_length=10, choices=Mode.choices)
    duration_minutes = models.PositiveSmallIntegerField(
        _("minutes"), validators=[MinValueValidator(1), MaxValueValidator(240)]
    )
    topics = models.JSONField(_("topics"), default=list, blank=True)
    mood_before = models.PositiveSmallIntegerField(
        _("mood before (1–5)"), validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    mood_after = models.PositiveSmallIntegerField(
        _("mood after (1–5)"), validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    note = models.TextField(_("short note"), blank=True)
    concern = models.BooleanField(_("I am worried about their safety"), default=False)
    logged_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-date", "-created_at"]

    def __str__(self) -> str:
        return f"{self.relationship_id} {self.date}"


class MessageQuerySet(models.QuerySet):
    def seen_by_supervisors(self, prefix: str = ""):
        """What a supervising counselor may read of a private thread: the messages reported by
        either side or flagged by the risk detector, never the rest. `prefix` follows a relation
        ("messages__") when filtering relationships."""
        return self.filter(SUPERVISORS_SEE(prefix))


def SUPERVISORS_SEE(prefix: str = "") -> models.Q:  # noqa: N802 (a rule, named like a constant)
    return models.Q(**{f"{prefix}reported_at__isnull": False}) | ~models.Q(**{f"{prefix}risk_level": ""})


# The field keeping each side's read mark (see SupportRelationship).
READ_MARKS = {"person": "person_read_at", "supporter": "supporter_read_at"}


def UNREAD_BY(side: str, *, message: str = "", relationship: str = "relationship__") -> models.Q:  # noqa: N802
    """The messages `side` ("person" or "supporter") has not read: the other side's, written after
    this side's read mark. `message` and `relationship` lead from the rows filtered to the message
    and to its relationship (on SupportRelationship: message="messages__", relationship="")."""
    mark = f"{relationship}{READ_MARKS[side]}"
    return models.Q(**{f"{message}from_supporter": side == "person"}) & (
        models.Q(**{f"{mark}__isnull": True}) | models.Q(**{f"{message}created_at__gt": models.F(mark)})
    )


class Message(models.Model):
    """A message in the thread between a person and their peer supporter."""

    relationship = models.ForeignKey(SupportRelationship, on_delete=models.PROTECT, related_name="messages")
    # None: the person accompanied, writing anonymously with their code.
    sender = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    from_supporter = models.BooleanField()
    body = models.TextField()
    # The risk detector's level when it arrived ("" for none); a flagged message is visible to
    # the supervisor, as is a reported one.
    risk_level = models.CharField(max_length=10, blank=True)
    reported_at = models.DateTimeField(null=True, blank=True)
    reported_by_supporter = models.BooleanField(null=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    objects = MessageQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"{self.relationship_id} {self.created_at:%Y-%m-%d %H:%M}"


class Transition(models.Model):
    """A step on the ladder, always recorded with a hand-over note: up to a counselor, or down
    from a counselor back to a peer."""

    class Kind(models.TextChoices):
        STEP_UP = "step_up", _("Stepped up to a counselor")
        STEP_DOWN = "step_down", _("Stepped down to a peer supporter")

    organization = models.ForeignKey("organizations.Organization", on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    person = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    relationship = models.ForeignKey(
        SupportRelationship, on_delete=models.PROTECT, null=True, blank=True, related_name="transitions"
    )
    help_request = models.ForeignKey(
        HelpRequest, on_delete=models.PROTECT, null=True, blank=True, related_name="transitions"
    )
    note = models.TextField(_("hand-over note"))
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.kind} {self.at:%Y-%m-%d}"


class SupervisionNote(models.Model):
    """A supervising counselor's note about a supporter's work (never shown to the people helped)."""

    supporter = models.ForeignKey(
        SupporterProfile, on_delete=models.PROTECT, related_name="supervision_notes"
    )
    relationship = models.ForeignKey(
        SupportRelationship, on_delete=models.PROTECT, null=True, blank=True, related_name="supervision_notes"
    )
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    body = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.supporter_id} {self.created_at:%Y-%m-%d}"
