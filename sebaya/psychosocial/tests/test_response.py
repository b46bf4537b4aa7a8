"""Joining a response: the lead invites another organization (its network's first), the invited
organization's coordinators accept or decline on their incidents page, and once joined they
register their own people and see only those plus the response's total."""

import uuid

import pytest
from django.test import Client
from django.urls import reverse

from conftest import in_english, make_person
from sebaya.audit.models import AuditEvent
from sebaya.mail.models import OutgoingEmail
from sebaya.organizations.models import Organization
from sebaya.people.models import Role
from sebaya.psychosocial.models import AffectedPerson, ResponseMember
from sebaya.psychosocial.services.incidents import incident_create, incident_update
from sebaya.psychosocial.services.registration import affected_register
from sebaya.psychosocial.services.response import ResponseError, response_answer, response_invite

pytestmark = pytest.mark.django_db


@pytest.fixture
def neighbour(network):
    """Another organization of the lead's network, with a coordinator who has an email address."""
    organization = Organization.objects.create(slug="puskesmas", name="Puskesmas Cisurupan", network=network)
    _membership, user = make_person(organization, "n-1", roles=[Role.COORDINATOR], username="n-coordinator")
    user.email = "koordinator@puskesmas.test"
    user.save()
    return organization


def partners(org, incident):
    return reverse("response_partners", kwargs={"org": org.slug, "incident": incident.pk})


def answer_url(organization, member):
    return reverse("response_answer", kwargs={"org": organization.slug, "member": member.pk})


def test_the_lead_invites_its_network_first_and_any_other_organization_by_name(
    client_as, org, other_org, users, incident, neighbour
):
    client = in_english(client_as("coordinator"))
    page = client.get(partners(org, incident))
    html = page.content.decode()
    # The network's organization is offered at once; one outside it only when searched for.
    assert page.status_code == 200 and list(page.context["in_network"]) == [neighbour]
    assert "SMA Lain" not in html and page.context["found"] is None
    response = client.post(partners(org, incident), {"organization": str(neighbour.pk)})
    assert response.status_code == 302
    member = ResponseMember.objects.get()
    assert (member.organization, member.status, member.invited_by) == (
        neighbour,
        "invited",
        users["coordinator"],
    )
    event = AuditEvent.objects.get(detail__response="invited")
    assert event.target_id == str(member.pk) and event.detail["invited"] == str(neighbour.pk)
    # The invited organization's coordinator is told by email, without who is affected.
    email = OutgoingEmail.objects.get(purpose="psychosocial.response_invitation")
    assert email.to == "koordinator@puskesmas.test" and "/o/puskesmas/kejadian/" in email.body
    # Asked twice: refused, clearly, and nothing more is written.
    again = client.post(partners(org, incident), {"organization": str(neighbour.pk)})
    assert again.status_code == 400 and "already invited" in again.content.decode()
    assert ResponseMember.objects.count() == 1 and OutgoingEmail.objects.count() == 1
    # Invited, it is no longer offered; an organization outside the network is found by name.
    found = client.get(partners(org, incident), {"q": "lain"})
    assert list(found.context["in_network"]) == [] and list(found.context["found"]) == [other_org]
    assert client.post(partners(org, incident), {"organization": str(other_org.pk)}).status_code == 302
    assert set(ResponseMember.objects.values_list("organization__slug", flat=True)) == {"puskesmas", "other"}


def test_only_the_leads_managers_invite_and_bad_input_writes_nothing(client_as, org, users, incident):
    assert (
        client_as("field_worker").post(partners(org, incident), {"organization": str(org.pk)}).status_code
        == 403
    )
    client = in_english(client_as("org_admin"))
    for sent in ({}, {"organization": "not-an-id"}, {"organization": str(uuid.uuid4())}):
        response = client.post(partners(org, incident), sent)
        assert response.status_code == 400 and "Choose an organization" in response.content.decode()
    own = client.post(partners(org, incident), {"organization": str(org.pk)})
    assert own.status_code == 400 and "leads this response" in own.content.decode()
    assert not ResponseMember.objects.exists()


def test_a_closed_response_invites_no_one(org, other_org, users, incident):
    incident_update(
        incident=incident,
        version=None,
        by=users["coordinator"],
        status="closed",
        kind="flood",
        title=incident.title,
        started_on=incident.started_on,
        closing_summary="Selesai.",
    )
    with pytest.raises(ResponseError):
        response_invite(incident=incident, organization=other_org, by=users["coordinator"])
    assert not ResponseMember.objects.exists()


