"""Writes for tier 1: asking for help, triage, matching, accompaniment, stepping up and down.

Every function runs in one transaction, records its audit event, and scans arriving words with
`safety.services.text_check` in that same transaction, so a risky message and its alert are kept
together or not at all.
"""

from __future__ import annotations

import secrets

from django.contrib.auth.hashers import check_password, make_password
from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone

from sebaya.audit.models import AuditAction
from sebaya.audit.services import record
from sebaya.kernel import errors
from sebaya.kernel.crypto import NoteUnreadable, note_decrypt, note_encrypt
from sebaya.people.models import Membership, Role
from sebaya.safety.models import AlertSource, RiskLevel
from sebaya.safety.services import alert_raise, text_check
from sebaya.support import matching
from sebaya.support.models import (
    MATCHABLE,
    BuddyBatch,
    BuddyPair,
    HelpRequest,
    Message,
    PeerSession,
    RequestMessage,
    SupervisionNote,
    SupporterConflict,
    SupporterProfile,
    SupportRelationship,
    Tier,
    Transition,
    TriageDecision,
)
from sebaya.support.triage import TriageInput, triage

# Follow-up codes avoid look-alike characters (0/O, 1/I/L) so they can be read over a phone.
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"


class NotAllowedNow(errors.NotAllowedNow):
    """The record is in a state where this cannot happen (closed, withdrawn, full…). `code` says which."""


def _audit(*, actor, organization, target, what, request=None, subject_person_id=None):
    record(
        action=AuditAction.RECORD_CHANGED,
        actor=actor,
        organization=organization,
        target=target,
        subject_person_id=subject_person_id,
        request=request,
        detail={"support": what},
    )


def _ref(obj) -> str:
    return f"{obj._meta.label_lower}:{obj.pk}"


# --- Asking for help ------------------------------------------------------------------------------


def new_follow_up_code() -> str:
    raw = "".join(secrets.choice(CODE_ALPHABET) for _ in range(8))
    return f"{raw[:4]}-{raw[4:]}"


def normalize_code(code: str) -> str:
    raw = "".join(ch for ch in code.upper() if ch.isalnum())
    return f"{raw[:4]}-{raw[4:]}" if len(raw) == 8 else raw


@transaction.atomic
def help_request_submit(
    *,
    organization,
    person=None,
    topic: str,
    details: str = "",
    helper: str = "either",
    helper_gender: str = "any",
    mode: str = "either",
    times=(),
    not_same_class: bool = False,
    check_answers=(),
    safety_answer: bool | None = None,
    asked_now: bool = False,
    by=None,
    request=None,
) -> tuple[HelpRequest, str | None, str | None]:
    """Keep a request, triage it by the rules, and raise an alert for any risk signal.

    Returns (request, code, PIN); code and PIN are given only for an anonymous request (no
    person) and are shown to the person once. Raises ScoringError for a check that does not fit.
    `asked_now`: sent with "Send it now to a counselor" (the rest of the form skipped): urgent.
    """
    from sebaya.safety.risk import assess
    from sebaya.screening.scoring import score

    check = score("phq4", list(check_answers)) if check_answers else None
    words = assess(details)
    result = triage(
        TriageInput(
            topic=topic,
            helper=helper,
            check_band=check.band if check else "",
            safety_answer=safety_answer,
            text_level=words.level,
            asked_now=asked_now,
        )
    )
    code = pin = None
    help_request = HelpRequest(
        organization=organization,
        person=person,
        topic=topic,
        details=details,
        helper=helper,
        helper_gender=helper_gender,
        mode=mode,
        times=sorted(set(times)),
        not_same_class=not_same_class,
        check_answers=list(check.answers) if check else [],
        check_total=check.total if check else None,
        check_band=check.band if check else "",
        safety_answer=safety_answer,
        tier=result.tier,
        urgency=result.urgency,
    )
    if person is None:
        code, pin = new_follow_up_code(), f"{secrets.randbelow(10**6):06d}"
        help_request.follow_up_code = code
        help_request.pin_hash = make_password(pin)
    help_request.save()
    TriageDecision.objects.create(
        help_request=help_request, tier=result.tier, urgency=result.urgency, rule_reasons=list(result.reasons)
    )
    # One submission, one alert: the safety answer and the words together.
    text_check(
        organization=organization,
        text=details,
        source=AlertSource.TRIAGE if safety_answer else AlertSource.TEXT,
        source_ref=_ref(help_request),
        person=person,
        raised_by=by,
        also_level=RiskLevel.CRISIS if safety_answer else None,
        also_signals=["help_request:safety_yes"] if safety_answer else (),
    )
    _audit(actor=by, organization=organization, target=help_request, what="requested", request=request)
    if result.tier == Tier.PEER and organization.auto_assign_peers:
        best = proposals_for(help_request, limit=1)
        if best:
            relationship_start(
                help_request=help_request, supporter_id=best[0].candidate.id, by=None, reasons=best[0].reasons
            )
    return help_request, code, pin


