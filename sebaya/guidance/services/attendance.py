"""Attendance at an activity's meetings (by the facilitator's list, or by a QR code the
participant scans), the meeting's notes and its being held, and the participants' feedback.

The QR code carries the meeting's `attendance_code`. Opening the scanning gives the meeting a
fresh code; closing it empties the code, so a photo of an old QR code marks nobody present.
"""

from __future__ import annotations

import datetime
import enum
import secrets

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sebaya.guidance.models import Activity, Attendance, Meeting, Registration
from sebaya.guidance.services.activities import ActivityError, audit_change
from sebaya.kernel.crypto import note_decrypt, note_encrypt
from sebaya.people.models import Membership
from sebaya.screening.instruments import get_instrument
from sebaya.screening.services import administration_record

# A QR code works from an hour before the meeting starts to an hour after it ends.
QR_MARGIN = datetime.timedelta(hours=1)
FEEDBACK_INSTRUMENT = "satisfaction"
# Feedback is summed up on the activity's page only from this many answers (fewer could be read
# as one person's).
FEEDBACK_MINIMUM = 5


def not_started(meeting: Meeting, now: datetime.datetime | None = None) -> bool:
    """Too early to say who came or that it was held: before the QR code's window opens."""
    return (now or timezone.now()) < meeting.starts_at - QR_MARGIN


def _refuse_early(meeting: Meeting) -> None:
    if not_started(meeting):
        raise ActivityError(
            _(
                "The meeting has not started yet: attendance and “held” can be recorded from an "
                "hour before it."
            )
        )


def registered_people(activity: Activity):
    return activity.registrations.filter(status=Registration.Status.REGISTERED).select_related("person")


def audience_members(activity: Activity):
    """The active members of the class or grade an activity is given to as a whole (from the
    roster); none for the other activities."""
    if not activity.for_whole_audience:
        return Membership.objects.none()
    by = "class_name" if activity.audience == Activity.Audience.CLASS else "grade"
    return Membership.objects.filter(
        organization=activity.organization, is_active=True, **{by: activity.audience_value}
    ).select_related("person")


def attendance_people(activity: Activity) -> list[tuple]:
    """(person, registered) for the facilitator's list, by name: those registered, and for an
    activity given to a whole class or grade everyone in it."""
    people = {r.person_id: (r.person, True) for r in registered_people(activity)}
    for membership in audience_members(activity):
        people.setdefault(membership.person_id, (membership.person, False))
    return sorted(people.values(), key=lambda row: row[0].full_name.casefold())


@transaction.atomic
def attendance_save(*, meeting: Meeting, present_ids, by, request=None) -> int:
    """The facilitator's list: everyone on it present or not. Someone of the class or grade who
    came without registering (an activity given to the whole class) is registered now: no group
    agreement is asked for these kinds, and the place is theirs because they came. Returns how
    many are present."""
    _refuse_early(meeting)
    present_ids = {str(pk) for pk in present_ids}
    activity = meeting.activity
    count = 0
    for person, registered in attendance_people(activity):
        present = str(person.pk) in present_ids
        if not registered and not present:
            continue  # not a participant: no row for someone who neither registered nor came
        if not registered:
            registration, _created = Registration.objects.update_or_create(
                activity=activity,
                person=person,
                defaults={"status": Registration.Status.REGISTERED, "registered_by": by},
            )
            audit_change(
                registration, by, activity.organization, request, status="registered", by_attendance=True
            )
        count += present
        Attendance.objects.update_or_create(
            meeting=meeting,
            person_id=person.pk,
            defaults={"present": present, "how": Attendance.How.LIST},
        )
    audit_change(meeting, by, activity.organization, request, attendance=count)
    return count


def scanning_open(*, meeting: Meeting, by, request=None) -> Meeting:
    """Show the QR code: a fresh code unless the scanning is already open."""
    if not meeting.attendance_code:
        meeting.attendance_code = secrets.token_urlsafe(24)
        meeting.save(update_fields=["attendance_code"])
        audit_change(meeting, by, meeting.activity.organization, request, scanning="opened")
    return meeting


def scanning_close(*, meeting: Meeting, by, request=None) -> Meeting:
    meeting.attendance_code = ""
    meeting.save(update_fields=["attendance_code"])
    audit_change(meeting, by, meeting.activity.organization, request, scanning="closed")
    return meeting


class Scan(enum.Enum):
    MARKED = "marked"
    ALREADY = "already"
    NOT_REGISTERED = "not_registered"
    OUTSIDE_WINDOW = "outside_window"


