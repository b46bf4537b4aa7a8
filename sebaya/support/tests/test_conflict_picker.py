"""Declaring a conflict of interest picks the person by typing part of their name (the searchable
picker of kernel/fields.py), as a school of hundreds needs; namesakes are told apart by class."""

import pytest
from django.urls import reverse

from conftest import make_person
from sebaya.support import services
from sebaya.support.models import SupporterConflict


@pytest.fixture
def supporter(org, users):
    membership = users["peer_supporter"].person.memberships.get(organization=org)
    return services.supporter_profile_save(membership=membership, by=users["coordinator"], certified=True)


@pytest.fixture
def namesakes(org):
    first, _u = make_person(org, "aulia-1", full_name="Aulia Pratama", class_name="X-1")
    twin, _u = make_person(org, "aulia-2", full_name="Aulia Pratama", class_name="X-1")
    other_class, _u = make_person(org, "aulia-3", full_name="Aulia Pratama", class_name="X-2")
    return first, twin, other_class


def urls(org, users):
    kwargs = {"org": org.slug, "person": users["peer_supporter"].person_id}
    return reverse("supporter_edit", kwargs=kwargs), reverse("supporter_conflict_add", kwargs=kwargs)


def test_the_conflict_form_is_a_searchable_list_of_names_with_their_class(
    client_as, org, users, supporter, namesakes
):
    page_url, _add = urls(org, users)
    page = client_as("coordinator").get(page_url).content.decode()
    assert 'name="person"' in page and 'list="conflict_person_list"' in page
    assert '<datalist id="conflict_person_list">' in page
    assert '<option value="Aulia Pratama (X-1)">' in page and '<option value="Aulia Pratama (X-2)">' in page
    assert '<option value="Aulia Pratama (X-1) · 2">' in page  # same name, same class: numbered
    assert '<option value="member person">' in page
    assert '<option value="peer_supporter person' not in page  # not a conflict with oneself
    assert 'name="identifier"' not in page


def test_a_person_chosen_by_name_is_the_one_declared(client_as, org, users, supporter, namesakes):
    _first, _twin, other_class = namesakes
    page_url, add = urls(org, users)
    response = client_as("coordinator").post(add, {"person": "Aulia Pratama (X-2)"})
    assert response.status_code == 302 and response["Location"] == page_url
    assert [c.person for c in SupporterConflict.objects.all()] == [other_class.person]


def test_someone_of_another_organization_is_refused_with_a_clear_message(
    client_as, org, users, supporter, other_org_membership
):
    _page, add = urls(org, users)
    client = client_as("coordinator")
    for sent in (str(other_org_membership.pk), "Other Student", str(other_org_membership.person_id)):
        response = client.post(add, {"person": sent}, follow=True)
        assert response.status_code == 200
        messages = [str(m) for m in response.context["messages"]]
        assert messages == ["Pilih nama dari daftar (ketik beberapa huruf untuk melihatnya)."], sent
    # Nor the supporter themself, nor an empty box.
    for sent in ("peer_supporter person", ""):
        client.post(add, {"person": sent})
    assert not SupporterConflict.objects.exists()
