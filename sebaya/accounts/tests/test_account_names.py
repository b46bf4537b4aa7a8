"""The person-account form never reveals another organization's accounts.

The other organization's admin ("outsider") gives one of their people a username or an email
that exists only in our organization: the page must read exactly as for a reserved name, take
the same queries, and save nothing. Inside one's own organization the holder is named.
"""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from conftest import in_english
from sebaya.accounts.models import User

pytestmark = pytest.mark.django_db

PASSWORD = "temporary-pass-4821"


def account_url(organization, membership):
    return reverse("person_account", kwargs={"org": organization.slug, "person": membership.person_id})


def errors(page: str) -> list[str]:
    return re.findall(r'<ul class="errorlist"[^>]*><li>(.*?)</li>', page)


@pytest.fixture
def outsider_posts(client_as, other_org, other_org_membership):
    """POST the account form as the other organization's admin; the page's errors and query count."""
    client = in_english(client_as("outsider"))

    def post(username, email=""):
        data = {"account-username": username, "account-email": email, "password-password": PASSWORD}
        with CaptureQueriesContext(connection) as queries:
            response = client.post(account_url(other_org, other_org_membership), data)
        assert response.status_code == 400
        return errors(response.content.decode()), len(queries)

    return post


def test_a_username_held_only_in_another_organization_reads_like_a_reserved_one(users, outsider_posts):
    taken, taken_queries = outsider_posts("Counselor")  # exists, in our organization only
    reserved, reserved_queries = outsider_posts("Support")  # reserved, exists nowhere
    assert taken == ["This username cannot be used. Choose another, for example “other.counselor”."]
    assert reserved == ["This username cannot be used. Choose another, for example “other.support”."]
    assert taken_queries == reserved_queries


def test_an_email_held_only_in_another_organization_reads_like_a_reserved_one(
    users, outsider_posts, other_org_membership
):
    User.objects.filter(username="counselor").update(email="bk@sekolah.id")
    taken, taken_queries = outsider_posts("o-001", "BK@sekolah.id")
    reserved, reserved_queries = outsider_posts("o-001", "noreply@sebaya.invalid")
    neutral = "This email cannot be used for a sign-in account. Leave it empty or use another address."
    assert taken == reserved == [neutral]
    assert taken_queries == reserved_queries
    assert not User.objects.filter(person=other_org_membership.person).exists()  # nothing saved


def test_nothing_is_saved_and_nobody_is_named(users, client_as, other_org, other_org_membership):
    client = in_english(client_as("outsider"))
    response = client.post(
        account_url(other_org, other_org_membership),
        {"account-username": "counselor", "account-email": "", "password-password": PASSWORD},
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert "counselor person" not in page and "id-counselor" not in page and "SMA Test" not in page
    assert not User.objects.filter(person=other_org_membership.person).exists()


def test_in_our_own_organization_the_holder_is_named(users, client_as, org, student):
    User.objects.filter(username="counselor").update(email="bk@sekolah.id")
    client = in_english(client_as("org_admin"))
    response = client.post(
        account_url(org, student),
        {"account-username": "counselor", "account-email": "bk@sekolah.id", "password-password": PASSWORD},
    )
    assert response.status_code == 400
    assert errors(response.content.decode()) == [
        "This username already belongs to counselor person (id-counselor) in this organization.",
        "This email already belongs to counselor person (id-counselor) in this organization.",
    ]
    assert not User.objects.filter(person=student.person).exists()


def test_an_account_keeps_its_own_name_and_a_free_one_is_saved(users, client_as, org):
    # A member's account (a counselor's address changes only with a second admin: test_recovery).
    client = in_english(client_as("org_admin"))
    member = users["member"]
    membership = member.person.memberships.get(organization=org)
    response = client.post(
        account_url(org, membership),
        {"account-username": "member", "account-email": "Siswa@Sekolah.id", "password-password": PASSWORD},
    )
    assert response.status_code == 302
    member.refresh_from_db()
    assert (member.username, member.email) == ("member", "siswa@sekolah.id")


def test_a_username_with_other_characters_is_refused(users, client_as, org, student):
    client = in_english(client_as("org_admin"))
    response = client.post(
        account_url(org, student), {"account-username": "siti aminah", "password-password": PASSWORD}
    )
    assert errors(response.content.decode()) == ["A username may only use letters, digits and . @ + - _"]
    assert not User.objects.filter(person=student.person).exists()
