"""Raising, routing, escalating and acting on alerts. The worker and the views call these.

Every state change is a conditional UPDATE ("only if it is still open at this step"), so two
counselors acknowledging at once, or two workers escalating at once, cannot both win.
"""

from __future__ import annotations

import datetime
import logging
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import F, Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from sebaya import access
from sebaya.accounts.models import User
from sebaya.audit.models import AuditAction
from sebaya.audit.services import record
from sebaya.kernel.leases import claim_rows, worker_id
from sebaya.organizations.models import Organization
from sebaya.people.models import Person, Role
from sebaya.safety import sources
from sebaya.safety.models import (
    RISK_ORDER,
    Alert,
    AlertAction,
    AlertSource,
    Notification,
    OnCallSlot,
    RiskLevel,
    TextFlag,
)
from sebaya.safety.risk import assess
from sebaya.safety.text_flags import text_flag_raise

logger = logging.getLogger(__name__)


class AlertAlreadyTaken(Exception):
    """Someone else acknowledged (or closed) the alert first."""

    def __init__(self, alert: Alert):
        super().__init__(str(alert.pk))
        self.alert = alert


# --- Who is on call --------------------------------------------------------------------------


def on_call(organization, at: datetime.datetime | None = None) -> tuple[User | None, User | None]:
    """The on-call counselor and backup for the organization's local day."""
    local = timezone.localtime(at or timezone.now(), _zone(organization))
    slot = (
        OnCallSlot.objects.filter(organization=organization, weekday=local.weekday())
        .select_related("primary__person", "backup__person")  # the queue names them
        .first()
    )
    return (slot.primary, slot.backup) if slot else (None, None)


def recipients_for(alert: Alert) -> list[User]:
    """Who is told at the alert's current step. With no rota, every counselor is told at once."""
    organization = alert.organization
    counselors = list(access.users_with_role(organization, Role.COUNSELOR))
    # Someone on the rota who is no longer an active counselor here is skipped, never silently told.
    primary, backup = (user if user in counselors else None for user in on_call(organization))
    if alert.step == Alert.Step.ON_CALL:
        people = [primary] if primary else counselors
    elif alert.step == Alert.Step.BACKUP:
        people = [backup] if backup else counselors
    elif alert.step == Alert.Step.COORDINATOR:
        people = list(access.users_with_role(organization, Role.COORDINATOR)) or counselors
    else:
        people = list(access.users_with_role(organization, Role.COUNSELOR, Role.COORDINATOR))
    return [person for person in people if person is not None and person.is_active]


def alert_recipients(organization) -> list[User]:
    """Who an alert raised now would reach first (empty: nobody could be told at once)."""
    return recipients_for(Alert(organization=organization, step=Alert.Step.ON_CALL))


# --- Raising ----------------------------------------------------------------------------------


@transaction.atomic
def alert_raise(
    *,
    organization,
    level: str,
    source: str,
    person=None,
    source_ref: str = "",
    signals: list[str] | tuple = (),
    raised_by=None,
    note: str = "",
) -> Alert:
    """Write the alert and its first notifications, or add the signal to the alert already open.

    One alert not closed per person (or anonymous help request) and source at a time: a second
    signal while one is open is added to it (an action "another signal added", its level raised if
    need be, whoever handles it told again) instead of a second alert that would page the rota
    twice and escalate on its own. Call it inside the transaction that saves what raised it: both
    are kept, or neither.
    """
    level = RiskLevel(level)
    open_alert = _open_alert_locked(
        organization=organization, person=person, source=source, source_ref=source_ref
    )
    if open_alert is not None:
        return _signal_add(
            open_alert, level=level, source_ref=source_ref, signals=signals, raised_by=raised_by, note=note
        )
    now = timezone.now()
    alert = Alert(
        organization=organization,
        person=person,
        level=level,
        source=source,
        source_ref=source_ref[:100],
        signals=list(signals)[:20],
        step=Alert.Step.ON_CALL,
        ack_deadline=now + datetime.timedelta(minutes=organization.alert_ack_minutes),
    )
    recipients = recipients_for(alert)
    alert.owner = recipients[0] if recipients else None
    alert.save()
    AlertAction.objects.create(alert=alert, kind=AlertAction.Kind.RAISED, actor=_user(raised_by), note=note)
    _notify(alert, recipients)
    return alert


