"""The printed program report as a coordinator makes it: on the evaluation page they choose the
period, open the printed report's box, write their notes under "Catatan koordinator" and press
"Cetak laporan (PDF)". The PDF the browser receives is checked for its type, drawn (page 1 has
the kop at the top) and read back (title, period, notes, the outcomes' caution, the principal's
and the coordinator's signatures).

The form posts (the notes stay out of the URL) and the PDF is served inline, so Chromium shows it
in its viewer: the test checks the response the navigation received, then posts the same form
again with the browser's session to read the bytes (as tests/browser/test_documents.py does).
"""

import subprocess
from urllib.parse import urljoin

import pytest
from playwright.sync_api import expect

from sebaya.evaluation.tests import report_data as data
from tests.browser.conftest import goto, path_re, sign_in
from tests.browser.test_documents import assert_drawn_with_kop

pytestmark = pytest.mark.browser


def test_a_coordinator_writes_notes_and_prints_the_semester_report(new_context, org, users, tmp_path):
    period = data.last_years_odd_semester()
    data.school(org, users)
    data.measured(org, period)

    page = new_context().new_page()
    sign_in(page, "coordinator", totp=True)
    dashboard = f"/o/{org.slug}/evaluasi/"
    goto(page, dashboard)
    filters = page.locator("#evaluation-filters")
    filters.locator("select[name=periode]").select_option(period.code)
    with page.expect_navigation(wait_until="domcontentloaded"):
        filters.locator("button[type=submit]").click()
    expect(page).to_have_url(path_re(dashboard))

    page.locator("#evaluation-report-box > summary").click()  # folded away until asked for
    report = page.locator("#evaluation-report")
    expect(report).to_be_visible()
    expect(report.locator("input[name=periode]")).to_have_value(period.code)  # the page's choice
    report.get_by_label("Catatan koordinator").fill(data.NARRATIVE)
    fields = {
        name: report.locator(f"input[name={name}]").input_value()
        for name in ("csrfmiddlewaretoken", "periode", "kelas", "gender", "layanan")
    }
    url = urljoin(page.url, report.get_attribute("action"))
    with page.expect_response(lambda response: response.url == url) as received:
        report.get_by_role("button", name="Cetak laporan (PDF)").click()
    response = received.value
    assert response.status == 200, response.status
    assert response.headers["content-type"] == "application/pdf"
    assert response.headers["content-disposition"].startswith("inline;")

    again = page.context.request.post(url, form={**fields, "catatan": data.NARRATIVE})
    assert again.ok and again.headers["content-type"] == "application/pdf"
    source = tmp_path / "laporan.pdf"
    source.write_bytes(again.body())
    subprocess.run(  # noqa: S603 - fixed programs on our own file
        ["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", "-singlefile", source, tmp_path / "laporan"],
        check=True,
    )
    assert_drawn_with_kop(tmp_path / "laporan.png")
    text = " ".join(
        subprocess.run(  # noqa: S603
            ["pdftotext", "-enc", "UTF-8", source, "-"], check=True, capture_output=True, text=True
        ).stdout.split()
    )
    assert "LAPORAN SEMESTER PROGRAM LAYANAN" in text and data.SCHOOL.upper() in text
    assert f"Semester ganjil {period.school_year}" in text
    for paragraph in data.NARRATIVE_PARAGRAPHS:
        assert paragraph in text, paragraph
    assert "bukan bukti bahwa layanan yang menyebabkannya" in text
    assert "Mengetahui," in text and data.PRINCIPAL in text and f"NIP. {data.PRINCIPAL_NIP}" in text
    assert "Koordinator Program" in text and data.COORDINATOR in text
