"""A screening round in a browser: the coordinator schedules it, a student answers the invitation
on a phone, the counselor finds the severe result in the outreach list, and the coordinator sees
only totals."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import axe_problems, goto, sign_in, sign_out

pytestmark = pytest.mark.browser


def test_a_round_from_scheduling_to_outreach(new_context, org, users, student):
    page = new_context().new_page()
    sign_in(page, "coordinator", totp=True)
    page.locator("#rounds-link").click()
    page.locator("#round-new-link").click()
    problems = axe_problems(page)
    form = page.locator("#round-form")
    form.locator("input[name=title]").fill("Cek kesejahteraan")
    form.locator("select[name=instrument]").select_option("phq9")
    form.locator("select[name=population]").select_option("organization")
    # Closing before opening is refused, kindly, and nothing is scheduled.
    form.locator("input[name=closes_on]").fill("2020-01-01")
    form.locator("button[type=submit]").click()
    expect(form.locator(".errorlist")).to_be_visible()
    form.locator("input[name=closes_on]").fill(form.locator("input[name=opens_on]").input_value())
    form.locator("button[type=submit]").click()
    expect(page.locator("#round-state")).to_have_text("Buka")
    expect(page.locator("#round-completion")).to_contain_text("0 dari 2")
    problems += axe_problems(page)
    sign_out(page)

    phone = new_context(viewport={"width": 360, "height": 740}, is_mobile=True, has_touch=True).new_page()
    sign_in(phone, "member")
    phone.locator(".invitation a.button").click()
    steps = phone.locator("fieldset[data-step]")
    for index in range(9):  # one question per screen; answering moves on to the next
        expect(steps.nth(index)).to_be_visible()
        steps.nth(index).locator("input[value='3']").check()  # "hampir setiap hari", item 9 too
    phone.locator("#instrument-submit").click()
    expect(phone.locator("#result-crisis")).to_be_visible()  # item 9 answered: crisis lines at once
    goto(phone, f"/o/{org.slug}/")
    expect(phone.locator(".invitation")).to_have_count(0)

    sign_in(page, "counselor", totp=True)
    goto(page, f"/o/{org.slug}/screening/follow-up/")
    row = page.locator("#outreach-queue tr.reason-risk")
    expect(row).to_contain_text(users["member"].person.full_name)
    problems += axe_problems(page)
    row.locator("textarea").fill("Sudah bertemu di ruang BK.")
    row.locator("button.reached-out").click()
    expect(page.locator("#outreach-queue tr.reason-risk")).to_have_count(0)
    assert not problems, "\n".join(problems)
