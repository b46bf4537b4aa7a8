"""Partners and referrals (alih tangan kasus): the partner directory, referring a case on a
consent (or an override), moving a referral on, what the partner may see, and the worker's
reminder for a referral that has stalled."""

from __future__ import annotations

import datetime

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from sebaya.audit.models import AuditAction
from sebaya.audit.services import record
from sebaya.counseling.models import Case, Partner, Referral, ReferralUpdate
from sebaya.counseling.services._shared import NotAllowedNow
from sebaya.counseling.services.cases import case_set_status
from sebaya.mail.services import email_queue
from sebaya.privacy.consent import consent_for_sharing
from sebaya.screening.instruments import get_instrument

REFERRAL_NEXT = {
    "sent": {"accepted", "declined", "closed"},
    "accepted": {"attended", "closed"},
    "attended": {"closed"},
    "declined": set(),
    "closed": set(),
}


STALLED_AFTER = {"sent": datetime.timedelta(days=7), "accepted": datetime.timedelta(days=21)}


def visible_partners(organization):
    """The organization's partners and those its network's organizations share."""
    shared = (
        Q(shared_with_network=True, organization__network=organization.network)
        if organization.network_id
        else Q()
    )
    query = Q(organization=organization) | shared if organization.network_id else Q(organization=organization)
    return Partner.objects.filter(query, is_active=True).distinct()


@transaction.atomic
def partner_save(*, organization, by, partner=None, users=None, request=None, **fields):
    if partner is None:
        partner = Partner(organization=organization)
    for name, value in fields.items():
        setattr(partner, name, value)
    partner.save()
    if users is not None:
        partner.users.set(users)
    record(
        action=AuditAction.ORGANIZATION_CHANGED,
        actor=by,
        organization=organization,
        target=partner,
        request=request,
        detail={"partner": "saved"},
    )
    return partner


@transaction.atomic
def referral_create(
    *,
    case: Case,
    partner,
    by,
    reason: str,
    shared,
    consent: str,
    consent_by_name: str = "",
    consent_relationship: str = "",
    consent_method: str = "",
    override_reason: str = "",
    letter_note: str = "",
    request=None,
):
    """Refer the case. It rests on a consent record for the purpose "referral": the one in force
    (`consent="on_file"`), or one the counselor records now — the person's (`"person"`) or a parent's
    or guardian's (`"guardian"`, with their relationship and name), given `consent_method` — or on
    an override with a reason, which the audit trail marks (`privacy.consent` decides which consent
    counts, e.g. only a guardian's for a minor). The case becomes "referred"; the partner's people
    are told by email that there is a referral (never whom it is about)."""
    if not case.is_open:
        raise NotAllowedNow("closed")
    allowed = {code for code, _label in Referral.SHARE_CHOICES}
    if not set(shared) <= allowed:
        raise ValueError("Unknown shared fields.")
    consent_record = None
    if consent == Referral.Consent.OVERRIDE:
        if not override_reason.strip():
            raise ValueError("An override needs a reason.")
    else:
        consent_record = consent_for_sharing(
            organization=case.organization,
            person=case.person,
            purpose="referral",
            by=by,
            choice=consent,
            giver_name=consent_by_name,
            relationship=consent_relationship,
            method=consent_method,
            request=request,
        )
        consent = Referral.Consent.GUARDIAN if consent_record.by_guardian else Referral.Consent.PERSON
        consent_by_name = consent_record.giver_name
        override_reason = ""
    referral = Referral.objects.create(
        organization=case.organization,
        case=case,
        partner=partner,
        reason=reason,
        shared=list(shared),
        letter_note=letter_note,
        consent=consent,
        consent_by_name=consent_by_name,
        consent_record=consent_record,
        override_reason=override_reason,
        created_by=by,
    )
    ReferralUpdate.objects.create(referral=referral, status=Referral.Status.SENT, by=by)
    if case.status != Case.Status.REFERRED:
        case_set_status(case=case, to_status=Case.Status.REFERRED, by=by, note=partner.name, request=request)
    record(
        action=AuditAction.RECORD_CHANGED,
        actor=by,
        organization=case.organization,
        target=referral,
        subject_person_id=case.person_id,
        request=request,
        detail={"referral": "sent", "consent": consent, "shared": list(shared)},
    )
    email_queue(
        recipients=partner.users.all(),
        template="counseling/email/referral",
        purpose="counseling.referral",
        context={"organization": case.organization},
    )
    return referral


