import time

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from conftest import TEST_PASSWORD, TEST_TOTP_SECRET, in_english, make_person
from sebaya.audit.models import AuditAction, AuditEvent
from sebaya.people.models import MembershipRole, Role


@pytest.fixture(autouse=True)
def _clear_rate_limits():
    cache.clear()


def sign_in(client, login, password=TEST_PASSWORD):
    return client.post(reverse("account_login"), {"login": login, "password": password})


def totp_code():
    return format_hotp_value(hotp_value(TEST_TOTP_SECRET, int(time.time()) // 30))


def test_sign_in_by_username_or_email_and_the_session_key_changes(org, db):
    _membership, user = make_person(org, "S-9", username="s9")
    user.email = "s9@example.org"
    user.save()
    client = Client()
    client.get(reverse("account_login"))
    before = client.session.session_key or client.cookies.get("sessionid")
    response = sign_in(client, "S9")  # usernames are case-insensitive
    assert response.status_code == 302
    after = client.session.session_key
    assert after and after != before
    client.post(reverse("account_logout"))
    assert sign_in(Client(), "s9@example.org").status_code == 302


def test_sign_in_is_audited_and_failures_too_without_the_password(org, db):
    make_person(org, "S-1", username="student1")
    assert sign_in(Client(), "student1", "wrong-password").status_code == 200
    failed = AuditEvent.objects.get(action=AuditAction.SIGN_IN_FAILED)
    assert failed.detail == {"account": "student1"}
    assert failed.subject_person_id is not None
    assert "wrong-password" not in str(failed.detail)
    # Something that is no account (perhaps a password typed in the wrong box) is not kept.
    sign_in(Client(), "My-Secret-Pass", "x")
    assert AuditEvent.objects.filter(
        action=AuditAction.SIGN_IN_FAILED, detail={"account": "unknown"}
    ).exists()
    assert not AuditEvent.objects.filter(detail__icontains="My-Secret").exists()
    sign_in(Client(), "student1")
    assert AuditEvent.objects.filter(action=AuditAction.SIGN_IN, actor__username="student1").count() == 1


def test_failed_sign_ins_cool_off_and_never_lock_for_good(org, db, settings):
    make_person(org, "S-1", username="student1")
    for _ in range(5):
        sign_in(Client(), "student1", "wrong-password")
    blocked = sign_in(Client(), "student1")
    assert blocked.status_code in {200, 429}
    assert "_auth_user_id" not in blocked.wsgi_request.session
    # The cool-off is a cache entry with a time limit; when it expires the right password works again.
    cache.clear()
    assert sign_in(Client(), "student1").status_code == 302


def test_open_sign_up_is_closed(db):
    response = Client().post(
        reverse("account_signup"),
        {"username": "x", "password1": "a-long-pass-123", "password2": "a-long-pass-123"},
    )
    from sebaya.accounts.models import User

    assert not User.objects.filter(username="x").exists()
    assert response.status_code == 200


def test_a_temporary_password_forces_a_change_at_first_sign_in(org, db):
    _membership, user = make_person(org, "S-2", username="student2")
    user.must_change_password = True
    user.save()
    client = Client()
    sign_in(client, "student2")
    home = client.get(reverse("org_home", kwargs={"org": org.slug}))
    assert home.status_code == 302 and home["Location"] == reverse("account_change_password")
    # The crisis page is never behind the gate.
    assert client.get(reverse("crisis")).status_code == 200
    response = client.post(
        reverse("account_change_password"),
        {"oldpassword": TEST_PASSWORD, "password1": "my-own-new-pass-77", "password2": "my-own-new-pass-77"},
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert not user.must_change_password
    assert client.get(reverse("org_home", kwargs={"org": org.slug})).status_code == 200
    assert AuditEvent.objects.filter(action=AuditAction.PASSWORD_CHANGED, actor=user).exists()


@pytest.mark.parametrize("role", [Role.COUNSELOR, Role.COORDINATOR, Role.ORG_ADMIN])
def test_staff_must_set_up_two_step_sign_in(org, db, role):
    _membership, user = make_person(org, "T-1", roles=[role], username="staff", totp=False)
    client = Client()
    sign_in(client, "staff")
    response = client.get(reverse("org_home", kwargs={"org": org.slug}))
    assert response.status_code == 302 and response["Location"] == reverse("mfa_activate_totp")
    assert client.get(reverse("mfa_activate_totp")).status_code == 200


@pytest.mark.parametrize("role", [Role.MEMBER, Role.PEER_SUPPORTER, Role.PARTNER, Role.FIELD_WORKER])
def test_other_roles_may_use_two_step_sign_in_but_need_not(org, db, role):
    make_person(org, "T-1", roles=[role], username="person", totp=False)
    client = Client()
    sign_in(client, "person")
    assert client.get(reverse("org_home", kwargs={"org": org.slug})).status_code == 200


def test_staff_with_an_authenticator_must_give_a_code(org, db):
    make_person(org, "T-1", roles=[Role.COUNSELOR], username="konselor")
    client = Client()
    response = sign_in(client, "konselor")
    assert response.status_code == 302 and response["Location"] == reverse("mfa_authenticate")
    assert client.get(reverse("org_home", kwargs={"org": org.slug})).status_code == 302  # not signed in yet
    wrong = client.post(
        reverse("mfa_authenticate"), {"code": "000000" if totp_code() != "000000" else "111111"}
    )
    assert wrong.status_code == 200
    right = client.post(reverse("mfa_authenticate"), {"code": totp_code()})
    assert right.status_code == 302
    assert client.get(reverse("org_home", kwargs={"org": org.slug})).status_code == 200


def test_staff_cannot_switch_two_step_sign_in_off(org, db):
    _membership, user = make_person(org, "T-1", roles=[Role.COUNSELOR], username="konselor")
    client = Client()
    client.force_login(user)
    client.post(reverse("mfa_deactivate_totp"))
    assert Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()


def test_totp_secrets_are_stored_encrypted(org, db):
    _membership, user = make_person(org, "T-1", roles=[Role.COUNSELOR], username="konselor")
    stored = Authenticator.objects.get(user=user, type=Authenticator.Type.TOTP).data["secret"]
    assert TEST_TOTP_SECRET not in stored
    from allauth.mfa.utils import decrypt

    assert decrypt(stored) == TEST_TOTP_SECRET


def test_password_reset_by_email_sends_a_link_without_anything_sensitive(org, db, mailoutbox):
    _membership, user = make_person(org, "S-3", username="student3")
    user.email = "student3@example.org"
    user.save()
    response = Client().post(reverse("account_reset_password"), {"email": "student3@example.org"})
    assert response.status_code == 302
    assert len(mailoutbox) == 1
    message = mailoutbox[0]
    assert message.to == ["student3@example.org"]
    assert "/accounts/password/reset/key/" in message.body
    assert "Person S-3" not in message.body  # no names or records in email


def test_password_reset_for_an_unknown_email_reveals_nothing(db, mailoutbox):
    response = Client().post(reverse("account_reset_password"), {"email": "nobody@example.org"})
    assert response.status_code == 302  # same answer as for a known address
    assert mailoutbox == []


def test_the_sign_in_page_does_not_offer_sign_up(db):
    page = in_english(Client()).get(reverse("account_login")).content.decode()
    assert reverse("account_signup") not in page
    assert "student number" in page


def test_an_admin_resets_a_lost_authenticator_and_the_person_sets_it_up_again(client_as, users, org):
    membership, counselor = make_person(org, "C-9", roles=[Role.COUNSELOR], username="konselor9")
    phone = Client()
    phone.force_login(counselor)
    url = reverse("person_two_step_reset", kwargs={"org": org.slug, "person": membership.person_id})
    assert client_as("org_admin").post(url).status_code == 302
    assert not Authenticator.objects.filter(user=counselor).exists()
    assert (
        phone.get(reverse("org_home", kwargs={"org": org.slug})).status_code == 302
    )  # the lost phone is out
    event = AuditEvent.objects.get(action=AuditAction.TWO_STEP_RESET)
    assert event.actor == users["org_admin"] and event.subject_person_id == membership.person_id
    client = Client()
    sign_in(client, "konselor9")
    assert client.get(reverse("org_home", kwargs={"org": org.slug}))["Location"] == reverse(
        "mfa_activate_totp"
    )


def test_a_secret_whose_key_is_gone_means_a_wrong_code_not_a_crash(org, db, settings, caplog):
    make_person(org, "T-1", roles=[Role.COUNSELOR], username="konselor")
    settings.SECRET_KEY = "a-completely-different-key-" + "x" * 40  # the old key left the settings
    settings.SECRET_KEY_FALLBACKS = []
    client = Client()
    sign_in(client, "konselor")
    response = client.post(reverse("mfa_authenticate"), {"code": totp_code()})
    assert response.status_code == 200  # the form again, with "incorrect code"
    assert client.get(reverse("org_home", kwargs={"org": org.slug})).status_code == 302
    assert "cannot be decrypted" in caplog.text


def test_an_old_key_in_the_fallbacks_still_opens_the_secret(org, db, settings):
    old_key = settings.SECRET_KEY
    make_person(org, "T-1", roles=[Role.COUNSELOR], username="konselor")
    settings.SECRET_KEY = "a-completely-different-key-" + "x" * 40
    settings.SECRET_KEY_FALLBACKS = [old_key]
    client = Client()
    sign_in(client, "konselor")
    assert client.post(reverse("mfa_authenticate"), {"code": totp_code()}).status_code == 302


# --- A reset request changes nothing about an account (security probe, issue 11) ------------------


def _account_state(user):
    from allauth.account.models import EmailAddress

    user.refresh_from_db()
    return (
        user.password,
        user.email,
        user.must_change_password,
        sorted(EmailAddress.objects.filter(user=user).values_list("email", "verified", "primary")),
    )


@pytest.mark.parametrize("role", [Role.COUNSELOR, Role.COORDINATOR, Role.ORG_ADMIN])
def test_an_anonymous_reset_request_changes_nothing_and_never_blocks_two_step_set_up(
    org, db, mailoutbox, role
):
    _membership, user = make_person(org, "T-7", roles=[role], username="staff7", totp=False)
    user.email = "staff7@example.org"
    user.save()
    before = _account_state(user)
    response = Client().post(reverse("account_reset_password"), {"email": "staff7@example.org"})
    assert response.status_code == 302 and len(mailoutbox) == 1
    assert _account_state(user) == before  # a visitor changed nothing
    # The staff member signs in and can still set up two-step sign-in.
    client = Client()
    sign_in(client, "staff7")
    page = in_english(client).get(reverse("mfa_activate_totp"))
    assert page.status_code == 200
    assert "verified your email" not in page.content.decode()
    assert b'name="code"' in page.content


def test_the_email_page_changes_nothing_and_leads_to_my_account(org, db):
    # A member opens the email page; later they become a counselor and must set up two-step sign-in.
    membership, user = make_person(org, "T-8", username="staff8")
    user.email = "staff8@example.org"
    user.save()
    before = _account_state(user)
    client = Client()
    client.force_login(user)
    response = client.get(reverse("account_email"))
    assert response.status_code == 302 and response["Location"] == reverse("account")
    response = client.post(reverse("account_email"), {"email": "x@example.org", "action_add": ""})
    assert response.status_code == 302
    assert _account_state(user) == before
    MembershipRole.objects.create(membership=membership, role=Role.COUNSELOR)
    page = in_english(client).get(reverse("mfa_activate_totp"))
    assert page.status_code == 200 and b'name="code"' in page.content


def test_a_reset_link_goes_only_to_the_address_the_admin_set_now(org, db, mailoutbox):
    from allauth.account.models import EmailAddress

    _membership, user = make_person(org, "T-9", roles=[Role.COUNSELOR], username="staff9")
    # allauth remembered the address the account had before an admin changed it.
    EmailAddress.objects.create(user=user, email="predecessor@example.org", verified=True, primary=True)
    user.email = "staff9@example.org"
    user.save()
    Client().post(reverse("account_reset_password"), {"email": "predecessor@example.org"})
    assert mailoutbox == []
    Client().post(reverse("account_reset_password"), {"email": "STAFF9@example.org"})
    assert [m.to for m in mailoutbox] == [["staff9@example.org"]]


def test_an_admin_changing_the_address_forgets_the_old_one(org, users, db):
    from allauth.account.models import EmailAddress

    from sebaya.accounts.services import account_save

    membership, user = make_person(org, "T-10", username="staff10")
    EmailAddress.objects.create(user=user, email="old@example.org", verified=True, primary=True)
    account_save(
        person=membership.person,
        username="staff10",
        email="new@example.org",
        temporary_password="temporary-pass-4821",
        by=users["org_admin"],
        organization=org,
    )
    assert not EmailAddress.objects.filter(user=user).exists()
    assert not Client().login(username="old@example.org", password="temporary-pass-4821")
