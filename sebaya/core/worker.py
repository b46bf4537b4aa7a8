"""The background worker's round: every job, in order of urgency, each on its own.

A job is a function `job(*, worker) -> int` (how much it did) that claims its rows with a
conditional UPDATE and a lease (see `kernel.leases`) or does its work in one transaction, so a
killed worker loses nothing. A failing job is logged and does not stop the others: the alerts
go first, and nothing else may hold them up.

The jobs are not listed here: each app declares its own on its AppConfig (`jobs`, read by
`kernel.registry.jobs`), so the worker imports no app.
"""

from __future__ import annotations

import logging

from sebaya.kernel import registry
from sebaya.kernel.leases import worker_id

logger = logging.getLogger(__name__)


def run_once(*, worker: str | None = None) -> dict[str, int | None]:
    """One round of every job: {job name: how much it did, or None if it failed}."""
    worker = worker or worker_id()
    done: dict[str, int | None] = {}
    for job in registry.jobs():
        try:
            done[job.name] = job.run(worker=worker)
        except Exception:  # a database hiccup in one job must not stop the others
            logger.exception("worker job %s failed", job.name)
            done[job.name] = None
    return done
