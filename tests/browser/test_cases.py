"""The case book in a browser: open a case from a step-up, write an encrypted note, hold a case
conference, refer to a partner who accepts and reports back, close the case; a coordinator and a
peer supporter are refused the notes; a long timeline shown a page at a time."""

import datetime

import pytest
from playwright.sync_api import expect

from sebaya.counseling.models import Case, CounselingSession, Referral
from sebaya.counseling.services import partner_save
from sebaya.counseling.tests.timeline_data import long_history
from sebaya.counseling.timeline import PAGE_SIZE, person_timeline
from sebaya.support import services as support
from tests.browser.conftest import axe_problems, goto, sign_in, sign_out

pytestmark = pytest.mark.browser


def facts_out_of_line(page) -> list[str]:
    """The labels of the page's first `dl.facts` that do not start a line with their value beside them."""
    return page.locator("dl.facts").first.evaluate(
        """dl => {
            const left = dl.getBoundingClientRect().left;
            return [...dl.querySelectorAll(':scope > dt')].filter(dt => {
                const label = dt.getBoundingClientRect();
                const value = dt.nextElementSibling.getBoundingClientRect();
                return Math.abs(label.left - left) > 1 || Math.abs(label.top - value.top) > 1
                    || value.left <= label.left;
            }).map(dt => dt.textContent);
        }"""
    )


def test_a_case_from_step_up_to_closing(new_context, org, users):
    member = users["member"].person
    supporter = users["peer_supporter"].person.memberships.get(organization=org)
    profile = support.supporter_profile_save(membership=supporter, by=users["coordinator"], certified=True)
    request = support.help_request_submit(organization=org, person=member, topic="family")[0]
    relationship = support.relationship_start(
        help_request=request, supporter_id=profile.pk, by=users["counselor"]
    )
    support.step_up(
        relationship=relationship, by=users["peer_supporter"], note="Masalah di rumah makin berat."
    )
    partner_save(
        organization=org,
        by=users["counselor"],
        users=[users["partner"]],
        name="Biro Psikologi",
        kind="psychologist",
    )

    page = new_context().new_page()
    sign_in(page, "counselor", totp=True)
    goto(page, f"/o/{org.slug}/triage/")
    page.locator("#triage-queue a", has_text=member.full_name).click()
    page.locator("#open-case summary").click()
    page.locator("#open-case input[name=summary]").fill("Konflik keluarga")
    page.locator("#open-case-submit").click()
    expect(page.locator("h1")).to_contain_text(member.full_name)
    problems = axe_problems(page)
    # The case's facts read a label and its value a line, at a tablet's width as at a laptop's
    # (the evaluation's tiles once flowed every `dl.facts` into columns: "Status | Dirujuk | Asal").
    for width in (800, 1280):
        page.set_viewport_size({"width": width, "height": 900})
        assert facts_out_of_line(page) == [], width

    # An encrypted note.
    page.locator("#session-new-link").click()
    form = page.locator("#session-form")
    form.locator("textarea[name=discussed]").fill("Pertengkaran orang tua setiap malam.")
    form.locator("textarea[name=confidential_note]").fill("Ayahnya pernah memukul ibunya.")
    form.locator("button[type=submit]").click()
    expect(page.locator(".confidential-note")).to_contain_text("Ayahnya pernah memukul")
    session = CounselingSession.objects.get()
    assert "memukul" not in session.confidential_note

    # A case conference.
    page.locator("#conference-new-link").click()
    conference = page.locator("#conference-form")
    conference.locator("textarea[name=agenda]").fill("Keamanan di rumah")
    conference.locator("select[name=status]").select_option("held")
    conference.locator("input[name=participants-0-name]").fill("Wali kelas")
    conference.locator("select[name=participants-0-role]").select_option("homeroom")
    conference.locator("input[name=actions-0-what]").fill("Hubungi UPTD PPA")
    conference.locator("input[name=actions-0-who]").fill("Guru BK")
    conference.locator("input[name=actions-0-due_on]").fill("2026-12-10")
    conference.locator("#conference-save").click()
    expect(page.locator("#case-conferences li")).to_have_count(1)

    # A referral the partner accepts and reports back on.
    page.locator("#referral-new-link").click()
    referral_form = page.locator("#referral-form")
    referral_form.locator("select[name=partner]").select_option(label="Biro Psikologi")
    referral_form.locator("textarea[name=reason]").fill("Perlu asesmen psikolog.")
    referral_form.locator("input[name=consent][value=guardian]").check()
    referral_form.locator("input[name=consent_by_name]").fill("Ibu kandung")
    referral_form.locator("button[type=submit]").click()
    expect(page.locator("#referral-status")).to_have_text("Terkirim")
    problems += axe_problems(page)
    sign_out(page)

    sign_in(page, "partner")
    page.locator("#referrals-link").click()
    page.locator("#referral-list a").first.click()
    expect(page.locator("#referral-shared")).to_contain_text("Konflik keluarga")
    expect(page.locator("body")).not_to_contain_text("Ayahnya pernah memukul")
    page.locator("#referral-update-form select[name=status]").select_option("accepted")
    page.locator("#referral-update-form textarea[name=feedback]").fill("Asesmen hari Sabtu.")
    page.locator("#referral-update-form button[type=submit]").click()
    expect(page.locator("#partner-feedback")).to_contain_text("Asesmen hari Sabtu.")
    sign_out(page)

    # The coordinator and the peer supporter are refused the case and its notes.
    case = Case.objects.get()
    for username, totp in (("coordinator", True), ("peer_supporter", False)):
        other = new_context().new_page()
        sign_in(other, username, totp=totp)
        response = goto(other, f"/o/{org.slug}/cases/{case.pk}/")
        assert response.status == 403
        expect(other.locator("body")).not_to_contain_text("Ayahnya")

    # The counselor closes the case.
    sign_in(page, "counselor", totp=True)
    goto(page, f"/o/{org.slug}/cases/{case.pk}/")
    page.locator("#case-close summary").click()
    close = page.locator("#case-close-form")
    close.locator("select[name=outcome]").select_option("referred")
    close.locator("textarea[name=summary]").fill("Berlanjut di psikolog; keluarga terhubung ke UPTD PPA.")
    close.locator("button[type=submit]").click()
    # Closing cannot be undone: the first tap only asks, the second closes.
    expect(page.locator("#confirm-page")).to_be_visible()
    page.locator("#confirm-yes").click()
    expect(page.locator("#case-status")).to_have_text("Selesai")
    assert Referral.objects.get().status == "accepted"
    assert not problems, "\n".join(problems)


