"""The safety net in a browser: the on-call counselor sees an alert at once and acknowledges it;
an alert nobody acknowledges goes to the backup."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from conftest import make_person
from sebaya.people.models import Role
from sebaya.safety import services
from sebaya.safety.models import Alert, OnCallSlot
from tests.browser.conftest import axe_problems, goto, sign_in

pytestmark = pytest.mark.browser


@pytest.fixture
def rota(org, users):
    _m, backup = make_person(org, "C-2", roles=[Role.COUNSELOR], username="backup")
    for weekday in range(7):
        OnCallSlot.objects.create(
            organization=org, weekday=weekday, primary=users["counselor"], backup=backup
        )
    return backup


def test_the_on_call_counselor_sees_and_acknowledges_an_alert(page, org, users, rota, student):
    alert = services.alert_raise(organization=org, level="crisis", source="screening", person=student.person)
    sign_in(page, "counselor", totp=True)
    expect(page.locator("#open-alerts")).to_have_text("1")
    page.locator("#menu-alerts").click()
    expect(page.locator("#alert-queue")).to_contain_text(student.person.full_name)
    problems = axe_problems(page)
    page.locator("#alert-queue a", has_text=student.person.full_name).click()
    problems += axe_problems(page)
    page.locator("#alert-acknowledge").click()
    expect(page.locator("#alert-state")).to_contain_text("Sudah ditanggapi")
    page.locator("select[name=kind]").select_option("contacted_person")
    page.locator("#alert-record").click()
    expect(page.locator("#alert-actions")).to_contain_text("Sudah menghubungi orangnya")
    expect(page.locator("#open-alerts")).to_have_count(0)
    alert.refresh_from_db()
    assert alert.acknowledged_by == users["counselor"]
    goto(page, f"/o/{org.slug}/on-call/")
    problems += axe_problems(page)
    assert not problems, "\n".join(problems)


def test_an_alert_nobody_acknowledges_reaches_the_backup(page, org, users, rota, student):
    alert = services.alert_raise(organization=org, level="crisis", source="text", person=student.person)
    services.escalate_overdue(now=alert.ack_deadline + datetime.timedelta(seconds=1))
    sign_in(page, "backup", totp=True)
    goto(page, f"/o/{org.slug}/alerts/")
    row = page.locator("#alert-queue tr.alert-row")
    expect(row).to_contain_text("Guru BK cadangan")  # now waiting on the backup
    # Whom it was sent to is not who handles it: nobody has taken it on yet.
    expect(row.locator(".handled-by")).to_have_text("Belum ada")
    assert Alert.objects.get().step == Alert.Step.BACKUP


@pytest.mark.parametrize("width", [360, 1280])
def test_the_alert_queue_fits_a_phone(new_context, org, users, rota, student, width):
    """No column cut off at 360 px: each alert is a card whose cells carry their labels."""
    anonymous = services.alert_raise(organization=org, level="crisis", source="triage", person=None)
    services.alert_raise(organization=org, level="concern", source="text", person=student.person)
    services.alert_acknowledge(alert=anonymous, by=users["counselor"])
    Alert.objects.filter(pk=anonymous.pk).update(created_at=timezone.now() - datetime.timedelta(minutes=7))
    page = new_context(viewport={"width": width, "height": 800}).new_page()
    sign_in(page, "counselor", totp=True)
    goto(page, f"/o/{org.slug}/alerts/")
    rows = page.locator("#alert-queue tr.alert-row")
    expect(rows).to_have_count(2)
    taken = page.locator("#alert-queue tr.state-acknowledged")
    expect(taken).to_contain_text("7 menit yang lalu")
    expect(taken.locator(".handled-by")).to_have_text("counselor person")
    expect(page.locator("#alert-queue tr.state-open .handled-by")).to_have_text("Belum ada")
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    # Every cell of the queue is inside the window (a scrolling wrapper would hide the overflow).
    rightmost = page.evaluate(
        "Math.max(...[...document.querySelectorAll('#alert-queue td')]"
        ".map(td => td.getBoundingClientRect().right))"
    )
    assert rightmost <= width
    if width == 360:
        label = page.evaluate(
            "getComputedStyle(document.querySelector('#alert-queue td[data-label]'), '::before').content"
        )
        assert label == '"Risiko"'
    assert not axe_problems(page)


@pytest.mark.parametrize("width", [360, 1280])
def test_the_alert_page_shows_the_words_marked_and_where_to_act(new_context, org, users, rota, width):
    from sebaya.support import services as support

    membership = users["peer_supporter"].person.memberships.get(organization=org)
    supporter = support.supporter_profile_save(
        membership=membership, by=users["coordinator"], certified=True, capacity=2, topics=["academic"]
    )
    help_request, _c, _p = support.help_request_submit(
        organization=org, person=users["member"].person, topic="academic"
    )
    relationship = support.relationship_start(
        help_request=help_request, supporter_id=supporter.pk, by=users["counselor"]
    )
    support.message_send(
        relationship=relationship, body="Capek banget, aku pengen mati aja.", from_supporter=False
    )
    alert = Alert.objects.get()
    page = new_context(viewport={"width": width, "height": 800}).new_page()
    sign_in(page, "counselor", totp=True)
    goto(page, f"/o/{org.slug}/alerts/{alert.pk}/")
    expect(page.locator("#alert-source .excerpt.is-source mark", has_text="mati")).to_have_count(1)
    for link in ("#link-request", "#link-person", "#link-new-case", "#link-relationship"):
        expect(page.locator(link)).to_be_visible()
    expect(page.locator("#alert-person-timeline")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    assert not axe_problems(page)
    page.locator("#link-request").click()
    expect(page.locator("#reply-form")).to_be_visible()
