"""The tier-1 path through the pages: asking, triage, matching, accompaniment, stepping up."""

import pytest
from django.core.cache import cache
from django.urls import reverse

from conftest import in_english, make_person
from sebaya.audit.models import AuditAction, AuditEvent
from sebaya.people.models import Role
from sebaya.safety.models import Alert
from sebaya.support import services
from sebaya.support.models import (
    HelpRequest,
    Message,
    PeerSession,
    SupporterProfile,
    SupportRelationship,
    Transition,
    TriageDecision,
)


@pytest.fixture(autouse=True)
def _clean_rate_limits():
    cache.clear()
    yield
    cache.clear()


def form_data(**changes):
    data = {
        "topic": "academic",
        "details": "Aku stres mau ujian.",
        "check_q1": "1",
        "check_q2": "0",
        "check_q3": "1",
        "check_q4": "0",
        "safety": "no",
        "helper": "either",
        "helper_gender": "any",
        "mode": "either",
    }
    return {key: value for key, value in (data | changes).items() if value is not None}


@pytest.fixture
def supporter(org, users):
    membership = users["peer_supporter"].person.memberships.get(organization=org)
    membership.class_name, membership.grade = "XI-1", "11"
    membership.save()
    return services.supporter_profile_save(
        membership=membership, by=users["coordinator"], certified=True, capacity=2, topics=["academic"]
    )


def ask_anonymously(client, org, **changes):
    return client.post(
        reverse("ask_public", kwargs={"org": org.slug}), form_data(**changes), REMOTE_ADDR="10.0.0.7"
    )


def test_an_anonymous_request_gets_a_code_and_pin_and_enters_triage(client, org, users):
    response = ask_anonymously(client, org)
    assert response.status_code == 200
    help_request = HelpRequest.objects.get()
    code, pin = response.context["code"], response.context["pin"]
    assert help_request.person is None and help_request.request_code == code and len(pin) == 6
    assert pin not in help_request.pin_hash  # only a hash is kept
    assert (help_request.tier, help_request.status) == ("peer", "new")
    assert TriageDecision.objects.get().rule_reasons == ["everyday"]
    assert not Alert.objects.exists()
    queue = in_english(make_client_for(users["counselor"])).get(
        reverse("triage_queue", kwargs={"org": org.slug})
    )
    assert list(queue.context["page"]) == [help_request] and "Anonymous" in queue.content.decode()

    # Another browser comes back with the code and PIN; a wrong PIN gets the same answer as a wrong code.
    other = make_client_for(None)
    follow = reverse("ask_return", kwargs={"org": org.slug})
    wrong = other.post(follow, {"code": code, "pin": "000000" if pin != "000000" else "111111"})
    assert wrong.status_code == 400
    status = reverse("ask_status", kwargs={"org": org.slug, "code": code})
    assert other.get(status)["Location"] == follow
    right = other.post(follow, {"code": code.lower().replace("-", ""), "pin": pin})
    assert right["Location"] == status
    other.post(status, {"body": "Masih nunggu ya"})
    assert help_request.messages.get().from_requester
    withdraw = reverse("ask_withdraw", kwargs={"org": org.slug, "code": code})
    asked = other.post(withdraw)
    help_request.refresh_from_db()
    assert b'id="confirm-yes"' in asked.content and help_request.status != "withdrawn"  # asked first
    other.post(withdraw, {"confirm": "yes"})
    help_request.refresh_from_db()
    assert help_request.status == "withdrawn"


def make_client_for(user):
    from django.test import Client

    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def test_a_safety_answer_raises_one_crisis_alert_and_shows_the_lines_at_once(client, org):
    response = ask_anonymously(client, org, safety="yes", details="udh gakuat pgn mati aja")
    assert response.status_code == 200 and 'id="request-crisis"' in response.content.decode()
    assert 'href="tel:119"' in response.content.decode()
    help_request = HelpRequest.objects.get()
    alert = Alert.objects.get()
    assert (help_request.tier, help_request.urgency) == ("urgent", "urgent")
    assert alert.level == "crisis" and alert.source == "triage" and alert.person is None
    assert alert.source_ref == f"support.helprequest:{help_request.pk}"
    assert "help_request:safety_yes" in alert.signals
    assert "pgn mati" not in " ".join(alert.signals)  # signal names, never the words


