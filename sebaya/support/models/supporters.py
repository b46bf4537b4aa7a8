"""The peer supporter roster: a supporter's profile, who may be matched, declared conflicts."""

import uuid

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _


class SupporterProfileQuerySet(models.QuerySet):
    def matchable(self):
        """Who may receive a new match (the queryset form of `SupporterProfile.matchable`)."""
        return self.filter(MATCHABLE)

    def buddy_eligible(self, *, intake_grade: str):
        """Who may be a buddy to a new student of this intake: matchable, with room for buddies,
        and not in the intake's own grade."""
        return self.matchable().filter(buddy_capacity__gt=0).exclude(membership__grade=intake_grade)


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

    objects = SupporterProfileQuerySet.as_manager()

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
