"""Claiming rows of work with a conditional UPDATE, so a killed worker loses nothing.

A job marks the rows it takes (a status, who took them, until when). Another worker may take a
row only while it is still claimable: new and due, or taken by a worker whose lease ran out (it
was killed, or hangs). The UPDATE's WHERE clause repeats the claimable condition, so of two
workers racing for one row exactly one wins, on SQLite and PostgreSQL alike.
"""

from __future__ import annotations

import os
import socket

from django.db.models import F, Model, Q


def worker_id() -> str:
    """Who holds a lease: this host and process."""
    return f"{socket.gethostname()}:{os.getpid()}"


def claim_rows(model: type[Model], *, claimable: Q, claim: dict, order_by: str, batch: int) -> list:
    """The primary keys of up to `batch` rows that this call won, after setting `claim` on them."""
    won = []
    for pk in model.objects.filter(claimable).order_by(order_by).values_list("pk", flat=True)[:batch]:
        if model.objects.filter(claimable, pk=pk).update(**claim):
            won.append(pk)
    return won


def claim_file_job(model: type[Model], *, worker: str, now, lease, max_attempts: int) -> tuple[int, list]:
    """For a model whose rows are files prepared by the worker (a person's data export, a
    de-identified records export): statuses "requested" → "running" → "ready" or "failed", with
    `attempts`, `next_attempt_at`, the lease fields, `started_at` and progress fields. Gives up
    the rows whose workers kept dying (`max_attempts` leases ran out), then claims the oldest
    waiting one for this worker (one a round, so the alerts never wait behind a queue of files).
    Returns (how many were given up, the primary keys won)."""
    status = model.Status
    given_up = model.objects.filter(
        status=status.RUNNING, claimed_until__lt=now, attempts__gte=max_attempts
    ).update(status=status.FAILED, claimed_until=None, error="attempts")
    claimable = Q(attempts__lt=max_attempts) & (
        Q(status=status.REQUESTED, next_attempt_at__lte=now) | Q(status=status.RUNNING, claimed_until__lt=now)
    )
    won = claim_rows(
        model,
        claimable=claimable,
        claim={
            "status": status.RUNNING,
            "claimed_by": worker,
            "claimed_until": now + lease,
            "attempts": F("attempts") + 1,
            "started_at": now,
            "steps_done": 0,
            "progress": 0,
        },
        order_by="created_at",
        batch=1,
    )
    return given_up, won
