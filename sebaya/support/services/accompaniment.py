"""A peer support relationship while it runs: sessions, messages and reports, pausing, stepping
up to a counselor, closing with feedback, reassigning, and the supervisor's notes."""

from __future__ import annotations

import datetime

from django.db import transaction
from django.db.models import Max, Q
from django.utils import timezone

from sebaya.kernel.crypto import NoteUnreadable, note_decrypt, note_encrypt
from sebaya.safety.models import AlertSource, RiskLevel
from sebaya.safety.risk import assess
from sebaya.safety.services import alert_raise, text_check
from sebaya.support.models import (
    READ_MARKS,
    URGENCY_ORDER,
    HelpRequest,
    Message,
    PeerSession,
    SupervisionNote,
    SupporterProfile,
    SupportRelationship,
    Transition,
    TriageDecision,
)
from sebaya.support.services._shared import NotAllowedNow, _audit, _first_contact, _ref
from sebaya.support.services.triage_matching import relationship_start
from sebaya.support.triage import TIERS, TriageInput, triage


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
    # the model alone had put the words on the outreach list.
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
    if session.concern or found.level == RiskLevel.CRISIS:
        _worry_to_triage(relationship=relationship, note_level=found.level or "none", by=by)
    if relationship.help_request_id:
        _first_contact(relationship.help_request, by)
    _audit(
        by=by,
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
    if found.level is not None:  # counselors read flagged messages (an alert, or the outreach list)
        Message.objects.filter(pk=message.pk).update(risk_level=found.level)
        message.risk_level = found.level
    if from_supporter and relationship.help_request_id:
        _first_contact(relationship.help_request, sender)
    return message


def thread_mark_read(
    *, relationship: SupportRelationship, side: str, up_to: datetime.datetime | None = None
) -> None:
    """One side of the thread ("person" or "supporter") was shown it up to the message written at
    `up_to` (by default its newest message): what the other side wrote until then is no longer
    unread for it.

    No audit event of its own: a staff member's opening of the thread is audited as a read of
    the relationship already, and the mark is only the reader's own place in the thread. The
    mark never moves back (two tabs polling the thread, one behind the other), and nothing is
    written when it would not move, so the thread's poll costs no write while nothing arrives."""
    field = READ_MARKS[side]
    if up_to is None:
        up_to = relationship.messages.aggregate(newest=Max("created_at"))["newest"]
        if up_to is None:
            return  # no messages yet: nothing to have read
    current = getattr(relationship, field)
    if current is not None and current >= up_to:
        return
    SupportRelationship.objects.filter(
        Q(**{f"{field}__isnull": True}) | Q(**{f"{field}__lt": up_to}), pk=relationship.pk
    ).update(**{field: up_to})
    setattr(relationship, field, up_to)


@transaction.atomic
def message_report(*, message: Message, by_supporter: bool, by=None, request=None) -> bool:
    """Either side reports a message to the supervisor. False if it was reported already."""
    done = Message.objects.filter(pk=message.pk, reported_at__isnull=True).update(
        reported_at=timezone.now(), reported_by_supporter=by_supporter
    )
    if done:
        _audit(
            by=by,
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
    _audit(by=by, organization=relationship.organization, target=relationship, what=status, request=request)


@transaction.atomic
def step_up(*, relationship: SupportRelationship, by, note: str, request=None) -> HelpRequest:
    """ "This needs a counselor": the relationship steps up and a request enters the counselors'
    triage queue, with the hand-over note. The person's timeline keeps both."""
    locked = _open_relationship(relationship)
    original = locked.help_request
    # The strongest signal of everything the step-up carries: the hand-over note's words and any
    # session of this relationship a supporter flagged as worrying.
    result = triage(
        TriageInput(
            topic=original.topic if original else "other",
            stepped_up=True,
            note_level=assess(note).level,
            concern_flag=locked.sessions.filter(concern=True).exists(),
        )
    )
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
        by=by,
        organization=locked.organization,
        target=new_request,
        what="stepped_up",
        request=request,
    )
    return new_request


def _worry_to_triage(*, relationship: SupportRelationship, note_level: str, by) -> HelpRequest:
    """A session flagged as worrying (or whose note reads as crisis) puts the person in the
    counselors' triage queue, urgent by the rules, while the peer support goes on. One waiting
    entry per relationship: a second worry before triage raises the same one."""
    original = relationship.help_request
    result = triage(
        TriageInput(
            topic=original.topic if original else "other",
            note_level=note_level,
            concern_flag=relationship.sessions.filter(concern=True).exists(),
        )
    )
    waiting = (
        HelpRequest.objects.select_for_update()
        .filter(stepped_up_from=relationship, status=HelpRequest.Status.NEW)
        .first()
    )
    if waiting is None:
        waiting = HelpRequest.objects.create(
            organization=relationship.organization,
            person=relationship.person,
            source=HelpRequest.Source.CONCERN,
            topic=original.topic if original else "other",
            helper="counselor",
            tier=result.tier,
            urgency=result.urgency,
            stepped_up_from=relationship,
        )
    elif (-URGENCY_ORDER[result.urgency], TIERS.index(result.tier)) > (
        -URGENCY_ORDER[waiting.urgency],
        TIERS.index(waiting.tier),
    ):
        HelpRequest.objects.filter(pk=waiting.pk).update(tier=result.tier, urgency=result.urgency)
    else:
        return waiting
    TriageDecision.objects.create(
        help_request=waiting, tier=result.tier, urgency=result.urgency, rule_reasons=list(result.reasons)
    )
    return waiting


@transaction.atomic
def relationship_close(*, relationship: SupportRelationship, by, closing_note: str, request=None) -> None:
    """The supporter (or a counselor) closes; the person is then asked for feedback."""
    locked = _open_relationship(relationship)
    SupportRelationship.objects.filter(pk=locked.pk).update(
        status=SupportRelationship.Status.CLOSED, closed_at=timezone.now(), closing_note=closing_note
    )
    if (
        locked.help_request_id
        and not SupportRelationship.objects.ongoing().filter(help_request_id=locked.help_request_id).exists()
    ):
        HelpRequest.objects.filter(pk=locked.help_request_id, status=HelpRequest.Status.WITH_PEER).update(
            status=HelpRequest.Status.CLOSED, closed_at=timezone.now()
        )
    relationship.refresh_from_db()
    _audit(by=by, organization=locked.organization, target=relationship, what="closed", request=request)


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
        by=by,
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