def test_the_anonymous_form_cannot_be_flooded(client, org):
    for _ in range(5):
        assert ask_anonymously(client, org).status_code == 200
    blocked = ask_anonymously(client, org)
    assert blocked.status_code == 429 and HelpRequest.objects.count() == 5


def test_a_partly_filled_or_tampered_request_writes_nothing(client_as, org):
    client = client_as("member")
    url = reverse("help_new", kwargs={"org": org.slug})
    for bad in (
        {"safety": None},
        {"check_q2": None},
        {"check_q1": "9"},
        {"topic": "hacking"},
        {"details": "x" * 2001},
    ):
        response = client.post(url, form_data(**bad))
        assert response.status_code == 400, bad
    assert not HelpRequest.objects.exists() and not Alert.objects.exists()


def test_a_signed_in_request_with_risky_words_raises_an_alert_and_shows_crisis_lines(client_as, org, users):
    client = client_as("member")
    response = client.post(
        reverse("help_new", kwargs={"org": org.slug}), form_data(details="gw pengen bundir")
    )
    help_request = HelpRequest.objects.get()
    assert help_request.person == users["member"].person and help_request.request_code is None
    assert Alert.objects.get().source == "text"
    page = client.get(response["Location"]).content.decode()
    assert 'id="request-crisis"' in page


def test_a_counselor_overrides_triage_only_with_a_reason(client_as, org, users):
    help_request, _c, _p = services.help_request_submit(
        organization=org, person=users["member"].person, topic="academic"
    )
    url = reverse("help_request_triage", kwargs={"org": org.slug, "help_request": help_request.pk})
    client = client_as("counselor")
    client.post(url, {"tier": "counselor", "urgency": "soon", "reason": ""})
    help_request.refresh_from_db()
    assert help_request.tier == "peer" and help_request.decisions.count() == 1  # refused, nothing written
    client.post(url, {"tier": "counselor", "urgency": "soon", "reason": "Wali kelas melihat ia menangis."})
    help_request.refresh_from_db()
    decision = help_request.decisions.last()
    assert (
        help_request.tier == "counselor"
        and decision.is_override
        and decision.decided_by == users["counselor"]
    )
    client.post(url, {"tier": "counselor", "urgency": "soon", "reason": ""})  # a confirmation needs no reason
    assert not help_request.decisions.last().is_override


def test_matching_proposes_only_who_fits_and_a_full_supporter_cannot_be_chosen(
    client_as, org, users, supporter
):
    member = users["member"].person
    help_request, _c, _p = services.help_request_submit(
        organization=org, person=member, topic="academic", details="Nilai matematikaku turun terus."
    )
    _m, _u = make_person(org, "PS-2", roles=[Role.PEER_SUPPORTER], username="uncertified")
    match_url = reverse("help_request_match", kwargs={"org": org.slug, "help_request": help_request.pk})
    page = client_as("coordinator").get(match_url)
    proposals = page.context["proposals"]
    assert [profile for _p, profile, _r in proposals] == [supporter]  # the uncertified one is left out
    assert "Nilai matematikaku" not in page.content.decode()  # a coordinator never sees the words
    response = client_as("coordinator").post(match_url, {"supporter": str(supporter.pk)})
    assert response.status_code == 302
    relationship = SupportRelationship.objects.get()
    assert (
        relationship.person == member and relationship.supporter == supporter and relationship.match_reasons
    )
    help_request.refresh_from_db()
    assert help_request.status == "with_peer"
    # Fill the supporter up (capacity 2): a third request cannot be matched with them.
    second, _c, _p = services.help_request_submit(organization=org, person=None, topic="academic")
    services.relationship_start(help_request=second, supporter_id=supporter.pk, by=users["counselor"])
    third, _c, _p = services.help_request_submit(organization=org, person=None, topic="academic")
    with pytest.raises(services.NotAllowedNow):
        services.relationship_start(help_request=third, supporter_id=supporter.pk, by=users["counselor"])
    assert SupportRelationship.objects.count() == 2


