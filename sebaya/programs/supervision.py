"""Live training sessions and supervision sessions, with attendance and reminders.

Supervision keeps peer support safe: a supporter who missed their last supervision session gets
no new matches until they attend one (`SupporterProfile.supervision_missed`, kept here only).
The people they already accompany stay with them.
"""

from __future__ import annotations

import datetime
import zoneinfo

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from sebaya.accounts.models import User
from sebaya.kernel.crypto import note_encrypt
from sebaya.kernel.versioning import EditConflict
from sebaya.mail.services import email_queue
from sebaya.programs.models import (
    LiveAttendance,
    LiveSession,
    SupervisionAttendance,
    SupervisionSession,
)
from sebaya.programs.services import NotAllowedNow, audit
from sebaya.support.models import SupporterProfile


@transaction.atomic
def live_session_schedule(*, module, starts_at, place: str, by, request=None) -> LiveSession:
    session = LiveSession.objects.create(
        organization=module.organization, module=module, starts_at=starts_at, place=place, facilitator=by
    )
    audit(by=by, organization=module.organization, target=session, what="live_session", request=request)
    return session


@transaction.atomic
def live_attendance_record(*, session: LiveSession, present: set, listed: set, by, request=None) -> None:
    """Who came to a live session: `listed` are the trainees shown on the form, `present` the ones
    ticked. Taking attendance again corrects it."""
    if session.starts_at > timezone.now():
        raise NotAllowedNow("not_yet")
    if not present <= listed:
        raise ValueError("present")
    for person_id in listed:
        LiveAttendance.objects.update_or_create(
            session=session, person_id=person_id, defaults={"present": person_id in present}
        )
    LiveSession.objects.filter(pk=session.pk).update(attendance_taken_at=timezone.now())
    audit(
        by=by,
        organization=session.organization,
        target=session,
        what="live_attendance",
        request=request,
        present=len(present),
        listed=len(listed),
    )


@transaction.atomic
def supervision_schedule(
    *, organization, kind: str, starts_at, place: str, by, supporters: list, request=None
) -> SupervisionSession:
    """Plan a supervision session with the supporters expected at it (one for an individual one);
    whoever plans it (`by`) supervises it."""
    if not supporters:
        raise ValueError("supporters")
    if kind == SupervisionSession.Kind.INDIVIDUAL and len(supporters) != 1:
        raise ValueError("individual")
    if any(s.organization_id != organization.pk for s in supporters):
        raise ValueError("supporters")
    session = SupervisionSession.objects.create(
        organization=organization, kind=kind, starts_at=starts_at, place=place, supervisor=by
    )
    SupervisionAttendance.objects.bulk_create(
        [SupervisionAttendance(session=session, supporter=supporter) for supporter in supporters]
    )
    audit(
        by=by,
        organization=organization,
        target=session,
        what="supervision_planned",
        request=request,
        supporters=len(supporters),
    )
    return session


@transaction.atomic
def supervision_record(
    *, session: SupervisionSession, version: int, present: set, ratings: dict, notes: str, by, request=None
) -> SupervisionSession:
    """The supervisor's record: attendance (every expected supporter, present or not), their ratings
    (1–5, optional, for those present) and the notes. Then each supporter's standing follows their
    latest supervision session: missed it, no new matches; attended it, matches again."""
    if any(rating is not None and not 1 <= rating <= 5 for rating in ratings.values()):
        raise ValueError("rating")
    if not set(ratings) <= present:
        raise ValueError("attendance")
    return _attendance_save(
        session=session,
        version=version,
        present=present,
        ratings=ratings,
        changes={"notes": note_encrypt(notes)},
        by=by,
        request=request,
    )


@transaction.atomic
def supervision_attendance_record(
    *, session: SupervisionSession, version: int, present: set, by, request=None
) -> SupervisionSession:
    """Attendance alone (a coordinator may take it): the notes and the ratings of those still
    present stay as the supervisor wrote them."""
    return _attendance_save(session=session, version=version, present=present, by=by, request=request)


def _attendance_save(*, session, version, present, by, request, ratings=None, changes=None):
    if session.starts_at > timezone.now():
        raise NotAllowedNow("not_yet")
    rows = {row.supporter_id: row for row in session.attendance.select_for_update()}
    if not present <= set(rows):
        raise ValueError("attendance")
    if not SupervisionSession.objects.filter(pk=session.pk, version=version).update(
        **(changes or {}), recorded_at=timezone.now(), version=F("version") + 1
    ):
        raise EditConflict(SupervisionSession.objects.get(pk=session.pk))
    for supporter_id, row in rows.items():
        row.present = supporter_id in present
        if ratings is not None or not row.present:
            row.rating = (ratings or {}).get(supporter_id) if row.present else None
        row.save(update_fields=["present", "rating"])
    standing_refresh(supporter_ids=list(rows))
    session.refresh_from_db()
    audit(
        by=by,
        organization=session.organization,
        target=session,
        what="supervision_recorded" if changes else "supervision_attendance",
        request=request,
        present=len(present),
        expected=len(rows),
    )
    return session


def standing_refresh(*, supporter_ids: list) -> None:
    """Set `supervision_missed` from each supporter's latest supervision session with attendance
    taken (a session recorded late for an older date does not undo a newer one)."""

    for supporter_id in supporter_ids:
        latest = (
            SupervisionAttendance.objects.filter(supporter_id=supporter_id, present__isnull=False)
            .order_by("-session__starts_at")
            .values_list("present", flat=True)
            .first()
        )
        SupporterProfile.objects.filter(pk=supporter_id).update(supervision_missed=latest is False)


REMIND_BEFORE = datetime.timedelta(hours=24)


def supervision_remind(*, now=None) -> int:
    """The worker's job: a day before a supervision session, one content-free email to each
    supporter expected at it (once per session, behind a conditional UPDATE)."""

    now = now or timezone.now()
    done = 0
    due = SupervisionSession.objects.filter(
        reminded_at__isnull=True,
        recorded_at__isnull=True,
        starts_at__gt=now,
        starts_at__lte=now + REMIND_BEFORE,
    ).select_related("organization")
    for session in due[:200]:
        with transaction.atomic():
            if not SupervisionSession.objects.filter(pk=session.pk, reminded_at__isnull=True).update(
                reminded_at=now
            ):
                continue
            person_ids = session.attendance.values_list("supporter__membership__person_id", flat=True)
            # The time in the email is the organization's local time.
            with timezone.override(zoneinfo.ZoneInfo(session.organization.timezone)):
                email_queue(
                    recipients=User.objects.filter(person_id__in=list(person_ids)),
                    template="programs/email/supervision_reminder",
                    purpose="programs.supervision_reminder",
                    context={"organization": session.organization, "starts_at": session.starts_at},
                )
            done += 1
    return done


def attendance_rate(*, organization, since) -> tuple[int, int]:
    """(present, expected) over supervision sessions with attendance taken since a moment."""
    rows = SupervisionAttendance.objects.filter(
        session__organization=organization, session__starts_at__gte=since, present__isnull=False
    )
    return rows.filter(present=True).count(), rows.count()
