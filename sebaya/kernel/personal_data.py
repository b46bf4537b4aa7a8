"""What each app contributes to a person's own data export (UU 27/2022: the right to a copy).

An app that holds records about people defines, in its own `personal_data.py`, one or more
`Section`s: a key, a title, and a function `collect(*, person, organization)` that returns plain
JSON values (dicts, lists, strings, numbers, booleans, None) for that person in that organization.
The privacy app lists the sections in `privacy.export_sections.SECTIONS`, collects them once, and
renders both the JSON and the PDF from that one collected value, so the two cannot disagree.

Conventions the PDF relies on (the JSON simply carries the values):

* choice fields hold their stable code; `choices` maps a key to its (code, label) pairs, and the
  PDF shows the label in the export's language;
* keys ending in `_at` hold a moment (`moment()`: ISO 8601 in the organization's time zone), keys
  ending in `_on` or `_date`, and `date`, a day (`day()`: YYYY-MM-DD);
* every key has a label in `labels` (or in the privacy app's common labels): a test fails
  otherwise.

A collector returns only what is *about the person*: their words, their answers and results, the
facts and decisions in force about them. It leaves out the working notes of the people who help
them (counselors' notes, supervision notes, hand-over notes) and anything about anyone else.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.utils import timezone


@dataclass(frozen=True)
class Section:
    key: str
    title: Any  # a lazy translation
    collect: Callable[..., Any]
    labels: Mapping[str, Any] = field(default_factory=dict)
    choices: Mapping[str, Iterable[tuple[str, Any]]] = field(default_factory=dict)


def moment(value: datetime.datetime | None) -> str | None:
    """A moment as ISO 8601 with its offset, in the current (the organization's) time zone."""
    if value is None:
        return None
    return timezone.localtime(value).isoformat(timespec="seconds")


def day(value: datetime.date | None) -> str | None:
    return value.isoformat() if value is not None else None
