"""An incident's report: the 4W rows by organization, activity, village and month with people by
sex and age band; small numbers hidden with their complements; another responding organization
sees only the others' totals; the CSV, XLSX and PDF files; another response's incident is unknown."""

import csv
import datetime
import io
import uuid

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook
from pypdf import PdfReader

from conftest import in_english, make_person
from sebaya.audit.models import AuditAction, AuditEvent
from sebaya.people.models import Role
from sebaya.psychosocial.models import FollowUp, FollowUpStatus, MemberStatus, NeedKind, ResponseMember
from sebaya.psychosocial.services.contacts import contact_record
from sebaya.psychosocial.services.incident_dashboard import dashboard
from sebaya.psychosocial.services.incidents import incident_create
from sebaya.psychosocial.services.registration import affected_register
from sebaya.psychosocial.services.reports import (
    ACTIVITIES,
    BANDS,
    PFA,
    REFERRAL,
    REGISTRATION,
    SEXES,
    band_of,
    four_w,
)

pytestmark = pytest.mark.django_db


def register(incident, organization, by, village, gender, age):
    affected, _made = affected_register(
        incident=incident,
        organization=organization,
        by=by,
        client_id=uuid.uuid4(),
        full_name=f"Warga {uuid.uuid4().hex[:6]}",
        gender=gender,
        age_years=age,
        village=village,
        consent="self",
    )
    return affected


def contact(affected, by, **fields):
    made, _new = contact_record(affected=affected, by=by, client_id=uuid.uuid4(), minutes=15, **fields)
    return made


@pytest.fixture
def response(org, other_org, users):
    """A flood led by `org` and joined by `other_org`. `org` registered 10 people in Sukamaju (5
    women of 30, 5 men of 65) and 6 in Cikandang (5 girls of 3, a man of unknown age), and gave
    PFA to the 5 women and one man of Sukamaju (one referred at once, one to a counselor, the
    women's shelter needs written); `other_org` registered 5 women of 20 in Sukamaju."""
    incident = incident_create(
        organization=org,
        by=users["coordinator"],
        kind="flood",
        title="Banjir Cisurupan",
        started_on=timezone.localdate() - datetime.timedelta(days=3),
        district="Garut",
        villages="Sukamaju\nCikandang",
    )
    ResponseMember.objects.create(
        incident=incident, organization=other_org, status=MemberStatus.JOINED, invited_by=users["coordinator"]
    )
    worker = users["field_worker"]
    women = [register(incident, org, worker, "Sukamaju", "female", 30) for _n in range(5)]
    men = [register(incident, org, worker, "Sukamaju", "male", 65) for _n in range(5)]
    girls = [register(incident, org, worker, "Cikandang", "female", 3) for _n in range(5)]
    unknown = register(incident, org, worker, "Cikandang", "male", None)
    for n, woman in enumerate(women):
        contact(woman, worker, needs=["shelter"], linked=["counselor"] if n == 0 else [])
    contact(men[0], worker, refer_now=["harm_self"])
    _membership, other_worker = make_person(other_org, "o-fw", roles=[Role.FIELD_WORKER], username="o-fw")
    theirs = [register(incident, other_org, other_worker, "Sukamaju", "female", 20) for _n in range(5)]
    return {
        "incident": incident,
        "women": women,
        "men": men,
        "girls": girls,
        "unknown": unknown,
        "theirs": theirs,
    }


def url(name, org, incident, **query):
    address = reverse(name, kwargs={"org": org.slug, "incident": incident.pk})
    return address + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def test_age_bands_follow_the_documented_limits():
    assert [band_of(age) for age in (0, 5, 6, 11, 12, 17, 18, 59, 60, 99, None)] == [
        "0_5", "0_5", "6_11", "6_11", "12_17", "12_17", "18_59", "18_59", "60_plus", "60_plus", "unknown",
    ]  # fmt: skip


