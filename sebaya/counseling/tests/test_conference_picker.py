"""Case-conference participants: someone of the school is picked by typing part of their name (one
shared list of names for every row, namesakes told apart by class); anyone else by the name typed."""

import pytest
from django.urls import reverse

from conftest import make_person
from sebaya.counseling import services
from sebaya.counseling.models import ConferenceParticipant

FORM = {
    "status": "planned",
    "date": "2026-12-01",
    "place": "Ruang BK",
    "agenda": "Kehadiran",
    "minutes": "",
    "decisions": "",
    "version": "0",
    "participants-TOTAL_FORMS": "2",
    "participants-INITIAL_FORMS": "0",
    "actions-TOTAL_FORMS": "0",
    "actions-INITIAL_FORMS": "0",
}


@pytest.fixture
def case(org, users, student):
    return services.case_open(
        organization=org, person=student.person, by=users["counselor"], summary="Cemas", domain="pribadi"
    )


@pytest.fixture
def namesakes(org):
    first, _u = make_person(org, "aulia-1", full_name="Aulia Pratama", class_name="X-1")
    twin, _u = make_person(org, "aulia-2", full_name="Aulia Pratama", class_name="X-1")
    other_class, _u = make_person(org, "aulia-3", full_name="Aulia Pratama", class_name="X-2")
    return first, twin, other_class


def new_url(org, case):
    return reverse("conference_new", kwargs={"org": org.slug, "case": case.pk})


def test_every_participant_row_searches_one_list_of_names(client_as, org, case, namesakes):
    client = client_as("counselor")
    page = client.get(new_url(org, case)).content.decode()
    assert page.count('list="participant-names"') == 3  # the three empty rows
    assert page.count("<datalist") == 1 and '<datalist id="participant-names">' in page
    assert '<option value="Aulia Pratama (X-1)">' in page and '<option value="Aulia Pratama (X-2)">' in page
    assert '<option value="Aulia Pratama (X-1) · 2">' in page
    assert 'aria-describedby="participants-help"' in page and 'id="participants-help"' in page
    # A row added with htmx uses the page's list: it brings no names of its own.
    row_url = reverse("conference_row", kwargs={"org": org.slug, "case": case.pk, "kind": "participants"})
    row = client.get(row_url, {"participants-TOTAL_FORMS": "3"}).content.decode()
    assert 'name="participants-3-name"' in row and 'list="participant-names"' in row
    assert "<datalist" not in row and "Aulia" not in row


def test_a_name_chosen_from_the_list_is_that_person_and_others_are_kept_as_typed(
    client_as, org, case, namesakes
):
    first, twin, other_class = namesakes
    client = client_as("counselor")
    data = FORM | {
        "participants-0-name": "Aulia Pratama (X-1) · 2",
        "participants-0-role": "student",
        "participants-1-name": "Bu Rina",
        "participants-1-role": "parent",
    }
    assert client.post(new_url(org, case), data).status_code == 302
    conference = case.conferences.get()
    rows = {p.name if p.person_id is None else p.person_id: p for p in conference.participants.all()}
    # Which namesake carries "· 2" follows the list's order (by primary key, which differs between
    # databases); it is exactly one of the two, and the same one on every page.
    chosen = set(rows) - {"Bu Rina"}
    assert "Bu Rina" in rows and len(chosen) == 1 and chosen <= {first.person_id, twin.person_id}
    assert rows[chosen.pop()].name == "Aulia Pratama"
    # Editing shows the person as they were picked, and saving again keeps them.
    edit = reverse("conference_edit", kwargs={"org": org.slug, "case": case.pk, "conference": conference.pk})
    page = client.get(edit).content.decode()
    assert 'value="Aulia Pratama (X-1) · 2"' in page and 'value="Bu Rina"' in page
    assert 'name="participants-INITIAL_FORMS" value="2"' in page
    again = data | {
        "version": str(conference.version),
        "participants-INITIAL_FORMS": "2",
        "participants-0-name": "Aulia Pratama (X-2)",
    }
    assert client.post(edit, again).status_code == 302
    assert {p.person_id for p in conference.participants.all()} == {other_class.person_id, None}


def test_someone_of_another_organization_is_refused_and_nothing_is_saved(
    client_as, org, case, namesakes, other_org_membership
):
    client = client_as("counselor")
    for sent in (str(other_org_membership.pk), str(other_org_membership.person_id)):
        data = FORM | {"participants-0-name": sent, "participants-0-role": "student"}
        response = client.post(new_url(org, case), data)
        assert response.status_code == 400
        assert "Orang itu tidak ada di daftar" in response.content.decode()
    assert not case.conferences.exists() and not ConferenceParticipant.objects.exists()
