"""The official documents as a principal reads them: each PDF is rendered and its text read back
(kop, number, date line, signatures with NIP), and its first page drawn as an image.

`SEBAYA_WRITE_SAMPLES=1 .venv/bin/python -m pytest -p no:xdist sebaya/counseling/tests/test_documents.py`
refreshes the PNGs in docs/samples/ (see docs/samples/README.md).
"""

import io
import os
import pathlib
import shutil
import subprocess

import pytest
from django.urls import reverse
from PIL import Image
from pypdf import PdfReader

from sebaya.counseling.tests import documents_data as data

SAMPLES = pathlib.Path(__file__).resolve().parents[3] / "docs" / "samples"


@pytest.fixture
def school(org, users):
    return data.school_case(org, users)


def pdf_of(client, url):
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    return response.content


def text_of(pdf: bytes) -> str:
    return " ".join(
        " ".join((page.extract_text() or "").split()) for page in PdfReader(io.BytesIO(pdf)).pages
    )


def first_page_png(pdf: bytes, name: str, tmp_path) -> bytes | None:
    """The first page as a PNG (poppler's pdftoppm), kept in docs/samples when asked."""
    if not shutil.which("pdftoppm"):
        return None
    source = tmp_path / f"{name}.pdf"
    source.write_bytes(pdf)
    subprocess.run(  # noqa: S603 - a fixed program on our own file
        ["pdftoppm", "-png", "-r", "70", "-f", "1", "-l", "1", "-singlefile", source, tmp_path / name],
        check=True,
    )
    png = (tmp_path / f"{name}.png").read_bytes()
    if os.environ.get("SEBAYA_WRITE_SAMPLES"):
        SAMPLES.mkdir(parents=True, exist_ok=True)
        (SAMPLES / f"{name}.png").write_bytes(png)
    return png


def check_kop_and_page(text: str, png: bytes | None, *, principal=True):
    assert "PEMERINTAH PROVINSI JAWA BARAT" in text and "DINAS PENDIDIKAN" in text
    assert "SMA NEGERI 1 HARAPAN" in text.upper() and "Jl. Merdeka No. 1" in text
    if principal:  # "Mengetahui, Kepala Sekolah"
        assert "Mengetahui," in text and "NIP. 196805121994031004" in text
    if png is not None:
        with Image.open(io.BytesIO(png)) as page:
            assert page.width < page.height  # A4 portrait
            # The logo is drawn at the top left (a blue pixel in the first tenth of the page).
            top_left = page.convert("RGB").crop((0, 0, page.width // 3, page.height // 8))
            assert any(b > 120 and r < 80 for r, g, b in top_left.get_flattened_data())


def test_the_referral_letter_is_an_official_letter(client_as, org, users, school, tmp_path):
    referral = data.referral(school, users["counselor"])
    url = reverse("referral_letter", kwargs={"org": org.slug, "referral": referral.pk})
    pdf = pdf_of(client_as("counselor"), url)
    text = text_of(pdf)
    year = referral.created_at.year
    assert "Nomor : 421.5/001/BK/" in text and f"/{year}" in text
    assert "Perihal : Alih tangan kasus" in text and "Yth." in text and "Biro Psikologi Harapan" in text
    assert "Dengan hormat," in text
    assert "disetujui oleh orang tua peserta didik, Ibu Ratna Pratama" in text
    assert "Mengetahui," in text and "Kepala Sekolah" in text
    assert "Sri Wahyuni, S.Pd." in text and "NIP. 198703142010012007" in text
    assert text.count("Bandung, ") >= 1
    check_kop_and_page(text, first_page_png(pdf, "surat-alih-tangan-kasus", tmp_path))
    # Printed again: the same number, and the next letter takes the next one.
    assert "421.5/001/BK/" in text_of(pdf_of(client_as("counselor"), url))


def test_the_home_visit_report_opens_with_the_day_in_words(client_as, org, users, school, tmp_path):
    visit = data.home_visit(school, users["counselor"])
    url = reverse("visit_pdf", kwargs={"org": org.slug, "case": school.pk, "visit": visit.pk})
    text = text_of(pdf_of(client_as("counselor"), url))
    assert "BERITA ACARA KUNJUNGAN RUMAH" in text.upper()
    assert "Nomor: 421.5/001/BK/XII/2026" in text
    assert "Pada hari ini Senin tanggal tujuh bulan Desember tahun dua ribu dua puluh enam" in text
    assert "Ibu Ratna Pratama (ibu kandung)" in text and "Dedi Kurnia" in text
    assert "Bandung, 7 Desember 2026" in text
    assert "Sri Wahyuni, S.Pd." in text and "NIP. 198703142010012007" in text
    check_kop_and_page(
        text, first_page_png(pdf_of(client_as("counselor"), url), "berita-acara-kunjungan-rumah", tmp_path)
    )


def test_the_case_conference_minutes_name_the_chair_and_the_notulis(client_as, org, users, school, tmp_path):
    conference = data.case_conference(school, users["counselor"])
    url = reverse("conference_pdf", kwargs={"org": org.slug, "case": school.pk, "conference": conference.pk})
    pdf = pdf_of(client_as("counselor"), url)
    text = text_of(pdf)
    assert "NOTULEN KONFERENSI KASUS" in text.upper() and "Nomor: 421.5/001/BK/XII/2026" in text
    assert "Senin, 7 Desember 2026" in text
    assert "Pimpinan rapat" in text and "Notulis" in text and "Dedi Kurnia, S.Pd." in text
    assert "Membuat surat alih tangan kasus" in text and "Batas waktu" in text
    check_kop_and_page(text, first_page_png(pdf, "notulen-konferensi-kasus", tmp_path), principal=False)


def test_the_jurnal_report_has_counts_people_reached_and_the_daily_list(
    client_as, org, users, school, tmp_path
):
    from openpyxl import load_workbook

    data.jurnal_month(school, users["counselor"])
    url = reverse("journal_report", kwargs={"org": org.slug})
    client = client_as("counselor")
    page = client.get(url, {"period": "month:2026-12"})
    assert page.status_code == 200 and 'value="month:2026-12" selected' in page.content.decode()
    assert page.context["reached"]["bimbingan_klasikal"] == 32
    assert client.get(url, {"period": "month:2026-13"}).status_code == 400
    assert client.get(url, {"period": "2026-12"}).status_code == 400  # typed, not picked

    pdf = client.get(url, {"period": "month:2026-12", "format": "pdf"}).content
    text = text_of(pdf)
    assert "LAPORAN LAYANAN BIMBINGAN DAN KONSELING" in text.upper() and "Desember 2026" in text
    assert "Jurnal harian" in text and "memilih jurusan kuliah (32 orang)" in text
    assert "Penanganan peringatan" in text  # the alert handled is in the jurnal
    assert "Sri Wahyuni, S.Pd." in text and "NIP. 198703142010012007" in text
    check_kop_and_page(text, first_page_png(pdf, "laporan-jurnal-bk", tmp_path))

    book = load_workbook(io.BytesIO(client.get(url, {"period": "month:2026-12", "format": "xlsx"}).content))
    assert book.sheetnames == ["Rekap", "Jurnal harian"]
    daily = book["Jurnal harian"]
    assert [c.value for c in daily[1]] == [
        "No.",
        "Tanggal",
        "Layanan",
        "Bidang layanan",
        "Kegiatan",
        "Jumlah orang",
    ]
    assert daily[1][0].font.bold and daily.column_dimensions["E"].width == 60
    assert any("memilih jurusan" in str(c.value) for c in daily["E"])
