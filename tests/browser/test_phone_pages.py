"""Issue 14 on a 360 px phone: every page it changed fits the screen, is clean for axe, and keeps the
header's "Keluar" on one line; the crisis link, sign-out and report buttons are thumb-sized.

The phone is a 360 × 780 window without Chrome's mobile emulation: with it, a page wider than the
screen widens the layout viewport too (window.innerWidth grows), which would hide the overflow that
this test is here to catch.
"""

import os
from pathlib import Path

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from conftest import make_person
from sebaya.counseling import services as counseling
from sebaya.people.models import Role
from sebaya.safety import services as safety
from sebaya.screening.instruments import get_instrument
from sebaya.screening.services import administration_record
from sebaya.support import services as support
from tests.browser.conftest import axe_problems, choose_language, goto, sign_in

pytestmark = pytest.mark.browser

WIDTH = 360
PHONE = {"viewport": {"width": WIDTH, "height": 780}, "has_touch": True}
MIN = 44  # px: the smallest comfortable tap target
SHOTS = os.environ.get("SEBAYA_SCREENSHOTS")

FIT_JS = """() => {
  const menu = document.getElementById("site-menu");
  return {
    page: document.documentElement.scrollWidth,
    window: window.innerWidth,
    menu: menu ? menu.scrollWidth - menu.clientWidth : 0,
  };
}"""
# The sign-out button: its box, and how tall its words are against one line of its text.
SIGN_OUT_JS = """() => {
  const button = document.querySelector("header form[action='/accounts/logout/'] button");
  if (!button) return null;
  const style = getComputedStyle(button);
  const line = parseFloat(style.lineHeight) || parseFloat(style.fontSize) * 1.25;
  const words = document.createRange();
  words.selectNodeContents(button);
  const box = button.getBoundingClientRect();
  return {width: box.width, height: box.height, text: words.getBoundingClientRect().height, line: line};
}"""


def shot(page, name):
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=f"{SHOTS}/phone-{name}.png", full_page=True)


def assert_tappable(locator, what):
    box = locator.bounding_box()
    assert box is not None, f"{what} is not shown"
    assert box["width"] >= MIN and box["height"] >= MIN, (
        f"{what} is {box['width']:.0f}×{box['height']:.0f} px"
    )


def check(page, name, *, signed_in=True) -> list[str]:
    """The page fits 360 px, its header is right for a thumb; returns what axe finds."""
    page.wait_for_load_state("load")
    fit = page.evaluate(FIT_JS)
    assert fit["window"] == WIDTH
    assert fit["page"] <= fit["window"] + 1, (
        f"{name}: the page is {fit['page']} px wide on a {WIDTH} px phone"
    )
    assert fit["menu"] <= 1, f"{name}: the menu bar is {fit['menu']} px too wide"
    assert_tappable(page.locator("#crisis-link"), f"{name}: the crisis link")
    sign_out = page.evaluate(SIGN_OUT_JS)
    if signed_in:
        assert sign_out is not None, f"{name}: no sign-out button"
        assert sign_out["text"] < 1.6 * sign_out["line"], f"{name}: sign-out wraps ({sign_out})"
        assert sign_out["height"] >= MIN and sign_out["width"] >= MIN, f"{name}: sign-out is {sign_out}"
    shot(page, name)
    return axe_problems(page)


def visit(page, path, name, *, status=200, signed_in=True) -> list[str]:
    response = goto(page, path)
    assert response is not None and response.status == status, (
        f"{path} answered {response and response.status}"
    )
    return check(page, name, signed_in=signed_in)


