"""Retention: each kind of record is erased (or deleted) once its time has passed, never while a
case or an alert about the person is open; one audit event per organization and kind, with the
count and no content. The clock is moved by giving `now`, or by dating records back."""

import datetime

from django.utils import timezone

from sebaya.audit.models import AuditAction, AuditEvent
from sebaya.core.worker import run_once
from sebaya.counseling import services as counseling
from sebaya.counseling.models import Case, CaseConference, CounselingSession, HomeVisit, Referral
from sebaya.privacy import retention
from sebaya.privacy.models import ErasedRecord, PrivacySettings
from sebaya.safety.models import Alert
from sebaya.safety.services import alert_raise, alert_record_action
from sebaya.screening.instruments import get_instrument
from sebaya.screening.models import Administration
from sebaya.screening.services import administration_record
from sebaya.support import services as support
from sebaya.support.models import HelpRequest, Message, PeerSession, RequestMessage, SupportRelationship

NOW = timezone.now


def months_ago(months):
    return retention.months_before(NOW(), months)


def retention_events(org):
    return AuditEvent.objects.filter(organization=org, detail__has_key="retention")


def test_months_before_counts_calendar_months():
    moment = datetime.datetime(2026, 3, 31, 10, 0, tzinfo=datetime.UTC)
    assert retention.months_before(moment, 1) == datetime.datetime(2026, 2, 28, 10, 0, tzinfo=datetime.UTC)
    assert retention.months_before(moment, 12) == datetime.datetime(2025, 3, 31, 10, 0, tzinfo=datetime.UTC)
    assert retention.months_before(moment, 15).month == 12


# --- Peer support messages -----------------------------------------------------------------------------


def accompany(org, users, person, *, closed_months_ago):
    help_request = support.help_request_submit(organization=org, person=person, topic="academic")[0]
    supporter = users["peer_supporter"].person.memberships.get(organization=org)
    support.supporter_profile_save(membership=supporter, by=None, certified=True, capacity=5)
    relationship = support.relationship_start(
        help_request=help_request, supporter_id=supporter.supporter_profile.pk, by=None
    )
    support.message_send(relationship=relationship, body="PESAN-RAHASIA", from_supporter=False)
    support.peer_session_log(
        relationship=relationship,
        by=users["peer_supporter"],
        date=timezone.localdate(),
        mode="chat",
        duration_minutes=20,
        mood_before=2,
        mood_after=3,
        note="CATATAN-SESI",
    )
    support.relationship_close(relationship=relationship, by=users["peer_supporter"], closing_note="PENUTUP")
    SupportRelationship.objects.filter(pk=relationship.pk).update(closed_at=months_ago(closed_months_ago))
    return relationship


def test_messages_are_erased_a_year_after_the_accompaniment_ends(org, users, student):
    old = accompany(org, users, student.person, closed_months_ago=13)
    recent = accompany(org, users, users["member"].person, closed_months_ago=11)
    counts = retention.retention_apply(organization=org)
    assert counts["messages"] == 1
    assert list(Message.objects.filter(relationship=old).values_list("body", flat=True)) == [""]
    assert PeerSession.objects.get(relationship=old).note == ""
    old.refresh_from_db()
    assert old.closing_note == "" and old.status == "closed"  # the relationship stays, as counts
    assert Message.objects.get(relationship=recent).body == "PESAN-RAHASIA"
    assert ErasedRecord.objects.filter(kind="messages", record_id=old.pk).exists()
    (event,) = retention_events(org)
    assert event.action == AuditAction.RECORD_CHANGED
    assert event.detail == {"retention": "messages", "count": 1, "how": "erased"}
    # Done once: the next run finds nothing and writes no event.
    assert retention.retention_apply(organization=org)["messages"] == 0
    assert retention_events(org).count() == 1
    # A shorter rule reaches the recent one too.
    PrivacySettings.objects.filter(organization=org).update(messages_months=6)
    assert retention.retention_apply(organization=org)["messages"] == 1


def test_an_open_case_or_an_alert_not_closed_blocks_the_persons_records(org, users, student):
    accompany(org, users, student.person, closed_months_ago=13)
    alert = alert_raise(organization=org, level="concern", source="counselor_mark", person=student.person)
    assert retention.retention_apply(organization=org)["messages"] == 0
    alert_record_action(
        alert=alert, by=users["counselor"], kind="contacted_person"
    )  # acknowledged, not closed
    assert Alert.objects.get(pk=alert.pk).state == "acknowledged"
    assert retention.retention_apply(organization=org)["messages"] == 0
    alert_record_action(alert=alert, by=users["counselor"], kind="closed")
    case = counseling.case_open(
        organization=org, person=student.person, by=users["counselor"], summary="x", domain="pribadi"
    )
    assert retention.retention_apply(organization=org)["messages"] == 0
    counseling.case_close(case=case, by=users["counselor"], summary="Selesai", outcome="resolved")
    assert retention.retention_apply(organization=org)["messages"] == 1
    assert Message.objects.get().body == ""
    assert Alert.objects.filter(pk=alert.pk).exists()  # alerts are never deleted


