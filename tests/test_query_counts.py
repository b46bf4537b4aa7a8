"""No queries from templates: the key pages run as many queries for 30 records as for 3.

Each test seeds records of the kind the page lists through the real services, asks for the page
once to warm what is cached (the session, the role map, translations), counts the queries of the
next request, adds 27 more records and counts again. A count that grows with the records means a
query per row (a template following a relation the view did not fetch); the failure message shows
the statements that ran more often with more records.
"""

import datetime
import re
from collections import Counter

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from conftest import in_english, make_person
from sebaya.counseling import services as counseling
from sebaya.counseling.timeline import PAGE_SIZE, position_from_token, timeline_page
from sebaya.people.models import Role
from sebaya.programs import services as programs
from sebaya.programs.models import Module, Question
from sebaya.safety import services as safety
from sebaya.screening.instruments import get_instrument
from sebaya.screening.services import administration_record
from sebaya.support import services as support

FEW, MANY = 3, 30


def _shape(sql: str) -> str:
    """The statement without its values, so the same query for another row counts as the same."""
    sql = re.sub(r"'(?:[^']|'')*'", "?", sql)
    sql = re.sub(r"\b\d+(\.\d+)?\b", "?", sql)
    sql = re.sub(r"\bIN \((?:[^()]*)\)", "IN (…)", sql)
    return re.sub(r"\s+", " ", sql).strip()


def _queries(client, url):
    client.get(url)  # warm: session, role map, translations
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return response, [query["sql"] for query in captured.captured_queries]


def _short(shape: str) -> str:
    """A long column list cut out of a statement shown in a failure: its tables and filters tell."""
    columns, found, rest = shape.partition(" FROM ")
    return f"SELECT … FROM {rest}" if found and columns.startswith("SELECT ") and len(columns) > 80 else shape


def _assert_same_count(few: list[str], many: list[str]) -> None:
    if len(few) == len(many):
        return
    few_shapes, many_shapes = Counter(map(_shape, few)), Counter(map(_shape, many))
    grew = [
        f"  {few_shapes[shape]} → {n} times: {_short(shape)}"
        for shape, n in many_shapes.items()
        if n != few_shapes[shape]
    ]
    raise AssertionError(
        f"{len(few)} queries with {FEW} records, {len(many)} with {MANY}. "
        "Statements run a different number of times:\n" + "\n".join(grew)
    )


def _check(client, url, seed, *, shows):
    """Seed FEW records, count, seed up to MANY, count again; `shows(response, n)` checks the page
    lists the records, so the test fails for the right reason."""
    seed(0, FEW)
    response, few = _queries(client, url)
    shows(response, FEW)
    seed(FEW, MANY)
    response, many = _queries(client, url)
    shows(response, MANY)
    _assert_same_count(few, many)


def _students(org, start, stop, *, roles=(Role.MEMBER,)):
    return [
        make_person(org, f"Q-{i:03}", full_name=f"Student Q{i:03}", roles=roles, grade="10")[0]
        for i in range(start, stop)
    ]


# --- Counselor's home ----------------------------------------------------------------------------------


def test_counselor_home(org, users, client_as):
    counselor = users["counselor"]
    today = timezone.localdate()

    def seed(start, stop):
        for membership in _students(org, start, stop):
            support.help_request_submit(organization=org, person=membership.person, topic="family")
            case = counseling.case_open(
                organization=org, person=membership.person, by=counselor, summary="x", domain="pribadi"
            )
            counseling.follow_up_add(case=case, by=counselor, what="Call", due_on=today)
            safety.alert_raise(
                organization=org, level="concern", source="counselor_mark", person=membership.person
            )

    def shows(response, n):
        text = response.content.decode()
        assert f"{n} help requests wait for triage" in text
        assert f"You have {n} open cases" in text
        assert f"{n} follow-ups are due" in text
        assert f"{n} alerts wait for acknowledgement" in text

    client = in_english(client_as("counselor"))
    _check(client, reverse("org_home", kwargs={"org": org.slug}), seed, shows=shows)


# --- Triage queue -----------------------------------------------------------------------------------------


def test_triage_queue(org, users, client_as):
    def seed(start, stop):
        for i, membership in enumerate(_students(org, start, stop), start=start):
            # Every other request anonymous: both kinds of row.
            person = membership.person if i % 2 else None
            support.help_request_submit(organization=org, person=person, topic="family", details="Sedih")

    def shows(response, n):
        assert response.content.decode().count('class="urgency-') == n

    _check(client_as("counselor"), reverse("triage_queue", kwargs={"org": org.slug}), seed, shows=shows)


# --- The case page and the person's timeline -------------------------------------------------------------


