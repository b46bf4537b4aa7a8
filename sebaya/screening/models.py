"""Administrations: one person's answers to one instrument, with the score they gave.

The instruments themselves are versioned data files (see instruments/), not database rows:
an administration keeps the code and version it was scored with, so a later version of an
instrument never changes an old result.
"""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class OutreachReason(models.TextChoices):
    """Why a result waits in the counselors' outreach list (see services.route_result)."""

    RISK = "risk", _("Risk answer")
    SEVERE = "severe", _("Severe result")
    PEER_SUPPORT = "peer_support", _("Asked to talk with a peer supporter")
    GROUP = "group", _("Asked to join a discussion group")


class Offer(models.TextChoices):
    """What a person with a moderate result is offered, and their answer."""

    OFFERED = "offered", _("Offered, no answer yet")
    PEER_SUPPORT = "peer_support", _("Would like a peer supporter")
    GROUP = "group", _("Would like a discussion group")
    DECLINED = "declined", _("No, thank you")


class Administration(models.Model):
    # Health data about a person (UU 27/2022): every read by staff is audited.
    audit_sensitive = True
    # So templates compare with the enums, e.g. `a.offer == a.Offer.GROUP`.
    OutreachReason = OutreachReason
    Offer = Offer

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    organization = models.ForeignKey("organizations.Organization", on_delete=models.PROTECT, related_name="+")
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="administrations")
    instrument_code = models.CharField(max_length=40, db_index=True)
    instrument_version = models.PositiveSmallIntegerField()
    language = models.CharField(max_length=10, default="id")
    answers = models.JSONField()
    total = models.IntegerField()
    severity = models.CharField(max_length=20, default="none")
    band = models.CharField(max_length=40)
    subscales = models.JSONField(default=dict, blank=True)
    flags = models.JSONField(default=list, blank=True)
    derived = models.JSONField(default=dict, blank=True)
    # None: the person filled it in themselves.
    administered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    screening_round = models.ForeignKey(
        "ScreeningRound", on_delete=models.PROTECT, null=True, blank=True, related_name="administrations"
    )
    # Routing by severity: a counselor reaches out (risk answer, severe result, or a moderate
    # result whose person accepted the offer of peer support or a group).
    outreach_reason = models.CharField(max_length=20, choices=OutreachReason.choices, blank=True)
    reached_out_at = models.DateTimeField(null=True, blank=True)
    reached_out_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    outreach_note = models.TextField(blank=True)
    offer = models.CharField(max_length=20, choices=Offer.choices, blank=True)
    offer_answered_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["person", "instrument_code", "created_at"], name="admin_person_instr"),
            models.Index(fields=["organization", "outreach_reason", "reached_out_at"], name="admin_outreach"),
            # The outreach list (`services.outreach_queue`): only the results still waiting. The one
            # above matched every result of the organization not reached out to (13,677 rows on a
            # generated school, for 60 waiting; docs/PERFORMANCE.md).
            models.Index(
                fields=["organization", "created_at"],
                condition=models.Q(reached_out_at__isnull=True) & ~models.Q(outreach_reason=""),
                name="admin_outreach_waiting",
            ),
            # The evaluation's counts of an organization's (or a network's) results by semester:
            # read from the index alone, not 1,000,000 rows (docs/PERFORMANCE.md).
            models.Index(fields=["organization", "created_at"], name="admin_eval_org_created"),
        ]
        verbose_name = _("screening result")

    def __str__(self) -> str:
        return f"{self.instrument_code} {self.total} ({self.band})"

    @property
    def needs_outreach(self) -> bool:
        return bool(self.outreach_reason) and self.reached_out_at is None


class Population(models.TextChoices):
    ORGANIZATION = "organization", _("The whole organization")
    GRADE = "grade", _("A grade")
    CLASS = "class", _("A class")


class ScreeningRound(models.Model):
    """An instrument scheduled for a population (a class, a grade, everyone) over a window.

    The window is stored as moments (the organization's local midnights) so the worker can find
    what is due with one query: invitations go out when it opens, a reminder halfway through.
    Members (people holding the member role) of the population are invited when it opens.
    """

    class State(models.TextChoices):
        SCHEDULED = "scheduled", _("Scheduled")
        OPEN = "open", _("Open")
        CLOSED = "closed", _("Closed")
        CANCELLED = "cancelled", _("Cancelled")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    organization = models.ForeignKey("organizations.Organization", on_delete=models.PROTECT, related_name="+")
    title = models.CharField(_("title"), max_length=200)
    instrument_code = models.CharField(_("instrument"), max_length=40)
    instrument_version = models.PositiveSmallIntegerField()
    population = models.CharField(_("who is invited"), max_length=20, choices=Population.choices)
    # The grade or class name for those populations; empty for the whole organization.
    population_value = models.CharField(max_length=100, blank=True)
    opens_on = models.DateField(_("opens on"))
    closes_on = models.DateField(_("closes on"))
    opens_at = models.DateTimeField(db_index=True)
    closes_at = models.DateTimeField()
    reminder_at = models.DateTimeField(db_index=True)
    invited_at = models.DateTimeField(null=True, blank=True)
    reminded_at = models.DateTimeField(null=True, blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-opens_on", "-created_at"]
        verbose_name = _("screening round")

    def __str__(self) -> str:
        return self.title

    def state_at(self, now) -> str:
        if self.cancelled_at:
            return self.State.CANCELLED
        if now < self.opens_at:
            return self.State.SCHEDULED
        if now < self.closes_at:
            return self.State.OPEN
        return self.State.CLOSED

    @property
    def state(self) -> str:
        from django.utils import timezone

        return self.state_at(timezone.now())

    def get_state_display(self) -> str:
        return self.State(self.state).label


class ScreeningInvitation(models.Model):
    """One person invited to a round; completed when their answers are in."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    organization = models.ForeignKey("organizations.Organization", on_delete=models.PROTECT, related_name="+")
    screening_round = models.ForeignKey(ScreeningRound, on_delete=models.PROTECT, related_name="invitations")
    person = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, related_name="screening_invitations"
    )
    # The class and grade when invited, for the completion tracker (people change classes).
    grade = models.CharField(max_length=20, blank=True)
    class_name = models.CharField(max_length=40, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    reminded_at = models.DateTimeField(null=True, blank=True)
    administration = models.OneToOneField(
        Administration, on_delete=models.PROTECT, null=True, blank=True, related_name="invitation"
    )
    completed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["screening_round", "person"], name="one_invitation_per_round")
        ]

    def __str__(self) -> str:
        return f"{self.person_id} → {self.screening_round_id}"


class OrganizationInstrument(models.Model):
    """An organization's own version of a shipped needs questionnaire, edited by its coordinator.

    `definition` is the instrument in the file format (screening/instruments), checked by the same
    parser before it is written (`sebaya.guidance.services.needs`): every check applies. A row is
    never changed: every save is a new version, so old answers keep the wording they were given to.
    `get_instrument(code, version)` finds these when the code is not a shipped file.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    organization = models.ForeignKey("organizations.Organization", on_delete=models.PROTECT, related_name="+")
    base_code = models.CharField(max_length=40)  # the shipped questionnaire it was copied from
    code = models.CharField(max_length=40, db_index=True)  # e.g. "akpd_sman1", the organization's own
    version = models.PositiveSmallIntegerField()
    definition = models.JSONField()
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["code", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["code", "version"], name="one_organization_instrument_version")
        ]
        verbose_name = _("organization questionnaire")

    def __str__(self) -> str:
        return f"{self.code}.v{self.version}"
