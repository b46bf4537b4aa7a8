"""Consent records: which consent is in force, recording and withdrawing, who sees and does what."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from conftest import in_english, make_person
from sebaya.audit.models import AuditAction, AuditEvent
from sebaya.people.models import Role
from sebaya.privacy import consent as consents
from sebaya.privacy.models import Consent, PrivacySettings

TODAY = timezone.localdate


def fifteen_years_ago():
    return TODAY() - datetime.timedelta(days=15 * 365)


@pytest.fixture
def minor(org):
    membership, _user = make_person(org, "S-015", full_name="Bima Anak", birth_date=fifteen_years_ago())
    return membership.person


def record(org, person, by, **changes):
    fields = {"purpose": "referral", "given_by": "self", "method": "in_person"} | changes
    return consents.consent_record(organization=org, person=person, by=by, **fields)


# --- Which consent is in force ------------------------------------------------------------------------


def test_the_newest_consent_not_withdrawn_is_in_force(org, users, student):
    counselor = users["counselor"]
    assert consents.consent_in_force(person=student.person, organization=org, purpose="referral") is None
    older = record(org, student.person, counselor, given_on=TODAY() - datetime.timedelta(days=30))
    newer = record(org, student.person, counselor, method="signed_form")
    record(org, student.person, counselor, purpose="research")
    assert consents.consent_in_force(person=student.person, organization=org, purpose="referral") == newer
    consents.consent_withdraw(consent=newer, by=counselor)
    assert consents.consent_in_force(person=student.person, organization=org, purpose="referral") == older
    consents.consent_withdraw(consent=older, by=counselor)
    assert consents.consent_in_force(person=student.person, organization=org, purpose="referral") is None
    # Withdrawn consents stay on record.
    assert Consent.objects.filter(purpose="referral").count() == 2


def test_a_minor_needs_a_guardian_where_the_organization_says_so(org, other_org, users, minor):
    counselor = users["counselor"]
    own = record(org, minor, counselor)
    assert consents.consent_in_force(person=minor, organization=org, purpose="referral") is None
    guardian = record(org, minor, counselor, given_by="parent", giver_name="Ibu Sari")
    assert consents.consent_in_force(person=minor, organization=org, purpose="referral") == guardian
    consents.consent_withdraw(consent=guardian, by=counselor)
    assert consents.consent_in_force(person=minor, organization=org, purpose="referral") is None
    # An organization that does not ask for it counts the young person's own consent.
    PrivacySettings.objects.filter(organization=org).update(minors_need_guardian=False)
    assert consents.consent_in_force(person=minor, organization=org, purpose="referral") == own
    # Consents belong to one organization.
    assert consents.consent_in_force(person=minor, organization=other_org, purpose="referral") is None


def test_a_guardian_consent_names_the_guardian_and_a_withdrawal_happens_once(org, users, student):
    with pytest.raises(consents.ConsentError) as refused:
        record(org, student.person, users["counselor"], given_by="guardian", giver_name=" ")
    assert refused.value.code == "giver_name"
    with pytest.raises(consents.ConsentError):
        record(org, student.person, users["counselor"], method="not_recorded")
    with pytest.raises(consents.ConsentError):
        record(org, student.person, users["counselor"], given_on=TODAY() + datetime.timedelta(days=5))
    assert not Consent.objects.exists()
    consent = record(org, student.person, users["counselor"], note="Formulir ditandatangani di ruang BK")
    consents.consent_withdraw(consent=consent, by=users["counselor"], reason="Berubah pikiran")
    with pytest.raises(consents.ConsentError):
        consents.consent_withdraw(consent=consent, by=users["org_admin"])
    consent.refresh_from_db()
    assert consent.withdrawn_by == users["counselor"] and consent.withdrawal_reason == "Berubah pikiran"
    events = AuditEvent.objects.filter(target_id=str(consent.pk), action=AuditAction.RECORD_CHANGED)
    assert [e.detail["consent"] for e in events.order_by("at", "id")] == ["recorded", "withdrawn"]
    assert all(e.subject_person_id == student.person_id for e in events)
    assert "Formulir" not in str([e.detail for e in events])  # codes only, never the note


# --- Pages ---------------------------------------------------------------------------------------------


def new_consent_url(org, person):
    return reverse("consent_new", kwargs={"org": org.slug, "person": person.pk})


FORM = {
    "purpose": "counseling",
    "given_by": "parent",
    "giver_name": "Bapak Hadi",
    "method": "signed_form",
    "given_on": "2026-11-02",
    "reference": "F-BK/2026/014",
    "note": "",
}


@pytest.mark.parametrize("kind", ["counselor", "org_admin"])
def test_counselors_and_admins_record_a_consent_on_the_person_page(client_as, org, student, kind):
    client = client_as(kind)
    response = client.post(new_consent_url(org, student.person), FORM)
    assert response.status_code == 302
    consent = Consent.objects.get()
    assert (consent.given_by, consent.giver_name, consent.reference) == (
        "parent",
        "Bapak Hadi",
        "F-BK/2026/014",
    )
    page = in_english(client).get(
        reverse("person_detail", kwargs={"org": org.slug, "person": student.person_id})
    )
    assert 'id="consents"' in page.content.decode() and "Bapak Hadi" in page.content.decode()
    assert "In force" in page.content.decode()


@pytest.mark.parametrize(
    "changes",
    [
        {"giver_name": ""},  # a parent without a name
        {"given_on": (TODAY() + datetime.timedelta(days=3)).isoformat()},
        {"purpose": "marketing"},
        {"method": "not_recorded"},
        {"given_on": "kemarin"},
        {"reference": "x" * 101},
    ],
)
def test_bad_input_is_refused_with_nothing_written(client_as, org, student, changes):
    response = client_as("counselor").post(new_consent_url(org, student.person), FORM | changes)
    assert response.status_code == 400
    assert not Consent.objects.exists()
    assert not AuditEvent.objects.filter(detail__consent="recorded").exists()


def test_coordinators_neither_see_nor_record_consents(client_as, org, users, student):
    record(org, student.person, users["counselor"], given_by="parent", giver_name="Bapak Hadi")
    client = client_as("coordinator")
    page = client.get(reverse("person_detail", kwargs={"org": org.slug, "person": student.person_id}))
    assert page.status_code == 200 and 'id="consents"' not in page.content.decode()
    assert "Bapak Hadi" not in page.content.decode()
    assert client.post(new_consent_url(org, student.person), FORM).status_code == 403
    consent = Consent.objects.get()
    withdraw = reverse("consent_withdraw", kwargs={"org": org.slug, "consent": consent.pk})
    assert client.post(withdraw, {"reason": ""}).status_code == 403
    consent.refresh_from_db()
    assert consent.withdrawn_at is None


def test_another_organizations_person_or_consent_is_not_found(client_as, org, users, other_org_membership):
    other = record(other_org_membership.organization, other_org_membership.person, users["outsider"])
    client = client_as("counselor")
    assert client.post(new_consent_url(org, other_org_membership.person), FORM).status_code == 404
    withdraw = reverse("consent_withdraw", kwargs={"org": org.slug, "consent": other.pk})
    assert client.post(withdraw, {"reason": ""}).status_code == 404
    other.refresh_from_db()
    assert other.withdrawn_at is None


def test_a_member_sees_their_own_consents_and_withdraws_only_their_own(client_as, org, users):
    member = users["member"].person
    counselor = users["counselor"]
    own = record(org, member, counselor, purpose="research", method="app", note="catatan staf")
    by_parent = record(org, member, counselor, given_by="parent", giver_name="Ibu Lestari")
    _m, classmate = make_person(org, "S-900", full_name="Teman Sekelas")
    someone_elses = record(org, _m.person, counselor)
    client = in_english(client_as("member"))
    page = client.get(
        reverse("person_detail", kwargs={"org": org.slug, "person": member.pk})
    ).content.decode()
    assert "Ibu Lestari" in page and "Research and program evaluation" in page
    assert "catatan staf" not in page  # staff notes stay with the staff
    assert f"/consents/{own.pk}/withdraw/" in page and f"/consents/{by_parent.pk}/withdraw/" not in page
    assert "Record a consent" not in page

    def withdraw(consent, data=None):
        url = reverse("consent_withdraw", kwargs={"org": org.slug, "consent": consent.pk})
        return client.post(url, {"confirm": "yes", **(data or {"reason": ""})})

    assert withdraw(by_parent).status_code == 403  # the guardian's, not theirs to withdraw
    assert withdraw(someone_elses).status_code == 403
    assert withdraw(own, {"reason": "x" * 1001}).status_code == 400  # too long: nothing written
    own.refresh_from_db()
    assert own.withdrawn_at is None
    assert withdraw(own).status_code == 302
    assert withdraw(own).status_code == 302  # a second time only says it was already withdrawn
    own.refresh_from_db()
    by_parent.refresh_from_db()
    someone_elses.refresh_from_db()
    assert own.withdrawn_by == users["member"] and by_parent.withdrawn_at is None
    assert someone_elses.withdrawn_at is None
    assert AuditEvent.objects.filter(target_id=str(own.pk), detail__consent="withdrawn").count() == 1


def test_a_peer_supporter_cannot_open_someone_elses_consents(org, users, student):
    consent = record(org, student.person, users["counselor"])
    client = Client()
    client.force_login(users["peer_supporter"])
    url = reverse("consent_withdraw", kwargs={"org": org.slug, "consent": consent.pk})
    assert client.post(url, {"reason": ""}).status_code == 403
    _m, both = make_person(org, "X-1", roles=[Role.MEMBER, Role.PEER_SUPPORTER], username="both")
    client.force_login(both)
    assert client.post(url, {"reason": ""}).status_code == 403


# --- Privacy settings ------------------------------------------------------------------------------------

SETTINGS = {
    "minors_need_guardian": "on",
    "messages_months": "12",
    "anonymous_requests_months": "6",
    "help_requests_months": "12",
    "screening_years": "3",
    "cases_years": "5",
}


def test_the_admin_sets_consent_and_retention_within_ranges(client_as, org):
    client = in_english(client_as("org_admin"))
    url = reverse("privacy_settings", kwargs={"org": org.slug})
    page = client.get(url)
    assert page.status_code == 200 and "messages 12 months" in page.content.decode()
    assert client.post(url, SETTINGS | {"messages_months": "24", "cases_years": "0"}).status_code == 302
    saved = PrivacySettings.objects.get(organization=org)
    assert (saved.messages_months, saved.cases_years, saved.minors_need_guardian) == (24, 0, True)
    event = AuditEvent.objects.get(action=AuditAction.ORGANIZATION_CHANGED)
    assert event.detail == {"privacy": ["cases_years", "messages_months"]}
    for bad in (
        {"messages_months": "0"},
        {"anonymous_requests_months": "61"},
        {"cases_years": "31"},
        {"screening_years": "-1"},
        {"help_requests_months": "satu"},
    ):
        response = client.post(url, SETTINGS | {"messages_months": "24", "cases_years": "0"} | bad)
        assert response.status_code == 400, bad
    saved.refresh_from_db()
    assert (saved.messages_months, saved.cases_years) == (24, 0)
    assert AuditEvent.objects.filter(action=AuditAction.ORGANIZATION_CHANGED).count() == 1
    # Unticking the box: minors' own consent counts in this organization.
    client.post(url, {k: v for k, v in SETTINGS.items() if k != "minors_need_guardian"})
    saved.refresh_from_db()
    assert saved.minors_need_guardian is False