def anonymous_request_find(*, organization, code: str, pin: str) -> HelpRequest | None:
    """The anonymous request with this code and PIN, or None (the same answer for either wrong)."""
    help_request = HelpRequest.objects.filter(
        organization=organization, follow_up_code=normalize_code(code), person__isnull=True
    ).first()
    if help_request is None:
        make_password(pin)  # same time as a real check, so a wrong code cannot be told apart
        return None
    return help_request if check_password(pin, help_request.pin_hash) else None


@transaction.atomic
def request_reply(*, help_request: HelpRequest, body: str, by=None, from_requester: bool, request=None):
    """A reply on a request: from a counselor (the first one starts the response clock) or from the
    person who asked (scanned for risk)."""
    if not help_request.is_open:
        raise NotAllowedNow("closed")
    message = RequestMessage.objects.create(
        help_request=help_request,
        author=by if getattr(by, "is_authenticated", False) else None,
        from_requester=from_requester,
        body=body,
    )
    if from_requester:
        text_check(
            organization=help_request.organization,
            text=body,
            source=AlertSource.TEXT,
            source_ref=_ref(help_request),
            person=help_request.person,
            raised_by=by,
        )
    else:
        _first_contact(help_request, by)
    _audit(
        actor=by,
        organization=help_request.organization,
        target=help_request,
        what="replied",
        request=request,
    )
    return message


def _first_contact(help_request: HelpRequest, by) -> None:
    """The response clock stops at the first human contact, once."""
    HelpRequest.objects.filter(pk=help_request.pk, first_contact_at__isnull=True).update(
        first_contact_at=timezone.now(), first_contact_by=by
    )
    help_request.refresh_from_db(fields=["first_contact_at", "first_contact_by"])


@transaction.atomic
def first_contact_record(*, help_request: HelpRequest, by, request=None) -> None:
    """A counselor met or called the person outside Sebaya."""
    _first_contact(help_request, by)
    _audit(
        actor=by,
        organization=help_request.organization,
        target=help_request,
        what="contacted",
        request=request,
    )


@transaction.atomic
def request_withdraw(*, help_request: HelpRequest, by=None, request=None) -> None:
    """The person no longer wants help with this. Kept, never deleted; relationships close."""
    if (
        not HelpRequest.objects.filter(pk=help_request.pk)
        .exclude(status__in=[HelpRequest.Status.CLOSED, HelpRequest.Status.WITHDRAWN])
        .update(status=HelpRequest.Status.WITHDRAWN, closed_at=timezone.now())
    ):
        raise NotAllowedNow("closed")
    help_request.refresh_from_db()
    SupportRelationship.objects.filter(
        help_request=help_request,
        status__in=[SupportRelationship.Status.ACTIVE, SupportRelationship.Status.PAUSED],
    ).update(status=SupportRelationship.Status.CLOSED, closed_at=timezone.now())
    _audit(
        actor=by,
        organization=help_request.organization,
        target=help_request,
        what="withdrawn",
        request=request,
    )


# --- Triage --------------------------------------------------------------------------------------------


@transaction.atomic
def triage_decide(
    *, help_request: HelpRequest, by, tier: str, urgency: str, reason: str = "", request=None
) -> TriageDecision:
    """A counselor confirms or overrides the tier and urgency. An override needs a reason."""
    locked = HelpRequest.objects.select_for_update().get(pk=help_request.pk)
    if not locked.is_open:
        raise NotAllowedNow("closed")
    is_override = (tier, urgency) != (locked.tier, locked.urgency)
    if is_override and not reason.strip():
        raise ValueError("An override needs a reason.")
    decision = TriageDecision.objects.create(
        help_request=locked, tier=tier, urgency=urgency, decided_by=by, is_override=is_override, reason=reason
    )
    HelpRequest.objects.filter(pk=locked.pk).update(tier=tier, urgency=urgency)
    help_request.refresh_from_db()
    _audit(
        actor=by, organization=help_request.organization, target=help_request, what="triaged", request=request
    )
    return decision


