"""The warning while typing: the check answers the crisis lines for words that read as crisis,
nothing otherwise, and keeps nothing of what it read (no row, no audit event, no log line, no
cache entry, no session)."""

import logging
import pickle

import pytest
from django.apps import apps
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from conftest import in_english
from sebaya.audit.models import AuditEvent
from sebaya.safety.models import Alert
from sebaya.safety.risk import assess
from sebaya.support import services, typing_views
from sebaya.support.models import HelpRequest, TriageDecision
from sebaya.support.triage import TriageInput, triage

CRISIS = "aku udah nggak kuat, aku ingin bunuh diri malam ini"
CONCERN = "aku nggak kuat lagi"
ORDINARY = "Aku stres mau ujian minggu depan."
BOX = 'class="typing-warning-box"'


@pytest.fixture(autouse=True)
def _clean_rate_limits():
    cache.clear()
    yield
    cache.clear()


def test_the_phrases_read_as_their_level():
    """The tests below rest on the real detector reading these as they say."""
    assert [assess(text).level for text in (CRISIS, CONCERN, ORDINARY)] == ["crisis", "concern", "none"]


def signed_in_url(org):
    return reverse("typing_check", kwargs={"org": org.slug})


def public_url(org):
    return reverse("ask_typing_check", kwargs={"org": org.slug})


def check(client, url, address="10.0.0.7", **data):
    return client.post(url, data, REMOTE_ADDR=address)


# --- What it answers ------------------------------------------------------------------------------


def test_crisis_words_in_the_help_request_form_get_the_lines_and_send_now(client_as, org):
    response = check(client_as("member"), signed_in_url(org), details=CRISIS)
    page = response.content.decode()
    assert response.status_code == 200 and BOX in page
    assert 'href="tel:119"' in page and 'href="tel:112"' in page
    assert 'href="tel:0800-111"' in page and "Ruang BK" in page  # the organization's own contact
    assert 'name="now"' in page and 'id="send-now"' in page  # the form can go to a counselor at once
    assert 'name="warning_shown"' in page
    assert f"/bantuan/?org={org.slug}" in page
    assert "Layanan kesehatan jiwa (Healing 119): tekan ekstensi 8" in page  # Indonesian by default
    assert "no-store" in response["Cache-Control"]


def test_crisis_words_in_a_reply_or_message_say_a_counselor_is_told(client_as, org):
    response = check(in_english(client_as("member")), signed_in_url(org), body=CRISIS)
    page = response.content.decode()
    assert BOX in page and "You do not have to carry this alone" in page
    assert 'name="now"' not in page  # a reply is sent with its own button
    assert "a counselor is told too" in page


def test_the_public_check_answers_like_the_signed_in_one(client, org):
    response = check(in_english(client), public_url(org), details=CRISIS)
    page = response.content.decode()
    assert response.status_code == 200 and BOX in page and 'id="send-now"' in page
    assert "Ruang BK" in page and "no-store" in response["Cache-Control"]


@pytest.mark.parametrize("text", [CONCERN, ORDINARY, "", "   "])
@pytest.mark.parametrize("field", ["details", "body"])
def test_anything_short_of_crisis_answers_nothing(client, client_as, org, text, field):
    for response in (
        check(client, public_url(org), **{field: text}),
        check(client_as("member"), signed_in_url(org), **{field: text}),
    ):
        assert response.status_code == 200 and response.content == b""


def test_a_warning_already_shown_is_left_alone(client, org):
    """Sending it again would have screen readers read it out at every pause in typing."""
    response = check(client, public_url(org), details=CRISIS, warning_shown="1")
    assert response.status_code == 204 and response.content == b""


def test_only_the_first_2000_characters_are_read(client, org):
    response = check(client, public_url(org), body="a" * 2000 + " " + CRISIS)
    assert response.status_code == 200 and response.content == b""
    response = check(client, public_url(org), body="a" * 1900 + " " + CRISIS)
    assert BOX in response.content.decode()


def test_bad_input_is_refused_without_a_warning(client, org):
    response = check(client, public_url(org), body="ingin bunuh diri\x00")
    assert response.status_code == 400 and response.content == b""