def test_auto_assign_matches_a_peer_request_at_once(org, users, supporter):
    org.auto_assign_peers = True
    org.save()
    help_request, _c, _p = services.help_request_submit(
        organization=org, person=users["member"].person, topic="academic"
    )
    assert help_request.status == "with_peer" and help_request.relationships.get().supporter == supporter
    urgent, _c, _p = services.help_request_submit(
        organization=org, person=users["member"].person, topic="academic", safety_answer=True
    )
    assert urgent.status == "new" and not urgent.relationships.exists()  # never for a counselor's request


@pytest.fixture
def relationship(org, users, supporter):
    help_request, _c, _p = services.help_request_submit(
        organization=org, person=users["member"].person, topic="academic"
    )
    return services.relationship_start(
        help_request=help_request, supporter_id=supporter.pk, by=users["counselor"]
    )


def test_sessions_are_logged_and_a_concern_flag_raises_one_alert(client_as, org, relationship):
    url = reverse("session_log", kwargs={"org": org.slug, "relationship": relationship.pk})
    data = {
        "date": "2026-12-01",
        "mode": "in_person",
        "duration_minutes": "30",
        "mood_before": "2",
        "mood_after": "4",
    }
    client = client_as("peer_supporter")
    client.post(url, data | {"note": "Ngobrol soal ujian."})
    assert PeerSession.objects.count() == 1 and not Alert.objects.exists()
    relationship.help_request.refresh_from_db()
    assert relationship.help_request.first_contact_at is not None  # the response clock stopped
    client.post(url, data | {"note": "Dia bilang capek hidup.", "concern": "on"})
    alert = Alert.objects.get()  # the words and the flag: one alert, at the higher level
    assert alert.level == "crisis" and alert.person == relationship.person
    client.post(url, data | {"note": "", "concern": "on"})
    assert Alert.objects.filter(source="concern_flag", level="concern").count() == 1
    bad = client.post(url, data | {"mood_before": "9"})
    assert bad.status_code == 302 and PeerSession.objects.count() == 3  # refused, nothing written


def test_messages_are_scanned_and_a_supervisor_reads_only_reported_or_flagged_ones(
    client_as, org, users, relationship
):
    thread = reverse("relationship_thread", kwargs={"org": org.slug, "relationship": relationship.pk})
    client_as("member").post(thread, {"body": "Makasih ya, nomorku 0812-3456-7890"})
    client_as("member").post(thread, {"body": "kadang aku pengen mati aja"})
    client_as("peer_supporter").post(thread, {"body": "Aku dengerin kok."})
    risky = Message.objects.get(risk_level="crisis")
    assert Alert.objects.get().source_ref == f"support.message:{risky.pk}"
    shown = client_as("peer_supporter").get(thread).content.decode()
    assert "0812" not in shown and "Aku dengerin kok." in shown  # contact details hidden
    supervisor_view = client_as("counselor").get(thread).content.decode()
    assert "pengen mati" in supervisor_view and "Makasih" not in supervisor_view
    polite = Message.objects.get(body__startswith="Makasih")
    report = reverse(
        "message_report", kwargs={"org": org.slug, "relationship": relationship.pk, "message": polite.pk}
    )
    client_as("peer_supporter").post(report)
    assert "Makasih" in client_as("counselor").get(thread).content.decode()
    # Someone outside the relationship sees nothing of it.
    assert client_as("coordinator").get(thread).status_code == 403


