"""Signing in through the real form: every role lands on its own home; the account gates hold."""

import pytest
from django.utils import translation
from playwright.sync_api import expect

from conftest import ROLES, TEST_PASSWORD, has_totp, make_person
from sebaya.people.models import Role
from tests.browser.conftest import current_totp_code, goto, path_re, sign_in

pytestmark = pytest.mark.browser


def role_label(role: str) -> str:
    with translation.override("id"):
        return str(Role(role).label)


@pytest.mark.parametrize("role", ROLES)
def test_each_role_signs_in_and_lands_on_its_home(page, users, org, role):
    sign_in(page, role, totp=role in {"counselor", "coordinator", "org_admin"})

    expect(page).to_have_url(path_re(f"/o/{org.slug}/"))
    expect(page.locator(f"#home-{role}")).to_be_visible()
    context = page.locator("#current-context")
    expect(context).to_be_visible()
    expect(context.locator(".org")).to_have_text(org.name)
    expect(context.locator(".role")).to_have_text(role_label(role))
    expect(page.locator("html")).to_have_attribute("lang", "id")


def test_network_viewer_lands_on_the_network_page(page, users, network):
    sign_in(page, "viewer")

    expect(page).to_have_url(path_re(f"/n/{network.slug}/"))
    expect(page.locator("h1")).to_have_text(network.name)
    expect(page.get_by_role("cell", name="SMA Test")).to_be_visible()
    expect(page.locator("#current-context")).to_have_count(0)


def test_outsider_lands_on_their_own_organization(page, users, org, other_org):
    sign_in(page, "outsider", totp=True)

    expect(page).to_have_url(path_re(f"/o/{other_org.slug}/"))
    expect(page.locator("#home-org_admin")).to_be_visible()
    expect(page.locator("#current-context .org")).to_have_text(other_org.name)
    expect(page.locator("#current-context .role")).to_have_text(role_label("org_admin"))
    expect(page.get_by_text(org.name)).to_have_count(0)


def test_wrong_totp_code_does_not_sign_in(page, users):
    goto(page, "/accounts/login/")
    form = page.locator("main form").filter(has=page.locator("input[name=password]"))
    form.locator("input[name=login]").fill("counselor")
    form.locator("input[name=password]").fill(TEST_PASSWORD)
    form.locator("button[type=submit]").click()
    expect(page).to_have_url(path_re("/accounts/2fa/authenticate/"))
    wrong = f"{(int(current_totp_code()) + 1) % 1_000_000:06d}"
    page.locator("input[name=code]").fill(wrong)
    page.locator("main form button[type=submit]:not([form])").click()
    expect(page).to_have_url(path_re("/accounts/2fa/authenticate/"))
    expect(page.locator(".errorlist")).to_be_visible()
    goto(page, "/o/school/")
    expect(page).not_to_have_url(path_re("/o/school/"))
    expect(page.locator("#home-counselor")).to_have_count(0)


def test_forced_password_change_before_anything_else(page, org):
    _membership, user = make_person(org, "S-777", username="newstudent", full_name="New Student")
    user.must_change_password = True
    user.save(update_fields=["must_change_password"])

    sign_in(page, "newstudent")
    expect(page).to_have_url(path_re("/accounts/password/change/"))

    # Neither the home page nor the organization's pages are reachable yet.
    for path in ("/", f"/o/{org.slug}/", "/account/"):
        goto(page, path)
        expect(page).to_have_url(path_re("/accounts/password/change/"))
    # The crisis page always is.
    goto(page, "/bantuan/")
    expect(page).to_have_url(path_re("/bantuan/"))
    expect(page.locator("a[href='tel:119']")).to_be_visible()

    goto(page, "/accounts/password/change/")
    form = page.locator("main form").filter(has=page.locator("input[name=password1]"))
    form.locator("input[name=oldpassword]").fill(TEST_PASSWORD)
    form.locator("input[name=password1]").fill("a-brand-new-passphrase-77")
    form.locator("input[name=password2]").fill("a-brand-new-passphrase-77")
    with page.expect_navigation(wait_until="domcontentloaded"):
        form.locator("button[type=submit]").click()

    goto(page, "/")
    expect(page).to_have_url(path_re(f"/o/{org.slug}/"))
    expect(page.locator("#home-member")).to_be_visible()
    user.refresh_from_db()
    assert user.must_change_password is False
    assert user.check_password("a-brand-new-passphrase-77")


def test_admin_without_authenticator_must_set_one_up(page, org):
    _membership, user = make_person(org, "A-900", roles=[Role.ORG_ADMIN], username="newadmin", totp=False)
    assert not has_totp(user)

    sign_in(page, "newadmin")  # no second step: there is no authenticator yet
    expect(page).to_have_url(path_re("/accounts/2fa/totp/activate/"))
    expect(page.locator("input[name=code]")).to_be_visible()

    for path in ("/", f"/o/{org.slug}/", f"/o/{org.slug}/people/"):
        goto(page, path)
        expect(page).to_have_url(path_re("/accounts/2fa/totp/activate/"))
    expect(page.locator("#home-org_admin")).to_have_count(0)
