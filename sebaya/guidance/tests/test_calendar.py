"""The calendar: what each role sees (activities by their policy in one query, rounds for staff,
case conferences only for the counselors on the case, without names), the organization's time
zone, the views, and the iCalendar feed (valid RFC 5545, its secret kept as a hash, reset)."""

import datetime
import re
import zoneinfo

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from conftest import in_english, later_today, make_person
from sebaya.counseling import services as counseling
from sebaya.guidance import ical
from sebaya.guidance.calendar import entries_between
from sebaya.guidance.models import Activity, CalendarFeed, Meeting, Registration
from sebaya.guidance.services.calendar import feed_reset, token_hash
from sebaya.people.models import Role
from sebaya.screening.instruments import get_instrument
from sebaya.screening.services import round_schedule

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _no_feed_limits():
    cache.clear()
    yield
    cache.clear()


def _today(org):
    return timezone.now().astimezone(zoneinfo.ZoneInfo(org.timezone)).date()


def _activity(org, by, title, *, audience="open", value="", when=None):
    activity = Activity.objects.create(
        organization=org,
        kind="workshop",
        title=title,
        audience=audience,
        audience_value=value,
        created_by=by,
    )
    starts = when or later_today(org)
    Meeting.objects.create(activity=activity, starts_at=starts, ends_at=starts + datetime.timedelta(hours=1))
    return activity


def _titles(user, org, days=3):
    today = _today(org)
    with translation.override("en"):
        entries = entries_between(
            user, org, today - datetime.timedelta(days=1), today + datetime.timedelta(days=days)
        )
    return {entry.title for entry in entries}


@pytest.fixture
def conference(org, users, student):
    case = counseling.case_open(
        organization=org,
        person=student.person,
        by=users["counselor"],
        summary="Sulit tidur",
        domain="pribadi",
    )
    return counseling.conference_save(
        case=case,
        by=users["counselor"],
        date=_today(org),
        agenda="Membahas Siti Student",
        participants=[],
        actions=[],
    )


def test_each_role_sees_what_its_policies_allow(org, users, student, conference):
    member = users["member"]
    member_membership = member.person.memberships.get(organization=org)
    member_membership.class_name = "X-1"
    member_membership.save()
    _activity(org, users["coordinator"], "Untuk semua")
    _activity(org, users["coordinator"], "Kelas X-1", audience="class", value="X-1")
    _activity(org, users["coordinator"], "Kelas X-2", audience="class", value="X-2")
    invited = _activity(org, users["coordinator"], "Undangan", audience="invited")
    round_schedule(
        organization=org,
        title="Skrining",
        instrument=get_instrument("phq9"),
        population="organization",
        opens_on=_today(org),
        closes_on=_today(org),
        by=users["coordinator"],
    )
    assert _titles(member, org) == {"Untuk semua", "Kelas X-1"}
    Registration.objects.create(activity=invited, person=member.person)
    assert "Undangan" in _titles(member, org)

    staff = _titles(users["coordinator"], org)
    assert {"Untuk semua", "Kelas X-1", "Kelas X-2", "Undangan", "Screening round: Skrining"} <= staff
    # A case conference: only the counselor on the case, never with a name or the agenda.
    assert "Case conference" not in staff
    assert "Case conference" in _titles(users["counselor"], org)
    _m, other_counselor = make_person(org, "c-2", roles=[Role.COUNSELOR], username="counselor2")
    assert "Case conference" not in _titles(other_counselor, org)
    for kind in ("member", "peer_supporter", "org_admin", "partner"):
        assert "Case conference" not in _titles(users[kind], org)
        assert not any(title.startswith("Screening round") for title in _titles(users[kind], org))


def test_activities_are_read_in_one_query_however_many(org, users):
    member = users["member"]

    def queries():
        with CaptureQueriesContext(connection) as captured:
            entries_between(member, org, _today(org), _today(org) + datetime.timedelta(days=3))
        return len(captured)

    _activity(org, users["coordinator"], "Satu")
    queries()  # the user's roles, read once and kept
    one = queries()
    for n in range(5):
        _activity(org, users["coordinator"], f"Lagi {n}")
    assert queries() == one


