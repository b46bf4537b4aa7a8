"""Writes for counseling cases. Every function is one transaction with its audit event.

Edits of a case or a session name the version they were made on; `EditConflict` refuses an edit
made on an old version, so two counselors never silently overwrite each other.
"""

from __future__ import annotations

import datetime

from django.db import transaction
from django.db.models import F, Max
from django.utils import timezone

from sebaya.audit.models import AuditAction
from sebaya.audit.services import record
from sebaya.counseling.models import BreakGlass, Case, CaseStatusChange, CounselingSession
from sebaya.kernel import errors
from sebaya.kernel.crypto import NoteUnreadable, note_decrypt, note_encrypt  # noqa: F401 (re-exported)
from sebaya.kernel.versioning import EditConflict
from sebaya.organizations.models import Organization

BREAK_GLASS_MINUTES = 60


class NotAllowedNow(errors.NotAllowedNow):
    """A case or its records are in a state where this cannot happen (`code` says which)."""


def _audit(*, by, case, what, request=None, target=None):
    record(
        action=AuditAction.RECORD_CHANGED,
        actor=by,
        organization=case.organization,
        target=target or case,
        subject_person_id=case.person_id,
        request=request,
        detail={"case": what},
    )


# --- Opening -------------------------------------------------------------------------------------------


@transaction.atomic
def case_open(
    *,
    organization,
    person,
    opened_by,
    summary: str,
    domain: str,
    service_types=(),
    source: str = Case.Source.DIRECT,
    help_request=None,
    administration=None,
    counselors=None,
    request=None,
) -> Case:
    """Open a case in the case book with the next number; the opener is its counselor by default."""
    # Lock the organization row so two cases opened at once cannot take the same number.
    Organization.objects.select_for_update().filter(pk=organization.pk).first()
    number = (Case.objects.filter(organization=organization).aggregate(n=Max("number"))["n"] or 0) + 1
    case = Case.objects.create(
        organization=organization,
        number=number,
        person=person,
        source=source,
        help_request=help_request,
        administration=administration,
        summary=summary,
        domain=domain,
        service_types=list(service_types),
        opened_by=opened_by,
    )
    case.counselors.set(counselors or [opened_by])
    CaseStatusChange.objects.create(case=case, to_status=Case.Status.NEW, by=opened_by)
    _audit(by=opened_by, case=case, what="opened", request=request)
    return case


@transaction.atomic
def case_from_help_request(*, help_request, by, summary: str, domain: str, request=None) -> Case:
    """A counselor takes a help request (or a step-up) on as a case."""
    from sebaya.support import services as support

    if help_request.person_id is None:
        raise NotAllowedNow("anonymous")
    support.request_take(help_request=help_request, by=by, request=request)
    return case_open(
        organization=help_request.organization,
        person=help_request.person,
        opened_by=by,
        summary=summary,
        domain=domain,
        source=Case.Source.STEP_UP if help_request.source == "step_up" else Case.Source.TRIAGE,
        help_request=help_request,
        request=request,
    )


@transaction.atomic
def case_from_screening(*, administration, by, summary: str, domain: str, request=None) -> Case:
    """A counselor follows a screening result up by opening a case."""
    from sebaya.screening import services as screening

    if administration.needs_follow_up:
        screening.follow_up_record(administration=administration, by=by, note="", request=request)
    return case_open(
        organization=administration.organization,
        person=administration.person,
        opened_by=by,
        summary=summary,
        domain=domain,
        source=Case.Source.SCREENING,
        administration=administration,
        request=request,
    )


# --- Changing ------------------------------------------------------------------------------------------

CASE_FIELDS = {"summary", "domain", "service_types", "plan_goals", "plan_interventions", "review_date"}


@transaction.atomic
def case_update(*, case: Case, version: int, by, counselors=None, request=None, **fields) -> Case:
    """Change the case's description and plan (and who is assigned), made on `version`."""
    unknown = set(fields) - CASE_FIELDS
    if unknown:
        raise TypeError(f"Not case fields: {sorted(unknown)}")
    if not Case.objects.filter(pk=case.pk, version=version).update(**fields, version=F("version") + 1):
        raise EditConflict(Case.objects.get(pk=case.pk))
    if counselors is not None:
        if not counselors:
            raise ValueError("A case needs at least one counselor.")
        case.counselors.set(counselors)
    case.refresh_from_db()
    _audit(by=by, case=case, what="changed", request=request)
    return case