def test_the_invited_organization_joins_registers_its_own_people_and_sees_only_them(
    client_as, org, other_org, users, incident
):
    ours, _made = affected_register(
        incident=incident,
        organization=org,
        by=users["field_worker"],
        client_id=uuid.uuid4(),
        full_name="Dedi Kurniawan",
        gender="male",
        age_years=41,
        consent="self",
    )
    member = response_invite(incident=incident, organization=other_org, by=users["coordinator"])
    theirs = client_as("outsider")  # an admin of the other organization
    listing = reverse("incident_list", kwargs={"org": other_org.slug})
    detail = reverse("incident_detail", kwargs={"org": other_org.slug, "incident": incident.pk})
    # Invited, not joined: the invitation shows on their incidents page, the incident does not open.
    page = theirs.get(listing).content.decode()
    assert 'id="response-invitations"' in page and "Banjir Cisurupan" in page
    assert theirs.get(detail).status_code == 404
    # Their member (no role in the response) does not see the invitation.
    _membership, staff = make_person(other_org, "o-s", roles=[Role.FIELD_WORKER], username="o-field")
    field_worker = Client()
    field_worker.force_login(staff)
    assert 'id="response-invitations"' not in field_worker.get(listing).content.decode()
    response = theirs.post(answer_url(other_org, member), {"answer": "joined"})
    assert response.status_code == 302 and response["Location"] == detail
    member.refresh_from_db()
    assert (member.status, member.answered_by) == ("joined", users["outsider"]) and member.answered_at
    assert AuditEvent.objects.filter(target_id=str(member.pk), detail__response="joined").exists()
    assert 'id="response-invitations"' not in theirs.get(listing).content.decode()
    # They register their own people, and see those and the response's total only.
    register = reverse("affected_register", kwargs={"org": other_org.slug, "incident": incident.pk})
    saved = theirs.post(
        register,
        {
            "client_id": str(uuid.uuid4()),
            "full_name": "Ujang",
            "gender": "male",
            "age_years": "70",
            "consent": "self",
        },
    )
    assert (
        saved.status_code == 302
        and AffectedPerson.objects.get(person__full_name="Ujang").organization == other_org
    )
    page = theirs.get(detail)
    assert "Ujang" in page.content.decode() and "Dedi Kurniawan" not in page.content.decode()
    assert page.context["all_registered"] == 2
    ours_url = reverse(
        "affected_detail", kwargs={"org": other_org.slug, "incident": incident.pk, "affected": ours.pk}
    )
    assert theirs.get(ours_url).status_code == 404
    # Their field workers see the lead and who joined, not the lead's other invitations.
    members = theirs.get(
        reverse("response_partners", kwargs={"org": other_org.slug, "incident": incident.pk})
    )
    assert members.status_code == 200 and "SMA Lain" in members.content.decode()
    assert not members.context["may_invite"]


def test_a_declined_invitation_can_be_made_again_and_an_answer_is_given_once(
    client_as, org, other_org, users, incident
):
    member = response_invite(incident=incident, organization=other_org, by=users["coordinator"])
    theirs = in_english(client_as("outsider"))
    assert theirs.post(answer_url(other_org, member), {"answer": "declined"}).status_code == 302
    member.refresh_from_db()
    assert member.status == "declined"
    # Answered already: a second answer is refused and changes nothing.
    with pytest.raises(ResponseError):
        response_answer(member=member, answer="joined", by=users["outsider"])
    response = theirs.post(answer_url(other_org, member), {"answer": "joined"}, follow=True)
    assert "already answered" in response.content.decode()
    member.refresh_from_db()
    assert member.status == "declined"
    # The lead's page shows who declined, and asks again.
    lead = in_english(client_as("coordinator"))
    assert "declined" in lead.get(partners(org, incident)).content.decode()
    assert lead.post(partners(org, incident), {"organization": str(other_org.pk)}).status_code == 302
    member.refresh_from_db()
    assert (member.status, member.answered_by, member.answered_at) == ("invited", None, None)
    assert ResponseMember.objects.count() == 1
    assert AuditEvent.objects.filter(detail__response="invited_again").count() == 1
    # A made-up answer is refused.
    bad = theirs.post(answer_url(other_org, member), {"answer": "maybe"}, follow=True)
    assert "Choose to join the response or to decline" in bad.content.decode()
    member.refresh_from_db()
    assert member.status == "invited"


def test_an_invitation_is_answered_only_by_the_invited_organizations_managers(
    client_as, org, other_org, users, incident
):
    # The other organization's incident invites ours: only our coordinators and admins answer it.
    theirs = incident_create(
        organization=other_org,
        by=users["outsider"],
        kind="fire",
        title="Kebakaran",
        started_on=incident.started_on,
    )
    to_us = response_invite(incident=theirs, organization=org, by=users["outsider"])
    to_them = response_invite(incident=incident, organization=other_org, by=users["coordinator"])
    # Their invitation through our pages is unknown here, whoever asks.
    assert client_as("coordinator").post(answer_url(org, to_them), {"answer": "joined"}).status_code == 404
    assert client_as("field_worker").post(answer_url(org, to_us), {"answer": "joined"}).status_code == 403
    to_us.refresh_from_db()
    assert to_us.status == "invited"
    assert client_as("coordinator").post(answer_url(org, to_us), {"answer": "joined"}).status_code == 302
    to_us.refresh_from_db()
    assert to_us.status == "joined"
    listed = client_as("field_worker").get(reverse("incident_list", kwargs={"org": org.slug}))
    assert "Kebakaran" in listed.content.decode()
