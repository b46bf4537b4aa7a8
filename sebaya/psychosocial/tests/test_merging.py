"""Likely duplicates after registering: the review list pairs the organization's registrations
that names.likely_same calls one person, a merge keeps every record of both and is audited, and
"not the same person" is remembered."""

import itertools
import random
import uuid

import pytest
from django.urls import reverse
from django.utils import timezone

from conftest import in_english
from sebaya.audit.models import AuditEvent
from sebaya.people.models import Person
from sebaya.psychosocial import names
from sebaya.psychosocial.models import AffectedPerson, Household, ResponseMember
from sebaya.psychosocial.services import merging
from sebaya.psychosocial.services.incidents import incident_create
from sebaya.psychosocial.services.merging import MergeError, affected_merge, likely_pairs
from sebaya.psychosocial.services.registration import _as_match, affected_register

pytestmark = pytest.mark.django_db


def register(incident, organization, by, name, **fields):
    data = {"gender": "male", "age_years": 12, "village": "Sukamaju", "consent": "guardian", **fields}
    affected, _made = affected_register(
        incident=incident, organization=organization, by=by, client_id=uuid.uuid4(), full_name=name, **data
    )
    return affected


@pytest.fixture
def twins(incident, org, users):
    """The same boy registered at two desks, and a woman who is someone else."""
    first = register(
        incident,
        org,
        users["field_worker"],
        "Muhammad Rizki",
        vulnerabilities=["separated_child"],
        site="Posko Masjid",
    )
    second = register(
        incident,
        org,
        users["counselor"],
        "Moh. Rizky",
        age_years=13,
        phone="0812-3456",
        guardian_name="Ibu Sari",
        new_household="Keluarga Pak Dedi",
        relation="child",
        exposures=["home_destroyed"],
    )
    register(incident, org, users["field_worker"], "Siti Aminah", gender="female", age_years=40)
    return first, second


def review(org, incident):
    return reverse("duplicate_review", kwargs={"org": org.slug, "incident": incident.pk})


def test_the_review_list_shows_likely_pairs_side_by_side_and_the_incident_page_counts_them(
    client_as, org, incident, twins
):
    client = in_english(client_as("field_worker"))
    detail = client.get(reverse("incident_detail", kwargs={"org": org.slug, "incident": incident.pk}))
    assert detail.context["likely_pairs"] == 1 and 'id="incident-likely-pairs"' in detail.content.decode()
    page = client.get(review(org, incident))
    html = page.content.decode()
    assert page.status_code == 200 and len(page.context["pairs"]) == 1
    pair, _sides = page.context["pairs"][0]
    assert {pair.first, pair.second} == set(twins)
    assert "Muhammad Rizki" in html and "Moh. Rizky" in html and "Siti Aminah" not in html
    assert "Keluarga Pak Dedi" in html and "Posko Masjid" in html and "Child separated" in html


