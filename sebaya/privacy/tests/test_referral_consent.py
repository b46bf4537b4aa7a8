"""Referrals rest on the one consent model: the consent in force, one recorded at that moment, or
an override with a reason."""

import datetime
import importlib

import pytest
from django.apps import apps
from django.urls import reverse
from django.utils import timezone

from conftest import make_person
from sebaya.audit.models import AuditEvent
from sebaya.counseling import services
from sebaya.counseling.models import Case, Referral
from sebaya.privacy import consent as consents
from sebaya.privacy.models import Consent, PrivacySettings


@pytest.fixture
def partner(org, users):
    return services.partner_save(
        organization=org,
        by=users["counselor"],
        users=[users["partner"]],
        name="Biro Mitra",
        kind="psychologist",
    )


def open_case(org, users, person):
    return services.case_open(
        organization=org, person=person, by=users["counselor"], summary="Cemas", domain="pribadi"
    )


@pytest.fixture
def case(org, users, student):
    return open_case(org, users, student.person)


@pytest.fixture
def minor_case(org, users):
    born = timezone.localdate() - datetime.timedelta(days=14 * 365)
    membership, _user = make_person(org, "S-014", full_name="Raka Muda", birth_date=born)
    return open_case(org, users, membership.person)


def refer(client, org, case, partner, **changes):
    data = {
        "partner": partner.pk,
        "reason": "Perlu asesmen.",
        "shared": ["summary"],
        "consent": "person",
        "consent_relationship": "parent",
        "consent_by_name": "",
        "consent_method": "in_person",
        "override_reason": "",
        "letter_note": "",
    }
    return client.post(reverse("referral_new", kwargs={"org": org.slug, "case": case.pk}), data | changes)


def test_the_consent_on_file_is_offered_and_used(client_as, org, users, case, partner):
    on_file = consents.consent_record(
        organization=org,
        person=case.person,
        purpose="referral",
        given_by="self",
        method="signed_form",
        by=users["org_admin"],
    )
    client = client_as("counselor")
    form = client.get(reverse("referral_new", kwargs={"org": org.slug, "case": case.pk})).context["form"]
    assert form["consent"].initial == "on_file"
    assert refer(client, org, case, partner, consent="on_file").status_code == 302
    referral = Referral.objects.get()
    assert referral.consent_record == on_file and referral.consent == "person"
    assert Consent.objects.count() == 1  # nothing new recorded


def test_a_consent_given_now_is_recorded_with_the_referral(client_as, org, case, partner):
    response = refer(
        client_as("counselor"),
        org,
        case,
        partner,
        consent="guardian",
        consent_relationship="guardian",
        consent_by_name="Pak Darto",
        consent_method="phone",
    )
    assert response.status_code == 302
    referral = Referral.objects.get()
    consent = referral.consent_record
    assert (consent.purpose, consent.given_by, consent.giver_name, consent.method) == (
        "referral",
        "guardian",
        "Pak Darto",
        "phone",
    )
    assert (referral.consent, referral.consent_by_name) == ("guardian", "Pak Darto")
    assert AuditEvent.objects.filter(target_id=str(consent.pk), detail__consent="recorded").exists()
    # It now stands on file for the next referral of the same person.
    assert consents.consent_in_force(person=case.person, organization=org, purpose="referral") == consent


@pytest.mark.parametrize(
    "changes",
    [
        {"consent": "on_file"},  # nothing on file
        {"consent": "person", "consent_method": ""},  # how they agreed is missing
        {"consent": "guardian", "consent_by_name": ""},
        {"consent": "guardian", "consent_by_name": "Bu Ani", "consent_relationship": "self"},
        {"consent": "override", "override_reason": " "},
    ],
)
def test_a_referral_without_a_valid_consent_writes_nothing(client_as, org, case, partner, changes):
    assert refer(client_as("counselor"), org, case, partner, **changes).status_code == 400
    assert not Referral.objects.exists() and not Consent.objects.exists()
    case.refresh_from_db()
    assert case.status == Case.Status.NEW


def test_a_minor_is_referred_with_a_guardians_consent_where_the_organization_asks_for_it(
    client_as, org, minor_case, partner
):
    client = client_as("counselor")
    response = refer(client, org, minor_case, partner, consent="person")
    assert response.status_code == 400
    assert not Referral.objects.exists() and not Consent.objects.exists()
    # The service says the same to any other caller, and writes nothing either.
    with pytest.raises(consents.ConsentError):
        services.referral_create(
            case=minor_case,
            partner=partner,
            by=minor_case.counselors.get(),
            reason="x",
            shared=[],
            consent="person",
            consent_method="in_person",
        )
    assert not Consent.objects.exists()
    # The young person's own consent on file does not count either.
    consents.consent_record(
        organization=org,
        person=minor_case.person,
        purpose="referral",
        given_by="self",
        method="in_person",
        by=minor_case.counselors.get(),
    )
    assert refer(client, org, minor_case, partner, consent="on_file").status_code == 400
    assert (
        refer(client, org, minor_case, partner, consent="guardian", consent_by_name="Ibu Wati").status_code
        == 302
    )
    # Where the organization does not ask for it, the minor's own agreement is enough.
    PrivacySettings.objects.filter(organization=org).update(minors_need_guardian=False)
    assert refer(client, org, minor_case, partner, consent="person").status_code == 302
    assert Referral.objects.count() == 2


def test_an_override_rests_on_no_consent(client_as, org, case, partner):
    response = refer(
        client_as("counselor"), org, case, partner, consent="override", override_reason="Bahaya malam ini"
    )
    assert response.status_code == 302
    referral = Referral.objects.get()
    assert referral.consent == "override" and referral.consent_record is None
    assert not Consent.objects.exists()


def test_referrals_made_before_consent_records_get_one(org, users, case, partner):
    referral = services.referral_create(
        case=case,
        partner=partner,
        by=users["counselor"],
        reason="x",
        shared=[],
        consent="guardian",
        consent_relationship="parent",
        consent_by_name="Ibu Ani",
        consent_method="in_person",
    )
    override = services.referral_create(
        case=case,
        partner=partner,
        by=users["counselor"],
        reason="y",
        shared=[],
        consent="override",
        override_reason="z",
    )
    # As the data was before: the consent only on the referral.
    Referral.objects.filter(pk=referral.pk).update(consent_record=None)
    Consent.objects.all().delete()
    migration = importlib.import_module("sebaya.privacy.migrations.0003_referral_consents")
    migration.forwards(apps, None)
    referral.refresh_from_db()
    override.refresh_from_db()
    consent = referral.consent_record
    assert (consent.purpose, consent.given_by, consent.giver_name, consent.method) == (
        "referral",
        "guardian",
        "Ibu Ani",
        "not_recorded",
    )
    assert consent.recorded_by == users["counselor"] and consent.recorded_at == referral.created_at
    assert override.consent_record is None and Consent.objects.count() == 1
    migration.forwards(apps, None)  # runs once per referral
    assert Consent.objects.count() == 1
