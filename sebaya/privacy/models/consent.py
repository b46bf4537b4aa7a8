"""Consent records (who agreed to what purpose, when, how; withdrawal), and an organization's
privacy settings: whether minors need a guardian's consent, and how long each kind of record is
kept (the retention rules the worker carries out, see `privacy.retention`)."""

import uuid

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

__all__: list[str] = [
    "ConsentPurpose",
    "ConsentGiver",
    "ConsentMethod",
    "Consent",
    "PrivacySettings",
    "RetentionKind",
    "ErasedRecord",
]


class ConsentPurpose(models.TextChoices):
    """What the consent is for. The codes are stable: other records and the audit trail name them."""

    PEER_SUPPORT = "peer_support", _("Peer support")
    COUNSELING = "counseling", _("Counseling")
    SCREENING = "screening", _("Screening (check-ins)")
    REFERRAL = "referral", _("Referral to a partner")
    RESEARCH = "research", _("Research and program evaluation")


class ConsentGiver(models.TextChoices):
    """Who agreed: the person themselves, or an adult on their behalf (with the relationship)."""

    SELF = "self", _("The person themselves")
    PARENT = "parent", _("A parent")
    GUARDIAN = "guardian", _("A guardian (wali)")
    OTHER = "other", _("Another responsible adult")


class ConsentMethod(models.TextChoices):
    SIGNED_FORM = "signed_form", _("A signed form")
    IN_PERSON = "in_person", _("Said in person")
    PHONE = "phone", _("By phone")
    WRITTEN_MESSAGE = "written_message", _("In writing (letter, email or chat message)")
    APP = "app", _("In the app, by the person")
    # Only for consents carried over from referrals made before consent records existed.
    NOT_RECORDED = "not_recorded", _("Not recorded")


class Consent(models.Model):
    """One consent, never deleted: a withdrawal is a new state of the same record (who, when, why).

    A guardian's consent names the guardian and their relationship to the person. Whether it is
    in force for a purpose is decided by `privacy.consent.consent_in_force`, nowhere else.
    """

    # It tells which services a person uses (counseling, a referral): staff reads are audited.
    audit_sensitive = True

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    organization = models.ForeignKey("organizations.Organization", on_delete=models.PROTECT, related_name="+")
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="consents")
    purpose = models.CharField(_("purpose"), max_length=20, choices=ConsentPurpose.choices)
    given_by = models.CharField(_("who agreed"), max_length=10, choices=ConsentGiver.choices)
    giver_name = models.CharField(_("name of the parent or guardian"), max_length=200, blank=True)
    method = models.CharField(_("how"), max_length=20, choices=ConsentMethod.choices)
    given_on = models.DateField(_("date given"))
    reference = models.CharField(_("reference (form number)"), max_length=100, blank=True)
    note = models.TextField(_("note"), blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    withdrawal_reason = models.TextField(_("reason for withdrawing"), blank=True)

    class Meta:
        ordering = ["-given_on", "-recorded_at"]
        indexes = [models.Index(fields=["organization", "person", "purpose"], name="consent_person_purpose")]
        verbose_name = _("consent")

    def __str__(self) -> str:
        return f"{self.person_id} {self.purpose} ({self.given_by})"

    def delete(self, *args, **kwargs):
        raise RuntimeError("Consent records are never deleted: withdraw them (privacy.consent).")

    @property
    def is_withdrawn(self) -> bool:
        return self.withdrawn_at is not None

    @property
    def by_guardian(self) -> bool:
        return self.given_by != ConsentGiver.SELF


# Retention periods: (field, default, minimum, maximum, unit). 0 means "keep" where the minimum is 0.
RETENTION_LIMITS = {
    "messages_months": (12, 1, 120),
    "anonymous_requests_months": (6, 1, 60),
    "help_requests_months": (12, 1, 120),
    "screening_years": (3, 0, 20),
    "cases_years": (5, 0, 30),
}


def _period(label, field, help_text):
    default, low, high = RETENTION_LIMITS[field]
    return models.PositiveSmallIntegerField(
        label,
        default=default,
        validators=[MinValueValidator(low), MaxValueValidator(high)],
        help_text=help_text,
    )


class PrivacySettings(models.Model):
    """One row per organization, made with the defaults the first time it is needed."""

    organization = models.OneToOneField(
        "organizations.Organization", on_delete=models.CASCADE, related_name="privacy_settings"
    )
    # UU 27/2022: processing a child's personal data needs their parent's or guardian's consent.
    minors_need_guardian = models.BooleanField(
        _("people under 18 need a parent's or guardian's consent"), default=True
    )
    messages_months = _period(
        _("peer support messages (months after the accompaniment ends)"),
        "messages_months",
        _("1 to 120 months. The texts of messages and session notes are erased; counts and dates stay."),
    )
    anonymous_requests_months = _period(
        _("anonymous help requests (months after closing)"),
        "anonymous_requests_months",
        _("1 to 60 months. Their words, check answers, replies and request code are erased."),
    )
    help_requests_months = _period(
        _("closed help requests of named people (months after closing)"),
        "help_requests_months",
        _("1 to 120 months. Their words, check answers and replies are erased."),
    )
    screening_years = _period(
        _("screening results (years after the check-in)"),
        "screening_years",
        _("0 to 20 years; 0 keeps them. Results are deleted, except those within a case."),
    )
    cases_years = _period(
        _("counseling cases (years after closing)"),
        "cases_years",
        _(
            "0 to 30 years; 0 keeps them (follow your school's archive rule). Everything written "
            "in the case is erased; the line in the case book stays. Notes of group meetings are "
            "erased the same number of years after the meeting."
        ),
    )
    # The worker's claim: when it last looked at this organization (see privacy.retention).
    retention_checked_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("privacy settings")

    def __str__(self) -> str:
        return f"privacy settings of {self.organization_id}"


class RetentionKind(models.TextChoices):
    MESSAGES = "messages", _("Peer support messages and session notes")
    ANONYMOUS_REQUESTS = "anonymous_requests", _("Anonymous help requests")
    HELP_REQUESTS = "help_requests", _("Closed help requests")
    SCREENING = "screening", _("Screening results")
    CASES = "cases", _("Counseling cases")
    GROUP_NOTES = "group_notes", _("Notes of group meetings")


class ErasedRecord(models.Model):
    """A record whose content the retention rules erased (its row stays, without content), so the
    worker does each one once and a page can say why a text is gone."""

    organization = models.ForeignKey("organizations.Organization", on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=20, choices=RetentionKind.choices)
    record_id = models.UUIDField()
    erased_at = models.DateTimeField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["kind", "record_id"], name="erased_once")]

    def __str__(self) -> str:
        return f"{self.kind}:{self.record_id}"
