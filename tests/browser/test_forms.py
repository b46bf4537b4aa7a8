"""Long forms as a person meets them on a phone: the help request in four steps, one at a time,
free times as a table; checked in a real Chromium at 360 px."""

import os
from pathlib import Path

import pytest
from playwright.sync_api import expect

from sebaya.support.models import HelpRequest
from tests.browser.conftest import axe_problems, goto, sign_in

pytestmark = pytest.mark.browser
SHOTS = os.environ.get("SEBAYA_SCREENSHOTS")
PHONE = {"viewport": {"width": 360, "height": 740}, "is_mobile": True, "has_touch": True}


def shot(page, name):
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=f"{SHOTS}/{name}.png", full_page=True)


def test_the_help_request_goes_step_by_step_on_a_phone(new_context, org, users):
    page = new_context(**PHONE).new_page()
    sign_in(page, "member")
    goto(page, f"/o/{org.slug}/help/new/")
    form = page.locator("#help-form")
    steps = [form.locator(f"#step-{n}") for n in range(1, 5)]
    expect(steps[0]).to_be_visible()
    expect(steps[0]).to_contain_text("Langkah 1 dari 4")
    for step in steps[1:]:
        expect(step).to_be_hidden()
    expect(form.locator("#help-steps a[aria-current=step]")).to_have_text("Ceritamu")
    problems = axe_problems(page)
    shot(page, "help-step-1")

    form.locator("label.option", has_text="Tekanan belajar").click()
    steps[0].locator("[data-step-next]").click()
    expect(steps[1]).to_be_visible()
    expect(steps[0]).to_be_hidden()
    expect(steps[1].locator("#step-2-title")).to_be_focused()
    expect(steps[1]).to_contain_text("Langkah 2 dari 4")
    for n in range(1, 5):
        steps[1].locator(f"input[name=check_q{n}][value='0']").check()
    safety = steps[1].locator("#safety-question")
    expect(safety).to_be_visible()
    safety.locator("input[value=no]").check()
    steps[1].locator("[data-step-next]").click()
    expect(steps[2]).to_be_visible()
    steps[2].locator("[data-step-back]").click()  # back keeps the answers
    expect(steps[1].locator("input[name=check_q1][value='0']")).to_be_checked()
    steps[1].locator("[data-step-next]").click()
    steps[2].locator("[data-step-next]").click()
    expect(steps[3]).to_contain_text("Langkah 4 dari 4")
    steps[3].locator("label.option", has_text="Senin").click()
    steps[3].locator("label.option", has_text="sore").click()
    problems += axe_problems(page)
    shot(page, "help-step-4")
    with page.expect_navigation(wait_until="domcontentloaded"):
        steps[3].locator("#help-submit").click()
    help_request = HelpRequest.objects.get()
    assert help_request.topic == "academic" and help_request.times == ["mon_afternoon"]
    assert not problems, "\n".join(problems)


def test_a_missing_safety_answer_opens_its_step_again(new_context, org, users):
    page = new_context(**PHONE).new_page()
    sign_in(page, "member")
    goto(page, f"/o/{org.slug}/help/new/")
    form = page.locator("#help-form")
    form.locator("label.option", has_text="Keluarga").click()
    for _n in range(3):
        form.locator("[data-form-step]:visible [data-step-next]").click()
    with page.expect_navigation(wait_until="domcontentloaded"):
        form.locator("#help-submit").click()
    expect(form.locator("#step-2")).to_be_visible()  # the step with the question to answer
    expect(form.locator("#step-1")).to_be_hidden()
    expect(form.locator("#step-2 .errorlist").first).to_be_visible()
    assert not HelpRequest.objects.exists()


def test_without_a_phone_every_step_shows_on_one_page(new_context, org, users):
    page = new_context(viewport={"width": 1280, "height": 900}).new_page()
    sign_in(page, "member")
    goto(page, f"/o/{org.slug}/help/new/")
    for n in range(1, 5):
        expect(page.locator(f"#step-{n}")).to_be_visible()
    expect(page.locator("[data-step-next]").first).to_be_hidden()


def _case(org, users):
    from sebaya.counseling import services as counseling

    return counseling.case_open(
        organization=org,
        person=users["member"].person,
        by=users["counselor"],
        summary="Cemas",
        domain="pribadi",
    )


