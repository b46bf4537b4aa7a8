"""Unread messages in a peer support thread: what each side has not read yet, the read mark that
opening the thread moves, and the menu's badge that counts them."""

import re

import pytest
from django.urls import reverse

from conftest import in_english, make_person
from sebaya import access
from sebaya.people.models import Membership, Role
from sebaya.support import services
from sebaya.support.models import SupportRelationship

pytestmark = pytest.mark.django_db


def supporter_in(organization, membership, *, by=None):
    return services.supporter_profile_save(membership=membership, by=by, certified=True, capacity=5)


def accompany(organization, person, profile, *, by):
    help_request, _code, _pin = services.help_request_submit(
        organization=organization, person=person, topic="academic"
    )
    return services.relationship_start(help_request=help_request, supporter_id=profile.pk, by=by)


@pytest.fixture
def relationship(org, users):
    """The member accompanied by the peer supporter."""
    membership = users["peer_supporter"].person.memberships.get(organization=org)
    return accompany(org, users["member"].person, supporter_in(org, membership), by=users["counselor"])


def send(relationship, body, *, by, from_supporter):
    return services.message_send(
        relationship=relationship, body=body, from_supporter=from_supporter, sender=by
    )


def unread(user, organization):
    return access.unread_counts(user, organization)


def thread_url(relationship):
    return reverse(
        "relationship_thread",
        kwargs={"org": relationship.organization.slug, "relationship": relationship.pk},
    )


def detail_url(relationship):
    return reverse(
        "relationship_detail",
        kwargs={"org": relationship.organization.slug, "relationship": relationship.pk},
    )


def test_the_other_sides_messages_are_unread_and_ones_own_never(org, users, relationship):
    member, supporter = users["member"], users["peer_supporter"]
    send(relationship, "Halo kak, aku mau cerita.", by=member, from_supporter=False)
    send(relationship, "Aku juga susah tidur.", by=member, from_supporter=False)
    assert unread(member, org) == {"person": 0, "supporter": 0}  # one's own words are not news
    assert unread(supporter, org) == {"person": 0, "supporter": 2}
    send(relationship, "Halo, aku dengerin ya.", by=supporter, from_supporter=True)
    assert unread(member, org) == {"person": 1, "supporter": 0}
    assert unread(supporter, org) == {"person": 0, "supporter": 2}
    # The counselor supervises but is not in the thread: nothing is unread for them.
    assert unread(users["counselor"], org) == {"person": 0, "supporter": 0}


def test_opening_the_thread_reads_it_and_a_later_message_is_unread_again(client_as, org, users, relationship):
    member, supporter = users["member"], users["peer_supporter"]
    send(relationship, "Halo kak.", by=member, from_supporter=False)
    send(relationship, "Kakak ada waktu?", by=member, from_supporter=False)
    assert client_as("peer_supporter").get(thread_url(relationship)).status_code == 200
    assert unread(supporter, org)["supporter"] == 0
    relationship.refresh_from_db()
    assert relationship.supporter_read_at == relationship.messages.last().created_at
    assert relationship.person_read_at is None  # the member's side has not read anything
    send(relationship, "Kak?", by=member, from_supporter=False)
    assert unread(supporter, org)["supporter"] == 1
    # The relationship's page opens the thread at once: that reads it too.
    assert client_as("peer_supporter").get(detail_url(relationship)).status_code == 200
    assert unread(supporter, org)["supporter"] == 0

    send(relationship, "Ada, mau cerita apa?", by=supporter, from_supporter=True)
    assert unread(member, org)["person"] == 1
    assert client_as("member").get(detail_url(relationship)).status_code == 200
    assert unread(member, org)["person"] == 0


def test_a_supervising_counselor_reading_the_thread_reads_nothing_for_the_two_sides(
    client_as, org, users, relationship
):
    send(relationship, "Aku mau cerita.", by=users["member"], from_supporter=False)
    send(relationship, "Boleh.", by=users["peer_supporter"], from_supporter=True)
    assert client_as("counselor").get(thread_url(relationship)).status_code == 200
    assert client_as("counselor").get(detail_url(relationship)).status_code == 200
    relationship.refresh_from_db()
    assert relationship.person_read_at is None and relationship.supporter_read_at is None
    assert unread(users["member"], org)["person"] == 1
    assert unread(users["peer_supporter"], org)["supporter"] == 1