@transaction.atomic
def request_take(*, help_request: HelpRequest, by, request=None) -> None:
    """A counselor takes the request on (the counseling issue turns this into a case)."""
    if not HelpRequest.objects.filter(pk=help_request.pk, status=HelpRequest.Status.NEW).update(
        status=HelpRequest.Status.WITH_COUNSELOR
    ):
        raise NotAllowedNow("taken")
    help_request.refresh_from_db()
    _audit(
        actor=by, organization=help_request.organization, target=help_request, what="taken", request=request
    )


@transaction.atomic
def request_close(*, help_request: HelpRequest, by, request=None) -> None:
    if (
        not HelpRequest.objects.filter(pk=help_request.pk)
        .exclude(status__in=[HelpRequest.Status.CLOSED, HelpRequest.Status.WITHDRAWN])
        .update(status=HelpRequest.Status.CLOSED, closed_at=timezone.now())
    ):
        raise NotAllowedNow("closed")
    help_request.refresh_from_db()
    _audit(
        actor=by, organization=help_request.organization, target=help_request, what="closed", request=request
    )


def triage_queue(organization):
    """Open requests that no one has taken on yet: the most urgent first, then the oldest."""
    from django.db.models import Case, IntegerField, Value, When

    order = Case(
        When(urgency="urgent", then=Value(0)),
        When(urgency="soon", then=Value(1)),
        default=Value(2),
        output_field=IntegerField(),
    )
    return (
        HelpRequest.objects.filter(organization=organization, status=HelpRequest.Status.NEW)
        .select_related("person")
        .annotate(urgency_rank=order)
        .order_by("urgency_rank", "created_at")
    )


# --- Matching ------------------------------------------------------------------------------------------


def supporter_candidates(organization, *, exclude_ids=()) -> list[matching.Candidate]:
    profiles = (
        SupporterProfile.objects.filter(organization=organization)
        .select_related("membership__person")
        .annotate(
            load=Count(
                "relationships",
                filter=Q(
                    relationships__status__in=[
                        SupportRelationship.Status.ACTIVE,
                        SupportRelationship.Status.PAUSED,
                    ]
                ),
            )
        )
        .exclude(pk__in=list(exclude_ids))
    )
    conflicts: dict = {}
    for supporter_id, person_id in SupporterConflict.objects.filter(
        supporter__organization=organization
    ).values_list("supporter_id", "person_id"):
        conflicts.setdefault(supporter_id, set()).add(person_id)
    return [
        matching.Candidate(
            id=p.pk,
            person_id=p.membership.person_id,
            gender=p.membership.person.gender,
            grade=_grade(p.membership.grade),
            class_name=p.membership.class_name,
            languages=frozenset(p.languages or p.membership.person.languages or ["id"]),
            topics=frozenset(p.topics),
            availability=frozenset(p.availability),
            capacity=p.capacity,
            load=p.load,
            matchable=p.matchable,
            conflicts=frozenset(conflicts.get(p.pk, ())),
        )
        for p in profiles
    ]


def _grade(value: str) -> int | None:
    digits = "".join(ch for ch in value if ch.isdigit())
    return int(digits) if digits else None


def need_for(help_request: HelpRequest) -> matching.Need:
    membership = None
    if help_request.person_id:
        membership = help_request.person.memberships.filter(organization=help_request.organization).first()
    return matching.Need(
        topic=help_request.topic,
        person_id=help_request.person_id,
        gender=help_request.helper_gender,
        grade=_grade(membership.grade) if membership else None,
        class_name=membership.class_name if membership else "",
        languages=frozenset(help_request.person.languages if help_request.person_id else ()),
        times=frozenset(help_request.times),
        not_same_class=help_request.not_same_class,
    )


def proposals_for(help_request: HelpRequest, *, limit: int = 5, exclude_ids=()) -> list[matching.Proposal]:
    return matching.rank(
        need_for(help_request),
        supporter_candidates(help_request.organization, exclude_ids=exclude_ids),
        limit=limit,
    )


