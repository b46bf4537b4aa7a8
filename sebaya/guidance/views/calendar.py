"""The organization's calendar (list, month and week views), the page where a user makes the secret
address of their iCalendar feed, and the feed itself (served without signing in: the secret in the
address is the key; an unknown one answers 404)."""

from __future__ import annotations

import datetime
import zoneinfo
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib import messages
from django.core.cache import cache
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from sebaya import access
from sebaya.audit.services import client_ip
from sebaya.guidance import ical
from sebaya.guidance.calendar import entries_between
from sebaya.guidance.services import calendar as feed_services
from sebaya.kernel.ratelimit import limited

VIEWS = ("list", "month", "week")
# The feed covers what a phone's calendar needs: the last two months and the year ahead.
FEED_PAST = datetime.timedelta(days=60)
FEED_AHEAD = datetime.timedelta(days=400)
# Unknown secrets from one address within the window, past which the feed answers 429.
FEED_MISSES = 30
FEED_MISS_WINDOW = 600


def _day(text: str | None, default: datetime.date) -> datetime.date:
    try:
        return datetime.date.fromisoformat(text or "")
    except ValueError:
        return default


def _month_start(day: datetime.date) -> datetime.date:
    return day.replace(day=1)


def _next_month(day: datetime.date) -> datetime.date:
    return (_month_start(day) + datetime.timedelta(days=32)).replace(day=1)


def _place(entries, start: datetime.date, end: datetime.date, zone) -> dict[datetime.date, list]:
    """Each entry on each day of [start, end) it covers."""
    days: dict[datetime.date, list] = {}
    for entry in entries:
        first, last = entry.days(zone)
        day = max(first, start)
        while day <= last and day < end:
            days.setdefault(day, []).append(entry)
            day += datetime.timedelta(days=1)
    return days


def _list_days(entries, start: datetime.date, end: datetime.date, zone, today) -> list[dict]:
    """The list view: a timed entry on its day; an entry of several days (a program week, an open
    round) once, on its first day in [start, end), with the day it lasts until, and again on
    today while it runs, so a month's meetings are not buried under the same week repeated."""
    days: dict[datetime.date, list] = {}
    for entry in entries:
        first, last = entry.days(zone)
        shown_first = max(first, start)
        if shown_first >= end or last < start:
            continue
        until = last if last > first else None
        days.setdefault(shown_first, []).append((entry, until))
        if until and shown_first < today <= last and today < end:
            days.setdefault(today, []).append((entry, until))
    return [
        {
            "date": day,
            "iso": day.isoformat(),
            "weekday": date_format(day, "l"),
            "today": day == today,
            "entries": sorted(days[day], key=lambda pair: pair[0].sort_key(zone)),
        }
        for day in sorted(days)
    ]


def _day_info(day: datetime.date, *, today, month, placed) -> dict:
    return {
        "date": day,
        "iso": day.isoformat(),
        "weekday": date_format(day, "l"),
        "today": day == today,
        "in_month": month is None or day.month == month,
        "entries": placed.get(day, []),
    }


@require_GET
@access.org_view("calendar.view")
def calendar_page(request):
    zone = zoneinfo.ZoneInfo(request.organization.timezone)
    today = timezone.localdate()  # in the organization's time zone (org_view)
    view = request.GET.get("view") if request.GET.get("view") in VIEWS else "list"
    day = _day(request.GET.get("date"), today)
    if view == "week":
        start = day - datetime.timedelta(days=day.weekday())
        end = start + datetime.timedelta(days=7)
        previous, following = start - datetime.timedelta(days=7), end
    else:
        start, end = _month_start(day), _next_month(day)
        previous, following = _month_start(start - datetime.timedelta(days=1)), end
    # The month grid runs from the Monday before the 1st to the Sunday after the last day.
    shown_start = start - datetime.timedelta(days=start.weekday()) if view == "month" else start
    shown_end = end + datetime.timedelta(days=(7 - end.weekday()) % 7) if view == "month" else end
    entries = entries_between(request.user, request.organization, shown_start, shown_end)
    placed = _place(entries, shown_start, shown_end, zone)
    month = start.month if view == "month" else None
    days = []
    day_cursor = shown_start
    while day_cursor < shown_end:
        days.append(_day_info(day_cursor, today=today, month=month, placed=placed))
        day_cursor += datetime.timedelta(days=1)
    context = {
        "view": view,
        "views": [
            (name, label) for name, label in zip(VIEWS, (_("List"), _("Month"), _("Week")), strict=True)
        ],
        "start": start,
        "last": end - datetime.timedelta(days=1),
        "today": today,
        "previous": previous.isoformat(),
        "following": following.isoformat(),
        "date": day.isoformat(),
        "days": days,
        "weeks": [days[i : i + 7] for i in range(0, len(days), 7)],
        "listed": _list_days(entries, shown_start, shown_end, zone, today) if view == "list" else [],
        "weekday_names": [date_format(d["date"], "D") for d in days[:7]],
        "count": len(entries),
    }
    return render(request, "guidance/calendar/page.html", context)


@never_cache
@require_http_methods(["GET", "POST"])
@access.org_view("calendar.view")
def calendar_feed(request):
    """Make (or make again) the secret address; it is shown on this answer only."""
    feed_url = ""
    if request.method == "POST":
        if request.POST.get("remove"):
            if feed_services.feed_remove(
                user=request.user, organization=request.organization, request=request
            ):
                messages.success(
                    request, _("The calendar address was turned off. Phones using it stop updating.")
                )
            return redirect("calendar_feed", org=request.organization.slug)
        token = feed_services.feed_reset(
            user=request.user, organization=request.organization, request=request
        )
        feed_url = request.build_absolute_uri(reverse("calendar_ics", kwargs={"token": token}))
    has_feed = feed_services.feed_exists(user=request.user, organization=request.organization)
    return render(request, "guidance/calendar/feed.html", {"feed_url": feed_url, "has_feed": has_feed})


@require_GET
def calendar_ics(request, token):
    """The feed: the same entries as the calendar page for the feed's user, as iCalendar."""
    miss_key = f"sebaya:calfeed:{client_ip(request)}"
    if (cache.get(miss_key) or 0) >= FEED_MISSES:
        return HttpResponse(status=429)
    feed = feed_services.feed_for(token)
    if feed is None or not access.can(feed.user, "calendar.view", feed.organization):
        limited(miss_key, FEED_MISSES, FEED_MISS_WINDOW)
        raise Http404
    organization = feed.organization
    zone = zoneinfo.ZoneInfo(organization.timezone)
    today = timezone.now().astimezone(zone).date()
    with translation.override(feed.user.language or settings.LANGUAGE_CODE):
        entries = entries_between(feed.user, organization, today - FEED_PAST, today + FEED_AHEAD)
        body = ical.calendar(
            entries,
            name=_("Sebaya · %(organization)s") % {"organization": organization.name},
            base_url=request.build_absolute_uri("/").rstrip("/"),
            host=urlsplit(request.build_absolute_uri("/")).hostname or "sebaya",
            now=timezone.now(),
        )
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Cache-Control"] = "private, max-age=900"
    response["Content-Disposition"] = 'inline; filename="sebaya.ics"'
    return response
