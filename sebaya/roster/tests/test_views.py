"""The roster pages: upload, preview, confirm, discard; who may use them; the user's language."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape
from django.utils.translation import gettext

from conftest import ROLES
from sebaya.accounts.models import User
from sebaya.audit.models import AuditAction, AuditEvent
from sebaya.people.models import Membership, Person
from sebaya.roster.models import RosterImport
from sebaya.roster.services import roster_preview
from sebaya.roster.tests import bombs
from sebaya.roster.tests.helpers import csv_bytes, xlsx_bytes

pytestmark = pytest.mark.django_db

GOOD_ROWS = [["NIS", "Nama", "Kelas"], ["S-1", "Ani Wulandari", "X-1"], ["S-2", "Budi Santoso", "X-2"]]


@pytest.fixture
def admin_client(users, client_as):
    User.objects.filter(pk=users["org_admin"].pk).update(language="en")
    return client_as("org_admin")


def url(name, org="school", **kwargs):
    return reverse(name, kwargs={"org": org, **kwargs})


def upload(client, content, name="roster.csv", org="school"):
    return client.post(url("roster_upload", org), {"file": SimpleUploadedFile(name, content)})


@pytest.fixture
def ours(org, users):
    """A previewed import of our organization."""
    return roster_preview(
        organization=org, by=users["org_admin"], name="ours.csv", content=csv_bytes(GOOD_ROWS)
    )


@pytest.fixture
def theirs(other_org, users):
    """A previewed import of the other organization."""
    return roster_preview(
        organization=other_org, by=users["outsider"], name="theirs.csv", content=csv_bytes(GOOD_ROWS)
    )


# --- Upload -------------------------------------------------------------------------------------


def test_upload_page(admin_client, ours):
    response = admin_client.get(url("roster_upload"))
    assert response.status_code == 200
    assert b'enctype="multipart/form-data"' in response.content
    assert b"nama_lengkap" in response.content  # the accepted column names are listed
    assert b"ours.csv" in response.content  # earlier uploads


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_upload_redirects_to_the_preview(admin_client, org, kind):
    content = csv_bytes(GOOD_ROWS, delimiter=";", bom=True) if kind == "csv" else xlsx_bytes(GOOD_ROWS)
    response = upload(admin_client, content, name=f"kelas-x.{kind}")
    roster_import = RosterImport.objects.get()
    assert response.status_code == 302
    assert response["Location"] == url("roster_preview", roster_import=roster_import.pk)
    assert (roster_import.organization, roster_import.file_name, roster_import.new_count) == (
        org,
        f"kelas-x.{kind}",
        2,
    )
    assert not Person.objects.filter(full_name="Ani Wulandari").exists()


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("roster.csv", csv_bytes([["Nama", "Kelas"], ["Ani", "X"]]), "Missing required columns: identifier."),
        (
            "roster.csv",
            csv_bytes([["NIS", "Nama", "NISN"], ["1", "Ani", "2"]]),
            "The column “NISN” appears twice.",
        ),
        ("roster.pdf", b"%PDF-1.4", "Please upload a .csv or .xlsx file."),
        ("roster.xlsx", b"not a workbook", "This file could not be read as an Excel workbook (.xlsx)."),
        ("roster.csv", b"\r\n\r\n", "The file is empty."),
        ("roster.csv", b"", "The submitted file is empty."),
    ],
)
def test_bad_file_is_shown_again_with_the_error_and_status_400(admin_client, name, content, message):
    response = upload(admin_client, content, name=name)
    assert response.status_code == 400
    assert escape(message) in response.content.decode()
    assert not RosterImport.objects.exists()


def test_post_without_a_file_says_so(admin_client):
    response = admin_client.post(url("roster_upload"))
    assert response.status_code == 400
    assert "This field is required." in response.content.decode()


def test_too_many_rows(admin_client, settings):
    settings.ROSTER_MAX_ROWS = 1
    response = upload(admin_client, csv_bytes(GOOD_ROWS))
    assert response.status_code == 400
    assert "The file has 2 rows; at most 1 can be imported at once." in response.content.decode()


def test_file_larger_than_the_limit(admin_client, settings):
    settings.ROSTER_MAX_UPLOAD_BYTES = 100
    response = upload(admin_client, csv_bytes(GOOD_ROWS * 10))
    assert response.status_code == 400
    assert "The file is larger than 100" in response.content.decode()  # the limit as set, in bytes


def test_a_file_bomb_gets_a_short_page_with_a_calm_message(admin_client):
    """The probe's 300 KB workbook holding one 300 MB cell came back as a 314 MB error page."""
    response = upload(admin_client, bombs.huge_shared_string(300), name="kelas.xlsx")
    assert response.status_code == 400
    page = response.content.decode()
    assert len(page) < 100_000
    assert escape("This file is too large once unpacked") in page
    assert "AAAAAAAA" not in page
    assert not RosterImport.objects.exists()


