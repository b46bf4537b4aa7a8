"""Activities: registration with a waiting list, attendance by list and by QR code, notes kept
encrypted for confidential kinds, feedback, concerns, names hidden in support groups, and the
held meetings in the counselor's jurnal BK."""

import datetime
import threading

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone, translation

from conftest import in_english, make_person
from sebaya.counseling.journal import journal_lines, people_reached
from sebaya.guidance.models import Activity, Attendance, Material, Meeting, Registration
from sebaya.guidance.services import activities as services
from sebaya.guidance.services import attendance as attending
from sebaya.guidance.services import registration as registering
from sebaya.guidance.services.activities import ActivityError
from sebaya.people.models import Role
from sebaya.safety.models import Alert
from sebaya.support.models import SupporterProfile

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    # The messages are checked in English (pages are asked for in English below too).
    with translation.override("en"):
        yield


@pytest.fixture
def client_as(client_as):
    return lambda kind: in_english(client_as(kind))


def people(org, n, **fields):
    return [make_person(org, f"P-{i}", full_name=f"Murid {i}", **fields)[0].person for i in range(n)]


def make_activity(org, users, *, kind="bimbingan_kelompok", capacity=None, **options):
    return services.activity_create(
        organization=org,
        by=users["coordinator"],
        kind=kind,
        title=options.pop("title", "Mengelola stres"),
        audience=options.pop("audience", "open"),
        capacity=capacity,
        facilitators=options.pop("facilitators", [users["counselor"]]),
        **options,
    )


def make_meeting(activity, users, *, at=None, hours=1):
    at = at or timezone.now()
    return services.meeting_add(
        activity=activity,
        starts_at=at,
        ends_at=at + datetime.timedelta(hours=hours),
        place="Ruang BK",
        by=users["counselor"],
    )


def certified_peer(org, users):
    membership = users["peer_supporter"].person.memberships.get(organization=org)
    SupporterProfile.objects.create(organization=org, membership=membership, certified=True)
    return users["peer_supporter"]


# --- Creating ---------------------------------------------------------------------------------


def test_a_support_group_needs_a_certified_peer_and_a_supervising_counselor(org, users):
    with pytest.raises(ActivityError, match="counselor, or a certified peer"):
        make_activity(org, users, kind="support_group", facilitators=[users["peer_supporter"]])
    peer = certified_peer(org, users)
    with pytest.raises(ActivityError, match="supervising counselor"):
        make_activity(org, users, kind="support_group", facilitators=[peer])
    group = make_activity(
        org, users, kind="support_group", facilitators=[peer], supervisor=users["counselor"]
    )
    # Groups start with the written agreement; support groups hide names.
    assert group.agreement.startswith("What is shared") and group.names_hidden
    classroom = make_activity(org, users, kind="bimbingan_klasikal", audience="class", audience_value="X-1")
    assert classroom.agreement == "" and not classroom.names_hidden
    with pytest.raises(ActivityError, match="which class or grade"):
        make_activity(org, users, audience="class")


def test_materials_are_judged_by_their_content_and_size(org, users):
    activity = make_activity(org, users)
    pdf = services.material_add(
        activity=activity, name="materi.pdf", data=b"%PDF-1.7 ...", by=users["counselor"]
    )
    assert pdf.content_type == "application/pdf"
    with pytest.raises(ActivityError, match="cannot be shared"):
        services.material_add(activity=activity, name="virus.pdf", data=b"MZ\x90\x00", by=users["counselor"])
    with pytest.raises(ActivityError, match="cannot be shared"):  # a PNG named .pdf
        services.material_add(
            activity=activity, name="x.pdf", data=b"\x89PNG\r\n\x1a\n...", by=users["counselor"]
        )
    with pytest.raises(ActivityError, match="larger than 5 MB"):
        services.material_add(
            activity=activity, name="big.pdf", data=b"%PDF-" + b"0" * (5 * 1024 * 1024), by=users["counselor"]
        )
    from io import BytesIO

    from openpyxl import Workbook

    buffer = BytesIO()
    Workbook().save(buffer)
    xlsx = services.material_add(
        activity=activity, name="daftar.xlsx", data=buffer.getvalue(), by=users["counselor"]
    )
    assert xlsx.content_type.endswith("spreadsheetml.sheet")
    with pytest.raises(ActivityError):  # a spreadsheet named as slides
        services.material_add(
            activity=activity, name="slides.pptx", data=buffer.getvalue(), by=users["counselor"]
        )
    assert Material.objects.count() == 2


