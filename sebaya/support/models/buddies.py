"""The buddy system: one intake's new students, each paired with a buddy."""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from sebaya.support.models.supporters import SupporterProfile


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
