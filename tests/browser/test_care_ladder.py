"""Tier 1 in a browser: an anonymous request → triage → match → messages and a session → a risky
message raises an alert → step up to a counselor, who finds it in the triage queue."""

import pytest
from playwright.sync_api import expect

from sebaya.safety.models import Alert
from sebaya.support import services
from sebaya.support.models import HelpRequest
from tests.browser.conftest import axe_problems, goto, sign_in, sign_out

pytestmark = pytest.mark.browser


def test_the_whole_path_from_an_anonymous_request_to_a_step_up(new_context, org, users):
    supporter = users["peer_supporter"].person.memberships.get(organization=org)
    services.supporter_profile_save(membership=supporter, by=users["coordinator"], certified=True)

    # 1. Someone asks without signing in, on a phone.
    phone = new_context(viewport={"width": 360, "height": 740}, is_mobile=True, has_touch=True).new_page()
    goto(phone, f"/ask/{org.slug}/")
    problems = axe_problems(phone)
    form = phone.locator("#help-form")
    # On a phone the form shows one step at a time.
    form.locator("input[name=topic][value=academic]").check()
    form.locator("textarea[name=details]").fill("Aku cemas banget mau ujian.")
    form.locator("#step-1 [data-step-next]").click()
    for item in ("q1", "q2", "q3", "q4"):
        form.locator(f"input[name=check_{item}][value='1']").check()
    form.locator("input[name=safety][value=no]").check()
    form.locator("#step-2 [data-step-next]").click()
    form.locator("#step-3 [data-step-next]").click()
    form.locator("#help-submit").click()
    expect(phone.locator("#request-code")).to_be_visible()
    code = phone.locator("#the-code").inner_text()
    problems += axe_problems(phone)
    help_request = HelpRequest.objects.get(request_code=code)
    assert help_request.person is None and not Alert.objects.exists()

    # 2. A counselor triages it and matches it with a peer supporter.
    page = new_context().new_page()
    sign_in(page, "counselor", totp=True)
    page.locator("#triage-link").click()
    page.locator("#triage-queue a", has_text="Anonim").click()
    problems += axe_problems(page)
    page.locator("#match-link").click()
    page.locator("#proposals .choose-supporter").first.click()
    expect(page.locator("h1")).to_contain_text("Anonim")
    sign_out(page)

    # 3. The peer supporter writes and logs a session.
    sign_in(page, "peer_supporter")
    page.locator("#accompany-link").click()
    page.locator("#accompany-list a").first.click()
    page.locator("#message-form textarea").fill("Hai, aku di sini buat dengerin. Mau cerita?")
    page.locator("#message-send").click()
    expect(page.locator("#thread")).to_contain_text("aku di sini buat dengerin")
    expect(page.locator("#message-form textarea")).to_have_value("")
    page.locator("#session-details summary").click()
    session = page.locator("#session-form")
    session.locator("input[name=date]").fill("2026-12-01")
    session.locator("input[name=duration_minutes]").fill("20")
    session.locator("input[name=mood_before][value='2']").check()  # the 1–5 scale is a row of buttons
    session.locator("input[name=mood_after][value='3']").check()
    session.locator("button[type=submit]").click()
    expect(page.locator("#sessions")).to_contain_text("20")
    problems += axe_problems(page)

    # 4. The person answers with their code; a risky message raises an alert at once.
    goto(phone, f"/ask/{org.slug}/r/{code}/")
    expect(phone.locator("#thread")).to_contain_text("aku di sini buat dengerin")
    phone.locator("form[data-reset] textarea").fill("makasih kak, tapi kadang aku pengen mati aja")
    phone.locator("form[data-reset] button[type=submit]").click()
    expect(phone.locator("#thread")).to_contain_text("pengen mati")
    alert = Alert.objects.get()
    assert alert.level == "crisis" and alert.source == "text"

    # 5. The supporter steps up; the counselor finds it in the triage queue.
    page.reload()
    page.locator("#step-up-details summary").click()
    page.locator("#step-up-form textarea").fill("Dia bilang kadang pengen mati. Butuh guru BK hari ini.")
    page.locator("#step-up").click()
    expect(page.locator("#relationship-status")).to_contain_text("guru BK")
    sign_out(page)
    sign_in(page, "counselor", totp=True)
    goto(page, f"/o/{org.slug}/triage/")
    expect(page.locator("#triage-queue")).to_contain_text("konselor sebaya")
    assert HelpRequest.objects.filter(source="step_up").count() == 1
    assert not problems, "\n".join(problems)