def test_a_merge_keeps_both_registrations_fills_the_kept_one_and_is_audited(
    client_as, org, users, incident, twins
):
    kept, merged = twins
    client = in_english(client_as("field_worker"))
    response = client.post(
        reverse("duplicate_merge", kwargs={"org": org.slug, "incident": incident.pk}),
        {"kept": str(kept.pk), "merged": str(merged.pk)},
    )
    kept_url = reverse(
        "affected_detail", kwargs={"org": org.slug, "incident": incident.pk, "affected": kept.pk}
    )
    assert response.status_code == 302 and response["Location"] == kept_url
    kept.refresh_from_db()
    merged.refresh_from_db()
    # Nothing deleted: both registrations and both people stay; the merged one points to the kept one.
    assert AffectedPerson.objects.count() == 3 and Person.objects.filter(pk=merged.person_id).exists()
    assert merged.merged_into == kept and (kept.version, merged.version) == (2, 2)
    # What the kept one lacked comes from the merged one; its own values stay.
    assert (kept.phone, kept.site, kept.household.name, kept.relation) == (
        "0812-3456",
        "Posko Masjid",
        "Keluarga Pak Dedi",
        "child",
    )
    assert kept.age_years == 12 and kept.person.guardian_name == "Ibu Sari"
    assert kept.vulnerabilities == ["separated_child"] and kept.exposures == ["home_destroyed"]
    # Audited on both, each naming the other.
    on_kept = AuditEvent.objects.get(target_id=str(kept.pk), detail__affected="merged")
    on_merged = AuditEvent.objects.get(target_id=str(merged.pk), detail__affected="merged_into")
    assert on_kept.detail["other"] == str(merged.pk) and on_merged.detail["other"] == str(kept.pk)
    assert on_kept.subject_person_id == kept.person_id and on_merged.actor == users["field_worker"]
    assert "phone" in on_kept.detail["filled"] and "household" in on_kept.detail["filled"]
    # The pages: the merged one says so and links to the kept one, which lists it.
    merged_page = client.get(
        reverse("affected_detail", kwargs={"org": org.slug, "incident": incident.pk, "affected": merged.pk})
    ).content.decode()
    assert 'id="affected-merged"' in merged_page and kept_url in merged_page
    assert 'id="affected-merged-here"' in client.get(kept_url).content.decode()
    # The pair is gone from the review list, and the incident page no longer points to it.
    assert client.get(review(org, incident)).context["pairs"] == []
    detail = client.get(reverse("incident_detail", kwargs={"org": org.slug, "incident": incident.pk}))
    assert 'id="incident-likely-pairs"' not in detail.content.decode()
    assert detail.context["counts"]["people"] == 2


def test_a_merge_refuses_what_cannot_be_one_person_and_writes_nothing(org, other_org, users, incident, twins):
    kept, merged = twins
    elsewhere = incident_create(
        organization=org,
        by=users["coordinator"],
        kind="fire",
        title="Kebakaran",
        started_on=incident.started_on,
    )
    other_incident = register(elsewhere, org, users["field_worker"], "Muhammad Rizki")
    ResponseMember.objects.create(
        incident=incident, organization=other_org, invited_by=users["coordinator"], status="joined"
    )
    other_org_row = register(incident, other_org, users["outsider"], "Muhammad Rizki")
    for a, b in ((kept, kept), (kept, other_incident), (kept, other_org_row)):
        with pytest.raises(MergeError):
            affected_merge(kept=a, merged=b, by=users["field_worker"])
    affected_merge(kept=kept, merged=merged, by=users["field_worker"])
    before = AuditEvent.objects.count()
    third = register(incident, org, users["field_worker"], "M. Rizki")
    with pytest.raises(MergeError):  # merged already: not merged again, nor kept
        affected_merge(kept=third, merged=merged, by=users["field_worker"])
    with pytest.raises(MergeError):
        affected_merge(kept=merged, merged=third, by=users["field_worker"])
    third.refresh_from_db()
    assert third.merged_into is None and third.version == 1
    assert AuditEvent.objects.filter(detail__affected__startswith="merged").count() == 2
    assert AuditEvent.objects.count() == before + 1  # only the third one's registration


def test_records_pointing_at_the_merged_registration_move_to_the_kept_one(org, users, incident, twins):
    kept, merged = twins
    earlier = register(incident, org, users["field_worker"], "M. Rizki")
    affected_merge(kept=merged, merged=earlier, by=users["field_worker"])
    affected_merge(kept=kept, merged=merged, by=users["field_worker"])
    earlier.refresh_from_db()
    # Merged into a registration that was then merged: it follows, so no chain is two steps long.
    assert earlier.merged_into == kept
    event = AuditEvent.objects.get(target_id=str(kept.pk), detail__affected="merged")
    assert event.detail["moved"] == {"psychosocial.AffectedPerson.merged_into": 1}
    assert ("psychosocial.AffectedPerson", "merged_into") in merging.REPOINTED


def test_not_the_same_person_is_remembered(client_as, org, users, incident, twins):
    first, second = twins
    client = in_english(client_as("counselor"))
    response = client.post(
        reverse("duplicate_not_same", kwargs={"org": org.slug, "incident": incident.pk}),
        {"kept": str(first.pk), "merged": str(second.pk)},
        follow=True,
    )
    assert response.status_code == 200 and "different people" in response.content.decode()
    assert response.context["pairs"] == []
    assert AffectedPerson.objects.current().count() == 3  # nothing merged
    events = AuditEvent.objects.filter(detail__affected="not_same")
    assert {(e.target_id, e.detail["other"]) for e in events} == {
        (str(first.pk), str(second.pk)),
        (str(second.pk), str(first.pk)),
    }
    # Another likely match of the same boy is still shown.
    third = register(incident, org, users["field_worker"], "Muhamad Riski")
    shown = likely_pairs(incident=incident, organization=org)
    assert len(shown) == 2 and all(third in (p.first, p.second) for p in shown)


