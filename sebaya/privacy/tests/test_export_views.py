"""The "My data" page, downloads only by the person, and the admin's copy for a guardian."""

import datetime
import json

import pytest
from django.urls import reverse
from django.utils import timezone

from conftest import in_english
from sebaya.audit.models import AuditAction, AuditEvent
from sebaya.privacy import exports
from sebaya.privacy.models import DataExport


def my_data(org):
    return reverse("my_data", kwargs={"org": org.slug})


def download(org, export, kind="pdf"):
    return reverse("my_data_download", kwargs={"org": org.slug, "export": export.pk, "kind": kind})


@pytest.fixture
def member(client_as):
    return in_english(client_as("member"))


def test_a_member_asks_for_their_data_watches_the_progress_and_downloads_it(org, users, member):
    page = member.get(my_data(org))
    assert page.status_code == 200 and b'id="export-request"' in page.content
    response = member.post(my_data(org))
    assert response.status_code == 302
    export = DataExport.objects.get()
    assert (export.person, export.requested_by, export.purpose, export.language) == (
        users["member"].person,
        users["member"],
        "self",
        "en",
    )
    event = AuditEvent.objects.get(action=AuditAction.RECORD_CHANGED, target_id=str(export.pk))
    assert event.detail == {"export": "requested", "for": "self"}
    assert event.subject_person_id == users["member"].person_id

    # While it waits, the page and its fragment poll; a second request is refused.
    page = member.get(my_data(org)).content.decode()
    progress_url = reverse("my_data_progress", kwargs={"org": org.slug})
    assert (
        f'hx-get="{progress_url}"' in page
        and "Waiting to start" in page
        and b'id="export-request"' not in page.encode()
    )
    assert member.post(my_data(org)).status_code == 409
    assert DataExport.objects.count() == 1

    exports.exports_tick(worker="w1")
    fragment = member.get(progress_url)
    assert fragment.status_code == 200 and b"hx-get" not in fragment.content  # done: polling stops
    assert download(org, export).encode() in fragment.content

    pdf = member.get(download(org, export))
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    assert pdf["Content-Disposition"].startswith("attachment; filename=") and pdf.content.startswith(b"%PDF")
    assert "no-store" in pdf["Cache-Control"]
    document = member.get(download(org, export, "json"))
    assert document["Content-Type"] == "application/json"
    assert json.loads(document.content)["person"]["id"] == str(users["member"].person_id)
    assert member.get(download(org, export, "exe")).status_code == 404
    downloads = AuditEvent.objects.filter(action=AuditAction.RECORD_VIEWED, target_id=str(export.pk))
    assert sorted(e.detail["format"] for e in downloads) == ["json", "pdf"]

    # One new copy an hour: refused with the time, nothing written.
    refused = member.post(my_data(org))
    assert refused.status_code == 429 and b"You can ask for a new copy from" in refused.content
    assert DataExport.objects.count() == 1


def test_nobody_else_can_download_a_persons_export_not_even_staff(org, users, client_as, member):
    member.post(my_data(org))
    exports.exports_tick(worker="w1")
    export = DataExport.objects.get()
    for kind in ["counselor", "coordinator", "org_admin", "peer_supporter", "partner", "field_worker"]:
        client = client_as(kind)
        assert client.get(download(org, export)).status_code == 404, kind
        assert (
            client.post(reverse("my_data_delete", kwargs={"org": org.slug, "export": export.pk})).status_code
            == 404
        )
        # Nor through the admin's path: that one reaches only copies made for a guardian.
        admin_url = reverse(
            "person_export_download",
            kwargs={"org": org.slug, "person": users["member"].person_id, "export": export.pk, "kind": "pdf"},
        )
        assert client.get(admin_url).status_code == (404 if kind == "org_admin" else 403), kind
    assert client_as("outsider").get(download(org, export)).status_code == 404
    assert member.get(download(org, export)).status_code == 200


def test_the_person_deletes_the_files_early(org, users, member):
    member.post(my_data(org))
    exports.exports_tick(worker="w1")
    export = DataExport.objects.get()
    response = member.post(reverse("my_data_delete", kwargs={"org": org.slug, "export": export.pk}))
    assert response.status_code == 302
    export.refresh_from_db()
    assert export.status == "deleted" and export.pdf_data is None and export.json_data is None
    assert member.get(download(org, export)).status_code == 404
    assert AuditEvent.objects.filter(target_id=str(export.pk), detail__export="deleted").count() == 1


