"""Shared fixtures: an organization with one person per role, another organization, an outsider.

Every view test can ask for `users["counselor"]`, `other_org_membership`, `client_as("member")`…
Users of roles that require two-step sign-in get an authenticator, so the MFA gate lets them in.
"""

import importlib
import time

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP
from django.db import OperationalError, connection
from django.test import Client
from pytest_django.plugin import blocking_manager_key

from sebaya.accounts.models import User
from sebaya.organizations.models import CrisisContact, Network, Organization
from sebaya.people.models import MFA_REQUIRED_ROLES, Membership, MembershipRole, NetworkViewer, Person, Role

# The `database_url` fixture: a database of its own for tests that run Sebaya in other processes.
pytest_plugins = ["tests.support.separate_db"]

TEST_PASSWORD = "a-long-test-password-42"
TEST_TOTP_SECRET = "JBSWY3DPEHPK3PXPTESTSECRET234567"
ROLES = [role.value for role in Role]
ALL_KINDS = ["anonymous", *ROLES, "network_viewer", "outsider"]


def pytest_configure(config):
    # The live server answers each request in a thread of its own; a persistent connection
    # there would outlive the thread and keep PostgreSQL's test database busy at teardown.
    from django.conf import settings

    settings.DATABASES["default"]["CONN_MAX_AGE"] = 0


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _dashboards_counted_afresh(settings):
    # Whether a dashboard is kept depends on how long it took to count (evaluation.snapshots): on
    # a busy machine a test's page could be kept and the next view show it. The snapshot tests
    # ask for keeping; every other test sees its records counted.
    settings.EVALUATION_KEEP_MS = None


def make_person(
    organization, identifier, *, roles=(Role.MEMBER,), username=None, full_name=None, totp=None, **fields
):
    membership_fields = {k: fields.pop(k) for k in ("grade", "class_name", "unit") if k in fields}
    person = Person.objects.create(full_name=full_name or f"Person {identifier}", **fields)
    membership = Membership.objects.create(
        person=person, organization=organization, external_id=identifier, **membership_fields
    )
    for role in roles:
        MembershipRole.objects.create(membership=membership, role=role)
    user = None
    if username:
        user = User.objects.create_user(username=username, password=TEST_PASSWORD, person=person)
        needs_totp = bool(set(roles) & MFA_REQUIRED_ROLES) if totp is None else totp
        if needs_totp:
            TOTP.activate(user, TEST_TOTP_SECRET)
    return membership, user


@pytest.fixture
def network(db):
    return Network.objects.create(slug="net", name="Dinas Test")


@pytest.fixture
def org(db, network):
    organization = Organization.objects.create(slug="school", name="SMA Test", network=network)
    CrisisContact.objects.create(organization=organization, name="Ruang BK", phone="0800-111")
    return organization


@pytest.fixture
def other_org(db):
    organization = Organization.objects.create(slug="other", name="SMA Lain")
    CrisisContact.objects.create(organization=organization, name="BK Lain", phone="0800-999")
    return organization


@pytest.fixture
def users(org, network, other_org):
    """One signed-in-able user per role in `org`, a network viewer, and an outsider of `other_org`."""
    result = {}
    for role in ROLES:
        _membership, result[role] = make_person(
            org, f"id-{role}", roles=[role], username=role, full_name=f"{role} person"
        )
    viewer = Person.objects.create(full_name="Viewer")
    result["network_viewer"] = User.objects.create_user(
        username="viewer", password=TEST_PASSWORD, person=viewer
    )
    NetworkViewer.objects.create(person=viewer, network=network)
    _membership, result["outsider"] = make_person(
        other_org, "out-1", roles=[Role.ORG_ADMIN], username="outsider"
    )
    return result


@pytest.fixture
def student(org):
    membership, _user = make_person(org, "S-001", full_name="Siti Student", grade="10")
    return membership


@pytest.fixture
def other_org_membership(other_org):
    membership, _user = make_person(other_org, "O-001", full_name="Other Student")
    return membership


@pytest.fixture
def client_as(users):
    def make(kind):
        client = Client()
        if kind != "anonymous":
            client.force_login(users[kind])
        return client

    return make


def in_english(client):
    """Choose English the way a person does (the language cookie set by the footer switch)."""
    client.cookies["sebaya_language"] = "en"
    return client


def later_today(org):
    """A moment still ahead today in the organization's time zone, whatever the hour the tests
    run: "now + 2 hours" is tomorrow in Jakarta after 22:00 (15:00 UTC), and a test that looks
    for today's mark on the calendar then found none."""
    import datetime
    import zoneinfo

    from django.utils import timezone

    now = timezone.now().astimezone(zoneinfo.ZoneInfo(org.timezone))
    midnight = (now + datetime.timedelta(days=1)).replace(hour=0, minute=0, second=0, microsecond=0)
    return now + (midnight - now) / 2


def has_totp(user):
    return Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()


_AUDIT_TRIGGERS = importlib.import_module("sebaya.audit.migrations.0002_append_only_triggers")


def _run_audit_trigger_sql(kind: str) -> None:
    statements = {
        ("sqlite", "create"): _AUDIT_TRIGGERS.SQLITE,
        ("sqlite", "drop"): _AUDIT_TRIGGERS.SQLITE_DROP,
        ("postgresql", "create"): _AUDIT_TRIGGERS.POSTGRES,
        ("postgresql", "drop"): _AUDIT_TRIGGERS.POSTGRES_DROP,
    }.get((connection.vendor, kind), [])
    for statement in statements:
        for attempt in range(50):
            try:
                with connection.cursor() as cursor:
                    cursor.execute(statement)
                break
            except OperationalError as error:
                # SQLite in memory: a request the live server is still answering (a page's htmx
                # poll while its browser closes) can hold the schema lock for a moment. Wait it out.
                if "locked" not in str(error) or attempt == 49:
                    raise
                time.sleep(0.1)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item, nextitem):
    """Let a transactional test's database flush pass the audit trail's append-only triggers.

    Transactional tests (`live_server`, `transactional_db`) empty every table afterwards; the
    audit trail's triggers refuse DELETE/TRUNCATE. They are dropped just for that flush and put
    back right after, so every other test (same xdist worker) still runs with them.
    """
    blocker = item.config.stash[blocking_manager_key]
    dropped_on = None
    if {"live_server", "transactional_db"} & set(getattr(item, "fixturenames", ())):
        with blocker.unblock():
            _run_audit_trigger_sql("drop")
        dropped_on = connection.settings_dict["NAME"]
    try:
        return (yield)
    finally:
        # Only put them back on the same test database: after the last test it is already destroyed.
        if dropped_on is not None and connection.settings_dict["NAME"] == dropped_on:
            with blocker.unblock():
                _run_audit_trigger_sql("create")
