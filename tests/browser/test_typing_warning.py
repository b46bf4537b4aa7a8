"""The warning while typing, in a browser: crisis words in the anonymous help form and in a
message to a peer supporter bring the crisis lines up before anything is sent; ordinary words
bring nothing; the page stays accessible and within its Content-Security-Policy."""

import os
from pathlib import Path

import pytest
from playwright.sync_api import expect

from sebaya.safety.models import Alert
from sebaya.support import services
from sebaya.support.models import HelpRequest, Message
from tests.browser.conftest import axe_problems, goto, sign_in

pytestmark = pytest.mark.browser
SHOTS = os.environ.get("SEBAYA_SCREENSHOTS")  # a folder: pages are also saved there to look at
PHONE = {"viewport": {"width": 360, "height": 740}, "is_mobile": True, "has_touch": True}
LAPTOP = {"viewport": {"width": 1366, "height": 768}}

CRISIS = "aku udah nggak kuat, aku ingin bunuh diri malam ini"
ORDINARY = "Aku stres mau ujian minggu depan."


def shot(page, name):
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        box = page.locator(".typing-warning-box").first
        box.screenshot(path=f"{SHOTS}/{name}-box.png")
        # What the screen shows: the end of the text box at the top, the warning below it.
        page.evaluate(
            "window.scrollBy(0, document.querySelector('.typing-check').getBoundingClientRect().top - 8)"
        )
        page.screenshot(path=f"{SHOTS}/{name}.png")


def type_and_wait_for_the_check(page, box, text):
    """Type as a person does; the check goes out after the pause that follows."""
    with page.expect_response(lambda response: "typing-check" in response.url) as answer:
        box.fill(text)
    assert answer.value.request.method == "POST"
    assert "bunuh" not in answer.value.url and "ujian" not in answer.value.url  # words never in a URL
    page.wait_for_timeout(100)  # let htmx put the answer in place


@pytest.mark.parametrize("device", ["phone", "laptop"])
def test_crisis_words_in_the_anonymous_form_bring_the_lines_before_sending(new_context, org, device):
    page = new_context(**(PHONE if device == "phone" else LAPTOP)).new_page()
    goto(page, f"/ask/{org.slug}/")
    form = page.locator("#help-form")
    details = form.locator("textarea[name=details]")

    type_and_wait_for_the_check(page, details, ORDINARY)
    expect(form.locator(".typing-warning")).to_be_empty()

    type_and_wait_for_the_check(page, details, CRISIS)
    warning = form.locator(".typing-warning-box")
    expect(warning).to_be_visible()
    expect(warning.locator("a[href='tel:119']")).to_be_visible()
    expect(warning.locator("a[href='tel:0800-111']")).to_be_visible()  # the school's own contact
    expect(details).to_be_focused()  # announced (aria-live), but nobody's typing is interrupted
    assert form.locator("[aria-live=polite] .typing-warning-box").count() == 1
    assert not HelpRequest.objects.exists()  # nothing was sent: this is before sending
    problems = axe_problems(page)
    shot(page, f"ask-{device}")

    # More words while it is on the screen leave it as it is (it is not read out again).
    with page.expect_response(lambda response: "typing-check" in response.url) as answer:
        details.press_sequentially(" tolong")
    assert answer.value.status == 204
    expect(warning).to_be_visible()

    # "Send it now to a counselor": the rest of the form can wait.
    form.locator("#send-now").click()
    expect(page.locator("#request-code")).to_be_visible()
    help_request = HelpRequest.objects.get()
    assert (help_request.tier, help_request.urgency) == ("urgent", "urgent")
    assert Alert.objects.get().level == "crisis"
    problems += axe_problems(page)
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("device", ["phone", "laptop"])
def test_crisis_words_to_a_peer_supporter_bring_the_lines_before_sending(new_context, org, users, device):
    supporter = users["peer_supporter"].person.memberships.get(organization=org)
    profile = services.supporter_profile_save(membership=supporter, by=users["coordinator"], certified=True)
    request = services.help_request_submit(organization=org, person=users["member"].person, topic="family")[0]
    relationship = services.relationship_start(help_request=request, supporter_id=profile.pk, by=None)

    page = new_context(**(PHONE if device == "phone" else LAPTOP)).new_page()
    sign_in(page, "member")
    goto(page, f"/o/{org.slug}/accompany/{relationship.pk}/")
    form = page.locator("#message-form")
    box = form.locator("textarea[name=body]")

    type_and_wait_for_the_check(page, box, ORDINARY)
    expect(form.locator(".typing-warning")).to_be_empty()

    type_and_wait_for_the_check(page, box, CRISIS)
    warning = form.locator(".typing-warning-box")
    expect(warning).to_be_visible()
    expect(warning.locator("a[href='tel:119']")).to_be_visible()
    expect(warning).not_to_contain_text("Kirim sekarang")  # a message goes with its own button
    expect(box).to_be_focused()
    assert not Message.objects.exists()
    problems = axe_problems(page)
    shot(page, f"message-{device}")

    # Sent: it reaches the thread, and the lines stay on the screen.
    page.locator("#message-send").click()
    expect(page.locator("#thread")).to_contain_text("bunuh diri")
    expect(box).to_have_value("")
    expect(warning).to_be_visible()
    assert Alert.objects.get().level == "crisis"
    problems += axe_problems(page)
    assert not problems, "\n".join(problems)


def test_the_peer_supporter_is_not_warned_while_writing(new_context, org, users):
    """Asking someone directly about suicide is what supporters are trained to do."""
    supporter = users["peer_supporter"].person.memberships.get(organization=org)
    profile = services.supporter_profile_save(membership=supporter, by=users["coordinator"], certified=True)
    request = services.help_request_submit(organization=org, person=users["member"].person, topic="family")[0]
    relationship = services.relationship_start(help_request=request, supporter_id=profile.pk, by=None)

    page = new_context().new_page()
    sign_in(page, "peer_supporter")
    goto(page, f"/o/{org.slug}/accompany/{relationship.pk}/")
    assert page.locator("#message-form .typing-check").count() == 0