@transaction.atomic
def relationship_start(
    *, help_request: HelpRequest, supporter_id, by, reasons=(), request=None
) -> SupportRelationship:
    """Match the request with a supporter, checking again under a lock that they still qualify
    (two coordinators confirming at once cannot overfill a supporter)."""
    supporter = SupporterProfile.objects.select_for_update().get(
        pk=supporter_id, organization=help_request.organization
    )
    locked = HelpRequest.objects.select_for_update().get(pk=help_request.pk)
    if locked.status not in {HelpRequest.Status.NEW}:
        raise NotAllowedNow("not_waiting")
    candidates = {c.id: c for c in supporter_candidates(help_request.organization)}
    candidate = candidates.get(supporter.pk)
    if candidate is None or not matching.eligible(need_for(locked), candidate):
        raise NotAllowedNow("not_eligible")
    relationship = SupportRelationship.objects.create(
        organization=help_request.organization,
        person=locked.person,
        help_request=locked,
        supporter=supporter,
        matched_by=by if getattr(by, "is_authenticated", False) else None,
        match_reasons=[[code, params] for code, params in reasons],
    )
    HelpRequest.objects.filter(pk=locked.pk).update(status=HelpRequest.Status.WITH_PEER)
    help_request.refresh_from_db()
    _audit(
        actor=by,
        organization=help_request.organization,
        target=relationship,
        what="matched",
        request=request,
        subject_person_id=locked.person_id,
    )
    return relationship


# --- Accompaniment ---------------------------------------------------------------------------------------


def _open_relationship(relationship: SupportRelationship) -> SupportRelationship:
    locked = SupportRelationship.objects.select_for_update().get(pk=relationship.pk)
    if not locked.is_open:
        raise NotAllowedNow("closed")
    return locked


@transaction.atomic
def peer_session_log(*, relationship: SupportRelationship, by, request=None, **fields) -> PeerSession:
    """Log a session. Its note is scanned; the concern flag raises an alert to the on-call counselor."""
    _open_relationship(relationship)
    session = PeerSession.objects.create(relationship=relationship, logged_by=by, **fields)
    ref = _ref(session)
    found = text_check(
        organization=relationship.organization,
        text=session.note,
        source=AlertSource.TEXT,
        source_ref=ref,
        person=relationship.person,
        raised_by=by,
    )
    # A supporter's own concern is a person's judgement: it pages the on-call counselor even when
    # the model alone had put the words on the follow-up list.
    if session.concern and found.alert is None:
        alert_raise(
            organization=relationship.organization,
            level=RiskLevel.CONCERN,
            source=AlertSource.CONCERN_FLAG,
            person=relationship.person,
            source_ref=ref,
            signals=["peer_session:concern_flag"],
            raised_by=by,
        )
    if relationship.help_request_id:
        _first_contact(relationship.help_request, by)
    _audit(
        actor=by,
        organization=relationship.organization,
        target=relationship,
        what="session_logged",
        request=request,
        subject_person_id=relationship.person_id,
    )
    return session


@transaction.atomic
def message_send(
    *, relationship: SupportRelationship, body: str, from_supporter: bool, sender=None
) -> Message:
    """A message in the thread, scanned for risk as it arrives (an alert, if any, in the same write)."""
    _open_relationship(relationship)
    message = Message.objects.create(
        relationship=relationship,
        sender=sender if getattr(sender, "is_authenticated", False) else None,
        from_supporter=from_supporter,
        body=body,
    )
    found = text_check(
        organization=relationship.organization,
        text=body,
        source=AlertSource.TEXT,
        source_ref=_ref(message),
        person=relationship.person,
        raised_by=sender,
    )
    if found.level is not None:  # counselors read flagged messages (an alert, or the follow-up list)
        Message.objects.filter(pk=message.pk).update(risk_level=found.level)
        message.risk_level = found.level
    if from_supporter and relationship.help_request_id:
        _first_contact(relationship.help_request, sender)
    return message


@transaction.atomic
def message_report(*, message: Message, by_supporter: bool, by=None, request=None) -> bool:
    """Either side reports a message to the supervisor. False if it was reported already."""
    done = Message.objects.filter(pk=message.pk, reported_at__isnull=True).update(
        reported_at=timezone.now(), reported_by_supporter=by_supporter
    )
    if done:
        _audit(
            actor=by,
            organization=message.relationship.organization,
            target=message.relationship,
            what="message_reported",
            request=request,
            subject_person_id=message.relationship.person_id,
        )
    return bool(done)


