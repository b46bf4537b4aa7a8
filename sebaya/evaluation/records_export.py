"""The de-identified record-level export: asking, the worker that builds it, downloading, expiry.

* `records_export_request`: an organization admin asks for the records of a period and says why
  the data is needed. One export in progress per organization (also a database constraint). The
  request is audited with the reason and the period.
* `records_exports_tick`, the worker's job (`evaluation.jobs`): deletes expired files, then claims
  one requested export with a lease (`kernel.leases.claim_file_job`), collects each kind of record
  (`records_export_build`), writes the workbook (`records_export_workbook`) and stores it for
  `EXPORT_DAYS` days. Each step renews the lease and records the progress; a worker killed mid-way
  leaves the row claimed until its lease runs out, and the next worker starts it again from the
  beginning (with new codes and offsets: nothing of a half-built file is kept). A failing export
  is tried `MAX_ATTEMPTS` times.
* `records_export_file`: the bytes of a ready file, for the admin who asked; every download is
  audited.
* `records_export_delete`: any admin of the organization deletes the file early; audited.
"""

from __future__ import annotations

import datetime
import logging
import zoneinfo

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone, translation

from sebaya.audit.models import AuditAction
from sebaya.audit.services import record
from sebaya.evaluation import records_export_build as build
from sebaya.evaluation import records_export_workbook as workbook
from sebaya.evaluation.models import RecordsExport
from sebaya.kernel.leases import claim_file_job
from sebaya.kernel.spreadsheets import XLSX_TYPE

logger = logging.getLogger(__name__)

EXPORT_DAYS = 7
MAX_ATTEMPTS = 3
MAX_YEARS = 3  # the longest period one file may cover
MIN_REASON = 10  # characters: a few words, not "x"
LANGUAGES = ("id", "en")


class RecordsExportRefused(Exception):
    """A new export cannot start; `code` says why (the page turns it into words)."""

    def __init__(self, code: str):
        super().__init__(code)
        self.code = code


def period_end_limit(start: datetime.date) -> datetime.date:
    """The last day a period starting on `start` may end on: the day before the same date
    `MAX_YEARS` years later (29 February counts from 1 March)."""
    try:
        later = start.replace(year=start.year + MAX_YEARS)
    except ValueError:
        later = datetime.date(start.year + MAX_YEARS, 3, 1)
    return later - datetime.timedelta(days=1)


def clean_reason(reason: str) -> str:
    return " ".join((reason or "").split())


def check_request(*, period_start, period_end, reason: str) -> None:
    """Raise `RecordsExportRefused` for input no export may be built from (the form checks the
    same, field by field, to say it next to the field)."""
    if not period_start or not period_end:
        raise RecordsExportRefused("period_missing")
    if period_end < period_start:
        raise RecordsExportRefused("period_order")
    if period_end > period_end_limit(period_start):
        raise RecordsExportRefused("period_too_long")
    if len(clean_reason(reason)) < MIN_REASON:
        raise RecordsExportRefused("reason")


# --- Asking ---------------------------------------------------------------------------------------------


@transaction.atomic
def records_export_request(
    *,
    organization,
    by,
    period_start: datetime.date,
    period_end: datetime.date,
    reason: str,
    language: str,
    request=None,
) -> RecordsExport:
    """An organization admin asks for the de-identified records of a period, saying why."""
    check_request(period_start=period_start, period_end=period_end, reason=reason)
    reason = clean_reason(reason)
    if RecordsExport.objects.filter(organization=organization, status__in=RecordsExport.IN_PROGRESS).exists():
        raise RecordsExportRefused("in_progress")
    try:
        with transaction.atomic():
            export = RecordsExport.objects.create(
                organization=organization,
                requested_by=by,
                reason=reason,
                period_start=period_start,
                period_end=period_end,
                language=language if language in LANGUAGES else "id",
                next_attempt_at=timezone.now(),
            )
    except IntegrityError as error:  # two clicks at once: the constraint lets one through
        raise RecordsExportRefused("in_progress") from error
    record(
        action=AuditAction.RECORDS_EXPORT_REQUESTED,
        actor=by,
        organization=organization,
        target=export,
        request=request,
        detail={"reason": reason, "from": period_start.isoformat(), "to": period_end.isoformat()},
    )
    return export


# --- Downloading and deleting --------------------------------------------------------------------------


def filename(export: RecordsExport) -> str:
    return (
        f"sebaya-{export.organization.slug}-data-rekaman-"
        f"{export.period_start:%Y%m%d}-{export.period_end:%Y%m%d}.xlsx"
    )


