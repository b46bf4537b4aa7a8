"""Finding 5: every output addressed to a partner shows only what the referral shares.

The letter used to print the consent giver's name (often the guardian's) even when neither the
person's identity nor the guardian's details were shared.
"""

import datetime
import io

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from conftest import make_person
from sebaya.core.worker import run_once
from sebaya.counseling import services
from sebaya.counseling.models import Referral

STUDENT = "Nadia Kusumawardani"
GUARDIAN = "Ratna Wulandari"


@pytest.fixture
def minor(org):
    fifteen_years_ago = timezone.localdate() - datetime.timedelta(days=15 * 365)
    membership, _user = make_person(
        org,
        "S-077",
        full_name=STUDENT,
        birth_date=fifteen_years_ago,
        guardian_name=GUARDIAN,
        guardian_phone="0812-0000-1111",
    )
    return membership.person


@pytest.fixture
def case(org, users, minor):
    return services.case_open(
        organization=org,
        person=minor,
        by=users["counselor"],
        summary="Sulit tidur dan cemas menjelang ujian",
        domain="pribadi",
    )


@pytest.fixture
def partner(org, users):
    users["partner"].email = "mitra@example.org"
    users["partner"].save()
    return services.partner_save(
        organization=org,
        by=users["counselor"],
        users=[users["partner"]],
        name="Biro Mitra",
        kind="psychologist",
    )


def pdf_text(content: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def test_a_referral_sharing_only_the_summary_names_nobody_to_the_partner(
    client_as, org, case, partner, settings
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    response = client_as("counselor").post(
        reverse("referral_new", kwargs={"org": org.slug, "case": case.pk}),
        {
            "partner": partner.pk,
            "reason": "Perlu asesmen psikologis.",
            "shared": ["summary"],
            "consent": "guardian",
            "consent_relationship": "parent",
            "consent_by_name": GUARDIAN,
            "consent_method": "signed_form",
            "override_reason": "",
            "letter_note": "",
        },
    )
    assert response.status_code == 302
    referral = Referral.objects.get()
    assert referral.consent_by_name == GUARDIAN  # the school keeps who agreed

    run_once(worker="test")
    (email,) = mail.outbox
    partner_client = client_as("partner")
    page = partner_client.get(reverse("referral_detail", kwargs={"org": org.slug, "referral": referral.pk}))
    letter = partner_client.get(reverse("referral_letter", kwargs={"org": org.slug, "referral": referral.pk}))
    letter_text = pdf_text(letter.content)

    # The summary was shared, so it is there (the PDF's text can be read) …
    assert "Sulit tidur" in letter_text and "Sulit tidur" in page.content.decode()
    # … and neither the person's name nor the guardian's, in any output to the partner.
    for output in (letter_text, page.content.decode(), email.subject + email.body):
        for name in (STUDENT, GUARDIAN, "Nadia", "Ratna"):
            assert name not in output
    # The letter still says that a parent or guardian agreed.
    assert "orang tua" in letter_text.lower()


def test_the_guardian_is_named_only_when_the_guardian_details_are_shared(org, users, case, partner):
    referral = services.referral_create(
        case=case,
        partner=partner,
        by=users["counselor"],
        reason="x",
        shared=["summary", "guardian"],
        consent="guardian",
        consent_relationship="parent",
        consent_by_name=GUARDIAN,
        consent_method="signed_form",
    )
    shown = services.referral_shared(referral)
    assert shown["consent"]["name"] == GUARDIAN
    assert "identity" not in shown  # the person's own name still is not shared
