"""A person's own data: asking for a copy, the worker that prepares it, downloading, expiry.

* `export_request`: the person asks for a copy of their own data in an organization. One export
  in progress at a time per person and organization (also a database constraint), and at most one
  new request an hour (`REQUEST_INTERVAL`).
* `export_request_for_guardian`: an organization admin asks on behalf of a parent or guardian,
  with the reference of the request (a letter number); audited. The person sees on their "My
  data" page that a copy was prepared for their parent or guardian, and when.
* `exports_tick`, the worker's job: deletes expired files, then claims one requested export with
  a lease (`kernel.leases.claim_file_job`), collects its sections, renders the JSON and the PDF, and
  stores them for `EXPORT_DAYS` days. Each step renews the lease and records the progress; a
  worker killed mid-way leaves the row claimed until its lease runs out, and the next worker
  starts it again from the beginning. A failing export is tried `MAX_ATTEMPTS` times.
* `export_file`: the bytes of one file, with an audit event for every download.
* `export_delete`: the person (or the admin, for a guardian's copy) deletes the files early.

Audit events hold codes only: `record.changed` with `{"export": "requested", "for": "self"}` (or
`"guardian"`, or `"deleted"`), and `record.viewed` with `{"export": "downloaded", "format": "pdf"}`.
The admin's reference stays on the export row, like a break-the-glass reason.
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
from sebaya.kernel.leases import claim_file_job
from sebaya.people.models import Membership
from sebaya.privacy.export_render import to_json, to_pdf
from sebaya.privacy.export_sections import collect, sections
from sebaya.privacy.models import DataExport

logger = logging.getLogger(__name__)

EXPORT_DAYS = 7
REQUEST_INTERVAL = datetime.timedelta(hours=1)
MAX_ATTEMPTS = 3
CONTENT_TYPES = {"pdf": "application/pdf", "json": "application/json"}


class ExportRefused(Exception):
    """A new export cannot start now; the page says why."""


class ExportInProgress(ExportRefused):
    pass


class ExportTooSoon(ExportRefused):
    def __init__(self, next_at: datetime.datetime):
        super().__init__(next_at)
        self.next_at = next_at


# --- Asking -----------------------------------------------------------------------------------------


@transaction.atomic
def export_request(*, membership: Membership, by, language: str, request=None) -> DataExport:
    """The person asks for a copy of their own data in this organization."""
    return _start(
        membership=membership,
        by=by,
        purpose=DataExport.Purpose.SELF,
        language=language,
        request=request,
    )


@transaction.atomic
def export_request_for_guardian(
    *, membership: Membership, by, reference: str, language: str, request=None
) -> DataExport:
    """An organization admin asks for a copy of a person's data to hand to their parent or guardian."""
    return _start(
        membership=membership,
        by=by,
        purpose=DataExport.Purpose.GUARDIAN,
        reference=reference,
        language=language,
        request=request,
    )


def next_request_at(*, membership: Membership, now=None) -> datetime.datetime | None:
    """When the person may ask again, or None if they may ask now (failed exports do not count)."""
    now = now or timezone.now()
    last = (
        DataExport.objects.filter(
            person_id=membership.person_id,
            organization_id=membership.organization_id,
            purpose=DataExport.Purpose.SELF,
            created_at__gt=now - REQUEST_INTERVAL,
        )
        .exclude(status=DataExport.Status.FAILED)
        .order_by("-created_at")
        .values_list("created_at", flat=True)
        .first()
    )
    return last + REQUEST_INTERVAL if last else None


def _start(*, membership, by, purpose, language, reference="", request=None) -> DataExport:
    # Two clicks at once: the membership row lock queues the second behind the first; the
    # partial unique constraint catches anything that still gets through.
    Membership.objects.select_for_update().filter(pk=membership.pk).first()
    mine = DataExport.objects.filter(
        person_id=membership.person_id, organization_id=membership.organization_id
    )
    if mine.filter(status__in=DataExport.IN_PROGRESS).exists():
        raise ExportInProgress
    if purpose == DataExport.Purpose.SELF:
        next_at = next_request_at(membership=membership)
        if next_at is not None:
            raise ExportTooSoon(next_at)
    try:
        with transaction.atomic():
            export = DataExport.objects.create(
                organization_id=membership.organization_id,
                person_id=membership.person_id,
                purpose=purpose,
                requested_by=by,
                reference=reference,
                language=language if language in {"id", "en"} else "id",
                next_attempt_at=timezone.now(),
            )
    except IntegrityError as error:
        raise ExportInProgress from error
    record(
        action=AuditAction.RECORD_CHANGED,
        actor=by,
        organization=membership.organization,
        target=export,
        request=request,
        detail={"export": "requested", "for": purpose},
    )
    return export


