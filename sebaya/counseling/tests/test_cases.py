"""The case book: opening, encrypted notes, break the glass, optimistic locking, the timeline."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from conftest import make_person
from sebaya.audit.models import AuditAction, AuditEvent
from sebaya.counseling import services
from sebaya.counseling.models import BreakGlass, Case, CounselingSession
from sebaya.people.models import Role
from sebaya.screening.instruments import get_instrument
from sebaya.screening.services import administration_record
from sebaya.support import services as support


@pytest.fixture
def case(org, users, student):
    return services.case_open(
        organization=org,
        person=student.person,
        by=users["counselor"],
        summary="Cemas ujian",
        domain="belajar",
    )


@pytest.fixture
def colleague(org):
    _m, user = make_person(org, "C-2", roles=[Role.COUNSELOR], username="colleague")
    client = Client()
    client.force_login(user)
    return user, client


def session_data(**changes):
    data = {
        "date": "2026-12-02",
        "service_type": "konseling_individu",
        "duration_minutes": "45",
        "discussed": "Kecemasan menjelang ujian.",
        "analysis": "Pola pikir katastrofik.",
        "plan": "Latihan relaksasi.",
        "seriousness": "sedang",
        "confidential_note": "Ia bercerita tentang ayahnya yang sering marah.",
    }
    return data | changes


def test_cases_are_numbered_in_the_case_book(org, users, student, case):
    second = services.case_open(
        organization=org,
        person=student.person,
        by=users["counselor"],
        summary="Lagi",
        domain="pribadi",
    )
    assert (case.number, second.number) == (1, 2)
    assert list(case.counselors.all()) == [users["counselor"]] and case.status == "baru"
    assert case.status_changes.get().to_status == "baru"


def test_a_confidential_note_is_encrypted_at_rest_and_read_only_by_assigned_counselors(
    client_as, org, users, case, colleague
):
    url = reverse("session_new", kwargs={"org": org.slug, "case": case.pk})
    assert client_as("counselor").post(url, session_data()).status_code == 302
    session = CounselingSession.objects.get()
    assert "ayahnya" not in session.confidential_note and session.confidential_note.startswith("gAAAA")
    assert services.note_decrypt(session.confidential_note).endswith("sering marah.")
    case.refresh_from_db()
    assert case.status == "proses" and "konseling_individu" in case.service_types
    assert (
        "Konseling individu"
        in client_as("counselor")
        .get(reverse("case_detail", kwargs={"org": org.slug, "case": case.pk}))
        .content.decode()
    )  # the service's name, not its code

    detail = reverse("case_detail", kwargs={"org": org.slug, "case": case.pk})
    assert "ayahnya" in client_as("counselor").get(detail).content.decode()
    _user, other = colleague
    page = other.get(detail).content.decode()
    assert "ayahnya" not in page and "Kecemasan menjelang ujian" in page  # the structured notes are shared
    for kind in ("coordinator", "peer_supporter", "member", "org_admin"):
        assert client_as(kind).get(detail).status_code == 403
    # A colleague may not change someone else's case either.
    assert other.get(reverse("session_new", kwargs={"org": org.slug, "case": case.pk})).status_code == 403


def test_breaking_the_glass_opens_the_notes_for_an_hour_audited_and_shown_to_the_assigned(
    client_as, org, users, case, colleague
):
    services.session_record(
        case=case,
        by=users["counselor"],
        date=timezone.localdate(),
        discussed="x",
        confidential_note="rahasia sekali",
    )
    user, other = colleague
    detail = reverse("case_detail", kwargs={"org": org.slug, "case": case.pk})
    glass = reverse("case_break_glass", kwargs={"org": org.slug, "case": case.pk})
    other.post(glass, {"reason": ""})
    assert not BreakGlass.objects.exists()  # a reason is required
    other.post(glass, {"reason": "Siswa krisis, guru BK-nya sedang cuti."})
    assert "rahasia sekali" in other.get(detail).content.decode()
    event = AuditEvent.objects.get(action=AuditAction.BREAK_GLASS)
    assert event.actor == user and event.subject_person_id == case.person_id
    assigned_view = client_as("counselor").get(detail).content.decode()
    assert 'id="glass-record"' in assigned_view and "guru BK-nya sedang cuti" in assigned_view
    BreakGlass.objects.update(expires_at=timezone.now() - datetime.timedelta(seconds=1))
    assert "rahasia sekali" not in other.get(detail).content.decode()


def test_two_counselors_editing_at_once_get_a_conflict_and_nothing_is_lost(
    client_as, org, users, case, colleague
):
    case.counselors.add(colleague[0])
    url = reverse("case_edit", kwargs={"org": org.slug, "case": case.pk})
    base = {
        "summary": case.summary,
        "domain": "belajar",
        "plan_goals": "",
        "plan_interventions": "",
        "counselors": [users["counselor"].pk, colleague[0].pk],
        "version": case.version,
    }
    first = client_as("counselor").post(url, base | {"plan_goals": "Tidur cukup sebelum ujian."})
    assert first.status_code == 302
    second = colleague[1].post(url, base | {"plan_goals": "Belajar terjadwal."})  # made on the old version
    assert second.status_code == 409
    page = second.content.decode()
    assert "Belajar terjadwal." in page and "Tidur cukup sebelum ujian." in page  # both kept on screen
    case.refresh_from_db()
    assert case.plan_goals == "Tidur cukup sebelum ujian."
    again = colleague[1].post(url, base | {"plan_goals": "Belajar terjadwal.", "version": case.version})
    assert again.status_code == 302
    case.refresh_from_db()
    assert case.plan_goals == "Belajar terjadwal." and case.version == 3


def test_a_session_edit_on_an_old_version_is_refused(org, users, case):
    session = services.session_record(
        case=case, by=users["counselor"], date=timezone.localdate(), discussed="awal"
    )
    services.session_update(session=session, version=1, by=users["counselor"], discussed="versi A")
    with pytest.raises(services.EditConflict) as clash:
        services.session_update(session=session, version=1, by=users["counselor"], discussed="versi B")
    assert clash.value.current.discussed == "versi A"


def test_rotating_the_key_reencrypts_the_notes(org, users, case, settings):
    session = services.session_record(
        case=case,
        by=users["counselor"],
        date=timezone.localdate(),
        discussed="x",
        confidential_note="catatan lama",
    )
    from sebaya.kernel.crypto import new_notes_key, reencrypt_notes

    old_key = settings.SEBAYA_NOTES_KEYS[0]
    settings.SEBAYA_NOTES_KEYS = [new_notes_key(), old_key]
    assert reencrypt_notes() == (1, 0, 1)
    settings.SEBAYA_NOTES_KEYS = settings.SEBAYA_NOTES_KEYS[:1]
    session.refresh_from_db()
    assert services.note_decrypt(session.confidential_note) == "catatan lama"
    settings.SEBAYA_NOTES_KEYS = [old_key]  # the old key alone can no longer read it
    with pytest.raises(services.NoteUnreadable):
        services.note_decrypt(session.confidential_note)


def test_a_tampered_note_is_refused_not_misread(org, users, case):
    session = services.session_record(
        case=case, by=users["counselor"], date=timezone.localdate(), discussed="x", confidential_note="asli"
    )
    token = session.confidential_note
    tampered = token[:-5] + ("A" if token[-5] != "A" else "B") + token[-4:]
    with pytest.raises(services.NoteUnreadable):
        services.note_decrypt(tampered)


def test_a_case_opens_from_a_help_request_and_from_a_screening_result(client_as, org, users, student):
    help_request, _c, _p = support.help_request_submit(
        organization=org, person=student.person, topic="family"
    )
    client = client_as("counselor")
    client.post(
        reverse("case_from_request", kwargs={"org": org.slug, "help_request": help_request.pk}),
        {"summary": "Masalah keluarga", "domain": "pribadi"},
    )
    case = Case.objects.get()
    help_request.refresh_from_db()
    assert (
        case.help_request == help_request
        and case.source == "triage"
        and help_request.status == "with_counselor"
    )
    anonymous, _c, _p = support.help_request_submit(organization=org, topic="family")
    client.post(
        reverse("case_from_request", kwargs={"org": org.slug, "help_request": anonymous.pk}),
        {"summary": "x", "domain": "pribadi"},
    )
    assert Case.objects.count() == 1  # an anonymous request cannot become a case
    result = administration_record(
        organization=org,
        person=student.person,
        instrument=get_instrument("phq9"),
        answers=[3, 3, 3, 3, 3, 3, 3, 2, 0],
    )
    client.post(
        reverse("case_from_screening", kwargs={"org": org.slug, "administration": result.pk}),
        {"summary": "Gejala depresi berat", "domain": "pribadi"},
    )
    result.refresh_from_db()
    assert (
        Case.objects.filter(source="screening", administration=result).exists() and not result.needs_outreach
    )


def test_closing_and_reopening_keep_the_status_history(client_as, org, users, case):
    client = client_as("counselor")
    close = reverse("case_close", kwargs={"org": org.slug, "case": case.pk})
    client.post(close, {"outcome": "improved", "summary": ""})
    case.refresh_from_db()
    assert case.status == "baru"  # a summary is needed
    closing = {"outcome": "improved", "summary": "Sudah bisa mengelola cemasnya."}
    asked = client.post(close, closing)
    case.refresh_from_db()
    assert case.status == "baru" and b'id="confirm-yes"' in asked.content  # asked, not closed
    assert b'name="summary" value="Sudah bisa mengelola cemasnya."' in asked.content  # carried over
    client.post(close, {**closing, "confirm": "yes"})
    case.refresh_from_db()
    assert case.status == "selesai" and case.outcome == "improved" and case.closed_at
    client.post(reverse("case_reopen", kwargs={"org": org.slug, "case": case.pk}), {"note": "Cemas lagi."})
    case.refresh_from_db()
    assert case.status == "proses"
    assert [c.to_status for c in case.status_changes.all()] == ["baru", "selesai", "proses"]


def test_the_timeline_shows_the_whole_ladder_newest_first(client_as, org, users, student, case):
    help_request, _c, _p = support.help_request_submit(
        organization=org, person=student.person, topic="academic"
    )
    administration_record(
        organization=org, person=student.person, instrument=get_instrument("phq9"), answers=[1] * 8 + [1]
    )
    services.session_record(
        case=case,
        by=users["counselor"],
        date=timezone.localdate(),
        discussed="x",
        confidential_note="tidak tampil",
    )
    page = client_as("counselor").get(reverse("case_detail", kwargs={"org": org.slug, "case": case.pk}))
    entries = page.context["timeline"].entries
    kinds = [entry.kind for entry in entries]
    assert {"case", "request", "screening", "alert", "counseling"} <= set(kinds)
    times = [entry.at for entry in entries]
    assert times == sorted(times, reverse=True)  # the newest first
    assert all("tidak tampil" not in (entry.detail + entry.title) for entry in entries)
    assert 'id="timeline-earlier-link"' not in page.content.decode()  # nothing earlier to show
    assert AuditEvent.objects.filter(action=AuditAction.RECORD_VIEWED, target_id=str(case.pk)).exists()


def test_instruments_given_within_a_case_show_as_a_chart_with_the_change(client_as, org, users, case):
    from sebaya.safety.models import Alert

    url = reverse("case_measure", kwargs={"org": org.slug, "case": case.pk, "code": "gad7"})
    client = client_as("counselor")
    for moment, values in (("intake", [3] * 7), ("review", [1] * 7)):
        data = {
            f"item_{item.id}": str(v) for item, v in zip(get_instrument("gad7").items, values, strict=False)
        }
        assert client.post(url, data | {"moment": moment}).status_code == 302
    assert client.post(url, {"moment": "review", "item_q1": "9"}).status_code == 400  # nothing written
    assert case.measures.count() == 2
    severe = case.measures.first().administration
    assert severe.severity == "severe" and not severe.needs_outreach  # the case's counselor is on it
    page = client.get(reverse("case_detail", kwargs={"org": org.slug, "case": case.pk}))
    (chart,) = page.context["charts"]
    assert chart["change"] == 7 - 21 and str(chart["svg"]).startswith("<svg")
    phq9 = reverse("case_measure", kwargs={"org": org.slug, "case": case.pk, "code": "phq9"})
    risky = {f"item_{item.id}": "0" for item in get_instrument("phq9").items if item.required} | {
        "item_q9": "2"
    }
    client.post(phq9, risky | {"moment": "review"})
    assert Alert.objects.get().level == "crisis"  # a risk answer still raises an alert


def test_follow_ups_are_listed_reminded_once_and_done(client_as, org, users, case, settings):
    from django.core import mail

    from sebaya.core.worker import run_once

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    users["counselor"].email = "bk@example.org"
    users["counselor"].save()
    client = client_as("counselor")
    add = reverse("follow_up_add", kwargs={"org": org.slug, "case": case.pk})
    client.post(
        add,
        {"what": "Telepon ibunya", "due_on": (timezone.localdate() - datetime.timedelta(days=1)).isoformat()},
    )
    client.post(
        add,
        {
            "what": "Cek setelah ujian",
            "due_on": (timezone.localdate() + datetime.timedelta(days=7)).isoformat(),
        },
    )
    client.post(add, {"what": "", "due_on": "bukan-tanggal"})
    assert case.follow_ups.count() == 2
    listing = client.get(reverse("follow_up_list", kwargs={"org": org.slug}))
    assert [f.what for f in listing.context["follow_ups"]] == ["Telepon ibunya", "Cek setelah ujian"]
    assert "overdue" in listing.content.decode() or "terlambat" in listing.content.decode()
    assert run_once(worker="t")["follow_ups"] == 1 and run_once(worker="t")["follow_ups"] == 0
    (message,) = mail.outbox
    assert "ibunya" not in message.body and case.person.full_name not in message.body
    due = case.follow_ups.get(what="Telepon ibunya")
    client.post(reverse("follow_up_done", kwargs={"org": org.slug, "follow_up": due.pk}))
    due.refresh_from_db()
    assert due.done_by == users["counselor"]


def test_a_case_steps_down_to_a_peer_with_a_hand_over_note(client_as, org, users, case):
    from sebaya.support.models import HelpRequest, Transition

    url = reverse("case_step_down", kwargs={"org": org.slug, "case": case.pk})
    client_as("counselor").post(url, {"note": ""})
    assert not HelpRequest.objects.exists()  # a hand-over note is required
    response = client_as("counselor").post(
        url, {"note": "Sudah stabil; teman sebaya untuk menemani belajar."}
    )
    help_request = HelpRequest.objects.get()
    assert response["Location"] == reverse(
        "help_request_match", kwargs={"org": org.slug, "help_request": help_request.pk}
    )
    assert (help_request.source, help_request.tier, help_request.status) == ("step_down", "peer", "new")
    assert Transition.objects.get(kind="step_down").note.startswith("Sudah stabil")


def test_organization_pages_show_times_in_the_organization_time_zone(client_as, org, users, student):
    from django.utils.dateformat import format as date_format

    from sebaya.support import services as support_services

    org.timezone = "Asia/Jayapura"  # UTC+9, two hours ahead of the server's Asia/Jakarta
    org.save()
    help_request = support_services.help_request_submit(
        organization=org, person=student.person, topic="family"
    )[0]
    page = client_as("counselor").get(
        reverse("help_request_detail", kwargs={"org": org.slug, "help_request": help_request.pk})
    )
    import zoneinfo

    local = help_request.created_at.astimezone(zoneinfo.ZoneInfo("Asia/Jayapura"))
    assert date_format(local, "H.i") in page.content.decode()  # Indonesian times read 14.05
