"""Links and ages in a list of many rows, at a row's cost rather than a page's.

Django's `reverse()` checks every URL it builds against the pattern's regular expression, about
40 µs a call. A list of 50 rows with four links each spent some 9 ms of a 45 ms page on it (issue
18, docs/PERFORMANCE.md). `{% row_url "outreach_done" org=slug administration=a.pk %}` reverses
the name once per render with stand-in values, then puts each row's values in their place.

Only UUIDs and integers are put in this way: their text is the same before and after quoting and
they satisfy any converter a stand-in of the same kind satisfies, so the result is exactly what
`reverse()` returns. Any other value (an organization's slug, say) is part of the cache key and
reversed for real, so it is checked as usual.

`{{ a.created_at|waited }}` says how long ago, in its largest unit ("3 hari"), as Django's
`timesince` does with depth 1 and with Django's own translations, at a tenth of its cost: 50 rows
of `timesince` were a fifth of the same page's template time."""

from __future__ import annotations

import datetime
import uuid

from django import template
from django.urls import reverse
from django.utils import timezone
from django.utils.html import avoid_wrapping
from django.utils.translation import ngettext

register = template.Library()

# Stand-ins, one per argument position: values no real URL part is built from.
_UUIDS = [uuid.UUID(f"5eba7a00-0000-4000-8000-{n:012d}") for n in range(1, 7)]
_INTS = [9_876_543_210 + n for n in range(1, 7)]


def row_url(cache: dict, url_name: str, /, **kwargs) -> str:
    """The URL `reverse(url_name, kwargs=kwargs)` returns, reusing `cache` across calls.
    (Positional-only: a URL may have an argument called `name`.)"""
    key = [url_name]
    stand_ins = {}
    fill = []
    for position, (arg, value) in enumerate(sorted(kwargs.items())):
        if isinstance(value, uuid.UUID) and position < len(_UUIDS):
            stand_ins[arg] = _UUIDS[position]
        elif isinstance(value, int) and not isinstance(value, bool) and value >= 0 and position < len(_INTS):
            stand_ins[arg] = _INTS[position]
        else:
            key.append((arg, value))
            stand_ins[arg] = value
            continue
        key.append((arg, type(value)))
        fill.append((str(stand_ins[arg]), str(value)))
    key = tuple(key)
    pattern = cache.get(key)
    if pattern is None:
        pattern = cache[key] = reverse(url_name, kwargs=stand_ins)
    for stand_in, value in fill:
        pattern = pattern.replace(stand_in, value, 1)
    return pattern


@register.simple_tag(takes_context=True, name="row_url")
def row_url_tag(context, url_name, /, **kwargs):
    # The render context lives as long as this template's rendering: one cache a page.
    cache = context.render_context.setdefault("sebaya.row_urls", {})
    return row_url(cache, url_name, **kwargs)


# Largest unit first; Django's own msgids (django/utils/timesince.py), so no new translation.
_UNITS = [
    (365 * 24 * 3600, "%(num)d year", "%(num)d years"),
    (30 * 24 * 3600, "%(num)d month", "%(num)d months"),
    (7 * 24 * 3600, "%(num)d week", "%(num)d weeks"),
    (24 * 3600, "%(num)d day", "%(num)d days"),
    (3600, "%(num)d hour", "%(num)d hours"),
    (60, "%(num)d minute", "%(num)d minutes"),
]


def waited(moment: datetime.datetime, *, now: datetime.datetime | None = None) -> str:
    """How long ago `moment` was, in its largest whole unit ("3 days", kept on one line as timesince
    keeps it); "0 minutes" for the future."""
    seconds = int(((now or timezone.now()) - moment).total_seconds())
    for size, singular, plural in _UNITS:
        if seconds >= size:
            num = seconds // size
            return avoid_wrapping(ngettext(singular, plural, num) % {"num": num})
    return avoid_wrapping(ngettext("%(num)d minute", "%(num)d minutes", 0) % {"num": 0})


@register.filter(name="waited")
def waited_filter(moment):
    return waited(moment) if moment else ""