@transaction.atomic
def case_set_status(*, case: Case, to_status: str, by, note: str = "", request=None) -> Case:
    locked = Case.objects.select_for_update().get(pk=case.pk)
    if to_status == Case.Status.CLOSED:
        raise ValueError("Close a case with case_close (it needs a summary and an outcome).")
    if locked.status == Case.Status.CLOSED:
        raise NotAllowedNow("closed")
    if locked.status != to_status:
        CaseStatusChange.objects.create(
            case=locked, from_status=locked.status, to_status=to_status, by=by, note=note
        )
        Case.objects.filter(pk=locked.pk).update(status=to_status, version=F("version") + 1)
    case.refresh_from_db()
    _audit(by=by, case=case, what=f"status:{to_status}", request=request)
    return case


@transaction.atomic
def case_close(*, case: Case, by, summary: str, outcome: str, request=None) -> Case:
    locked = Case.objects.select_for_update().get(pk=case.pk)
    if locked.status == Case.Status.CLOSED:
        raise NotAllowedNow("closed")
    CaseStatusChange.objects.create(
        case=locked, from_status=locked.status, to_status=Case.Status.CLOSED, by=by, note=summary
    )
    Case.objects.filter(pk=locked.pk).update(
        status=Case.Status.CLOSED,
        closed_at=timezone.now(),
        closing_summary=summary,
        outcome=outcome,
        version=F("version") + 1,
    )
    case.refresh_from_db()
    _audit(by=by, case=case, what="closed", request=request)
    return case


@transaction.atomic
def case_reopen(*, case: Case, by, note: str, request=None) -> Case:
    locked = Case.objects.select_for_update().get(pk=case.pk)
    if locked.status != Case.Status.CLOSED:
        raise NotAllowedNow("open")
    CaseStatusChange.objects.create(
        case=locked, from_status=Case.Status.CLOSED, to_status=Case.Status.IN_PROGRESS, by=by, note=note
    )
    Case.objects.filter(pk=locked.pk).update(
        status=Case.Status.IN_PROGRESS, closed_at=None, version=F("version") + 1
    )
    case.refresh_from_db()
    _audit(by=by, case=case, what="reopened", request=request)
    return case


# --- Sessions and confidential notes ----------------------------------------------------------------

SESSION_FIELDS = {"date", "service_type", "duration_minutes", "discussed", "analysis", "plan", "seriousness"}


@transaction.atomic
def session_record(
    *, case: Case, by, confidential_note: str = "", request=None, **fields
) -> CounselingSession:
    """A counseling session. The first one moves a new case to "in progress"; its service joins
    the case's services. A counselor's own notes raise no alert: the counselor is the human the
    safety net would call (they raise one themselves when needed)."""
    if not case.is_open:
        raise NotAllowedNow("closed")
    unknown = set(fields) - SESSION_FIELDS
    if unknown:
        raise TypeError(f"Not session fields: {sorted(unknown)}")
    session = CounselingSession.objects.create(
        case=case, recorded_by=by, confidential_note=note_encrypt(confidential_note), **fields
    )
    if case.status == Case.Status.NEW:
        case_set_status(case=case, to_status=Case.Status.IN_PROGRESS, by=by, request=request)
    service = fields.get("service_type")
    if service and service not in case.service_types:
        Case.objects.filter(pk=case.pk).update(service_types=[*case.service_types, service])
    case.refresh_from_db()
    _audit(by=by, case=case, what="session_recorded", request=request, target=session)
    return session


@transaction.atomic
def session_update(
    *,
    session: CounselingSession,
    version: int,
    by,
    confidential_note: str | None = None,
    request=None,
    **fields,
) -> CounselingSession:
    """Change a session made on `version`. `confidential_note=None` leaves the note as it is
    (for someone who may not read it, the form has no note field)."""
    unknown = set(fields) - SESSION_FIELDS
    if unknown:
        raise TypeError(f"Not session fields: {sorted(unknown)}")
    changes = dict(fields)
    if confidential_note is not None:
        changes["confidential_note"] = note_encrypt(confidential_note)
    done = CounselingSession.objects.filter(pk=session.pk, version=version).update(
        **changes, version=F("version") + 1, updated_at=timezone.now()
    )
    if not done:
        raise EditConflict(CounselingSession.objects.get(pk=session.pk))
    session.refresh_from_db()
    _audit(by=by, case=session.case, what="session_changed", request=request, target=session)
    return session


