"""Recording a filled-in instrument and routing its result; screening rounds and their jobs."""

from __future__ import annotations

import datetime
import zoneinfo

from django.db import transaction
from django.utils import timezone

from sebaya.accounts.models import User
from sebaya.audit.models import AuditAction
from sebaya.audit.services import record
from sebaya.mail.services import email_queue
from sebaya.people.models import Membership, Role
from sebaya.safety.models import AlertSource, RiskLevel
from sebaya.safety.services import alert_raise
from sebaya.screening.instruments import Instrument, get_instrument
from sebaya.screening.models import (
    Administration,
    Offer,
    OutreachReason,
    Population,
    ScreeningInvitation,
    ScreeningRound,
)
from sebaya.screening.scoring import Result, score


class RoundNotOpen(Exception):
    """The round is scheduled, closed or cancelled: answers are not taken. `state` says which."""

    def __init__(self, state: str):
        super().__init__(state)
        self.state = state


class AlreadyDone(Exception):
    """Someone already completed this (a double click, or another tab): nothing was written."""


def route_result(result: Result, *, self_filled: bool) -> tuple[str, str]:
    """(outreach reason, offer) for a result.

    * a risk answer → the counselors' outreach list, and a crisis alert (raised by the caller);
    * a severe result → the counselors' outreach list (no alert: a counselor reaches out soon,
      in private, and an alert that escalates every few minutes would drown the real crises);
    * a moderate result → an offer of a peer supporter or a discussion group, which the person
      may accept (then it joins the outreach list) or decline. A counselor filling the form
      in with the person is there to talk about it, so no offer is made then.
    """
    if result.flags:
        return OutreachReason.RISK, ""
    if result.severity == "severe":
        return OutreachReason.SEVERE, ""
    if result.severity == "moderate" and self_filled:
        return "", Offer.OFFERED
    return "", ""


@transaction.atomic
def administration_record(
    *,
    organization,
    person,
    instrument: Instrument,
    answers,
    administered_by=None,
    language="id",
    invitation: ScreeningInvitation | None = None,
    request=None,
) -> Administration:
    """Score and keep one set of answers; nothing is written when anything is wrong.

    Raises ScoringError when the answers do not fit, RoundNotOpen when the invitation's round is
    not open, AlreadyDone when the invitation was already completed. A raised risk item opens an
    alert in the same transaction: a crisis, unless every raised item says "concern" (its `level`,
    e.g. a needs statement "I am being bullied").
    """
    result = score(instrument, answers)
    now = timezone.now()
    screening_round = None
    if invitation is not None:
        screening_round = ScreeningRound.objects.get(pk=invitation.screening_round_id)
        state = screening_round.state_at(now)
        if state != ScreeningRound.State.OPEN:
            raise RoundNotOpen(state)
        if screening_round.instrument_code != result.instrument:
            raise ValueError("The instrument does not match the round.")
        # The conditional UPDATE is the guard against a double submission: one wins.
        if not ScreeningInvitation.objects.filter(pk=invitation.pk, completed_at__isnull=True).update(
            completed_at=now
        ):
            raise AlreadyDone
    self_filled = not getattr(administered_by, "is_authenticated", False)
    outreach_reason, offer = route_result(result, self_filled=self_filled)
    administration = Administration.objects.create(
        organization=organization,
        person=person,
        instrument_code=result.instrument,
        instrument_version=result.version,
        language=language,
        answers=list(result.answers),
        total=result.total,
        band=result.band,
        severity=result.severity,
        subscales=result.subscales,
        flags=result.flags,
        derived=result.derived,
        administered_by=None if self_filled else administered_by,
        screening_round=screening_round,
        outreach_reason=outreach_reason,
        offer=offer,
    )
    if invitation is not None:
        ScreeningInvitation.objects.filter(pk=invitation.pk).update(administration=administration)
    if result.flags:
        alert_raise(
            organization=organization,
            level=RiskLevel(instrument.alert_level(result.flags)),
            source=AlertSource.SCREENING,
            person=person,
            source_ref=f"screening.administration:{administration.pk}",
            signals=[f"{result.instrument}:{flag}" for flag in result.flags],
            raised_by=administered_by,
        )
    record(
        action=AuditAction.RECORD_CHANGED,
        actor=administered_by or getattr(request, "user", None),
        organization=organization,
        target=administration,
        request=request,
        detail={"instrument": result.instrument, "created": True},
    )
    return administration


