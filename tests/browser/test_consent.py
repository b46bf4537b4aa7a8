"""Consent records in a browser: a counselor records a parent's signed form on a student's page;
the student sees it on their own page and withdraws the consent they gave themselves, not the
parent's."""

import pytest
from playwright.sync_api import expect

from sebaya.privacy.consent import consent_record
from sebaya.privacy.models import Consent
from tests.browser.conftest import axe_problems, goto, sign_in, sign_out

pytestmark = pytest.mark.browser


def test_a_consent_is_recorded_seen_and_withdrawn(new_context, org, users):
    member = users["member"].person
    own = consent_record(
        organization=org,
        person=member,
        purpose="research",
        given_by="self",
        method="app",
        by=users["counselor"],
    )
    page = new_context().new_page()
    sign_in(page, "counselor", totp=True)
    goto(page, f"/o/{org.slug}/people/{member.pk}/")
    page.locator("#consent-new-link").click()
    form = page.locator("#consent-form")
    form.locator("select[name=purpose]").select_option("counseling")
    form.locator("input[name=given_by][value=parent]").check()
    form.locator("input[name=giver_name]").fill("Ibu Lestari")
    form.locator("input[name=reference]").fill("F-BK/2026/014")
    problems = axe_problems(page)
    form.locator("button[type=submit]").click()
    expect(page.locator("#consents")).to_contain_text("Ibu Lestari")
    problems += axe_problems(page)
    sign_out(page)

    sign_in(page, "member")
    goto(page, f"/o/{org.slug}/")
    page.locator(f"a[href='/o/{org.slug}/people/{member.pk}/']").click()
    expect(page.locator("#consents")).to_contain_text("Ibu Lestari")
    by_parent = Consent.objects.get(giver_name="Ibu Lestari")
    expect(page.locator(f"#consent-{by_parent.pk} form")).to_have_count(0)
    mine = page.locator(f"#consent-{own.pk}")
    mine.locator("summary").click()
    mine.locator("button[type=submit]").click()
    # A second, deliberate tap on the confirmation page; going back is the first choice.
    expect(page.locator("#confirm-back")).to_be_visible()
    problems += axe_problems(page)
    page.locator("#confirm-yes").click()
    expect(page.locator(f"#consent-{own.pk} form")).to_have_count(0)  # withdrawn: nothing left to withdraw
    problems += axe_problems(page)
    own.refresh_from_db()
    by_parent.refresh_from_db()
    assert own.withdrawn_at is not None and by_parent.withdrawn_at is None
    assert not problems, "\n".join(problems)