def test_the_4w_rows_count_people_by_village_sex_and_age_band(response, org):
    report = four_w(
        response["incident"], org, start=response["incident"].started_on, end=timezone.localdate()
    )
    month = f"{timezone.localdate():%Y-%m}"
    rows = {(row.activity.code, row.place): row for row in report.rows}
    registered = rows[(REGISTRATION, "Sukamaju")]
    assert registered.month == month and registered.people == 10 and registered.times == 10
    assert dict(zip(SEXES, registered.by_sex, strict=True)) == {"female": 5, "male": 5, "unstated": 0}
    assert dict(zip(BANDS, registered.by_band, strict=True)) == {
        "0_5": 0, "6_11": 0, "12_17": 0, "18_59": 5, "60_plus": 5, "unknown": 0,
    }  # fmt: skip
    assert registered.activity.layer == 1 and registered.activity.group == "community"
    pfa = rows[(PFA, "Sukamaju")]
    assert pfa.people == 6 and pfa.activity.layer == 3 and pfa.activity.group == "cases"
    # One man among them: hidden, and the women's 5 with him (else 6 - 5 gives him away).
    assert pfa.by_sex == [None, None, 0] and pfa.by_band == [0, 0, 0, None, None, 0]
    # Two referred (one at once, one to a counselor): under 5, hidden, layer 4.
    referral = rows[(REFERRAL, "Sukamaju")]
    assert referral.people is None and referral.times is None and referral.start is None
    assert referral.activity.layer == 4 and set(referral.by_sex) == {None}
    # Cikandang: 5 girls of 3 and a man whose age is unknown; a lone man, a lone unknown age.
    cikandang = rows[(REGISTRATION, "Cikandang")]
    assert cikandang.people == 6 and cikandang.by_sex == [None, None, 0]
    assert cikandang.by_band == [None, 0, 0, 0, 0, None]
    # The whole response, per organization: ours 16 registered, theirs 5.
    shared = {o.name: numbers for o, numbers in report.shared()}
    assert shared[org.name][0] == 16 and report.totals[0] == 21


def test_a_small_group_is_hidden_with_what_would_give_it_away(response, org, other_org, users):
    incident = response["incident"]
    # The other organization gives PFA to two people: its 2 are hidden, and so is our 6, else the
    # response's 8 minus our 6 would tell their 2.
    for person in response["theirs"][:2]:
        contact(person, users["outsider"])
    report = four_w(incident, org, start=incident.started_on, end=timezone.localdate())
    column = [a.code for a in ACTIVITIES].index(PFA)
    assert report.by_organization[str(other_org.pk)][column] is None
    assert report.by_organization[str(org.pk)][column] is None
    assert report.totals[column] == 8
    # The same tree whoever looks: the other organization's view hides the same numbers.
    theirs = four_w(incident, other_org, start=incident.started_on, end=timezone.localdate())
    assert theirs.by_organization == report.by_organization and theirs.totals == report.totals


def test_another_organization_sees_only_the_others_totals(response, org, other_org, users, client_as):
    incident = response["incident"]
    theirs = four_w(incident, other_org, start=incident.started_on, end=timezone.localdate())
    assert {row.organization_id for row in theirs.rows} == {str(other_org.pk)}
    assert [(row.activity.code, row.place, row.people) for row in theirs.rows] == [
        (REGISTRATION, "Sukamaju", 5)
    ]
    assert theirs.places == ["Sukamaju"]
    page = in_english(client_as("outsider")).get(url("incident_report", other_org, incident))
    html = page.content.decode()
    assert page.status_code == 200 and org.name in html and "Cikandang" not in html
    # Their own page through our organization's address answers 404: they are not members here.
    assert client_as("outsider").get(url("incident_report", org, incident)).status_code == 404


