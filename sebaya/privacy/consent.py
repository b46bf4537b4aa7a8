"""Consent records: recording, withdrawing, and the one rule that says whether a consent is in force.

Every write is keyword-only, one transaction, with its audit event (codes only, never the note).
A consent is never deleted: withdrawing it sets `withdrawn_at`, `withdrawn_by` and the reason.

Which consent counts (`consent_in_force`): the newest one not withdrawn, for that person, that
organization and that purpose. For a minor (`Person.is_minor`) in an organization whose privacy
settings say that minors need a guardian's consent (the default, after UU 27/2022 on children's
data), only a consent given by a parent, guardian or other responsible adult counts; the child's
own agreement is still recorded and shown, but it does not allow sharing on its own.
"""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone

from sebaya.audit.models import AuditAction
from sebaya.audit.services import record
from sebaya.privacy.models import Consent, ConsentGiver, ConsentMethod, ConsentPurpose, PrivacySettings
from sebaya.privacy.models.consent import RETENTION_LIMITS


class ConsentError(ValueError):
    """A consent that cannot be recorded or withdrawn; `code` says why (forms show the message)."""

    def __init__(self, code: str):
        super().__init__(code)
        self.code = code


def privacy_settings(organization) -> PrivacySettings:
    """The organization's privacy settings, made with the defaults the first time."""
    found = PrivacySettings.objects.filter(organization=organization).first()
    if found is not None:
        return found
    settings_row, _created = PrivacySettings.objects.get_or_create(organization=organization)
    return settings_row


def guardian_needed(*, person, organization) -> bool:
    """Whether only a parent's or guardian's consent counts for this person here."""
    return person.is_minor and privacy_settings(organization).minors_need_guardian


def consent_in_force(*, person, organization, purpose: str) -> Consent | None:
    """The consent that allows `purpose` for this person in this organization now, or None."""
    consents = Consent.objects.filter(
        person=person, organization=organization, purpose=purpose, withdrawn_at__isnull=True
    )
    if guardian_needed(person=person, organization=organization):
        consents = consents.exclude(given_by=ConsentGiver.SELF)
    return consents.order_by("-given_on", "-recorded_at").first()


def visible_consents(*, person, organization):
    """Every consent of the person in this organization, withdrawn ones included, newest first."""
    return (
        Consent.objects.filter(person=person, organization=organization)
        .select_related("recorded_by__person", "withdrawn_by__person")
        .order_by("-given_on", "-recorded_at")
    )


def _check(*, purpose, given_by, giver_name, method, given_on) -> None:
    if purpose not in ConsentPurpose.values:
        raise ConsentError("purpose")
    if given_by not in ConsentGiver.values:
        raise ConsentError("given_by")
    if method not in ConsentMethod.values or method == ConsentMethod.NOT_RECORDED:
        raise ConsentError("method")
    if given_by != ConsentGiver.SELF and not giver_name.strip():
        raise ConsentError("giver_name")
    if given_on > timezone.localdate() + datetime.timedelta(days=1):
        # A day of slack: the recorder's and the server's "today" may differ across time zones.
        raise ConsentError("future")


@transaction.atomic
def consent_record(
    *,
    organization,
    person,
    purpose: str,
    given_by: str,
    method: str,
    by,
    giver_name: str = "",
    given_on: datetime.date | None = None,
    reference: str = "",
    note: str = "",
    request=None,
) -> Consent:
    """Record a consent as it was given (a signed form, in person, by phone…)."""
    given_on = given_on or timezone.localdate()
    _check(purpose=purpose, given_by=given_by, giver_name=giver_name, method=method, given_on=given_on)
    consent = Consent.objects.create(
        organization=organization,
        person=person,
        purpose=purpose,
        given_by=given_by,
        giver_name=giver_name.strip() if given_by != ConsentGiver.SELF else "",
        method=method,
        given_on=given_on,
        reference=reference.strip(),
        note=note,
        recorded_by=by,
    )
    record(
        action=AuditAction.RECORD_CHANGED,
        actor=by,
        organization=organization,
        target=consent,
        request=request,
        detail={"consent": "recorded", "purpose": purpose, "given_by": given_by, "method": method},
    )
    return consent


@transaction.atomic
def consent_withdraw(*, consent: Consent, by, reason: str = "", request=None) -> Consent:
    """Withdraw a consent (once: a second withdrawal is refused). The record stays."""
    done = Consent.objects.filter(pk=consent.pk, withdrawn_at__isnull=True).update(
        withdrawn_at=timezone.now(), withdrawn_by=by, withdrawal_reason=reason
    )
    if not done:
        raise ConsentError("withdrawn")
    consent.refresh_from_db()
    record(
        action=AuditAction.RECORD_CHANGED,
        actor=by,
        organization=consent.organization,
        target=consent,
        request=request,
        detail={"consent": "withdrawn", "purpose": consent.purpose},
    )
    return consent


def consent_for_sharing(
    *,
    organization,
    person,
    purpose: str,
    by,
    choice: str,
    giver_name: str = "",
    relationship: str = "",
    method: str = "",
    request=None,
) -> Consent:
    """The consent a sharing rests on (call it inside the sharing's transaction).

    `choice` is "on_file" (the consent in force, which must exist), "person" (the person agrees
    now) or "guardian" (a parent or guardian agrees now, `relationship` and `giver_name` saying
    who). A consent given now is recorded with `method`. A minor's own agreement is refused where
    a guardian's is needed.
    """
    if choice == "on_file":
        consent = consent_in_force(person=person, organization=organization, purpose=purpose)
        if consent is None:
            raise ConsentError("none_on_file")
        return consent
    if choice == "person":
        if guardian_needed(person=person, organization=organization):
            raise ConsentError("guardian_needed")
        given_by = ConsentGiver.SELF
    elif choice == "guardian":
        given_by = relationship or ConsentGiver.GUARDIAN
        if given_by == ConsentGiver.SELF:
            raise ConsentError("given_by")
    else:
        raise ConsentError("choice")
    return consent_record(
        organization=organization,
        person=person,
        purpose=purpose,
        given_by=given_by,
        giver_name=giver_name,
        method=method,
        by=by,
        request=request,
    )


SETTINGS_FIELDS = {"minors_need_guardian", *RETENTION_LIMITS}


@transaction.atomic
def privacy_settings_save(*, organization, by, request=None, **fields) -> PrivacySettings:
    """Change the organization's privacy settings (a form has checked the ranges)."""
    unknown = set(fields) - SETTINGS_FIELDS
    if unknown:
        raise TypeError(f"Not privacy settings: {sorted(unknown)}")
    current = privacy_settings(organization)
    changed = sorted(name for name, value in fields.items() if getattr(current, name) != value)
    for name, value in fields.items():
        setattr(current, name, value)
    current.full_clean()
    current.save()
    record(
        action=AuditAction.ORGANIZATION_CHANGED,
        actor=by,
        organization=organization,
        target=organization,
        request=request,
        detail={"privacy": changed},
    )
    return current