# --- Registration -----------------------------------------------------------------------------


def test_capacity_waiting_list_and_moving_up(org, users):
    activity = make_activity(org, users, capacity=2)
    a, b, c, d = people(org, 4)
    assert registering.register(activity=activity, person=a, agreed=True).status == "registered"
    assert registering.register(activity=activity, person=b, agreed=True).status == "registered"
    assert registering.register(activity=activity, person=c, agreed=True).status == "waiting"
    assert registering.register(activity=activity, person=d, agreed=True).status == "waiting"
    with pytest.raises(ActivityError, match="Already registered"):
        registering.register(activity=activity, person=a, agreed=True)
    with pytest.raises(ActivityError, match="Already on the waiting list"):
        registering.register(activity=activity, person=c, agreed=True)
    moved = registering.withdraw(registration=Registration.objects.get(person=a))
    assert moved.person == c  # the first waiting
    statuses = dict(Registration.objects.values_list("person__full_name", "status"))
    assert statuses == {
        "Murid 0": "withdrawn",
        "Murid 1": "registered",
        "Murid 2": "registered",
        "Murid 3": "waiting",
    }
    # Back after withdrawing: at the end of the queue.
    assert registering.register(activity=activity, person=a, agreed=True).status == "waiting"
    registering.withdraw(registration=Registration.objects.get(person=b))
    assert Registration.objects.get(person=d).status == "registered"
    assert Registration.objects.get(person=a).status == "waiting"
    # Leaving the waiting list frees no place.
    assert registering.withdraw(registration=Registration.objects.get(person=a)) is None


def test_the_group_agreement_must_be_accepted_by_the_person(org, users):
    activity = make_activity(org, users)
    (person,) = people(org, 1)
    with pytest.raises(ActivityError, match="group agreement"):
        registering.register(activity=activity, person=person)
    assert not Registration.objects.exists()
    # Staff registering an invited person: the person accepts at the first meeting.
    enrolled = registering.register(activity=activity, person=person, by=users["counselor"])
    assert enrolled.status == "registered"


def test_the_last_place_goes_to_one_of_two_at_once(transactional_db, org, users):
    if connection.vendor != "postgresql":
        pytest.skip("row locks need PostgreSQL; SQLite serializes writers anyway")
    from django.db import connections

    activity = make_activity(org, users, capacity=1)
    persons = people(org, 6)
    barrier, errors = threading.Barrier(len(persons)), []

    def ask(person):
        try:
            barrier.wait()
            registering.register(activity=activity, person=person, agreed=True)
        except Exception as error:  # noqa: BLE001 - reported below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=ask, args=(p,)) for p in persons]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    assert Registration.objects.filter(status="registered").count() == 1
    assert Registration.objects.filter(status="waiting").count() == 5


def test_registering_on_the_page_with_a_clear_message_for_a_second_time(client_as, org, users):
    activity = make_activity(
        org,
        users,
        kind="support_group",
        facilitators=[certified_peer(org, users)],
        supervisor=users["counselor"],
    )
    client = client_as("member")
    url = reverse("activity_register", kwargs={"org": org.slug, "activity": activity.pk})
    refused = client.post(url, {"shown_name": "Bintang"})
    assert refused.status_code == 400 and "group agreement" in refused.content.decode().replace("\n", " ")
    assert client.post(url, {"agree": "on", "shown_name": "Bintang"}).status_code == 302
    again = client.post(url, {"agree": "on"})
    assert again.status_code == 400 and "Already registered for this activity." in again.content.decode()
    registration = Registration.objects.get()
    assert registration.shown_name == "Bintang" and registration.agreed_at is not None