def test_the_review_pages_refuse_another_organizations_registration_and_an_empty_form(
    client_as, org, other_org, users, incident, twins
):
    ResponseMember.objects.create(
        incident=incident, organization=other_org, invited_by=users["coordinator"], status="joined"
    )
    theirs = register(incident, other_org, users["outsider"], "Muhammad Rizki")
    client = in_english(client_as("field_worker"))
    merge = reverse("duplicate_merge", kwargs={"org": org.slug, "incident": incident.pk})
    response = client.post(merge, {"kept": str(twins[0].pk), "merged": str(theirs.pk)})
    assert response.status_code == 404
    empty = client.post(merge, {}, follow=True)
    assert "Choose the two registrations" in empty.content.decode()
    assert AffectedPerson.objects.filter(merged_into__isnull=False).count() == 0
    # Their registration never pairs with ours.
    assert len(likely_pairs(incident=incident, organization=org)) == 1
    assert likely_pairs(incident=incident, organization=other_org) == []


def test_the_review_list_finds_every_pair_comparing_all_would_as_registrations_come_and_go(
    org, users, incident
):
    """The review list skips pairs likely_same would refuse for their ages, and later compares
    only what changed since it last looked; it must still find the pairs comparing every pair
    of the current registrations finds."""
    rng = random.Random(16)
    first_names = ["Muhammad", "Moh.", "Siti", "Nur", "Nurul", "Dewi", "Dwi", "Ahmad", "Achmad"]
    last_names = ["Rizki", "Rizky", "Aminah", "Hayati", "Lestari", "Yusuf", "Jusuf", "Fauzi"]

    def register_some(count):
        for _n in range(count):
            register(
                incident,
                org,
                users["field_worker"],
                f"{rng.choice(first_names)} {rng.choice(last_names)}",
                age_years=rng.choice([None, rng.randint(0, 80), rng.randint(30, 33)]),
                gender=rng.choice(["male", "female"]),
                village=rng.choice(["Sukamaju", "Suka Maju", "Cibodas", ""]),
            )

    def every_pair():
        rows = list(AffectedPerson.objects.current().select_related("person"))
        year = timezone.localdate().year
        return {
            frozenset((a.pk, b.pk))
            for a, b in itertools.combinations(rows, 2)
            if names.likely_same(_as_match(a), _as_match(b), year=year) is not None
        }

    def found():
        return {
            frozenset((p.first.pk, p.second.pk)) for p in likely_pairs(incident=incident, organization=org)
        }

    register_some(30)
    assert found() == every_pair()
    register_some(30)
    shown = likely_pairs(incident=incident, organization=org)
    assert {frozenset((p.first.pk, p.second.pk)) for p in shown} == every_pair() and len(shown) >= 5
    # A merge removes one registration and changes the other; the list follows.
    affected_merge(kept=shown[0].first, merged=shown[0].second, by=users["field_worker"])
    register_some(5)
    assert found() == every_pair()


def test_a_household_is_not_taken_from_the_merged_one_when_the_kept_one_has_its_own(org, users, incident):
    family = Household.objects.create(
        incident=incident, organization=org, name="Keluarga A", created_by=users["coordinator"]
    )
    kept = register(
        incident,
        org,
        users["field_worker"],
        "Dedi Kurniawan",
        age_years=41,
        household=family,
        relation="head",
    )
    merged = register(
        incident, org, users["field_worker"], "Dedi Kurniawan", age_years=41, new_household="Keluarga B"
    )
    affected_merge(kept=kept, merged=merged, by=users["field_worker"])
    kept.refresh_from_db()
    merged.refresh_from_db()
    assert kept.household == family and kept.relation == "head"
    assert merged.household.name == "Keluarga B"  # the merged registration keeps its own record