def _open_alert_locked(*, organization, person, source: str, source_ref: str) -> Alert | None:
    """The alert not closed for this person (or anonymous request) and source, locked; None if none.

    Two signals at once must not both find nothing and both create an alert, so the person's row
    (for an anonymous request, the organization's: such alerts are rare) is locked first: the
    second signal waits here until the first one's transaction ends, then finds its alert.
    """
    if person is not None:
        Person.objects.select_for_update().filter(pk=person.pk).values_list("pk").first()
    else:
        Organization.objects.select_for_update().filter(pk=organization.pk).values_list("pk").first()
    candidates = (
        Alert.objects.select_for_update()
        .filter(organization=organization, source=source)
        .exclude(state=Alert.State.CLOSED)
        .order_by("created_at")
    )
    if person is not None:
        return candidates.filter(person=person).first()
    if not source_ref:
        return None  # nothing says who an anonymous signal without a source is
    request = sources.request_of(source_ref)
    for alert in candidates.filter(person__isnull=True):
        if alert.source_ref == source_ref or (request and sources.request_of(alert.source_ref) == request):
            return alert
    return None


def _signal_add(alert: Alert, *, level: str, source_ref: str, signals, raised_by, note: str) -> Alert:
    """Add a signal to an alert not closed: kept and shown, the level raised if it is higher, and
    whoever has it now told again (the current step's recipients while it waits; whoever
    acknowledged it once someone has). The escalation clock is not restarted."""
    new_signals = [signal for signal in signals if signal not in alert.signals]
    changes = {"signals": (alert.signals + new_signals)[:20]}
    if RISK_ORDER[RiskLevel(level)] > RISK_ORDER[RiskLevel(alert.level)]:
        changes["level"] = level
    Alert.objects.filter(pk=alert.pk).update(**changes)
    for field, value in changes.items():
        setattr(alert, field, value)
    AlertAction.objects.create(
        alert=alert,
        kind=AlertAction.Kind.SIGNAL_ADDED,
        actor=_user(raised_by),
        note=note,
        detail={"signals": list(signals)[:20], "level": str(level), "source_ref": source_ref[:100]},
    )
    if alert.state == Alert.State.OPEN:
        recipients = recipients_for(alert)
    else:
        recipients = [user for user in (alert.acknowledged_by,) if user is not None and user.is_active]
    _notify(alert, recipients)
    return alert


def _notify(alert: Alert, recipients: list[User]) -> None:
    now = timezone.now()
    Notification.objects.bulk_create(
        [
            Notification(alert=alert, recipient=user, step=alert.step, next_attempt_at=now)
            for user in recipients
        ]
    )
    AlertAction.objects.create(
        alert=alert,
        kind=AlertAction.Kind.NOTIFIED,
        detail={"step": alert.step, "recipients": len(recipients)},
    )
    if not recipients:
        # Nobody to tell is itself an emergency of the system: make it loud in the logs.
        logger.error("Alert %s has nobody to notify in organization %s", alert.pk, alert.organization_id)


# --- Acting on an alert ---------------------------------------------------------------------------


@transaction.atomic
def alert_acknowledge(*, alert: Alert, by, request=None) -> Alert:
    now = timezone.now()
    won = Alert.objects.filter(pk=alert.pk, state=Alert.State.OPEN).update(
        state=Alert.State.ACKNOWLEDGED, acknowledged_by=by, acknowledged_at=now, owner=by
    )
    alert.refresh_from_db()
    if not won:
        raise AlertAlreadyTaken(alert)
    AlertAction.objects.create(alert=alert, kind=AlertAction.Kind.ACKNOWLEDGED, actor=by)
    Notification.objects.filter(alert=alert, read_at__isnull=True, recipient=by).update(read_at=now)
    _audit_change(alert, by, "acknowledged", request)
    return alert


ACTION_KINDS = [
    AlertAction.Kind.CONTACTED_PERSON,
    AlertAction.Kind.CONTACTED_GUARDIAN,
    AlertAction.Kind.REFERRED_EMERGENCY,
    AlertAction.Kind.OUTCOME,
    AlertAction.Kind.CLOSED,
]


