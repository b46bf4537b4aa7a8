import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from conftest import make_person
from sebaya import access
from sebaya.accounts.models import User
from sebaya.audit.models import AuditAction, AuditEvent
from sebaya.people import services
from sebaya.people.models import Membership, MembershipRole, Person, Role


def person_url(name, org, membership):
    return reverse(name, kwargs={"org": org.slug, "person": membership.person_id})


def test_staff_viewing_a_profile_is_audited_but_looking_at_yourself_is_not(client_as, users, org, student):
    client_as("counselor").get(person_url("person_detail", org, student))
    event = AuditEvent.objects.get(action=AuditAction.RECORD_VIEWED)
    assert event.actor == users["counselor"]
    assert event.subject_person_id == student.person_id
    assert event.organization == org
    assert "Siti" not in str(event.detail)  # identifiers only, never content
    own = Membership.objects.get(person=users["member"].person)
    client_as("member").get(person_url("person_detail", org, own))
    assert AuditEvent.objects.filter(action=AuditAction.RECORD_VIEWED).count() == 1


def test_people_list_filters_and_shows_only_this_organization(
    client_as, org, other_org, student, other_org_membership
):
    make_person(org, "S-002", full_name="Budi Santoso", grade="11", class_name="XI-1")
    client = client_as("counselor")
    page = client.get(reverse("people_list", kwargs={"org": org.slug})).content.decode()
    assert "Siti Student" in page and "Budi Santoso" in page and "Other Student" not in page
    filtered = client.get(reverse("people_list", kwargs={"org": org.slug}), {"grade": "11"}).content.decode()
    assert "Budi Santoso" in filtered and "Siti Student" not in filtered
    by_id = client.get(reverse("people_list", kwargs={"org": org.slug}), {"q": "S-001"}).content.decode()
    assert "Siti Student" in by_id and "Budi Santoso" not in by_id
    bad = client.get(reverse("people_list", kwargs={"org": org.slug}), {"role": "wizard"})
    assert bad.status_code == 200 and "wizard" in bad.content.decode()  # the form says why, nothing breaks


def test_people_list_queries_do_not_grow_with_the_number_of_people(client_as, org):
    client = client_as("counselor")
    url = reverse("people_list", kwargs={"org": org.slug})
    for i in range(5):
        make_person(org, f"A-{i}")
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for i in range(30):
        make_person(org, f"B-{i}")
    with CaptureQueriesContext(connection) as many:
        client.get(url)
    assert len(many) == len(few)


def test_admin_adds_a_person_with_roles(client_as, org):
    response = client_as("org_admin").post(
        reverse("person_add", kwargs={"org": org.slug}),
        {
            "person-full_name": "Rahma Lestari",
            "person-gender": "female",
            "person-birth_date": "2010-04-05",
            "person-guardian_name": "Ibu Lestari",
            "membership-external_id": "N-77",
            "membership-grade": "10",
            "membership-is_active": "on",
            "roles-roles": ["member", "peer_supporter"],
        },
    )
    assert response.status_code == 302
    membership = Membership.objects.get(organization=org, external_id="N-77")
    assert membership.person.is_minor
    assert membership.role_codes == ["member", "peer_supporter"]


def test_adding_a_person_with_a_taken_identifier_writes_nothing(client_as, org, student):
    before = Person.objects.count()
    response = client_as("org_admin").post(
        reverse("person_add", kwargs={"org": org.slug}),
        {
            "person-full_name": "Dup",
            "person-gender": "male",
            "membership-external_id": "S-001",
            "roles-roles": ["member"],
        },
    )
    assert response.status_code == 400
    assert "external_id" in response.context["membership_form"].errors
    assert Person.objects.count() == before


def test_editing_a_profile_is_audited_with_field_names_only(client_as, org, student):
    response = client_as("org_admin").post(
        person_url("person_edit", org, student),
        {
            "person-full_name": "Siti Aminah",
            "person-gender": "unstated",
            "membership-external_id": "S-001",
            "membership-grade": "10",
            "membership-class_name": "X-2",
            "membership-is_active": "on",
        },
    )
    assert response.status_code == 302
    student.refresh_from_db()
    assert student.person.full_name == "Siti Aminah" and student.class_name == "X-2"
    event = AuditEvent.objects.get(action=AuditAction.RECORD_CHANGED)
    assert event.detail == {"fields": ["class_name", "full_name"]}