@transaction.atomic
def referral_update(
    *, referral, by, status: str = "", note: str = "", feedback: str | None = None, request=None
):
    """Move a referral on (only along REFERRAL_NEXT) and/or record the partner's feedback."""
    locked = Referral.objects.select_for_update().get(pk=referral.pk)
    changes = {}
    if status and status != locked.status:
        if status not in REFERRAL_NEXT[locked.status]:
            raise NotAllowedNow("transition")
        changes.update(status=status, status_at=timezone.now(), reminded_at=None)
        ReferralUpdate.objects.create(referral=locked, status=status, note=note, by=by)
    if feedback is not None and feedback != locked.partner_feedback:
        changes["partner_feedback"] = feedback
    if not changes:
        return referral
    Referral.objects.filter(pk=locked.pk).update(**changes)
    referral.refresh_from_db()
    record(
        action=AuditAction.RECORD_CHANGED,
        actor=by,
        organization=locked.organization,
        target=referral,
        subject_person_id=locked.case.person_id,
        request=request,
        detail={"referral": status or "feedback"},
    )
    return referral


def referral_shared(referral) -> dict:
    """Exactly what the partner may see of the case: the fields chosen for this referral. Every
    output addressed to a partner (their referral page, the letter, anything sent to them) shows
    this and nothing else. The consent line names who agreed only when that person's details
    were shared anyway: a guardian's name with "guardian", never on its own."""
    case = referral.case
    person = case.person
    shown: dict = {
        "reason": referral.reason,
        "note": referral.letter_note,
        "consent": {
            "given": referral.consent != Referral.Consent.OVERRIDE,
            "label": referral.get_consent_display(),
            "name": referral.consent_by_name
            if referral.consent == Referral.Consent.GUARDIAN and "guardian" in referral.shared
            else "",
            # From the consent record: who agreed (self, parent, guardian, other) and on which day,
            # so the letter says "the student" or "their parent" rather than a generic label.
            "giver": referral.consent_record.given_by
            if referral.consent_record_id
            else ("self" if referral.consent == Referral.Consent.PERSON else ""),
            "on": referral.consent_record.given_on if referral.consent_record_id else None,
        },
    }
    if "identity" in referral.shared:
        membership = person.memberships.filter(organization=case.organization).first()
        shown["identity"] = {
            "name": person.full_name,
            "birth_date": person.birth_date,
            "class_name": membership.class_name if membership else "",
        }
    if "guardian" in referral.shared:
        shown["guardian"] = {"name": person.guardian_name, "phone": person.guardian_phone}
    if "summary" in referral.shared:
        shown["summary"] = {"summary": case.summary, "domain": case.get_domain_display()}
    if "plan" in referral.shared:
        shown["plan"] = {"goals": case.plan_goals, "interventions": case.plan_interventions}
    if "screening" in referral.shared:
        results = []
        for a in person.administrations.filter(organization=case.organization).order_by("created_at"):
            instrument = get_instrument(a.instrument_code, a.instrument_version)
            if instrument.is_needs:  # needs answers plan the school's guidance; no score to share
                continue
            results.append(
                {
                    "date": a.created_at,
                    "name": instrument.short_name,
                    "total": a.total,
                    "band": instrument.band(a.band).label,
                }
            )
        shown["screening"] = results
    if "sessions" in referral.shared:
        shown["sessions"] = [
            {"date": s.date, "service": s.get_service_type_display()} for s in case.sessions.order_by("date")
        ]
    return shown


def referrals_remind(*, now=None) -> int:
    """The worker's job: a referral that has not moved for a while (sent a week ago, accepted three
    weeks ago) reminds the case's counselors, once a week, without naming anyone."""
    now = now or timezone.now()
    done = 0
    for status, after in STALLED_AFTER.items():
        stalled = Referral.objects.filter(status=status, status_at__lte=now - after).exclude(
            reminded_at__gt=now - datetime.timedelta(days=7)
        )
        for referral in stalled.select_related("case__organization")[:200]:
            with transaction.atomic():
                won = Referral.objects.filter(pk=referral.pk, reminded_at=referral.reminded_at).update(
                    reminded_at=now
                )
                if not won:
                    continue
                email_queue(
                    recipients=referral.case.counselors.all(),
                    template="counseling/email/referral_stalled",
                    purpose="counseling.referral_stalled",
                    context={"organization": referral.case.organization},
                )
            done += 1
    return done
