"""The records export pages: who reaches them, bad input, the progress, downloads, deleting, and
the audit trail."""

import datetime

import pytest
from django.urls import reverse

from conftest import in_english, make_person
from sebaya.audit.models import AuditAction, AuditEvent
from sebaya.evaluation import records_export
from sebaya.evaluation.models import RecordsExport
from sebaya.evaluation.tests.records_seed import REASON, ask, build
from sebaya.people.models import Role


def page(org):
    return reverse("records_export", kwargs={"org": org.slug})


def file_url(export, name="records_export_download"):
    return reverse(name, kwargs={"org": export.organization.slug, "export": export.pk})


def form(start="2026-01-01", end="2026-06-30", reason=REASON, language="id"):
    return {"period_start": start, "period_end": end, "reason": reason, "language": language}


def test_only_the_admin_opens_the_page_and_another_organization_answers_404(client_as, org, other_org):
    assert client_as("org_admin").get(page(org)).status_code == 200
    for kind in ("coordinator", "counselor", "member"):
        assert client_as(kind).get(page(org)).status_code == 403, kind
    assert client_as("org_admin").get(page(other_org)).status_code == 404
    assert client_as("outsider").get(page(org)).status_code == 404


def test_asking_writes_the_request_and_audits_it_with_the_reason(client_as, org, users):
    response = client_as("org_admin").post(page(org), form(reason="  Evaluasi   program oleh UGM  "))
    assert response.status_code == 302
    export = RecordsExport.objects.get()
    assert (export.period_start, export.period_end, export.reason, export.status) == (
        datetime.date(2026, 1, 1),
        datetime.date(2026, 6, 30),
        "Evaluasi program oleh UGM",
        "requested",
    )
    event = AuditEvent.objects.get(action=AuditAction.RECORDS_EXPORT_REQUESTED)
    assert (
        event.actor == users["org_admin"] and event.organization == org and event.target_id == str(export.pk)
    )
    assert event.detail == {"reason": "Evaluasi program oleh UGM", "from": "2026-01-01", "to": "2026-06-30"}
    followed = client_as("org_admin").get(page(org))
    assert b'hx-trigger="every 3s"' in followed.content and b"<progress" in followed.content
    assert "records-export-form" not in followed.content.decode()  # one at a time


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (form(reason=""), "Mohon tuliskan untuk apa data ini diperlukan."),
        (form(reason="   riset  "), "paling sedikit 10 karakter"),
        (form(start="2026-06-30", end="2026-01-01"), "Akhir periode jatuh sebelum awalnya."),
        (form(start="2023-01-01", end="2026-01-01"), "paling lambat berakhir 31 Desember 2025"),
        (form(start="kemarin"), "tanggal"),
    ],
)
def test_bad_input_is_refused_clearly_and_writes_nothing(client_as, org, data, message):
    response = client_as("org_admin").post(page(org), data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not RecordsExport.objects.exists()
    assert not AuditEvent.objects.filter(action=AuditAction.RECORDS_EXPORT_REQUESTED).exists()


def test_three_years_to_the_day_is_the_longest_period(client_as, org):
    response = client_as("org_admin").post(page(org), form(start="2023-01-01", end="2025-12-31"))
    assert response.status_code == 302
    with pytest.raises(records_export.RecordsExportRefused):
        records_export.check_request(
            period_start=datetime.date(2024, 2, 29), period_end=datetime.date(2027, 3, 1), reason=REASON
        )


def test_errors_are_in_english_for_an_english_reader(client_as, org):
    response = in_english(client_as("org_admin")).post(page(org), form(start="2026-06-30", end="2026-01-01"))
    assert "The end of the period comes before its start." in response.content.decode()


def test_a_second_request_waits_for_the_first(client_as, org, users):
    ask(org, users["org_admin"])
    response = client_as("org_admin").post(page(org), form())
    assert response.status_code == 409
    assert "sedang disiapkan" in response.content.decode()
    assert RecordsExport.objects.count() == 1


def test_the_progress_fragment_polls_while_the_file_is_prepared_and_stops_when_ready(client_as, org, users):
    export = ask(org, users["org_admin"])
    RecordsExport.objects.filter(pk=export.pk).update(
        status="running", steps_done=3, steps_total=9, progress=33
    )
    fragment = client_as("org_admin").get(reverse("records_export_progress", kwargs={"org": org.slug}))
    content = fragment.content.decode()
    assert 'hx-trigger="every 3s"' in content and 'value="33"' in content and "langkah 3 dari 9" in content
    RecordsExport.objects.filter(pk=export.pk).update(status="requested")
    records_export.records_exports_tick(worker="w1")
    content = (
        client_as("org_admin")
        .get(reverse("records_export_progress", kwargs={"org": org.slug}))
        .content.decode()
    )
    assert "hx-trigger" not in content and file_url(export) in content


def test_the_admin_who_asked_downloads_and_the_download_is_audited(client_as, org, users):
    export = build(org, users["org_admin"])
    response = client_as("org_admin").get(file_url(export))
    assert response.status_code == 200
    assert response["Content-Type"] == records_export.XLSX_TYPE
    assert "no-store" in response["Cache-Control"]
    assert f'filename="sebaya-{org.slug}-data-rekaman-' in response["Content-Disposition"]
    assert response.content == bytes(export.data)
    event = AuditEvent.objects.get(action=AuditAction.RECORDS_EXPORT_DOWNLOADED)
    assert event.actor == users["org_admin"] and event.target_id == str(export.pk)


def test_another_admin_sees_the_file_but_cannot_download_it(client, org, users):
    export = build(org, users["org_admin"])
    _membership, second = make_person(org, "ADM-2", roles=[Role.ORG_ADMIN], username="admin2")
    client.force_login(second)
    listing = client.get(page(org)).content.decode()
    assert REASON in listing and file_url(export) not in listing
    assert client.get(file_url(export)).status_code == 404
    assert not AuditEvent.objects.filter(action=AuditAction.RECORDS_EXPORT_DOWNLOADED).exists()


def test_another_organizations_file_answers_404(client_as, org, other_org, users):
    theirs = build(other_org, users["outsider"])
    for name in ("records_export_download", "records_export_delete"):
        url = reverse(name, kwargs={"org": org.slug, "export": theirs.pk})
        client = client_as("org_admin")
        response = client.post(url) if name.endswith("delete") else client.get(url)
        assert response.status_code == 404
    theirs.refresh_from_db()
    assert theirs.status == "ready"


def test_an_expired_or_deleted_file_answers_a_clear_page(client_as, org, users):
    export = build(org, users["org_admin"])
    records_export.records_exports_tick(worker="w1", now=export.expires_at)
    response = client_as("org_admin").get(file_url(export))
    assert response.status_code == 410
    assert "kedaluwarsa dan dihapus" in response.content.decode()

    second = build(org, users["org_admin"])
    response = client_as("org_admin").post(file_url(second, "records_export_delete"))
    assert response.status_code == 302
    second.refresh_from_db()
    assert (second.status, second.data, second.deleted_by) == ("deleted", None, users["org_admin"])
    event = AuditEvent.objects.get(action=AuditAction.RECORDS_EXPORT_DELETED)
    assert event.target_id == str(second.pk)
    response = client_as("org_admin").get(file_url(second))
    assert response.status_code == 410 and "Berkas ini dihapus pada" in response.content.decode()
    # Deleting again is not an error, and writes nothing more.
    client_as("org_admin").post(file_url(second, "records_export_delete"))
    assert AuditEvent.objects.filter(action=AuditAction.RECORDS_EXPORT_DELETED).count() == 1
    page_text = client_as("org_admin").get(page(org)).content.decode()
    assert "Kedaluwarsa dan dihapus" in page_text and "Dihapus pada" in page_text


def test_a_file_still_in_the_making_answers_a_page_not_an_error(client_as, org, users):
    export = ask(org, users["org_admin"])
    response = client_as("org_admin").get(file_url(export))
    assert response.status_code == 410 and "masih disiapkan" in response.content.decode()
    assert not AuditEvent.objects.filter(action=AuditAction.RECORDS_EXPORT_DOWNLOADED).exists()