def test_staff_register_an_invited_person_with_the_picker(client_as, org, users, student):
    activity = make_activity(org, users, audience="invited")
    client = client_as("coordinator")
    url = reverse("activity_enrol", kwargs={"org": org.slug, "activity": activity.pk})
    page = client.get(url).content.decode()
    assert "Siti Student" in page and "<datalist" in page
    assert client.post(url, {"person": "Siti Student"}).status_code == 302
    again = client.post(url, {"person": "Siti Student"})
    assert again.status_code == 400 and "Already registered" in again.content.decode()
    # The invited see it in their list; no one else is offered it.
    list_url = reverse("activity_list", kwargs={"org": org.slug})
    assert activity not in client_as("member").get(list_url).context["offered"]


# --- Attendance -------------------------------------------------------------------------------


def test_qr_marks_a_registered_participant_within_the_window_only(org, users):
    activity = make_activity(org, users)
    person = users["member"].person
    registering.register(activity=activity, person=person, agreed=True)
    meeting = make_meeting(activity, users, at=timezone.now() + datetime.timedelta(minutes=30))
    attending.scanning_open(meeting=meeting, by=users["counselor"])
    late = meeting.ends_at + datetime.timedelta(hours=1, minutes=1)
    assert attending.attend_by_code(meeting=meeting, person=person, now=late) == attending.Scan.OUTSIDE_WINDOW
    early = meeting.starts_at - datetime.timedelta(minutes=59)
    assert attending.attend_by_code(meeting=meeting, person=person, now=early) == attending.Scan.MARKED
    assert attending.attend_by_code(meeting=meeting, person=person) == attending.Scan.ALREADY
    (stranger,) = people(org, 1)
    assert attending.attend_by_code(meeting=meeting, person=stranger) == attending.Scan.NOT_REGISTERED
    assert Attendance.objects.get().how == "qr"


def test_closing_the_scanning_rotates_the_code(client_as, org, users):
    activity = make_activity(org, users)
    registering.register(activity=activity, person=users["member"].person, agreed=True)
    meeting = make_meeting(activity, users)
    counselor = client_as("counselor")
    qr_url = reverse("meeting_qr", kwargs={"org": org.slug, "activity": activity.pk, "meeting": meeting.pk})
    counselor.post(qr_url, {"scanning": "open"})
    meeting.refresh_from_db()
    old = meeting.attendance_code
    page = counselor.get(qr_url).content.decode()
    assert '<svg xmlns="http://www.w3.org/2000/svg"' in page and old in page
    counselor.post(qr_url, {"scanning": "close"})
    counselor.post(qr_url, {"scanning": "open"})
    meeting.refresh_from_db()
    assert meeting.attendance_code and meeting.attendance_code != old
    member = client_as("member")
    assert member.get(reverse("activity_attend", kwargs={"org": org.slug, "code": old})).status_code == 404
    response = member.get(
        reverse("activity_attend", kwargs={"org": org.slug, "code": meeting.attendance_code})
    )
    assert response.context["outcome"] == "marked"
    # Someone not in the activity who got hold of the code.
    other = client_as("peer_supporter").get(
        reverse("activity_attend", kwargs={"org": org.slug, "code": meeting.attendance_code})
    )
    assert other.status_code == 403


def test_the_facilitator_ticks_who_came(client_as, org, users):
    activity = make_activity(org, users)
    a, b = people(org, 2)
    for person in (a, b):
        registering.register(activity=activity, person=person, agreed=True)
    meeting = make_meeting(activity, users)
    url = reverse("meeting_detail", kwargs={"org": org.slug, "activity": activity.pk, "meeting": meeting.pk})
    client = client_as("counselor")
    assert client.post(url, {"attendance": "1", "present": [str(a.pk)]}).status_code == 302
    assert dict(Attendance.objects.values_list("person_id", "present")) == {a.pk: True, b.pk: False}


# --- Notes ------------------------------------------------------------------------------------