@transaction.atomic
def offer_answer(*, administration: Administration, answer: str, request=None) -> Administration:
    """The person answers the offer of peer support or a group. Raises AlreadyDone if answered."""
    if answer not in {Offer.PEER_SUPPORT, Offer.GROUP, Offer.DECLINED}:
        raise ValueError(answer)
    changes = {"offer": answer, "offer_answered_at": timezone.now()}
    if answer != Offer.DECLINED:
        changes["outreach_reason"] = answer  # a counselor arranges it
    if not Administration.objects.filter(pk=administration.pk, offer=Offer.OFFERED).update(**changes):
        raise AlreadyDone
    administration.refresh_from_db()
    record(
        action=AuditAction.RECORD_CHANGED,
        actor=getattr(request, "user", None),
        organization=administration.organization,
        target=administration,
        request=request,
        detail={"offer": answer},
    )
    return administration


@transaction.atomic
def outreach_record(*, administration: Administration, by, note: str = "", request=None) -> Administration:
    """A counselor has reached out about the result. Raises AlreadyDone if a colleague did first."""
    done = Administration.objects.filter(
        pk=administration.pk, reached_out_at__isnull=True, outreach_reason__gt=""
    ).update(reached_out_at=timezone.now(), reached_out_by=by, outreach_note=note)
    administration.refresh_from_db()
    if not done:
        raise AlreadyDone
    record(
        action=AuditAction.RECORD_CHANGED,
        actor=by,
        organization=administration.organization,
        target=administration,
        request=request,
        # The stored audit detail keeps its first word ("follow_up"): old rows say the same.
        detail={"follow_up": "done"},
    )
    return administration


def outreach_queue(organization):
    """Results waiting for a counselor: risk answers first, then severe results, then requests
    for peer support or a group; the oldest first within each."""
    from django.db.models import Case, IntegerField, Value, When

    order = Case(
        When(outreach_reason=OutreachReason.RISK, then=Value(0)),
        When(outreach_reason=OutreachReason.SEVERE, then=Value(1)),
        default=Value(2),
        output_field=IntegerField(),
    )
    return (
        Administration.objects.filter(organization=organization, reached_out_at__isnull=True)
        .exclude(outreach_reason="")
        .select_related("person", "screening_round")
        .annotate(urgency=order)
        .order_by("urgency", "created_at")
    )


# --- Screening rounds ------------------------------------------------------------------------------


def population_members(organization, population: str, value: str = ""):
    """Active members (the member role) of the organization, a grade or a class."""
    members = Membership.objects.filter(
        organization=organization, is_active=True, roles__role=Role.MEMBER
    ).distinct()
    if population == Population.GRADE:
        members = members.filter(grade=value)
    elif population == Population.CLASS:
        members = members.filter(class_name=value)
    return members


def _local_midnight(day: datetime.date, organization) -> datetime.datetime:
    zone = zoneinfo.ZoneInfo(organization.timezone)
    return datetime.datetime.combine(day, datetime.time.min, tzinfo=zone)


@transaction.atomic
def round_schedule(
    *,
    organization,
    title: str,
    instrument: Instrument,
    population: str,
    population_value: str = "",
    opens_on: datetime.date,
    closes_on: datetime.date,
    by,
    request=None,
) -> ScreeningRound:
    """Schedule a round. The window runs from the start of `opens_on` to the end of `closes_on`
    in the organization's time zone; a round opening today invites its people at once."""
    if closes_on < opens_on:
        raise ValueError("A round cannot close before it opens.")
    opens_at = _local_midnight(opens_on, organization)
    closes_at = _local_midnight(closes_on + datetime.timedelta(days=1), organization)
    screening_round = ScreeningRound.objects.create(
        organization=organization,
        title=title,
        instrument_code=instrument.code,
        instrument_version=instrument.version,
        population=population,
        population_value=population_value if population != Population.ORGANIZATION else "",
        opens_on=opens_on,
        closes_on=closes_on,
        opens_at=opens_at,
        closes_at=closes_at,
        reminder_at=opens_at + (closes_at - opens_at) / 2,
        created_by=by,
    )
    record(
        action=AuditAction.ORGANIZATION_CHANGED,
        actor=by,
        organization=organization,
        target=screening_round,
        request=request,
        detail={"screening_round": "scheduled", "instrument": instrument.code},
    )
    if opens_at <= timezone.now():
        round_invite(screening_round=screening_round)
        screening_round.refresh_from_db()
    return screening_round