@transaction.atomic
def relationship_set_status(*, relationship: SupportRelationship, status: str, by, request=None) -> None:
    """Pause or resume."""
    if status not in {SupportRelationship.Status.ACTIVE, SupportRelationship.Status.PAUSED}:
        raise ValueError(status)
    _open_relationship(relationship)
    SupportRelationship.objects.filter(pk=relationship.pk).update(status=status)
    relationship.refresh_from_db()
    _audit(
        actor=by, organization=relationship.organization, target=relationship, what=status, request=request
    )


@transaction.atomic
def step_up(*, relationship: SupportRelationship, by, note: str, request=None) -> HelpRequest:
    """ "This needs a counselor": the relationship steps up and a request enters the counselors'
    triage queue, with the hand-over note. The person's timeline keeps both."""
    locked = _open_relationship(relationship)
    original = locked.help_request
    result = triage(TriageInput(topic=original.topic if original else "other", stepped_up=True))
    new_request = HelpRequest.objects.create(
        organization=locked.organization,
        person=locked.person,
        source=HelpRequest.Source.STEP_UP,
        topic=original.topic if original else "other",
        helper="counselor",
        tier=result.tier,
        urgency=result.urgency,
        stepped_up_from=locked,
    )
    TriageDecision.objects.create(
        help_request=new_request, tier=result.tier, urgency=result.urgency, rule_reasons=list(result.reasons)
    )
    Transition.objects.create(
        organization=locked.organization,
        kind=Transition.Kind.STEP_UP,
        person=locked.person,
        relationship=locked,
        help_request=new_request,
        note=note,
        by=by,
    )
    SupportRelationship.objects.filter(pk=locked.pk).update(status=SupportRelationship.Status.STEPPED_UP)
    if original is not None and original.is_open:
        HelpRequest.objects.filter(pk=original.pk).update(status=HelpRequest.Status.WITH_COUNSELOR)
    text_check(
        organization=locked.organization,
        text=note,
        source=AlertSource.TEXT,
        source_ref=_ref(new_request),
        person=locked.person,
        raised_by=by,
    )
    relationship.refresh_from_db()
    _audit(
        actor=by,
        organization=locked.organization,
        target=new_request,
        what="stepped_up",
        request=request,
    )
    return new_request


@transaction.atomic
def step_down(*, help_request: HelpRequest, by, note: str, request=None) -> None:
    """From a counselor back to a peer: the request returns to the queue as a peer request, with
    the hand-over note, to be matched."""
    locked = HelpRequest.objects.select_for_update().get(pk=help_request.pk)
    if not locked.is_open:
        raise NotAllowedNow("closed")
    TriageDecision.objects.create(
        help_request=locked,
        tier=Tier.PEER,
        urgency="routine",
        decided_by=by,
        is_override=True,
        reason=note,
    )
    HelpRequest.objects.filter(pk=locked.pk).update(
        tier=Tier.PEER, urgency="routine", status=HelpRequest.Status.NEW
    )
    Transition.objects.create(
        organization=locked.organization,
        kind=Transition.Kind.STEP_DOWN,
        person=locked.person,
        help_request=locked,
        note=note,
        by=by,
    )
    help_request.refresh_from_db()
    _audit(
        actor=by, organization=locked.organization, target=help_request, what="stepped_down", request=request
    )


@transaction.atomic
def relationship_close(*, relationship: SupportRelationship, by, closing_note: str, request=None) -> None:
    """The supporter (or a counselor) closes; the person is then asked for feedback."""
    locked = _open_relationship(relationship)
    SupportRelationship.objects.filter(pk=locked.pk).update(
        status=SupportRelationship.Status.CLOSED, closed_at=timezone.now(), closing_note=closing_note
    )
    if (
        locked.help_request_id
        and not SupportRelationship.objects.filter(
            help_request_id=locked.help_request_id,
            status__in=[SupportRelationship.Status.ACTIVE, SupportRelationship.Status.PAUSED],
        ).exists()
    ):
        HelpRequest.objects.filter(pk=locked.help_request_id, status=HelpRequest.Status.WITH_PEER).update(
            status=HelpRequest.Status.CLOSED, closed_at=timezone.now()
        )
    relationship.refresh_from_db()
    _audit(actor=by, organization=locked.organization, target=relationship, what="closed", request=request)


