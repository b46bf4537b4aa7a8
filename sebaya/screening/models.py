"""Administrations: one person's answers to one instrument, with the score they gave.

The instruments themselves are versioned data files (see instruments/), not database rows:
an administration keeps the code and version it was scored with, so a later version of an
instrument never changes an old result.
"""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Administration(models.Model):
    # Health data about a person (UU 27/2022): every read by staff is audited.
    audit_sensitive = True

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    organization = models.ForeignKey("organizations.Organization", on_delete=models.PROTECT, related_name="+")
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="administrations")
    instrument_code = models.CharField(max_length=40, db_index=True)
    instrument_version = models.PositiveSmallIntegerField()
    language = models.CharField(max_length=10, default="id")
    answers = models.JSONField()
    total = models.IntegerField()
    severity = models.CharField(max_length=20, default="none")
    band = models.CharField(max_length=40)
    subscales = models.JSONField(default=dict, blank=True)
    flags = models.JSONField(default=list, blank=True)
    derived = models.JSONField(default=dict, blank=True)
    # None: the person filled it in themselves.
    administered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["person", "instrument_code", "created_at"], name="admin_person_instr")
        ]
        verbose_name = _("screening result")

    def __str__(self) -> str:
        return f"{self.instrument_code} {self.total} ({self.band})"