@transaction.atomic
def alert_record_action(*, alert: Alert, by, kind: str, note: str = "", request=None) -> AlertAction:
    """Contacted the person, the guardian, emergency services; an outcome; closing."""
    if kind not in ACTION_KINDS:
        raise ValueError(kind)
    locked = Alert.objects.select_for_update().get(pk=alert.pk)
    if locked.state == Alert.State.CLOSED:
        raise AlertAlreadyTaken(locked)
    if locked.state == Alert.State.OPEN:
        # Acting on an alert is acknowledging it: the escalation stops here.
        alert_acknowledge(alert=locked, by=by, request=request)
    action = AlertAction.objects.create(alert=locked, kind=kind, actor=by, note=note)
    if kind == AlertAction.Kind.CLOSED:
        Alert.objects.filter(pk=locked.pk).update(state=Alert.State.CLOSED, closed_at=timezone.now())
    _audit_change(locked, by, kind, request)
    alert.refresh_from_db()
    return action


def _audit_change(alert, by, what, request):
    record(
        action=AuditAction.RECORD_CHANGED,
        actor=by,
        organization=alert.organization,
        target=alert,
        request=request,
        detail={"alert": what},
    )


# --- The worker's jobs -----------------------------------------------------------------------------


def escalate_overdue(*, now: datetime.datetime | None = None) -> int:
    """Move every alert past its deadline to the next step and tell the people there.

    After the last step it stays there and everyone is told again at every deadline, until
    someone acknowledges.
    """
    now = now or timezone.now()
    escalated = 0
    overdue = Alert.objects.overdue(now).select_related("organization")
    for alert in overdue.order_by("ack_deadline")[:500]:
        next_step = min(alert.step + 1, Alert.Step.EVERYONE)
        deadline = now + datetime.timedelta(minutes=alert.organization.alert_ack_minutes)
        with transaction.atomic():
            won = Alert.objects.filter(
                pk=alert.pk, state=Alert.State.OPEN, step=alert.step, ack_deadline=alert.ack_deadline
            ).update(step=next_step, ack_deadline=deadline)
            if not won:
                continue  # acknowledged meanwhile, or another worker escalated it
            alert.step, alert.ack_deadline = next_step, deadline
            recipients = recipients_for(alert)
            Alert.objects.filter(pk=alert.pk).update(owner=recipients[0] if recipients else None)
            AlertAction.objects.create(
                alert=alert, kind=AlertAction.Kind.ESCALATED, detail={"step": next_step}
            )
            _notify(alert, recipients)
        escalated += 1
    return escalated


def claim_emails(*, worker: str, now: datetime.datetime | None = None, batch: int = 50) -> list[Notification]:
    """Claim emails to send: new ones that are due, and ones whose worker's lease ran out."""
    now = now or timezone.now()
    lease_until = now + datetime.timedelta(seconds=settings.WORKER_LEASE_SECONDS)
    claimable = Q(email_status=Notification.Status.PENDING, next_attempt_at__lte=now) | Q(
        email_status=Notification.Status.SENDING, claimed_until__lt=now
    )
    # Once someone has acknowledged the alert, emails still waiting about it are not needed (but
    # one about a signal added later, to whoever acknowledged it, is), nor any once it is closed.
    Notification.objects.filter(email_status=Notification.Status.PENDING).filter(
        Q(alert__state=Alert.State.CLOSED)
        | Q(alert__state=Alert.State.ACKNOWLEDGED, created_at__lte=F("alert__acknowledged_at"))
    ).update(email_status=Notification.Status.NOT_NEEDED)
    won = claim_rows(
        Notification,
        claimable=claimable,
        claim={
            "email_status": Notification.Status.SENDING,
            "claimed_by": worker,
            "claimed_until": lease_until,
            "attempts": F("attempts") + 1,
        },
        order_by="next_attempt_at",
        batch=batch,
    )
    return list(
        Notification.objects.filter(pk__in=won)
        .select_related("recipient", "alert")
        .order_by("next_attempt_at")
    )


def send_email(notification: Notification, *, worker: str) -> str:
    """Send one claimed email. It says only that there is an alert: never who or why."""
    recipient = notification.recipient
    mine = Notification.objects.filter(
        pk=notification.pk, claimed_by=worker, email_status=Notification.Status.SENDING
    )
    if not recipient.email:
        mine.update(email_status=Notification.Status.NO_ADDRESS, claimed_until=None)
        return Notification.Status.NO_ADDRESS
    with translation.override(recipient.language or settings.LANGUAGE_CODE):
        link = settings.SEBAYA_BASE_URL + reverse(
            "alert_detail",
            kwargs={"org": notification.alert.organization.slug, "alert": notification.alert_id},
        )
        message = EmailMessage(
            subject=_("Sebaya: you have a new alert"),
            body=render_to_string("safety/alert_email.txt", {"link": link, "recipient": recipient}),
            to=[recipient.email],
        )
    try:
        message.send()
    except Exception as error:  # any transport failure: try again later, with a growing pause
        attempts = notification.attempts
        status = (
            Notification.Status.FAILED
            if attempts >= settings.WORKER_MAX_ATTEMPTS
            else Notification.Status.PENDING
        )
        mine.update(
            email_status=status,
            claimed_until=None,
            next_attempt_at=timezone.now() + datetime.timedelta(seconds=min(30 * 2**attempts, 3600)),
        )
        logger.warning(
            "Alert email %s failed (attempt %s): %s", notification.pk, attempts, type(error).__name__
        )
        return status
    mine.update(email_status=Notification.Status.SENT, sent_at=timezone.now(), claimed_until=None)
    return Notification.Status.SENT


