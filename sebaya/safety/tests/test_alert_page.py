"""The alert page leads somewhere: what raised the alert (to those who may read it), the person's
recent timeline, and the links to act, for a named person and for someone who asked anonymously."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from conftest import in_english, make_person
from sebaya.audit.models import AuditAction, AuditEvent
from sebaya.people.models import Role
from sebaya.safety.models import Alert
from sebaya.safety.sources import marked
from sebaya.screening.instruments import get_instrument
from sebaya.screening.services import administration_record
from sebaya.support import services as support
from sebaya.support.models import HelpRequest


def page(client, org, alert):
    response = in_english(client).get(reverse("alert_detail", kwargs={"org": org.slug, "alert": alert.pk}))
    assert response.status_code == 200
    return response.content.decode()


@pytest.fixture
def relationship(org, users):
    membership = users["peer_supporter"].person.memberships.get(organization=org)
    supporter = support.supporter_profile_save(
        membership=membership, by=users["coordinator"], certified=True, capacity=2, topics=["academic"]
    )
    help_request, _c, _p = support.help_request_submit(
        organization=org, person=users["member"].person, topic="academic"
    )
    return support.relationship_start(
        help_request=help_request, supporter_id=supporter.pk, by=users["counselor"]
    )


def test_marked_words_are_escaped_and_the_matched_ones_marked():
    html = marked("<b>Aku</b> pengen mati aja")
    assert "&lt;b&gt;Aku&lt;/b&gt;" in html and "<mark>mati</mark>" in html
    assert "<mark>" not in marked("Tadi mati lampu di rumah")  # an idiom marks nothing


def test_a_counselor_sees_the_message_in_its_thread_with_the_words_marked_and_where_to_act(
    client_as, org, users, relationship
):
    support.message_send(relationship=relationship, body="Hai, gimana ujiannya?", from_supporter=True)
    support.message_send(relationship=relationship, body="Capek, aku pengen mati aja.", from_supporter=False)
    alert = Alert.objects.get()
    text = page(client_as("counselor"), org, alert)
    assert "<mark>mati</mark>" in text
    # A supervising counselor reads only the flagged or reported messages of the private thread.
    assert "gimana ujiannya" not in text
    assert "This thread is private" in text
    org_slug = org.slug
    person = users["member"].person
    assert reverse("relationship_detail", kwargs={"org": org_slug, "relationship": relationship.pk}) in text
    assert reverse("person_detail", kwargs={"org": org_slug, "person": person.pk}) in text
    assert reverse("case_new", kwargs={"org": org_slug, "person": person.pk}) in text
    request_url = reverse(
        "help_request_detail", kwargs={"org": org_slug, "help_request": relationship.help_request_id}
    )
    assert request_url + "#reply-form" in text
    assert 'id="alert-person-timeline"' in text and "Matched with peer supporter" in text


def test_a_coordinator_sees_the_signals_but_not_the_words_nor_the_timeline(
    client_as, org, users, relationship
):
    support.message_send(relationship=relationship, body="Aku pengen mati aja.", from_supporter=False)
    text = page(client_as("coordinator"), org, Alert.objects.get())
    assert "pengen" not in text and 'id="alert-source-hidden"' in text
    assert 'id="alert-person-timeline"' not in text
    assert "#reply-form" not in text  # coordinators do not open help requests


def test_a_counselor_held_back_from_confidential_material_sees_no_words(client_as, org, users, relationship):
    support.message_send(relationship=relationship, body="Aku pengen mati aja.", from_supporter=False)
    counselor = users["counselor"]
    counselor.notes_held_until = timezone.now() + datetime.timedelta(days=1)
    counselor.save()
    text = page(client_as("counselor"), org, Alert.objects.get())
    # Told that it is held, and why; not that only counselors read it (they are one).
    assert "pengen" not in text and 'id="alert-source-held"' in text
    assert 'id="alert-source-hidden"' not in text


def test_an_anonymous_triage_alert_shows_the_answer_and_leads_to_the_reply_box(client_as, org, users):
    help_request, _code, _pin = support.help_request_submit(
        organization=org,
        topic="family",
        details="Di rumah berat. Kadang pengen mati aja.",
        safety_answer=True,
    )
    alert = Alert.objects.get()
    assert alert.person is None and alert.source == "triage"
    text = page(client_as("counselor"), org, alert)
    assert "better off dead" in text and "<strong>Yes</strong>" in text
    assert "<mark>mati</mark>" in text
    url = reverse("help_request_detail", kwargs={"org": org.slug, "help_request": help_request.pk})
    assert f'href="{url}#reply-form"' in text and "the only way to reach them" in text
    # Reading their words on the alert page is in the audit trail, as on the request's own page.
    assert AuditEvent.objects.filter(
        action=AuditAction.RECORD_VIEWED, target_id=str(help_request.pk)
    ).exists()


def test_a_screening_alert_shows_the_question_and_the_answer(client_as, org, users):
    instrument = get_instrument("phq9")
    administration_record(
        organization=org,
        person=users["member"].person,
        instrument=instrument,
        answers=[1, 1, 0, 0, 0, 0, 0, 0, 2],
    )
    text = page(client_as("counselor"), org, Alert.objects.get())
    item = instrument.items[8]
    assert f"9. {item.text.get('en')}" in text
    assert f"<strong>{item.option(2).label.get('en')}</strong>" in text


def test_a_step_up_alert_shows_the_hand_over_note(client_as, org, users, relationship):
    support.step_up(relationship=relationship, by=users["peer_supporter"], note="Dia bilang mau bunuh diri.")
    alert = Alert.objects.get()
    assert HelpRequest.objects.get(source="step_up").urgency == "urgent"
    text = page(client_as("counselor"), org, alert)
    assert "<mark>bunuh</mark> <mark>diri.</mark>" in text or "<mark>bunuh</mark>" in text


def test_person_and_case_pages_show_open_alerts_at_the_top_to_those_who_see_alerts(client_as, org, users):
    student, _u = make_person(org, "S-50", roles=[Role.MEMBER])
    from sebaya.safety import services

    alert = services.alert_raise(organization=org, level="crisis", source="text", person=student.person)
    person_url = reverse("person_detail", kwargs={"org": org.slug, "person": student.person.pk})
    alert_url = reverse("alert_detail", kwargs={"org": org.slug, "alert": alert.pk})
    counselor_page = client_as("counselor").get(person_url).content.decode()
    assert 'id="open-alerts-banner"' in counselor_page and alert_url in counselor_page
    admin_page = client_as("org_admin").get(person_url).content.decode()
    assert 'id="open-alerts-banner"' not in admin_page  # an admin sees the person, not alerts
    from sebaya.counseling.services import case_open

    case = case_open(
        organization=org, person=student.person, by=users["counselor"], summary="Kesulitan", domain="pribadi"
    )
    case_page = client_as("counselor").get(reverse("case_detail", kwargs={"org": org.slug, "case": case.pk}))
    assert alert_url in case_page.content.decode()
    services.alert_record_action(alert=alert, by=users["counselor"], kind="closed")
    assert 'id="open-alerts-banner"' not in client_as("counselor").get(person_url).content.decode()


def test_a_later_message_in_the_same_thread_is_marked_in_the_context_not_shown_twice(
    client_as, org, users, relationship
):
    support.message_send(relationship=relationship, body="Aku pengen mati aja.", from_supporter=False)
    support.message_send(
        relationship=relationship, body="Aku mau bunuh diri malam ini.", from_supporter=False
    )
    alert = Alert.objects.get()
    assert alert.actions.filter(kind="signal_added").count() == 1
    text = page(client_as("counselor"), org, alert)
    assert text.count("malam ini") == 1 and text.count('class="excerpt is-source"') == 2


def test_answer_signals_read_as_sentences(client_as, org, users):
    support.help_request_submit(organization=org, topic="family", details="", safety_answer=True)
    text = page(client_as("counselor"), org, Alert.objects.get())
    assert "Answered yes to the safety question" in text and "help_request:safety_yes" not in text
