"""`{% row_url %}` must give exactly what `reverse()` gives, for every URL of the project."""

import uuid

import pytest
from django.template import Context, Template
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.urls.converters import IntConverter, UUIDConverter
from django.urls.resolvers import RegexPattern

from sebaya.kernel.long_lists import row_url


def named_patterns(resolver=None, converters=None):
    """(name, {kwarg: converter}) of every named URL, with the converters of enclosing includes."""
    resolver = resolver or get_resolver()
    converters = converters or {}
    for entry in resolver.url_patterns:
        if isinstance(entry.pattern, RegexPattern) and entry.pattern.regex.groups:
            continue  # a regular expression's groups have no converter to draw a value from
        found = {**converters, **getattr(entry.pattern, "converters", {})}
        if isinstance(entry, URLResolver):
            if entry.namespace:
                continue
            yield from named_patterns(entry, found)
        elif isinstance(entry, URLPattern) and entry.name:
            yield entry.name, found


def value_for(converter, n):
    if isinstance(converter, UUIDConverter):
        return uuid.UUID(int=n * 7919 + 12345)
    if isinstance(converter, IntConverter):
        return n * 31 + 5
    return f"sekolah-{n}"


def test_every_url_reverses_the_same_through_row_url():
    checked = 0
    cache = {}
    for name, converters in named_patterns():
        for n in (1, 2):  # twice: the second call reuses the cached pattern
            kwargs = {arg: value_for(conv, n) for arg, conv in converters.items()}
            expected = reverse(name, kwargs=kwargs)
            assert row_url(cache, name, **kwargs) == expected, name
        if any(isinstance(c, (UUIDConverter, IntConverter)) for c in converters.values()):
            checked += 1
    # The project has well over a hundred URLs keyed by a record.
    assert checked > 100


def test_strings_are_reversed_for_real_and_checked():
    # A slug that a converter refuses fails as reverse() fails, not with a wrong URL.
    from django.urls import NoReverseMatch

    with pytest.raises(NoReverseMatch):
        row_url({}, "outreach_queue", org="bukan slug/ini")


def test_template_tag_in_a_loop():
    rows = [uuid.uuid4() for _ in range(3)]
    html = Template(
        "{% load long_lists %}{% for pk in rows %}"
        "{% row_url 'outreach_done' org='sman-1' administration=pk %};{% endfor %}"
    ).render(Context({"rows": rows}))
    assert html.split(";")[:3] == [
        reverse("outreach_done", kwargs={"org": "sman-1", "administration": pk}) for pk in rows
    ]


def test_waited_says_the_largest_unit_in_the_language():
    import datetime

    from django.utils import translation

    from sebaya.kernel.long_lists import waited

    now = datetime.datetime(2026, 12, 7, 12, 0, tzinfo=datetime.UTC)
    ago = {
        datetime.timedelta(seconds=20): ("0 minutes", "0 menit"),
        datetime.timedelta(minutes=1): ("1 minute", "1 menit"),
        datetime.timedelta(hours=5, minutes=59): ("5 hours", "5 jam"),
        datetime.timedelta(days=3, hours=4): ("3 days", "3 hari"),
        datetime.timedelta(days=15): ("2 weeks", "2 minggu"),
        datetime.timedelta(days=65): ("2 months", "2 bulan"),
        datetime.timedelta(days=800): ("2 years", "2 tahun"),
        -datetime.timedelta(hours=2): ("0 minutes", "0 menit"),
    }
    for delta, (english, indonesian) in ago.items():
        with translation.override("en"):
            assert waited(now - delta, now=now) == english.replace(" ", "\xa0")
        with translation.override("id"):
            assert waited(now - delta, now=now) == indonesian.replace(" ", "\xa0")


def test_waited_filter_agrees_with_timesince_at_depth_one():
    import datetime

    from django.utils import translation
    from django.utils.timesince import timesince

    now = datetime.datetime(2026, 12, 7, 12, 0, tzinfo=datetime.UTC)
    with translation.override("id"):
        for hours in (0, 1, 7, 30, 24 * 6, 24 * 20):
            moment = now - datetime.timedelta(hours=hours, minutes=5)
            from sebaya.kernel.long_lists import waited

            assert waited(moment, now=now) == timesince(moment, now, depth=1)
