"""Tier 1 of the care ladder: help requests, triage, peer supporters, accompaniment.

A help request may come from a signed-in member or anonymously (with a follow-up code and PIN);
either way it enters triage and the safety net. A request routed to a peer becomes a support
relationship with a certified peer supporter: session logs, a message thread, step up to a
counselor, closing with feedback. Everything a person writes here is sensitive: staff reads are
audited (`audit_sensitive`), and words are scanned by the risk detector as they arrive.
"""

import uuid

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _


class Topic(models.TextChoices):
    ACADEMIC = "academic", _("Academic stress")
    FAMILY = "family", _("Family")
    RELATIONSHIPS = "relationships", _("Friendship and relationships")
    BULLYING = "bullying", _("Bullying")
    ANXIETY = "anxiety", _("Anxiety or worry")
    LOW_MOOD = "low_mood", _("Low mood")
    GRIEF = "grief", _("Grief and loss")
    ADJUSTMENT = "adjustment", _("Adjusting to a new school")
    OTHER = "other", _("Something else")


class Tier(models.TextChoices):
    PEER = "peer", _("Peer supporter")
    COUNSELOR = "counselor", _("Counselor")
    URGENT = "urgent", _("Counselor, urgently")


class Urgency(models.TextChoices):
    URGENT = "urgent", _("Urgent: today")
    SOON = "soon", _("Soon: within two school days")
    ROUTINE = "routine", _("Routine: within a week")


URGENCY_ORDER = {Urgency.URGENT: 0, Urgency.SOON: 1, Urgency.ROUTINE: 2}


class HelperPreference(models.TextChoices):
    EITHER = "either", _("Either is fine")
    PEER = "peer", _("A trained friend (peer supporter)")
    COUNSELOR = "counselor", _("A counselor")


class GenderPreference(models.TextChoices):
    ANY = "any", _("No preference")
    FEMALE = "female", _("A woman or girl")
    MALE = "male", _("A man or boy")


class Mode(models.TextChoices):
    EITHER = "either", _("Either")
    IN_PERSON = "in_person", _("In person")
    ONLINE = "online", _("Online (chat in Sebaya)")


# Weekly times, as codes "mon_morning" ... "sun_evening"; the same codes for a supporter's
# availability and a request's suitable times.
DAYS = [
    ("mon", _("Monday")),
    ("tue", _("Tuesday")),
    ("wed", _("Wednesday")),
    ("thu", _("Thursday")),
    ("fri", _("Friday")),
    ("sat", _("Saturday")),
    ("sun", _("Sunday")),
]
PARTS = [("morning", _("morning")), ("afternoon", _("afternoon")), ("evening", _("evening"))]
TIME_SLOTS = [f"{day}_{part}" for day, _d in DAYS for part, _p in PARTS]