# --- Help requests --------------------------------------------------------------------------------------


def test_anonymous_requests_lose_words_answers_and_code_six_months_after_closing(org, users):
    blocked, _code, _pin = support.help_request_submit(
        organization=org, topic="family", details="aku ingin mati saja", check_answers=[3, 3, 3, 3]
    )
    quiet, code, _pin = support.help_request_submit(
        organization=org, topic="academic", details="RAHASIA-ANONIM", check_answers=[1, 1, 0, 0]
    )
    support.request_reply(help_request=quiet, body="BALASAN", by=users["counselor"], from_requester=False)
    for request in (blocked, quiet):
        support.request_close(help_request=request, by=users["counselor"])
    HelpRequest.objects.update(closed_at=months_ago(7))
    alert = Alert.objects.get(source_ref=f"support.helprequest:{blocked.pk}")
    assert alert.person_id is None

    counts = retention.retention_apply(organization=org)
    assert counts["anonymous_requests"] == 1  # the one whose alert is still open waits
    quiet.refresh_from_db()
    assert (quiet.details, quiet.check_answers, quiet.check_total, quiet.request_code) == (
        "",
        [],
        None,
        None,
    )
    assert quiet.topic == "academic" and quiet.pin_hash == ""
    assert RequestMessage.objects.get(help_request=quiet).body == ""
    assert not HelpRequest.objects.filter(request_code=code).exists()
    blocked.refresh_from_db()
    assert blocked.details == "aku ingin mati saja"

    alert_record_action(alert=alert, by=users["counselor"], kind="closed")
    assert retention.retention_apply(organization=org)["anonymous_requests"] == 1
    blocked.refresh_from_db()
    assert blocked.details == "" and blocked.safety_answer is None


def test_a_named_persons_closed_request_is_erased_after_its_months(org, users, student):
    request = support.help_request_submit(
        organization=org,
        person=student.person,
        topic="friends",
        details="KATA-KATA",
        check_answers=[1, 0, 1, 0],
    )[0]
    open_request = support.help_request_submit(
        organization=org, person=users["member"].person, topic="friends", details="MASIH-TERBUKA"
    )[0]
    support.request_close(help_request=request, by=users["counselor"])
    HelpRequest.objects.update(closed_at=months_ago(13))
    HelpRequest.objects.filter(pk=open_request.pk).update(closed_at=None)
    assert retention.retention_apply(organization=org)["help_requests"] == 1
    request.refresh_from_db()
    open_request.refresh_from_db()
    assert request.details == "" and request.check_band == "" and request.person_id == student.person_id
    assert open_request.details == "MASIH-TERBUKA"


# --- Screening results ----------------------------------------------------------------------------------


def check_in(org, person, answers, **options):
    return administration_record(
        organization=org, person=person, instrument=get_instrument("phq9"), answers=answers, **options
    )


def test_screening_results_are_deleted_after_their_years_except_those_still_needed(org, users, student):
    old = check_in(org, student.person, [0] * 9)
    recent = check_in(org, student.person, [0] * 9)
    severe = check_in(org, users["member"].person, [3, 3, 3, 3, 3, 3, 3, 0, 0])  # waits for outreach
    case = counseling.case_open(
        organization=org,
        person=users["peer_supporter"].person,
        by=users["counselor"],
        summary="x",
        domain="pribadi",
    )
    measure = counseling.case_measure_record(
        case=case, instrument=get_instrument("phq9"), answers=[1] * 9, moment="intake", by=users["counselor"]
    )
    counseling.case_close(case=case, by=users["counselor"], summary="x", outcome="resolved")
    assert severe.needs_outreach
    Administration.objects.exclude(pk=recent.pk).update(created_at=months_ago(37))

    counts = retention.retention_apply(organization=org)
    assert counts["screening"] == 1
    assert not Administration.objects.filter(pk=old.pk).exists()
    assert set(Administration.objects.values_list("pk", flat=True)) == {
        recent.pk,
        severe.pk,
        measure.administration_id,
    }
    (event,) = retention_events(org)
    assert event.detail == {"retention": "screening", "count": 1, "how": "deleted"}
    # 0 keeps them all.
    PrivacySettings.objects.filter(organization=org).update(screening_years=0)
    reached = severe
    Administration.objects.filter(pk=reached.pk).update(reached_out_at=NOW())
    assert "screening" not in retention.retention_apply(organization=org)
    assert Administration.objects.filter(pk=severe.pk).exists()


# --- Cases ----------------------------------------------------------------------------------------------


