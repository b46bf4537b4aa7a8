"""The safety net in a browser: the on-call counselor sees an alert at once and acknowledges it;
an alert nobody acknowledges goes to the backup."""

import datetime

import pytest
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
    page.locator("#alerts-link").click()
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
    expect(row).to_contain_text("Guru BK cadangan")
    expect(row).to_contain_text("Person C-2")  # now with the backup
    assert Alert.objects.get().step == Alert.Step.BACKUP