@transaction.atomic
def round_cancel(*, screening_round: ScreeningRound, by, request=None) -> bool:
    """Cancel a round that has not closed. Answers already given are kept."""
    now = timezone.now()
    done = ScreeningRound.objects.filter(
        pk=screening_round.pk, cancelled_at__isnull=True, closes_at__gt=now
    ).update(cancelled_at=now)
    screening_round.refresh_from_db()
    if done:
        record(
            action=AuditAction.ORGANIZATION_CHANGED,
            actor=by,
            organization=screening_round.organization,
            target=screening_round,
            request=request,
            detail={"screening_round": "cancelled"},
        )
    return bool(done)


@transaction.atomic
def round_invite(*, screening_round: ScreeningRound, now: datetime.datetime | None = None) -> int:
    """Invite the round's population, once (a conditional UPDATE claims the round). In the app the
    invitation shows on the person's home page; people with an email address also get one."""

    now = now or timezone.now()
    if not ScreeningRound.objects.filter(
        pk=screening_round.pk, invited_at__isnull=True, cancelled_at__isnull=True
    ).update(invited_at=now):
        return 0
    members = population_members(
        screening_round.organization, screening_round.population, screening_round.population_value
    )
    invitations = [
        ScreeningInvitation(
            organization_id=screening_round.organization_id,
            screening_round=screening_round,
            person_id=membership.person_id,
            grade=membership.grade,
            class_name=membership.class_name,
        )
        for membership in members.only("person_id", "grade", "class_name")
    ]
    ScreeningInvitation.objects.bulk_create(invitations, ignore_conflicts=True)
    email_queue(
        recipients=User.objects.filter(person_id__in=[i.person_id for i in invitations]),
        template="screening/email/invitation",
        purpose="screening.invitation",
        context={"organization": screening_round.organization, "closes_on": screening_round.closes_on},
    )
    return len(invitations)


@transaction.atomic
def round_remind(*, screening_round: ScreeningRound, now: datetime.datetime | None = None) -> int:
    """Halfway through, remind everyone who has not answered yet, once."""

    now = now or timezone.now()
    if not ScreeningRound.objects.filter(
        pk=screening_round.pk, reminded_at__isnull=True, invited_at__isnull=False, cancelled_at__isnull=True
    ).update(reminded_at=now):
        return 0
    waiting = ScreeningInvitation.objects.filter(screening_round=screening_round, completed_at__isnull=True)
    person_ids = list(waiting.values_list("person_id", flat=True))
    waiting.update(reminded_at=now)
    email_queue(
        recipients=User.objects.filter(person_id__in=person_ids),
        template="screening/email/reminder",
        purpose="screening.reminder",
        context={"organization": screening_round.organization, "closes_on": screening_round.closes_on},
    )
    return len(person_ids)


def rounds_tick(*, now: datetime.datetime | None = None) -> int:
    """The worker's job: open the rounds whose time has come, and send the halfway reminders.
    Each round is one transaction, so a killed worker leaves it to the next round untouched."""
    now = now or timezone.now()
    live = ScreeningRound.objects.filter(cancelled_at__isnull=True, closes_at__gt=now)
    done = 0
    for screening_round in live.filter(invited_at__isnull=True, opens_at__lte=now).select_related(
        "organization"
    )[:50]:
        round_invite(screening_round=screening_round, now=now)
        done += 1
    for screening_round in live.filter(
        invited_at__isnull=False, reminded_at__isnull=True, reminder_at__lte=now
    ).select_related("organization")[:50]:
        round_remind(screening_round=screening_round, now=now)
        done += 1
    return done


def round_instrument(screening_round: ScreeningRound) -> Instrument:
    return get_instrument(screening_round.instrument_code, screening_round.instrument_version)