@transaction.atomic
def feedback_give(
    *, relationship: SupportRelationship, rating: int, comment: str = "", by=None, request=None
) -> None:
    """The person's feedback, once, after closing; it feeds the supporter's evaluation."""
    if not SupportRelationship.objects.filter(
        pk=relationship.pk, status=SupportRelationship.Status.CLOSED, feedback_at__isnull=True
    ).update(feedback_rating=rating, feedback_comment=comment, feedback_at=timezone.now()):
        raise NotAllowedNow("feedback")
    relationship.refresh_from_db()
    text_check(
        organization=relationship.organization,
        text=comment,
        source=AlertSource.TEXT,
        source_ref=_ref(relationship),
        person=relationship.person,
        raised_by=by,
    )


@transaction.atomic
def relationship_reassign(*, relationship: SupportRelationship, supporter_id, by, note: str, request=None):
    """A supervisor moves the person to another supporter: the old one closes, a new one starts."""
    locked = _open_relationship(relationship)
    SupportRelationship.objects.filter(pk=locked.pk).update(
        status=SupportRelationship.Status.CLOSED, closed_at=timezone.now(), closing_note=note
    )
    if locked.help_request_id:
        HelpRequest.objects.filter(pk=locked.help_request_id).update(status=HelpRequest.Status.NEW)
        new = relationship_start(
            help_request=locked.help_request, supporter_id=supporter_id, by=by, request=request
        )
    else:
        raise NotAllowedNow("no_request")
    relationship.refresh_from_db()
    return new


@transaction.atomic
def supervision_note_add(*, supporter: SupporterProfile, by, body: str, relationship=None, request=None):
    # It may name the person accompanied: encrypted like every other note about a person.
    note = SupervisionNote.objects.create(
        supporter=supporter, author=by, body=note_encrypt(body), relationship=relationship
    )
    _audit(
        actor=by,
        organization=supporter.organization,
        target=supporter,
        what="supervision_note",
        request=request,
    )
    return note


def supervision_notes_readable(relationship) -> list[SupervisionNote]:
    """The relationship's supervision notes, each with its `text` (or `unreadable` when its key is
    gone from the settings)."""
    notes = list(relationship.supervision_notes.select_related("author__person"))
    for note in notes:
        try:
            note.text, note.unreadable = note_decrypt(note.body), False
        except NoteUnreadable:
            note.text, note.unreadable = "", True
    return notes


@transaction.atomic
def supporter_profile_save(*, membership, by, request=None, **fields) -> SupporterProfile:
    """Create or change a supporter's roster entry. Marking certified records who and when."""
    profile, _created = SupporterProfile.objects.select_for_update().get_or_create(
        membership=membership, defaults={"organization": membership.organization}
    )
    was_certified = profile.certified
    for name, value in fields.items():
        setattr(profile, name, value)
    if profile.certified and not was_certified:
        profile.certified_at, profile.certified_by = timezone.now(), by
    if not profile.certified:
        profile.certified_at = profile.certified_by = None
    profile.save()
    _audit(
        actor=by,
        organization=membership.organization,
        target=profile,
        what="supporter_profile",
        request=request,
    )
    return profile


@transaction.atomic
def supporter_pause_set(*, profile: SupporterProfile, by, paused: bool, note: str = "", request=None) -> None:
    """A supporter pauses (no new matches; the people they accompany stay with them) or comes
    back. Coming back returns to where they were: active when certified, else trainee."""
    if paused:
        changed = SupporterProfile.objects.filter(
            pk=profile.pk, status__in=[SupporterProfile.Status.ACTIVE, SupporterProfile.Status.TRAINEE]
        ).update(status=SupporterProfile.Status.PAUSED, pause_note=note)
    else:
        back = SupporterProfile.Status.ACTIVE if profile.certified else SupporterProfile.Status.TRAINEE
        changed = SupporterProfile.objects.filter(
            pk=profile.pk, status=SupporterProfile.Status.PAUSED
        ).update(status=back, pause_note="")
    if not changed:
        raise NotAllowedNow("status")
    profile.refresh_from_db()
    _audit(
        actor=by, organization=profile.organization, target=profile, what="supporter_pause", request=request
    )


# --- The buddy system ------------------------------------------------------------------------------------


def default_intake_grade(organization) -> str:
    """The lowest grade among the organization's members: the new students of the year."""
    grades = set(
        Membership.objects.filter(organization=organization, is_active=True, roles__role=Role.MEMBER)
        .exclude(grade="")
        .values_list("grade", flat=True)
    )
    return min(grades, key=lambda grade: (_grade(grade) is None, _grade(grade) or 0, grade)) if grades else ""


