"""A screening round in a browser: the coordinator schedules it, a student answers the invitation
on a phone, the counselor finds the severe result in the outreach list, and the coordinator sees
only totals. Then a counselor on a phone opens a case from the outreach list."""

import re

import pytest
from playwright.sync_api import expect

from sebaya.screening.instruments import get_instrument
from sebaya.screening.services import administration_record
from tests.browser.conftest import axe_problems, goto, path_re, sign_in, sign_out

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


def test_a_counselor_on_a_phone_opens_a_case_from_the_outreach_list(new_context, org, users, student):
    administration = administration_record(
        organization=org, person=student.person, instrument=get_instrument("phq9"), answers=[3] * 8 + [0]
    )
    page = new_context(viewport={"width": 360, "height": 780}, has_touch=True).new_page()
    sign_in(page, "counselor", totp=True)
    goto(page, f"/o/{org.slug}/screening/follow-up/")
    row = page.locator("#outreach-queue tr.reason-severe")
    expect(row).to_contain_text("Siti Student")
    # The row's card holds the note, "Sudah dihubungi" and "Buka kasus", all inside the screen.
    open_case = row.locator("a.open-case")
    for action in (row.locator("textarea[name=note]"), row.locator("button.reached-out"), open_case):
        box = action.bounding_box()
        assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 360, box
    expect(row.locator("input[name=summary]")).to_have_count(0)  # the case form is a page away
    problems = axe_problems(page)
    open_case.click()
    expect(page).to_have_url(path_re(f"/o/{org.slug}/screening/follow-up/{administration.pk}/case/"))
    expect(page.locator("h1")).to_contain_text("Siti Student")
    form = page.locator("#case-open-form")
    summary = form.locator("input[name=summary]")
    expect(summary).to_have_value("Hasil kategori berat")  # the reason for the outreach, to edit
    problems += axe_problems(page)
    # Without a summary the same page comes back with the error.
    summary.fill("")
    form.locator("button[type=submit]").click()
    expect(form.locator(".errorlist")).to_be_visible()
    summary.fill("Gejala depresi berat, perlu konseling individu")
    form.locator("select[name=domain]").select_option("pribadi")
    form.locator("button[type=submit]").click()
    expect(page).to_have_url(re.compile(rf"^https?://[^/]+/o/{org.slug}/cases/[0-9a-f-]{{36}}/$"))
    goto(page, f"/o/{org.slug}/screening/follow-up/")
    expect(page.locator("#outreach-queue tr.outreach-row")).to_have_count(0)
    assert not problems, "\n".join(problems)
