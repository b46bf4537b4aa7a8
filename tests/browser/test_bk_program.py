"""The BK program on a 360 px phone: a coordinator creates the annual program, adds an item with
its months, writes an RPL from it and opens its printed PDF; every page is axe-clean."""

import pytest
from playwright.sync_api import expect

from conftest import make_person
from sebaya.guidance.models import AnnualProgram, ServicePlan
from tests.browser.conftest import axe_problems, goto, sign_in

pytestmark = pytest.mark.browser


def test_program_item_rpl_and_print_on_a_phone(new_context, org, users):
    make_person(org, "S-X", grade="X", class_name="X-1")  # the roster's grade the program is for
    page = new_context(viewport={"width": 360, "height": 740}).new_page()
    sign_in(page, "coordinator", totp=True)
    goto(page, f"/o/{org.slug}/")
    # The menu offers the BK program (behind the phone's "Menu" button).
    page.locator(".menu-more summary").click()
    page.locator("#menu-bk-program").click()
    expect(page.locator("h1")).to_have_text("Program BK")
    problems = axe_problems(page)

    page.locator("#program-new-link").click()
    form = page.locator("#program-new-form")
    form.locator("select[name=grade]").select_option("X")
    form.locator("button[type=submit]").click()
    expect(page.locator("#program-status")).to_contain_text("Draf")
    program = AnnualProgram.objects.get(organization=org)
    problems += axe_problems(page)

    page.locator("#item-new-link").click()
    item_form = page.locator("#item-form")
    item_form.locator("select[name=domain]").select_option("sosial")
    item_form.locator("input[name=topic]").fill("Anti perundungan")
    item_form.locator("select[name=service_type]").select_option("bimbingan_klasikal")
    item_form.get_by_label("Agustus").check()
    item_form.get_by_label("Februari").check()
    item_form.locator("select[name=responsible]").select_option(str(users["counselor"].pk))
    problems += axe_problems(page)
    item_form.locator("button[type=submit]").click()
    row = page.locator("tr.program-item", has_text="Anti perundungan")
    expect(row).to_contain_text("Agustus, Februari")
    assert program.items.get(topic="Anti perundungan").months == [8, 2]

    row.locator("a.plan-new-link").click()
    plan_form = page.locator("#plan-form")
    expect(plan_form.locator("input[name=title]")).to_have_value("Anti perundungan")
    plan_form.locator("textarea[name=goals]").fill("Siswa mengenali perundungan dan cara mencari bantuan.")
    plan_form.locator("textarea[name=core]").fill("Diskusi kasus dalam kelompok kecil.")
    problems += axe_problems(page)
    plan_form.locator("button[type=submit]").click()
    expect(page.locator("#plan-pdf-link")).to_be_visible()
    plan = ServicePlan.objects.get()
    assert plan.item.topic == "Anti perundungan" and plan.domain == "sosial"

    # The print link answers a PDF.
    href = page.locator("#plan-pdf-link").get_attribute("href")
    response = page.request.get(href)
    assert response.status == 200 and response.headers["content-type"] == "application/pdf"
    goto(page, f"/o/{org.slug}/bk-program/{program.pk}/progress/")
    expect(page.locator("#component-bars")).to_be_visible()
    problems += axe_problems(page)
    assert not problems, "\n".join(problems)
