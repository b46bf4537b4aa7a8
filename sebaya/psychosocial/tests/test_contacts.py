"""Psychological first aid contacts: a refer-at-once flag raises a crisis alert to whoever is on
call in the same transaction, a child alone gets one protection task, the needs found are written
with the field worker handling them, the same form sent twice is written once, there is no place
for the story of what happened, and bad input writes nothing."""

import datetime
import uuid

import pytest
from django.urls import reverse
from django.utils import timezone

from conftest import in_english
from sebaya.audit.models import AuditEvent
from sebaya.psychosocial.models import Contact, Need, NeedKind
from sebaya.psychosocial.services.contacts import ContactError, contact_record
from sebaya.psychosocial.services.registration import affected_register
from sebaya.safety.models import Alert, AlertSource
from sebaya.safety.sources import page_of, shown
from sebaya.safety.templatetags.risk_feedback import signal_label

pytestmark = pytest.mark.django_db


def register(incident, org, users, **fields):
    data = {"full_name": "Ibu Sari", "gender": "female", "age_years": 34, "consent": "self"}
    data.update(fields)
    affected, _made = affected_register(
        incident=incident, organization=org, by=users["field_worker"], client_id=uuid.uuid4(), **data
    )
    return affected


@pytest.fixture
def affected(incident, org, users):
    return register(incident, org, users, village="Sukamaju", site="Posko Masjid")


def url(org, affected):
    return reverse(
        "contact_new", kwargs={"org": org.slug, "incident": affected.incident_id, "affected": affected.pk}
    )


def form(**fields):
    data = {"client_id": str(uuid.uuid4()), "minutes": "15", "place": "Posko Masjid"}
    data.update(fields)
    return data


def test_a_quiet_contact_is_saved_with_where_when_and_minutes(client_as, org, users, affected):
    client = client_as("field_worker")
    page = client.get(url(org, affected))
    assert page.status_code == 200
    # No field for the story of what happened: only what they ask for, in a few words.
    assert b'name="words"' in page.content and b'maxlength="500"' in page.content
    response = client.post(
        url(org, affected),
        form(concerns=["shelter", "sleep"], linked=["shelter"], words="Minta selimut untuk anak"),
    )
    assert response.status_code == 302
    contact = Contact.objects.get()
    assert contact.by == users["field_worker"] and contact.minutes == 15 and contact.place == "Posko Masjid"
    assert contact.concerns == ["shelter", "sleep"] and contact.linked == ["shelter"]
    assert contact.alert is None and not Alert.objects.exists()
    assert abs((contact.happened_at - timezone.now()).total_seconds()) < 60
    assert AuditEvent.objects.filter(target_id=str(contact.pk)).exists()
    person_page = client.get(response["Location"])
    assert "Minta selimut untuk anak" in person_page.content.decode()


def test_a_refer_at_once_flag_raises_a_crisis_alert_to_whoever_is_on_call(client_as, org, users, affected):
    client = client_as("field_worker")
    response = client.post(url(org, affected), form(refer_now=["harm_self"], look=["serious_distress"]))
    assert response.status_code == 302
    contact = Contact.objects.get()
    alert = Alert.objects.get()
    assert contact.alert == alert
    assert alert.level == "crisis" and alert.source == AlertSource.FIELD_REFERRAL
    assert alert.person == affected.person and alert.organization == org
    assert alert.signals == ["pfa:harm_self"]
    assert alert.owner == users["counselor"]  # no rota: the counselors are told at once
    assert alert.notifications.filter(recipient=users["counselor"]).exists()
    # The field worker is told who has it, and what to do meanwhile.
    shown_next = client.get(response["Location"]).content.decode()
    assert "counselor person" in shown_next and "112" in shown_next
    # The alert page names the flag and links to the person.
    assert signal_label("pfa:harm_self") == "PFA: Mungkin menyakiti diri sendiri"
    assert page_of(alert.source_ref, org) == reverse(
        "affected_person", kwargs={"org": org.slug, "affected": affected.pk}
    )
    what = shown(alert.source_ref, user=users["counselor"], organization=org)
    assert ("Rujuk segera", "Mungkin menyakiti diri sendiri") in what.answers
    # The counselor follows the link to the person's page.
    counselor = client_as("counselor")
    followed = counselor.get(page_of(alert.source_ref, org), follow=True)
    assert followed.status_code == 200 and "Ibu Sari" in followed.content.decode()


def test_a_second_flag_while_the_alert_is_open_joins_it(org, users, affected):
    for flags in (["harm_self"], ["cannot_care"]):
        contact_record(
            affected=affected, by=users["field_worker"], client_id=uuid.uuid4(), minutes=10, refer_now=flags
        )
    alert = Alert.objects.get()
    assert set(alert.signals) == {"pfa:harm_self", "pfa:cannot_care"}
    assert Contact.objects.filter(alert=alert).count() == 2