def test_group_counseling_notes_are_encrypted_and_read_only_by_counselors_who_lead(client_as, org, users):
    activity = make_activity(org, users, kind="konseling_kelompok")
    meeting = make_meeting(activity, users)
    url = reverse("meeting_detail", kwargs={"org": org.slug, "activity": activity.pk, "meeting": meeting.pk})
    counselor = client_as("counselor")
    counselor.post(url, {"record": "1", "note": "Rahasia kelompok", "held": "on"})
    meeting.refresh_from_db()
    assert meeting.note == "" and meeting.confidential_note and "Rahasia" not in meeting.confidential_note
    assert meeting.held_at is not None
    assert "Rahasia kelompok" in counselor.get(url).content.decode()
    # The coordinator runs the activity (staff) but is not a counselor leading it: no notes.
    page = client_as("coordinator").get(url)
    assert page.status_code == 200 and "Rahasia kelompok" not in page.content.decode()
    assert "note" not in page.context["record_form"].fields
    client_as("coordinator").post(url, {"record": "1", "held": "on"})
    meeting.refresh_from_db()
    assert attending.meeting_note(meeting) == "Rahasia kelompok"  # untouched


def test_group_guidance_notes_are_plain(org, users):
    activity = make_activity(org, users)
    meeting = attending.meeting_record(
        meeting=make_meeting(activity, users), note="Topik: belajar", held=True, by=users["counselor"]
    )
    assert meeting.note == "Topik: belajar" and meeting.confidential_note == ""


# --- Names, concerns, feedback ----------------------------------------------------------------


def test_in_a_support_group_participants_see_shown_names_and_facilitators_real_ones(client_as, org, users):
    peer = certified_peer(org, users)
    group = make_activity(
        org, users, kind="support_group", facilitators=[peer], supervisor=users["counselor"]
    )
    registering.register(activity=group, person=users["member"].person, agreed=True, shown_name="Bintang")
    (other,) = people(org, 1)
    registering.register(activity=group, person=other, agreed=True)
    url = reverse("activity_detail", kwargs={"org": org.slug, "activity": group.pk})
    as_member = client_as("member").get(url).content.decode()
    assert "Bintang" in as_member and "Participant 2" in as_member and "Murid 0" not in as_member
    as_peer = client_as("peer_supporter").get(url).content.decode()
    assert "Murid 0" in as_peer and "member person" in as_peer


def test_a_facilitator_raises_a_concern_through_the_alert_path(client_as, org, users):
    peer = certified_peer(org, users)
    group = make_activity(
        org, users, kind="support_group", facilitators=[peer], supervisor=users["counselor"]
    )
    registering.register(activity=group, person=users["member"].person, agreed=True)
    url = reverse(
        "activity_concern",
        kwargs={"org": org.slug, "activity": group.pk, "person": users["member"].person_id},
    )
    assert client_as("member").get(url).status_code == 403
    assert (
        client_as("peer_supporter")
        .post(url, {"level": "concern", "note": "Terlihat sangat sedih"})
        .status_code
        == 302
    )
    alert = Alert.objects.get()
    assert alert.person == users["member"].person and alert.source_ref == f"guidance.activity:{group.pk}"
    page = client_as("counselor").get(reverse("alert_detail", kwargs={"org": org.slug, "alert": alert.pk}))
    assert page.status_code == 200


def test_feedback_after_a_held_meeting_is_counted_from_five_answers(client_as, org, users):
    activity = make_activity(org, users)
    persons = people(org, 5)
    registrations = [registering.register(activity=activity, person=p, agreed=True) for p in persons]
    assert not attending.feedback_open(registrations[0])  # nothing held yet
    attending.meeting_record(meeting=make_meeting(activity, users), note="", held=True, by=users["counselor"])
    for registration in registrations[:4]:
        attending.feedback_record(registration=registration, answers=[4] * 6)
    assert attending.feedback_summary(activity) == {"count": 4, "hidden": True}
    with pytest.raises(ValueError):
        attending.feedback_record(registration=registrations[0], answers=[4] * 6)  # once
    attending.feedback_record(registration=registrations[4], answers=[5] * 6)
    summary = attending.feedback_summary(activity)
    assert summary["count"] == 5 and summary["average"] == 25.2 and not summary["hidden"]
    # On the page, for a member: the link, then the form.
    registering.register(activity=activity, person=users["member"].person, agreed=True)
    client = client_as("member")
    detail = client.get(reverse("activity_detail", kwargs={"org": org.slug, "activity": activity.pk}))
    assert detail.context["feedback_open"]
    url = reverse("activity_feedback", kwargs={"org": org.slug, "activity": activity.pk})
    assert client.post(url, {f"item_s{n}": 3 for n in range(1, 6)}).status_code == 400  # one left out
    assert client.post(url, {f"item_s{n}": 3 for n in range(1, 7)}).status_code == 302
    assert Registration.objects.get(person=users["member"].person).feedback.total == 18
    assert attending.feedback_summary(activity)["count"] == 6


