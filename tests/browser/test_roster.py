"""An admin imports a roster: every row is checked first, nothing is saved until it is all right."""

import re

import pytest
from playwright.sync_api import expect

from sebaya.people.models import Membership
from tests.browser.conftest import axe_problems, goto, path_re, sign_in

pytestmark = pytest.mark.browser

HEADER = "nis,nama,tanggal_lahir,jk,kelas,tingkat\n"
BAD = HEADER + (
    "R-101,Ani Lestari,2009-03-14,P,X-1,10\n"
    "R-102,Budi Santoso,31/02/2009,L,X-1,10\n"
    "R-103,Citra Dewi,05/07/2008,P,XI-2,11\n"
)
FIXED = BAD.replace("31/02/2009", "28/02/2009")
NAMES = ["Ani Lestari", "Budi Santoso", "Citra Dewi"]
IDENTIFIERS = ["R-101", "R-102", "R-103"]


def upload(page, org, path):
    """Choose the file, check it, and land on its preview."""
    form = page.locator("main form[enctype='multipart/form-data']")
    form.locator("input[type=file]").set_input_files(str(path))
    with page.expect_navigation(wait_until="domcontentloaded"):
        form.locator("button[type=submit]").click()
    expect(page).to_have_url(re.compile(rf"/o/{org.slug}/roster/[0-9a-f-]{{36}}/$"))
    expect(page.locator("h1")).to_contain_text(path.name)


def test_roster_import_shows_row_errors_then_imports_the_fixed_file(page, users, org, tmp_path):
    bad_file = tmp_path / "kelas-x.csv"
    bad_file.write_text(BAD, encoding="utf-8")
    fixed_file = tmp_path / "kelas-x-fixed.csv"
    fixed_file.write_text(FIXED, encoding="utf-8")
    problems = []

    sign_in(page, "org_admin", totp=True)
    expect(page.locator("#home-org_admin")).to_be_visible()
    with page.expect_navigation(wait_until="domcontentloaded"):
        page.locator(f"#home-org_admin a[href='/o/{org.slug}/roster/']").click()
    expect(page).to_have_url(path_re(f"/o/{org.slug}/roster/"))

    # 1. The file with one impossible date: that row is flagged, nothing can be confirmed.
    upload(page, org, bad_file)
    expect(page.locator("#roster-has-errors")).to_be_visible()
    rows = page.locator("#roster-rows tbody tr")
    expect(rows).to_have_count(3)
    bad_row = page.locator("#roster-rows tbody tr.row-error")
    expect(bad_row).to_have_count(1)
    expect(bad_row).to_contain_text("Budi Santoso")
    expect(bad_row.locator(".errorlist li")).to_contain_text("31/02/2009")
    expect(page.locator("#roster-rows tbody tr:not(.row-error)")).to_have_count(2)
    expect(page.locator("#roster-confirm")).to_have_count(0)
    problems += axe_problems(page)
    assert not Membership.objects.filter(organization=org, external_id__in=IDENTIFIERS).exists()

    # 2. The fixed file: all rows are new, confirm, done.
    goto(page, f"/o/{org.slug}/roster/")
    upload(page, org, fixed_file)
    expect(page.locator("#roster-has-errors")).to_have_count(0)
    expect(page.locator("#roster-rows tbody tr.row-error")).to_have_count(0)
    expect(page.locator("#roster-rows tbody tr")).to_have_count(3)
    confirm = page.locator("#roster-confirm")
    expect(confirm).to_be_visible()
    problems += axe_problems(page)
    with page.expect_navigation(wait_until="domcontentloaded"):
        confirm.click()
    expect(page.locator("#roster-done")).to_be_visible()
    for name in NAMES:
        expect(page.locator("main table")).to_contain_text(name)  # the temporary passwords, to print
    problems += axe_problems(page)

    # 3. They are in the people list.
    with page.expect_navigation(wait_until="domcontentloaded"):
        page.locator(f"main a[href='/o/{org.slug}/people/']").click()
    table = page.locator("main table")
    for name in NAMES:
        expect(table.get_by_role("link", name=name)).to_be_visible()
    memberships = Membership.objects.filter(organization=org, external_id__in=IDENTIFIERS)
    assert memberships.count() == 3
    budi = memberships.get(external_id="R-102").person
    assert str(budi.birth_date) == "2009-02-28"
    assert not problems, "Accessibility problems on the roster pages:\n" + "\n".join(problems)