def test_step_up_puts_a_request_in_the_triage_queue_with_the_hand_over(client_as, org, users, relationship):
    url = reverse("relationship_step_up", kwargs={"org": org.slug, "relationship": relationship.pk})
    client_as("peer_supporter").post(url, {"note": "Dia cerita soal masalah di rumah yang berat."})
    relationship.refresh_from_db()
    assert relationship.status == "stepped_up"
    stepped = HelpRequest.objects.get(source="step_up")
    assert stepped.stepped_up_from == relationship and stepped.tier == "counselor"
    assert Transition.objects.get(kind="step_up").help_request == stepped
    queue = client_as("counselor").get(reverse("triage_queue", kwargs={"org": org.slug}))
    assert stepped in list(queue.context["page"])
    # A counselor steps it down again, with a note; it goes back to matching.
    client_as("counselor").post(
        reverse("help_request_take", kwargs={"org": org.slug, "help_request": stepped.pk})
    )
    down = reverse("help_request_step_down", kwargs={"org": org.slug, "help_request": stepped.pk})
    client_as("counselor").post(down, {"note": "Sudah lebih tenang; lanjut dengan teman sebaya."})
    stepped.refresh_from_db()
    assert (stepped.tier, stepped.status) == ("peer", "new")
    assert Transition.objects.filter(kind="step_down", help_request=stepped).exists()


def test_closing_asks_the_person_for_feedback_once(client_as, org, relationship):
    close = reverse("relationship_close", kwargs={"org": org.slug, "relationship": relationship.pk})
    client_as("peer_supporter").post(close, {"closing_note": "Ujian sudah lewat, dia merasa lebih baik."})
    relationship.refresh_from_db()
    assert relationship.status == "closed" and relationship.help_request.status == "closed"
    detail = client_as("member").get(
        reverse("relationship_detail", kwargs={"org": org.slug, "relationship": relationship.pk})
    )
    assert 'id="feedback-form"' in detail.content.decode()
    assert "Ujian sudah lewat" not in detail.content.decode()  # the closing note is the supporter's
    feedback = reverse("relationship_feedback", kwargs={"org": org.slug, "relationship": relationship.pk})
    client_as("member").post(feedback, {"rating": "5", "comment": "Makasih banyak"})
    client_as("member").post(feedback, {"rating": "1", "comment": ""})
    relationship.refresh_from_db()
    assert relationship.feedback_rating == 5


def test_a_peer_supporter_sees_only_their_own_people_and_never_counselor_notes(
    client_as, org, users, relationship
):
    services.supervision_note_add(
        supporter=relationship.supporter,
        by=users["counselor"],
        body="Perlu latihan refleksi.",
        relationship=relationship,
    )
    other, _u = make_person(org, "PS-9", roles=[Role.PEER_SUPPORTER], username="ps9")
    detail = reverse("relationship_detail", kwargs={"org": org.slug, "relationship": relationship.pk})
    page = client_as("peer_supporter").get(detail).content.decode()
    assert "Perlu latihan refleksi" not in page
    stranger = make_client_for(_u)
    assert stranger.get(detail).status_code == 403
    assert "Perlu latihan refleksi" in client_as("counselor").get(detail).content.decode()
    # Stored encrypted like every other note about a person (security probe, issue 11).
    from sebaya.support.models import SupervisionNote

    assert "refleksi" not in SupervisionNote.objects.values_list("body", flat=True).get()
    listing = client_as("peer_supporter").get(reverse("relationship_list", kwargs={"org": org.slug}))
    assert list(listing.context["mine"]) == [relationship]


def test_an_anonymous_person_stays_anonymous_to_their_peer(client, org, users, supporter):
    response = ask_anonymously(client, org)
    help_request = HelpRequest.objects.get()
    relationship = services.relationship_start(
        help_request=help_request, supporter_id=supporter.pk, by=users["counselor"]
    )
    page = make_client_for(users["peer_supporter"]).get(
        reverse("relationship_detail", kwargs={"org": org.slug, "relationship": relationship.pk})
    )
    assert relationship.person is None and "Anonim" in page.content.decode()
    # The person writes to their peer with their code (same browser as the request).
    thread = reverse("ask_thread", kwargs={"org": org.slug, "code": response.context["code"]})
    client.post(thread, {"body": "Halo kak"})
    message = Message.objects.get()
    assert not message.from_supporter and message.sender is None