# --- The jurnal BK ----------------------------------------------------------------------------


def test_held_meetings_enter_the_counselors_jurnal_with_the_people_present(org, users):
    classroom = make_activity(
        org, users, kind="bimbingan_klasikal", audience="class", audience_value="X-1", domain="belajar"
    )
    workshop = make_activity(org, users, kind="workshop")
    persons = people(org, 3)
    for person in persons:
        registering.register(activity=classroom, person=person, by=users["counselor"])
    held = make_meeting(classroom, users)
    attending.attendance_save(meeting=held, present_ids=[p.pk for p in persons[:2]], by=users["counselor"])
    attending.meeting_record(meeting=held, note="", held=True, by=users["counselor"])
    make_meeting(classroom, users)  # not held: not in the jurnal
    attending.meeting_record(meeting=make_meeting(workshop, users), note="", held=True, by=users["counselor"])
    today = timezone.localdate()
    lines = journal_lines(
        organization=org, counselor=users["counselor"], start=today, end=today + datetime.timedelta(days=1)
    )
    assert sorted((line.service_type, line.people) for line in lines) == [
        ("bimbingan_kelompok", 0),
        ("bimbingan_klasikal", 2),
    ]
    assert people_reached(lines)["bimbingan_klasikal"] == 2
    # Another counselor's jurnal has none of it.
    other = make_person(org, "C-2", roles=[Role.COUNSELOR], username="c2")[1]
    assert not journal_lines(
        organization=org, counselor=other, start=today, end=today + datetime.timedelta(days=1)
    )


def test_meeting_times_are_in_the_organizations_time_zone(client_as, org, users):
    org.timezone = "Asia/Jayapura"
    org.save()
    activity = make_activity(org, users)
    url = reverse("meeting_new", kwargs={"org": org.slug, "activity": activity.pk})
    response = client_as("coordinator").post(
        url, {"date": "2026-12-07", "start": "08:00", "end": "09:30", "place": "Aula"}
    )
    assert response.status_code == 302
    meeting = Meeting.objects.get()
    assert meeting.starts_at == datetime.datetime(2026, 12, 6, 23, 0, tzinfo=datetime.UTC)
    bad = client_as("coordinator").post(
        url, {"date": "2026-12-07", "start": "09:00", "end": "08:00", "place": "Aula"}
    )
    assert bad.status_code == 400 and Meeting.objects.count() == 1


def test_a_member_sees_what_is_offered_and_what_they_joined(client_as, org, users):
    open_one = make_activity(org, users, title="Terbuka")
    make_activity(
        org, users, title="Kelas lain", kind="bimbingan_klasikal", audience="class", audience_value="XII-9"
    )
    joined = make_activity(org, users, title="Sudah ikut")
    registering.register(activity=joined, person=users["member"].person, agreed=True)
    page = client_as("member").get(reverse("activity_list", kwargs={"org": org.slug}))
    assert [a.title for a in page.context["offered"]] == [open_one.title]
    assert [r.activity.title for r in page.context["joined"]] == ["Sudah ikut"]
    assert page.context["all_activities"] is None
    assert Activity.objects.count() == 3


