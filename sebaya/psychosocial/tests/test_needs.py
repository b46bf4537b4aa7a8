"""Needs per person or family: who handles each, its status and due date, the open-needs list by
field worker and by village, closing one says what was done, two people saving at once do not
overwrite each other, and another organization's need answers 404."""

import datetime
import uuid

import pytest
from django.urls import reverse
from django.utils import timezone

from conftest import in_english
from sebaya.audit.models import AuditEvent
from sebaya.kernel.versioning import EditConflict
from sebaya.psychosocial.models import Need
from sebaya.psychosocial.services.needs import NeedError, need_add, need_update
from sebaya.psychosocial.services.registration import affected_register

pytestmark = pytest.mark.django_db


def register(incident, org, users, name, **fields):
    affected, _made = affected_register(
        incident=incident,
        organization=org,
        by=users["field_worker"],
        client_id=uuid.uuid4(),
        full_name=name,
        gender="female",
        consent="self",
        **fields,
    )
    return affected


def test_a_need_is_added_for_a_person_or_their_whole_family(client_as, org, users, incident):
    mother = register(incident, org, users, "Ibu Sari", village="Sukamaju", new_household="Keluarga Sari")
    client = client_as("field_worker")
    url = reverse("need_new", kwargs={"org": org.slug, "incident": incident.pk, "affected": mother.pk})
    assert client.get(url).status_code == 200
    sent = {
        "client_id": str(uuid.uuid4()),
        "kind": "shelter",
        "for_family": "on",
        "detail": "Tenda untuk 5 orang",
    }
    response = client.post(url, sent)
    assert response.status_code == 302
    need = Need.objects.get()
    assert need.household == mother.household and need.affected is None
    assert need.owner == users["field_worker"] and need.status == "open"
    assert need.due_on == timezone.localdate() + datetime.timedelta(days=2)
    assert client.post(url, sent).status_code == 302 and Need.objects.count() == 1  # sent twice: once
    page = client.get(response["Location"]).content.decode()
    assert "Tenda untuk 5 orang" in page


def test_the_open_needs_list_counts_by_worker_and_village_and_filters(client_as, org, users, incident):
    sari = register(incident, org, users, "Ibu Sari", village="Sukamaju")
    budi = register(incident, org, users, "Pak Budi", village="Cibodas")
    need_add(organization=org, by=users["field_worker"], kind="food_water", affected=sari)
    need_add(
        organization=org, by=users["field_worker"], kind="health", affected=budi, owner=users["counselor"]
    )
    done, _made = need_add(organization=org, by=users["field_worker"], kind="documents", affected=budi)
    need_update(
        need=done,
        by=users["field_worker"],
        version=1,
        status="met",
        owner=users["field_worker"],
        due_on=done.due_on,
        outcome="KTP diurus di kecamatan",
    )
    client = client_as("field_worker")
    url = reverse("need_list", kwargs={"org": org.slug, "incident": incident.pk})
    page = client.get(url).content.decode()
    assert "2 kebutuhan terbuka" in page
    assert "Dokumen" not in page.split('id="needs-by-worker"')[0]  # a met need is not open
    mine = client.get(url, {"who": "me"}).content.decode().split('id="needs-by-worker"')[0]
    assert "Ibu Sari" in mine and "Pak Budi" not in mine
    village = client.get(url, {"village": "Cibodas"}).content.decode().split('id="needs-by-worker"')[0]
    assert "Pak Budi" in village and "Ibu Sari" not in village


def test_closing_a_need_says_what_was_done(client_as, org, users, incident):
    sari = register(incident, org, users, "Ibu Sari")
    need, _made = need_add(organization=org, by=users["field_worker"], kind="health", affected=sari)
    client = client_as("field_worker")
    in_english(client)
    url = reverse("need_edit", kwargs={"org": org.slug, "incident": incident.pk, "need": need.pk})
    refused = client.post(url, {"status": "met", "owner": users["field_worker"].pk, "version": 1})
    assert refused.status_code == 400 and "Say in a few words what was done" in refused.content.decode()
    assert Need.objects.get().status == "open"
    saved = client.post(
        url,
        {"status": "referred", "owner": users["field_worker"].pk, "outcome": "Ke puskesmas", "version": 1},
    )
    assert saved.status_code == 302
    need.refresh_from_db()
    assert need.status == "referred" and need.closed_at is not None and need.version == 2
    assert AuditEvent.objects.filter(target_id=str(need.pk)).count() == 2


def test_two_saves_of_one_version_do_not_overwrite_each_other(org, users, incident):
    sari = register(incident, org, users, "Ibu Sari")
    need, _made = need_add(organization=org, by=users["field_worker"], kind="health", affected=sari)
    need_update(
        need=need, by=users["field_worker"], version=1, status="in_progress", owner=users["counselor"]
    )
    with pytest.raises(EditConflict):
        need_update(need=need, by=users["coordinator"], version=1, status="open", owner=None)
    need.refresh_from_db()
    assert need.status == "in_progress" and need.owner == users["counselor"]


def test_a_need_goes_only_to_a_responder_of_the_organization(org, users, incident):
    sari = register(incident, org, users, "Ibu Sari")
    with pytest.raises(NeedError):
        need_add(
            organization=org, by=users["field_worker"], kind="health", affected=sari, owner=users["member"]
        )
    with pytest.raises(NeedError):
        need_add(
            organization=org, by=users["field_worker"], kind="health", affected=sari, owner=users["outsider"]
        )
    with pytest.raises(NeedError):
        need_add(organization=org, by=users["field_worker"], kind="nonsense", affected=sari)
    with pytest.raises(NeedError):
        need_add(organization=org, by=users["field_worker"], kind="health")
    assert not Need.objects.exists()


def test_another_organizations_need_answers_404(client_as, org, other_org, users, incident):
    sari = register(incident, org, users, "Ibu Sari")
    need, _made = need_add(organization=org, by=users["field_worker"], kind="health", affected=sari)
    outsider = client_as("outsider")
    for org_slug in (org.slug, other_org.slug):
        url = reverse("need_edit", kwargs={"org": org_slug, "incident": incident.pk, "need": need.pk})
        assert outsider.get(url).status_code == 404
        assert (
            outsider.get(reverse("need_list", kwargs={"org": org_slug, "incident": incident.pk})).status_code
            == 404
        )


def test_a_field_worker_sees_the_needs_they_handle_on_their_home_page(client_as, org, users, incident):
    sari = register(incident, org, users, "Ibu Sari")
    need_add(organization=org, by=users["field_worker"], kind="health", affected=sari, urgent=True)
    need_add(
        organization=org, by=users["field_worker"], kind="documents", affected=sari, owner=users["counselor"]
    )
    home = client_as("field_worker").get(reverse("org_home", kwargs={"org": org.slug})).content.decode()
    card = home.split('id="home-my-needs"')[1].split("</li></ul>")[0]
    assert "Kesehatan" in card and "Mendesak" in card and "Dokumen" not in card


def test_the_audit_trail_reads_the_responses_records_as_sentences(org, users, incident):
    from sebaya.audit.wording import describe

    sari = register(incident, org, users, "Ibu Sari")
    need, _made = need_add(organization=org, by=users["field_worker"], kind="health", affected=sari)
    registered = AuditEvent.objects.get(target_id=str(sari.pk))
    added = AuditEvent.objects.get(target_id=str(need.pk))
    assert describe(registered, name="Ibu Sari") == "Pendataan Ibu Sari sebagai warga terdampak: didata"
    assert describe(added, name="Ibu Sari") == "Kebutuhan Ibu Sari: ditambahkan"