@pytest.fixture
def phone_data(org, users, student):
    """Every kind of row the changed pages show: alerts, requests, a case, the jurnal, buddies."""
    supporter_membership = users["peer_supporter"].person.memberships.get(organization=org)
    supporter = support.supporter_profile_save(
        membership=supporter_membership, by=users["coordinator"], certified=True, capacity=3, buddy_capacity=2
    )
    for n in range(4):
        make_person(
            org,
            f"N-{n}",
            grade="10",
            class_name="X-1",
            gender="female",
            full_name=f"Nur Aini Rahmawati Putri {n}",
        )
    for n in range(2):
        buddy, _u = make_person(
            org,
            f"B-{n}",
            roles=[Role.PEER_SUPPORTER],
            grade="11",
            gender="female",
            full_name=f"Kakak Pendamping {n}",
        )
        support.supporter_profile_save(
            membership=buddy, by=users["coordinator"], certified=True, buddy_capacity=2
        )
    batch = support.buddy_batch_propose(organization=org, intake_grade="10")
    alert = safety.alert_raise(organization=org, level="crisis", source="screening", person=student.person)
    administration_record(
        organization=org, person=student.person, instrument=get_instrument("phq9"), answers=[3] * 9
    )
    # An anonymous request that raised an alert (not safe now), then a peer supporter's thread.
    asked, code, pin = support.help_request_submit(
        organization=org, topic="academic", details="Aku capek banget sama semuanya.", safety_answer=True
    )
    relationship = support.relationship_start(
        help_request=asked, supporter_id=supporter.pk, by=users["counselor"]
    )
    support.message_send(
        relationship=relationship,
        body="Hai, aku di sini buat dengerin.",
        from_supporter=True,
        sender=users["peer_supporter"],
    )
    support.message_send(relationship=relationship, body="kadang aku pengen mati aja", from_supporter=False)
    support.request_reply(help_request=asked, body="Tolong aku ya.", from_requester=True)
    own, _c, _p = support.help_request_submit(
        organization=org, person=users["member"].person, topic="family", details="Di rumah sering ribut."
    )
    case = counseling.case_open(
        organization=org,
        person=student.person,
        by=users["counselor"],
        summary="Cemas menjelang ujian",
        domain="pribadi",
    )
    for service in ("konseling_individu", "bimbingan_klasikal", "konferensi_kasus", "kunjungan_rumah"):
        for domain in ("pribadi", "sosial", "belajar", "karier"):
            counseling.journal_entry_add(
                organization=org,
                counselor=users["counselor"],
                date=timezone.localdate(),
                service_type=service,
                domain=domain,
                description="Layanan",
                people=6,
            )
    return {
        "alert": alert,
        "case": case,
        "batch": batch,
        "code": code,
        "pin": pin,
        "relationship": relationship,
    }


def test_a_counselors_pages_fit_a_phone(new_context, org, users, phone_data):
    page = new_context(**PHONE).new_page()
    sign_in(page, "counselor", totp=True)
    o = f"/o/{org.slug}"
    case = phone_data["case"]
    problems = []
    for path, name in (
        (f"{o}/alerts/", "alert-queue"),
        (f"{o}/alerts/{phone_data['alert'].pk}/", "alert"),
        (f"{o}/triage/", "triage-queue"),
        (f"{o}/cases/{case.pk}/", "case"),
        (f"{o}/cases/{case.pk}/conferences/new/", "conference"),
        (f"{o}/jurnal/report/", "jurnal-report"),
        (f"{o}/screening/follow-up/", "outreach-queue"),
        (f"{o}/supporters/", "supporters-counselor"),
    ):
        problems += visit(page, path, name)
    # The detector's six months read as one compact table, a line a month, not a card a month.
    goto(page, f"{o}/alerts/")
    months = page.locator("#detector-months tbody tr")
    expect(months).to_have_count(6)
    assert months.first.bounding_box()["height"] < 60
    # Long queues are cards on a phone: every cell inside the window, with its column's name.
    for path, table in ((f"{o}/triage/", "#triage-queue"), (f"{o}/screening/follow-up/", "#outreach-queue")):
        goto(page, path)
        rightmost = page.evaluate(
            "table => Math.max(...[...document.querySelectorAll(table + ' td')]"
            ".map(td => td.getBoundingClientRect().right))",
            table,
        )
        assert rightmost <= WIDTH, f"{table} reaches {rightmost} px"
        label = page.evaluate(
            f"getComputedStyle(document.querySelector('{table} td[data-label]'), '::before').content"
        )
        assert label not in ("none", '""'), f"{table} cells carry no label"
    problems += visit(page, f"{o}/no-such-page/", "404", status=404)
    assert not problems, "\n".join(problems)


def test_a_coordinators_pages_fit_a_phone(new_context, org, users, phone_data):
    page = new_context(**PHONE).new_page()
    sign_in(page, "coordinator", totp=True)
    o = f"/o/{org.slug}"
    problems = visit(page, f"{o}/buddies/{phone_data['batch'].pk}/", "buddy-batch")
    # Each pair is a card; the buddy's list is as wide as the card, not cut to a few letters.
    pairs = page.locator("#buddy-pairs tbody tr")
    expect(pairs.first).to_be_visible()
    assert pairs.count() >= 4  # the four new students of grade 10, and the fixtures' student
    choose = pairs.first.locator("select[name=buddy]")
    assert choose.bounding_box()["width"] >= 200
    problems += visit(page, f"{o}/supporters/", "supporters")
    problems += visit(page, f"{o}/supporters/{users['peer_supporter'].person_id}/", "supporter-edit")
    # A long email address breaks inside its card instead of running past the screen's edge.
    users["member"].email = "nur.aini.rahmawati.putri.kelas.sepuluh@sekolah-menengah-atas-negeri.sch.id"
    users["member"].save()
    problems += visit(page, f"{o}/people/{users['member'].person_id}/", "person-long-email")
    assert not problems, "\n".join(problems)


