"""A student checks in on a phone, one question per screen, and answers item 9 above 0."""

import pytest
from playwright.sync_api import expect

from sebaya.safety.models import Alert
from tests.browser.conftest import axe_problems, goto, sign_in

pytestmark = pytest.mark.browser


def test_a_student_fills_phq9_on_a_phone_and_sees_crisis_resources(new_context, org, users):
    page = new_context(viewport={"width": 360, "height": 740}).new_page()
    sign_in(page, "member")
    page.locator("#check-in-link").click()
    goto(page, f"/o/{org.slug}/check-in/phq9/")
    problems = axe_problems(page)
    steps = page.locator("fieldset[data-step]")
    expect(steps.nth(0)).to_be_visible()
    expect(steps.nth(1)).to_be_hidden()  # one question per screen
    expect(page.locator("#instrument-submit")).to_be_hidden()
    answers = [1, 1, 0, 0, 0, 0, 0, 0, 2]
    for index, value in enumerate(answers):
        step = steps.nth(index)
        expect(step).to_be_visible()
        step.locator(f"input[value='{value}']").check()
    expect(page.locator("[data-progress]")).to_contain_text("9")
    # The last (optional) question is on screen with the send button.
    expect(page.locator("#instrument-submit")).to_be_visible()
    page.locator("#instrument-submit").click()
    expect(page.locator("#result-crisis")).to_be_visible()
    expect(page.locator("#result-crisis a[href='tel:119']")).to_be_visible()
    problems += axe_problems(page)
    assert not problems, "\n".join(problems)
    assert Alert.objects.get().level == "crisis"


def test_on_a_wide_screen_every_question_shows_at_once(page, org, users):
    sign_in(page, "member")
    goto(page, f"/o/{org.slug}/check-in/gad7/")
    steps = page.locator("fieldset[data-step]")
    for index in range(steps.count()):
        expect(steps.nth(index)).to_be_visible()
    expect(page.locator("#instrument-submit")).to_be_disabled()  # nothing is sent until complete
