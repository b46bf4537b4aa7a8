"""Usernames and emails in a roster: another organization's accounts are never revealed.

The admin of the other organization ("outsider", admin of `other_org`) imports names that exist
only in our organization. The answer must be the same as for a reserved name, come from the
same queries, and write nothing; inside one's own organization the holder is named.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from conftest import make_person
from sebaya.accounts.models import User
from sebaya.people.models import Membership, Person
from sebaya.roster.services import RosterChanged, roster_apply, roster_preview
from sebaya.roster.tests.helpers import csv_bytes

pytestmark = pytest.mark.django_db

NEUTRAL_USERNAME = (
    "The username “{name}” cannot be used. Give this row another one in a “username” column, "
    "for example “other.{name}”."
)
NEUTRAL_EMAIL = (
    "The email {email} cannot be used for a sign-in account. Leave the cell empty or use another address."
)


@pytest.fixture
def outsider_preview(other_org, users):
    """A preview by the other organization's admin, and the number of queries it took."""

    def make(rows):
        with CaptureQueriesContext(connection) as queries:
            roster_import = roster_preview(
                organization=other_org, by=users["outsider"], name="r.csv", content=csv_bytes(rows)
            )
        return roster_import, len(queries)

    return make


def everything():
    return (
        sorted(Person.objects.values_list("id", "full_name")),
        sorted(Membership.objects.values_list("id", "organization_id", "external_id")),
        sorted(User.objects.values_list("id", "username", "email", "person_id")),
    )


def test_a_username_held_only_in_another_organization_is_answered_like_a_reserved_one(
    users, outsider_preview
):
    # "counselor" exists, in our organization only; "support" is reserved and exists nowhere.
    taken, taken_queries = outsider_preview([["nis", "nama", "username"], ["O-7", "Budi", "Counselor"]])
    reserved, reserved_queries = outsider_preview([["nis", "nama", "username"], ["O-7", "Budi", "Support"]])
    assert taken.rows[0]["errors"] == [NEUTRAL_USERNAME.format(name="counselor")]
    assert reserved.rows[0]["errors"] == [NEUTRAL_USERNAME.format(name="support")]
    assert taken_queries == reserved_queries
    assert "counselor person" not in str(taken.rows) and "id-counselor" not in str(taken.rows)


def test_an_identifier_taken_as_a_username_in_another_organization_gets_the_neutral_answer(
    users, outsider_preview
):
    # Our member signs in as "member"; their number in the other school would be the same name.
    roster_import, _queries = outsider_preview([["nis", "nama"], ["MEMBER", "Budi"], ["ROOT", "Ani"]])
    assert [row["errors"] for row in roster_import.rows] == [
        [NEUTRAL_USERNAME.format(name="member")],
        [NEUTRAL_USERNAME.format(name="root")],
    ]


def test_an_email_held_only_in_another_organization_is_answered_like_a_reserved_one(users, outsider_preview):
    User.objects.filter(username="counselor").update(email="bk@sekolah.id")
    taken, taken_queries = outsider_preview([["nis", "nama", "email"], ["O-7", "Budi", "BK@sekolah.id"]])
    reserved, reserved_queries = outsider_preview(
        [["nis", "nama", "email"], ["O-7", "Budi", "noreply@sebaya.invalid"]]  # Sebaya's own sender
    )
    assert taken.rows[0]["errors"] == [NEUTRAL_EMAIL.format(email="bk@sekolah.id")]
    assert reserved.rows[0]["errors"] == [NEUTRAL_EMAIL.format(email="noreply@sebaya.invalid")]
    assert taken_queries == reserved_queries


def test_a_refused_name_writes_nothing_even_at_confirmation(users, outsider_preview):
    roster_import, _queries = outsider_preview([["nis", "nama", "username"], ["O-7", "Budi", "counselor"]])
    before = everything()
    with pytest.raises(RosterChanged):
        roster_apply(roster_import=roster_import, by=users["outsider"], make_passwords=True)
    assert everything() == before


def test_a_name_taken_in_another_organization_after_the_preview_refuses_the_confirmation(
    org, other_org, users, outsider_preview
):
    roster_import, _queries = outsider_preview([["nis", "nama"], ["O-7", "Budi"], ["O-8", "Candra"]])
    assert roster_import.error_count == 0
    make_person(org, "S-77", username="o-8")  # our school gives the name away meanwhile
    before = everything()
    with pytest.raises(RosterChanged, match="no longer valid"):
        roster_apply(roster_import=roster_import, by=users["outsider"], make_passwords=False)
    assert everything() == before  # Budi (row 1, still fine) was not written either


def test_in_our_own_organization_the_holder_is_named(org, users):
    User.objects.filter(username="counselor").update(email="bk@sekolah.id")
    roster_import = roster_preview(
        organization=org,
        by=users["org_admin"],
        name="r.csv",
        content=csv_bytes(
            [["nis", "nama", "username", "email"], ["S-70", "Budi", "counselor", "bk@sekolah.id"]]
        ),
    )
    assert roster_import.rows[0]["errors"] == [
        "The username “counselor” already belongs to counselor person (id-counselor) in this organization. "
        "Give this row another one in a “username” column.",
        "The email bk@sekolah.id already belongs to counselor person (id-counselor) in this organization.",
    ]


def test_someone_in_both_organizations_is_named_to_both(org, other_org, users, outsider_preview):
    counselor = users["counselor"].person
    Membership.objects.create(person=counselor, organization=other_org, external_id="O-50")
    roster_import, _queries = outsider_preview([["nis", "nama", "username"], ["O-7", "Budi", "counselor"]])
    assert roster_import.rows[0]["errors"] == [
        "The username “counselor” already belongs to counselor person (O-50) in this organization. "
        "Give this row another one in a “username” column."
    ]


def test_an_account_keeps_its_own_reserved_name_on_reimport(org, users):
    make_person(org, "S-90", username="admin", roles=["org_admin"])  # as `sebaya org admin` may make it
    roster_import = roster_preview(
        organization=org,
        by=users["org_admin"],
        name="r.csv",
        content=csv_bytes([["nis", "nama", "username"], ["S-90", "Admin Sekolah", "admin"]]),
    )
    assert roster_import.error_count == 0


def test_a_reserved_name_is_refused_in_our_own_organization_too(org, users):
    roster_import = roster_preview(
        organization=org,
        by=users["org_admin"],
        name="r.csv",
        content=csv_bytes([["nis", "nama", "username"], ["S-91", "Budi", "Sebaya"]]),
    )
    assert roster_import.rows[0]["errors"] == [
        "The username “sebaya” cannot be used. Give this row another one in a “username” column, "
        "for example “school.sebaya”."
    ]