# --- Nothing is kept ------------------------------------------------------------------------------


def row_counts() -> dict[str, int]:
    return {model._meta.label: model._default_manager.count() for model in apps.get_models()}


def cached_text() -> str:
    """Every key and value in the (local memory) cache, as text."""
    store = cache._cache  # LocMemCache: {key: pickled value}
    return " ".join(f"{key} {pickle.loads(value)!r}" for key, value in store.items())


def test_a_check_keeps_nothing(client, client_as, org, caplog):
    member = client_as("member")
    check(member, signed_in_url(org), body=ORDINARY)  # the session's own bookkeeping, done once
    caplog.set_level(logging.DEBUG)
    before = row_counts()
    events = AuditEvent.objects.count()
    responses = [
        check(client, public_url(org), details=CRISIS),
        check(client, public_url(org), body=CRISIS),
        check(member, signed_in_url(org), details=CRISIS),
        check(member, signed_in_url(org), body=CRISIS),
    ]
    assert all(BOX in r.content.decode() for r in responses)
    assert row_counts() == before
    assert AuditEvent.objects.count() == events and not Alert.objects.exists()
    assert "bunuh diri" not in caplog.text and "bunuh diri" not in cached_text()
    # Someone without an account gets no session either: nothing about them is kept anywhere.
    assert not any(r.cookies.get("sessionid") for r in responses[:2])


# --- Who may ask, and how -------------------------------------------------------------------------


def test_get_is_refused(client, client_as, org):
    assert client.get(public_url(org)).status_code == 405
    assert client_as("member").get(signed_in_url(org)).status_code == 405


def test_an_unknown_organization_is_not_found(client, db):
    response = check(client, reverse("ask_typing_check", kwargs={"org": "no-such-school"}), body=CRISIS)
    assert response.status_code == 404


def test_the_signed_in_check_is_for_members_of_the_organization(client, client_as, org, other_org):
    assert check(client, signed_in_url(org), body=CRISIS).status_code == 302  # to sign in
    assert check(client_as("outsider"), signed_in_url(org), body=CRISIS).status_code == 404


def test_csrf_applies(org, users):
    for url in (public_url(org), signed_in_url(org)):
        client = Client(enforce_csrf_checks=True)
        client.force_login(users["member"])
        assert check(client, url, body=CRISIS).status_code == 403


def test_checks_are_limited_per_address_then_answer_quietly(client, org, monkeypatch):
    monkeypatch.setattr(typing_views, "TYPING_CHECKS", 3)
    for _ in range(3):
        assert BOX in check(client, public_url(org), body=CRISIS).content.decode()
    over = check(client, public_url(org), body=CRISIS)
    assert over.status_code == 204 and over.content == b""
    assert BOX in check(client, public_url(org), address="10.0.0.8", body=CRISIS).content.decode()


def test_signed_in_checks_are_limited_per_person_not_per_address(client_as, org, monkeypatch):
    """A whole school often shares one address: one busy student does not silence the others."""
    monkeypatch.setattr(typing_views, "TYPING_CHECKS", 2)
    member, supporter = client_as("member"), client_as("peer_supporter")
    for _ in range(2):
        assert BOX in check(member, signed_in_url(org), body=CRISIS).content.decode()
    assert check(member, signed_in_url(org), body=CRISIS).status_code == 204
    assert BOX in check(supporter, signed_in_url(org), body=CRISIS).content.decode()


# --- Where the boxes are checked -----------------------------------------------------------------


def test_the_forms_ask_for_the_check_and_post_only_their_own_words(client, client_as, org):
    signed_in = client_as("member").get(reverse("help_new", kwargs={"org": org.slug})).content.decode()
    assert f'hx-post="{signed_in_url(org)}"' in signed_in
    assert 'hx-params="csrfmiddlewaretoken,details,warning_shown"' in signed_in
    assert 'aria-live="polite"' in signed_in
    public = client.get(reverse("ask_public", kwargs={"org": org.slug})).content.decode()
    assert f'hx-post="{public_url(org)}"' in public