def test_errors_are_in_the_users_language(users, client_as, org):
    User.objects.filter(pk=users["org_admin"].pk).update(language="id")
    client = client_as("org_admin")
    with translation.override("id"):
        file_error = gettext("Missing required columns: %(missing)s. Columns found: %(found)s.") % {
            "missing": "identifier",
            "found": "Nama",
        }
        row_error = gettext("The full name is empty.")
    with translation.override("en"):
        assert file_error != "Missing required columns: identifier. Columns found: Nama."  # it is translated
    response = upload(client, csv_bytes([["Nama"], ["Ani"]]))
    assert response.status_code == 400
    assert escape(file_error) in response.content.decode()
    response = upload(client, csv_bytes([["NIS", "Nama"], ["1", ""]]))
    response = client.get(response["Location"])
    assert escape(row_error) in response.content.decode()


# --- Preview ------------------------------------------------------------------------------------


def test_preview_lists_rows_and_their_errors(admin_client):
    content = csv_bytes(
        [
            ["NIS", "Nama", "JK"],
            ["S-1", "Ani", "P"],
            ["S-2", "Budi", "X"],
            ["S-1", "Ani lagi", "P"],
            ["S-4", "Candra", ""],
        ]
    )
    preview_url = upload(admin_client, content)["Location"]
    response = admin_client.get(preview_url)
    assert response.status_code == 200
    page = response.content.decode()
    assert escape("Gender “X” is not recognised (use L or P).") in page
    assert "The identifier S-1 also appears on line 2." in page
    assert 'id="roster-has-errors"' in page
    assert 'id="roster-confirm"' not in page  # nothing to confirm while rows have errors
    assert "Candra" in page
    only_errors = admin_client.get(preview_url + "?errors=1").content.decode()
    assert "Budi" in only_errors and "Ani lagi" in only_errors
    assert "Candra" not in only_errors


def test_preview_of_a_good_file_offers_to_confirm(admin_client, ours):
    page = admin_client.get(url("roster_preview", roster_import=ours.pk)).content.decode()
    assert 'id="roster-confirm"' in page
    assert "Import all 2 rows" in page
    assert "Ani Wulandari" in page


# --- Confirm and discard ---------------------------------------------------------------------------


def test_confirm_imports_and_shows_the_passwords_once(admin_client, org, ours):
    response = admin_client.post(url("roster_confirm", roster_import=ours.pk), {"make_passwords": "on"})
    assert response.status_code == 200
    page = response.content.decode()
    assert 'id="roster-done"' in page
    assert "2 people added and 0 updated." in page
    ours.refresh_from_db()
    assert (ours.status, ours.rows) == ("applied", [])
    assert Membership.objects.filter(organization=org, external_id__in=["S-1", "S-2"]).count() == 2
    users = User.objects.filter(username__in=["s-1", "s-2"])
    assert all(user.must_change_password for user in users)
    passwords = [code.split("</code>")[0] for code in page.split("<code>")[1:]]
    assert len(passwords) == 2
    for user in users:  # each printed password opens its own account
        assert [p for p in passwords if user.check_password(p)] != []
    # Shown once: no other page holds them.
    for page_url in (url("roster_upload"), url("roster_preview", roster_import=ours.pk)):
        other = admin_client.get(page_url).content.decode()
        assert not any(p in other for p in passwords)
    assert "no-store" in response["Cache-Control"]
    event = AuditEvent.objects.get(action=AuditAction.ROSTER_IMPORTED)
    assert event.detail["new"] == 2