def test_bad_profile_input_is_refused_and_nothing_is_saved(client_as, org, student):
    response = client_as("org_admin").post(
        person_url("person_edit", org, student),
        {
            "person-full_name": "",
            "person-gender": "female",
            "person-birth_date": "31/31/2010",
            "membership-grade": "10",
        },
    )
    assert response.status_code == 400
    student.refresh_from_db()
    assert student.person.full_name == "Siti Student"


def test_roles_change_is_audited(client_as, users, org, student):
    response = client_as("org_admin").post(
        person_url("person_roles", org, student), {"roles": ["member", "peer_supporter"]}
    )
    assert response.status_code == 302
    assert sorted(student.roles.values_list("role", flat=True)) == ["member", "peer_supporter"]
    event = AuditEvent.objects.get(action=AuditAction.ROLES_CHANGED)
    assert event.detail == {"added": ["peer_supporter"], "removed": []}
    assert event.actor == users["org_admin"]


def test_an_organization_keeps_at_least_one_admin(client_as, users, org):
    own = Membership.objects.get(person=users["org_admin"].person)
    response = client_as("org_admin").post(person_url("person_roles", org, own), {"roles": ["counselor"]})
    assert response.status_code == 400
    assert own.role_codes == ["org_admin"]
    second, _user = make_person(org, "A-2", roles=[Role.ORG_ADMIN])
    assert (
        client_as("org_admin")
        .post(person_url("person_roles", org, own), {"roles": ["counselor"]})
        .status_code
        == 302
    )
    with pytest.raises(services.LastAdminError):
        services.roles_set(membership=second, roles=[Role.MEMBER], by=None)


def test_role_changes_take_effect_on_the_next_request(client_as, users, org, student):
    client = client_as("member")
    assert client.get(reverse("people_list", kwargs={"org": org.slug})).status_code == 403
    member_membership = Membership.objects.get(person=users["member"].person)
    MembershipRole.objects.create(membership=member_membership, role=Role.PEER_SUPPORTER)
    services.roles_set(
        membership=member_membership, roles=[Role.MEMBER, Role.COUNSELOR], by=users["org_admin"]
    )
    from allauth.mfa.totp.internal.auth import TOTP

    TOTP.activate(users["member"], "JBSWY3DPEHPK3PXP")
    assert client.get(reverse("people_list", kwargs={"org": org.slug})).status_code == 200


def test_admin_creates_an_account_with_a_temporary_password(client_as, org, student):
    response = client_as("org_admin").post(
        person_url("person_account", org, student),
        {"account-username": "S-001", "account-email": "", "password-password": "temporary-pass-4821"},
    )
    assert response.status_code == 302
    user = User.objects.get(person=student.person)
    assert (
        user.username == "s-001" and user.must_change_password and user.check_password("temporary-pass-4821")
    )
    assert AuditEvent.objects.filter(
        action=AuditAction.PASSWORD_SET, subject_person_id=student.person_id
    ).exists()


def test_a_weak_temporary_password_or_taken_username_is_refused(client_as, users, org, student):
    client = client_as("org_admin")
    weak = client.post(
        person_url("person_account", org, student), {"account-username": "s-001", "password-password": "123"}
    )
    assert weak.status_code == 400 and not User.objects.filter(person=student.person).exists()
    taken = client.post(
        person_url("person_account", org, student),
        {"account-username": "counselor", "password-password": "temporary-pass-4821"},
    )
    assert taken.status_code == 400 and not User.objects.filter(person=student.person).exists()


def test_visible_memberships_follow_the_role(users, org, student):
    assert student in access.visible_memberships(users["counselor"], org)
    assert list(access.visible_memberships(users["member"], org)) == [
        Membership.objects.get(person=users["member"].person)
    ]
    assert not access.visible_memberships(users["outsider"], org).filter(pk=student.pk).exists()


def test_a_person_may_belong_to_several_organizations_with_different_roles(org, other_org, users):
    person = users["counselor"].person
    membership = Membership.objects.create(person=person, organization=other_org)
    MembershipRole.objects.create(membership=membership, role=Role.MEMBER)
    access.forget_roles(users["counselor"])
    assert access.roles_in(users["counselor"], org) == {Role.COUNSELOR}
    assert access.roles_in(users["counselor"], other_org) == {Role.MEMBER}
