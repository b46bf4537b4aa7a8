"""An incident and the organizations that respond to it."""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from sebaya.psychosocial.models.choices import (
    DEFAULT_FOLLOW_UP_DAYS,
    IncidentKind,
    IncidentStatus,
    MemberStatus,
)


def default_follow_up_days() -> list[int]:
    return list(DEFAULT_FOLLOW_UP_DAYS)


class IncidentQuerySet(models.QuerySet):
    def responded_by(self, organization):
        """The incidents this organization leads or has joined the response to."""
        joined = ResponseMember.objects.filter(organization=organization, status=MemberStatus.JOINED)
        return self.filter(
            models.Q(organization=organization) | models.Q(pk__in=joined.values("incident_id"))
        ).distinct()


class Incident(models.Model):
    """A flood, an earthquake, a fire, violence, a death in the community… and the response to
    it, led by one organization (`organization`) and joined by others (`ResponseMember`)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    organization = models.ForeignKey(
        "organizations.Organization", on_delete=models.PROTECT, related_name="+", verbose_name=_("led by")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=IncidentKind.choices)
    title = models.CharField(_("name"), max_length=200)
    started_on = models.DateField(_("started on"))
    ended_on = models.DateField(_("ended on"), null=True, blank=True)
    # The affected area, down to the village (the 4W report's "where"); or the organization's own
    # site (a school's own grounds, for a death in the school community).
    own_site = models.BooleanField(_("at the organization's own site"), default=False)
    province = models.CharField(_("province"), max_length=100, blank=True)
    district = models.CharField(_("district or city"), max_length=100, blank=True)
    subdistrict = models.CharField(_("sub-district"), max_length=100, blank=True)
    villages = models.TextField(_("villages"), blank=True, help_text=_("One village per line."))
    description = models.TextField(_("what happened"), blank=True)
    # The exposure levels this incident records about each person (a subset of `Exposure`).
    exposures = models.JSONField(default=list, blank=True)
    # The follow-ups scheduled for each person registered, in days after their registration.
    follow_up_days = models.JSONField(_("follow-up days"), default=default_follow_up_days, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=IncidentStatus.choices, default=IncidentStatus.ACTIVE
    )
    closing_summary = models.TextField(_("closing summary"), blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    version = models.PositiveIntegerField(default=1)

    objects = IncidentQuerySet.as_manager()

    class Meta:
        ordering = ["-started_on", "title"]
        verbose_name = _("incident")

    def __str__(self) -> str:
        return self.title

    @property
    def village_list(self) -> list[str]:
        return [line.strip() for line in self.villages.splitlines() if line.strip()]


class ResponseMember(models.Model):
    """Another organization in the response: invited by the lead, it joins (or declines). Each
    responding organization sees its own records and the response's shared figures."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    incident = models.ForeignKey(Incident, on_delete=models.CASCADE, related_name="members")
    organization = models.ForeignKey("organizations.Organization", on_delete=models.PROTECT, related_name="+")
    status = models.CharField(max_length=10, choices=MemberStatus.choices, default=MemberStatus.INVITED)
    invited_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    invited_at = models.DateTimeField(auto_now_add=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    answered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["incident", "organization"], name="one_membership_per_response")
        ]

    def __str__(self) -> str:
        return f"{self.organization_id} @ {self.incident_id}"
