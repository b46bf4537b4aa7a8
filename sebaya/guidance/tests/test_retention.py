"""Retention of group meetings' notes: erased as many years after the meeting as the organization
keeps its cases, encrypted notes included; the meeting and its attendance stay (the jurnal still
counts it); a meeting where someone with an open case was present waits."""

import datetime

import pytest
from django.utils import timezone

from conftest import make_person
from sebaya.counseling import services as counseling
from sebaya.counseling.journal import journal_lines
from sebaya.guidance.models import Attendance, Meeting
from sebaya.guidance.services import attendance as attending
from sebaya.guidance.services import registration as registering
from sebaya.guidance.tests.test_activities import make_activity, make_meeting
from sebaya.privacy import retention
from sebaya.privacy.models import ErasedRecord, PrivacySettings

pytestmark = pytest.mark.django_db


def group_meeting(org, users, *, kind, present, years_ago, note):
    activity = make_activity(org, users, kind=kind, title=f"Kelompok {kind} {years_ago}", audience="invited")
    for person in present:
        registering.register(activity=activity, person=person, by=users["counselor"])
    at = timezone.now()
    meeting = make_meeting(activity, users, at=at)
    attending.attendance_save(meeting=meeting, present_ids=[p.pk for p in present], by=users["counselor"])
    attending.meeting_record(meeting=meeting, note=note, held=True, by=users["counselor"])
    then = retention.months_before(at, 12 * years_ago) if years_ago else at
    Meeting.objects.filter(pk=meeting.pk).update(starts_at=then, ends_at=then + datetime.timedelta(hours=1))
    return Meeting.objects.get(pk=meeting.pk)


def test_group_notes_are_erased_with_the_cases_years_and_the_meeting_stays(org, users):
    people = [make_person(org, f"P-{i}", full_name=f"Murid {i}")[0].person for i in range(3)]
    old = group_meeting(
        org, users, kind="konseling_kelompok", present=people[:2], years_ago=6, note="RAHASIA-LAMA"
    )
    assert old.confidential_note and not old.note  # encrypted as written
    open_notes = group_meeting(
        org, users, kind="bimbingan_kelompok", present=people[:1], years_ago=6, note="CATATAN"
    )
    recent = group_meeting(
        org, users, kind="konseling_kelompok", present=people[:2], years_ago=0, note="BARU"
    )

    assert retention.retention_apply(organization=org)["group_notes"] == 2
    old.refresh_from_db()
    open_notes.refresh_from_db()
    assert old.confidential_note == "" and open_notes.note == ""
    assert attending.meeting_note(Meeting.objects.get(pk=recent.pk)) == "BARU"
    assert set(ErasedRecord.objects.filter(kind="group_notes").values_list("record_id", flat=True)) == {
        old.pk,
        open_notes.pk,
    }
    # The meeting, its attendance and its line in the jurnal stay.
    assert old.held_at and Attendance.objects.filter(meeting=old, present=True).count() == 2
    day = timezone.localdate(old.starts_at)
    lines = journal_lines(
        organization=org, counselor=users["counselor"], start=day, end=day + datetime.timedelta(days=1)
    )
    assert sorted(line.people for line in lines) == [1, 2]
    # Done once: a second run finds nothing more.
    assert retention.retention_apply(organization=org)["group_notes"] == 0


def test_a_participant_with_an_open_case_keeps_the_meetings_notes_until_it_closes(org, users):
    person = make_person(org, "P-1", full_name="Murid Satu")[0].person
    meeting = group_meeting(
        org, users, kind="konseling_kelompok", present=[person], years_ago=6, note="DITAHAN"
    )
    case = counseling.case_open(
        organization=org, person=person, by=users["counselor"], summary="x", domain="pribadi"
    )
    assert retention.retention_apply(organization=org)["group_notes"] == 0
    assert attending.meeting_note(Meeting.objects.get(pk=meeting.pk)) == "DITAHAN"
    counseling.case_close(case=case, by=users["counselor"], summary="Selesai", outcome="resolved")
    assert retention.retention_apply(organization=org)["group_notes"] == 1


def test_a_school_that_keeps_its_cases_keeps_the_group_notes(org, users):
    person = make_person(org, "P-1", full_name="Murid Satu")[0].person
    meeting = group_meeting(
        org, users, kind="konseling_kelompok", present=[person], years_ago=20, note="ARSIP"
    )
    PrivacySettings.objects.update_or_create(organization=org, defaults={"cases_years": 0})
    assert "group_notes" not in retention.retention_apply(organization=org)
    assert attending.meeting_note(Meeting.objects.get(pk=meeting.pk)) == "ARSIP"
