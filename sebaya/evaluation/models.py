"""The de-identified record-level export (issue 17, part 4), produced by the worker as an XLSX.

A `RecordsExport` row is the job and its result, as privacy's `DataExport` is for a person's own
data: an organization admin asks, giving a period and the reason the data is needed; the worker
claims the row with a lease (`kernel.leases`), builds one sheet per kind of record
(`evaluation.records_export_build`), and stores the file here until it expires. The file lives in
the database so that any app server can hand it out and so that it never outlives `expires_at`
in a forgotten folder. It holds no name, identifier or written text: people are random codes,
their dates are shifted (see the build module).
"""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

__all__: list[str] = ["RecordsExport"]


class RecordsExport(models.Model):
    class Status(models.TextChoices):
        REQUESTED = "requested", _("Waiting to start")
        RUNNING = "running", _("Being prepared")
        READY = "ready", _("Ready to download")
        FAILED = "failed", _("Could not be prepared")
        DELETED = "deleted", _("Deleted")

    IN_PROGRESS = (Status.REQUESTED, Status.RUNNING)

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    organization = models.ForeignKey("organizations.Organization", on_delete=models.PROTECT, related_name="+")
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    # Why the data is needed, in the admin's words: shown on the page, in the file and in the audit
    # trail, like a break-the-glass reason.
    reason = models.CharField(_("why the data is needed"), max_length=500)
    period_start = models.DateField(_("start of the period"))
    period_end = models.DateField(_("end of the period"))
    language = models.CharField(max_length=10, default="id")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.REQUESTED, db_index=True)
    # Progress as steps (one per kind of record, then the workbook) and as a percentage.
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
    # Rows per sheet ({"people": 120, …}), shown on the page once the file is ready.
    counts = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    started_at = models.DateTimeField(null=True, blank=True)
    ready_at = models.DateTimeField(null=True, blank=True)
    expires_at = models.DateTimeField(null=True, blank=True, db_index=True)
    # Deleted when it expires (deleted_by empty), or earlier by an admin.
    deleted_at = models.DateTimeField(null=True, blank=True)
    deleted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    data = models.BinaryField(null=True, blank=True)
    size = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            # One export in progress per organization, even when two requests race: the worker
            # builds one at a time anyway, and a second click must not queue a duplicate.
            models.UniqueConstraint(
                fields=["organization"],
                condition=models.Q(status__in=["requested", "running"]),
                name="one_records_export_in_progress",
            ),
            models.CheckConstraint(
                condition=models.Q(period_end__gte=models.F("period_start")),
                name="records_export_period_in_order",
            ),
        ]
        indexes = [models.Index(fields=["organization", "-created_at"], name="records_export_org")]
        verbose_name = _("de-identified records export")

    def __str__(self) -> str:
        return f"{self.organization_id} {self.status} ({self.created_at:%Y-%m-%d %H:%M})"

    @property
    def in_progress(self) -> bool:
        return self.status in self.IN_PROGRESS

    @property
    def is_ready(self) -> bool:
        return self.status == self.Status.READY

    @property
    def expired(self) -> bool:
        """Deleted by the worker when it expired, not by an admin."""
        return self.status == self.Status.DELETED and self.deleted_by_id is None
