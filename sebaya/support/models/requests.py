"""Help requests (signed in or anonymous), their triage decisions and replies."""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Case, IntegerField, Value, When
from django.utils.translation import gettext_lazy as _

from sebaya.support.models.choices import (
    URGENCY_ORDER,
    GenderPreference,
    HelperPreference,
    Mode,
    Tier,
    Topic,
    Urgency,
)


class HelpRequestQuerySet(models.QuerySet):
    def open(self):
        """Requests still being looked after (not closed, not withdrawn)."""
        return self.exclude(status__in=HelpRequest.FINISHED)

    def finished(self):
        return self.filter(status__in=HelpRequest.FINISHED)

    def awaiting_triage(self):
        return self.filter(status=HelpRequest.Status.NEW)

    def by_urgency(self):
        """Most urgent first, then the oldest: the order a counselor works the triage queue in."""
        rank = Case(
            *[When(urgency=urgency, then=Value(n)) for urgency, n in URGENCY_ORDER.items()],
            default=Value(len(URGENCY_ORDER)),
            output_field=IntegerField(),
        )
        return self.annotate(urgency_rank=rank).order_by("urgency_rank", "created_at")


class HelpRequest(models.Model):
    """Someone asks for help. Anonymous requests have no person: a request code and a PIN let
    the person come back; staff see "anonymous" and peers never learn who it is."""

    audit_sensitive = True

    class Status(models.TextChoices):
        NEW = "new", _("Waiting for triage")
        WITH_PEER = "with_peer", _("With a peer supporter")
        WITH_COUNSELOR = "with_counselor", _("With a counselor")
        CLOSED = "closed", _("Closed")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    FINISHED = (Status.CLOSED, Status.WITHDRAWN)

    class Source(models.TextChoices):
        FORM = "form", _("Help request form")
        STEP_UP = "step_up", _("Stepped up by a peer supporter")
        # A session logged with the "worried about their safety" flag or crisis words: a counselor
        # looks today, while the peer support goes on.
        CONCERN = "concern", _("A peer supporter's worry")
        STEP_DOWN = "step_down", _("Stepped down by a counselor")
        SCREENING = "screening", _("Screening result")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    organization = models.ForeignKey("organizations.Organization", on_delete=models.PROTECT, related_name="+")
    person = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, null=True, blank=True, related_name="help_requests"
    )
    source = models.CharField(max_length=20, choices=Source.choices, default=Source.FORM)
    # Anonymous requests: the code is shown once to the person; the PIN is stored hashed.
    request_code = models.CharField(max_length=12, unique=True, null=True, blank=True)
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
    # For a step-up or a peer supporter's worry: the relationship it came from.
    stepped_up_from = models.ForeignKey(
        "SupportRelationship", on_delete=models.PROTECT, null=True, blank=True, related_name="step_ups"
    )
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    first_contact_at = models.DateTimeField(null=True, blank=True)
    first_contact_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    closed_at = models.DateTimeField(null=True, blank=True)

    objects = HelpRequestQuerySet.as_manager()

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
        return self.status not in self.FINISHED

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
