"""The printed program report: a PDF with the kop, the title and the period, every section of the
dashboard at the same choices, hidden numbers as *, the outcomes' cautions, the coordinator's
notes as paragraphs, and the principal's and the coordinator's signatures. Read back with
Poppler's pdftotext (poppler-utils).

Run with SEBAYA_WRITE_SAMPLES=1 (see docs/samples/README.md) to refresh laporan-semester-program
(.pdf and the first page as .png) in docs/samples/."""

import os
import re
import subprocess

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from conftest import make_person
from sebaya.counseling.tests.test_documents import SAMPLES
from sebaya.evaluation.charts import chart
from sebaya.evaluation.dashboard import organization_dashboard
from sebaya.evaluation.period import YEAR, Period
from sebaya.evaluation.report_forms import NARRATIVE_LIMIT
from sebaya.evaluation.tables import Cut

from . import report_data as data

PERIOD = data.last_years_odd_semester()


def url(org):
    return reverse("evaluation_report_pdf", kwargs={"org": org.slug})


def pdf_text(content: bytes, tmp_path, *, layout=False) -> str:
    assert content.startswith(b"%PDF-")
    source = tmp_path / "report.pdf"
    source.write_bytes(content)
    options = ["-layout"] if layout else []
    text = subprocess.run(  # noqa: S603 - a fixed program on our own file
        ["pdftotext", "-enc", "UTF-8", *options, source, "-"], check=True, capture_output=True, text=True
    ).stdout
    return text if layout else " ".join(text.split())


@pytest.fixture
def school(org, users):
    data.school(org, users)
    data.measured(org, PERIOD)
    return org


def test_the_report_has_the_kop_title_period_sections_cautions_notes_and_signatures(
    client_as, school, tmp_path
):
    response = client_as("coordinator").post(url(school), {"periode": PERIOD.code, "catatan": data.NARRATIVE})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (
        f'inline; filename="laporan-semester-program-{school.slug}-{PERIOD.code}.pdf"'
    )
    text = pdf_text(response.content, tmp_path)
    if os.environ.get("SEBAYA_WRITE_SAMPLES"):
        (SAMPLES / "laporan-semester-program.pdf").write_bytes(response.content)
        subprocess.run(  # noqa: S603 - a fixed program on our own file
            ["pdftoppm", "-png", "-r", "70", "-f", "1", "-l", "1", "-singlefile", tmp_path / "report.pdf",
             SAMPLES / "laporan-semester-program"],
            check=True,
        )  # fmt: skip
    assert "PEMERINTAH PROVINSI JAWA BARAT" in text and data.SCHOOL.upper() in text
    assert "LAPORAN SEMESTER PROGRAM LAYANAN" in text
    assert f"Semester ganjil {PERIOD.school_year}" in text
    assert f"Semester genap {PERIOD.year - 1}/{PERIOD.year}" in text  # compared with
    assert "Laporan ini merangkum" in text  # what the report covers
    for section in (
        "Jangkauan",
        "Kecepatan tanggapan",
        "Skrining",
        "Program konselor sebaya",
        "Hasil layanan",
    ):
        assert section in text, section
    # The outcomes' cautions and where the thresholds come from.
    assert "bukan bukti bahwa layanan yang menyebabkannya" in text
    assert "Terlalu sedikit untuk dinilai" in text
    assert "Dari mana batas-batas ini berasal" in text and "Kroenke" in text
    # The notes, paragraph by paragraph, and the signatures after them.
    for paragraph in data.NARRATIVE_PARAGRAPHS:
        assert paragraph in text, paragraph
    notes_at = text.index("Catatan koordinator")
    signatures_at = text.index("Mengetahui,")
    assert notes_at < text.index(data.NARRATIVE_PARAGRAPHS[-1]) < signatures_at
    assert "Kepala Sekolah" in text[signatures_at:] and "Koordinator Program" in text[signatures_at:]
    assert data.PRINCIPAL in text and f"NIP. {data.PRINCIPAL_NIP}" in text
    assert data.COORDINATOR in text and f"NIP. {data.COORDINATOR_NIP}" in text
    assert re.search(r"Bandung, \d{1,2} \w+ \d{4}", text)  # the date line