@pytest.mark.parametrize("javascript", [True, False], ids=["htmx", "no-js"])
def test_conference_participants_are_added_with_a_button(new_context, org, users, javascript):
    case = _case(org, users)
    signing_in = new_context()
    sign_in(signing_in.new_page(), "counselor", totp=True)
    # The same session in a browser with JavaScript on or off.
    page = new_context(java_script_enabled=javascript, storage_state=signing_in.storage_state()).new_page()
    goto(page, f"/o/{org.slug}/cases/{case.pk}/conferences/new/")
    form = page.locator("#conference-form")
    rows = form.locator("#participant-rows tr")
    before = rows.count()
    form.locator("textarea[name=agenda]").fill("Kehadiran")
    form.locator("input[name=participants-0-name]").fill("Pak Andi")
    form.locator("select[name=participants-0-role]").select_option("homeroom")
    add = form.locator("#add-participant")
    expect(add).to_have_text("Tambah peserta")
    for _n in range(2):
        add.click()
    expect(rows).to_have_count(before + 2)
    last = before + 1
    # What was typed before is still there (no JavaScript: the page came back from the server).
    expect(form.locator("input[name=participants-0-name]")).to_have_value("Pak Andi")
    expect(form.locator("textarea[name=agenda]")).to_have_value("Kehadiran")
    form.locator(f"input[name=participants-{last}-name]").fill("Bu Rina")
    form.locator(f"select[name=participants-{last}-role]").select_option("parent")
    problems = axe_problems(page) if javascript else []  # axe runs as a script: not without JavaScript
    with page.expect_navigation(wait_until="domcontentloaded"):
        form.locator("#conference-save").click()
    conference = case.conferences.get()
    assert sorted(p.name for p in conference.participants.all()) == ["Bu Rina", "Pak Andi"]
    assert not problems, "\n".join(problems)


def test_a_person_is_found_by_typing_part_of_their_name(new_context, org, users):
    import datetime

    from django.utils import timezone

    from conftest import make_person
    from sebaya.programs import recruitment
    from sebaya.programs.models import Nomination

    today = timezone.localdate()
    open_round = recruitment.round_create(
        organization=org,
        by=users["coordinator"],
        title="Rekrutmen",
        opens_on=today - datetime.timedelta(days=1),
        closes_on=today + datetime.timedelta(days=14),
        places=2,
    )
    for n in range(30):
        make_person(org, f"s-{n}", full_name=f"Siswa {n:02d}", class_name="X-2")
    aulia, _u = make_person(org, "aulia", full_name="Aulia Pratama", class_name="X-1")
    page = new_context(**PHONE).new_page()
    sign_in(page, "counselor", totp=True)
    goto(page, f"/o/{org.slug}/program/recruitment/{open_round.pk}/")
    box = page.locator("#nominate-form input[name=person]")
    expect(box).to_have_attribute("list", "id_person_list")
    options = page.locator("#id_person_list option")
    assert options.count() >= 31
    expect(page.locator("#id_person_list option[value='Aulia Pratama (X-1)']")).to_have_count(1)
    box.press_sequentially("ulia")  # any part of the name: the browser filters the list
    box.fill("Aulia Pratama (X-1)")
    page.locator("#nominate-form textarea[name=reason]").fill("Pendengar yang baik")
    problems = axe_problems(page)
    shot(page, "nominate")
    with page.expect_navigation(wait_until="domcontentloaded"):
        page.locator("#nominate-form button[type=submit]").click()
    assert Nomination.objects.get().person == aulia.person
    expect(page.locator("#nominations")).to_contain_text("Aulia Pratama")
    assert not problems, "\n".join(problems)


def test_a_conference_participant_is_found_by_typing_part_of_their_name(new_context, org, users):
    from conftest import make_person

    case = _case(org, users)
    for n in range(30):
        make_person(org, f"s-{n}", full_name=f"Siswa {n:02d}", class_name="X-2")
    make_person(org, "aulia-1", full_name="Aulia Pratama", class_name="X-1")
    aulia, _u = make_person(org, "aulia-2", full_name="Aulia Pratama", class_name="X-3")
    page = new_context(**PHONE).new_page()
    sign_in(page, "counselor", totp=True)
    goto(page, f"/o/{org.slug}/cases/{case.pk}/conferences/new/")
    form = page.locator("#conference-form")
    form.locator("textarea[name=agenda]").fill("Kehadiran")
    box = form.locator("input[name=participants-0-name]")
    expect(box).to_have_attribute("list", "participant-names")
    assert page.locator("#participant-names option").count() >= 32
    expect(page.locator("#participant-names option[value='Aulia Pratama (X-3)']")).to_have_count(1)
    form.locator("#add-participant").click()  # a row added with htmx searches the same list
    expect(form.locator("input[name=participants-3-name]")).to_have_attribute("list", "participant-names")
    box.press_sequentially("ulia")
    box.fill("Aulia Pratama (X-3)")
    form.locator("select[name=participants-0-role]").select_option("student")
    form.locator("input[name=participants-1-name]").fill("Ibu Aulia")  # a parent: not on the list
    form.locator("select[name=participants-1-role]").select_option("parent")
    problems = axe_problems(page)
    shot(page, "conference-picker")
    with page.expect_navigation(wait_until="domcontentloaded"):
        form.locator("#conference-save").click()
    participants = {p.name: p.person_id for p in case.conferences.get().participants.all()}
    assert participants == {"Aulia Pratama": aulia.person_id, "Ibu Aulia": None}
    assert not problems, "\n".join(problems)