def records_export_file(*, export: RecordsExport, by, request=None) -> tuple[bytes, str, str]:
    """(bytes, content type, file name) of a ready export; every download is in the audit trail.
    Raises `RecordsExport.DoesNotExist` when the file is gone (expired or deleted meanwhile)."""
    content = (
        RecordsExport.objects.filter(pk=export.pk, status=RecordsExport.Status.READY)
        .values_list("data", flat=True)
        .first()
    )
    if content is None:
        raise RecordsExport.DoesNotExist
    record(
        action=AuditAction.RECORDS_EXPORT_DOWNLOADED,
        actor=by,
        organization=export.organization,
        target=export,
        request=request,
        detail={"from": export.period_start.isoformat(), "to": export.period_end.isoformat()},
    )
    return bytes(content), XLSX_TYPE, filename(export)


@transaction.atomic
def records_export_delete(*, export: RecordsExport, by, request=None) -> bool:
    """Delete the file now. False when there was nothing to delete (already gone, still running)."""
    deleted = RecordsExport.objects.filter(pk=export.pk, status=RecordsExport.Status.READY).update(
        status=RecordsExport.Status.DELETED, data=None, deleted_at=timezone.now(), deleted_by=by
    )
    if deleted:
        record(
            action=AuditAction.RECORDS_EXPORT_DELETED,
            actor=by,
            organization=export.organization,
            target=export,
            request=request,
            detail={"from": export.period_start.isoformat(), "to": export.period_end.isoformat()},
        )
    return bool(deleted)


# --- The worker ----------------------------------------------------------------------------------------


def records_exports_tick(*, worker: str, now: datetime.datetime | None = None) -> int:
    """Delete expired files, give up exports whose workers kept dying, then build one export.

    One a round, so that the alerts (the first job of every round) never wait behind exports.
    """
    now = now or timezone.now()
    done = records_exports_expire(now=now)
    given_up, won = claim_file_job(
        RecordsExport, worker=worker, now=now, lease=_lease(), max_attempts=MAX_ATTEMPTS
    )
    done += given_up
    for pk in won:
        done += records_export_build(export_id=pk, worker=worker)
    return done


def records_exports_expire(*, now: datetime.datetime | None = None) -> int:
    now = now or timezone.now()
    return RecordsExport.objects.filter(status=RecordsExport.Status.READY, expires_at__lte=now).update(
        status=RecordsExport.Status.DELETED, data=None, deleted_at=now
    )


class _LostClaim(Exception):
    """Another worker took the export over (our lease ran out): stop, it finishes it."""


def _lease() -> datetime.timedelta:
    return datetime.timedelta(seconds=settings.WORKER_LEASE_SECONDS)


def records_export_build(*, export_id, worker: str) -> int:
    """Build one claimed export. 1 when it is ready, 0 otherwise (failed, or taken over)."""
    export = RecordsExport.objects.select_related("organization").defer("data").get(pk=export_id)
    mine = RecordsExport.objects.filter(pk=export.pk, claimed_by=worker, status=RecordsExport.Status.RUNNING)
    total = len(build.KINDS) + 1  # every kind of record, then the workbook

    def step(done: int) -> None:
        if not mine.update(
            steps_done=done,
            steps_total=total,
            progress=done * 100 // total,
            claimed_until=timezone.now() + _lease(),
        ):
            raise _LostClaim

    try:
        step(0)
        with (
            translation.override(export.language),
            timezone.override(zoneinfo.ZoneInfo(export.organization.timezone)),
        ):
            collected = build.collect(
                organization=export.organization,
                period_start=export.period_start,
                period_end=export.period_end,
                on_step=step,
            )
            content = workbook.workbook(collected, reason=export.reason, prepared_at=timezone.now())
    except _LostClaim:
        logger.warning("Records export %s was taken over by another worker", export.pk)
        return 0
    except Exception as error:  # a bad record must not stop the worker: retry, then give up
        _failed(export, mine, error)
        return 0
    now = timezone.now()
    return mine.update(
        status=RecordsExport.Status.READY,
        data=content,
        size=len(content),
        counts={key: len(rows) for key, rows in collected.rows.items()},
        steps_done=total,
        steps_total=total,
        progress=100,
        ready_at=now,
        expires_at=now + datetime.timedelta(days=EXPORT_DAYS),
        claimed_until=None,
        error="",
    )


def _failed(export: RecordsExport, mine, error: Exception) -> None:
    # The type only: an exception's message may quote a record.
    logger.warning(
        "Records export %s failed (attempt %s): %s", export.pk, export.attempts, type(error).__name__
    )
    gave_up = export.attempts >= MAX_ATTEMPTS
    mine.update(
        status=RecordsExport.Status.FAILED if gave_up else RecordsExport.Status.REQUESTED,
        claimed_until=None,
        next_attempt_at=timezone.now() + datetime.timedelta(seconds=30 * 2**export.attempts),
        error=type(error).__name__[:100],
    )
