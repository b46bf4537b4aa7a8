"""The people affected by an incident, registered by a responding organization, and their
households."""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from sebaya.psychosocial.models.choices import ConsentNoted, Relation
from sebaya.psychosocial.models.incidents import Incident


class Household(models.Model):
    """A family (keluarga) as registered at a shelter's desk: its members are AffectedPersons."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    incident = models.ForeignKey(Incident, on_delete=models.CASCADE, related_name="households")
    organization = models.ForeignKey("organizations.Organization", on_delete=models.PROTECT, related_name="+")
    name = models.CharField(_("family"), max_length=200)
    village = models.CharField(_("village"), max_length=100, blank=True)
    site = models.CharField(_("shelter or camp"), max_length=200, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("household")

    def __str__(self) -> str:
        return self.name


class AffectedPersonQuerySet(models.QuerySet):
    def current(self):
        """Registrations not merged into another (a merged one stays, pointing to the kept one)."""
        return self.filter(merged_into__isnull=True)


class AffectedPerson(models.Model):
    """A person affected by an incident, as registered by one responding organization. The
    person is a `people.Person` like any other (most have no account), so later care (a case, a
    referral, a group) sits on the same timeline."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    incident = models.ForeignKey(Incident, on_delete=models.CASCADE, related_name="affected")
    # The responding organization that registered them: its staff see the record.
    organization = models.ForeignKey("organizations.Organization", on_delete=models.PROTECT, related_name="+")
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    name_unknown = models.BooleanField(_("name not known"), default=False)
    description = models.CharField(
        _("how to recognise them"), max_length=300, blank=True, help_text=_("When the name is not known.")
    )
    age_years = models.PositiveSmallIntegerField(_("age"), null=True, blank=True)
    birth_year = models.PositiveSmallIntegerField(_("year of birth"), null=True, blank=True)
    household = models.ForeignKey(
        Household, on_delete=models.SET_NULL, null=True, blank=True, related_name="members"
    )
    relation = models.CharField(_("in the family"), max_length=10, choices=Relation.choices, blank=True)
    village = models.CharField(_("village"), max_length=100, blank=True)
    site = models.CharField(_("shelter or camp"), max_length=200, blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    vulnerabilities = models.JSONField(default=list, blank=True)
    exposures = models.JSONField(default=list, blank=True)
    consent = models.CharField(_("consent"), max_length=10, choices=ConsentNoted.choices)
    # Made by the form when it is drawn: the same registration sent twice (a slow connection, a
    # queued form later) is written once, and the second answer is the first one's.
    client_id = models.UUIDField(unique=True)
    registered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    registered_at = models.DateTimeField(auto_now_add=True)
    # A duplicate found later points to the registration kept; nothing of either is deleted.
    merged_into = models.ForeignKey("self", on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    version = models.PositiveIntegerField(default=1)

    objects = AffectedPersonQuerySet.as_manager()
    audit_sensitive = True  # reading someone's registration is recorded in the audit trail

    class Meta:
        ordering = ["-registered_at"]
        verbose_name = _("person affected")

    def __str__(self) -> str:
        return str(self.person)