def buddy_inputs(organization, intake_grade: str):
    """(students, buddies, memberships by person id, profiles by id) for a batch."""
    from sebaya.support import buddies

    paired = BuddyPair.objects.filter(
        batch__organization=organization, batch__status=BuddyBatch.Status.CONFIRMED
    )
    memberships = {
        m.person_id: m
        for m in Membership.objects.filter(
            organization=organization, is_active=True, roles__role=Role.MEMBER, grade=intake_grade
        )
        .exclude(person_id__in=paired.values("student_id"))
        .select_related("person")
        .order_by("person__full_name", "pk")
        .distinct()
    }
    profiles = {
        p.pk: p
        for p in SupporterProfile.objects.filter(
            MATCHABLE,
            organization=organization,
            buddy_capacity__gt=0,
        )
        .exclude(membership__grade=intake_grade)
        .select_related("membership__person")
        .order_by("membership__person__full_name", "pk")
        if p.membership.is_active
    }
    loads = dict(paired.values_list("buddy_id").annotate(n=Count("pk")))
    conflicts: dict = {}
    for supporter_id, person_id in SupporterConflict.objects.filter(
        supporter__organization=organization
    ).values_list("supporter_id", "person_id"):
        conflicts.setdefault(person_id, set()).add(supporter_id)
    students = [
        buddies.Student(
            id=person_id,
            gender=m.person.gender,
            grade=_grade(m.grade),
            languages=frozenset(m.person.languages) - {"id"},
            conflicts=frozenset(conflicts.get(person_id, ())),
        )
        for person_id, m in memberships.items()
    ]
    buddy_list = [
        buddies.Buddy(
            id=p.pk,
            gender=p.membership.person.gender,
            grade=_grade(p.membership.grade),
            capacity=p.buddy_capacity,
            languages=frozenset(p.languages or p.membership.person.languages) - {"id"},
            load=min(loads.get(p.pk, 0), p.buddy_capacity),
        )
        for p in profiles.values()
    ]
    return students, buddy_list, memberships, profiles


@transaction.atomic
def buddy_batch_propose(*, organization, intake_grade: str, by=None, request=None) -> BuddyBatch:
    """Solve the batch and keep it as a draft to preview (earlier drafts are discarded)."""
    from sebaya.support import buddies

    BuddyBatch.objects.filter(organization=organization, status=BuddyBatch.Status.DRAFT).update(
        status=BuddyBatch.Status.DISCARDED
    )
    students, buddy_list, _memberships, _profiles = buddy_inputs(organization, intake_grade)
    plan = buddies.solve(students, buddy_list)
    batch = BuddyBatch.objects.create(
        organization=organization,
        intake_grade=intake_grade,
        total_cost=plan.total_cost,
        unassigned=[str(person_id) for person_id in plan.unassigned],
        created_by=by if getattr(by, "is_authenticated", False) else None,
    )
    BuddyPair.objects.bulk_create(
        [BuddyPair(batch=batch, student_id=s, buddy_id=b, cost=cost) for s, b, cost in plan.pairs]
    )
    record(
        action=AuditAction.ORGANIZATION_CHANGED,
        actor=by,
        organization=organization,
        target=batch,
        request=request,
        detail={"buddies": "proposed", "pairs": len(plan.pairs)},
    )
    return batch


def _batch_cost(batch: BuddyBatch) -> int:
    from sebaya.support import buddies

    students, buddy_list, _m, _p = buddy_inputs(batch.organization, batch.intake_grade)
    pairs = [(p.student_id, p.buddy_id, p.cost) for p in batch.pairs.all()]
    paired = {student for student, _b, _c in pairs}
    known = {s.id for s in students}
    left = [s.id for s in students if s.id not in paired]
    if not paired <= known:
        return batch.total_cost
    return buddies.plan_cost(students, buddy_list, pairs, left)


