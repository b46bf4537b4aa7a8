"""The worker builds records files with progress, survives being killed, retries, and deletes
expired files."""

import datetime
import logging

import pytest
from django.utils import timezone

from sebaya.core import worker as core_worker
from sebaya.evaluation import records_export, records_export_build
from sebaya.evaluation.models import RecordsExport
from sebaya.evaluation.tests.records_seed import ask
from sebaya.kernel.registry import jobs as worker_jobs
from sebaya.support import services as support

LEASE = datetime.timedelta(seconds=61)


class Killed(BaseException):
    """What a SIGKILL looks like from inside: the worker stops where it is, nothing runs after."""


@pytest.fixture
def admin(users, org, student):
    support.help_request_submit(organization=org, person=student.person, topic="family")
    return users["org_admin"]


def test_the_worker_builds_the_file_and_records_its_progress(org, admin, monkeypatch):
    export = ask(org, admin)
    assert (export.status, export.progress, export.steps_total) == ("requested", 0, 0)
    assert "records_exports" in [job.name for job in worker_jobs()]
    seen = []
    step = records_export_build.collect

    def watching(**kwargs):
        on_step = kwargs.pop("on_step")

        def recording(done):
            on_step(done)
            seen.append(RecordsExport.objects.values_list("steps_done", "progress").get(pk=export.pk))

        return step(on_step=recording, **kwargs)

    monkeypatch.setattr(records_export_build, "collect", watching)
    assert core_worker.run_once(worker="w1")["records_exports"] == 1
    total = len(records_export_build.KINDS) + 1
    # The progress rose kind by kind while the file was being built…
    assert [done for done, _percent in seen] == list(range(1, total))
    assert [percent for _done, percent in seen] == sorted({percent for _done, percent in seen})
    export.refresh_from_db()
    # …and is complete once it is ready.
    assert (export.status, export.progress, export.steps_done, export.steps_total) == (
        "ready",
        100,
        total,
        total,
    )
    assert export.attempts == 1 and export.claimed_until is None and export.error == ""
    assert export.expires_at - export.ready_at == datetime.timedelta(days=records_export.EXPORT_DAYS)
    assert export.size == len(bytes(export.data)) and bytes(export.data).startswith(b"PK")  # a zip: XLSX
    assert export.counts["help_requests"] == 1
    assert core_worker.run_once(worker="w1")["records_exports"] == 0  # nothing more to do


def test_a_killed_worker_loses_nothing_its_file_is_taken_over_after_the_lease(org, admin, monkeypatch):
    calls = {"n": 0}
    alerts = records_export_build.alerts

    def dies_the_first_time(collected):
        calls["n"] += 1
        if calls["n"] == 1:
            raise Killed
        return alerts(collected)

    monkeypatch.setattr(
        records_export_build,
        "KINDS",
        [dies_the_first_time if kind is alerts else kind for kind in records_export_build.KINDS],
    )
    export = ask(org, admin)
    with pytest.raises(Killed):
        records_export.records_exports_tick(worker="killed")
    export.refresh_from_db()
    # Left mid-way, claimed, with the progress it had reached.
    assert export.status == "running" and export.claimed_by == "killed"
    assert 0 < export.steps_done < export.steps_total and export.progress > 0
    # Another worker leaves it alone while the lease holds…
    assert records_export.records_exports_tick(worker="other") == 0
    export.refresh_from_db()
    assert export.claimed_by == "killed"
    # …and takes it over once the lease has run out.
    assert records_export.records_exports_tick(worker="other", now=timezone.now() + LEASE) == 1
    export.refresh_from_db()
    assert (export.status, export.claimed_by, export.attempts, export.progress) == ("ready", "other", 2, 100)
    # Had the first worker only hung, its late writes find the export no longer its own.
    RecordsExport.objects.filter(pk=export.pk).update(status="running", claimed_by="other")
    assert records_export.records_export_build(export_id=export.pk, worker="killed") == 0


def test_a_failing_file_is_retried_then_given_up_without_content_in_the_log(org, admin, monkeypatch, caplog):
    def breaks(collected):
        raise KeyError("Siti told us about her father")  # a message that must never reach the log

    monkeypatch.setattr(records_export_build, "KINDS", [breaks])
    export = ask(org, admin)
    later = timezone.now()
    with caplog.at_level(logging.WARNING, logger="sebaya.evaluation.records_export"):
        for attempt in range(1, records_export.MAX_ATTEMPTS + 1):
            later += datetime.timedelta(hours=1)
            assert records_export.records_exports_tick(worker="w1", now=later) == 0
            export.refresh_from_db()
            assert export.attempts == attempt and export.error == "KeyError"
            assert export.status == ("failed" if attempt == records_export.MAX_ATTEMPTS else "requested")
    assert "KeyError" in caplog.text and "Siti" not in caplog.text
    # A failed file does not hold the organization back from asking again.
    assert ask(org, admin).status == "requested"


def test_a_file_whose_worker_keeps_dying_is_given_up(org, admin):
    export = ask(org, admin)
    RecordsExport.objects.filter(pk=export.pk).update(
        status="running",
        claimed_by="dead",
        attempts=records_export.MAX_ATTEMPTS,
        claimed_until=timezone.now() - datetime.timedelta(seconds=1),
    )
    assert records_export.records_exports_tick(worker="w1") == 1
    export.refresh_from_db()
    assert (export.status, export.error) == ("failed", "attempts")


def test_the_file_is_deleted_when_it_expires(org, admin):
    export = ask(org, admin)
    records_export.records_exports_tick(worker="w1")
    export.refresh_from_db()
    assert (
        records_export.records_exports_tick(
            worker="w1", now=export.expires_at - datetime.timedelta(minutes=1)
        )
        == 0
    )
    assert records_export.records_exports_tick(worker="w1", now=export.expires_at) == 1
    export.refresh_from_db()
    assert (export.status, export.deleted_at, export.data, export.expired) == (
        "deleted",
        export.expires_at,
        None,
        True,
    )
