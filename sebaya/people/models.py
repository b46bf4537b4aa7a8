"""People, and their memberships and roles in organizations.

A Person is not a User: a student imported from a roster who never signs in, a child
registered after a flood, a guardian — all are people without accounts. Roles are held per
organization through a Membership; one person may belong to several organizations.
"""

import datetime
import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sebaya.organizations.models import Network, Organization


class Role(models.TextChoices):
    MEMBER = "member", _("Member")
    PEER_SUPPORTER = "peer_supporter", _("Peer supporter")
    COUNSELOR = "counselor", _("Counselor")
    PARTNER = "partner", _("Partner professional")
    COORDINATOR = "coordinator", _("Coordinator")
    FIELD_WORKER = "field_worker", _("Field worker")
    ORG_ADMIN = "org_admin", _("Organization admin")


# Roles whose holders must use two-factor sign-in and whose sessions end after 30 idle minutes.
MFA_REQUIRED_ROLES = frozenset({Role.COUNSELOR, Role.COORDINATOR, Role.ORG_ADMIN})
STAFF_ROLES = frozenset(set(Role) - {Role.MEMBER})


class Gender(models.TextChoices):
    FEMALE = "female", _("Female")
    MALE = "male", _("Male")
    UNSTATED = "unstated", _("Prefer not to say")


class AgeBand(models.TextChoices):
    UNDER_13 = "under_13", _("Under 13")
    AGE_13_15 = "13_15", _("13–15")
    AGE_16_17 = "16_17", _("16–17")
    AGE_18_24 = "18_24", _("18–24")
    AGE_25_PLUS = "25_plus", _("25 or older")


MINOR_AGE_BANDS = frozenset({AgeBand.UNDER_13, AgeBand.AGE_13_15, AgeBand.AGE_16_17})

LANGUAGE_CHOICES = [
    ("id", _("Indonesian")),
    ("en", _("English")),
    ("jv", _("Javanese")),
    ("su", _("Sundanese")),
    ("mad", _("Madurese")),
    ("min", _("Minangkabau")),
    ("bug", _("Buginese")),
    ("ban", _("Balinese")),
    ("other", _("Other")),
]


class Person(models.Model):
    # Profiles of children carry specific personal data (UU 27/2022): every staff view is audited.
    audit_sensitive = True

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    full_name = models.CharField(_("full name"), max_length=200)
    preferred_name = models.CharField(_("preferred name"), max_length=100, blank=True)
    gender = models.CharField(_("gender"), max_length=10, choices=Gender.choices, default=Gender.UNSTATED)
    birth_date = models.DateField(_("birth date"), null=True, blank=True)
    age_band = models.CharField(_("age band"), max_length=10, choices=AgeBand.choices, blank=True)
    languages = models.JSONField(_("languages"), default=list, blank=True)
    guardian_name = models.CharField(_("guardian name"), max_length=200, blank=True)
    guardian_phone = models.CharField(_("guardian phone"), max_length=40, blank=True)
    guardian_email = models.EmailField(_("guardian email"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["full_name"]
        verbose_name = _("person")

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        return self.preferred_name or self.full_name

    def age_on(self, day: datetime.date) -> int | None:
        if not self.birth_date:
            return None
        before_birthday = (day.month, day.day) < (self.birth_date.month, self.birth_date.day)
        return day.year - self.birth_date.year - before_birthday

    @property
    def is_minor(self) -> bool:
        age = self.age_on(timezone.localdate())
        if age is not None:
            return age < 18
        return self.age_band in MINOR_AGE_BANDS


class Membership(models.Model):
    """A person in an organization: their identifier there, class or unit, and roles."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="memberships")
    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="memberships")
    external_id = models.CharField(
        _("identifier"), max_length=40, blank=True, help_text=_("Student number (NIS/NISN), staff number…")
    )
    grade = models.CharField(_("grade"), max_length=20, blank=True)
    class_name = models.CharField(_("class"), max_length=40, blank=True)
    unit = models.CharField(_("unit"), max_length=100, blank=True)
    # Printed under a staff member's signature on official letters ("NIP. —" where none).
    nip = models.CharField(
        _("NIP"), max_length=30, blank=True, help_text=_("Civil servant number, for signatures on letters.")
    )
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["organization__name", "person__full_name"]
        constraints = [
            models.UniqueConstraint(fields=["person", "organization"], name="one_membership_per_org"),
            models.UniqueConstraint(
                fields=["organization", "external_id"],
                condition=~models.Q(external_id=""),
                name="unique_identifier_per_org",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} @ {self.organization}"

    @property
    def picker_label(self) -> str:
        """How the person is told apart in a list of names: their class (or unit) after the name."""
        where = self.class_name or self.unit
        return f"{self.person.full_name} ({where})" if where else self.person.full_name

    @property
    def role_codes(self) -> list[str]:
        return sorted(r.role for r in self.roles.all())


class MembershipRole(models.Model):
    membership = models.ForeignKey(Membership, on_delete=models.CASCADE, related_name="roles")
    role = models.CharField(max_length=20, choices=Role.choices)
    granted_at = models.DateTimeField(auto_now_add=True)
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        constraints = [models.UniqueConstraint(fields=["membership", "role"], name="one_row_per_role")]
        indexes = [
            # "Who holds this role here" (the supporter roster, the program overview, the people
            # a policy may assign): without it PostgreSQL read every organization's roles (200,000
            # rows on generated data) to find one school's 148 peer supporters; 9.4 → 2.4 ms for
            # the roster's count (docs/PERFORMANCE.md, "Pages").
            models.Index(fields=["role", "membership"], name="role_holders"),
        ]

    def __str__(self) -> str:
        return self.get_role_display()


class NetworkViewer(models.Model):
    """A person who sees the aggregates of a network's organizations, never their records."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="network_roles")
    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="viewers")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["person", "network"], name="one_viewer_row")]

    def __str__(self) -> str:
        return f"{self.person} @ {self.network}"
