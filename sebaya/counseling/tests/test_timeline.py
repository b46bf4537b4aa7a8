"""The person's timeline on the case page: the newest entries first, "Show earlier" for the next
page (in place with htmx, on a page of its own without JavaScript), every entry once and none
missed, the same people allowed as for the case."""

import html
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from conftest import in_english, make_person
from sebaya.audit.models import AuditAction, AuditEvent
from sebaya.counseling import services
from sebaya.counseling.models import CaseStatusChange, CounselingSession
from sebaya.counseling.tests.timeline_data import long_history
from sebaya.counseling.timeline import (
    PAGE_SIZE,
    person_timeline,
    position_from_token,
    position_token,
    timeline_page,
)
from sebaya.safety import services as safety
from sebaya.safety.models import Alert
from sebaya.screening.models import Administration
from sebaya.support.models import HelpRequest, PeerSession, SupportRelationship, Transition

HX = {"HTTP_HX_REQUEST": "true"}
EARLIER_LINK = re.compile(r'id="timeline-earlier-link" href="([^"]+)"\s+hx-get="([^"]+)"')


@pytest.fixture
def long_case(org, users, student):
    return long_history(org, users, student.person, steps=12)


def _everything(org, person):
    """The whole timeline, newest first, as comparable rows."""
    return [_row(entry) for entry in reversed(person_timeline(organization=org, person=person))]


def _row(entry):
    """An entry as its place, kind and link (its words are in the reader's language)."""
    return (entry.at, entry.kind, entry.url, entry.position)


def _records_of(person):
    """How many entries the person's records make, counted from the records themselves."""
    relationships = SupportRelationship.objects.filter(person=person)
    return (
        HelpRequest.objects.filter(person=person).count()
        + Transition.objects.filter(person=person).count()
        + relationships.count()
        + relationships.filter(closed_at__isnull=False).count()
        + PeerSession.objects.filter(relationship__person=person).count()
        + Administration.objects.filter(person=person).count()
        + Alert.objects.filter(person=person).count()
        + person.cases.count()
        + CaseStatusChange.objects.filter(case__person=person).exclude(from_status="").count()
        + CounselingSession.objects.filter(case__person=person).count()
    )


def test_the_whole_timeline_is_every_record_once_newest_first(org, student, long_case):
    everything = _everything(org, student.person)
    assert len(everything) == _records_of(student.person) > 4 * PAGE_SIZE
    assert len(set(everything)) == len(everything)
    assert [row[0] for row in everything] == sorted((row[0] for row in everything), reverse=True)
    # Entries at the same time are there: the walks below cross pages inside such groups.
    assert len({row[0] for row in everything}) < len(everything)


@pytest.mark.parametrize("size", [1, 2, 3, 5, 7, PAGE_SIZE])
@pytest.mark.parametrize("zone", ["Asia/Jakarta", "Pacific/Auckland"])
def test_pages_walked_back_give_every_entry_once_in_order(org, student, long_case, size, zone):
    with timezone.override(zone):
        everything = _everything(org, student.person)
        walked, before = [], None
        while True:
            page = timeline_page(organization=org, person=student.person, before=before, size=size)
            assert 0 < len(page.entries) <= size
            walked += [_row(entry) for entry in page.entries]
            if not page.earlier:
                break
            assert len(page.entries) == size
            before = position_from_token(page.earlier)
    assert walked == everything


def test_a_page_reads_a_page_of_each_kind_and_never_the_notes(client_as, org, student, long_case):
    url = reverse("case_timeline", kwargs={"org": org.slug, "case": long_case.pk})
    client = client_as("counselor")
    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    sources = ("support_", "screening_administration", "safety_alert", "counseling_c")
    reads = [q["sql"] for q in captured.captured_queries if q["sql"].startswith("SELECT")]
    # The case itself is read first (one row); then each kind of record, newest first.
    timeline_reads = [
        sql
        for sql in reads
        if " DESC" in sql and any(s in sql for s in sources) and not sql.endswith("LIMIT 1")
    ]
    assert len(timeline_reads) == 10  # one per kind of record
    assert all(f"LIMIT {PAGE_SIZE + 1}" in sql for sql in timeline_reads)
    assert not [sql for sql in captured.captured_queries if "confidential_note" in sql["sql"]]
    assert not [sql for sql in reads if '"discussed"' in sql]