def test_a_case_closed_five_years_ago_keeps_its_line_in_the_case_book_and_nothing_written(
    org, users, student, settings
):
    counselor = users["counselor"]
    case = counseling.case_open(
        organization=org, person=student.person, by=counselor, summary="RINGKASAN", domain="sosial"
    )
    counseling.session_record(
        case=case, by=counselor, date=timezone.localdate(), discussed="DIBAHAS", confidential_note="RAHASIA"
    )
    counseling.visit_save(
        case=case, by=counselor, planned_on=timezone.localdate(), purpose="TUJUAN", visitors="Bu Sri"
    )
    counseling.conference_save(
        case=case,
        by=counselor,
        date=timezone.localdate(),
        agenda="AGENDA",
        participants=[
            {"name": "Ibu Murid", "role": "parent", "attended": True},
            {"name": "Siti Student", "role": "student", "attended": True, "person": student.person},
        ],
        actions=[{"what": "TELEPON", "who": "Bu Sri", "due_on": timezone.localdate()}],
    )
    partner = counseling.partner_save(organization=org, by=counselor, name="Mitra", kind="psychologist")
    counseling.referral_create(
        case=case,
        partner=partner,
        by=counselor,
        reason="ALASAN",
        shared=[],
        consent="guardian",
        consent_relationship="parent",
        consent_by_name="Ibu Murid",
        consent_method="signed_form",
    )
    counseling.case_measure_record(
        case=case, instrument=get_instrument("phq9"), answers=[0] * 9, moment="intake", by=counselor
    )
    counseling.case_close(case=case, by=counselor, summary="PENUTUPAN", outcome="resolved")
    Case.objects.filter(pk=case.pk).update(closed_at=months_ago(59))
    assert retention.retention_apply(organization=org).get("cases") == 0  # not five years yet
    Case.objects.filter(pk=case.pk).update(closed_at=months_ago(61))

    counts = retention.retention_apply(organization=org)
    assert counts["cases"] == 1
    case.refresh_from_db()
    assert (case.number, case.domain, case.status, case.person_id) == (
        1,
        "sosial",
        "selesai",
        student.person_id,
    )
    assert case.summary == case.closing_summary == case.plan_goals == ""
    session = CounselingSession.objects.get(case=case)
    assert session.discussed == "" and session.confidential_note == "" and session.service_type
    assert HomeVisit.objects.get(case=case).purpose == ""
    conference = CaseConference.objects.get(case=case)
    assert conference.agenda == ""
    assert [(p.name, p.person_id) for p in conference.participants.all()] == [("", None), ("", None)]
    referral = Referral.objects.get(case=case)
    assert referral.reason == "" and referral.consent_by_name == ""
    assert not case.measures.exists() and not Administration.objects.exists()
    # Nothing written survives anywhere in the case's records, and the event holds only counts.
    for model in (Case, CounselingSession, HomeVisit, CaseConference, Referral):
        for row in model.objects.values():
            for word in ("RINGKASAN", "DIBAHAS", "TUJUAN", "AGENDA", "ALASAN", "PENUTUPAN", "Ibu Murid"):
                assert word not in str(row)
    assert retention_events(org).get(detail__retention="cases").detail["count"] == 1
    # The consent record is kept (withdrawal, not deletion, ends a consent).
    assert referral.consent_record is not None


def test_cases_are_kept_when_the_school_keeps_them(org, users, student):
    case = counseling.case_open(
        organization=org,
        person=student.person,
        by=users["counselor"],
        summary="ARSIP",
        domain="belajar",
    )
    counseling.case_close(case=case, by=users["counselor"], summary="x", outcome="resolved")
    Case.objects.filter(pk=case.pk).update(closed_at=months_ago(30 * 12))
    PrivacySettings.objects.update_or_create(organization=org, defaults={"cases_years": 0})
    assert "cases" not in retention.retention_apply(organization=org)
    case.refresh_from_db()
    assert case.summary == "ARSIP"


# --- The worker ------------------------------------------------------------------------------------------


def test_the_worker_looks_at_an_organization_at_most_once_an_hour(
    org, other_org, users, student, monkeypatch
):
    accompany(org, users, student.person, closed_months_ago=13)
    accompany(org, users, users["member"].person, closed_months_ago=13)
    monkeypatch.setattr(retention, "BATCH", 1)
    done = run_once(worker="test")
    assert done["retention"] == 1
    # A full batch: the organization is looked at again at once, and the rest is done.
    assert PrivacySettings.objects.get(organization=org).retention_checked_at is None
    assert run_once(worker="test")["retention"] == 1
    assert not Message.objects.exclude(body="").exists()
    # That batch was full too, so the next round looks once more and finds nothing left.
    assert run_once(worker="test")["retention"] == 0
    assert (
        PrivacySettings.objects.filter(retention_checked_at__isnull=False).count() == 2
    )  # both organizations
    assert retention_events(org).count() == 2  # one per run that did something
    # Within the hour nobody looks again; after it, the organization is looked at (nothing left).
    claimed_before = PrivacySettings.objects.get(organization=org).retention_checked_at
    assert retention.retention_run() == 0
    assert PrivacySettings.objects.get(organization=org).retention_checked_at == claimed_before
    later = NOW() + datetime.timedelta(hours=2)
    assert retention.retention_run(now=later) == 0
    assert PrivacySettings.objects.get(organization=org).retention_checked_at > claimed_before


def test_retention_writes_its_events_to_the_organization_only(org, other_org, users, student):
    accompany(org, users, student.person, closed_months_ago=13)
    retention.retention_apply(organization=other_org)
    assert not retention_events(other_org).exists() and not retention_events(org).exists()
    retention.retention_apply(organization=org)
    assert retention_events(org).count() == 1