def test_days_are_the_organizations(client_as, org, users):
    org.timezone = "Asia/Jayapura"  # UTC+9
    org.save()
    # 16:30 UTC on 1 March is 01:30 on 2 March in Jayapura.
    when = datetime.datetime(2026, 3, 1, 16, 30, tzinfo=datetime.UTC)
    _activity(org, users["coordinator"], "Pagi buta", when=when)
    page = client_as("coordinator").get(reverse("calendar", kwargs={"org": org.slug}) + "?date=2026-03-01")
    html = page.content.decode()
    day = re.search(r'<time datetime="2026-03-0(\d)">[^<]*</time>(?:(?!<section).)*Pagi buta', html, re.S)
    assert day and day.group(1) == "2"
    assert "01.30" in html


def test_the_views_mark_today_and_move_by_month_and_week(client_as, org, users):
    _activity(org, users["coordinator"], "Lokakarya")
    client = in_english(client_as("member"))
    url = reverse("calendar", kwargs={"org": org.slug})
    today = _today(org)
    for view in ("list", "month", "week"):
        html = client.get(f"{url}?view={view}").content.decode()
        assert 'aria-current="date"' in html and "Lokakarya" in html, view
        assert (
            f'id="cal-view-{view}" href="?view={view}&amp;date={today.isoformat()}" aria-current="page"'
            in html
        )
    html = client.get(f"{url}?view=week&date={today.isoformat()}").content.decode()
    monday = today - datetime.timedelta(days=today.weekday())
    assert f"date={(monday + datetime.timedelta(days=7)).isoformat()}" in html
    # A date that is not one falls back to today.
    assert client.get(f"{url}?view=month&date=2026-13-45").status_code == 200


def test_every_role_has_the_calendar_in_its_menu(client_as, org):
    for kind in (
        "member",
        "peer_supporter",
        "counselor",
        "coordinator",
        "org_admin",
        "partner",
        "field_worker",
    ):
        html = client_as(kind).get(reverse("org_home", kwargs={"org": org.slug})).content.decode()
        assert 'id="menu-calendar"' in html, kind


# --- The iCalendar feed --------------------------------------------------------------------------------


def parse_ics(body: bytes) -> list[dict]:
    """A small RFC 5545 reader for the tests: checks the lines, unfolds them, returns the events."""
    assert body.endswith(b"\r\n")
    physical = body.split(b"\r\n")[:-1]
    for line in physical:
        assert len(line) <= 75, line
        assert b"\n" not in line and b"\r" not in line
    text = [line.decode("utf-8") for line in physical]
    lines: list[str] = []
    for line in text:
        if line.startswith(" "):
            lines[-1] += line[1:]
        else:
            lines.append(line)
    stack, events, current = [], [], None
    for line in lines:
        name, _sep, value = line.partition(":")
        if name == "BEGIN":
            stack.append(value)
            if value == "VEVENT":
                current = {}
        elif name == "END":
            assert stack.pop() == value
            if value == "VEVENT":
                events.append(current)
                current = None
        elif current is not None:
            current[name.split(";")[0]] = (name, value)
    assert stack == [] and lines[0] == "BEGIN:VCALENDAR" and lines[-1] == "END:VCALENDAR"
    for event in events:
        assert {"UID", "DTSTAMP", "DTSTART", "DTEND", "SUMMARY"} <= set(event)
    uids = [event["UID"][1] for event in events]
    assert len(uids) == len(set(uids))
    return events


def _feed_url(client, org) -> str:
    response = client.post(reverse("calendar_feed", kwargs={"org": org.slug}))
    assert response.status_code == 200
    return re.search(r'id="feed-url" value="([^"]+)"', response.content.decode()).group(1)


