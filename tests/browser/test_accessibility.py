"""axe-core on Sebaya's main pages, in Bahasa Indonesia and in English.

Fails on every "serious" or "critical" violation and prints the rule, its help and the nodes.
"""

import pytest
from playwright.sync_api import expect

from conftest import make_person
from sebaya.people.models import Role
from sebaya.roster import services as roster_services
from tests.browser.conftest import axe_problems, choose_language, goto, sign_in

pytestmark = pytest.mark.browser


@pytest.fixture
def a11y_data(users, org, student):
    """Enough content for tables, badges and history to be on the pages."""
    make_person(org, "S-002", full_name="Rudi Hartono", grade="11", class_name="XI-2", username="rudi")
    make_person(org, "S-003", full_name="Dewi Kusuma", grade="12", roles=[Role.MEMBER, Role.PEER_SUPPORTER])
    roster_services.roster_preview(
        organization=org,
        by=users["org_admin"],
        name="kelas-10.csv",
        content=b"nis,nama\nS-010,Nur Aini\n",
    )
    return {"student": student}


def pages_for(kind, org, users, student):
    o = f"/o/{org.slug}"
    own = users["member"].person_id
    return {
        "anonymous": ["/", "/accounts/login/", "/bantuan/", f"/bantuan/?org={org.slug}"],
        "member": [
            f"{o}/",
            f"{o}/people/{own}/",
            "/bantuan/",
            "/accounts/password/change/",
            f"{o}/program/join/",
        ],
        "counselor": [
            f"{o}/",
            f"{o}/people/",
            f"{o}/people/{student.person_id}/",
            f"{o}/program/supervision/",
        ],
        "coordinator": [
            f"{o}/",
            f"{o}/settings/",
            f"{o}/program/overview/",
            f"{o}/program/recruitment/",
            f"{o}/program/rubric/",
            f"{o}/program/live/",
        ],
        "org_admin": [
            f"{o}/",
            f"{o}/people/",
            f"{o}/people/{student.person_id}/",
            f"{o}/people/{student.person_id}/edit/",
            f"{o}/people/{student.person_id}/roles/",
            f"{o}/people/{student.person_id}/account/",
            f"{o}/people/add/",
        ],
        "org_admin_tools": [
            f"{o}/roster/",
            f"{o}/audit/",
            f"{o}/settings/",
            "/account/",
            "/switch/",
            "/accounts/2fa/",
        ],
        "network_viewer": [f"/n/{org.network.slug}/", "/switch/"],
    }[kind]


USERNAMES = {"network_viewer": "viewer", "org_admin_tools": "org_admin"}
KINDS = ["anonymous", "member", "counselor", "coordinator", "org_admin", "org_admin_tools", "network_viewer"]
MFA_KINDS = {"counselor", "coordinator", "org_admin", "org_admin_tools"}


@pytest.mark.parametrize("language", ["id", "en"])
@pytest.mark.parametrize("kind", KINDS)
def test_main_pages_have_no_serious_accessibility_problems(page, users, org, a11y_data, kind, language):
    if kind != "anonymous":
        sign_in(page, USERNAMES.get(kind, kind), totp=kind in MFA_KINDS)
    else:
        goto(page, "/")
    if language == "en":
        choose_language(page, "en")
    problems = []
    for path in pages_for(kind, org, users, a11y_data["student"]):
        response = goto(page, path)
        status = response.status if response else None
        assert status == 200, f"{path} answered {status}"
        expect(page.locator("html")).to_have_attribute("lang", language)
        problems += axe_problems(page)
    assert not problems, f"{len(problems)} serious/critical accessibility problem(s):\n" + "\n".join(problems)


def test_the_second_sign_in_step_is_accessible(page, users):
    goto(page, "/accounts/login/")
    problems = axe_problems(page)
    form = page.locator("main form").filter(has=page.locator("input[name=password]"))
    form.locator("input[name=login]").fill("counselor")
    form.locator("input[name=password]").fill("a-long-test-password-42")
    with page.expect_navigation(wait_until="load"):
        form.locator("button[type=submit]").click()
    assert "/accounts/2fa/authenticate/" in page.url
    problems += axe_problems(page)
    assert not problems, "\n".join(problems)


def test_axe_reports_a_broken_page(page):
    """The checker itself works: an unlabeled field, an image without text, a dangling reference."""
    page.set_content(
        "<!DOCTYPE html><html lang='en'><head><title>x</title></head><body><main>"
        "<h1>x</h1><img src='data:image/gif;base64,R0lGODlhAQABAAAAACw='><input type='text'>"
        "<label for='q'>Search</label><input id='q' aria-describedby='q_helptext'>"
        "</main></body></html>"
    )
    problems = axe_problems(page)
    text = "\n".join(problems)
    assert "image-alt" in text and "label" in text
    assert 'aria-describedby="q_helptext" points to nothing' in text