def test_a_number_the_page_hides_is_a_star_in_the_report(client_as, school, tmp_path):
    page = organization_dashboard(
        organization=school, period=PERIOD, cut=Cut(), today=timezone.localdate()
    ).table("outcomes_reliable_change")
    cells = [page.value("phq9", code) for code, _label in page.columns]
    assert None in cells and any(cells), "the data should have both hidden and shown numbers"
    with translation.override("id"):
        title, label = str(page.title), dict(page.rows)["phq9"]
    response = client_as("coordinator").post(url(school), {"periode": PERIOD.code})
    text = pdf_text(response.content, tmp_path, layout=True)
    lines = text[text.index(title) :].splitlines()
    row = next(line for line in lines if line.strip().startswith(label))
    printed = re.split(r"\s{2,}", row.strip())
    expected = [label, *("*" if n is None else str(n) for n in cells), str(page.row_totals["phq9"])]
    assert printed[: len(expected)] == expected


def test_a_year_is_the_annual_report_and_without_notes_there_is_room_to_write(client_as, school, tmp_path):
    year = Period(PERIOD.year, YEAR)
    response = client_as("org_admin").get(url(school), {"periode": year.code})
    assert response.status_code == 200
    text = pdf_text(response.content, tmp_path)
    assert "LAPORAN TAHUNAN PROGRAM" in text and f"Tahun pelajaran {year.school_year}" in text
    assert "Catatan koordinator" in text
    assert "Admin lembaga" in text  # signed as who printed it


def test_the_notes_are_plain_text(client_as, school, tmp_path):
    response = client_as("coordinator").post(
        url(school), {"periode": PERIOD.code, "catatan": "<b>Tebal</b> & <script>x</script>"}
    )
    assert "<b>Tebal</b> & <script>x</script>" in pdf_text(response.content, tmp_path)


def test_notes_that_are_too_long_are_refused_and_kept_on_the_page(client_as, school):
    too_long = "Catatan panjang. " * (NARRATIVE_LIMIT // 10)
    response = client_as("coordinator").post(url(school), {"periode": PERIOD.code, "catatan": too_long})
    assert response.status_code == 400
    assert response["Content-Type"].startswith("text/html")
    content = response.content.decode()
    assert "paling banyak 5000 karakter" in content and 'id="report-errors"' in content
    assert too_long.strip() in content  # nothing lost: shorten and print again
    assert 'id="section-outcomes"' in content  # the dashboard is still there


@pytest.mark.parametrize("query", [{"periode": "2031-1"}, {"periode": "x"}, {"kelas": "13"}])
def test_a_choice_that_is_not_offered_prints_nothing(client_as, school, query):
    response = client_as("coordinator").post(url(school), {"periode": PERIOD.code, **query})
    assert response.status_code == 400
    assert response["Content-Type"].startswith("text/html")
    assert b'class="errorlist' in response.content


def test_the_dashboard_offers_the_report_with_its_choices(client_as, school):
    page = client_as("coordinator").get(
        reverse("evaluation_dashboard", kwargs={"org": school.slug}), {"periode": PERIOD.code, "kelas": "10"}
    )
    content = page.content.decode()
    assert 'id="evaluation-report"' in content and f'action="{url(school)}"' in content
    assert f'name="periode" value="{PERIOD.code}"' in content and 'name="kelas" value="10"' in content
    assert "Cetak laporan (PDF)" in content and "csrfmiddlewaretoken" in content


def test_the_report_has_the_charts_the_page_has(school):
    """The page and the report draw bars by one rule (charts.chart): where two numbers show."""
    for n in range(24):  # more grades: members by grade can be drawn
        make_person(school, f"g-{n}", grade="11" if n < 12 else "12")
    drawn = []
    for cut in (Cut(), Cut(grade="10"), Cut(gender="female")):
        board = organization_dashboard(
            organization=school, period=PERIOD, cut=cut, today=timezone.localdate()
        )
        for table in board.tables:
            bars = chart(table)
            assert bars is None or sum(1 for bar in bars if bar.value) >= 2, table.key
            drawn += [table.key] if bars else []
    assert "reach_by_grade" in drawn
