"""Registering people affected, fast: a form sent twice is written once, a likely duplicate is
shown before saving, a family links its members, an unknown name needs a description, and each
responding organization sees only the people it registered."""

import uuid

import pytest
from django.urls import reverse

from conftest import in_english
from sebaya.audit.models import AuditEvent
from sebaya.people.models import Person
from sebaya.psychosocial.models import AffectedPerson, Household, ResponseMember
from sebaya.psychosocial.services.incidents import incident_create
from sebaya.psychosocial.services.registration import RegistrationError, affected_register

pytestmark = pytest.mark.django_db


@pytest.fixture
def incident(org, users):
    from django.utils import timezone

    return incident_create(
        organization=org,
        by=users["coordinator"],
        kind="flood",
        title="Banjir Cisurupan",
        started_on=timezone.localdate(),
        exposures=["home_destroyed", "displaced"],
    )


def form(**fields):
    data = {
        "client_id": str(uuid.uuid4()),
        "full_name": "Muhammad Rizki",
        "gender": "male",
        "age_years": "12",
        "village": "Sukamaju",
        "site": "Posko Masjid Al-Ikhlas",
        "consent": "guardian",
        "exposures": ["home_destroyed"],
    }
    data.update(fields)
    return {k: v for k, v in data.items() if v is not None}


def url(org, incident):
    return reverse("affected_register", kwargs={"org": org.slug, "incident": incident.pk})


def test_a_field_worker_registers_a_child_once_even_if_the_form_is_sent_twice(
    client_as, org, users, incident
):
    client = client_as("field_worker")
    assert client.get(url(org, incident)).status_code == 200
    sent = form(guardian_name="Ibu Sari", vulnerabilities=["separated_child"])
    first = client.post(url(org, incident), sent)
    affected = AffectedPerson.objects.get()
    assert first.status_code == 302 and str(affected.pk) in first["Location"]
    assert affected.person.full_name == "Muhammad Rizki" and affected.person.age_band == "under_13"
    assert affected.vulnerabilities == ["separated_child"] and affected.exposures == ["home_destroyed"]
    assert affected.organization == org and affected.registered_by == users["field_worker"]
    again = client.post(url(org, incident), sent)  # a slow connection: the same form again
    assert again.status_code == 302 and again["Location"] == first["Location"]
    assert (
        AffectedPerson.objects.count() == 1 and Person.objects.filter(full_name="Muhammad Rizki").count() == 1
    )
    assert (
        AuditEvent.objects.filter(subject_person_id=affected.person_id, detail__affected="registered").count()
        == 1
    )
    page = client.get(first["Location"]).content.decode()
    assert "Ibu Sari" in page and 'id="affected-first"' in page
    # The incident's page lists them first among those to look after.
    detail = client.get(reverse("incident_detail", kwargs={"org": org.slug, "incident": incident.pk}))
    assert 'id="incident-first"' in detail.content.decode()


def test_a_likely_duplicate_is_shown_before_saving_and_the_worker_decides(client_as, org, users, incident):
    client = in_english(client_as("field_worker"))
    assert client.post(url(org, incident), form()).status_code == 302
    # The same boy, the name spelled another way, registered at another desk.
    second = form(full_name="Moh. Rizky", age_years="13")
    shown = client.post(url(org, incident), second)
    html = shown.content.decode()
    assert shown.status_code == 200 and 'id="likely-duplicates"' in html and "Muhammad Rizki" in html
    assert AffectedPerson.objects.count() == 1  # nothing written until the worker decides
    saved = client.post(url(org, incident), {**second, "not_a_duplicate": "on"})
    assert saved.status_code == 302 and AffectedPerson.objects.count() == 2
    # A different person is not held up.
    other = client.post(url(org, incident), form(full_name="Siti Aminah", gender="female", age_years="40"))
    assert other.status_code == 302 and AffectedPerson.objects.count() == 3


def test_an_unknown_name_needs_a_description_and_bad_input_writes_nothing(client_as, org, users, incident):
    client = in_english(client_as("field_worker"))
    response = client.post(url(org, incident), form(full_name="", name_unknown="on"))
    assert response.status_code == 400 and "Describe the person" in response.content.decode()
    response = client.post(url(org, incident), form(age_years="300", consent="maybe", exposures=["x"]))
    assert (
        response.status_code == 400 and not AffectedPerson.objects.exists() and not Household.objects.exists()
    )
    response = client.post(
        url(org, incident), form(full_name="", name_unknown="on", description="Anak perempuan, baju merah")
    )
    assert response.status_code == 302
    assert AffectedPerson.objects.get().person.full_name == "Nama tidak diketahui"


def test_a_family_links_its_members(client_as, org, users, incident):
    client = client_as("field_worker")
    client.post(
        url(org, incident),
        form(full_name="Dedi Kurniawan", age_years="41", new_household="Keluarga Pak Dedi", relation="head"),
    )
    family = Household.objects.get()
    client.post(
        url(org, incident),
        form(full_name="Nina", gender="female", age_years="9", household=family.pk, relation="child"),
    )
    assert family.members.count() == 2
    child = AffectedPerson.objects.get(person__full_name="Nina")
    page = client.get(
        reverse("affected_detail", kwargs={"org": org.slug, "incident": incident.pk, "affected": child.pk})
    )
    assert "Dedi Kurniawan" in page.content.decode() and "Keluarga Pak Dedi" in page.content.decode()


def test_each_responding_organization_sees_only_the_people_it_registered(
    client_as, org, other_org, users, incident
):
    ResponseMember.objects.create(
        incident=incident, organization=other_org, invited_by=users["coordinator"], status="joined"
    )
    theirs, _made = affected_register(
        incident=incident,
        organization=other_org,
        by=users["outsider"],
        client_id=uuid.uuid4(),
        full_name="Ujang",
        gender="male",
        age_years=70,
        consent="self",
    )
    client_as("field_worker").post(url(org, incident), form())
    ours = AffectedPerson.objects.get(organization=org)
    # Through our pages, their registration is unknown; through theirs, ours is.
    mine = reverse(
        "affected_detail", kwargs={"org": org.slug, "incident": incident.pk, "affected": theirs.pk}
    )
    assert client_as("coordinator").get(mine).status_code == 404
    other = reverse(
        "affected_detail", kwargs={"org": other_org.slug, "incident": incident.pk, "affected": ours.pk}
    )
    assert client_as("outsider").get(other).status_code == 404
    detail = client_as("coordinator").get(
        reverse("incident_detail", kwargs={"org": org.slug, "incident": incident.pk})
    )
    html = detail.content.decode()
    assert "Muhammad Rizki" in html and "Ujang" not in html
    assert detail.context["all_registered"] == 2  # the response's figure
    # A form id used by another organization is refused, not answered with their record.
    with pytest.raises(RegistrationError):
        affected_register(
            incident=incident,
            organization=org,
            by=users["field_worker"],
            client_id=theirs.client_id,
            full_name="X",
            consent="self",
        )
