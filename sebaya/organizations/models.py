"""Organizations are the tenants of Sebaya; networks group them for aggregate views only."""

import functools
import uuid
import zoneinfo

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _


@functools.cache
def _time_zones() -> frozenset[str]:
    # available_timezones() walks the whole time zone database on disk (some 600 files) each call.
    return frozenset(zoneinfo.available_timezones())


def validate_timezone(value: str) -> None:
    if value not in _time_zones():
        raise ValidationError(_("Unknown time zone: %(tz)s"), params={"tz": value})


class Network(models.Model):
    """A district education office, an NGO head office…: sees only aggregates of its organizations."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    slug = models.SlugField(unique=True)
    name = models.CharField(_("name"), max_length=200)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("network")

    def __str__(self) -> str:
        return self.name


class Organization(models.Model):
    class Kind(models.TextChoices):
        SCHOOL = "school", _("School")
        CAMPUS = "campus", _("Campus")
        COMMUNITY = "community", _("Community organization")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    slug = models.SlugField(unique=True)
    kind = models.CharField(_("type"), max_length=20, choices=Kind.choices, default=Kind.SCHOOL)
    name = models.CharField(_("name"), max_length=200)
    region = models.CharField(_("region"), max_length=200, blank=True)
    timezone = models.CharField(
        _("time zone"), max_length=64, default="Asia/Jakarta", validators=[validate_timezone]
    )
    network = models.ForeignKey(
        Network, on_delete=models.PROTECT, null=True, blank=True, related_name="organizations"
    )
    # How long an alert may wait for acknowledgement before it goes to the next person.
    alert_ack_minutes = models.PositiveSmallIntegerField(
        _("minutes to acknowledge an alert"),
        default=15,
        validators=[MinValueValidator(1), MaxValueValidator(240)],
    )
    # Help requests routed to a peer go straight to the best-ranked supporter, instead of
    # waiting for a counselor or coordinator to confirm the match.
    auto_assign_peers = models.BooleanField(_("match peer requests automatically"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("organization")

    def __str__(self) -> str:
        return self.name


class CrisisContact(models.Model):
    """The organization's own people and lines to call in a crisis, shown on the crisis page."""

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="crisis_contacts")
    name = models.CharField(_("name"), max_length=200)
    phone = models.CharField(_("phone"), max_length=40)
    description = models.CharField(_("description"), max_length=300, blank=True)
    available_hours = models.CharField(_("available hours"), max_length=120, blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("crisis contact")

    def __str__(self) -> str:
        return f"{self.name} ({self.phone})"
