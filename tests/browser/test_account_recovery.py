"""Admins cannot become counselors, in a browser: the admin sends a counselor a password link (and
never sees a password field), a second admin approves a temporary password for a partner without
email, and after a two-step reset the counselor finds their notes closed until they confirm from
the email."""

import os
import re
from pathlib import Path

import pytest
from allauth.mfa.totp.internal.auth import TOTP
from django.core import mail
from django.utils import timezone
from playwright.sync_api import expect

from conftest import TEST_TOTP_SECRET, make_person
from sebaya.accounts.models import User
from sebaya.counseling import services as counseling
from sebaya.mail.services import send_due
from sebaya.people.models import Role
from tests.browser.conftest import axe_problems, goto, sign_in, sign_out

pytestmark = pytest.mark.browser
SHOTS = os.environ.get("SEBAYA_SCREENSHOTS")  # a folder: pages are also saved there to look at


def shot(page, name):
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=f"{SHOTS}/{name}.png", full_page=True)


def test_an_admin_helps_a_counselor_back_in_without_becoming_them(new_context, org, users, student):
    counselor = users["counselor"]
    User.objects.filter(pk=counselor.pk).update(email="konselor@sekolah.id")
    counselor_membership = counselor.person.memberships.get(organization=org)
    case = counseling.case_open(
        organization=org, person=student.person, by=counselor, summary="Sulit tidur", domain="pribadi"
    )
    counseling.session_record(
        case=case,
        by=counselor,
        date=timezone.localdate(),
        discussed="Tidur",
        confidential_note="CATATAN-RAHASIA",
    )
    phone = new_context(viewport={"width": 360, "height": 740})
    admin = phone.new_page()
    sign_in(admin, "org_admin", totp=True)
    goto(admin, f"/o/{org.slug}/people/{counselor_membership.person_id}/account/")
    expect(admin.locator("#protected-help")).to_be_visible()
    expect(admin.locator("input[name='password-password']")).to_have_count(0)
    shot(admin, "account-protected-360")
    problems = axe_problems(admin)
    admin.locator("#password-link button[type=submit]").click()
    expect(admin.locator(".messages")).to_contain_text("email")
    goto(admin, f"/o/{org.slug}/people/{counselor_membership.person_id}/")
    admin.locator("form[action$='/reset-two-step/'] button[type=submit]").click()
    expect(admin.locator("#notes-held")).to_be_visible()
    shot(admin, "person-held-360")

    # The counselor's account: whoever enrols a new authenticator finds the notes closed.
    TOTP.activate(User.objects.get(pk=counselor.pk), TEST_TOTP_SECRET)
    laptop = new_context(viewport={"width": 1280, "height": 800})
    them = laptop.new_page()
    sign_in(them, "counselor", totp=True)
    goto(them, f"/o/{org.slug}/cases/{case.pk}/")
    expect(them.locator("#notes-held-notice")).to_be_visible()
    expect(them.locator("body")).not_to_contain_text("CATATAN-RAHASIA")
    shot(them, "case-held-1280")

    # The real counselor opens the email and confirms.
    send_due(worker="browser-test")
    (reset_email,) = [
        m for m in mail.outbox if m.to == ["konselor@sekolah.id"] and "/account/confirm/" in m.body
    ]
    confirm_path = re.search(r"(/account/confirm/\S+)", reset_email.body).group(1)
    inbox = laptop.new_page()
    goto(inbox, confirm_path)
    shot(inbox, "hold-confirm-1280")
    problems += axe_problems(inbox)
    inbox.locator("main form button[type=submit]").click()
    expect(inbox.locator("h1")).to_be_visible()
    goto(them, f"/o/{org.slug}/cases/{case.pk}/")
    expect(them.locator(".confidential-note")).to_contain_text("CATATAN-RAHASIA")
    assert not problems, problems


def test_a_second_admin_approves_a_temporary_password(new_context, org, users):
    partner_membership, partner_user = make_person(
        org, "P-5", roles=[Role.PARTNER], username="mitra5", full_name="Psikolog Mitra"
    )
    make_person(org, "A-2", roles=[Role.ORG_ADMIN], username="admin2")
    first = new_context().new_page()
    sign_in(first, "org_admin", totp=True)
    goto(first, f"/o/{org.slug}/people/{partner_membership.person_id}/account/")
    first.locator("#password-link button[type=submit]").click()
    expect(first.locator("#waiting-changes")).to_be_visible()
    expect(first.locator("#waiting-changes button[name=approve]")).to_have_count(0)  # not their own
    sign_out(first)

    second = new_context(viewport={"width": 360, "height": 740}).new_page()
    sign_in(second, "admin2", totp=True)
    goto(second, f"/o/{org.slug}/people/{partner_membership.person_id}/account/")
    shot(second, "account-waiting-360")
    second.locator("#waiting-changes button[name=approve][value='1']").click()
    password = second.locator("#temporary-password code").inner_text()
    shot(second, "temporary-password-360")
    partner_user.refresh_from_db()
    assert partner_user.check_password(password) and partner_user.must_change_password