# --- Downloading and deleting --------------------------------------------------------------------------


def export_file(*, export: DataExport, kind: str, by, request=None) -> tuple[bytes, str, str]:
    """(bytes, content type, file name) of a ready export; every download is in the audit trail."""
    data = DataExport.objects.filter(pk=export.pk, status=DataExport.Status.READY).values_list(
        "pdf_data" if kind == "pdf" else "json_data", flat=True
    )
    content = data.first()
    if content is None:
        raise DataExport.DoesNotExist
    record(
        action=AuditAction.RECORD_VIEWED,
        actor=by,
        organization=export.organization,
        target=export,
        request=request,
        detail={"export": "downloaded", "format": kind, "for": export.purpose},
    )
    day = timezone.localtime(export.ready_at).date() if export.ready_at else timezone.localdate()
    return bytes(content), CONTENT_TYPES[kind], f"sebaya-{export.organization.slug}-{day:%Y-%m-%d}.{kind}"


@transaction.atomic
def export_delete(*, export: DataExport, by, request=None) -> bool:
    """Delete the files now. False when there was nothing to delete (already gone, still running)."""
    deleted = DataExport.objects.filter(pk=export.pk, status=DataExport.Status.READY).update(
        status=DataExport.Status.DELETED, json_data=None, pdf_data=None, deleted_at=timezone.now()
    )
    if deleted:
        record(
            action=AuditAction.RECORD_CHANGED,
            actor=by,
            organization=export.organization,
            target=export,
            request=request,
            detail={"export": "deleted", "for": export.purpose},
        )
    return bool(deleted)


# --- The worker ----------------------------------------------------------------------------------------


def exports_tick(*, worker: str, now: datetime.datetime | None = None) -> int:
    """Delete expired files, give up exports whose workers kept dying, then prepare one export.

    One a round, so that the alerts (the first job of every round) never wait behind a queue of
    exports; several workers share the queue.
    """
    now = now or timezone.now()
    done = exports_expire(now=now)
    given_up, won = claim_file_job(
        DataExport, worker=worker, now=now, lease=_lease(), max_attempts=MAX_ATTEMPTS
    )
    done += given_up
    for pk in won:
        done += export_build(export_id=pk, worker=worker)
    return done


def exports_expire(*, now: datetime.datetime | None = None) -> int:
    now = now or timezone.now()
    return DataExport.objects.filter(status=DataExport.Status.READY, expires_at__lte=now).update(
        status=DataExport.Status.DELETED, json_data=None, pdf_data=None, deleted_at=now
    )


class _LostClaim(Exception):
    """Another worker took the export over (our lease ran out): stop, it finishes it."""


def _lease() -> datetime.timedelta:
    return datetime.timedelta(seconds=settings.WORKER_LEASE_SECONDS)


def export_build(*, export_id, worker: str) -> int:
    """Prepare one claimed export. 1 when it is ready, 0 otherwise (failed, or taken over)."""
    export = (
        DataExport.objects.select_related("person", "organization")
        .defer("json_data", "pdf_data")
        .get(pk=export_id)
    )
    mine = DataExport.objects.filter(pk=export.pk, claimed_by=worker, status=DataExport.Status.RUNNING)
    total = len(sections()) + 2  # every section, then the JSON, then the PDF

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
            collected = collect(export=export, on_step=step)
            json_bytes = to_json(collected)
            step(total - 1)
            pdf_bytes = to_pdf(collected)
    except _LostClaim:
        logger.warning("Export %s was taken over by another worker", export.pk)
        return 0
    except Exception as error:  # a bad record must not stop the worker: retry, then give up
        _failed(export, mine, error)
        return 0
    now = timezone.now()
    return mine.update(
        status=DataExport.Status.READY,
        json_data=json_bytes,
        pdf_data=pdf_bytes,
        json_size=len(json_bytes),
        pdf_size=len(pdf_bytes),
        steps_done=total,
        steps_total=total,
        progress=100,
        ready_at=now,
        expires_at=now + datetime.timedelta(days=EXPORT_DAYS),
        claimed_until=None,
        error="",
    )


def _failed(export: DataExport, mine, error: Exception) -> None:
    # The type only: an exception's message may quote a person's data.
    logger.warning("Export %s failed (attempt %s): %s", export.pk, export.attempts, type(error).__name__)
    gave_up = export.attempts >= MAX_ATTEMPTS
    mine.update(
        status=DataExport.Status.FAILED if gave_up else DataExport.Status.REQUESTED,
        claimed_until=None,
        next_attempt_at=timezone.now() + datetime.timedelta(seconds=30 * 2**export.attempts),
        error=type(error).__name__[:100],
    )
