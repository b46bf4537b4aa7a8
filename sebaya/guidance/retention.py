"""What the retention rules do to activities (see `privacy.retention` for the rules and why): the
notes of a group meeting are erased as long after the meeting as the organization keeps its
counseling cases (`cases_years`), because group counseling notes are counseling records like a
session's notes. The meeting stays (date, place, who was present), so the jurnal BK and the
program's progress still count it. A meeting where someone with an open case or an alert not
closed was present waits, like everything else about that person. Declared on GuidanceConfig;
privacy runs it without importing guidance."""

from __future__ import annotations

from sebaya.guidance.models import Attendance, Meeting
from sebaya.privacy.models import RetentionKind
from sebaya.privacy.retention import Blocked, Kind, batch, not_erased


def erase_meeting_notes(*, organization, cutoff, blocked: Blocked) -> list:
    due = not_erased(
        Meeting.objects.filter(activity__organization=organization, starts_at__lte=cutoff).exclude(
            note="", confidential_note=""
        ),
        RetentionKind.GROUP_NOTES,
    ).exclude(
        pk__in=Attendance.objects.filter(person_id__in=blocked.people, present=True).values("meeting_id")
    )
    ids = batch(due)
    Meeting.objects.filter(pk__in=ids).update(note="", confidential_note="")
    return ids


KINDS = (Kind(RetentionKind.GROUP_NOTES, erase_meeting_notes),)