def shown_entries(entries):
    """Each entry on the timeline as its kind (its class) and its time."""
    return [[li.get_attribute("class"), li.locator("time").get_attribute("datetime")] for li in entries.all()]


@pytest.mark.parametrize("javascript", [True, False], ids=["htmx", "no-js"])
def test_the_timeline_shows_the_newest_and_pages_back_to_the_start(
    new_context, org, users, student, javascript
):
    """A person with a long history, on a phone: the case page shows the newest entries; "Show
    earlier" adds the next page in place (htmx, focus on the first one added) or, without
    JavaScript, opens it on a page of its own; either way back to the start, every entry once."""
    case = long_history(org, users, student.person, steps=8)
    expected = [
        [f"entry-{entry.kind}", entry.at]
        for entry in reversed(person_timeline(organization=org, person=student.person))
    ]
    signing_in = new_context()
    sign_in(signing_in.new_page(), "counselor", totp=True)
    page = new_context(
        java_script_enabled=javascript,
        storage_state=signing_in.storage_state(),
        viewport={"width": 360, "height": 780},
    ).new_page()
    goto(page, f"/o/{org.slug}/cases/{case.pk}/")
    entries = page.locator("#timeline-entries > li")
    expect(entries).to_have_count(PAGE_SIZE)
    problems = axe_problems(page) if javascript else []  # axe runs as a script: not without JavaScript
    seen = shown_entries(entries)
    earlier = page.locator("#timeline-earlier-link")
    while earlier.count():
        if javascript:
            earlier.click()
            expect(entries).to_have_count(min(len(seen) + PAGE_SIZE, len(expected)))
            expect(entries.nth(len(seen))).to_be_focused()
            assert page.url.endswith(f"/cases/{case.pk}/")  # still the case page
            seen = shown_entries(entries)
        else:
            with page.expect_navigation(wait_until="domcontentloaded"):
                earlier.click()
            assert f"/cases/{case.pk}/timeline/?before=" in page.url  # the timeline's own page
            seen += shown_entries(entries)
    expect(page.locator("#timeline-earlier")).to_contain_text("Tidak ada catatan yang lebih lama")
    assert [[kind, datetime.datetime.fromisoformat(at)] for kind, at in seen] == expected
    problems += axe_problems(page) if javascript else []
    assert not problems, "\n".join(problems)
