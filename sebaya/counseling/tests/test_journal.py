"""The jurnal BK: lines from sessions, visits, conferences and manual entries; reports by domain
and service, whole for the counselor, small counts hidden for a coordinator; PDF and XLSX."""

import datetime
from io import BytesIO

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from sebaya.counseling import services
from sebaya.counseling.journal import period_bounds


@pytest.fixture
def month_of_work(org, users, student):
    case = services.case_open(
        organization=org, person=student.person, by=users["counselor"], summary="x", domain="belajar"
    )
    day = datetime.date(2026, 11, 10)
    for n in range(6):
        services.session_record(
            case=case, by=users["counselor"], date=day + datetime.timedelta(days=n), discussed="x"
        )
    services.visit_save(
        case=case,
        by=users["counselor"],
        status="done",
        planned_on=day,
        done_on=day,
        purpose="x",
        visitors="Bu Sri",
    )
    services.journal_entry_add(
        organization=org,
        counselor=users["counselor"],
        date=day,
        service_type="bimbingan_klasikal",
        domain="karier",
        description="Bimbingan klasikal: memilih jurusan, kelas XII-1",
        people=32,
    )
    return case


def test_periods_follow_the_indonesian_school_year():
    assert period_bounds("month", "2026-12")[:2] == (datetime.date(2026, 12, 1), datetime.date(2027, 1, 1))
    assert period_bounds("semester", "2026-1")[:2] == (datetime.date(2026, 7, 1), datetime.date(2027, 1, 1))
    assert period_bounds("semester", "2026-2")[:2] == (datetime.date(2026, 1, 1), datetime.date(2026, 7, 1))
    with pytest.raises(ValueError):
        period_bounds("semester", "2026-3")
    for kind, value in (("month", "0001-01"), ("month", "9999-12"), ("semester", "9999-1")):
        with pytest.raises(ValueError):
            period_bounds(kind, value)  # the pages step a day around the period: no overflow


def test_a_month_at_the_end_of_the_calendar_shows_this_month(client_as, org):
    url = reverse("journal", kwargs={"org": org.slug})
    for month in ("0001-01", "9999-12", "1-1", "x"):
        page = client_as("counselor").get(url, {"month": month})
        assert page.status_code == 200 and page.context["month"] == timezone.localdate().strftime("%Y-%m")


def test_the_journal_lists_the_month_and_takes_manual_entries(client_as, org, users, month_of_work):
    client = client_as("counselor")
    page = client.get(reverse("journal", kwargs={"org": org.slug}) + "?month=2026-11")
    assert len(page.context["lines"]) == 8
    response = client.post(
        reverse("journal", kwargs={"org": org.slug}),
        {
            "date": "2026-11-20",
            "service_type": "konsultasi",
            "domain": "pribadi",
            "description": "Konsultasi wali kelas",
            "people": "1",
        },
    )
    assert response.status_code == 302
    bad = client.post(reverse("journal", kwargs={"org": org.slug}), {"date": "kemarin", "service_type": "x"})
    assert bad.status_code == 400
    assert (
        len(client.get(reverse("journal", kwargs={"org": org.slug}) + "?month=2026-11").context["lines"]) == 9
    )


def test_reports_count_by_service_and_domain_and_hide_small_counts_from_others(
    client_as, org, users, month_of_work
):
    url = reverse("journal_report", kwargs={"org": org.slug})
    own = client_as("counselor").get(url, {"kind": "month", "value": "2026-11"})
    table = own.context["table"]
    assert own.context["total"] == 8
    assert (
        table.cells["Konseling individual", "belajar"] == 6 and table.cells["Kunjungan rumah", "belajar"] == 1
    )
    page = own.content.decode()
    assert "Bimbingan klasikal: memilih jurusan" not in page  # counts only, never content
    other = client_as("coordinator").get(
        url, {"kind": "month", "value": "2026-11", "counselor": users["counselor"].pk}
    )
    hidden = other.context["table"]
    assert hidden.cells["Kunjungan rumah", "belajar"] is None  # one home visit: too few to show
    # ...and it cannot be found by subtraction from the column's total either.
    assert hidden.column_totals["belajar"] is None or hidden.cells["Konseling individual", "belajar"] is None
    assert client_as("counselor").get(url, {"kind": "semester", "value": "2026-9"}).status_code == 400
    pdf = client_as("counselor").get(url, {"kind": "semester", "value": "2026-1", "format": "pdf"})
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
    xlsx = client_as("counselor").get(url, {"kind": "month", "value": "2026-11", "format": "xlsx"})
    sheet = load_workbook(BytesIO(xlsx.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[2][0] == "Layanan" or rows[2][0] == "Service"
    assert ("Konseling individual", 0, 0, 6, 0, 6) in rows


@pytest.mark.parametrize(
    "name", ['=HYPERLINK("http://x","y")', "@SUM(1)", "+1", "-1+2", "\tx", "\rx", "=cmd|' /C calc'!A0"]
)
def test_the_xlsx_report_writes_names_as_text_never_as_formulas(client_as, org, users, month_of_work, name):
    # A name typed by hand or imported from a roster reaches the report's title cell.
    person = users["counselor"].person
    person.full_name = name
    person.save()
    url = reverse("journal_report", kwargs={"org": org.slug})
    xlsx = client_as("counselor").get(url, {"kind": "month", "value": "2026-11", "format": "xlsx"})
    sheet = load_workbook(BytesIO(xlsx.content)).active
    title = sheet["A1"]
    assert title.data_type != "f" and isinstance(title.value, str)
    assert title.value.startswith("'" + name.replace("\r", "\n"))  # XML reads a lone CR as a newline
    assert not any(cell.data_type == "f" for row in sheet.iter_rows() for cell in row)
    # The counts are still numbers.
    assert ("Konseling individual", 0, 0, 6, 0, 6) in list(sheet.iter_rows(values_only=True))
