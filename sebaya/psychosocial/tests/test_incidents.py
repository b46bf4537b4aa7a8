"""Incidents and the response: the lead organization records one; responders of the organizations
that lead or joined see it; another response's incident is unknown here; closing needs a summary."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from conftest import in_english
from sebaya.audit.models import AuditEvent
from sebaya.psychosocial.models import Incident, ResponseMember
from sebaya.psychosocial.services.incidents import IncidentError, incident_create, incident_update

pytestmark = pytest.mark.django_db


def flood(org, by, **fields):
    return incident_create(
        organization=org,
        by=by,
        kind="flood",
        title=fields.pop("title", "Banjir Cisurupan"),
        started_on=fields.pop("started_on", timezone.localdate()),
        villages="Sukamaju\n  \nCikandang ",
        exposures=["home_destroyed", "displaced"],
        **fields,
    )


def test_the_coordinator_records_an_incident_and_the_field_worker_sees_it(client_as, org, users):
    url = reverse("incident_new", kwargs={"org": org.slug})
    assert client_as("field_worker").get(url).status_code == 403  # recording one is for managers
    today = timezone.localdate()
    response = client_as("coordinator").post(
        url,
        {
            "kind": "flood",
            "title": "Banjir Cisurupan",
            "started_on": today.isoformat(),
            "district": "Garut",
            "villages": "Sukamaju\nCikandang",
            "exposures": ["home_destroyed", "displaced"],
        },
    )
    incident = Incident.objects.get()
    assert response.status_code == 302 and str(incident.pk) in response["Location"]
    assert incident.organization == org and incident.village_list == ["Sukamaju", "Cikandang"]
    assert incident.exposures == ["home_destroyed", "displaced"]
    assert AuditEvent.objects.filter(target_id=str(incident.pk), detail__incident="created").exists()
    page = client_as("field_worker").get(reverse("incident_list", kwargs={"org": org.slug}))
    assert page.status_code == 200 and "Banjir Cisurupan" in page.content.decode()


def test_bad_input_is_refused_and_nothing_is_written(client_as, org, users):
    client = in_english(client_as("coordinator"))
    today = timezone.localdate()
    response = client.post(
        reverse("incident_new", kwargs={"org": org.slug}),
        {
            "kind": "volcano",
            "title": "",
            "started_on": today.isoformat(),
            "ended_on": (today - datetime.timedelta(days=2)).isoformat(),
        },
    )
    html = response.content.decode()
    assert response.status_code == 200 and not Incident.objects.exists()
    assert "An incident cannot end before it starts." in html and "This field is required." in html
    with pytest.raises(IncidentError):
        incident_create(
            organization=org,
            by=users["coordinator"],
            kind="flood",
            title="x",
            started_on=today,
            exposures=["x"],
        )
    assert not Incident.objects.exists()


def test_responders_of_a_joined_organization_see_it_and_others_do_not(client_as, org, other_org, users):
    incident = flood(other_org, users["outsider"], title="Kebakaran pasar")
    detail = reverse("incident_detail", kwargs={"org": org.slug, "incident": incident.pk})
    listing = reverse("incident_list", kwargs={"org": org.slug})
    # Not joined: unknown here, even to our coordinator.
    assert client_as("coordinator").get(detail).status_code == 404
    assert "Kebakaran pasar" not in client_as("coordinator").get(listing).content.decode()
    member = ResponseMember.objects.create(incident=incident, organization=org, invited_by=users["outsider"])
    assert client_as("field_worker").get(detail).status_code == 404  # invited, not joined yet
    member.status = "joined"
    member.save()
    page = client_as("field_worker").get(detail)
    assert page.status_code == 200 and "SMA Lain" in page.content.decode()  # led by the other
    assert "Kebakaran pasar" in client_as("field_worker").get(listing).content.decode()
    # Only the lead's managers change it.
    edit = reverse("incident_edit", kwargs={"org": org.slug, "incident": incident.pk})
    assert client_as("coordinator").get(edit).status_code == 403
    assert client_as("member").get(detail).status_code == 403  # not a responder


def test_closing_needs_a_summary_and_a_stale_edit_is_answered_409(client_as, org, users):
    incident = flood(org, users["coordinator"])
    with pytest.raises(IncidentError):
        incident_update(
            incident=incident,
            version=incident.version,
            by=users["coordinator"],
            status="closed",
            kind="flood",
            title=incident.title,
            started_on=incident.started_on,
        )
    url = reverse("incident_edit", kwargs={"org": org.slug, "incident": incident.pk})
    form = {
        "kind": "flood",
        "title": "Banjir Cisurupan",
        "started_on": incident.started_on.isoformat(),
        "status": "recovery",
        "version": incident.version,
    }
    client = client_as("coordinator")
    assert client.post(url, form).status_code == 302
    assert Incident.objects.get().status == "recovery"
    assert client.post(url, form).status_code == 409  # the version posted is the old one
    closed = {**form, "version": incident.version + 1, "status": "closed", "closing_summary": "Selesai."}
    assert client.post(url, closed).status_code == 302
    assert Incident.objects.get().status == "closed"
