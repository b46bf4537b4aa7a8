"""The audit trail: append-only facts about who did or viewed what, never the content itself."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditAction(models.TextChoices):
    SIGN_IN = "auth.sign_in", _("Signed in")
    SIGN_IN_FAILED = "auth.sign_in_failed", _("Sign-in failed")
    SIGN_OUT = "auth.sign_out", _("Signed out")
    SIGN_OUT_EVERYWHERE = "auth.sign_out_everywhere", _("Signed out everywhere")
    SESSION_EXPIRED = "auth.session_expired", _("Session ended by time limit")
    PASSWORD_CHANGED = "auth.password_changed", _("Changed own password")
    PASSWORD_SET = "auth.password_set", _("Password set by an admin")
    TWO_STEP_RESET = "auth.two_step_reset", _("Two-step sign-in removed by an admin")
    PASSWORD_LINK_SENT = "auth.password_link", _("Password link sent to the person's email by an admin")
    CREDENTIAL_REQUESTED = "auth.credential_requested", _("Credential change asked of a second admin")
    CREDENTIAL_DECIDED = "auth.credential_decided", _("Credential change decided by a second admin")
    HOLD_CONFIRMED = "auth.hold_confirmed", _("Confirmed by email after a two-step reset")
    ROLES_CHANGED = "membership.roles_changed", _("Roles changed")
    ROSTER_IMPORTED = "roster.imported", _("Roster imported")
    RECORD_VIEWED = "record.viewed", _("Sensitive record viewed")
    RECORD_CHANGED = "record.changed", _("Sensitive record changed")
    BREAK_GLASS = "record.break_glass", _("Confidential notes opened by breaking the glass")
    ORGANIZATION_CHANGED = "organization.changed", _("Organization settings changed")
    # The de-identified record-level export (evaluation): the reason is in the request's detail.
    RECORDS_EXPORT_REQUESTED = "evaluation.records_requested", _("De-identified records export requested")
    RECORDS_EXPORT_DOWNLOADED = "evaluation.records_downloaded", _("De-identified records export downloaded")
    RECORDS_EXPORT_DELETED = "evaluation.records_deleted", _("De-identified records export deleted")
    REPORT_EXPORTED = "evaluation.report_exported", _("Evaluation report or table taken out of Sebaya")


class AuditEvent(models.Model):
    """Rows are never updated or deleted: the model refuses, and database triggers refuse too."""

    at = models.DateTimeField(auto_now_add=True, db_index=True)
    action = models.CharField(max_length=40, choices=AuditAction.choices)
    # Plain references (no database constraint) so deleting a user never touches the trail.
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        null=True,
        blank=True,
        related_name="+",
    )
    actor_label = models.CharField(max_length=150, blank=True)
    organization = models.ForeignKey(
        "organizations.Organization",
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        null=True,
        blank=True,
        related_name="+",
    )
    # The person the record is about, so an admin can ask "who looked at this student?".
    subject_person_id = models.UUIDField(null=True, blank=True, db_index=True)
    target_type = models.CharField(max_length=60, blank=True)
    target_id = models.CharField(max_length=64, blank=True)
    ip_address = models.GenericIPAddressField(null=True, blank=True)
    detail = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["organization", "-at"], name="audit_org_at")]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.action} {self.actor_label}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise RuntimeError("Audit events are append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise RuntimeError("Audit events are append-only.")