def test_the_feed_is_valid_icalendar_with_the_calendar_pages_entries(client_as, org, users, conference):
    long_title = (
        "Lokakarya: mengelola stres, komunikasi efektif; dan pemecahan masalah — bersama Ibu Guru BK ✓"
    )
    _activity(org, users["coordinator"], long_title)
    url = _feed_url(client_as("counselor"), org)
    assert re.search(r"/cal/[A-Za-z0-9_-]{43}\.ics$", url)
    response = Client().get(url)  # a phone's calendar app: no session
    assert response.status_code == 200 and response["Content-Type"].startswith("text/calendar")
    events = parse_ics(response.content)
    summaries = {event["SUMMARY"][1] for event in events}
    assert "Konferensi kasus" in summaries
    assert ical.escape(long_title) in summaries
    assert "Siti" not in response.content.decode() and "Membahas" not in response.content.decode()
    meeting = next(e for e in events if e["SUMMARY"][1] == ical.escape(long_title))
    assert re.fullmatch(r"\d{8}T\d{6}Z", meeting["DTSTART"][1]) and meeting["DTSTAMP"][1].endswith("Z")
    conference_event = next(e for e in events if e["SUMMARY"][1] == "Konferensi kasus")
    assert conference_event["DTSTART"][0] == "DTSTART;VALUE=DATE"
    assert conference_event["URL"][1].startswith("http://testserver/o/school/cases/")


def test_the_feed_follows_its_users_visibility(client_as, org, users, conference):
    _activity(org, users["coordinator"], "Kelas X-9", audience="class", value="X-9")
    body = Client().get(_feed_url(client_as("member"), org)).content.decode()
    assert "Konferensi kasus" not in body and "X-9" not in body
    parse_ics(body.encode())


def test_escaping_and_folding():
    assert ical.escape("a,b;c\\d\ne") == "a\\,b\\;c\\\\d\\ne"
    folded = ical.fold("SUMMARY:" + "é" * 80)
    assert all(len(line.encode()) <= 75 for line in folded)
    assert "".join(line[1:] if i else line for i, line in enumerate(folded)) == "SUMMARY:" + "é" * 80


def test_only_the_hash_is_kept_and_a_reset_retires_the_old_address(client_as, org, users):
    client = client_as("member")
    first = _feed_url(client, org)
    token = first.rsplit("/", 1)[1].removesuffix(".ics")
    feed = CalendarFeed.objects.get(user=users["member"])
    assert feed.token_hash == token_hash(token) and token not in feed.token_hash
    page = client.get(reverse("calendar_feed", kwargs={"org": org.slug})).content.decode()
    assert token not in page  # shown once, when made
    second = _feed_url(client, org)
    assert second != first
    assert Client().get(first).status_code == 404
    assert Client().get(second).status_code == 200
    client.post(reverse("calendar_feed", kwargs={"org": org.slug}), {"remove": "1"})
    assert Client().get(second).status_code == 404


def test_unknown_addresses_answer_404_then_429(org, users):
    feed_reset(user=users["member"], organization=org)
    anonymous = Client()
    for _n in range(30):
        assert anonymous.get(reverse("calendar_ics", kwargs={"token": "x" * 43})).status_code == 404
    assert anonymous.get(reverse("calendar_ics", kwargs={"token": "y" * 43})).status_code == 429


def test_the_list_shows_an_entry_of_several_days_once_with_its_last_day(client_as, org, users):
    """A round open for ten days is listed on its first day with "until", and on today while it
    runs, not on each of its days, so the month's meetings stay easy to find."""
    today = _today(org)
    screening_round = round_schedule(
        organization=org,
        title="Cek kesejahteraan sepuluh hari",
        instrument=get_instrument("phqa"),
        population="organization",
        opens_on=today,
        closes_on=today + datetime.timedelta(days=9),
        by=users["coordinator"],
    )
    url = reverse("calendar", kwargs={"org": org.slug})
    client = in_english(client_as("coordinator"))
    html = client.get(f"{url}?view=list&date={today.isoformat()}").content.decode()
    listed = re.search(r'id="cal-list">(.*?)</div>', html, re.S).group(1)
    assert listed.count("Cek kesejahteraan sepuluh hari") == 1
    last = screening_round.closes_on
    assert f"until {last.day} {last.strftime('%B')}" in listed  # English's MONTH_DAY_FORMAT, j F
    # The month grid still shows it on every one of its days in the month.
    month = client.get(f"{url}?view=month&date={today.isoformat()}").content.decode()
    in_month = sum(1 for n in range(10) if (today + datetime.timedelta(days=n)).month == today.month)
    assert month.count("Cek kesejahteraan sepuluh hari") == in_month
