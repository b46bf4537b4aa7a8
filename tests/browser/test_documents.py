"""The official documents opened as a counselor opens them: from the case page, the referral
letter, the home visit's berita acara and the case conference's notulen; from the jurnal report,
its PDF. Each link is clicked; the PDF the browser received is checked for its type, drawn (its
first page is not blank: the kop is at the top) and read back (kop, letter number, signers).
Poppler's pdftoppm and pdftotext do the drawing and reading (`./dev` installs poppler-utils).

The documents are served inline, so Chromium shows them in its PDF viewer rather than downloading
them: the test checks the response that navigation received, then asks for the same URL with the
browser's session to read the bytes (the viewer stands in for them in the navigation's body).
"""

import re
import subprocess
from pathlib import Path
from urllib.parse import urljoin

import pytest
from PIL import Image
from playwright.sync_api import Locator, Page, expect

from sebaya.counseling.tests import documents_data as data
from sebaya.organizations.models import IssuedLetter
from tests.browser.conftest import goto, path_re, sign_in

pytestmark = pytest.mark.browser

KOP = ("PEMERINTAH PROVINSI JAWA BARAT", "DINAS PENDIDIKAN", data.SCHOOL.upper())
STAFF_SIGNERS = (data.COUNSELOR, f"NIP. {data.COUNSELOR_NIP}")
PRINCIPAL_SIGNER = (data.PRINCIPAL, f"NIP. {data.PRINCIPAL_NIP}")


def open_pdf(page: Page, link: Locator, tmp_path: Path, name: str) -> tuple[str, Path]:
    """Click the link as a person does; the PDF the browser was sent, as text and as page 1's PNG."""
    url = urljoin(page.url, link.get_attribute("href"))
    with page.expect_response(lambda response: response.url == url) as received:
        link.click()
    response = received.value
    assert response.status == 200, (url, response.status)
    assert response.headers["content-type"] == "application/pdf"
    assert response.headers["content-disposition"].startswith("inline;")  # opens in the browser
    expect(page).to_have_url(url)  # the browser shows the document itself
    # What Chromium hands back as that navigation's body is its PDF viewer's page: the document's
    # bytes are asked for again with the same session, as the viewer's "download" button does.
    again = page.context.request.get(url)
    assert again.ok and again.headers["content-type"] == "application/pdf"
    pdf = again.body()
    assert pdf.startswith(b"%PDF-")
    source = tmp_path / f"{name}.pdf"
    source.write_bytes(pdf)
    subprocess.run(  # noqa: S603 - fixed programs on our own file
        ["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", "-singlefile", source, tmp_path / name],
        check=True,
    )
    text = subprocess.run(  # noqa: S603
        ["pdftotext", "-enc", "UTF-8", source, "-"], check=True, capture_output=True, text=True
    ).stdout
    return " ".join(text.split()), tmp_path / f"{name}.png"


def assert_drawn_with_kop(png: Path):
    """Page 1 is an A4 portrait page with ink at the top (the logo and the kop's lines), not a
    blank or a black page."""
    with Image.open(png) as image:
        gray = image.convert("L")
        assert gray.width < gray.height
        top = gray.crop((0, 0, gray.width, gray.height // 6))
        dark_at_top = sum(top.histogram()[:100])
        dark_overall = sum(gray.histogram()[:100])
        assert dark_at_top > 300, f"only {dark_at_top} dark pixels in the top sixth"
        assert dark_overall < gray.width * gray.height // 3, "the page is mostly dark"


def assert_official(text: str, *, signers, number: str | None = None):
    for line in KOP:
        assert line in text.upper(), f"{line!r} is not in the kop"
    if number is not None:
        assert number in text, f"letter number {number!r} is not in the document"
    for signer in signers:
        assert signer in text, f"{signer!r} does not sign"


def number_of(org, kind: str) -> str:
    return IssuedLetter.objects.get(organization=org, kind=kind).number


def test_a_counselor_opens_each_official_document(new_context, org, users, tmp_path):
    counselor = users["counselor"]
    case = data.school_case(org, users)
    referral = data.referral(case, counselor)
    data.home_visit(case, counselor)
    data.case_conference(case, counselor)
    data.jurnal_month(case, counselor)

    page = new_context().new_page()
    sign_in(page, "counselor", totp=True)
    goto(page, f"/o/{org.slug}/cases/")
    page.locator("main a", has_text=case.person.full_name).first.click()
    case_page = f"/o/{org.slug}/cases/{case.pk}/"
    expect(page).to_have_url(path_re(case_page))

    # The referral letter, from the referral's page.
    page.locator("#case-referrals a", has_text=data.PARTNER).click()
    expect(page).to_have_url(path_re(f"/o/{org.slug}/referrals/{referral.pk}/"))
    text, png = open_pdf(page, page.locator("#referral-letter"), tmp_path, "referral")
    assert_official(text, signers=STAFF_SIGNERS + PRINCIPAL_SIGNER, number=number_of(org, "referral"))
    assert data.PARTNER in text
    assert_drawn_with_kop(png)

    # The home visit's berita acara.
    goto(page, case_page)
    text, png = open_pdf(page, page.locator("#case-visits a", has_text="PDF").first, tmp_path, "visit")
    assert "BERITA ACARA KUNJUNGAN RUMAH" in text.upper()
    assert_official(text, signers=STAFF_SIGNERS + PRINCIPAL_SIGNER, number=number_of(org, "home_visit"))
    assert_drawn_with_kop(png)

    # The case conference's notulen: signed by its chair and its notulis.
    page.go_back()
    expect(page).to_have_url(path_re(case_page))
    text, png = open_pdf(page, page.locator("#case-conferences a", has_text="PDF"), tmp_path, "conference")
    assert "NOTULEN KONFERENSI KASUS" in text.upper()
    assert_official(text, signers=(data.PRINCIPAL, data.COUNSELOR), number=number_of(org, "conference"))
    assert_drawn_with_kop(png)

    # The jurnal report of the month, from the jurnal's "report for this month".
    goto(page, f"/o/{org.slug}/jurnal/?month=2026-12")
    page.locator("#journal-report-link").click()
    expect(page.locator("#report-pdf")).to_be_visible()
    text, png = open_pdf(page, page.locator("#report-pdf"), tmp_path, "jurnal")
    assert "LAPORAN LAYANAN BIMBINGAN DAN KONSELING" in text.upper() and "Desember 2026" in text
    assert re.search(r"memilih jurusan kuliah \(32 orang\)", text)
    assert_official(text, signers=STAFF_SIGNERS + PRINCIPAL_SIGNER)
    assert_drawn_with_kop(png)
