"""Sign-in accounts. A user account is optional for a person and linked to at most one."""

import uuid

from allauth.mfa.models import Authenticator
from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _

from sebaya.people.models import Person


class User(AbstractUser):
    person = models.OneToOneField(
        Person, on_delete=models.PROTECT, null=True, blank=True, related_name="user"
    )
    # Set when an admin sets a password; cleared when the person chooses their own.
    must_change_password = models.BooleanField(default=False)
    language = models.CharField(_("language"), max_length=10, blank=True)
    # "Sign out everywhere": any session started before this moment is ended.
    sessions_valid_after = models.DateTimeField(null=True, blank=True)
    # After an admin reset the two-step sign-in of an account that reads confidential material,
    # that material stays closed until this moment unless the person confirms from their email.
    notes_held_until = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("user account")

    def has_totp(self) -> bool:
        """Two-step sign-in is on: the account has an authenticator app. On the model so that pages
        of lower apps (a person's page in people) can ask it through `person.user` without
        importing accounts."""
        return Authenticator.objects.filter(user=self, type=Authenticator.Type.TOTP).exists()


class CredentialRequest(models.Model):
    """A change to the credentials of an account that reads confidential material, which one admin
    asks for and a second admin of the organization decides: a password for a person without an
    email address, or a new email address (where reset links go)."""

    class Kind(models.TextChoices):
        PASSWORD = "password", _("A temporary password")
        EMAIL = "email", _("A new email address")

    class State(models.TextChoices):
        WAITING = "waiting", _("Waiting for a second admin")
        APPROVED = "approved", _("Approved")
        DECLINED = "declined", _("Declined")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    organization = models.ForeignKey("organizations.Organization", on_delete=models.PROTECT, related_name="+")
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="credential_requests")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    new_email = models.EmailField(blank=True)
    state = models.CharField(max_length=10, choices=State.choices, default=State.WAITING)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    requested_at = models.DateTimeField(auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-requested_at"]
        constraints = [
            # One waiting request of each kind per account: a second ask replaces nothing silently.
            models.UniqueConstraint(
                fields=["user", "kind"],
                condition=models.Q(state="waiting"),
                name="one_waiting_credential_request",
            )
        ]

    def __str__(self) -> str:
        return f"{self.kind} for {self.user_id} ({self.state})"
