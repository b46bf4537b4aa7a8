"""Admins cannot become counselors (issue 11, part 2): no password an admin could know for someone
who reads confidential material, a second admin where there is no email, every change told to the
person, and confidential material held back for 24 hours after a two-step reset."""

import datetime
import re

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP
from django.conf import settings
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from conftest import TEST_TOTP_SECRET, in_english, make_person
from sebaya import access
from sebaya.accounts import recovery, services
from sebaya.accounts.models import CredentialRequest, User
from sebaya.audit.models import AuditAction, AuditEvent
from sebaya.counseling import services as counseling
from sebaya.mail.models import OutgoingEmail
from sebaya.mail.services import send_due
from sebaya.people.models import Role


def url(name, org, membership_or_person, **more):
    person = getattr(membership_or_person, "person_id", membership_or_person)
    return reverse(name, kwargs={"org": org.slug, "person": person, **more})


def deliver():
    """The worker sends what is waiting; returns the messages sent in this round."""
    before = len(mail.outbox)
    send_due(worker="test")
    return mail.outbox[before:]


def link_in(message):
    return re.search(r"http\S+", message.body).group(0)


@pytest.fixture
def second_admin(org):
    _membership, user = make_person(org, "A-2", roles=[Role.ORG_ADMIN], username="admin2")
    user.email = "admin2@sekolah.id"
    user.save()
    client = Client()
    client.force_login(user)
    return user, in_english(client)


@pytest.fixture
def new_counselor(org):
    membership, _user = make_person(org, "C-7", roles=[Role.COUNSELOR], full_name="Bu Rina")
    return membership


def test_an_admin_cannot_set_a_password_for_a_counselor(client_as, org, users):
    membership = users["counselor"].person.memberships.get(organization=org)
    before = User.objects.get(pk=users["counselor"].pk).password
    admin = in_english(client_as("org_admin"))
    page = admin.get(url("person_account", org, membership)).content.decode()
    assert 'name="password-password"' not in page and "never set or see their password" in page
    admin.post(
        url("person_account", org, membership),
        {"account-username": "counselor", "account-email": "", "password-password": "admin-knows-this-42"},
    )
    counselor = User.objects.get(pk=users["counselor"].pk)
    assert counselor.password == before and not counselor.check_password("admin-knows-this-42")
    with pytest.raises(recovery.NotAllowedNow):
        services.set_temporary_password(
            user=counselor, password="admin-knows-this-42", by=users["org_admin"], organization=org
        )
    assert User.objects.get(pk=counselor.pk).password == before


def test_a_new_counselor_chooses_their_own_password_from_a_link_to_their_email(
    client_as, org, users, new_counselor
):
    admin = client_as("org_admin")
    response = admin.post(
        url("person_account", org, new_counselor),
        {"account-username": "rina", "account-email": "rina@sekolah.id"},
    )
    assert response.status_code == 302
    user = User.objects.get(person=new_counselor.person)
    assert not user.has_usable_password()
    (message,) = deliver()
    assert message.to == ["rina@sekolah.id"]
    link = link_in(message)
    assert link not in admin.get(url("person_detail", org, new_counselor)).content.decode()
    # The outbox keeps no usable link once the email is sent.
    assert OutgoingEmail.objects.get(purpose="accounts.password_link").body == ""
    # The person sets their password from the link and signs in.
    person = Client()
    assert link.startswith(settings.SEBAYA_BASE_URL + "/")
    form_page = person.get(link.removeprefix(settings.SEBAYA_BASE_URL), follow=True)
    assert form_page.status_code == 200
    person.post(
        form_page.redirect_chain[-1][0], {"password1": "rina-chooses-42x", "password2": "rina-chooses-42x"}
    )
    user.refresh_from_db()
    assert user.check_password("rina-chooses-42x") and not user.must_change_password
    assert AuditEvent.objects.filter(action=AuditAction.PASSWORD_LINK_SENT, subject_person_id=user.person_id)


def test_without_an_email_a_second_admin_approves_and_alone_sees_the_password(
    client_as, org, users, new_counselor, second_admin
):
    admin = client_as("org_admin")
    admin.post(url("person_account", org, new_counselor), {"account-username": "rina", "account-email": ""})
    user = User.objects.get(person=new_counselor.person)
    waiting = CredentialRequest.objects.get(user=user)
    assert waiting.kind == "password" and waiting.state == "waiting" and not user.has_usable_password()
    # The other admin is told (no name in the email).
    (told,) = deliver()
    assert told.to == ["admin2@sekolah.id"] and "Bu Rina" not in told.body and "rina" not in told.body
    decide = reverse("credential_request_decide", kwargs={"org": org.slug, "credential_request": waiting.pk})
    assert admin.post(decide, {"approve": "1"}).status_code == 403  # not the one who asked
    approver, client = second_admin
    page = client.post(decide, {"approve": "1"})
    assert page.status_code == 200
    password = re.search(r'id="temporary-password"><code>([^<]+)</code>', page.content.decode()).group(1)
    user.refresh_from_db()
    assert user.check_password(password) and user.must_change_password
    assert client.post(decide, {"approve": "1"}).status_code == 302  # decided once
    assert CredentialRequest.objects.get(pk=waiting.pk).decided_by == approver