def test_confirm_without_passwords(admin_client, ours):
    response = admin_client.post(url("roster_confirm", roster_import=ours.pk), {})
    assert response.status_code == 200
    assert "<code>" not in response.content.decode()
    assert not User.objects.get(username="s-1").has_usable_password()


def test_confirm_is_refused_while_rows_have_errors(admin_client, org):
    preview_url = upload(admin_client, csv_bytes([["NIS", "Nama"], ["S-1", "Ani"], ["S-2", ""]]))["Location"]
    roster_import = RosterImport.objects.get()
    response = admin_client.post(
        url("roster_confirm", roster_import=roster_import.pk), {"make_passwords": "on"}
    )
    assert response.status_code == 302
    assert response["Location"] == preview_url
    assert not Person.objects.filter(full_name="Ani").exists()
    roster_import.refresh_from_db()
    assert roster_import.status == "preview"
    page = admin_client.get(preview_url).content.decode()
    assert "Fix the rows with errors in your file and upload it again. Nothing was imported." in page


def test_confirm_after_the_data_changed_imports_nothing(admin_client, ours):
    User.objects.create_user(username="S-2")
    response = admin_client.post(url("roster_confirm", roster_import=ours.pk), {}, follow=True)
    assert response.redirect_chain == [(url("roster_preview", roster_import=ours.pk), 302)]
    assert "Some rows are no longer valid. Nothing was imported; please upload the file again." in (
        response.content.decode()
    )
    assert not Person.objects.filter(full_name__in=["Ani Wulandari", "Budi Santoso"]).exists()
    ours.refresh_from_db()
    assert ours.status == "preview"


def test_confirm_twice(admin_client, ours):
    admin_client.post(url("roster_confirm", roster_import=ours.pk), {})
    response = admin_client.post(url("roster_confirm", roster_import=ours.pk), {}, follow=True)
    assert "This import was already confirmed or discarded." in response.content.decode()
    assert Person.objects.filter(full_name="Ani Wulandari").count() == 1


def test_discard(admin_client, ours):
    response = admin_client.post(url("roster_discard", roster_import=ours.pk), follow=True)
    assert response.redirect_chain == [(url("roster_upload"), 302)]
    assert "The upload was discarded. Nothing was imported." in response.content.decode()
    ours.refresh_from_db()
    assert (ours.status, ours.rows) == ("discarded", [])
    response = admin_client.post(url("roster_confirm", roster_import=ours.pk), {}, follow=True)
    assert "This import was already confirmed or discarded." in response.content.decode()
    assert not Person.objects.filter(full_name="Ani Wulandari").exists()


def test_discard_after_import_does_not_claim_nothing_was_imported(admin_client, ours):
    admin_client.post(url("roster_confirm", roster_import=ours.pk), {})
    response = admin_client.post(url("roster_discard", roster_import=ours.pk), follow=True)
    page = response.content.decode()
    assert "Nothing was imported" not in page
    assert "This import was already confirmed or discarded." in page
    ours.refresh_from_db()
    assert ours.status == "applied"


@pytest.mark.parametrize("name", ["roster_confirm", "roster_discard"])
def test_get_on_confirm_and_discard_is_not_allowed(admin_client, ours, name):
    assert admin_client.get(url(name, roster_import=ours.pk)).status_code == 405
    ours.refresh_from_db()
    assert ours.status == "preview"