def test_case_detail(org, users, client_as, student):
    counselor = users["counselor"]
    today = timezone.localdate()
    case = counseling.case_open(
        organization=org, person=student.person, by=counselor, summary="Cemas", domain="belajar"
    )
    phq9 = get_instrument("phq9")

    def seed(start, stop):
        for i in range(start, stop):
            counseling.session_record(
                case=case,
                by=counselor,
                date=today - datetime.timedelta(days=i),
                discussed=f"Discussed {i}",
                confidential_note=f"Note {i}",
            )
            counseling.follow_up_add(case=case, by=counselor, what=f"Follow-up {i}", due_on=today)
            counseling.case_measure_record(
                case=case, instrument=phq9, answers=[1] * 8 + [0], moment="review", by=counselor
            )
            counseling.visit_save(case=case, by=counselor, planned_on=today, purpose="x", visitors="Bu Sri")
            counseling.conference_save(
                case=case, by=counselor, date=today, agenda="x", participants=[], actions=[]
            )
            partner = counseling.partner_save(
                organization=org, by=counselor, name=f"Partner {i}", kind="psychologist"
            )
            counseling.referral_create(
                case=case,
                partner=partner,
                by=counselor,
                reason="x",
                shared=[],
                consent="person",
                consent_method="in_person",
            )
            # The timeline: the person's requests (stepped down), screening results and alerts.
            request, _code, _pin = support.help_request_submit(
                organization=org, person=student.person, topic="family"
            )
            support.step_down(help_request=request, by=counselor, note="Hand-over")
            administration_record(
                organization=org, person=student.person, instrument=get_instrument("gad7"), answers=[0] * 7
            )
            # One open alert per person and source: each is closed before the next is raised.
            alert = safety.alert_raise(
                organization=org, level="concern", source="counselor_mark", person=student.person
            )
            safety.alert_record_action(alert=alert, by=counselor, kind="closed")
            case.refresh_from_db()

    def shows(response, n):
        text = response.content.decode()
        assert text.count("Discussed ") == n
        assert text.count("Follow-up ") == n
        assert text.count('">Partner ') == n  # the referrals
        assert text.count("berita acara (PDF)") == n  # the home visits
        assert text.count("minutes (PDF)") == n  # the case conferences
        assert f"{n} results" in text  # the measures
        # The timeline: its newest page (the same length however long the history), and the link
        # to the entries before it.
        newest = timeline_page(organization=org, person=student.person).entries
        assert re.findall(r'class="entry-(\w+)"', text) == [entry.kind for entry in newest]
        assert len(newest) == PAGE_SIZE and 'id="timeline-earlier-link"' in text

    url = reverse("case_detail", kwargs={"org": org.slug, "case": case.pk})
    _check(in_english(client_as("counselor")), url, seed, shows=shows)


def test_case_timeline_earlier_page(org, users, client_as, student):
    """The older entries that "Show earlier" on the case page gives (in place with htmx, or on a page
    of their own without it) cost the same for 3 records of each kind as for 30."""
    counselor = users["counselor"]
    case = counseling.case_open(
        organization=org, person=student.person, by=counselor, summary="Cemas", domain="belajar"
    )

    def seed(start, stop):
        for i in range(start, stop):
            counseling.session_record(
                case=case, by=counselor, date=timezone.localdate() - datetime.timedelta(days=i), discussed="x"
            )
            request, _code, _pin = support.help_request_submit(
                organization=org, person=student.person, topic="family"
            )
            support.step_down(help_request=request, by=counselor, note="Hand-over")
            administration_record(
                organization=org, person=student.person, instrument=get_instrument("gad7"), answers=[0] * 7
            )
            alert = safety.alert_raise(
                organization=org, level="concern", source="counselor_mark", person=student.person
            )
            safety.alert_record_action(alert=alert, by=counselor, kind="closed")

    client = in_english(client_as("counselor"))
    counts = []
    for start, stop in ((0, FEW), (FEW, MANY)):
        seed(start, stop)
        first = timeline_page(organization=org, person=student.person, size=3)
        url = reverse("case_timeline", kwargs={"org": org.slug, "case": case.pk}) + f"?before={first.earlier}"
        for headers in ({}, {"HTTP_HX_REQUEST": "true"}):
            client.get(url, **headers)  # warm
            with CaptureQueriesContext(connection) as captured:
                response = client.get(url, **headers)
            assert response.status_code == 200
            older = timeline_page(
                organization=org, person=student.person, before=position_from_token(first.earlier)
            )
            assert response.content.decode().count('class="entry-') == len(older.entries) > 3
            counts.append([query["sql"] for query in captured.captured_queries])
    _assert_same_count(counts[0], counts[2])  # the page of its own
    _assert_same_count(counts[1], counts[3])  # the part htmx adds in place


# --- Alert queue ------------------------------------------------------------------------------------------