def run_once(*, worker: str | None = None) -> dict:
    """One round of the worker: escalate what is overdue, then send what is waiting."""
    worker = worker or worker_id()
    escalated = escalate_overdue()
    sent = 0
    for notification in claim_emails(worker=worker):
        if send_email(notification, worker=worker) == Notification.Status.SENT:
            sent += 1
    return {"escalated": escalated, "sent": sent}


def _zone(organization):
    import zoneinfo

    return zoneinfo.ZoneInfo(organization.timezone)


def _user(actor):
    return actor if getattr(actor, "is_authenticated", False) else None


@transaction.atomic
def rota_save(*, organization, slots: dict, by, request=None) -> None:
    """Replace the organization's weekly rota: {weekday: (on-call user, backup user)}."""
    OnCallSlot.objects.filter(organization=organization).delete()
    OnCallSlot.objects.bulk_create(
        [
            OnCallSlot(organization=organization, weekday=weekday, primary=primary, backup=backup)
            for weekday, (primary, backup) in sorted(slots.items())
        ]
    )
    record(
        action=AuditAction.ORGANIZATION_CHANGED,
        actor=by,
        organization=organization,
        request=request,
        detail={"on_call_days": sorted(slots)},
    )


@transaction.atomic
def alert_mark(*, organization, person, level: str, note: str, by, request=None) -> Alert:
    """A counselor's own judgement: the mark and the alert are one write."""
    alert = alert_raise(
        organization=organization,
        level=level,
        source=AlertSource.COUNSELOR_MARK,
        person=person,
        source_ref=f"people.person:{person.pk}",
        raised_by=by,
        note=note,
    )
    _audit_change(alert, by, "raised", request)
    return alert


@transaction.atomic
@dataclass(frozen=True)
class TextRisk:
    """What a text check did: the alert it raised, or the outreach item for a concern only the
    model found, and the level either way (None when the words carry no risk)."""

    level: str | None = None
    alert: Alert | None = None
    flag: TextFlag | None = None


def text_check(
    *,
    organization,
    text: str,
    source: str,
    source_ref: str,
    person=None,
    raised_by=None,
    also_level: str | None = None,
    also_signals: list[str] | tuple = (),
) -> TextRisk:
    """Scan words that just arrived (a help request, a message, a session note) and raise an alert
    if they carry risk. Call it inside the transaction that saves the text.

    `also_level` and `also_signals` join another signal from the same submission (a help
    request's safety answer, say) so one submission raises one alert, at the higher level.

    Crisis, from either layer of the detector, and any concern the lexicon found raise an alert.
    A concern that only the learned model found goes to the counselors' outreach list instead
    (`text_flags.text_flag_raise`, once per person and day): a human looks, nobody is paged.
    """

    assessment = assess(text)
    model_only_concern = assessment.level == RiskLevel.CONCERN and "lexicon" not in assessment.by
    if model_only_concern and also_level is None:
        flag = text_flag_raise(
            organization=organization,
            person=person,
            source_ref=source_ref,
            score=(assessment.score or {}).get("concern", 0.0),
        )
        return TextRisk(level=RiskLevel.CONCERN, flag=flag)
    levels = [
        level
        for level in (assessment.level if assessment.flagged and not model_only_concern else None, also_level)
        if level
    ]
    if not levels:
        return TextRisk()
    alert = alert_raise(
        organization=organization,
        level=max(levels, key=lambda level: RISK_ORDER[RiskLevel(level)]),
        source=source,
        person=person,
        source_ref=source_ref,
        signals=[*also_signals, *assessment.matched],
        raised_by=raised_by,
    )
    return TextRisk(level=alert.level, alert=alert)
