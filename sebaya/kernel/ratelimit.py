"""Counting tries in the cache, for the limits of public forms and checks (anonymous help requests,
request codes, the warning while typing). The cache is shared by every app process when
`REDIS_URL` is set; the counts are small integers under keys that hold no personal text."""

from __future__ import annotations

import contextlib

from django.core.cache import cache


def limited(key: str, limit: int, seconds: int) -> bool:
    """Count one more under `key`; True once the limit is passed.

    The count is added atomically (`incr`) before the caller does its work, so tries sent in
    parallel cannot all pass the limit before any of them is counted."""
    cache.add(key, 0, seconds)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, seconds)
        count = 1
    return count > limit


def release(key: str) -> None:
    """Give back a try counted by `limited` (a right answer uses up nobody's tries)."""
    with contextlib.suppress(ValueError):  # already expired
        cache.decr(key)