class SupporterProfile(models.Model):
    """A peer supporter on the roster: whether they may be matched, how many people they can
    accompany, when, on what, in which languages, and who supervises them.

    `certified` is kept by the training program: `programs.services.certify` sets it, and the
    worker clears it when the certificate expires.
    """

    class Status(models.TextChoices):
        TRAINEE = "trainee", _("Trainee")
        ACTIVE = "active", _("Active")
        PAUSED = "paused", _("Paused")
        RETIRED = "retired", _("Retired")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    organization = models.ForeignKey("organizations.Organization", on_delete=models.PROTECT, related_name="+")
    membership = models.OneToOneField(
        "people.Membership", on_delete=models.PROTECT, related_name="supporter_profile"
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.ACTIVE)
    certified = models.BooleanField(_("certified"), default=False)
    certified_at = models.DateTimeField(null=True, blank=True)
    certified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    capacity = models.PositiveSmallIntegerField(
        _("how many people at once"), default=3, validators=[MinValueValidator(1), MaxValueValidator(10)]
    )
    # How many new students they can be a buddy for (0: not a buddy), apart from `capacity`.
    buddy_capacity = models.PositiveSmallIntegerField(
        _("new students as a buddy"), default=5, validators=[MaxValueValidator(20)]
    )
    availability = models.JSONField(_("when available"), default=list, blank=True)
    topics = models.JSONField(_("topics they have experience with"), default=list, blank=True)
    languages = models.JSONField(_("languages"), default=list, blank=True)
    supervisor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("supervising counselor"),
    )
    # Set when they missed their last supervision session, cleared when they attend one
    # (programs.supervision.attendance_record): no new matches meanwhile.
    supervision_missed = models.BooleanField(default=False)
    pause_note = models.CharField(_("note on the pause"), max_length=200, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("peer supporter")

    def __str__(self) -> str:
        return str(self.membership.person)

    @property
    def person(self):
        return self.membership.person

    @property
    def matchable(self) -> bool:
        return (
            self.certified
            and self.status == self.Status.ACTIVE
            and not self.supervision_missed
            and self.membership.is_active
        )


# Who may receive a new match (a person to accompany, a new student as a buddy); the queryset
# form of `SupporterProfile.matchable`.
MATCHABLE = models.Q(
    certified=True,
    status=SupporterProfile.Status.ACTIVE,
    supervision_missed=False,
    membership__is_active=True,
)


class SupporterConflict(models.Model):
    """A declared conflict: this supporter must never be matched with this person."""

    supporter = models.ForeignKey(SupporterProfile, on_delete=models.CASCADE, related_name="conflicts")
    person = models.ForeignKey("people.Person", on_delete=models.CASCADE, related_name="+")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["supporter", "person"], name="one_conflict_row")]

    def __str__(self) -> str:
        return f"{self.supporter_id} ≠ {self.person_id}"


class HelpRequest(models.Model):
    """Someone asks for help. Anonymous requests have no person: a follow-up code and a PIN let
    the person come back; staff see "anonymous" and peers never learn who it is."""

    audit_sensitive = True

    class Status(models.TextChoices):
        NEW = "new", _("Waiting for triage")
        WITH_PEER = "with_peer", _("With a peer supporter")
        WITH_COUNSELOR = "with_counselor", _("With a counselor")
        CLOSED = "closed", _("Closed")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    class Source(models.TextChoices):
        FORM = "form", _("Help request form")
        STEP_UP = "step_up", _("Stepped up by a peer supporter")
        STEP_DOWN = "step_down", _("Stepped down by a counselor")
        SCREENING = "screening", _("Screening result")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    organization = models.ForeignKey("organizations.Organization", on_delete=models.PROTECT, related_name="+")
    person = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, null=True, blank=True, related_name="help_requests"
    )
    source = models.CharField(max_length=20, choices=Source.choices, default=Source.FORM)
    # Anonymous requests: the code is shown once to the person; the PIN is stored hashed.
    follow_up_code = models.CharField(max_length=12, unique=True, null=True, blank=True)
    pin_hash = models.CharField(max_length=200, blank=True)
    topic = models.CharField(_("topic"), max_length=20, choices=Topic.choices)
    details = models.TextField(_("in a few words"), blank=True)
    helper = models.CharField(
        max_length=10, choices=HelperPreference.choices, default=HelperPreference.EITHER
    )
    helper_gender = models.CharField(
        max_length=10, choices=GenderPreference.choices, default=GenderPreference.ANY
    )
    mode = models.CharField(max_length=10, choices=Mode.choices, default=Mode.EITHER)
    times = models.JSONField(default=list, blank=True)
    not_same_class = models.BooleanField(default=False)
    # The very short check: PHQ-4 answers and score, and the one safety question.
    check_answers = models.JSONField(default=list, blank=True)
    check_total = models.PositiveSmallIntegerField(null=True, blank=True)
    check_band = models.CharField(max_length=20, blank=True)
    safety_answer = models.BooleanField(null=True)
    # Triage: the tier and urgency in force (the latest decision), and the clocks.
    tier = models.CharField(max_length=10, choices=Tier.choices)
    urgency = models.CharField(max_length=10, choices=Urgency.choices)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.NEW, db_index=True)
    # For a step-up: the relationship it came from.
    stepped_up_from = models.ForeignKey(
        "SupportRelationship", on_delete=models.PROTECT, null=True, blank=True, related_name="step_ups"
    )
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    first_contact_at = models.DateTimeField(null=True, blank=True)
    first_contact_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["organization", "status"], name="helprequest_org_status")]
        verbose_name = _("help request")

    def __str__(self) -> str:
        return f"{self.get_topic_display()} ({self.created_at:%Y-%m-%d})"

    @property
    def is_anonymous(self) -> bool:
        return self.person_id is None

    @property
    def is_open(self) -> bool:
        return self.status not in {self.Status.CLOSED, self.Status.WITHDRAWN}

    @property
    def is_urgent(self) -> bool:
        return self.urgency == Urgency.URGENT

    @property
    def needs_crisis_lines(self) -> bool:
        """Show the numbers to call now: the person said they are not safe, or triage found it urgent."""
        return bool(self.safety_answer) or self.tier == Tier.URGENT


