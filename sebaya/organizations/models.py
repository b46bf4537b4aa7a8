"""Organizations are the tenants of Sebaya; networks group them for aggregate views only."""

import base64
import functools
import uuid
import zoneinfo

from django.conf import settings
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
    position = models.PositiveSmallIntegerField(
        _("order in the list"), default=0, help_text=_("Lower numbers are listed first.")
    )

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("crisis contact")

    def __str__(self) -> str:
        return f"{self.name} ({self.phone})"


class Letterhead(models.Model):
    """The kop surat and signatories of an organization's official documents (Tata Naskah Dinas).

    The logo is kept in the database as bytes, not as a media file: Sebaya runs without a media
    server, backups of the database carry it, and the PDFs embed it as a data: URI so WeasyPrint
    fetches nothing.
    """

    organization = models.OneToOneField(Organization, on_delete=models.CASCADE, related_name="letterhead")
    logo = models.BinaryField(blank=True, default=b"", editable=False)
    logo_type = models.CharField(max_length=20, blank=True, editable=False)  # image/png or image/jpeg
    upper_lines = models.TextField(
        _("government or foundation lines"),
        blank=True,
        help_text=_("One line each, above the name: e.g. PEMERINTAH PROVINSI JAWA BARAT, DINAS PENDIDIKAN."),
    )
    name = models.CharField(
        _("name on the letterhead"),
        max_length=200,
        blank=True,
        help_text=_("Blank: the organization's name."),
    )
    address = models.CharField(_("address"), max_length=300, blank=True)
    phone = models.CharField(_("phone"), max_length=60, blank=True)
    email = models.EmailField(_("email"), blank=True)
    website = models.CharField(_("website"), max_length=200, blank=True)
    city = models.CharField(
        _("city for the date line"),
        max_length=100,
        blank=True,
        help_text=_("As in “Bandung, 6 Desember 2026”."),
    )
    principal_name = models.CharField(_("principal's name"), max_length=200, blank=True)
    principal_nip = models.CharField(_("principal's NIP"), max_length=30, blank=True)
    number_pattern = models.CharField(
        _("letter number pattern"),
        max_length=120,
        default="421.5/{seq:03}/BK/{month_roman}/{year}",
        help_text=_(
            "{seq} is the running number ({seq:03} pads it to 3 digits), {code} the kind of letter, "
            "{month_roman} the month in Roman numerals, {year} the year. With {code}, each kind "
            "of letter has its own running number."
        ),
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("letterhead")

    def __str__(self) -> str:
        return self.name or self.organization.name

    @property
    def lines(self) -> list[str]:
        return [line.strip() for line in self.upper_lines.splitlines() if line.strip()]

    @property
    def logo_data_uri(self) -> str:
        if not self.logo:
            return ""
        return f"data:{self.logo_type};base64,{base64.b64encode(bytes(self.logo)).decode()}"


class LetterCounter(models.Model):
    """The last number given in a year (per kind of letter when the pattern has {code}; else kind
    is ""). Locked with select_for_update while a number is taken, so numbers have no gaps and no
    duplicates."""

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField()
    kind = models.CharField(max_length=20, blank=True)
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["organization", "year", "kind"], name="one_counter_per_year_kind")
        ]

    def __str__(self) -> str:
        return f"{self.year} {self.kind}: {self.last}"


class IssuedLetter(models.Model):
    """The number a document got when first issued; printing it again shows the same number."""

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=20)
    ref = models.CharField(max_length=80)  # "app.model:pk" of the document
    number = models.CharField(max_length=160)
    year = models.PositiveSmallIntegerField()
    seq = models.PositiveIntegerField()
    issued_on = models.DateField()
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["organization", "kind", "ref"], name="one_number_per_letter")
        ]

    def __str__(self) -> str:
        return self.number