def test_a_persons_own_data_holds_their_registrations_and_attendance_with_labels(org, users):
    from sebaya.guidance.personal_data import ACTIVITIES

    activity = make_activity(org, users, kind="konseling_kelompok")
    person = users["member"].person
    registering.register(activity=activity, person=person, agreed=True, shown_name="Bintang")
    meeting = make_meeting(activity, users)
    attending.attendance_save(meeting=meeting, present_ids=[person.pk], by=users["counselor"])
    attending.meeting_record(meeting=meeting, note="Catatan rahasia", held=True, by=users["counselor"])
    (entry,) = ACTIVITIES.collect(person=person, organization=org)
    assert entry["shown_name"] == "Bintang" and entry["meetings"][0]["present"] is True
    assert "Catatan rahasia" not in str(entry)  # the facilitators' notes stay out
    keys = set(entry) | set(entry["meetings"][0])
    assert keys <= set(ACTIVITIES.labels)


# --- A whole class ----------------------------------------------------------------------------


def test_classroom_guidance_lists_the_whole_class_and_registers_who_came(client_as, org, users):
    classroom = make_activity(org, users, kind="bimbingan_klasikal", audience="class", audience_value="X-1")
    assert classroom.agreement == ""
    a, b, c = people(org, 3, class_name="X-1")
    left = make_person(org, "P-left", full_name="Murid Pindah", class_name="X-1")[0]
    left.is_active = False
    left.save()
    other_class = make_person(org, "P-x2", full_name="Murid X-2", class_name="X-2")[0].person
    registering.register(activity=classroom, person=a, by=users["counselor"])
    meeting = make_meeting(classroom, users)
    url = reverse("meeting_detail", kwargs={"org": org.slug, "activity": classroom.pk, "meeting": meeting.pk})
    client = client_as("counselor")
    page = client.get(url).content.decode()
    assert all(p.full_name in page for p in (a, b, c))
    assert "Murid Pindah" not in page and other_class.full_name not in page
    # b came without registering; someone of another class cannot be marked through the list.
    sent = {"attendance": "1", "present": [str(a.pk), str(b.pk), str(other_class.pk)]}
    assert client.post(url, sent).status_code == 302
    assert dict(Attendance.objects.values_list("person_id", "present")) == {a.pk: True, b.pk: True}
    registered = classroom.registrations.filter(status="registered")
    assert set(registered.values_list("person_id", flat=True)) == {a.pk, b.pk}
    assert registered.get(person=b).agreed_at is None
    # The jurnal counts both.
    attending.meeting_record(meeting=meeting, note="", held=True, by=users["counselor"])
    today = timezone.localdate()
    lines = journal_lines(
        organization=org, counselor=users["counselor"], start=today, end=today + datetime.timedelta(days=1)
    )
    assert [(line.service_type, line.people) for line in lines] == [("bimbingan_klasikal", 2)]


def test_a_group_for_a_class_still_lists_only_those_registered(org, users):
    group = make_activity(org, users, audience="class", audience_value="X-1")
    a, b = people(org, 2, class_name="X-1")
    registering.register(activity=group, person=a, agreed=True)
    assert [person for person, _registered in attending.attendance_people(group)] == [a]
    meeting = make_meeting(group, users)
    assert attending.attendance_save(meeting=meeting, present_ids=[a.pk, b.pk], by=users["counselor"]) == 1
    assert not group.registrations.filter(person=b).exists()


