"""A needs assessment in a browser: the coordinator schedules a round of the needs questionnaire, a
student answers it on a phone (360 px), and the counselor reads the needs found as bars."""

import pytest
from playwright.sync_api import expect

from conftest import make_person
from sebaya.screening.instruments import get_instrument
from sebaya.screening.models import ScreeningInvitation, ScreeningRound
from sebaya.screening.services import administration_record
from tests.browser.conftest import axe_problems, goto, sign_in, sign_out

pytestmark = pytest.mark.browser


def test_needs_assessment_from_scheduling_to_results(new_context, org, users):
    classmates = [make_person(org, f"X1-{n}", grade="10", class_name="X-1")[0] for n in range(10)]
    page = new_context().new_page()
    sign_in(page, "coordinator", totp=True)
    goto(page, f"/o/{org.slug}/guidance/needs/")
    expect(page.locator("#needs-none")).to_be_visible()
    problems = axe_problems(page)
    # The coordinator's own copy of the problem checklist, to edit.
    page.locator("#needs-questionnaires-link").click()
    problems += axe_problems(page)
    page.locator("#copy-dcm").click()
    expect(page.locator("#needs-statements li.statement")).to_have_count(40)
    problems += axe_problems(page)
    add = page.locator("#needs-add-form")
    add.locator("input[name=text_id]").fill("Saya ingin belajar menabung.")
    add.locator("button[type=submit]").click()
    expect(add.locator(".errorlist").first).to_be_visible()  # no English, no bidang: nothing saved
    add.locator("input[name=text_en]").fill("I want to learn to save money.")
    add.locator("select[name=domain]").select_option("karier")
    add.locator("button[type=submit]").click()
    expect(page.locator("#needs-statements li.statement")).to_have_count(41)
    problems += axe_problems(page)
    goto(page, f"/o/{org.slug}/guidance/needs/")
    page.locator("#needs-schedule").click()
    form = page.locator("#round-form")
    form.locator("input[name=title]").fill("Asesmen kebutuhan semester 1")
    form.locator("select[name=instrument]").select_option("akpd")
    form.locator("select[name=population]").select_option("organization")
    form.locator("input[name=closes_on]").fill(form.locator("input[name=opens_on]").input_value())
    form.locator("button[type=submit]").click()
    expect(page.locator("#round-state")).to_have_text("Buka")
    problems += axe_problems(page)
    sign_out(page)

    # Ten classmates answered already: all of them want to know about scholarships.
    akpd = get_instrument("akpd")
    screening_round = ScreeningRound.objects.get(organization=org)
    for membership in classmates:
        administration_record(
            organization=org,
            person=membership.person,
            instrument=akpd,
            answers=[1 if item.id in {"k07", "b04"} else 0 for item in akpd.items],
            invitation=ScreeningInvitation.objects.get(
                screening_round=screening_round, person=membership.person
            ),
        )

    phone = new_context(viewport={"width": 360, "height": 740}, is_mobile=True, has_touch=True).new_page()
    sign_in(phone, "member")
    invitation = phone.locator(".invitation")
    expect(invitation).to_contain_text("Apa yang kamu butuhkan")
    invitation.locator("a.button").click()
    problems += axe_problems(phone)
    steps = phone.locator("fieldset[data-step]")
    wanted = {"k07"}
    for index, item in enumerate(akpd.items):  # one statement per screen; answering moves on
        expect(steps.nth(index)).to_be_visible()
        steps.nth(index).locator(f"input[value='{1 if item.id in wanted else 0}']").check()
    phone.locator("#instrument-submit").click()
    expect(phone.locator("#needs-count")).to_have_text("1 pernyataan ditandai.")
    assert phone.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    problems += axe_problems(phone)

    sign_in(page, "counselor", totp=True)
    goto(page, f"/o/{org.slug}/guidance/needs/")
    expect(page.locator("#needs-answered")).to_have_text("11 siswa menjawab.")
    top = page.locator("#needs-top li").first
    expect(top).to_contain_text("Saya ingin tahu tentang beasiswa.")
    expect(top).to_contain_text("100%")
    expect(page.locator(".needs-area rect.bar-fill[width='100']").first).to_be_visible()
    expect(page.locator("#needs-by-class")).to_contain_text("X-1")
    problems += axe_problems(page)
    assert not problems, "\n".join(problems)