def test_a_counselors_address_changes_only_with_a_second_admin_and_both_addresses_are_told(
    client_as, org, users, second_admin
):
    counselor = users["counselor"]
    counselor.email = "asli@sekolah.id"
    counselor.save()
    membership = counselor.person.memberships.get(organization=org)
    admin = client_as("org_admin")
    admin.post(
        url("person_account", org, membership),
        {"account-username": "counselor", "account-email": "admin@x.id"},
    )
    counselor.refresh_from_db()
    assert counselor.email == "asli@sekolah.id"
    assert [m.to for m in deliver() if "asli" in m.to[0]] == [["asli@sekolah.id"]]  # told at once
    # The admin cannot now send a password link anywhere but the real address.
    admin.post(url("person_password_link", org, membership))
    assert [m.to for m in deliver()] == [["asli@sekolah.id"]]
    waiting = CredentialRequest.objects.get(user=counselor, kind="email")
    _approver, client = second_admin
    client.post(
        reverse("credential_request_decide", kwargs={"org": org.slug, "credential_request": waiting.pk}),
        {"approve": "1"},
    )
    counselor.refresh_from_db()
    assert counselor.email == "admin@x.id"
    assert sorted(m.to[0] for m in deliver()) == ["admin@x.id", "asli@sekolah.id"]


def test_after_a_two_step_reset_notes_stay_closed_until_the_person_confirms_by_email(
    client_as, org, users, student
):
    counselor = users["counselor"]
    counselor.email = "konselor@sekolah.id"
    counselor.save()
    case = counseling.case_open(
        organization=org, person=student.person, by=counselor, summary="x", domain="pribadi"
    )
    counseling.session_record(
        case=case, by=counselor, date=timezone.localdate(), discussed="x", confidential_note="CATATAN-RAHASIA"
    )
    membership = counselor.person.memberships.get(organization=org)
    client_as("org_admin").post(url("person_two_step_reset", org, membership))
    counselor.refresh_from_db()
    assert not Authenticator.objects.filter(user=counselor).exists()
    assert access.notes_held(counselor)
    assert not access.can(counselor, "case.read_notes", case) and not access.can(
        counselor, "case.break_glass", case
    )
    # Whoever now holds the account (say, the admin who reset it) enrols an authenticator, signs in
    # and finds no notes.
    TOTP.activate(counselor, TEST_TOTP_SECRET)
    holder = in_english(Client())
    holder.force_login(counselor)
    case_page = holder.get(reverse("case_detail", kwargs={"org": org.slug, "case": case.pk})).content.decode()
    assert "CATATAN-RAHASIA" not in case_page and 'id="notes-held-notice"' in case_page
    (message,) = deliver()
    assert message.to == ["konselor@sekolah.id"]
    confirm = link_in(message)
    assert confirm.startswith(settings.SEBAYA_BASE_URL + "/")
    confirm = confirm.removeprefix(settings.SEBAYA_BASE_URL)
    assert OutgoingEmail.objects.get(purpose="accounts.two_step_reset").body == ""
    # Opening the link (a mail scanner does) changes nothing; the button does.
    assert Client().get(confirm).status_code == 200
    assert access.notes_held(User.objects.get(pk=counselor.pk))
    assert Client().post(confirm).status_code == 200
    counselor = User.objects.get(pk=counselor.pk)
    assert not access.notes_held(counselor) and access.can(counselor, "case.read_notes", case)
    assert (
        "CATATAN-RAHASIA"
        in holder.get(reverse("case_detail", kwargs={"org": org.slug, "case": case.pk})).text
    )
    assert Client().post(confirm).status_code == 404  # used
    assert AuditEvent.objects.filter(action=AuditAction.HOLD_CONFIRMED, subject_person_id=counselor.person_id)


def test_the_hold_ends_by_itself_after_24_hours(org, users, student):
    counselor = users["counselor"]
    case = counseling.case_open(
        organization=org, person=student.person, by=counselor, summary="x", domain="pribadi"
    )
    services.two_step_reset(user=counselor, by=users["org_admin"], organization=org)
    counselor.refresh_from_db()
    assert not access.can(counselor, "case.read_notes", case)
    counselor.notes_held_until = timezone.now() - datetime.timedelta(seconds=1)  # the clock moved on
    assert access.can(counselor, "case.read_notes", case)