@transaction.atomic
def break_glass(*, case: Case, by, reason: str, request=None) -> BreakGlass:
    """Another counselor reads the confidential notes for a limited time, with a reason."""
    if not reason.strip():
        raise ValueError("Breaking the glass needs a reason.")
    grant = BreakGlass.objects.create(
        case=case,
        user=by,
        reason=reason,
        expires_at=timezone.now() + datetime.timedelta(minutes=BREAK_GLASS_MINUTES),
    )
    record(
        action=AuditAction.BREAK_GLASS,
        actor=by,
        organization=case.organization,
        target=case,
        subject_person_id=case.person_id,
        request=request,
        detail={"minutes": BREAK_GLASS_MINUTES},
    )
    return grant


# --- Measurement within a case ------------------------------------------------------------------------


@transaction.atomic
def case_measure_record(*, case: Case, instrument, answers, moment: str, by, language="id", request=None):
    """Give an instrument within the case. The result is an ordinary screening result (so a risk
    answer still raises an alert); since a counselor is already on the case, it does not wait in
    the screening follow-up list."""
    from sebaya.counseling.models import CaseMeasure
    from sebaya.screening import services as screening

    if not case.is_open:
        raise NotAllowedNow("closed")
    administration = screening.administration_record(
        organization=case.organization,
        person=case.person,
        instrument=instrument,
        answers=answers,
        administered_by=by,
        language=language,
        request=request,
    )
    if administration.needs_follow_up:
        screening.follow_up_record(administration=administration, by=by, note="", request=request)
    return CaseMeasure.objects.create(case=case, administration=administration, moment=moment)


# --- Follow-ups ------------------------------------------------------------------------------------------


@transaction.atomic
def follow_up_add(*, case: Case, by, what: str, due_on, assigned_to=None, request=None):
    from sebaya.counseling.models import FollowUp

    if not case.is_open:
        raise NotAllowedNow("closed")
    follow_up = FollowUp.objects.create(
        case=case, what=what, due_on=due_on, assigned_to=assigned_to or by, created_by=by
    )
    _audit(by=by, case=case, what="follow_up_added", request=request)
    return follow_up


@transaction.atomic
def follow_up_done(*, follow_up, by, request=None) -> bool:
    from sebaya.counseling.models import FollowUp

    done = FollowUp.objects.filter(pk=follow_up.pk, done_at__isnull=True).update(
        done_at=timezone.now(), done_by=by
    )
    follow_up.refresh_from_db()
    if done:
        _audit(by=by, case=follow_up.case, what="follow_up_done", request=request)
    return bool(done)


def follow_ups_remind(*, now=None) -> int:
    """The worker's job: once a follow-up is due (in its organization's time zone), remind the
    counselor once, by email and on their home page. The email names no person and no case."""
    import zoneinfo

    from sebaya.counseling.models import FollowUp
    from sebaya.mail.services import email_queue

    now = now or timezone.now()
    reminded = 0
    waiting = FollowUp.objects.filter(
        done_at__isnull=True, reminded_at__isnull=True, due_on__lte=(now + datetime.timedelta(days=1)).date()
    )
    by_user: dict = {}
    for follow_up in waiting.select_related("case__organization", "assigned_to")[:500]:
        local_today = now.astimezone(zoneinfo.ZoneInfo(follow_up.case.organization.timezone)).date()
        if follow_up.due_on > local_today:
            continue
        with transaction.atomic():
            if not FollowUp.objects.filter(pk=follow_up.pk, reminded_at__isnull=True).update(reminded_at=now):
                continue  # another worker took it
            key = (follow_up.assigned_to_id, follow_up.case.organization_id)
            if key not in by_user:
                by_user[key] = True
                email_queue(
                    recipients=[follow_up.assigned_to],
                    template="counseling/email/follow_up",
                    purpose="counseling.follow_up",
                    context={"organization": follow_up.case.organization},
                )
        reminded += 1
    return reminded