def test_a_future_meeting_cannot_be_held_or_attended_before_the_hour_before_it(client_as, org, users):
    activity = make_activity(org, users)
    (person,) = people(org, 1)
    registering.register(activity=activity, person=person, agreed=True)
    later = make_meeting(activity, users, at=timezone.now() + datetime.timedelta(hours=3))
    with pytest.raises(ActivityError, match="not started yet"):
        attending.attendance_save(meeting=later, present_ids=[person.pk], by=users["counselor"])
    with pytest.raises(ActivityError, match="not started yet"):
        attending.meeting_record(meeting=later, note="", held=True, by=users["counselor"])
    url = reverse("meeting_detail", kwargs={"org": org.slug, "activity": activity.pk, "meeting": later.pk})
    client = client_as("counselor")
    assert "not started yet" in client.get(url).content.decode()
    refused = client.post(url, {"record": "1", "note": "Rencana", "held": "on"})
    assert refused.status_code == 400 and "not started yet" in refused.content.decode()
    client.post(url, {"attendance": "1", "present": [str(person.pk)]})
    later.refresh_from_db()
    assert later.held_at is None and not Attendance.objects.exists()
    # From an hour before it starts, it can.
    soon = make_meeting(activity, users, at=timezone.now() + datetime.timedelta(minutes=50))
    assert attending.attendance_save(meeting=soon, present_ids=[person.pk], by=users["counselor"]) == 1
    assert attending.meeting_record(meeting=soon, note="", held=True, by=users["counselor"]).held_at


def test_a_peer_leading_a_support_group_is_not_offered_a_place_in_it(client_as, org, users):
    peer = certified_peer(org, users)
    group = make_activity(
        org, users, kind="support_group", facilitators=[peer], supervisor=users["counselor"]
    )
    detail = reverse("activity_detail", kwargs={"org": org.slug, "activity": group.pk})
    page = client_as("peer_supporter").get(detail).content.decode()
    assert 'id="activity-register"' not in page
    listed = client_as("peer_supporter").get(reverse("activity_list", kwargs={"org": org.slug}))
    assert group not in listed.context["offered"] and group in listed.context["leading"]
    register = reverse("activity_register", kwargs={"org": org.slug, "activity": group.pk})
    assert client_as("peer_supporter").get(register).status_code == 403
    with pytest.raises(ActivityError, match="leads or supervises"):
        registering.register(activity=group, person=peer.person, agreed=True)
    with pytest.raises(ActivityError, match="leads or supervises"):
        registering.register(activity=group, person=users["counselor"].person, by=users["coordinator"])
    # A member of the audience still may.
    assert 'id="activity-register"' in client_as("member").get(detail).content.decode()


def test_the_activity_list_opens_with_what_staff_and_leaders_lead(client_as, org, users):
    make_activity(org, users, title="Kelola stres")  # led by the counselor
    url = reverse("activity_list", kwargs={"org": org.slug})
    page = client_as("counselor").get(url).content.decode()
    # Staff: what they lead, then every activity; no empty participant sections.
    assert page.index('id="activities-leading"') < page.index('id="activities-all"')
    assert 'id="activities-joined"' not in page and 'id="activities-offered"' not in page
    peer = certified_peer(org, users)
    make_activity(org, users, kind="support_group", facilitators=[peer], supervisor=users["counselor"])
    page = client_as("peer_supporter").get(url).content.decode()
    assert page.index('id="activities-leading"') < page.index('id="activities-joined"')
    # A member sees their own sections, even empty.
    page = client_as("member").get(url).content.decode()
    assert 'id="activities-joined"' in page and 'id="activities-leading"' not in page


def test_a_class_member_scans_the_qr_code_of_their_class_guidance_without_registering(client_as, org, users):
    users["member"].person.memberships.filter(organization=org).update(grade="10", class_name="X-1")
    activity = make_activity(
        org, users, kind="bimbingan_klasikal", audience="class", audience_value="X-1", title="Gaya belajar"
    )
    meeting = make_meeting(activity, users)
    attending.scanning_open(meeting=meeting, by=users["counselor"])
    meeting.refresh_from_db()
    url = reverse("activity_attend", kwargs={"org": org.slug, "code": meeting.attendance_code})
    assert client_as("member").get(url).status_code == 200
    attendance = Attendance.objects.get(meeting=meeting)
    assert attendance.person == users["member"].person and attendance.present and attendance.how == "qr"
    assert Registration.objects.get(activity=activity).status == "registered"  # coming is registering
    # A student of another class is not marked: the class's guidance is not theirs.
    (other,) = people(org, 1, grade="10", class_name="X-2")
    assert attending.attend_by_code(meeting=meeting, person=other) == attending.Scan.NOT_REGISTERED
    assert Attendance.objects.filter(meeting=meeting).count() == 1