def test_staff_reads_of_a_request_are_audited(client_as, org, users):
    help_request, _c, _p = services.help_request_submit(
        organization=org, person=users["member"].person, topic="family"
    )
    client_as("counselor").get(
        reverse("help_request_detail", kwargs={"org": org.slug, "help_request": help_request.pk})
    )
    assert AuditEvent.objects.filter(
        action=AuditAction.RECORD_VIEWED, target_id=str(help_request.pk)
    ).exists()


def test_the_short_check_result_is_shown_in_the_readers_language(client_as, org, users):
    # The request keeps the band's code ("mild"); the counselor's page and the alert page name it.
    help_request, _c, _p = services.help_request_submit(
        organization=org,
        person=users["member"].person,
        topic="academic",
        check_answers=[1, 1, 1, 1],
        safety_answer=True,
    )
    assert (help_request.check_total, help_request.check_band) == (4, "mild")
    url = reverse("help_request_detail", kwargs={"org": org.slug, "help_request": help_request.pk})
    page = client_as("counselor").get(url).content.decode()
    assert '<dd id="request-check">4 · Ringan</dd>' in page and "mild" not in page
    english = in_english(client_as("counselor")).get(url).content.decode()
    assert '<dd id="request-check">4 · Mild</dd>' in english
    alert = Alert.objects.get(source_ref=f"support.helprequest:{help_request.pk}")
    alert_page = client_as("counselor").get(
        reverse("alert_detail", kwargs={"org": org.slug, "alert": alert.pk})
    )
    assert "4 · Ringan" in alert_page.content.decode() and "mild" not in alert_page.content.decode()


def test_the_roster_keeps_capacity_and_supervisor_but_not_certification(client_as, org, users):
    url = reverse("supporter_edit", kwargs={"org": org.slug, "person": users["peer_supporter"].person_id})
    response = client_as("coordinator").post(
        url,
        {
            "certified": "on",  # not a field here any more: the training program certifies
            "status": "active",
            "capacity": "3",
            "buddy_capacity": "4",
            "supervisor": users["counselor"].pk,
            "topics": ["grief"],
        },
    )
    assert response.status_code == 302
    profile = SupporterProfile.objects.get()
    assert not profile.certified and profile.supervisor == users["counselor"] and profile.capacity == 3
    bad = client_as("coordinator").post(url, {"status": "active", "capacity": "0"})
    assert bad.status_code == 400
    profile.refresh_from_db()
    assert profile.capacity == 3


def test_a_declared_conflict_keeps_a_supporter_out_of_the_proposals(client_as, org, users, supporter):
    member = users["member"].person
    kwargs = {"org": org.slug, "person": users["peer_supporter"].person_id}
    add, remove = (
        reverse("supporter_conflict_add", kwargs=kwargs),
        reverse("supporter_conflict_remove", kwargs=kwargs),
    )
    client_as("coordinator").post(add, {"person": "member person"})  # picked from the list by name
    assert supporter.conflicts.get().person == member
    help_request, _c, _p = services.help_request_submit(organization=org, person=member, topic="academic")
    assert services.proposals_for(help_request) == []
    client_as("coordinator").post(add, {"person": "nobody"})
    assert supporter.conflicts.count() == 1
    client_as("coordinator").post(remove, {"person": str(member.pk)})
    assert supporter.conflicts.count() == 1  # asked first
    client_as("coordinator").post(remove, {"person": str(member.pk), "confirm": "yes"})
    assert [p.candidate.id for p in services.proposals_for(help_request)] == [supporter.pk]