# --- Partners and referrals (alih tangan kasus) --------------------------------------------------------

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
    from django.db.models import Q

    from sebaya.counseling.models import Partner

    shared = (
        Q(shared_with_network=True, organization__network=organization.network)
        if organization.network_id
        else Q()
    )
    query = Q(organization=organization) | shared if organization.network_id else Q(organization=organization)
    return Partner.objects.filter(query, is_active=True).distinct()


@transaction.atomic
def partner_save(*, organization, by, partner=None, users=None, request=None, **fields):
    from sebaya.counseling.models import Partner

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
    from sebaya.counseling.models import Referral, ReferralUpdate
    from sebaya.mail.services import email_queue
    from sebaya.privacy.consent import consent_for_sharing

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
    from sebaya.counseling.models import Referral, ReferralUpdate

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
    from sebaya.counseling.models import Referral
    from sebaya.screening.instruments import get_instrument

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
    from sebaya.counseling.models import Referral
    from sebaya.mail.services import email_queue

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


# --- Home visits and case conferences ------------------------------------------------------------------

VISIT_FIELDS = {
    "status",
    "planned_on",
    "done_on",
    "address",
    "purpose",
    "visitors",
    "met_with",
    "findings",
    "agreements",
}
CONFERENCE_FIELDS = {"status", "date", "place", "agenda", "minutes", "decisions"}


def _add_service(case: Case, service: str) -> None:
    case.refresh_from_db(fields=["service_types"])
    if service not in case.service_types:
        Case.objects.filter(pk=case.pk).update(service_types=[*case.service_types, service])


@transaction.atomic
def visit_save(*, case: Case, by, visit=None, version: int | None = None, request=None, **fields):
    """Plan or record a home visit. Changing one names the version it was made on."""
    from sebaya.counseling.models import HomeVisit

    if set(fields) - VISIT_FIELDS:
        raise TypeError(f"Not visit fields: {sorted(set(fields) - VISIT_FIELDS)}")
    if visit is None:
        if not case.is_open:
            raise NotAllowedNow("closed")
        visit = HomeVisit.objects.create(case=case, created_by=by, **fields)
    elif not HomeVisit.objects.filter(pk=visit.pk, version=version).update(
        **fields, version=F("version") + 1
    ):
        raise EditConflict(HomeVisit.objects.get(pk=visit.pk))
    visit.refresh_from_db()
    _add_service(case, "kunjungan_rumah")
    _audit(by=by, case=case, what="home_visit", request=request)
    return visit


@transaction.atomic
def conference_save(
    *,
    case: Case,
    by,
    conference=None,
    version: int | None = None,
    participants=(),
    actions=(),
    request=None,
    **fields,
):
    """Plan or record a case conference with its participants and actions (each list replaces
    the one saved before, in the same transaction)."""
    from sebaya.counseling.models import CaseConference, ConferenceAction, ConferenceParticipant

    if set(fields) - CONFERENCE_FIELDS:
        raise TypeError(f"Not conference fields: {sorted(set(fields) - CONFERENCE_FIELDS)}")
    if conference is None:
        if not case.is_open:
            raise NotAllowedNow("closed")
        conference = CaseConference.objects.create(case=case, created_by=by, **fields)
    elif not CaseConference.objects.filter(pk=conference.pk, version=version).update(
        **fields, version=F("version") + 1
    ):
        raise EditConflict(CaseConference.objects.get(pk=conference.pk))
    conference.participants.all().delete()
    ConferenceParticipant.objects.bulk_create(
        [ConferenceParticipant(conference=conference, **participant) for participant in participants]
    )
    conference.actions.all().delete()
    ConferenceAction.objects.bulk_create(
        [ConferenceAction(conference=conference, **action) for action in actions]
    )
    conference.refresh_from_db()
    _add_service(case, "konferensi_kasus")
    _audit(by=by, case=case, what="case_conference", request=request)
    return conference


@transaction.atomic
def journal_entry_add(
    *, organization, counselor, date, service_type, domain, description, people=1, request=None
):
    from sebaya.counseling.models import JournalEntry

    return JournalEntry.objects.create(
        organization=organization,
        counselor=counselor,
        date=date,
        service_type=service_type,
        domain=domain,
        description=description,
        people=people,
    )