def _follow_in_place(client, url):
    """What htmx does with "Show earlier": the fragment's entries, and the next link's URL."""
    response = client.get(url, **HX)
    assert response.status_code == 200
    text = response.content.decode()
    assert "<html" not in text and 'id="timeline-earlier" hx-swap-oob="true"' in text
    assert text.count('class="entry-') == len(response.context["timeline"].entries)
    found = EARLIER_LINK.search(text)
    return response, (html.unescape(found[2]) if found else None)


def test_the_case_page_shows_the_newest_and_show_earlier_adds_the_older_in_place(
    client_as, org, student, long_case
):
    client = in_english(client_as("counselor"))
    everything = _everything(org, student.person)
    page = client.get(reverse("case_detail", kwargs={"org": org.slug, "case": long_case.pk}))
    text = page.content.decode()
    shown = [_row(entry) for entry in page.context["timeline"].entries]
    assert shown == everything[:PAGE_SIZE]
    assert text.count('class="entry-') == PAGE_SIZE
    href, hx_get = (html.unescape(part) for part in EARLIER_LINK.search(text).groups())
    assert href == hx_get and href.startswith(
        reverse("case_timeline", kwargs={"org": org.slug, "case": long_case.pk}) + "?before="
    )
    assert 'hx-target="#timeline-entries" hx-swap="beforeend"' in text
    url, clicks = hx_get, 0
    while url:
        response, url = _follow_in_place(client, url)
        shown += [_row(entry) for entry in response.context["timeline"].entries]
        clicks += 1
    assert shown == everything  # in order, none twice, none missed
    assert clicks == -(-len(everything) // PAGE_SIZE) - 1
    assert "No earlier entries: this is the start of the timeline." in response.content.decode()


def test_without_javascript_show_earlier_is_a_page_of_its_own(client_as, org, student, long_case):
    client = in_english(client_as("counselor"))
    everything = _everything(org, student.person)
    text = client.get(reverse("case_detail", kwargs={"org": org.slug, "case": long_case.pk})).content.decode()
    url, shown = html.unescape(EARLIER_LINK.search(text)[1]), everything[:PAGE_SIZE]
    while url:
        response = client.get(url)
        assert response.status_code == 200
        text = response.content.decode()
        assert "<html" in text and "Earlier entries" in text and 'id="timeline-back"' in text
        assert text.count('class="entry-') == len(response.context["timeline"].entries) <= PAGE_SIZE
        shown += [_row(entry) for entry in response.context["timeline"].entries]
        found = EARLIER_LINK.search(text)
        url = html.unescape(found[1]) if found else None
    assert shown == everything
    assert "No earlier entries: this is the start of the timeline." in text
    # Without a position, the page of its own starts with the newest.
    newest = client.get(reverse("case_timeline", kwargs={"org": org.slug, "case": long_case.pk}))
    assert [_row(entry) for entry in newest.context["timeline"].entries] == everything[:PAGE_SIZE]
    assert "Earlier entries" not in newest.content.decode()


def test_what_happens_after_a_page_is_shown_neither_repeats_nor_hides_an_entry(
    client_as, org, users, student, long_case
):
    client = client_as("counselor")
    everything = _everything(org, student.person)
    text = client.get(reverse("case_detail", kwargs={"org": org.slug, "case": long_case.pk})).content.decode()
    url = html.unescape(EARLIER_LINK.search(text)[2])
    # Meanwhile a new alert and a session dated today: newer than the page already shown.
    safety.alert_raise(organization=org, level="concern", source="counselor_mark", person=student.person)
    services.session_record(case=long_case, by=users["counselor"], date=timezone.localdate(), discussed="x")
    response, _next = _follow_in_place(client, url)
    assert [_row(entry) for entry in response.context["timeline"].entries] == everything[
        PAGE_SIZE : 2 * PAGE_SIZE
    ]


def test_a_short_timeline_has_nothing_earlier(client_as, org, users, student):
    case = services.case_open(
        organization=org, person=student.person, by=users["counselor"], summary="Baru", domain="belajar"
    )
    page = client_as("counselor").get(reverse("case_detail", kwargs={"org": org.slug, "case": case.pk}))
    text = page.content.decode()
    assert [entry.kind for entry in page.context["timeline"].entries] == ["case"]
    assert 'id="timeline-earlier-link"' not in text and "timeline-entries" in text


def test_a_link_not_made_here_is_refused_with_a_message(client_as, org, student, long_case):
    client = in_english(client_as("counselor"))
    everything = _everything(org, student.person)
    url = reverse("case_timeline", kwargs={"org": org.slug, "case": long_case.pk})
    token = position_token(everything[PAGE_SIZE][-1])
    message = "This link to earlier entries is not valid. Here are the newest entries."
    for bad in ("x", token[:-2] + "zz", "W1sxXQ:1abc:def", "a" * 501):
        page = client.get(url, {"before": bad})
        assert page.status_code == 400 and message in page.content.decode()
        assert [_row(entry) for entry in page.context["timeline"].entries] == everything[:PAGE_SIZE]
        in_place = client.get(url, {"before": bad}, **HX)
        assert in_place.status_code == 200 and message in in_place.content.decode()
        assert 'class="entry-' not in in_place.content.decode()  # nothing added to the list
    # The page is in Indonesian by default.
    assert (
        "Tautan ke catatan yang lebih lama ini tidak berlaku"
        in client_as("counselor").get(url, {"before": "x"}).content.decode()
    )


def test_a_position_from_another_timeline_shows_only_this_persons_entries(
    client_as, org, users, student, long_case
):
    other, _user = make_person(org, "S-002", full_name="Budi Student")
    other_case = long_history(org, users, other.person, steps=2)
    token = timeline_page(organization=org, person=student.person, size=3).earlier
    position = position_from_token(token)
    url = reverse("case_timeline", kwargs={"org": org.slug, "case": other_case.pk})
    page = client_as("counselor").get(url, {"before": token})
    expected = [row for row in _everything(org, other.person) if row[-1] < position][:PAGE_SIZE]
    assert expected and [_row(entry) for entry in page.context["timeline"].entries] == expected


@pytest.mark.parametrize("kind", ["peer_supporter", "coordinator", "member", "org_admin"])
def test_only_those_who_see_the_case_see_its_timeline(client_as, org, long_case, kind):
    url = reverse("case_timeline", kwargs={"org": org.slug, "case": long_case.pk})
    assert client_as(kind).get(url).status_code == 403
    assert client_as(kind).get(url, **HX).status_code == 403


def test_another_organizations_case_is_not_found(client_as, org, other_org, users, other_org_membership):
    _m, counselor = make_person(other_org, "C-9", roles=["counselor"], username="elsewhere")
    case = services.case_open(
        organization=other_org,
        person=other_org_membership.person,
        by=counselor,
        summary="x",
        domain="pribadi",
    )
    for kind in ("counselor", "outsider"):
        url = reverse("case_timeline", kwargs={"org": org.slug, "case": case.pk})
        assert client_as(kind).get(url).status_code == 404


def test_reading_earlier_entries_is_in_the_audit_trail(client_as, org, long_case):
    url = reverse("case_timeline", kwargs={"org": org.slug, "case": long_case.pk})
    client_as("counselor").get(url, **HX)
    assert AuditEvent.objects.filter(
        action=AuditAction.RECORD_VIEWED, target_id=str(long_case.pk), detail__view="case_timeline"
    ).exists()
