"""A follow-up on a 360 px phone: a field worker opens the incident's follow-ups, finds the day-30
one of a man registered a month ago, does it with the SRQ-20 and is shown the counselor-or-partner
offer at the cut-off."""

import datetime
import uuid

from django.utils import timezone
from playwright.sync_api import expect

from sebaya.psychosocial.models import FollowUp, Need
from sebaya.psychosocial.services.incidents import incident_create
from sebaya.psychosocial.services.registration import affected_register
from tests.browser.conftest import axe_problems, goto, sign_in

PHONE = {"viewport": {"width": 360, "height": 740}, "is_mobile": True, "has_touch": True}


def _no_sideways_scroll(page):
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 360, f"{page.url} is {width} px wide on a 360 px phone"


def test_a_field_worker_does_a_day_30_follow_up_with_the_srq20_on_a_phone(new_context, org, users):
    incident = incident_create(
        organization=org,
        by=users["coordinator"],
        kind="flood",
        title="Banjir Cisurupan",
        started_on=timezone.localdate(),
    )
    affected, _made = affected_register(
        incident=incident,
        organization=org,
        by=users["field_worker"],
        client_id=uuid.uuid4(),
        full_name="Dedi Kurniawan",
        gender="male",
        age_years=41,
        consent="self",
    )
    # A month on: the day-30 follow-up is due today, the day-7 one was missed.
    today = timezone.localdate()
    FollowUp.objects.filter(affected=affected, day=30).update(due_on=today)
    FollowUp.objects.filter(affected=affected, day=7).update(due_on=today - datetime.timedelta(days=23))

    page = new_context(**PHONE).new_page()
    sign_in(page, "field_worker")
    problems = []
    goto(page, f"/o/{org.slug}/kejadian/{incident.pk}/")
    expect(page.locator("#incident-follow-ups")).to_contain_text("1 terlambat")
    page.locator("#incident-follow-ups").click()
    expect(page.locator("#follow-ups-overdue")).to_contain_text("Dedi Kurniawan")
    problems += axe_problems(page)
    _no_sideways_scroll(page)

    page.locator("#follow-ups-today a", has_text="Dedi Kurniawan").click()
    expect(page.locator("h1")).to_have_text("Dedi Kurniawan")
    page.get_by_label("Selesai").check()
    for n in range(1, 21):
        page.locator(f'input[name="item_q{n}"][value="{1 if n <= 7 else 0}"]').check()
    problems += axe_problems(page)
    _no_sideways_scroll(page)
    page.locator("#follow-up-save").click()
    expect(page.locator("#follow-up-offer")).to_contain_text("Tawarkan konselor atau mitra")
    expect(page.locator("#srq20-history")).to_contain_text("7 dari 20")
    _no_sideways_scroll(page)
    assert FollowUp.objects.get(affected=affected, day=30).status == "done"
    assert Need.objects.get(affected=affected).kind == "psychosocial"
    assert not problems, "\n".join(problems)
