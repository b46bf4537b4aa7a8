"""Referrals (alih tangan kasus): consent, what is shared, the partner's view, progress, reminders."""

import datetime

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from conftest import make_person
from sebaya.audit.models import AuditAction, AuditEvent
from sebaya.counseling import services
from sebaya.counseling.models import Referral
from sebaya.people.models import Role


@pytest.fixture
def case(org, users, student):
    case = services.case_open(
        organization=org,
        person=student.person,
        by=users["counselor"],
        summary="Cemas berat",
        domain="pribadi",
    )
    services.case_update(
        case=case,
        version=case.version,
        by=users["counselor"],
        plan_goals="RENCANA-RAHASIA",
        plan_interventions="",
    )
    services.session_record(
        case=case,
        by=users["counselor"],
        date=timezone.localdate(),
        discussed="x",
        confidential_note="NOTE-SECRET",
    )
    return case


@pytest.fixture
def partner(org, users):
    users["partner"].email = "psikolog@example.org"
    users["partner"].save()
    return services.partner_save(
        organization=org,
        by=users["counselor"],
        users=[users["partner"]],
        name="Biro Psikologi Harapan",
        kind="psychologist",
    )


def refer(client, org, case, **changes):
    data = {
        "partner": "",
        "reason": "Perlu asesmen psikologis.",
        "shared": ["identity", "summary"],
        "consent": "person",
        "consent_by_name": "",
        "consent_relationship": "parent",
        "consent_method": "in_person",
        "override_reason": "",
        "letter_note": "",
    }
    return client.post(reverse("referral_new", kwargs={"org": org.slug, "case": case.pk}), data | changes)


def test_a_referral_needs_consent_or_an_override_with_a_reason(client_as, org, case, partner):
    client = client_as("counselor")
    assert refer(client, org, case, partner=partner.pk, consent="override").status_code == 400
    assert refer(client, org, case, partner=partner.pk, consent="guardian").status_code == 400
    assert refer(client, org, case, partner=partner.pk, consent="").status_code == 400
    assert not Referral.objects.exists()
    response = refer(
        client,
        org,
        case,
        partner=partner.pk,
        consent="override",
        override_reason="Ancaman di rumah malam ini.",
    )
    assert response.status_code == 302
    referral = Referral.objects.get()
    event = AuditEvent.objects.filter(action=AuditAction.RECORD_CHANGED, target_id=str(referral.pk)).get()
    assert event.detail["consent"] == "override"
    case.refresh_from_db()
    assert case.status == "dirujuk"