def test_a_students_pages_fit_a_phone(new_context, org, users, phone_data):
    page = new_context(**PHONE).new_page()
    sign_in(page, "member")
    o = f"/o/{org.slug}"
    problems = visit(page, f"{o}/help/new/", "help-step-1")
    form = page.locator("#help-form")
    form.locator("label.option", has_text="Keluarga").click()
    for n in (1, 2, 3):
        form.locator(f"#step-{n} [data-step-next]").click()
        expect(form.locator(f"#step-{n + 1}")).to_be_visible()
        problems += check(page, f"help-step-{n + 1}")
    problems += visit(page, f"{o}/check-in/phq9/", "check-in")
    page.locator("fieldset[data-step] input[value='1']").first.check()
    problems += check(page, "check-in-2")
    problems += visit(page, "/o/school/no-such-page/", "404-student", status=404)
    assert not problems, "\n".join(problems)


def test_a_peer_supporters_scale_buttons_fit_a_phone(new_context, org, users, phone_data):
    page = new_context(**PHONE).new_page()
    sign_in(page, "peer_supporter")
    problems = visit(page, f"/o/{org.slug}/accompany/{phone_data['relationship'].pk}/", "relationship")
    page.locator("#session-details summary").click()
    scale = page.locator("#session-form .options.scale").first
    expect(scale).to_be_visible()
    for n in range(1, 6):
        assert_tappable(scale.locator("label.option").nth(n - 1), f"mood {n}")
    problems += check(page, "session-scales")
    assert not problems, "\n".join(problems)


def test_the_anonymous_request_with_an_alert_fits_a_phone(new_context, org, phone_data):
    page = new_context(**PHONE).new_page()
    goto(page, f"/ask/{org.slug}/follow-up/")
    page.locator("main form input[name=code]").fill(phone_data["code"])
    page.locator("main form input[name=pin]").fill(phone_data["pin"])
    with page.expect_navigation(wait_until="domcontentloaded"):
        page.locator("main form button[type=submit]").click()
    expect(page.locator("#crisis-numbers")).to_be_visible()
    problems = check(page, "ask-status", signed_in=False)
    # The numbers to call: a notice as wide as the column, its title lined up under its own words.
    notice = page.locator("#crisis-numbers")
    column = page.locator("main .narrow").bounding_box()
    box = notice.bounding_box()
    assert abs(box["x"] - column["x"]) <= 1 and abs(box["width"] - column["width"]) <= 1
    summary = notice.locator("summary")
    assert_tappable(summary, "the numbers to call")
    words = page.evaluate(
        """() => { const range = document.createRange();
          range.selectNodeContents(document.querySelector('#crisis-numbers summary'));
          return [...range.getClientRects()].map(r => Math.round(r.left)); }"""
    )
    assert len(set(words)) == 1, f"the notice's title lines start at {words}"
    summary.click()
    expect(notice.locator(".lines").first).to_be_visible()
    problems += check(page, "ask-status-numbers", signed_in=False)
    # The thread with the peer supporter: "report" is thumb-sized, on its own line.
    report = page.locator("#thread form.report button")
    expect(report).to_have_count(1)
    assert_tappable(report, "report to the supervisor")
    # Typing something heavy in the reply box shows the warning, lined up with the box.
    box_field = page.locator("main form textarea[name=body]").first
    box_field.fill("aku pengen mati aja")
    warning = page.locator(".typing-warning-box").first
    expect(warning).to_be_visible()
    field, shown = box_field.bounding_box(), warning.bounding_box()
    assert abs(field["x"] - shown["x"]) <= 1 and abs(field["width"] - shown["width"]) <= 1
    problems += check(page, "ask-status-warning", signed_in=False)
    assert not problems, "\n".join(problems)


def test_sign_out_stays_on_one_line_beside_a_long_organization_name(new_context, org, users):
    """ "Sign out" is two words: a narrow header must not fold it; the organization's name wraps instead."""
    org.name = "SMA Negeri 1 Kabupaten Contoh dengan Nama yang Panjang Sekali"
    org.save()
    page = new_context(**PHONE).new_page()
    sign_in(page, "coordinator", totp=True)
    problems = visit(page, f"/o/{org.slug}/", "home-long-name")
    choose_language(page, "en")
    problems += check(page, "home-long-name-en")
    expect(page.locator("header form[action='/accounts/logout/'] button")).to_have_text("Sign out")
    assert not problems, "\n".join(problems)
