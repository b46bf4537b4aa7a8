"""Bahasa Indonesia first; English on request, remembered per person across devices."""

import pytest
from playwright.sync_api import expect

from sebaya.accounts.models import User
from tests.browser.conftest import choose_language, goto, path_re, sign_in, sign_out

pytestmark = pytest.mark.browser

ID_CRISIS = "Butuh bantuan sekarang?"
EN_CRISIS = "Need help now?"


def test_signed_out_visitor_switches_from_indonesian_to_english(page):
    goto(page, "/")
    expect(page.locator("html")).to_have_attribute("lang", "id")
    expect(page.locator("#crisis-link")).to_have_text(ID_CRISIS)
    expect(page.locator("#language-select")).to_have_value("id")

    choose_language(page, "en")

    expect(page).to_have_url(path_re("/"))  # back where the form was used
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.locator("#crisis-link")).to_have_text(EN_CRISIS)
    expect(page.locator("h1")).to_have_text("Sebaya: you do not have to face it alone")
    expect(page.locator("#language-select")).to_have_value("en")

    # The choice sticks for the next pages (cookie), including the sign-in page.
    goto(page, "/accounts/login/")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.locator("#crisis-link")).to_have_text(EN_CRISIS)

    choose_language(page, "id")
    expect(page).to_have_url(path_re("/accounts/login/"))
    expect(page.locator("#crisis-link")).to_have_text(ID_CRISIS)


def test_english_follows_the_person_to_a_new_browser(new_context, users, org):
    first = new_context().new_page()
    sign_in(first, "member")
    expect(first.locator("#home-member")).to_be_visible()
    expect(first.locator("html")).to_have_attribute("lang", "id")

    choose_language(first, "en")
    expect(first).to_have_url(path_re(f"/o/{org.slug}/"))
    expect(first.locator("#home-member h2").first).to_have_text("Talk to someone")
    assert User.objects.get(username="member").language == "en"

    sign_out(first)
    expect(first.locator("#crisis-link")).to_have_text(EN_CRISIS)  # this browser keeps its cookie

    # Another device: an Indonesian phone without any cookie from before.
    second = new_context(locale="id-ID").new_page()
    goto(second, "/accounts/login/")
    expect(second.locator("html")).to_have_attribute("lang", "id")
    sign_in(second, "member")
    expect(second.locator("#home-member")).to_be_visible()
    expect(second.locator("html")).to_have_attribute("lang", "en")
    expect(second.locator("#crisis-link")).to_have_text(EN_CRISIS)
    expect(second.locator("#home-member h2").first).to_have_text("Talk to someone")
    expect(second.locator("#language-select")).to_have_value("en")

    goto(second, "/account/")
    expect(second.locator("html")).to_have_attribute("lang", "en")
    expect(second.locator("h1")).to_have_text("My account")