def test_the_dashboard_counts_by_village_and_hides_small_numbers(response, org, users):
    incident = response["incident"]
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    # Each person's follow-ups were scheduled at registration (day 7, 30, 90, all ahead): the
    # women's first ones fall due yesterday and are not done; one man's is done.
    FollowUp.objects.filter(affected__in=response["women"], day=7).update(due_on=yesterday)
    FollowUp.objects.filter(affected=response["men"][1], day=7).update(
        due_on=yesterday, status=FollowUpStatus.DONE, done_at=timezone.now()
    )
    still_to_do = FollowUp.objects.filter(
        organization=org, incident=incident, status=FollowUpStatus.DUE, due_on__gte=timezone.localdate()
    ).count()
    board = dashboard(four_w(incident, org, start=incident.started_on, end=timezone.localdate()))
    assert board.places == ["Cikandang", "Sukamaju"]
    by = {f.code: f for f in board.figures}
    assert by[REGISTRATION].values == {"Cikandang": 6, "Sukamaju": 10} and by[REGISTRATION].total == 16
    assert by[PFA].values == {"Cikandang": 0, "Sukamaju": 6}
    assert by["needs_open"].values == {"Cikandang": 0, "Sukamaju": 5} and by["needs_open"].total == 5
    assert by["follow_ups_overdue"].total == 5 and by["follow_ups_due"].total == still_to_do > 5
    # One alert (the man referred at once) and one follow-up done: under 5, hidden, total too.
    assert by["alerts"].values["Sukamaju"] is None and by["alerts"].total is None
    assert by["follow_ups_done"].total is None and board.open_alerts is None
    assert [(str(label), n) for label, n, _closed in board.needs_by_kind] == [(NeedKind.SHELTER.label, 5)]
    assert [chart_id for chart_id, _caption, _bars in board.charts] == [
        REGISTRATION, PFA, "needs_open", "follow_ups_overdue",
    ]  # fmt: skip


def test_the_page_shows_the_dashboard_and_bad_dates_are_refused(response, org, client_as):
    incident = response["incident"]
    client = in_english(client_as("field_worker"))
    page = client.get(url("incident_report", org, incident))
    html = page.content.decode()
    assert page.status_code == 200 and 'id="report-villages"' in html and 'id="report-4w-rows"' in html
    assert "Sukamaju" in html and 'class="bar-fill"' in html
    assert f'name="start" value="{incident.started_on.isoformat()}"' in html  # the period shown
    assert 'id="report-files"' not in html  # the files are for coordinators and admins
    today = timezone.localdate()
    bad = client.get(
        url("incident_report", org, incident, start=today, end=today - datetime.timedelta(days=2))
    )
    assert bad.status_code == 400 and "The period cannot end before it starts." in bad.content.decode()
    assert client.get(url("incident_report", org, incident, start="31-31-2026")).status_code == 400
    # Days outside the incident (or a year 1 or 9999 a database cannot hold) are refused.
    before = incident.started_on - datetime.timedelta(days=1)
    outside = client.get(url("incident_report", org, incident, start=before, end=today))
    assert outside.status_code == 400 and "the incident&#x27;s start to today" in outside.content.decode()
    assert client.get(url("incident_report", org, incident, end="9999-12-31")).status_code == 400
    # Its first day, before anyone was registered: nothing to show.
    first = incident.started_on
    early = client.get(url("incident_report", org, incident, start=first, end=first))
    assert early.status_code == 200 and "Nothing recorded in this period." in early.content.decode()
    detail = client.get(reverse("incident_detail", kwargs={"org": org.slug, "incident": incident.pk}))
    assert url("incident_report", org, incident) in detail.content.decode()


