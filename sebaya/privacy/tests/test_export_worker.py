"""The worker prepares exports with progress, survives being killed, retries, and deletes expired files."""

import datetime
import logging

import pytest
from django.utils import timezone

import sebaya.privacy.export_sections as registry
from sebaya.core import worker as core_worker
from sebaya.kernel.personal_data import Section
from sebaya.kernel.registry import jobs as worker_jobs
from sebaya.privacy import exports
from sebaya.privacy.models import DataExport

LEASE = datetime.timedelta(seconds=61)


class Killed(BaseException):
    """What a SIGKILL looks like from inside: the worker stops where it is, nothing runs after."""


SEEN = {"calls": 0}


def dies_the_first_time(*, person, organization):
    SEEN["calls"] += 1
    if SEEN["calls"] == 1:
        raise Killed
    return ["fine"]


def always_breaks(*, person, organization):
    raise KeyError("Siti told us about her father")  # a message that must never reach the log


@pytest.fixture
def extra_section(monkeypatch):
    def add(collect):
        section = Section(key="extra", title="Extra", collect=collect, labels={})
        monkeypatch.setattr(registry, "SECTIONS", [*registry.SECTIONS, f"{__name__}.EXTRA"])
        monkeypatch.setitem(globals(), "EXTRA", section)
        registry.sections.cache_clear()

    SEEN["calls"] = 0
    yield add
    registry.sections.cache_clear()


@pytest.fixture
def membership(org, users):
    return users["member"].person.memberships.get(organization=org)


def ask(membership, users):
    return exports.export_request(membership=membership, by=users["member"], language="id")


def test_the_worker_prepares_an_export_and_records_its_progress(org, users, membership):
    export = ask(membership, users)
    assert (export.status, export.progress) == ("requested", 0)
    assert "exports" in [job.name for job in worker_jobs()]
    done = core_worker.run_once(worker="w1")
    assert done["exports"] == 1
    export.refresh_from_db()
    steps = len(registry.sections()) + 2
    assert (export.status, export.progress, export.steps_done, export.steps_total) == (
        "ready",
        100,
        steps,
        steps,
    )
    assert export.attempts == 1 and export.claimed_until is None and export.error == ""
    assert export.expires_at - export.ready_at == datetime.timedelta(days=exports.EXPORT_DAYS)
    assert export.json_size == len(bytes(export.json_data)) and bytes(export.pdf_data).startswith(b"%PDF")
    assert core_worker.run_once(worker="w1")["exports"] == 0  # nothing more to do


def test_a_killed_worker_loses_nothing_its_export_is_taken_over_after_the_lease(
    org, users, membership, extra_section
):
    extra_section(dies_the_first_time)
    export = ask(membership, users)
    with pytest.raises(Killed):
        exports.exports_tick(worker="killed")
    export.refresh_from_db()
    # Left mid-way, claimed, with the progress it had reached.
    assert export.status == "running" and export.claimed_by == "killed"
    assert 0 < export.steps_done < export.steps_total and export.progress > 0
    # Another worker leaves it alone while the lease holds…
    assert exports.exports_tick(worker="other") == 0
    export.refresh_from_db()
    assert export.claimed_by == "killed"
    # …and takes it over once the lease has run out.
    assert exports.exports_tick(worker="other", now=timezone.now() + LEASE) == 1
    export.refresh_from_db()
    assert (export.status, export.claimed_by, export.attempts) == ("ready", "other", 2)
    assert b'"extra": [\n      "fine"\n    ]' in bytes(export.json_data)
    # Had the first worker only hung, its late writes find the export no longer its own.
    DataExport.objects.filter(pk=export.pk).update(status="running", claimed_by="other")
    assert exports.export_build(export_id=export.pk, worker="killed") == 0


def test_a_failing_export_is_retried_then_given_up_without_its_content_in_the_log(
    org, users, membership, extra_section, caplog
):
    extra_section(always_breaks)
    export = ask(membership, users)
    later = timezone.now()
    with caplog.at_level(logging.WARNING, logger="sebaya.privacy.exports"):
        for attempt in range(1, exports.MAX_ATTEMPTS + 1):
            later += datetime.timedelta(hours=1)
            assert exports.exports_tick(worker="w1", now=later) == 0
            export.refresh_from_db()
            assert export.attempts == attempt and export.error == "KeyError"
            expected = "failed" if attempt == exports.MAX_ATTEMPTS else "requested"
            assert export.status == expected
    assert exports.exports_tick(worker="w1", now=later + datetime.timedelta(hours=1)) == 0
    assert "KeyError" in caplog.text and "Siti" not in caplog.text and "father" not in caplog.text
    # A failed export does not hold the person back from asking again.
    assert exports.next_request_at(membership=membership) is None


def test_an_export_whose_worker_keeps_dying_is_given_up(org, users, membership):
    export = ask(membership, users)
    DataExport.objects.filter(pk=export.pk).update(
        status="running",
        claimed_by="dead",
        attempts=exports.MAX_ATTEMPTS,
        claimed_until=timezone.now() - datetime.timedelta(seconds=1),
    )
    assert exports.exports_tick(worker="w1") == 1
    export.refresh_from_db()
    assert (export.status, export.error) == ("failed", "attempts")


def test_the_files_are_deleted_when_they_expire(org, users, membership):
    export = ask(membership, users)
    exports.exports_tick(worker="w1")
    export.refresh_from_db()
    assert exports.exports_tick(worker="w1", now=export.expires_at - datetime.timedelta(minutes=1)) == 0
    assert exports.exports_tick(worker="w1", now=export.expires_at) == 1
    export.refresh_from_db()
    assert export.status == "deleted" and export.deleted_at == export.expires_at
    assert export.json_data is None and export.pdf_data is None
