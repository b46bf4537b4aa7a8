"""iCalendar (RFC 5545) written by hand: a VCALENDAR of VEVENTs, each with UID, DTSTAMP, DTSTART
and DTEND (in UTC, or whole days as DATE values), SUMMARY and URL. Text is escaped (backslash,
semicolon, comma, newline) and lines longer than 75 octets are folded (CRLF and one space),
never inside a UTF-8 character. Nothing else about an entry is written: a calendar app on a phone
shows it to whoever holds the phone."""

from __future__ import annotations

import datetime
from collections.abc import Iterable

LIMIT = 75  # octets per line, the line break not counted


def escape(text: str) -> str:
    text = str(text).replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return text.replace("\r\n", "\\n").replace("\r", "\\n").replace("\n", "\\n")


def fold(line: str) -> list[str]:
    """One content line as physical lines of at most 75 octets each."""
    out: list[str] = []
    current, size = "", 0
    for char in line:
        width = len(char.encode("utf-8"))
        if size + width > LIMIT:
            out.append(current)
            current, size = " ", 1  # a continuation line starts with one space
        current += char
        size += width
    out.append(current)
    return out


def _utc(moment: datetime.datetime) -> str:
    return moment.astimezone(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")


def _date(day: datetime.date) -> str:
    return day.strftime("%Y%m%d")


def calendar(entries: Iterable, *, name: str, base_url: str, host: str, now: datetime.datetime) -> str:
    """`entries`: calendar.Entry objects; `base_url` makes their paths absolute."""
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Sebaya//Kalender//ID",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{escape(name)}",
    ]
    stamp = _utc(now)
    for entry in entries:
        lines += ["BEGIN:VEVENT", f"UID:{escape(entry.uid)}@{host}", f"DTSTAMP:{stamp}"]
        if entry.all_day:
            lines.append(f"DTSTART;VALUE=DATE:{_date(entry.first_day)}")
            lines.append(f"DTEND;VALUE=DATE:{_date(entry.last_day + datetime.timedelta(days=1))}")
        else:
            lines += [f"DTSTART:{_utc(entry.starts)}", f"DTEND:{_utc(entry.ends)}"]
        lines.append(f"SUMMARY:{escape(entry.title)}")
        if entry.url:
            lines.append(f"URL:{base_url}{entry.url}")
        lines.append("END:VEVENT")
    lines.append("END:VCALENDAR")
    return "".join(physical + "\r\n" for line in lines for physical in fold(line))