def test_post_on_preview_is_not_allowed(admin_client, ours):
    assert admin_client.post(url("roster_preview", roster_import=ours.pk)).status_code == 405


# --- Who may import ---------------------------------------------------------------------------------


def every_request(roster_import_pk, org="school"):
    return [
        ("get", url("roster_upload", org), None),
        ("post", url("roster_upload", org), {"file": SimpleUploadedFile("r.csv", csv_bytes(GOOD_ROWS))}),
        ("get", url("roster_preview", org, roster_import=roster_import_pk), None),
        ("post", url("roster_confirm", org, roster_import=roster_import_pk), {"make_passwords": "on"}),
        ("post", url("roster_discard", org, roster_import=roster_import_pk), None),
    ]


def call(client, method, path, data):
    if data and "file" in data:
        data["file"].seek(0)
    return getattr(client, method)(path, data or {})


def assert_untouched(roster_import, imports=1):
    roster_import.refresh_from_db()
    assert roster_import.status == "preview"
    assert len(roster_import.rows) == 2
    assert RosterImport.objects.count() == imports
    assert not Person.objects.filter(full_name="Ani Wulandari").exists()


@pytest.mark.parametrize("role", [role for role in ROLES if role != "org_admin"])
def test_other_roles_are_forbidden(client_as, ours, theirs, role):
    client = client_as(role)
    for method, path, data in every_request(ours.pk):
        assert call(client, method, path, data).status_code == 403, (role, path)
    assert_untouched(ours, imports=2)


def test_another_organizations_import_through_our_url_is_not_found(admin_client, ours, theirs):
    for method, path, data in every_request(theirs.pk)[2:]:
        assert call(admin_client, method, path, data).status_code == 404, path
    assert_untouched(theirs, imports=2)


@pytest.mark.parametrize("role", ["counselor", "member"])
def test_another_organizations_import_is_not_found_for_other_roles_either(client_as, theirs, role):
    for method, path, data in every_request(theirs.pk)[2:]:
        assert call(client_as(role), method, path, data).status_code == 404, path


def test_the_other_organizations_admin_on_our_url_is_not_found(client_as, ours):
    client = client_as("outsider")
    for method, path, data in every_request(ours.pk):
        assert call(client, method, path, data).status_code == 404, path
    assert_untouched(ours)


def test_the_other_organizations_admin_cannot_reach_our_import_from_their_organization(client_as, ours):
    client = client_as("outsider")
    for method, path, data in every_request(ours.pk, org="other")[2:]:
        assert call(client, method, path, data).status_code == 404, path
    assert_untouched(ours)


def test_network_viewer_is_not_found(client_as, ours):
    for method, path, data in every_request(ours.pk):
        assert call(client_as("network_viewer"), method, path, data).status_code == 404, path
    assert_untouched(ours)


def test_anonymous_is_sent_to_sign_in(client_as, ours):
    client = client_as("anonymous")
    login = reverse("account_login")
    for method, path, data in every_request(ours.pk):
        response = call(client, method, path, data)
        assert response.status_code == 302, path
        assert response["Location"].startswith(f"{login}?next="), path
    assert_untouched(ours)


def test_a_printed_password_signs_in_through_the_sign_in_page_and_must_be_changed(admin_client, ours):
    page = admin_client.post(
        url("roster_confirm", roster_import=ours.pk), {"make_passwords": "on"}
    ).content.decode()
    row = next(line for line in page.split("<tr>") if "Ani Wulandari" in line)
    password = row.split("<code>")[1].split("</code>")[0]
    student = Client()
    response = student.post(reverse("account_login"), {"login": "S-1", "password": password})
    assert response.status_code == 302
    assert student.get(reverse("home")).url == reverse("account_change_password")
    assert Client().post(reverse("account_login"), {"login": "s-1", "password": "wrong"}).status_code == 200
