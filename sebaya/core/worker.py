"""The background worker's round: every job, in order of urgency, each on its own.

A job is a function `job(*, worker) -> int` (how much it did) that claims its rows with a
conditional UPDATE and a lease (see `kernel.leases`) or does its work in one transaction, so a
killed worker loses nothing. A failing job is logged and does not stop the others: the alerts
go first, and nothing else may hold them up.
"""

from __future__ import annotations

import logging
import os
import socket

logger = logging.getLogger(__name__)


def _alerts(*, worker):
    from sebaya.safety.services import run_once

    done = run_once(worker=worker)
    return done["escalated"] + done["sent"]


def _screening_rounds(*, worker):
    from sebaya.screening.services import rounds_tick

    return rounds_tick()


def _follow_ups(*, worker):
    from sebaya.counseling.services import follow_ups_remind

    return follow_ups_remind()


def _referrals(*, worker):
    from sebaya.counseling.services import referrals_remind

    return referrals_remind()


def _certifications(*, worker):
    from sebaya.programs.services import certifications_tick

    return certifications_tick()


def _supervision(*, worker):
    from sebaya.programs.supervision import supervision_remind

    return supervision_remind()


def _retention(*, worker):
    from sebaya.privacy.retention import retention_run

    return retention_run()


def _exports(*, worker):
    from sebaya.privacy.exports import exports_tick

    return exports_tick(worker=worker)


def _emails(*, worker):
    from sebaya.mail.services import send_due

    return send_due(worker=worker)


JOBS = [
    ("alerts", _alerts),
    ("screening_rounds", _screening_rounds),
    ("follow_ups", _follow_ups),
    ("referrals", _referrals),
    ("certifications", _certifications),
    ("supervision", _supervision),
    # Erasing what its organization keeps no longer; claims an organization at most once an hour.
    ("retention", _retention),
    ("exports", _exports),
    ("emails", _emails),
]


def worker_id() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


def run_once(*, worker: str | None = None) -> dict[str, int | None]:
    """One round of every job: {job name: how much it did, or None if it failed}."""
    worker = worker or worker_id()
    done: dict[str, int | None] = {}
    for name, job in JOBS:
        try:
            done[name] = job(worker=worker)
        except Exception:  # a database hiccup in one job must not stop the others
            logger.exception("worker job %s failed", name)
            done[name] = None
    return done
