"""The annual program and the RPL as a principal reads them: each PDF's text read back (kop,
title, chapters, signature names with NIP), its pages drawn as images; the XLSX's sheets.

Run with SEBAYA_WRITE_SAMPLES=1 (see docs/samples/README.md) to refresh program-tahunan-bk and rpl
(.pdf and the first page as .png) in docs/samples/.
"""

import datetime
import io
import os

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from sebaya.counseling.tests.test_documents import (
    SAMPLES,
    check_kop_and_page,
    first_page_png,
    pdf_of,
    text_of,
)
from sebaya.counseling.tests.test_documents import school as school  # noqa: F401 - the fixture
from sebaya.guidance.services import program as services
from sebaya.guidance.services import program_plans as plans


def keep_sample(pdf: bytes, name: str) -> None:
    if os.environ.get("SEBAYA_WRITE_SAMPLES"):
        (SAMPLES / f"{name}.pdf").write_bytes(pdf)


@pytest.fixture
def program(school, org, users):
    program = services.program_create(
        organization=org,
        by=users["counselor"],
        school_year="2026/2027",
        grade="X",
        title="Program BK Kelas X",
    )
    services.program_update(
        program=program,
        by=users["counselor"],
        version=program.version,
        rationale="Layanan BK membantu peserta didik berkembang optimal.",
        needs_summary="Asesmen kebutuhan menunjukkan kesulitan konsentrasi belajar.",
        vision_mission="Visi: peserta didik yang mandiri.",
    )
    item = program.items.get(component="layanan_dasar", domain="belajar")
    services.item_save(
        program=program,
        by=users["counselor"],
        item=item,
        component=item.component,
        domain=item.domain,
        topic="Cara belajar efektif",
        need="Saya sulit berkonsentrasi saat belajar",
        need_share=64,
        service_type=item.service_type,
        months=[8, 1],
        responsible=users["counselor"],
    )
    services.placement_add(
        item=item, by=users["counselor"], semester=1, week_of=datetime.date(2026, 8, 10), class_name="X-1"
    )
    program.refresh_from_db()
    return services.program_approve(program=program, by=users["coordinator"])


def test_the_annual_program_pdf(client_as, org, program, tmp_path):
    pdf = pdf_of(
        client_as("counselor"), reverse("bk_program_pdf", kwargs={"org": org.slug, "program": program.pk})
    )
    text = text_of(pdf)
    keep_sample(pdf, "program-tahunan-bk")
    png = first_page_png(pdf, "program-tahunan-bk", tmp_path)
    check_kop_and_page(text, png, principal=False)  # "Mengesahkan," rather than "Mengetahui,"
    assert "NIP. 196805121994031004" in text
    assert "PROGRAM TAHUNAN BIMBINGAN DAN KONSELING" in text.upper()
    assert "LEMBAR PENGESAHAN" in text.upper() and "Mengesahkan," in text
    assert "Drs. Budi Santoso, M.Pd." in text and "Sri Wahyuni, S.Pd." in text
    assert "NIP. 198703142010012007" in text
    for chapter in ("Rasional", "Kebutuhan yang ditemukan", "Visi dan misi", "Layanan dasar", "Kalender"):
        assert chapter.upper() in text.upper(), chapter
    assert "Cara belajar efektif" in text and "64%" in text
    assert "DRAF" not in text  # approved


def test_the_rpl_pdf(client_as, org, users, program, tmp_path):
    item = program.items.get(topic="Cara belajar efektif")
    plan = plans.plan_save(
        organization=org,
        by=users["counselor"],
        item=item,
        **{
            **plans.initial_from_item(item),
            "audience": "X-1",
            "semester": 1,
            "goals": "Siswa mampu menyusun jadwal belajar.",
            "method": "Diskusi dan ceramah",
            "materials": "Lembar kerja jadwal",
            "steps": plans.steps_join("Salam dan doa", "Menyusun jadwal", "Refleksi"),
            "evaluation": "Proses: antusias. Hasil: jadwal tersusun.",
        },
    )
    pdf = pdf_of(client_as("counselor"), reverse("bk_plan_pdf", kwargs={"org": org.slug, "plan": plan.pk}))
    text = text_of(pdf)
    keep_sample(pdf, "rpl")
    png = first_page_png(pdf, "rpl", tmp_path)
    check_kop_and_page(text, png)
    assert "RENCANA PELAKSANAAN LAYANAN (RPL)" in text.upper() and "BIMBINGAN KLASIKAL" in text.upper()
    assert "Mengetahui," in text and "Sri Wahyuni, S.Pd." in text and "NIP. 198703142010012007" in text
    for part in ("Salam dan doa", "Menyusun jadwal", "Refleksi", "Cara belajar efektif", "45 menit"):
        assert part in text, part


def test_the_annual_program_xlsx(client_as, org, program):
    response = client_as("coordinator").get(
        reverse("bk_program_xlsx", kwargs={"org": org.slug, "program": program.pk})
    )
    assert response.status_code == 200
    book = load_workbook(io.BytesIO(response.content))
    plan_sheet, calendar_sheet = book.worksheets
    rows = list(plan_sheet.iter_rows(values_only=True))
    assert rows[0][0] == "Program BK Kelas X"
    assert rows[2][:4] == ("No.", "Komponen", "Bidang", "Topik") and rows[2][8] == "Jul"
    assert plan_sheet["A3"].font.bold and plan_sheet.column_dimensions["D"].width == 40
    learning = next(r for r in rows if r[3] == "Cara belajar efektif")
    assert learning[5] == 64 and learning[8 + 1] == "x" and learning[8 + 6] == "x" and learning[8] is None
    calendar = list(calendar_sheet.iter_rows(values_only=True))
    assert calendar[1][0] == 1 and calendar[1][3] == "X-1" and calendar[1][4] == "Cara belajar efektif"
