"""The jurnal BK report counts the students served in each kind of group work, group counseling
included: a support group's held meetings are konseling kelompok in the page, the PDF and the
spreadsheet."""

import io

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook
from pypdf import PdfReader

from conftest import make_person
from sebaya.guidance.services import activities as services
from sebaya.guidance.services import attendance as attending
from sebaya.guidance.services import registration as registering
from sebaya.guidance.tests.test_activities import make_meeting

pytestmark = pytest.mark.django_db


def held_meeting(activity, users, *, present):
    meeting = make_meeting(activity, users)
    attending.attendance_save(meeting=meeting, present_ids=[p.pk for p in present], by=users["counselor"])
    attending.meeting_record(meeting=meeting, note="", held=True, by=users["counselor"])


def test_group_counseling_reach_is_in_the_jurnal_report_page_pdf_and_spreadsheet(client_as, org, users):
    members = [make_person(org, f"P-{i}", full_name=f"Murid {i}")[0].person for i in range(6)]
    group = services.activity_create(
        organization=org,
        by=users["coordinator"],
        kind="konseling_kelompok",
        title="Konseling kelompok kecemasan ujian",
        audience="invited",
        capacity=None,
        facilitators=[users["counselor"]],
    )
    classroom = services.activity_create(
        organization=org,
        by=users["coordinator"],
        kind="bimbingan_klasikal",
        title="Mengenal gaya belajar",
        audience="open",
        capacity=None,
        facilitators=[users["counselor"]],
    )
    for person in members:
        registering.register(activity=group, person=person, by=users["counselor"])
        registering.register(activity=classroom, person=person, by=users["counselor"])
    held_meeting(group, users, present=members[:4])
    held_meeting(classroom, users, present=members)

    month = timezone.localdate().strftime("month:%Y-%m")
    url = reverse("journal_report", kwargs={"org": org.slug})
    client = client_as("counselor")  # the page in Indonesian, the default
    page = client.get(url, {"period": month})
    assert page.status_code == 200
    reached = {"bimbingan_klasikal": 6, "bimbingan_kelompok": 0, "konseling_kelompok": 4}
    assert page.context["reached"] == reached
    assert "6 dalam bimbingan klasikal, 0 dalam bimbingan kelompok, 4 dalam konseling kelompok" in (
        page.content.decode()
    )

    pdf = client.get(url, {"period": month, "format": "pdf"}).content
    text = " ".join(" ".join((p.extract_text() or "").split()) for p in PdfReader(io.BytesIO(pdf)).pages)
    assert "Peserta konseling kelompok : 4" in text and "Peserta bimbingan klasikal : 6" in text

    book = load_workbook(io.BytesIO(client.get(url, {"period": month, "format": "xlsx"}).content))
    rows = {row[0]: row[1] for row in book["Rekap"].iter_rows(values_only=True) if row and row[0]}
    assert rows["Peserta konseling kelompok"] == 4 and rows["Peserta bimbingan klasikal"] == 6

    # The jurnal itself says how many came to each meeting.
    journal = client.get(reverse("journal", kwargs={"org": org.slug})).content.decode()
    assert 'Konseling kelompok kecemasan ujian</a> <span class="muted journal-people">(4 orang)' in journal
    assert 'Mengenal gaya belajar</a> <span class="muted journal-people">(6 orang)' in journal

    # Someone else's report (the coordinator's view of this counselor) carries no reach and no names.
    other = client_as("coordinator").get(url, {"period": month, "counselor": users["counselor"].pk})
    assert other.status_code == 200 and other.context["reached"] is None
    assert "Murid" not in other.content.decode()
