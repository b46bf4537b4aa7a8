"""Claiming rows of work with a conditional UPDATE, so a killed worker loses nothing.

A job marks the rows it takes (a status, who took them, until when). Another worker may take a
row only while it is still claimable: new and due, or taken by a worker whose lease ran out (it
was killed, or hangs). The UPDATE's WHERE clause repeats the claimable condition, so of two
workers racing for one row exactly one wins, on SQLite and PostgreSQL alike.
"""

from __future__ import annotations

import os
import socket

from django.db.models import Model, Q


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