def test_a_child_alone_gets_one_urgent_protection_task_due_today(org, users, incident):
    child = register(
        incident, org, users, full_name="Dimas", age_years=8, vulnerabilities=["separated_child"]
    )
    task = Need.objects.get()
    assert task.kind == NeedKind.FAMILY_SEPARATION and task.urgent and task.affected == child
    assert task.owner == users["field_worker"] and task.source == "registration"
    assert task.due_on == timezone.localdate()
    # Found again in a contact: still one task.
    contact_record(
        affected=child, by=users["field_worker"], client_id=uuid.uuid4(), minutes=5, look=["child_alone"]
    )
    assert Need.objects.count() == 1


def test_a_child_found_alone_in_a_contact_gets_a_protection_task(org, users, incident):
    child = register(incident, org, users, full_name="Putri", age_years=6)
    assert not Need.objects.exists()
    contact, _made = contact_record(
        affected=child, by=users["field_worker"], client_id=uuid.uuid4(), minutes=5, look=["child_alone"]
    )
    task = Need.objects.get()
    assert task.kind == NeedKind.FAMILY_SEPARATION and task.urgent and task.contact == contact


def test_needs_found_are_written_with_the_field_worker_handling_them(org, users, affected):
    contact, _made = contact_record(
        affected=affected,
        by=users["field_worker"],
        client_id=uuid.uuid4(),
        minutes=20,
        needs=["shelter", "health"],
    )
    needs = Need.objects.order_by("kind")
    assert [n.kind for n in needs] == ["health", "shelter"]
    assert all(
        n.owner == users["field_worker"] and n.contact == contact and n.source == "contact" for n in needs
    )
    assert all(n.due_on == timezone.localdate() + datetime.timedelta(days=2) for n in needs)
    assert not any(n.urgent for n in needs)


def test_the_same_form_sent_twice_is_written_once(client_as, org, users, affected):
    client = client_as("field_worker")
    sent = form(refer_now=["injury"], needs=["health"])
    first = client.post(url(org, affected), sent)
    again = client.post(url(org, affected), sent)
    assert first.status_code == again.status_code == 302
    assert Contact.objects.count() == 1 and Alert.objects.count() == 1 and Need.objects.count() == 1


@pytest.mark.parametrize(
    "fields, message",
    [
        ({"minutes": "0"}, "Ensure this value is greater than or equal to 1."),
        ({"minutes": "9999"}, "Ensure this value is less than or equal to 600."),
        ({"refer_now": ["story"]}, "Select a valid choice."),
        ({"happened_at": "2099-01-01T10:00"}, "The contact cannot be in the future."),
        ({"happened_at": "2001-01-01T10:00"}, "The contact cannot be before the incident started."),
    ],
)
def test_bad_input_gets_a_clear_error_and_writes_nothing(client_as, org, affected, fields, message):
    client = client_as("field_worker")
    in_english(client)
    response = client.post(url(org, affected), form(**{"refer_now": ["harm_others"], **fields}))
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Contact.objects.exists() and not Alert.objects.exists() and not Need.objects.exists()


def test_a_contact_with_a_merged_or_closed_registration_is_refused(org, users, incident, affected):
    incident.status = "closed"
    incident.save()
    with pytest.raises(ContactError):
        contact_record(affected=affected, by=users["field_worker"], client_id=uuid.uuid4(), minutes=5)
    assert not Contact.objects.exists()


def test_another_organization_cannot_reach_the_person_or_record_a_contact(
    client_as, org, other_org, users, affected
):
    outsider = client_as("outsider")
    assert outsider.get(url(org, affected)).status_code == 404
    other_url = reverse(
        "contact_new",
        kwargs={"org": other_org.slug, "incident": affected.incident_id, "affected": affected.pk},
    )
    assert outsider.get(other_url).status_code == 404
    by_id = reverse("affected_person", kwargs={"org": other_org.slug, "affected": affected.pk})
    assert outsider.get(by_id).status_code == 404
    # A student of the organization is not a responder.
    assert client_as("member").get(url(org, affected)).status_code in (403, 404)


def test_a_counselor_opens_a_case_for_a_person_registered_in_the_field(client_as, org, users, affected):
    from sebaya.counseling.models import Case

    assert not affected.person.memberships.exists()  # registered in the field, no membership
    counselor = client_as("counselor")
    page = reverse(
        "affected_detail", kwargs={"org": org.slug, "incident": affected.incident_id, "affected": affected.pk}
    )
    new_case = reverse("case_new", kwargs={"org": org.slug, "person": affected.person_id})
    assert new_case in counselor.get(page).content.decode()
    assert counselor.get(new_case).status_code == 200
    response = counselor.post(new_case, {"summary": "Sulit tidur sejak banjir", "domain": "pribadi"})
    assert response.status_code == 302
    case = Case.objects.get()
    assert case.person == affected.person and case.organization == org
    assert counselor.get(response["Location"]).status_code == 200
    # The person's page now leads to the case; another organization cannot open one.
    case_page = reverse("case_detail", kwargs={"org": org.slug, "case": case.pk})
    assert case_page in counselor.get(page).content.decode()
    outsider = client_as("outsider")
    other_org = users["outsider"].person.memberships.get().organization
    assert (
        outsider.get(
            reverse("case_new", kwargs={"org": other_org.slug, "person": affected.person_id})
        ).status_code
        == 404
    )
