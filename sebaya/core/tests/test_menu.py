"""The persistent menu: each role's daily places, only the pages the user may open, the badges."""

import re

import pytest
from django.urls import reverse

from sebaya import access
from sebaya.core import menu
from sebaya.people.models import Role
from sebaya.safety import services as safety

pytestmark = pytest.mark.django_db


def _menu_links(html: str) -> set[str]:
    nav = re.search(r'<nav class="site-menu".*?</nav>', html, re.S)
    assert nav, "the page has no menu"
    return set(re.findall(r'id="menu-([\w-]+)"', nav.group(0))) - {"more", "button"}


EXPECTED = {
    "member": {"home", "ask", "requests", "check-in", "my-data"},
    "peer_supporter": {"home", "accompany", "training"},
    "counselor": {"home", "alerts", "triage", "cases", "outreach", "journal"},
    "coordinator": {"home", "alerts", "rounds", "supporters", "program"},
    "org_admin": {"home", "people", "roster", "settings", "audit"},
    "partner": {"home", "referrals"},
    "field_worker": {"home", "incidents"},
}


@pytest.mark.parametrize("kind", sorted(EXPECTED))
def test_each_role_sees_its_daily_places(client_as, org, users, kind):
    html = client_as(kind).get(reverse("org_home", kwargs={"org": org.slug})).content.decode()
    shown = _menu_links(html)
    assert EXPECTED[kind] <= shown
    # Never a link to a page the role would be refused.
    for item in menu.MENUS[Role(kind)]:
        if item.key in shown:
            action = menu._action(item.url_name)
            assert action is None or access.can(users[kind], action, org)


@pytest.mark.parametrize("kind", sorted(EXPECTED))
def test_every_menu_link_opens(client_as, org, kind):
    client = client_as(kind)
    html = client.get(reverse("org_home", kwargs={"org": org.slug})).content.decode()
    nav = re.search(r'<nav class="site-menu".*?</nav>', html, re.S).group(0)
    for href in re.findall(r'href="([^"]+)"', nav):
        assert client.get(href).status_code == 200, (kind, href)


def _home(client, org) -> str:
    return client.get(reverse("org_home", kwargs={"org": org.slug})).content.decode()


def test_no_link_the_user_would_be_refused(client_as, org):
    shown = _menu_links(_home(client_as("member"), org))
    assert not shown & {"alerts", "triage", "cases", "people", "audit", "roster"}
    shown = _menu_links(_home(client_as("org_admin"), org))
    # An admin is not a counselor: no case book, no triage.
    assert not shown & {"cases", "triage", "journal"}


def test_no_menu_outside_an_organization(client):
    html = client.get(reverse("crisis")).content.decode()
    assert 'class="site-menu"' not in html


def test_badges_count_open_alerts_and_the_triage_queue(client_as, org, student, users):
    safety.alert_raise(
        organization=org, person=student.person, level="crisis", source="manual", raised_by=users["counselor"]
    )
    html = client_as("counselor").get(reverse("case_list", kwargs={"org": org.slug})).content.decode()
    assert re.search(r'id="open-alerts">1<', html)
    assert 'id="menu-cases" aria-current="page"' in html
    assert 'id="triage-waiting"' not in html  # nothing waits: no badge


def test_a_long_menu_folds_behind_the_menu_button(client_as, org):
    html = client_as("counselor").get(reverse("org_home", kwargs={"org": org.slug})).content.decode()
    bar, _, more = html.partition('id="menu-button"')
    assert 'id="menu-home"' in bar and 'id="menu-journal"' in more
    # Five items or fewer need no button (a partner: home, referrals, activities, calendar).
    html = client_as("partner").get(reverse("org_home", kwargs={"org": org.slug})).content.decode()
    assert 'id="menu-button"' not in html
