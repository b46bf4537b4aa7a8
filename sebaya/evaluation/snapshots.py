"""Dashboards that are slow to count, kept for the day: such a page shows the figures counted at
its first view of the day (or by the worker after midnight) and says when, and a coordinator can
have them counted again at once ("Hitung ulang").

Counting an organization of 5,000 people takes about half a second (each person's first and last
measure, their last severity, new or returning; docs/PERFORMANCE.md, "Evaluation dashboards");
reading it again takes a few milliseconds. Figures for a semester change slowly and the page is
read far more often than the records it counts change, so this is the summary the issue allowed,
kept as whole computed dashboards in Django's cache: Redis, shared by every app process and the
worker, where `REDIS_URL` is set (a province's deployment); each process's memory otherwise.
A dashboard counted faster than `EVALUATION_KEEP_MS` (a school of 600: tens of milliseconds) is
not kept: its page is always live and says nothing about when it was counted.

An entry is keyed by what shapes it: the organization (or network), the period, the cut, the
language of its labels and the day (a new day counts again: "today" is in its figures). The worker
computes each organization's and network's default view (this semester, everyone) after midnight,
in the site's language, a few at a time between the urgent jobs (`warm`). The printed report
always counts afresh and leaves its figures here, so the page then shows what was printed.

Every entry is computed from the whole cube as the live page was (kernel.suppression), so one
entry reveals nothing another would not; two entries of different moments can differ by what
happened between them, as two live pages could."""

from __future__ import annotations

import datetime
import hashlib
import time
from dataclasses import dataclass, replace

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone, translation

from sebaya.evaluation import dashboard as dashboards
from sebaya.evaluation import period as periods
from sebaya.evaluation.network import network_table
from sebaya.evaluation.period import Period
from sebaya.evaluation.tables import Cut, Table

VERSION = 1  # change when Dashboard or Table changes shape: old entries are then never read
LIFETIME = 26 * 3600  # a day's entry, and a little more for a page opened just before midnight
WARM_SECONDS = 1.0  # at most this long per worker round (after its alerts and emails)


@dataclass(frozen=True)
class NetworkSnapshot:
    table: Table
    computed_at: datetime.datetime | None  # None: counted for this view, not kept


def organization_dashboard(
    *, organization, period: Period, cut: Cut, today: datetime.date, fresh: bool = False
) -> dashboards.Dashboard:
    """The dashboard as computed earlier today, or computed now (and kept) when there is none or
    `fresh` is asked."""
    key = _key("org", organization.pk, period, cut, today)
    if not fresh and settings.EVALUATION_KEEP_MS is not None:
        found = cache.get(key)
        if found is not None:
            return found
    started = time.monotonic()
    dashboard = dashboards.organization_dashboard(
        organization=organization, period=period, cut=cut, today=today
    )
    if not _slow(started, key):
        return dashboard
    dashboard.computed_at = timezone.now()
    # Without who is in which grade and every screening result: counted already, not needed to show.
    kept = replace(dashboard, context=replace(dashboard.context, people={}))
    cache.set(key, kept, LIFETIME)
    return kept


def network_snapshot(
    *, network, period: Period, today: datetime.date, fresh: bool = False
) -> NetworkSnapshot:
    key = _key("network", network.pk, period, Cut(), today)
    if not fresh and settings.EVALUATION_KEEP_MS is not None:
        found = cache.get(key)
        if found is not None:
            return found
    started = time.monotonic()
    organizations = list(network.organizations.order_by("name"))
    table = network_table(network=network, organizations=organizations, period=period)
    if not _slow(started, key):
        return NetworkSnapshot(table=table, computed_at=None)
    snapshot = NetworkSnapshot(table=table, computed_at=timezone.now())
    cache.set(key, snapshot, LIFETIME)
    return snapshot


def _slow(started: float, key: str) -> bool:
    """Whether counting from `started` took long enough to keep; if not, an entry kept earlier
    today (when the figures were slower to count) goes, so the live figures are what is shown."""
    spent_ms = (time.monotonic() - started) * 1000
    if settings.EVALUATION_KEEP_MS is not None and spent_ms >= settings.EVALUATION_KEEP_MS:
        return True
    cache.delete(key)
    return False


def shared() -> bool:
    """Whether the worker's entries reach the app processes (a cache outside any one process)."""
    return "locmem" not in settings.CACHES["default"]["BACKEND"].lower()


def warm(*, seconds: float = WARM_SECONDS) -> int:
    """Compute today's default view of the next organizations and networks not yet computed today,
    for at most `seconds`; the number computed. Nothing where the cache is each process's own."""
    from sebaya.organizations.models import Network, Organization

    if not shared() or settings.EVALUATION_KEEP_MS is None:
        return 0
    today = timezone.localdate()
    period = periods.current(today)
    progress_key = f"sebaya:evaluation:v{VERSION}:warmed:{today.isoformat()}"
    done = cache.get(progress_key) or {"org": "", "network": ""}
    started, computed = time.monotonic(), 0
    with translation.override(settings.LANGUAGE_CODE):
        for kind, model in (("org", Organization), ("network", Network)):
            after = done[kind]
            queue = model.objects.order_by("pk")
            if after == "end":
                continue
            if after:
                queue = queue.filter(pk__gt=after)
            for owner in queue.iterator():
                if time.monotonic() - started >= seconds:
                    cache.set(progress_key, done, LIFETIME)
                    return computed
                if kind == "org":
                    organization_dashboard(
                        organization=owner, period=period, cut=Cut(), today=today, fresh=True
                    )
                else:
                    network_snapshot(network=owner, period=period, today=today, fresh=True)
                done[kind] = str(owner.pk)
                computed += 1
            done[kind] = "end"
    cache.set(progress_key, done, LIFETIME)
    return computed


def _key(kind: str, owner, period: Period, cut: Cut, today: datetime.date) -> str:
    # Hashed: a grade is free text, and a cache key must be short and plain.
    parts = "|".join(
        [kind, str(owner), period.code, cut.grade, cut.gender, cut.tier, translation.get_language() or "",
         today.isoformat()]
    )  # fmt: skip
    return f"sebaya:evaluation:v{VERSION}:{hashlib.sha256(parts.encode()).hexdigest()[:40]}"