def test_the_partner_sees_only_what_is_shared_and_reports_back(
    client_as, org, users, case, partner, settings
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    refer(client_as("counselor"), org, case, partner=partner.pk)
    referral = Referral.objects.get()
    from sebaya.core.worker import run_once

    run_once(worker="t")
    (message,) = mail.outbox
    assert message.to == ["psikolog@example.org"] and case.person.full_name not in message.body
    detail = reverse("referral_detail", kwargs={"org": org.slug, "referral": referral.pk})
    page = client_as("partner").get(detail).content.decode()
    assert case.person.full_name in page and "Cemas berat" in page  # identity and summary were shared
    assert "RENCANA-RAHASIA" not in page and "NOTE-SECRET" not in page  # the plan and notes were not
    assert list(
        client_as("partner").get(reverse("referral_list", kwargs={"org": org.slug})).context["referrals"]
    ) == [referral]
    # Another partner professional of the same school, not linked to this partner, sees nothing.
    _m, stranger = make_person(org, "P-2", roles=[Role.PARTNER], username="other_partner")
    other = Client()
    other.force_login(stranger)
    assert other.get(detail).status_code == 403
    assert list(other.get(reverse("referral_list", kwargs={"org": org.slug})).context["referrals"]) == []
    # The partner accepts, then reports attendance with feedback; a jump backwards is refused.
    update = reverse("referral_update", kwargs={"org": org.slug, "referral": referral.pk})
    client_as("partner").post(update, {"status": "accepted", "note": "", "feedback": ""})
    client_as("partner").post(update, {"status": "sent", "note": "", "feedback": ""})
    referral.refresh_from_db()
    assert referral.status == "accepted"
    client_as("partner").post(
        update, {"status": "attended", "note": "Sesi pertama", "feedback": "Asesmen selesai; lanjut 4 sesi."}
    )
    referral.refresh_from_db()
    assert referral.status == "attended" and referral.partner_feedback.startswith("Asesmen selesai")
    assert [u.status for u in referral.updates.all()] == ["sent", "accepted", "attended"]
    assert "Asesmen selesai" in client_as("counselor").get(detail).content.decode()


def test_the_referral_letter_is_a_pdf_with_only_the_shared_fields(client_as, org, case, partner):
    refer(client_as("counselor"), org, case, partner=partner.pk)
    referral = Referral.objects.get()
    response = client_as("partner").get(
        reverse("referral_letter", kwargs={"org": org.slug, "referral": referral.pk})
    )
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    shown = services.referral_shared(referral)
    assert set(shown) == {"reason", "note", "consent", "identity", "summary"}
    assert AuditEvent.objects.filter(action=AuditAction.RECORD_VIEWED, target_id=str(referral.pk)).exists()


def test_a_stalled_referral_reminds_the_counselors_once_a_week(org, users, case, partner, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    users["counselor"].email = "bk@example.org"
    users["counselor"].save()
    referral = services.referral_create(
        case=case,
        partner=partner,
        by=users["counselor"],
        reason="x",
        shared=[],
        consent="person",
        consent_method="in_person",
    )
    now = timezone.now()
    assert services.referrals_remind(now=now + datetime.timedelta(days=6)) == 0
    assert services.referrals_remind(now=now + datetime.timedelta(days=8)) == 1
    assert services.referrals_remind(now=now + datetime.timedelta(days=9)) == 0
    assert services.referrals_remind(now=now + datetime.timedelta(days=16)) == 1
    referral.refresh_from_db()
    assert referral.reminded_at is not None


def test_home_visits_and_conferences_are_recorded_and_printable(client_as, org, users, case):
    client = client_as("counselor")
    new_visit = reverse("visit_new", kwargs={"org": org.slug, "case": case.pk})
    data = {
        "status": "done",
        "planned_on": "2026-11-30",
        "done_on": "",
        "purpose": "Bertemu orang tua",
        "visitors": "Bu Sri (guru BK)",
        "met_with": "Ibu kandung",
        "findings": "Rumah sering ramai; ia belajar di dapur.",
        "agreements": "Orang tua menyediakan meja belajar.",
        "version": "0",
    }
    assert client.post(new_visit, data).status_code == 400  # done without the day of the visit
    assert client.post(new_visit, data | {"done_on": "2026-11-30"}).status_code == 302
    visit = case.home_visits.get()
    pdf = client.get(reverse("visit_pdf", kwargs={"org": org.slug, "case": case.pk, "visit": visit.pk}))
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
    case.refresh_from_db()
    assert "kunjungan_rumah" in case.service_types

    new_conference = reverse("conference_new", kwargs={"org": org.slug, "case": case.pk})
    form = {
        "status": "held",
        "date": "2026-12-01",
        "place": "Ruang BK",
        "agenda": "Kehadiran dan nilai",
        "minutes": "Wali kelas melaporkan 6 hari tidak hadir.",
        "decisions": "Pendampingan belajar dua kali seminggu.",
        "version": "0",
        "participants-TOTAL_FORMS": "2",
        "participants-INITIAL_FORMS": "0",
        "participants-0-name": "Pak Andi",
        "participants-0-role": "homeroom",
        "participants-0-attended": "on",
        "participants-1-name": "",
        "actions-TOTAL_FORMS": "1",
        "actions-INITIAL_FORMS": "0",
        "actions-0-what": "Telepon orang tua",
        "actions-0-who": "Bu Sri",
        "actions-0-due_on": "",
    }
    assert client.post(new_conference, form).status_code == 400  # an action without a due date
    assert client.post(new_conference, form | {"actions-0-due_on": "2026-12-05"}).status_code == 302
    conference = case.conferences.get()
    assert [p.name for p in conference.participants.all()] == ["Pak Andi"]
    assert conference.actions.get().due_on.isoformat() == "2026-12-05"
    # Two counselors editing the conference at once: the second is told, nothing is overwritten.
    edit = reverse("conference_edit", kwargs={"org": org.slug, "case": case.pk, "conference": conference.pk})
    changed = form | {
        "actions-0-due_on": "2026-12-05",
        "version": str(conference.version),
        "minutes": "Versi A",
    }
    assert client.post(edit, changed).status_code == 302
    stale = changed | {"minutes": "Versi B"}
    assert client.post(edit, stale).status_code == 409
    conference.refresh_from_db()
    assert conference.minutes == "Versi A"
    pdf = client.get(
        reverse("conference_pdf", kwargs={"org": org.slug, "case": case.pk, "conference": conference.pk})
    )
    assert pdf.content.startswith(b"%PDF")
    assert (
        client_as("coordinator")
        .get(
            reverse("conference_pdf", kwargs={"org": org.slug, "case": case.pk, "conference": conference.pk})
        )
        .status_code
        == 403
    )


CONFERENCE = {
    "status": "planned",
    "date": "2026-12-01",
    "place": "Ruang BK",
    "agenda": "Kehadiran",
    "minutes": "",
    "decisions": "",
    "version": "0",
    "participants-TOTAL_FORMS": "1",
    "participants-INITIAL_FORMS": "0",
    "participants-0-name": "Pak Andi",
    "participants-0-role": "homeroom",
    "actions-TOTAL_FORMS": "1",
    "actions-INITIAL_FORMS": "0",
}


def test_a_participant_row_is_added_with_a_button_not_by_saving(client_as, org, case):
    client = client_as("counselor")
    new_conference = reverse("conference_new", kwargs={"org": org.slug, "case": case.pk})
    page = client.get(new_conference).content.decode()
    assert 'id="add-participant"' in page and "hx-get=" in page and "Save to get" not in page
    # With htmx: one more empty row, numbered after the last, and the count goes up with it.
    row_url = reverse("conference_row", kwargs={"org": org.slug, "case": case.pk, "kind": "participants"})
    row = client.get(row_url, {"participants-TOTAL_FORMS": "4"})
    html = row.content.decode()
    assert row.status_code == 200 and 'name="participants-4-name"' in html
    assert 'name="participants-4-role"' in html
    assert 'name="participants-TOTAL_FORMS" value="5"' in html and 'hx-swap-oob="true"' in html
    actions = reverse("conference_row", kwargs={"org": org.slug, "case": case.pk, "kind": "actions"})
    assert 'name="actions-1-what"' in client.get(actions, {"actions-TOTAL_FORMS": "1"}).content.decode()
    assert client.get(row_url, {"participants-TOTAL_FORMS": "40"}).status_code == 400  # the table is full
    assert client.get(row_url, {"participants-TOTAL_FORMS": "x"}).status_code == 400
    other = reverse("conference_row", kwargs={"org": org.slug, "case": case.pk, "kind": "case"})
    assert client.get(other, {"case-TOTAL_FORMS": "1"}).status_code == 404
    # Without JavaScript: the form comes back with what was typed and one more row; nothing saved.
    back = client.post(new_conference, CONFERENCE | {"add_row": "participants"})
    html = back.content.decode()
    assert back.status_code == 200 and not case.conferences.exists()
    assert 'name="participants-1-name"' in html and 'value="Pak Andi"' in html and 'value="Ruang BK"' in html
    assert 'name="participants-TOTAL_FORMS" value="2"' in html
    # Then saving keeps both rows that were filled.
    saved = client.post(
        new_conference,
        CONFERENCE
        | {"participants-TOTAL_FORMS": "2", "participants-1-name": "Bu Rina"}
        | {"participants-1-role": "parent"},
    )
    assert saved.status_code == 302
    assert sorted(p.name for p in case.conferences.get().participants.all()) == ["Bu Rina", "Pak Andi"]
