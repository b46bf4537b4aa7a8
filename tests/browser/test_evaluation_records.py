"""The de-identified records export in a browser: an admin asks for a file with a reason, watches it
being prepared (htmx polling, no reload) while the worker runs, and downloads the spreadsheet; a
request without a reason is refused on the page; the pages pass the accessibility checks."""

import io
from pathlib import Path

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from sebaya.audit.models import AuditAction, AuditEvent
from sebaya.evaluation.models import RecordsExport
from sebaya.evaluation.records_export import records_exports_tick
from sebaya.support import services as support
from tests.browser.conftest import axe_problems, goto, sign_in

pytestmark = pytest.mark.browser


def test_an_admin_asks_for_the_records_watches_the_progress_and_downloads_them(
    new_context, org, users, student
):
    support.help_request_submit(organization=org, person=student.person, topic="family", details="Di rumah")
    page = new_context().new_page()
    sign_in(page, "org_admin", totp=True)
    goto(page, f"/o/{org.slug}/evaluasi/data-rekaman/")
    problems = axe_problems(page)

    today = timezone.localdate()
    page.locator("#id_period_start").fill(f"{today.year - 1}-01-01")
    page.locator("#id_period_end").fill(today.isoformat())
    # Without a reason, nothing starts and the page says why.
    page.locator("#records-export-request").click()
    expect(page.locator("#records-export-form .errorlist")).to_contain_text(
        "Mohon tuliskan untuk apa data ini diperlukan"
    )
    assert not RecordsExport.objects.exists()

    page.locator("#id_reason").fill("Evaluasi program oleh Universitas Contoh")
    page.locator("#records-export-request").click()
    expect(page.locator(".records-requested progress")).to_be_visible()
    expect(page.locator("#records-export-request")).to_have_count(0)  # one at a time
    problems += axe_problems(page)

    # Half-way through (as a worker records it), the page shows it by itself…
    export = RecordsExport.objects.get()
    RecordsExport.objects.filter(pk=export.pk).update(steps_done=4, steps_total=9, progress=44)
    expect(page.locator(f"#records-progress-{export.pk}")).to_have_attribute("value", "44")
    # …and once the worker has built the file, the download link appears, no reload needed.
    assert records_exports_tick(worker="browser-test") == 1
    expect(page.locator(".records-ready")).to_be_visible()
    problems += axe_problems(page)

    with page.expect_download() as download:
        page.locator("#records-download-1").click()
    assert download.value.suggested_filename.endswith(".xlsx")
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(Path(download.value.path()).read_bytes()))
    assert book.sheetnames[0] == "BACA SAYA"
    assert [row[4] for row in book["Permintaan bantuan"].iter_rows(values_only=True)][1:] == ["Keluarga"]
    assert AuditEvent.objects.filter(action=AuditAction.RECORDS_EXPORT_DOWNLOADED).count() == 1

    # Deleted early: the link answers a page that says so.
    page.locator("#records-delete-1").click()
    expect(page.locator(".records-deleted")).to_be_visible()
    goto(page, f"/o/{org.slug}/evaluasi/data-rekaman/{export.pk}/unduh/")
    expect(page.locator("#records-gone-why")).to_contain_text("dihapus")
    problems += axe_problems(page)
    assert not problems, "\n".join(problems)
