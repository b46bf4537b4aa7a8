"""The sign-in page's demo tour (issue 19): outside production and with the demo data loaded, one
click signs in as a demo account, two-step step included; nothing of it exists in production."""

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP
from django.core.cache import cache
from django.test import Client, override_settings
from django.urls import reverse

from conftest import TEST_PASSWORD, TEST_TOTP_SECRET, in_english, make_person
from sebaya.accounts import demo_tour
from sebaya.accounts.demo_tour import DEMO_PASSWORD, DEMO_TOTP_SECRET, DEMO_USERNAMES
from sebaya.accounts.models import User
from sebaya.audit.models import AuditAction, AuditEvent
from sebaya.people.models import Role
from tests.test_indonesian_pages import english_in

DEMO_URL = reverse("demo_sign_in")


@pytest.fixture(autouse=True)
def _clear_rate_limits():
    cache.clear()


def demo_account(organization, identifier, username, role, *, secret=DEMO_TOTP_SECRET):
    """An account as `sebaya demo` makes it: the demo password, and staff with the demo's secret."""
    _membership, user = make_person(organization, identifier, roles=[role], username=username, totp=False)
    user.set_password(DEMO_PASSWORD)
    user.save()
    if secret:
        TOTP.activate(user, secret)
    return user


@pytest.fixture
def demo(org):
    return {
        "siswa": demo_account(org, "D-1", "siswa", Role.MEMBER, secret=None),
        "konselor1": demo_account(org, "D-2", "konselor1", Role.COUNSELOR),
    }


def csrf_client():
    """A browser's client: CSRF enforced, with the token the sign-in page hands out."""
    client = in_english(Client(enforce_csrf_checks=True))
    client.get(reverse("account_login"))
    return client, client.cookies["csrftoken"].value


def click(username):
    client, token = csrf_client()
    return client, client.post(DEMO_URL, {"username": username, "csrfmiddlewaretoken": token})


def signed_in_as(client):
    user_id = client.session.get("_auth_user_id")
    return User.objects.get(pk=user_id).username if user_id else None


def test_the_sign_in_page_offers_the_demo_accounts_present_grouped_by_role(demo):
    page = in_english(Client()).get(reverse("account_login")).content.decode()
    assert 'id="demo-tour"' in page
    assert f'action="{DEMO_URL}"' in page
    for username in ("siswa", "konselor1"):
        assert f'name="username" value="{username}"' in page
    assert "Fill in the check-in you are invited to" in page
    assert "Acknowledge the crisis alert waiting for you" in page
    assert "Students" in page and "Counselors (guru BK)" in page
    # Accounts the demo would make but that are not here are not offered, nor their groups.
    assert 'value="psikolog"' not in page and "Partner professional" not in page


def test_the_tour_reads_as_indonesian(org):
    for number, username in enumerate(sorted(DEMO_USERNAMES)):
        demo_account(org, f"D-{number}", username, Role.MEMBER, secret=None)
    client = Client()
    client.cookies["sebaya_language"] = "id"
    page = client.get(reverse("account_login")).content.decode()
    assert page.count('class="demo-account"') == len(DEMO_USERNAMES)
    assert "Coba demo" in page and "Isi cek kabar yang menunggumu" in page
    assert not english_in(page), english_in(page)


def test_no_demo_data_no_tour(users):
    page = Client().get(reverse("account_login")).content.decode()
    assert "demo-tour" not in page
    assert Client().post(DEMO_URL, {"username": "counselor"}).status_code == 404


def test_one_click_signs_in_as_siswa(demo, org):
    client, response = click("siswa")
    assert response.status_code == 302
    assert signed_in_as(client) == "siswa"
    assert client.get(response["Location"], follow=True).status_code == 200
    # The ordinary sign-in: audited like one.
    assert AuditEvent.objects.filter(action=AuditAction.SIGN_IN, actor__username="siswa").exists()


def test_one_click_signs_in_as_konselor1_past_the_two_step_step(demo, org):
    client, response = click("konselor1")
    assert response.status_code == 302
    assert reverse("mfa_authenticate") not in response["Location"]
    assert signed_in_as(client) == "konselor1"
    methods = [record["method"] for record in client.session["account_authentication_methods"]]
    assert methods == ["password", "mfa"]
    # Past the account gate: a counselor's page opens.
    assert client.get(reverse("alert_queue", kwargs={"org": org.slug})).status_code == 200


