"""The calendar's list on a 360 px phone, the month grid folding into a list there, and a
campaign's page: readable without sideways scrolling and clean for axe."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from conftest import later_today
from sebaya.guidance.models import Activity, Meeting
from sebaya.guidance.services import campaigns as campaign_services
from tests.browser.conftest import axe_problems, goto, sign_in

pytestmark = pytest.mark.browser

PHONE = {"width": 360, "height": 740}


def _no_sideways_scroll(page):
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 360, f"the page is {width} px wide"


def test_the_calendar_on_a_phone(new_context, org, users):
    activity = Activity.objects.create(
        organization=org,
        kind="workshop",
        title="Lokakarya mengelola stres",
        audience="open",
        created_by=users["coordinator"],
    )
    starts = later_today(org)  # today in the school's time zone, at whatever hour the test runs
    Meeting.objects.create(activity=activity, starts_at=starts, ends_at=starts + datetime.timedelta(hours=1))
    page = new_context(viewport=PHONE).new_page()
    sign_in(page, "member")
    goto(page, f"/o/{org.slug}/calendar/")
    expect(page.locator("#cal-list")).to_contain_text("Lokakarya mengelola stres")
    expect(page.locator("#cal-view-list")).to_have_attribute("aria-current", "page")
    expect(page.locator("#cal-list [aria-current=date]")).to_be_visible()
    _no_sideways_scroll(page)
    problems = axe_problems(page)
    # The month grid becomes a list of the days with something on them.
    page.locator("#cal-view-month").click()
    expect(page.locator("#cal-month")).to_be_visible()
    expect(page.locator("#cal-month thead")).not_to_be_in_viewport()
    expect(page.locator("#cal-month td.cal-is-today .cal-full-date")).to_be_visible()
    _no_sideways_scroll(page)
    problems += axe_problems(page)
    assert not problems, "\n".join(problems)


def test_a_campaign_page_on_a_phone(new_context, org, users):
    campaign = campaign_services.campaign_save(
        organization=org,
        by=users["coordinator"],
        title="Pekan Peduli Kesehatan Jiwa",
        goal="Lebih banyak siswa yang mau bercerita ketika sedang berat.",
        population="organization",
        starts_on=timezone.localdate(),
        ends_on=timezone.localdate() + datetime.timedelta(days=14),
    )
    Activity.objects.create(
        organization=org,
        kind="bimbingan_klasikal",
        title="Kelas X-1: stigma",
        audience="open",
        created_by=users["coordinator"],
    )
    page = new_context(viewport=PHONE).new_page()
    sign_in(page, "coordinator", totp=True)
    goto(page, f"/o/{org.slug}/campaigns/{campaign.pk}/")
    expect(page.locator("h1")).to_have_text("Pekan Peduli Kesehatan Jiwa")
    page.locator("#id_activity").select_option(label="Kelas X-1: stigma")
    page.locator("#link-form button").click()
    expect(page.locator("#campaign-activities")).to_contain_text("Kelas X-1: stigma")
    expect(page.locator("#campaign-change")).to_contain_text("Jadwalkan kedua survei")
    _no_sideways_scroll(page)
    problems = axe_problems(page)
    assert not problems, "\n".join(problems)
