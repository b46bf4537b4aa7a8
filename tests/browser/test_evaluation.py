"""The coordinator's evaluation dashboard in a real browser: the outcomes with their effect size,
a filter that would single out a small group (shown hidden, with the reason), a table as CSV, and
the page on a 360 px phone."""

import datetime

from django.utils import timezone
from playwright.sync_api import expect

from conftest import make_person
from sebaya.evaluation.period import term_of
from sebaya.evaluation.tests.measures import measure
from tests.browser.conftest import axe_problems, goto, sign_in

PHONE = {"viewport": {"width": 360, "height": 740}, "is_mobile": True, "has_touch": True}


def test_the_dashboard_judges_change_and_hides_a_small_group_under_a_filter(new_context, org, users):
    today = timezone.localdate()
    first, last = today - datetime.timedelta(days=2), today - datetime.timedelta(days=1)
    year, _term = term_of(first)
    # 14 girls of grade 10 felt better (PHQ-9 16 → 6); 4 boys of grade 11 too: a small group.
    for n in range(18):
        grade, gender = ("10", "female") if n < 14 else ("11", "male")
        membership, _user = make_person(org, f"e{n}", grade=grade, gender=gender)
        measure(org, membership.person, total=16, day=first)
        measure(org, membership.person, total=6 - n % 3, day=last)

    page = new_context().new_page()
    sign_in(page, "coordinator", totp=True)
    goto(page, f"/o/{org.slug}/evaluasi/")
    page.select_option("#id_periode", f"{year}-year")
    page.locator("#evaluation-filters button").click()
    effects = page.locator("#outcomes-effects")
    expect(effects).to_contain_text("PHQ-9")
    expect(effects).to_contain_text("18 (100%")  # 18 measured twice, all of those measured
    rc = page.locator("#table-outcomes_reliable_change")
    expect(rc.locator("tbody tr").first).to_contain_text("18")

    # Grade 11's boys are 4: every number about them is hidden, and the page says why.
    page.select_option("#id_kelas", "11")
    page.select_option("#id_gender", "male")
    page.locator("#evaluation-filters button").click()
    expect(rc.locator("tbody tr").first).to_contain_text("*")
    expect(rc).not_to_contain_text("4")
    expect(rc).to_contain_text("Disembunyikan untuk melindungi privasi")
    expect(effects).to_contain_text("Terlalu sedikit untuk dinilai")
    assert axe_problems(page) == []

    # The same table as CSV, at the same choices: hidden stays hidden.
    link = rc.get_by_role("link", name="CSV")
    response = page.request.get(link.get_attribute("href"))
    assert response.ok
    text = response.body().decode("utf-8-sig")
    assert "PHQ-9" in text and "*" in text and ",4," not in text

    phone = new_context(**PHONE).new_page()
    sign_in(phone, "coordinator", totp=True)
    goto(phone, f"/o/{org.slug}/evaluasi/?periode={year}-year")
    expect(phone.locator("#section-outcomes")).to_be_visible()
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360


def test_a_dashboard_kept_for_the_day_says_so_and_counts_again_with_the_same_choices(
    new_context, org, users, settings
):
    settings.EVALUATION_KEEP_MS = 0  # every dashboard slow enough to keep, whatever the machine
    today = timezone.localdate()
    year, _term = term_of(today)
    people = [make_person(org, f"k{n}", grade="10", gender="female")[0].person for n in range(14)]
    for person in people[:12]:
        measure(org, person, total=12, day=today)

    page = new_context().new_page()
    sign_in(page, "coordinator", totp=True)
    goto(page, f"/o/{org.slug}/evaluasi/?periode={year}-year&kelas=10")
    severity = page.locator("#table-screening_severity tbody tr").first
    expect(severity).to_contain_text("12")
    counted = page.locator("#evaluation-computed")
    expect(counted).to_contain_text("Angka ini dihitung hari ini pukul")

    for person in people[12:]:
        measure(org, person, total=12, day=today)
    goto(page, f"/o/{org.slug}/evaluasi/?periode={year}-year&kelas=10")
    expect(severity).to_contain_text("12")  # as counted earlier today
    counted.get_by_role("button", name="Hitung ulang sekarang").click()
    expect(page).to_have_url(f"{page.url.split('?')[0]}?periode={year}-year&kelas=10")
    expect(severity).to_contain_text("14")
    assert axe_problems(page) == []
