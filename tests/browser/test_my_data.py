"""My data in a browser: a member asks for a copy, watches it being prepared (htmx polling, no
reload), and downloads the PDF and the JSON; the page passes the accessibility checks."""

import json
from pathlib import Path

import pytest
from playwright.sync_api import expect

from sebaya.privacy.exports import exports_tick
from sebaya.privacy.models import DataExport
from sebaya.support import services as support
from tests.browser.conftest import axe_problems, sign_in

pytestmark = pytest.mark.browser


def test_a_member_asks_for_their_data_and_downloads_it(new_context, org, users):
    support.help_request_submit(
        organization=org, person=users["member"].person, topic="family", details="Di rumah"
    )
    page = new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True).new_page()
    sign_in(page, "member")
    page.locator("#my-data-link").click()
    problems = axe_problems(page)
    page.locator("#export-request").click()
    expect(page.locator(".export-requested progress")).to_be_visible()
    expect(page.locator("#export-request")).to_have_count(0)  # one at a time
    problems += axe_problems(page)

    # The worker prepares it; the page notices by itself (no reload).
    assert exports_tick(worker="browser-test") == 1
    expect(page.locator(".export-ready")).to_be_visible()
    expect(page.locator(".export-requested")).to_have_count(0)
    problems += axe_problems(page)

    with page.expect_download() as pdf:
        page.locator("#download-pdf-1").click()
    assert pdf.value.suggested_filename.endswith(".pdf")
    assert Path(pdf.value.path()).read_bytes().startswith(b"%PDF")
    with page.expect_download() as document:
        page.locator("#download-json-1").click()
    data = json.loads(Path(document.value.path()).read_text(encoding="utf-8"))
    assert data["sections"]["help_requests"][0]["details"] == "Di rumah"
    assert DataExport.objects.get().status == "ready"
    assert not problems, "\n".join(problems)
