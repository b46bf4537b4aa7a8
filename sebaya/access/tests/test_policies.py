"""The policies' own answers: what a supervising counselor reads of a private thread, break glass
while it lasts, a request that is nobody's own, and who may be given a case, a referral or a
supporter to supervise."""

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from conftest import make_person
from sebaya import access
from sebaya.counseling import services as counseling
from sebaya.counseling.models import BreakGlass
from sebaya.people.models import Role
from sebaya.support.models import HelpRequest, Message, SupporterProfile, SupportRelationship


@pytest.fixture
def relationship(org, users, student):
    supporter = users["peer_supporter"].person.memberships.get(organization=org)
    profile = SupporterProfile.objects.create(organization=org, membership=supporter)
    return SupportRelationship.objects.create(organization=org, person=student.person, supporter=profile)


@pytest.fixture
def thread(relationship, users):
    def say(body, **fields):
        return Message.objects.create(
            relationship=relationship,
            sender=users["peer_supporter"],
            from_supporter=True,
            body=body,
            **fields,
        )

    return {
        "plain": say("Halo, apa kabar?"),
        "reported": say("Kata-kata kasar", reported_at=timezone.now(), reported_by_supporter=False),
        "flagged": say("Aku ingin menghilang", risk_level="high"),
    }


def test_the_supporter_and_the_person_read_the_whole_thread(relationship, thread, users, student):
    assert set(access.visible_messages(users["peer_supporter"], relationship)) == set(thread.values())
    # The anonymous person proves their side with the request code and PIN, not an account.
    seen = access.visible_messages(AnonymousUser(), relationship, sides=frozenset({"person"}))
    assert set(seen) == set(thread.values())


def test_a_supervising_counselor_reads_only_reported_or_flagged_messages(relationship, thread, users):
    seen = set(access.visible_messages(users["counselor"], relationship))
    assert seen == {thread["reported"], thread["flagged"]}
    assert set(access.read_by_supervisors(Message.objects.all())) == seen


def test_someone_with_no_side_reads_no_private_message(relationship, thread, users):
    assert set(access.visible_messages(users["coordinator"], relationship)) == {
        thread["reported"],
        thread["flagged"],
    }
    assert not access.can(users["coordinator"], "relationship.view", relationship)


@pytest.fixture
def case(org, users, student):
    return counseling.case_open(
        organization=org,
        person=student.person,
        by=users["counselor"],
        summary="Cemas",
        domain="belajar",
    )


def test_break_glass_lets_a_colleague_read_notes_only_while_it_lasts(org, case):
    _m, colleague = make_person(org, "C-2", roles=[Role.COUNSELOR], username="colleague")
    assert access.active_break_glass(colleague, case) is None
    assert access.case_sides(colleague, case) == {"counselor"}
    glass = BreakGlass.objects.create(
        case=case, user=colleague, reason="Darurat", expires_at=timezone.now() + datetime.timedelta(hours=1)
    )
    assert access.active_break_glass(colleague, case) == glass
    assert access.can(colleague, "case.read_notes", case)
    BreakGlass.objects.filter(pk=glass.pk).update(expires_at=timezone.now() - datetime.timedelta(seconds=1))
    assert access.active_break_glass(colleague, case) is None
    assert not access.can(colleague, "case.read_notes", case)


def test_an_anonymous_request_is_nobodys_own(org, users, student):
    anonymous = HelpRequest(organization=org, person=None)
    personless = users["counselor"]
    personless.person_id = None
    assert not access.is_own(personless, anonymous)
    assert not access.is_own(users["member"], anonymous)
    assert access.is_own(users["member"], HelpRequest(organization=org, person=users["member"].person))
    assert not access.is_own(users["counselor"], HelpRequest(organization=org, person=student.person))


def test_who_may_be_assigned(org, other_org, users):
    make_person(other_org, "C-X", roles=[Role.COUNSELOR], username="elsewhere")
    _m, retired = make_person(org, "C-R", roles=[Role.COUNSELOR], username="retired")
    retired.is_active = False
    retired.save()
    counselors = [users["counselor"]]
    assert list(access.assignable_counselors(org)) == counselors
    assert list(access.assignable_supervisors(org)) == counselors
    assert list(access.on_call_candidates(org)) == counselors
    assert list(access.assignable_partners(org)) == [users["partner"]]
    assert list(access.users_with_role(org, Role.COUNSELOR, Role.COORDINATOR)) == [
        users["coordinator"],
        users["counselor"],
    ]


def test_a_partner_reads_referrals_as_a_partner_unless_also_a_counselor(org, users):
    assert access.sees_as_partner(users["partner"], org)
    assert not access.sees_as_partner(users["counselor"], org)
    assert not access.sees_as_partner(users["coordinator"], org)


def test_each_action_belongs_to_one_policy():
    with pytest.raises(ValueError, match="two policies"):
        access.decide._gather({"case.open": frozenset()}, {"case.open": frozenset()})