def in_window(meeting: Meeting, now: datetime.datetime) -> bool:
    return meeting.starts_at - QR_MARGIN <= now <= meeting.ends_at + QR_MARGIN


@transaction.atomic
def attend_by_code(*, meeting: Meeting, person, request=None, now=None) -> Scan:
    """A participant opened the meeting's QR address while signed in."""
    now = now or timezone.now()
    activity = meeting.activity
    registered = registered_people(activity).filter(person=person).exists()
    of_the_class = not registered and audience_members(activity).filter(person=person).exists()
    if not registered and not of_the_class:
        return Scan.NOT_REGISTERED
    if not in_window(meeting, now):
        return Scan.OUTSIDE_WINDOW
    if of_the_class:
        # Given to the whole class: coming is registering, as on the facilitator's list.
        registration, _created = Registration.objects.update_or_create(
            activity=activity, person=person, defaults={"status": Registration.Status.REGISTERED}
        )
        audit_change(
            registration, getattr(request, "user", None), activity.organization, request, by_attendance=True
        )
    attendance, created = Attendance.objects.get_or_create(
        meeting=meeting, person=person, defaults={"present": True, "how": Attendance.How.QR}
    )
    if not created and attendance.present:
        return Scan.ALREADY
    if not created:
        attendance.present, attendance.how = True, Attendance.How.QR
        attendance.save(update_fields=["present", "how", "recorded_at"])
    audit_change(attendance, getattr(request, "user", None), meeting.activity.organization, request, how="qr")
    return Scan.MARKED


@transaction.atomic
def meeting_record(*, meeting: Meeting, note: str | None, held: bool, by, request=None) -> Meeting:
    """The meeting's notes, kept encrypted for confidential kinds, and whether it was held.
    `note=None` leaves the notes as they are (a facilitator who may not read them)."""
    if held and meeting.held_at is None:
        _refuse_early(meeting)
    if note is not None and meeting.activity.notes_confidential:
        meeting.confidential_note, meeting.note = note_encrypt(note.strip()), ""
    elif note is not None:
        meeting.note = note.strip()
    if held and meeting.held_at is None:
        meeting.held_at = timezone.now()
    if not held:
        meeting.held_at = None
    meeting.recorded_by = by
    meeting.version += 1
    meeting.save(update_fields=["note", "confidential_note", "held_at", "recorded_by", "version"])
    audit_change(meeting, by, meeting.activity.organization, request, held=held)
    return meeting


def meeting_note(meeting: Meeting) -> str:
    """The note as written (decrypted for confidential kinds): call only for those who may read it."""
    return note_decrypt(meeting.confidential_note) if meeting.activity.notes_confidential else meeting.note


def present_count(meeting: Meeting) -> int:
    return meeting.attendance.filter(present=True).count()


# --- Feedback ---------------------------------------------------------------------------------


def feedback_open(registration: Registration | None) -> bool:
    """May this participant give feedback now: registered, not yet given, a meeting held."""
    return (
        registration is not None
        and registration.status == Registration.Status.REGISTERED
        and registration.feedback_id is None
        and registration.activity.meetings.filter(held_at__isnull=False).exists()
    )


@transaction.atomic
def feedback_record(*, registration: Registration, answers, language="id", request=None):
    """The satisfaction form, kept as the participant's Administration. Raises ScoringError."""
    registration = Registration.objects.select_for_update().get(pk=registration.pk)
    if not feedback_open(registration):
        raise ValueError("Feedback is not open for this registration.")
    administration = administration_record(
        organization=registration.activity.organization,
        person=registration.person,
        instrument=get_instrument(FEEDBACK_INSTRUMENT),
        answers=answers,
        language=language,
        request=request,
    )
    registration.feedback = administration
    registration.save(update_fields=["feedback"])
    return administration


def feedback_summary(activity: Activity) -> dict | None:
    """How many answered and their average score, from FEEDBACK_MINIMUM answers; else None."""
    totals = list(
        activity.registrations.filter(feedback__isnull=False).values_list("feedback__total", flat=True)
    )
    if len(totals) < FEEDBACK_MINIMUM:
        return {"count": len(totals), "hidden": True}
    instrument = get_instrument(FEEDBACK_INSTRUMENT)
    average = sum(totals) / len(totals)
    return {
        "count": len(totals),
        "hidden": False,
        "average": round(average, 1),
        "maximum": instrument.range[1],
    }
