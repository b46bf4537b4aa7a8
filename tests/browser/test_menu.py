"""The persistent menu on a 360 px phone: reachable, big enough for a thumb, and clean for axe."""

import re

import pytest
from playwright.sync_api import expect

from sebaya.support import services as support
from tests.browser.conftest import axe_problems, goto, path_re, sign_in

pytestmark = pytest.mark.browser

PHONE = {"width": 360, "height": 740}
MIN = 44  # px: the smallest comfortable tap target


def assert_tappable(locator, what):
    box = locator.bounding_box()
    assert box is not None, f"{what} is not shown"
    assert box["width"] >= MIN and box["height"] >= MIN, (
        f"{what} is {box['width']:.0f}×{box['height']:.0f} px"
    )


def assert_in_view(page, locator, what):
    box = locator.bounding_box()
    viewport = page.viewport_size
    assert box and box["y"] >= 0 and box["y"] + box["height"] <= viewport["height"] + 1, (
        f"{what} is off screen"
    )


def test_a_student_reaches_every_place_from_the_bottom_bar(new_context, org, users):
    page = new_context(viewport=PHONE).new_page()
    sign_in(page, "member")
    goto(page, f"/o/{org.slug}/")
    menu = page.locator("#site-menu")
    expect(menu).to_be_visible()
    links = menu.locator(".menu-bar > li > a")
    assert links.count() == 4  # home, ask, my requests, check-in; the rest behind "Menu"
    assert_tappable(page.locator("#menu-button"), "the menu button")
    for i in range(links.count()):
        assert_in_view(page, links.nth(i), f"menu item {i}")
        assert_tappable(links.nth(i), f"menu item {links.nth(i).inner_text()!r}")
    assert_tappable(page.locator("#crisis-link"), "the crisis link")
    assert_tappable(page.locator("header form[action='/accounts/logout/'] button"), "sign out")
    # The bar stays on screen while the page scrolls.
    page.mouse.wheel(0, 2000)
    assert_in_view(page, page.locator("#menu-check-in"), "check-in after scrolling")
    problems = axe_problems(page)
    page.locator("#menu-check-in").click()
    expect(page).to_have_url(path_re(f"/o/{org.slug}/check-in/"))
    expect(page.locator("#menu-check-in")).to_have_attribute("aria-current", "page")
    assert not problems, "\n".join(problems)


def test_a_counselor_opens_the_rest_from_the_menu_button(new_context, org, users):
    page = new_context(viewport=PHONE).new_page()
    sign_in(page, "counselor", totp=True)
    goto(page, f"/o/{org.slug}/")
    button = page.locator("#menu-button")
    assert_in_view(page, button, "the menu button")
    assert_tappable(button, "the menu button")
    expect(page.locator("#menu-journal")).to_be_hidden()
    button.click()
    journal = page.locator("#menu-journal")
    expect(journal).to_be_visible()
    assert_in_view(page, journal, "the journal link")
    assert_tappable(journal, "the journal link")
    problems = axe_problems(page)
    journal.click()
    expect(page).to_have_url(path_re(f"/o/{org.slug}/jurnal/"))
    assert not problems, "\n".join(problems)


def test_on_a_wide_screen_the_menu_sits_under_the_header(new_context, org, users):
    page = new_context(viewport={"width": 1280, "height": 900}).new_page()
    sign_in(page, "counselor", totp=True)
    goto(page, f"/o/{org.slug}/")
    home = page.locator("#menu-home")
    header = page.locator("header.top").bounding_box()
    assert home.bounding_box()["y"] >= header["y"] + header["height"] - 1
    assert_tappable(page.locator("#menu-alerts"), "alerts")
    assert not axe_problems(page)


def test_a_student_sees_unread_messages_on_the_bar_until_they_open_the_conversation(new_context, org, users):
    membership = users["peer_supporter"].person.memberships.get(organization=org)
    profile = support.supporter_profile_save(membership=membership, by=None, certified=True, capacity=2)
    request = support.help_request_submit(organization=org, person=users["member"].person, topic="academic")[
        0
    ]
    relationship = support.relationship_start(
        help_request=request, supporter_id=profile.pk, by=users["counselor"]
    )
    for body in ("Hai, aku di sini buat dengerin.", "Kapan kamu mau ngobrol?"):
        support.message_send(
            relationship=relationship, body=body, from_supporter=True, sender=users["peer_supporter"]
        )

    page = new_context(viewport=PHONE).new_page()
    sign_in(page, "member")
    goto(page, f"/o/{org.slug}/")
    requests = page.locator("#menu-requests")
    assert_in_view(page, requests, "my requests")
    expect(requests.locator("#unread-as-person")).to_have_text("2")
    expect(requests).to_have_accessible_name(re.compile(r"Permintaanku\s+2 pesan belum dibaca"))
    problems = axe_problems(page)
    requests.click()
    page.locator("main a", has_text="Bersama konselor sebayamu").click()
    expect(page.locator("#thread")).to_contain_text("Kapan kamu mau ngobrol?")
    page.locator("#menu-home").click()
    expect(page).to_have_url(path_re(f"/o/{org.slug}/"))
    expect(page.locator("#menu-requests")).to_be_visible()
    expect(page.locator("#unread-as-person")).to_have_count(0)
    assert not problems, "\n".join(problems)