@transaction.atomic
def buddy_pair_edit(*, pair: BuddyPair, buddy_id, by, request=None) -> BuddyPair:
    """A coordinator changes one student's buddy in a draft: still within capacity and no conflict."""
    from sebaya.support import buddies

    batch = BuddyBatch.objects.select_for_update().get(pk=pair.batch_id)
    if batch.status != BuddyBatch.Status.DRAFT:
        raise NotAllowedNow("not_draft")
    students, buddy_list, _m, _p = buddy_inputs(batch.organization, batch.intake_grade)
    student = next((s for s in students if s.id == pair.student_id), None)
    buddy = next((b for b in buddy_list if b.id == buddy_id), None)
    if student is None or buddy is None:
        raise NotAllowedNow("not_eligible")
    cost = buddies.pair_cost(student, buddy)
    in_batch = batch.pairs.filter(buddy_id=buddy_id).exclude(pk=pair.pk).count()
    if cost is None or buddy.load + in_batch >= buddy.capacity:
        raise NotAllowedNow("not_eligible")
    BuddyPair.objects.filter(pk=pair.pk).update(buddy_id=buddy_id, cost=cost, edited_by=by)
    BuddyBatch.objects.filter(pk=batch.pk).update(total_cost=_batch_cost(batch))
    pair.refresh_from_db()
    return pair


@transaction.atomic
def buddy_batch_confirm(*, batch: BuddyBatch, by=None, request=None) -> None:
    """Confirm a draft, once. Capacities are checked again: another batch may have been confirmed."""
    locked = BuddyBatch.objects.select_for_update().get(pk=batch.pk)
    if locked.status != BuddyBatch.Status.DRAFT:
        raise NotAllowedNow("not_draft")
    confirmed_loads = dict(
        BuddyPair.objects.filter(
            batch__organization=locked.organization, batch__status=BuddyBatch.Status.CONFIRMED
        )
        .values_list("buddy_id")
        .annotate(n=Count("pk"))
    )
    for buddy_id, n in locked.pairs.values_list("buddy_id").annotate(n=Count("pk")):
        capacity = SupporterProfile.objects.get(pk=buddy_id).buddy_capacity
        if confirmed_loads.get(buddy_id, 0) + n > capacity:
            raise NotAllowedNow("capacity")
    already = BuddyPair.objects.filter(
        batch__organization=locked.organization,
        batch__status=BuddyBatch.Status.CONFIRMED,
        student_id__in=locked.pairs.values("student_id"),
    )
    if already.exists():
        raise NotAllowedNow("already_paired")
    BuddyBatch.objects.filter(pk=locked.pk).update(
        status=BuddyBatch.Status.CONFIRMED, confirmed_at=timezone.now()
    )
    batch.refresh_from_db()
    record(
        action=AuditAction.ORGANIZATION_CHANGED,
        actor=by,
        organization=locked.organization,
        target=locked,
        request=request,
        detail={"buddies": "confirmed", "pairs": locked.pairs.count()},
    )


@transaction.atomic
def buddy_batch_discard(*, batch: BuddyBatch, by=None, request=None) -> None:
    if not BuddyBatch.objects.filter(pk=batch.pk, status=BuddyBatch.Status.DRAFT).update(
        status=BuddyBatch.Status.DISCARDED
    ):
        raise NotAllowedNow("not_draft")
    batch.refresh_from_db()


@transaction.atomic
def supporter_conflict_set(*, membership, person, by, present: bool, request=None) -> None:
    """Declare (or lift) a conflict: this supporter is never matched or paired with this person."""
    profile = supporter_profile_save(membership=membership, by=by, request=request)
    if present:
        SupporterConflict.objects.get_or_create(supporter=profile, person=person, defaults={"created_by": by})
    else:
        SupporterConflict.objects.filter(supporter=profile, person=person).delete()
    _audit(
        actor=by,
        organization=membership.organization,
        target=profile,
        what="conflict_declared" if present else "conflict_lifted",
        request=request,
        subject_person_id=person.pk,
    )


@transaction.atomic
def help_request_for_step_down(
    *, organization, person, topic: str, by, note: str, request=None
) -> HelpRequest:
    """A counselor steps a person down to a peer from a case that did not begin as a request:
    a request routed to a peer, waiting to be matched, with the hand-over note."""
    help_request = HelpRequest.objects.create(
        organization=organization,
        person=person,
        source=HelpRequest.Source.STEP_DOWN,
        topic=topic,
        helper="peer",
        tier=Tier.PEER,
        urgency="routine",
    )
    TriageDecision.objects.create(
        help_request=help_request, tier=Tier.PEER, urgency="routine", decided_by=by, reason=note
    )
    Transition.objects.create(
        organization=organization,
        kind=Transition.Kind.STEP_DOWN,
        person=person,
        help_request=help_request,
        note=note,
        by=by,
    )
    _audit(actor=by, organization=organization, target=help_request, what="stepped_down", request=request)
    return help_request