def test_the_csv_has_our_rows_and_only_the_others_totals(response, org, other_org, client_as):
    incident = response["incident"]
    assert client_as("field_worker").get(url("incident_report_csv", org, incident)).status_code == 403
    response_ = in_english(client_as("coordinator")).get(url("incident_report_csv", org, incident))
    assert response_.status_code == 200 and response_["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response_.content.decode("utf-8-sig"))))
    head = rows[0]
    assert head[:4] == ["Organization", "Role in the response", "Activity group", "Activity"]
    column = {name: n for n, name in enumerate(head)}
    ours = [
        r for r in rows[1:] if r[column["Organization"]] == org.name and r[column["Month"]] != "Whole period"
    ]
    sukamaju = next(
        r for r in ours if r[column["Village or place"]] == "Sukamaju" and r[3] == "Psychological first aid"
    )
    assert sukamaju[column["People reached"]] == "6" and sukamaju[column["Female"]] == "*"
    assert sukamaju[column["Pyramid layer"]] == "3" and sukamaju[column["District or city"]] == "Garut"
    assert sukamaju[column["First day"]] == timezone.localdate().isoformat()
    theirs = [r for r in rows[1:] if r[column["Organization"]] == other_org.name]
    assert theirs and {r[column["Village or place"]] for r in theirs} == {"All places"}
    assert {r[column["Female"]] for r in theirs} == {""}  # no breakdown of another organization
    event = AuditEvent.objects.get(action=AuditAction.RECORD_VIEWED, target_id=str(incident.pk))
    assert event.detail["report"] == "4w.csv" and event.detail["from"] == incident.started_on.isoformat()


def test_the_xlsx_opens_with_the_same_rows(response, org, client_as):
    incident = response["incident"]
    got = client_as("org_admin").get(url("incident_report_xlsx", org, incident))
    assert got.status_code == 200 and got["Content-Disposition"].startswith('attachment; filename="4w-banjir')
    book = load_workbook(io.BytesIO(got.content))
    sheet = book.worksheets[0]
    rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    registered = next(r for r in rows[1:] if r[9] == "Sukamaju" and r[0] == org.name and r[13] == 10)
    assert registered[4] == 1 and registered[11].date() == timezone.localdate()
    assert registered[14:17] == [5, 5, 0] and registered[17:23] == [0, 0, 0, 5, 5, 0]
    assert len(book.worksheets) == 2


def test_the_situation_report_renders(response, org, client_as):
    incident = response["incident"]
    got = client_as("coordinator").get(url("incident_report_pdf", org, incident))
    assert (
        got.status_code == 200
        and got["Content-Type"] == "application/pdf"
        and got.content.startswith(b"%PDF")
    )
    text = " ".join(
        " ".join((page.extract_text() or "").split()) for page in PdfReader(io.BytesIO(got.content)).pages
    )
    assert "BANJIR CISURUPAN" in text and "LAPORAN SITUASI" in text and "Sukamaju" in text
    assert AuditEvent.objects.filter(detail__report="situation.pdf").count() == 1


def test_another_response_is_unknown(response, org, other_org, users, client_as):
    theirs = incident_create(
        organization=other_org,
        by=users["outsider"],
        kind="fire",
        title="Kebakaran",
        started_on=timezone.localdate(),
    )
    for name in ("incident_report", "incident_report_csv", "incident_report_xlsx", "incident_report_pdf"):
        assert client_as("coordinator").get(url(name, org, theirs)).status_code == 404


def test_the_queries_do_not_grow_with_the_people_reached(response, org, users, client_as):
    incident = response["incident"]
    client = client_as("coordinator")
    address = url("incident_report", org, incident)

    def queries():
        client.get(address)  # warm: session, role map, translations
        with CaptureQueriesContext(connection) as captured:
            assert client.get(address).status_code == 200
        return len(captured.captured_queries)

    few = queries()
    worker = users["field_worker"]
    for n in range(12):
        person = register(incident, org, worker, f"Desa {n % 4}", "male", 8 + n)
        contact(person, worker, needs=["food_water"], linked=["partner"])
        # (its follow-ups were scheduled at registration)
    assert queries() == few


def test_an_organization_no_longer_in_the_response_keeps_its_totals_row(response, org, other_org):
    incident = response["incident"]
    ResponseMember.objects.filter(incident=incident, organization=other_org).update(
        status=MemberStatus.DECLINED
    )
    report = four_w(incident, org, start=incident.started_on, end=timezone.localdate())
    shown = {o.pk: numbers for o, numbers in report.shared()}
    # Without its row, the response's 21 minus our 16 would still tell its 5.
    assert shown[str(other_org.pk)][0] == 5 and report.totals[0] == 21