class TriageDecision(models.Model):
    """Every triage decision, by the rules (decided_by is None) or by a counselor, with why."""

    help_request = models.ForeignKey(HelpRequest, on_delete=models.PROTECT, related_name="decisions")
    tier = models.CharField(max_length=10, choices=Tier.choices)
    urgency = models.CharField(max_length=10, choices=Urgency.choices)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    is_override = models.BooleanField(default=False)
    # The rules' reasons as codes; a counselor's reason as text.
    rule_reasons = models.JSONField(default=list, blank=True)
    reason = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"{self.tier}/{self.urgency}"


class RequestMessage(models.Model):
    """A reply on a help request, from staff or from the person who asked."""

    help_request = models.ForeignKey(HelpRequest, on_delete=models.PROTECT, related_name="messages")
    # None: the person who asked (signed in or with their code).
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    from_requester = models.BooleanField(default=False)
    body = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"{self.help_request_id} {self.created_at:%Y-%m-%d %H:%M}"


class SupportRelationship(models.Model):
    """A person accompanied by a peer supporter (tier 1)."""

    audit_sensitive = True

    class Status(models.TextChoices):
        ACTIVE = "active", _("Active")
        PAUSED = "paused", _("Paused")
        STEPPED_UP = "stepped_up", _("Stepped up to a counselor")
        CLOSED = "closed", _("Closed")

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

    class Meta:
        ordering = ["-started_at"]

    def __str__(self) -> str:
        return f"{self.supporter} ↔ {self.person_id or 'anonymous'}"

    @property
    def is_open(self) -> bool:
        return self.status in {self.Status.ACTIVE, self.Status.PAUSED}


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


class BuddyBatch(models.Model):
    """One run of the buddy system: the new students of an intake, each paired with a buddy.
    A draft is previewed and edited, then confirmed (or discarded)."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        CONFIRMED = "confirmed", _("Confirmed")
        DISCARDED = "discarded", _("Discarded")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    organization = models.ForeignKey("organizations.Organization", on_delete=models.PROTECT, related_name="+")
    intake_grade = models.CharField(_("intake grade"), max_length=20)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    total_cost = models.IntegerField(default=0)
    unassigned = models.JSONField(default=list, blank=True)  # person ids left without a buddy
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.intake_grade} ({self.status})"


class BuddyPair(models.Model):
    batch = models.ForeignKey(BuddyBatch, on_delete=models.CASCADE, related_name="pairs")
    student = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="buddy_pairs")
    buddy = models.ForeignKey(SupporterProfile, on_delete=models.PROTECT, related_name="buddy_pairs")
    cost = models.IntegerField(default=0)
    edited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["student__full_name"]
        constraints = [
            models.UniqueConstraint(fields=["batch", "student"], name="one_buddy_per_student_per_batch")
        ]

    def __str__(self) -> str:
        return f"{self.student_id} → {self.buddy_id}"