def test_a_form_sent_back_with_crisis_words_checks_them_on_load(client_as, org):
    response = client_as("member").post(reverse("help_new", kwargs={"org": org.slug}), {"details": CRISIS})
    assert response.status_code == 400  # the other answers are missing
    assert 'hx-trigger="input changed delay:800ms, load"' in response.content.decode()


def test_replies_and_the_persons_messages_are_checked_but_not_the_supporters(client, client_as, org, users):
    supporter = users["peer_supporter"].person.memberships.get(organization=org)
    profile = services.supporter_profile_save(membership=supporter, by=users["coordinator"], certified=True)
    own = services.help_request_submit(organization=org, person=users["member"].person, topic="family")[0]
    relationship = services.relationship_start(help_request=own, supporter_id=profile.pk, by=None)
    url = signed_in_url(org)

    request_page = client_as("member").get(
        reverse("help_request_detail", kwargs={"org": org.slug, "help_request": own.pk})
    )
    assert request_page.content.decode().count(f'hx-post="{url}"') == 1
    detail = reverse("relationship_detail", kwargs={"org": org.slug, "relationship": relationship.pk})
    assert client_as("member").get(detail).content.decode().count(f'hx-post="{url}"') == 1
    assert f'hx-post="{url}"' not in client_as("peer_supporter").get(detail).content.decode()

    anonymous, code, pin = services.help_request_submit(organization=org, topic="family")
    services.relationship_start(help_request=anonymous, supporter_id=profile.pk, by=None)
    client.post(reverse("ask_return", kwargs={"org": org.slug}), {"code": code, "pin": pin})
    status = client.get(reverse("ask_status", kwargs={"org": org.slug, "code": code})).content.decode()
    assert status.count(f'hx-post="{public_url(org)}"') == 2  # the reply and the message to the supporter
    assert status.count('id="id_body"') == 1 and status.count('id="message_body"') == 1


# --- "Send it now to a counselor" ------------------------------------------------------------------


def test_send_now_needs_only_the_words_and_goes_to_a_counselor_urgently(client_as, org):
    response = client_as("member").post(
        reverse("help_new", kwargs={"org": org.slug}), {"details": CRISIS, "now": "1"}
    )
    help_request = HelpRequest.objects.get()
    assert response.status_code == 302
    assert (help_request.tier, help_request.urgency, help_request.topic) == ("urgent", "urgent", "other")
    assert help_request.check_answers == [] and help_request.safety_answer is None
    assert {"asked_now", "words_crisis"} <= set(TriageDecision.objects.get().rule_reasons)
    assert Alert.objects.get().level == "crisis"


def test_send_now_keeps_what_was_answered(client, org):
    data = {"details": CRISIS, "now": "1", "topic": "family", "safety": "yes", "check_q1": "3"}
    response = client.post(reverse("ask_public", kwargs={"org": org.slug}), data, REMOTE_ADDR="10.0.0.9")
    help_request = HelpRequest.objects.get()
    assert response.status_code == 200 and response.context["code"] == help_request.request_code
    assert help_request.topic == "family" and help_request.safety_answer is True
    assert help_request.check_answers == []  # half a check is no check


def test_send_now_without_words_asks_for_a_few(client_as, org):
    response = in_english(client_as("member")).post(
        reverse("help_new", kwargs={"org": org.slug}), {"details": "  ", "now": "1"}
    )
    assert response.status_code == 400 and not HelpRequest.objects.exists()
    assert "Please write a few words" in response.content.decode()


def test_without_send_now_the_form_still_needs_its_answers(client_as, org):
    response = client_as("member").post(
        reverse("help_new", kwargs={"org": org.slug}), {"details": CRISIS, "now": "0"}
    )
    assert response.status_code == 400 and not HelpRequest.objects.exists()


def test_asking_to_reach_a_counselor_now_is_urgent_whatever_the_words():
    result = triage(TriageInput(topic="academic", asked_now=True))
    assert (result.tier, result.urgency, result.reasons) == ("urgent", "urgent", ("asked_now",))