def test_an_hour_later_the_person_may_ask_again(org, users, member):
    member.post(my_data(org))
    exports.exports_tick(worker="w1")
    DataExport.objects.update(created_at=timezone.now() - datetime.timedelta(minutes=61))
    assert member.post(my_data(org)).status_code == 302
    assert DataExport.objects.count() == 2


def person_export(org, person):
    return reverse("person_export", kwargs={"org": org.slug, "person": person.pk})


def test_an_admin_prepares_a_copy_for_a_guardian_audited_and_the_person_sees_it(
    org, users, client_as, member
):
    admin = in_english(client_as("org_admin"))
    person = users["member"].person
    page = admin.get(person_export(org, person))
    assert page.status_code == 200 and b"Check with their counselor" in page.content
    # The safety check and a reference are required; nothing is written without them.
    refused = admin.post(person_export(org, person), {"reference": "Letter 12/2026", "language": "id"})
    assert refused.status_code == 400 and not DataExport.objects.exists()
    assert (
        admin.post(
            person_export(org, person), {"reference": "  ", "language": "id", "checked": "on"}
        ).status_code
        == 400
    )
    response = admin.post(
        person_export(org, person),
        {"reference": "Letter 12/2026 from the father", "language": "id", "checked": "on"},
    )
    assert response.status_code == 302
    export = DataExport.objects.get()
    assert (export.purpose, export.reference, export.language, export.requested_by) == (
        "guardian",
        "Letter 12/2026 from the father",
        "id",
        users["org_admin"],
    )
    requested = AuditEvent.objects.get(action=AuditAction.RECORD_CHANGED, target_id=str(export.pk))
    assert requested.detail == {"export": "requested", "for": "guardian"}  # codes only, no reference text
    assert requested.subject_person_id == person.pk and requested.actor == users["org_admin"]

    exports.exports_tick(worker="w1")
    url = reverse(
        "person_export_download",
        kwargs={"org": org.slug, "person": person.pk, "export": export.pk, "kind": "pdf"},
    )
    pdf = admin.get(url)
    assert pdf.status_code == 200 and pdf["Content-Disposition"].startswith("attachment")
    downloaded = AuditEvent.objects.get(action=AuditAction.RECORD_VIEWED, target_id=str(export.pk))
    assert downloaded.detail == {"export": "downloaded", "format": "pdf", "for": "guardian"}
    assert downloaded.actor == users["org_admin"]

    # The person is told that a copy was made for their guardian, but cannot take or delete it.
    page = member.get(my_data(org)).content.decode()
    assert "prepared a copy of your data for your parent or guardian" in page
    assert "Letter 12/2026" not in page
    assert member.get(download(org, export)).status_code == 404
    assert (
        member.post(reverse("my_data_delete", kwargs={"org": org.slug, "export": export.pk})).status_code
        == 404
    )
    # Other staff never reach it.
    assert client_as("counselor").get(url).status_code == 403


def test_one_copy_in_progress_at_a_time_per_person(org, users, client_as, member):
    admin = client_as("org_admin")
    person = users["member"].person
    member.post(my_data(org))
    busy = admin.post(person_export(org, person), {"reference": "Letter", "language": "id", "checked": "on"})
    assert busy.status_code == 409 and DataExport.objects.count() == 1


def test_the_member_home_and_the_account_page_lead_to_my_data(org, users, member):
    assert my_data(org).encode() in member.get(reverse("org_home", kwargs={"org": org.slug})).content
    assert my_data(org).encode() in member.get(reverse("account")).content


def test_the_admin_finds_the_guardian_copy_on_the_person_page(org, users, client_as):
    admin = client_as("org_admin")
    person = users["member"].person
    page = admin.get(reverse("person_detail", kwargs={"org": org.slug, "person": person.pk}))
    assert person_export(org, person).encode() in page.content
    counselor_page = client_as("counselor").get(
        reverse("person_detail", kwargs={"org": org.slug, "person": person.pk})
    )
    assert person_export(org, person).encode() not in counselor_page.content


def test_a_guardian_copy_that_failed_is_not_announced_to_the_person(org, users, member):
    DataExport.objects.create(
        organization=org,
        person=users["member"].person,
        requested_by=users["org_admin"],
        purpose="guardian",
        status=DataExport.Status.FAILED,
    )
    page = member.get(my_data(org)).content.decode()
    assert "prepared a copy of your data for your parent or guardian" not in page