def test_a_hold_closes_the_persons_timeline_on_the_case_page_as_on_the_alert_page(org, users, student):
    from sebaya.safety import services as safety

    counselor = users["counselor"]
    case = counseling.case_open(
        organization=org, person=student.person, by=counselor, summary="x", domain="pribadi"
    )
    alert = safety.alert_raise(organization=org, level="crisis", source="text", person=student.person)
    here = {"org": org.slug}
    case_page = reverse("case_detail", kwargs={**here, "case": case.pk})
    earlier = reverse("case_timeline", kwargs={**here, "case": case.pk})
    alert_page = reverse("alert_detail", kwargs={**here, "alert": alert.pk})
    client = Client()
    client.force_login(counselor)
    page = client.get(case_page).text
    assert 'id="timeline-entries"' in page and "Kasus #" in page and 'id="person-timeline-held"' not in page
    assert client.get(earlier).status_code == 200
    assert 'id="alert-person-timeline"' in client.get(alert_page).text

    services.two_step_reset(user=counselor, by=users["org_admin"], organization=org)
    counselor.refresh_from_db()
    TOTP.activate(counselor, TEST_TOTP_SECRET)  # a new authenticator, as after any reset
    client.force_login(counselor)
    page = client.get(case_page).text
    assert 'id="timeline-entries"' not in page and 'id="person-timeline-held"' in page
    assert "Linimasa ini tertutup" in page
    assert client.get(earlier).status_code in (403, 404)
    page = client.get(alert_page).text
    assert 'id="alert-person-timeline"' not in page and 'id="alert-source-held"' in page
    assert 'id="alert-source-hidden"' not in page  # not "only counselors read it": they are one
    assert access.can(counselor, "case.view", case)  # the case itself stays open to them


def test_a_held_partner_sees_no_referral(client_as, org, users, student):
    partner_user = users["partner"]
    case = counseling.case_open(
        organization=org, person=student.person, by=users["counselor"], summary="x", domain="pribadi"
    )
    partner = counseling.partner_save(
        organization=org, by=users["counselor"], users=[partner_user], name="Psikolog", kind="psychologist"
    )
    referral = counseling.referral_create(
        case=case,
        partner=partner,
        by=users["counselor"],
        reason="Asesmen",
        shared=["summary"],
        consent="person",
        consent_method="in_person",
    )
    detail = reverse("referral_detail", kwargs={"org": org.slug, "referral": referral.pk})
    assert client_as("partner").get(detail).status_code == 200
    services.two_step_reset(user=partner_user, by=users["org_admin"], organization=org)
    partner_user.refresh_from_db()
    client = Client()
    client.force_login(partner_user)
    assert client.get(detail).status_code == 403
    listing = client.get(reverse("referral_list", kwargs={"org": org.slug}))
    assert referral.reason not in listing.content.decode()


def test_every_reset_of_a_members_credentials_is_told_to_them(client_as, org, users):
    member = users["member"]
    member.email = "siswa@sekolah.id"
    member.save()
    membership = member.person.memberships.get(organization=org)
    client_as("org_admin").post(
        url("person_account", org, membership),
        {
            "account-username": "member",
            "account-email": "siswa@sekolah.id",
            "password-password": "temp-pass-4821x",
        },
    )
    services.two_step_reset(user=member, by=users["org_admin"], organization=org)
    sent = deliver()
    assert [m.to for m in sent] == [["siswa@sekolah.id"], ["siswa@sekolah.id"]]
    assert all("temp-pass" not in m.body for m in sent)  # told, never the password itself
    member.refresh_from_db()
    assert not access.notes_held(member)  # members read no confidential material


def test_a_confirmation_link_is_only_for_its_own_account_and_reset(org, users):
    User.objects.filter(pk=users["counselor"].pk).update(email="konselor@sekolah.id")
    users["counselor"].refresh_from_db()
    services.two_step_reset(user=users["counselor"], by=users["org_admin"], organization=org)
    (message,) = deliver()
    token = link_in(message).rstrip("/").rsplit("/", 1)[1]
    assert recovery.hold_user(token) == users["counselor"]
    assert recovery.hold_user(token[:-2] + "xx") is None
    # A newer reset replaces the older link.
    User.objects.filter(pk=users["counselor"].pk).update(
        notes_held_until=timezone.now() + datetime.timedelta(hours=30)
    )
    assert recovery.hold_user(token) is None
