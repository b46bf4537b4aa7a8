"""The crisis page: one tap away for anyone, signed in or not, readable on a small phone."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import goto, path_re

pytestmark = pytest.mark.browser


def assert_national_lines(page):
    expect(page.locator("h1")).to_have_text("Butuh bantuan sekarang?")
    for number in ("119", "112"):
        link = page.locator(f"a[href='tel:{number}']")
        expect(link).to_be_visible()
        expect(link).to_have_text(number)
    website = page.locator("a[href='https://healing119.id']")
    expect(website).to_be_visible()
    expect(website).to_have_text("healing119.id")


@pytest.mark.parametrize("start", ["/", "/accounts/login/"])
def test_crisis_link_reaches_the_crisis_page_signed_out(page, start):
    goto(page, start)
    link = page.locator("#crisis-link")
    expect(link).to_be_visible()
    expect(link).to_have_text("Butuh bantuan sekarang?")
    with page.expect_navigation(wait_until="domcontentloaded"):
        link.click()
    expect(page).to_have_url(path_re("/bantuan/"))
    assert_national_lines(page)


def test_crisis_page_in_english(page):
    goto(page, "/bantuan/")
    page.locator("#language-select").select_option("en")
    with page.expect_navigation(wait_until="domcontentloaded"):
        page.locator("footer form button[type=submit]").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.locator("h1")).to_have_text("Need help now?")
    expect(page.locator("a[href='tel:119']")).to_be_visible()
    expect(page.get_by_text("press extension 8")).to_be_visible()


def test_crisis_page_shows_the_organizations_own_contact(page, org, other_org):
    goto(page, f"/bantuan/?org={org.slug}")
    assert_national_lines(page)
    expect(page.get_by_role("heading", level=2)).to_contain_text(org.name)
    contact = page.locator("a[href='tel:0800-111']")
    expect(contact).to_be_visible()
    expect(contact).to_have_text("0800-111")
    expect(page.get_by_text("Ruang BK")).to_be_visible()
    # Only that organization's contacts, never another's.
    expect(page.locator("a[href='tel:0800-999']")).to_have_count(0)
    expect(page.get_by_text(other_org.name)).to_have_count(0)

    goto(page, "/bantuan/?org=no-such-school")
    assert_national_lines(page)
    expect(page.get_by_role("heading", level=2)).to_have_count(0)


def test_crisis_page_fits_a_small_phone(new_context, org):
    phone = new_context(viewport={"width": 360, "height": 640}, is_mobile=True, has_touch=True)
    page = phone.new_page()
    goto(page, "/", wait_until="load")
    page.locator("#crisis-link").tap()
    page.wait_for_url(path_re("/bantuan/"), wait_until="load")
    goto(page, f"/bantuan/?org={org.slug}", wait_until="load")
    assert_national_lines(page)
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    # The first number to call is on the first screen, without scrolling, and big enough to tap.
    box = page.locator("a[href='tel:119']").bounding_box()
    assert box is not None
    assert box["y"] + box["height"] <= 640
    assert box["height"] >= 24 and box["width"] >= 24
    expect(page.locator("a[href='tel:0800-111']")).to_be_visible()


def test_inline_scripts_are_refused_and_the_suite_notices(page, csp_violations):
    goto(page, "/bantuan/")
    injected = '<img src="/static/none.png" onerror="window.pwned = 1">'
    page.evaluate("html => document.body.insertAdjacentHTML('beforeend', html)", injected)
    page.wait_for_timeout(300)
    assert page.evaluate("window.pwned") is None
    assert any("Content Security Policy" in v for v in csp_violations)
    csp_violations.clear()  # seen and checked: this test's own violation must not fail its teardown