def test_the_supporter_page_no_longer_declares_or_lifts_a_conflict(client_as, org, users, supporter):
    """Conflicts have their own addresses: on the supporter's page an action field is ignored (the
    profile form answers, refusing the incomplete form)."""
    member = users["member"].person
    url = reverse("supporter_edit", kwargs={"org": org.slug, "person": users["peer_supporter"].person_id})
    coordinator = client_as("coordinator")
    response = coordinator.post(url, {"action": "add_conflict", "person": "member person"})
    assert response.status_code == 400 and not supporter.conflicts.exists()
    services.supporter_conflict_set(
        membership=supporter.membership, person=member, by=users["coordinator"], present=True
    )
    response = coordinator.post(url, {"action": "remove_conflict", "person": str(member.pk)})
    assert response.status_code == 400 and supporter.conflicts.get().person == member


def test_a_step_up_whose_note_reads_as_crisis_is_urgent_and_linked_to_its_alert(
    client_as, org, users, relationship
):
    url = reverse("relationship_step_up", kwargs={"org": org.slug, "relationship": relationship.pk})
    client_as("peer_supporter").post(url, {"note": "Dia bilang pengen mati dan sudah siapkan caranya."})
    stepped = HelpRequest.objects.get(source="step_up")
    assert (stepped.tier, stepped.urgency) == ("urgent", "urgent")
    assert "note_crisis" in stepped.decisions.get().rule_reasons
    alert = Alert.objects.get(source_ref=f"support.helprequest:{stepped.pk}")
    assert alert.level == "crisis"
    queue = client_as("counselor").get(reverse("triage_queue", kwargs={"org": org.slug}))
    alert_url = reverse("alert_detail", kwargs={"org": org.slug, "alert": alert.pk})
    assert alert_url in queue.content.decode()


def test_a_plain_step_up_keeps_its_tier(client_as, org, relationship):
    url = reverse("relationship_step_up", kwargs={"org": org.slug, "relationship": relationship.pk})
    client_as("peer_supporter").post(url, {"note": "Dia ingin bicara dengan guru BK soal pilihan jurusan."})
    stepped = HelpRequest.objects.get(source="step_up")
    assert (stepped.tier, stepped.urgency) == ("counselor", "soon")
    assert not Alert.objects.exists()


def test_a_concern_flag_puts_the_person_in_triage_today_once(client_as, org, relationship):
    url = reverse("session_log", kwargs={"org": org.slug, "relationship": relationship.pk})
    data = {
        "date": "2026-12-01",
        "mode": "chat",
        "duration_minutes": "20",
        "mood_before": "2",
        "mood_after": "2",
    }
    client = client_as("peer_supporter")
    client.post(url, data | {"note": "Dia kelihatan lelah.", "concern": "on"})
    worry = HelpRequest.objects.get(source="concern")
    assert (worry.tier, worry.urgency, worry.status) == ("urgent", "urgent", "new")
    assert worry.stepped_up_from == relationship and worry.person == relationship.person
    client.post(url, data | {"note": "Masih sama.", "concern": "on"})
    assert HelpRequest.objects.filter(source="concern").count() == 1  # one entry waits in triage
    relationship.refresh_from_db()
    assert relationship.status == "active"  # the peer support goes on
    # A step-up after a flagged session carries the flag's urgency too.
    step_up = reverse("relationship_step_up", kwargs={"org": org.slug, "relationship": relationship.pk})
    client.post(step_up, {"note": "Perlu guru BK."})
    assert HelpRequest.objects.get(source="step_up").urgency == "urgent"


def test_an_anonymous_persons_second_worrying_reply_is_added_to_the_open_alert(org, users):
    help_request, _code, _pin = services.help_request_submit(
        organization=org, topic="family", details="Aku pengen mati aja rasanya."
    )
    alert = Alert.objects.get()
    services.request_reply(
        help_request=help_request, body="Aku mau bunuh diri malam ini.", from_requester=True
    )
    assert Alert.objects.get() == alert  # one alert, the signal added to it
    assert alert.actions.filter(kind="signal_added").count() == 1
