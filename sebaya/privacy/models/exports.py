"""A person's own data, produced by the worker as a PDF and JSON.

A `DataExport` row is the job and its result: the person (or an organization admin, for a
guardian's request) asks, the worker claims the row with a lease, collects every section
(`privacy.export_sections`), renders the JSON and the PDF from the same collected data, and stores
both bytes here until they expire. The files live in the database rather than on disk so that any
app server can hand them out, and so that they never outlive `expires_at` in a forgotten folder;
they hold nothing the database does not already hold in the clear (no confidential note is ever
decrypted for them).
"""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

__all__: list[str] = ["DataExport"]


class DataExport(models.Model):
    # Everything the organization holds about a person, in one file: every read by staff is audited.
    audit_sensitive = True

    class Status(models.TextChoices):
        REQUESTED = "requested", _("Waiting to start")
        RUNNING = "running", _("Being prepared")
        READY = "ready", _("Ready to download")
        FAILED = "failed", _("Could not be prepared")
        DELETED = "deleted", _("Deleted")

    class Purpose(models.TextChoices):
        SELF = "self", _("Asked by the person")
        GUARDIAN = "guardian", _("For a parent or guardian, through an admin")

    IN_PROGRESS = (Status.REQUESTED, Status.RUNNING)

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    organization = models.ForeignKey("organizations.Organization", on_delete=models.PROTECT, related_name="+")
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="data_exports")
    purpose = models.CharField(max_length=10, choices=Purpose.choices, default=Purpose.SELF)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    # The admin's reference for a guardian's request (a letter number, the date it came in).
    reference = models.CharField(_("reference of the request"), max_length=300, blank=True)
    language = models.CharField(max_length=10, default="id")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.REQUESTED, db_index=True)
    # Progress as steps (one per section, then the JSON and the PDF) and as a percentage.
    steps_done = models.PositiveSmallIntegerField(default=0)
    steps_total = models.PositiveSmallIntegerField(default=0)
    progress = models.PositiveSmallIntegerField(default=0)
    # The worker's lease (see kernel.leases): a killed worker's claim runs out and another takes it.
    attempts = models.PositiveSmallIntegerField(default=0)
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    claimed_by = models.CharField(max_length=64, blank=True)
    claimed_until = models.DateTimeField(null=True, blank=True)
    # A short code when it failed (never content): the exception's type name.
    error = models.CharField(max_length=100, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    started_at = models.DateTimeField(null=True, blank=True)
    ready_at = models.DateTimeField(null=True, blank=True)
    expires_at = models.DateTimeField(null=True, blank=True, db_index=True)
    # The files are deleted when they expire, or earlier when the person (or the admin) asks.
    deleted_at = models.DateTimeField(null=True, blank=True)
    json_data = models.BinaryField(null=True, blank=True)
    pdf_data = models.BinaryField(null=True, blank=True)
    json_size = models.PositiveIntegerField(default=0)
    pdf_size = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            # One export in progress per person and organization, even when two requests race.
            models.UniqueConstraint(
                fields=["person", "organization"],
                condition=models.Q(status__in=["requested", "running"]),
                name="one_export_in_progress",
            )
        ]
        indexes = [models.Index(fields=["person", "organization", "-created_at"], name="export_person_org")]
        verbose_name = _("personal data export")

    def __str__(self) -> str:
        return f"{self.person_id} {self.status} ({self.created_at:%Y-%m-%d %H:%M})"

    @property
    def in_progress(self) -> bool:
        return self.status in self.IN_PROGRESS

    @property
    def is_ready(self) -> bool:
        return self.status == self.Status.READY
