"""What the response does for a person: psychological first aid contacts, the needs found and who
handles them, and the follow-ups scheduled from registration."""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from sebaya.psychosocial.models.affected import AffectedPerson, Household
from sebaya.psychosocial.models.choices import (
    OPEN_NEEDS,
    FollowUpStatus,
    NeedKind,
    NeedSource,
    NeedStatus,
)
from sebaya.psychosocial.models.incidents import Incident


class Contact(models.Model):
    """One psychological first aid contact (WHO PFA: look, listen, link), recorded on a phone in a
    few taps. There is deliberately no field for the story of what happened: PFA does not ask for
    it, and a written account of someone's worst day is a record that can only hurt them."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    incident = models.ForeignKey(Incident, on_delete=models.CASCADE, related_name="contacts")
    organization = models.ForeignKey("organizations.Organization", on_delete=models.PROTECT, related_name="+")
    affected = models.ForeignKey(AffectedPerson, on_delete=models.CASCADE, related_name="contacts")
    happened_at = models.DateTimeField(_("when"))
    place = models.CharField(_("where"), max_length=200, blank=True)
    minutes = models.PositiveSmallIntegerField(_("minutes spent"))
    look = models.JSONField(default=list, blank=True)  # LookSign codes
    refer_now = models.JSONField(default=list, blank=True)  # ReferNow codes: each raises an alert
    concerns = models.JSONField(default=list, blank=True)  # Concern codes
    words = models.CharField(_("in their words"), max_length=500, blank=True)
    linked = models.JSONField(default=list, blank=True)  # LinkService codes
    # The alert the refer-at-once flags raised (or the open one they were added to).
    alert = models.ForeignKey(
        "safety.Alert", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    client_id = models.UUIDField(unique=True)  # the same form sent twice is written once
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    audit_sensitive = True

    class Meta:
        ordering = ["-happened_at"]
        verbose_name = _("PFA contact")

    def __str__(self) -> str:
        return f"{self.affected_id} @ {self.happened_at:%Y-%m-%d}"


class NeedQuerySet(models.QuerySet):
    def open(self):
        return self.filter(status__in=OPEN_NEEDS)


class Need(models.Model):
    """A need of a person or of a household (shelter, food, a child's family…), who handles it,
    its status and when it should be met."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    incident = models.ForeignKey(Incident, on_delete=models.CASCADE, related_name="needs")
    organization = models.ForeignKey("organizations.Organization", on_delete=models.PROTECT, related_name="+")
    affected = models.ForeignKey(
        AffectedPerson, on_delete=models.CASCADE, null=True, blank=True, related_name="needs"
    )
    household = models.ForeignKey(
        Household, on_delete=models.CASCADE, null=True, blank=True, related_name="needs"
    )
    kind = models.CharField(_("need"), max_length=20, choices=NeedKind.choices)
    detail = models.CharField(_("what exactly"), max_length=300, blank=True)
    # A child on their own, a refer-at-once flag: looked at before anything else.
    urgent = models.BooleanField(_("urgent"), default=False)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("handled by"),
    )
    status = models.CharField(_("status"), max_length=12, choices=NeedStatus.choices, default=NeedStatus.OPEN)
    due_on = models.DateField(_("due"), null=True, blank=True)
    source = models.CharField(max_length=12, choices=NeedSource.choices, default=NeedSource.ADDED)
    contact = models.ForeignKey(
        Contact, on_delete=models.SET_NULL, null=True, blank=True, related_name="needs"
    )
    outcome = models.CharField(_("what was done"), max_length=300, blank=True)
    client_id = models.UUIDField(unique=True, null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1)

    objects = NeedQuerySet.as_manager()

    class Meta:
        ordering = ["-urgent", "due_on", "created_at"]
        verbose_name = _("need")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(affected__isnull=False) | models.Q(household__isnull=False),
                name="need_of_someone",
            )
        ]

    def __str__(self) -> str:
        return self.get_kind_display()

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_NEEDS


class FollowUp(models.Model):
    """A follow-up scheduled from registration (by default day 7, 30 and 90): a contact, with a
    rapid screening from about a month (NICE NG116's active monitoring)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    incident = models.ForeignKey(Incident, on_delete=models.CASCADE, related_name="follow_ups")
    organization = models.ForeignKey("organizations.Organization", on_delete=models.PROTECT, related_name="+")
    affected = models.ForeignKey(AffectedPerson, on_delete=models.CASCADE, related_name="follow_ups")
    day = models.PositiveSmallIntegerField(_("day after registration"))
    due_on = models.DateField(_("due"))
    status = models.CharField(
        _("status"), max_length=12, choices=FollowUpStatus.choices, default=FollowUpStatus.DUE
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("done by"),
    )
    done_at = models.DateTimeField(null=True, blank=True)
    contact = models.ForeignKey(Contact, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    administration = models.ForeignKey(
        "screening.Administration", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    note = models.CharField(_("note"), max_length=300, blank=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["due_on", "day"]
        verbose_name = _("follow-up")
        constraints = [
            models.UniqueConstraint(fields=["affected", "day"], name="one_follow_up_per_day_of_a_person")
        ]

    def __str__(self) -> str:
        return f"{self.affected_id} day {self.day}"
