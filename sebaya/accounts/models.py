"""Sign-in accounts. A user account is optional for a person and linked to at most one."""

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

    class Meta:
        verbose_name = _("user account")