def test_alert_queue(org, users, client_as):
    def seed(start, stop):
        for i, membership in enumerate(_students(org, start, stop), start=start):
            alert = safety.alert_raise(
                organization=org,
                level="crisis" if i % 2 else "concern",
                source="counselor_mark",
                person=membership.person if i % 3 else None,
            )
            if i % 2:
                safety.alert_acknowledge(alert=alert, by=users["counselor"])

    def shows(response, n):
        assert response.content.decode().count('class="alert-row') == n

    _check(client_as("counselor"), reverse("alert_queue", kwargs={"org": org.slug}), seed, shows=shows)


# --- Supporter roster -------------------------------------------------------------------------------------


def test_supporter_list(org, users, client_as):
    def seed(start, stop):
        for i, membership in enumerate(
            _students(org, start, stop, roles=(Role.MEMBER, Role.PEER_SUPPORTER)), start=start
        ):
            profile = support.supporter_profile_save(
                membership=membership, by=None, certified=True, capacity=5, supervisor=users["counselor"]
            )
            helped, _user = make_person(org, f"H-{i:03}", full_name=f"Helped {i:03}")
            request, _code, _pin = support.help_request_submit(
                organization=org, person=helped.person, topic="family"
            )
            support.relationship_start(help_request=request, supporter_id=profile.pk, by=users["counselor"])

    def shows(response, n):
        text = response.content.decode()
        assert text.count("Student Q") == n
        assert text.count("1 / 5") == n  # each supporter accompanies one person

    _check(client_as("coordinator"), reverse("supporter_list", kwargs={"org": org.slug}), seed, shows=shows)


# --- People a peer supporter accompanies, and the menu's unread badge ------------------------------------


def test_relationship_list_and_unread_badge(org, users, client_as):
    membership = users["peer_supporter"].person.memberships.get(organization=org)
    profile = support.supporter_profile_save(membership=membership, by=None, certified=True, capacity=MANY)

    def seed(start, stop):
        for i, helped in enumerate(_students(org, start, stop), start=start):
            request, _code, _pin = support.help_request_submit(
                organization=org, person=helped.person, topic="family"
            )
            relationship = support.relationship_start(
                help_request=request, supporter_id=profile.pk, by=users["counselor"]
            )
            support.message_send(relationship=relationship, body=f"Halo {i}", from_supporter=False)

    def shows(response, n):
        text = response.content.decode()
        assert text.count("Student Q") == n
        assert f'id="unread-as-supporter" aria-hidden="true">{n}<' in text
        assert text.count("1 unread message<") == n

    client = in_english(client_as("peer_supporter"))
    _check(client, reverse("relationship_list", kwargs={"org": org.slug}), seed, shows=shows)


# --- Program overview and curriculum ----------------------------------------------------------------------


def _modules(org, start, stop):
    """Modules beyond the default curriculum, each with two questions."""
    for i in range(start, stop):
        module = Module.objects.create(
            organization=org,
            code=f"extra-{i:03}",
            order=100 + i,
            title_id=f"Modul {i:03}",
            title_en=f"Module {i:03}",
            content_id="Isi",
            content_en="Content",
        )
        Question.objects.bulk_create(
            [
                Question(
                    module=module,
                    code=f"q{j}",
                    text_id="Soal",
                    text_en="Question",
                    options=[
                        {"id": "Ya", "en": "Yes", "correct": True},
                        {"id": "Tidak", "en": "No", "correct": False},
                    ],
                )
                for j in range(2)
            ]
        )


def test_program_overview(org, users, client_as):
    programs.curriculum_install(organization=org)

    def seed(start, stop):
        _modules(org, start, stop)
        first = Module.objects.filter(organization=org).first()
        for membership in _students(org, start, stop, roles=(Role.MEMBER, Role.PEER_SUPPORTER)):
            support.supporter_profile_save(membership=membership, by=None, certified=True, capacity=5)
            programs.module_mark_read(person=membership.person, module=first)

    def shows(response, n):
        text = response.content.decode()
        assert sum(f"Modul {i:03}" in text or f"Module {i:03}" in text for i in range(n)) == n
        assert f"<dd>{n}</dd>" in text  # supporters, started the training, certified

    _check(client_as("coordinator"), reverse("program_overview", kwargs={"org": org.slug}), seed, shows=shows)


def test_curriculum(org, users, client_as):
    programs.curriculum_install(organization=org)

    def seed(start, stop):
        _modules(org, start, stop)

    def shows(response, n):
        text = response.content.decode()
        assert sum(f"Modul {i:03}" in text or f"Module {i:03}" in text for i in range(n)) == n

    _check(client_as("coordinator"), reverse("curriculum", kwargs={"org": org.slug}), seed, shows=shows)
