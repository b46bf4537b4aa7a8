"""Counselors' judgement of the risk detector (issue 12, part 5), and the outreach list of words
only the model read as concern (part 1)."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from conftest import in_english, make_person
from sebaya.audit.models import AuditAction, AuditEvent
from sebaya.people.models import Role
from sebaya.safety import feedback, sources, text_flags
from sebaya.safety.models import Alert, RiskFeedback, TextFlag
from sebaya.safety.risk import assess
from sebaya.safety.risk.scrub import name_words, scrub
from sebaya.support import services as support
from sebaya.support.models import SupporterProfile


@pytest.fixture
def relationship(org, users):
    membership = users["peer_supporter"].person.memberships.get(organization=org)
    SupporterProfile.objects.create(organization=org, membership=membership, certified=True)
    request = support.help_request_submit(organization=org, person=users["member"].person, topic="family")[0]
    return support.relationship_start(
        help_request=request, supporter_id=membership.supporter_profile.pk, by=users["counselor"]
    )


def mark(client, org, **data):
    return client.post(reverse("risk_feedback", kwargs={"org": org.slug}), data)


def test_not_a_risk_on_a_flagged_message_is_kept_audited_and_counted(client_as, org, users, relationship):
    message = support.message_send(
        relationship=relationship, body="gw pengen mati aja deh", from_supporter=False
    )
    assert message.risk_level == "crisis"
    ref = sources.ref(message)
    detail = reverse("relationship_detail", kwargs={"org": org.slug, "relationship": relationship.pk})
    page = in_english(client_as("counselor")).get(detail)
    thread = (
        client_as("counselor")
        .get(reverse("relationship_thread", kwargs={"org": org.slug, "relationship": relationship.pk}))
        .content.decode()
    )
    assert page.status_code == 200 and f'value="{ref}"' in thread
    response = mark(
        client_as("counselor"), org, source_ref=ref, kind="false_alarm", level="none", next=detail
    )
    assert response.status_code == 302 and response["Location"] == detail
    found = RiskFeedback.objects.get()
    assert (found.kind, found.level, found.detected, found.by) == (
        "false_alarm",
        "none",
        "crisis",
        users["counselor"],
    )
    assert AuditEvent.objects.filter(
        action=AuditAction.RECORD_CHANGED, detail__risk_feedback="false_alarm"
    ).exists()
    month = feedback.monthly_counts(org)[0]
    assert (month["false_alarms"], month["missed_crisis"]) == (1, 0)
    # Marking again changes the counselor's mark; it does not add a second one.
    mark(client_as("counselor"), org, source_ref=ref, kind="false_alarm", level="concern")
    assert RiskFeedback.objects.get().level == "concern"


QUIET = "dia cuma senyum terus bilang semuanya bakal beres minggu depan"


def test_a_missed_risk_must_be_higher_than_what_was_detected(client_as, org, users, relationship):
    session = support.peer_session_log(
        relationship=relationship,
        by=users["peer_supporter"],
        date=timezone.localdate(),
        mode="chat",
        duration_minutes=20,
        mood_before=3,
        mood_after=3,
        note=QUIET,
    )
    assert assess(QUIET).level == "none"  # neither layer reads it: a counselor may
    ref = sources.ref(session)
    client = client_as("counselor")
    assert mark(client, org, source_ref=ref, kind="missed", level="none").status_code == 302
    assert not RiskFeedback.objects.exists()  # "none" is not higher than what was found
    mark(client, org, source_ref=ref, kind="missed", level="crisis")
    found = RiskFeedback.objects.get()
    assert (found.kind, found.level) == ("missed", "crisis")
    assert feedback.monthly_counts(org)[0]["missed_crisis"] == 1


def test_a_private_message_or_another_organizations_words_cannot_be_marked(
    client_as, org, users, relationship, other_org
):
    private = support.message_send(relationship=relationship, body="makasih ya kak", from_supporter=False)
    assert private.risk_level == ""
    client = client_as("counselor")
    # A supervisor never reads an unflagged message; a forged mark would pull it into an export.
    assert (
        mark(client, org, source_ref=sources.ref(private), kind="missed", level="crisis").status_code == 404
    )
    other_membership, _u = make_person(other_org, "O-9")
    other_request = support.help_request_submit(
        organization=other_org, person=other_membership.person, topic="family", details="pengen mati"
    )[0]
    assert (
        mark(client, org, source_ref=sources.ref(other_request), kind="false_alarm", level="none").status_code
        == 404
    )
    assert mark(client, org, source_ref="nothing:at-all", kind="false_alarm", level="none").status_code == 404
    assert (
        mark(client_as("coordinator"), org, source_ref=sources.ref(private), kind="missed").status_code == 403
    )
    assert not RiskFeedback.objects.exists()


def test_the_alert_page_offers_the_mark_to_counselors_for_words_only(client_as, org, users, student):
    request = support.help_request_submit(
        organization=org, person=student.person, topic="family", details="aku pengen mati"
    )[0]
    alert = Alert.objects.get(source_ref=sources.ref(request))
    url = reverse("alert_detail", kwargs={"org": org.slug, "alert": alert.pk})
    assert 'name="kind" value="false_alarm"' in client_as("counselor").get(url).content.decode()
    assert 'value="false_alarm"' not in client_as("coordinator").get(url).content.decode()
    response = mark(
        client_as("counselor"),
        org,
        source_ref=alert.source_ref,
        alert=str(alert.pk),
        kind="false_alarm",
        level="concern",
    )
    assert response.status_code == 302
    assert RiskFeedback.objects.get().alert == alert


def test_a_months_marks_are_counted_in_their_month(org, users, student):
    request = support.help_request_submit(
        organization=org, person=student.person, topic="family", details="aku pengen mati"
    )[0]
    feedback.feedback_mark(
        organization=org,
        kind="false_alarm",
        level="none",
        source_ref=sources.ref(request),
        by=users["counselor"],
    )
    RiskFeedback.objects.update(at=timezone.now() - datetime.timedelta(days=40))
    table = feedback.monthly_counts(org)
    assert (
        len(table) == 6 and table[0]["false_alarms"] == 0 and sum(row["false_alarms"] for row in table) == 1
    )


def test_the_export_removes_names_numbers_and_contacts_and_keeps_the_higher_judgement(org, users, student):
    student.person.full_name = "Rina Kartika"
    student.person.save()
    words = "kak Budi, ini Rina dr Bandung, aku udah nelen 20 butir, wa aku 0812-3456-7890 ya"
    request = support.help_request_submit(
        organization=org, person=student.person, topic="family", details=words
    )[0]
    ref = sources.ref(request)
    _m, other_counselor = make_person(org, "C-3", roles=[Role.COUNSELOR], username="c3")
    detected = feedback.detected_level(ref)
    if detected != "crisis":
        feedback.feedback_mark(
            organization=org, kind="missed", level="crisis", source_ref=ref, by=users["counselor"]
        )
    if detected == "none":
        feedback.feedback_mark(
            organization=org, kind="missed", level="concern", source_ref=ref, by=other_counselor
        )
    else:
        feedback.feedback_mark(
            organization=org, kind="false_alarm", level="none", source_ref=ref, by=other_counselor
        )
    lines = feedback.export_lines(organization=org)
    assert len(lines) == 1
    line = lines[0][1]
    level, family, text = line.split("\t")
    assert family == "-" and level == ("crisis" if detected != "crisis" else "none")
    for private in ("Rina", "Budi", "Bandung", "0812", "20"):
        assert private not in text, (private, text)
    assert "nelen N butir" in text and "[kontak]" in text
    feedback.export_mark_done([mark for mark, _line in lines])
    assert feedback.export_lines(organization=org) == []


def test_scrub_keeps_the_way_of_saying_it():
    text = "Gw Andi dr SMPN 4 Sleman, ig @andi.aja, rumah di Jl. Kenanga 12, pengen ilang aja"
    clean = scrub(text, names=name_words("Andi Saputra"))
    assert "pengen ilang aja" in clean
    for private in ("Andi", "4", "Sleman", "@andi", "Kenanga", "12"):
        assert private not in clean


def test_words_the_model_alone_flags_wait_once_per_person_and_day(org, student):
    first = text_flags.text_flag_raise(
        organization=org, person=student.person, source_ref="support.message:1", score=0.6
    )
    again = text_flags.text_flag_raise(
        organization=org, person=student.person, source_ref="support.message:2", score=0.9
    )
    assert first == again and TextFlag.objects.count() == 1
    anonymous = [
        text_flags.text_flag_raise(organization=org, person=None, source_ref=ref, score=0.6)
        for ref in ("support.helprequest:a", "support.helprequest:a", "support.helprequest:b")
    ]
    assert anonymous[0] == anonymous[1] != anonymous[2] and TextFlag.objects.count() == 3
    assert not Alert.objects.exists()


def test_the_outreach_list_shows_the_words_to_look_at_and_records_it(client_as, org, users, student):
    flag = text_flags.text_flag_raise(
        organization=org, person=student.person, source_ref="support.message:1", score=0.6
    )
    url = reverse("outreach_queue", kwargs={"org": org.slug})
    page = in_english(client_as("counselor")).get(url).content.decode()
    assert "Words that may need a look" in page and student.person.full_name in page
    done = reverse("text_flag_done", kwargs={"org": org.slug, "flag": flag.pk})
    assert client_as("counselor").post(done, {"note": "Sudah ngobrol"}).status_code == 302
    flag.refresh_from_db()
    assert flag.reached_out_by == users["counselor"] and flag.outreach_note == "Sudah ngobrol"
    assert student.person.full_name not in client_as("counselor").get(url).content.decode()
    again = in_english(client_as("counselor")).post(done, {"note": ""}, follow=True)
    assert "already reached out" in again.content.decode()
