import time

import pytest
from django.test import Client
from django.urls import reverse

from conftest import make_person
from sebaya.audit.models import AuditAction, AuditEvent
from sebaya.people.models import Role


def home(client, org):
    return client.get(reverse("org_home", kwargs={"org": org.slug}))


def age_session(client, *, started_ago=0, seen_ago=0):
    session = client.session
    now = time.time()
    session["sebaya_started_at"] = now - started_ago
    session["sebaya_last_seen"] = now - seen_ago
    session.save()


@pytest.fixture
def counselor(org):
    return make_person(org, "C-1", roles=[Role.COUNSELOR], username="konselor")[1]


@pytest.fixture
def member(org):
    return make_person(org, "S-1", username="siswa")[1]


def test_staff_sessions_end_after_30_idle_minutes(org, counselor):
    client = Client()
    client.force_login(counselor)
    age_session(client, started_ago=31 * 60, seen_ago=29 * 60)
    assert home(client, org).status_code == 200
    age_session(client, started_ago=62 * 60, seen_ago=31 * 60)
    response = home(client, org)
    assert response.status_code == 302 and reverse("account_login") in response["Location"]
    assert home(client, org).status_code == 302  # really signed out
    assert AuditEvent.objects.filter(action=AuditAction.SESSION_EXPIRED, detail={"why": "idle"}).exists()


def test_members_are_not_cut_off_after_30_idle_minutes(org, member):
    client = Client()
    client.force_login(member)
    age_session(client, started_ago=3 * 3600, seen_ago=2 * 3600)
    assert home(client, org).status_code == 200


def test_every_session_ends_after_12_hours(org, member):
    client = Client()
    client.force_login(member)
    age_session(client, started_ago=12 * 3600 + 5, seen_ago=1)
    assert home(client, org).status_code == 302


def test_activity_keeps_a_staff_session_alive(org, counselor):
    client = Client()
    client.force_login(counselor)
    age_session(client, started_ago=3600, seen_ago=20 * 60)
    assert home(client, org).status_code == 200
    assert time.time() - client.session["sebaya_last_seen"] < 5


def test_sign_out_everywhere_ends_every_session(org, member):
    phone, laptop = Client(), Client()
    phone.force_login(member)
    laptop.force_login(member)
    assert home(laptop, org).status_code == 200
    response = phone.post(reverse("sign_out_everywhere"))
    assert response.status_code == 302
    assert home(phone, org).status_code == 302
    assert home(laptop, org).status_code == 302
    fresh = Client()
    fresh.force_login(member)
    assert home(fresh, org).status_code == 200
    assert AuditEvent.objects.filter(action=AuditAction.SIGN_OUT_EVERYWHERE, actor=member).count() == 1


def test_signed_in_pages_are_not_stored_by_browsers(org, member):
    client = Client()
    client.force_login(member)
    response = home(client, org)
    assert "no-store" in response["Cache-Control"]
    assert "no-store" not in Client().get(reverse("crisis")).get("Cache-Control", "")