def test_the_read_mark_never_moves_back(org, users, relationship):
    first = send(relationship, "Satu.", by=users["member"], from_supporter=False)
    send(relationship, "Dua.", by=users["member"], from_supporter=False)
    services.thread_mark_read(relationship=relationship, side="supporter")
    newest = SupportRelationship.objects.get(pk=relationship.pk).supporter_read_at
    # A second tab whose last poll showed only the first message.
    stale = SupportRelationship.objects.get(pk=relationship.pk)
    stale.supporter_read_at = None
    services.thread_mark_read(relationship=stale, side="supporter", up_to=first.created_at)
    assert SupportRelationship.objects.get(pk=relationship.pk).supporter_read_at == newest
    assert unread(users["peer_supporter"], org)["supporter"] == 0


def test_another_persons_thread_does_not_count(org, users, relationship):
    # The same supporter accompanies a second student; another supporter accompanies a third.
    second, _user = make_person(org, "S-2", full_name="Second Student")
    other_supporter, other_user = make_person(
        org, "PS-2", roles=[Role.MEMBER, Role.PEER_SUPPORTER], username="ps2"
    )
    third, _user = make_person(org, "S-3", full_name="Third Student")
    with_second = accompany(org, second.person, relationship.supporter, by=users["counselor"])
    elsewhere = accompany(org, third.person, supporter_in(org, other_supporter), by=users["counselor"])
    send(with_second, "Dari murid kedua.", by=None, from_supporter=False)
    send(elsewhere, "Dari murid ketiga.", by=None, from_supporter=False)
    send(elsewhere, "Balasan untuk murid ketiga.", by=other_user, from_supporter=True)
    assert unread(users["peer_supporter"], org) == {"person": 0, "supporter": 1}
    assert unread(other_user, org) == {"person": 0, "supporter": 1}
    assert unread(users["member"], org) == {"person": 0, "supporter": 0}


def test_a_thread_in_another_organization_does_not_count(org, other_org, users, relationship):
    # The member is also a student of the other school, accompanied there by its own supporter.
    member = users["member"]
    Membership.objects.create(person=member.person, organization=other_org, external_id="X-1")
    there, there_user = make_person(
        other_org, "PS-X", roles=[Role.MEMBER, Role.PEER_SUPPORTER], username="ps-other"
    )
    abroad = accompany(other_org, member.person, supporter_in(other_org, there), by=None)
    send(abroad, "Halo dari sekolah lain.", by=there_user, from_supporter=True)
    send(relationship, "Halo dari sekolah ini.", by=users["peer_supporter"], from_supporter=True)
    assert unread(member, org)["person"] == 1
    assert unread(member, other_org)["person"] == 1


def _badge(html: str, key: str) -> str:
    link = re.search(rf'<a [^>]*id="menu-{key}".*?</a>', html, re.S)
    assert link, f"no menu item {key}"
    return link.group(0)


def test_the_menu_shows_the_unread_badge_with_a_spoken_label(client_as, org, users, relationship):
    home = reverse("org_home", kwargs={"org": org.slug})
    assert 'id="unread-as-person"' not in client_as("member").get(home).content.decode()

    send(relationship, "Halo, aku dengerin ya.", by=users["peer_supporter"], from_supporter=True)
    send(relationship, "Kapan mau ngobrol?", by=users["peer_supporter"], from_supporter=True)
    send(relationship, "Aku ada di ruang OSIS.", by=users["peer_supporter"], from_supporter=True)
    item = _badge(client_as("member").get(home).content.decode(), "requests")
    assert re.search(r'id="unread-as-person" aria-hidden="true">3<', item)
    assert '<span class="visually-hidden"> 3 pesan belum dibaca</span>' in item
    english = _badge(in_english(client_as("member")).get(home).content.decode(), "requests")
    assert "3 unread messages" in english
    # The page the badge leads to says which conversation.
    page = client_as("member").get(reverse("help_home", kwargs={"org": org.slug})).content.decode()
    assert "3 pesan belum dibaca" in page

    send(relationship, "Makasih kak.", by=users["member"], from_supporter=False)
    supporter_home = in_english(client_as("peer_supporter")).get(home).content.decode()
    item = _badge(supporter_home, "accompany")
    assert re.search(r'id="unread-as-supporter" aria-hidden="true">1<', item)
    assert "1 unread message<" in item
    listing = in_english(client_as("peer_supporter")).get(
        reverse("relationship_list", kwargs={"org": org.slug})
    )
    assert "1 unread message<" in listing.content.decode()

    client_as("member").get(detail_url(relationship))
    assert 'id="unread-as-person"' not in client_as("member").get(home).content.decode()