def test_one_click_from_one_demo_account_to_another(demo):
    client, _response = click("siswa")
    token = client.cookies["csrftoken"].value
    client.post(DEMO_URL, {"username": "konselor1", "csrfmiddlewaretoken": token})
    assert signed_in_as(client) == "konselor1"


def test_a_non_demo_account_is_refused(demo, users):
    # `counselor` exists and its password is known to this test, but it is no demo account.
    client, response = click("counselor")
    assert response.status_code == 404
    assert signed_in_as(client) is None
    client, response = click("")
    assert response.status_code == 404


def test_a_demo_account_whose_password_changed_is_refused(demo):
    demo["siswa"].set_password(TEST_PASSWORD)
    demo["siswa"].save()
    client, response = click("siswa")
    assert response.status_code == 302 and response["Location"] == reverse("account_login")
    assert signed_in_as(client) is None


def test_a_demo_account_with_its_own_authenticator_keeps_its_two_step_page(org):
    demo_account(org, "D-3", "konselor3", Role.COUNSELOR, secret=TEST_TOTP_SECRET)
    client, response = click("konselor3")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("mfa_authenticate"))
    assert signed_in_as(client) is None


def test_post_only_with_the_csrf_token(demo):
    client, _token = csrf_client()
    assert client.post(DEMO_URL, {"username": "siswa"}).status_code == 403
    assert client.get(DEMO_URL).status_code == 405
    assert signed_in_as(client) is None


@override_settings(PRODUCTION=True)
def test_in_production_there_is_no_tour_and_the_page_is_404(demo):
    page = Client().get(reverse("account_login")).content.decode()
    assert "demo-tour" not in page and DEMO_URL not in page
    client, response = click("siswa")
    assert response.status_code == 404
    assert signed_in_as(client) is None
    # Whatever is sent: no token, another method, a staff account.
    assert Client(enforce_csrf_checks=True).post(DEMO_URL, {"username": "siswa"}).status_code == 404
    assert Client().get(DEMO_URL).status_code == 404
    assert Client().post(DEMO_URL, {"username": "konselor1"}).status_code == 404
    assert demo_tour.tour_accounts() == {}


def test_the_tour_is_the_demo_and_what_it_says_to_try_is_there(db):
    """After `sebaya demo`: the tour offers every account it made and no other, each account signs
    in with one click, and the things the tour says to try are in the data."""
    from sebaya.core.demo import load_demo
    from sebaya.counseling.models import Case, Referral
    from sebaya.guidance.models import Activity
    from sebaya.programs.models import Nomination
    from sebaya.psychosocial.models import Contact, FollowUp, Incident
    from sebaya.safety.models import Alert
    from sebaya.screening.models import ScreeningInvitation
    from sebaya.support.models import SupportRelationship

    made = {account["username"] for account in load_demo()}
    assert made == DEMO_USERNAMES == set(demo_tour.tour_accounts())
    for username in sorted(DEMO_USERNAMES):
        client, response = click(username)
        assert signed_in_as(client) == username, (username, response.status_code, response.get("Location"))

    siswa = User.objects.get(username="siswa").person
    assert ScreeningInvitation.objects.filter(person=siswa, completed_at__isnull=True).exists()
    assert Nomination.objects.filter(person=siswa, answered_at__isnull=True).exists()
    accompanied = SupportRelationship.objects.filter(person=siswa, status="active")
    assert accompanied.filter(supporter__membership__person__user__username="sebaya").exists()
    open_crisis = Alert.objects.filter(level="crisis", state="open")
    assert open_crisis.filter(organization__slug="sman-1-harapan").exists()
    assert open_crisis.filter(organization__slug="komunitas-peduli-sesama", source="field_referral").exists()
    assert Case.objects.filter(counselors__username="konselor2", source="step_up").exists()
    assert Referral.objects.filter(partner__users__username="psikolog", status="accepted").exists()
    workshop = Activity.objects.get(kind="workshop")
    assert workshop.facilitators.filter(username="konselor3").exists()
    group = Activity.objects.get(kind="support_group")
    assert set(group.facilitators.values_list("username", flat=True)) == {"sebaya", "sebaya2"}
    assert Contact.objects.filter(by__username="relawan").exists()
    assert FollowUp.objects.filter(done_at__isnull=True).exists()
    flood = Incident.objects.get()
    assert flood.members.filter(organization__slug="sman-1-harapan", status="joined").exists()
    assert Authenticator.objects.filter(user__username="konselor1", type="totp").exists()
