"""How much of a roster file Sebaya reads, and how much of it a message repeats.

A roster file comes from outside and may be built to use up a server: a small .xlsx that unpacks
to gigabytes, a sheet that declares a million rows, one cell of hundreds of megabytes. Every
reader (CSV and .xlsx) passes its rows through `collect`, which stops at the first limit from
settings (`ROSTER_MAX_*`) with a calm message that says which, and checks a deadline on every
row. Messages that repeat a piece of the file repeat only `excerpt()` of it.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.conf import settings
from django.contrib.humanize.templatetags.humanize import intcomma
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from openpyxl.utils import get_column_letter

from sebaya.kernel.excerpts import excerpt

__all__ = ["Deadline", "Limits", "RosterFileError", "collect", "excerpt", "trim_row"]


class RosterFileError(Exception):
    """The file as a whole cannot be read; the message is for the admin, in their language."""


@dataclass(frozen=True)
class Limits:
    upload_bytes: int
    rows: int
    sheet_rows: int
    columns: int
    cells: int
    cell_chars: int
    unpacked_bytes: int
    compression_ratio: int
    seconds: float

    @classmethod
    def from_settings(cls, *, max_rows: int | None = None) -> Limits:
        return cls(
            upload_bytes=settings.ROSTER_MAX_UPLOAD_BYTES,
            rows=settings.ROSTER_MAX_ROWS if max_rows is None else max_rows,
            sheet_rows=settings.ROSTER_MAX_SHEET_ROWS,
            columns=settings.ROSTER_MAX_COLUMNS,
            cells=settings.ROSTER_MAX_CELLS,
            cell_chars=settings.ROSTER_MAX_CELL_CHARS,
            unpacked_bytes=settings.ROSTER_MAX_UNPACKED_BYTES,
            compression_ratio=settings.ROSTER_MAX_COMPRESSION_RATIO,
            seconds=settings.ROSTER_MAX_READ_SECONDS,
        )


class Deadline:
    """Reading a file stops with a clear message once it has taken `seconds`."""

    def __init__(self, seconds: float):
        self.end = time.monotonic() + seconds

    def check(self) -> None:
        if time.monotonic() > self.end:
            raise RosterFileError(
                _(
                    "Reading this file took too long, so it was stopped. Split it into smaller "
                    "files, or save it as “CSV UTF-8”, and upload it again."
                )
            )


def too_large(limit_bytes: int) -> RosterFileError:
    return RosterFileError(
        _("The file is larger than %(size)s. Please split it.") % {"size": filesizeformat(limit_bytes)}
    )


def too_many_rows(count: int, limits: Limits, *, complete: bool = True) -> RosterFileError:
    if complete:
        return RosterFileError(
            _("The file has %(count)s rows; at most %(max)s can be imported at once. Please split it.")
            % {"count": count, "max": limits.rows}
        )
    # Reading stopped at another limit after the row limit had been passed: the exact count is unknown.
    return RosterFileError(
        _("The file has more than %(max)s rows; that is more than can be imported at once. Please split it.")
        % {"max": intcomma(limits.rows)}
    )


def sheet_too_long(limits: Limits) -> RosterFileError:
    return RosterFileError(
        _(
            "The file goes on past row %(max)s (empty rows included). Delete the empty rows below "
            "the data, or copy the data into a new file, and upload it again."
        )
        % {"max": intcomma(limits.sheet_rows)}
    )


def too_many_cells(limits: Limits) -> RosterFileError:
    return RosterFileError(
        _(
            "The file has more than %(max)s cells (empty ones with formatting included). Delete the "
            "rows and columns the import does not need, or split the file, and upload it again."
        )
        % {"max": intcomma(limits.cells)}
    )


def trim_row(values: Sequence, *, line: int, limits: Limits) -> Sequence:
    """The row up to its last non-empty cell; refused when that is past `limits.columns`.

    Spreadsheets often carry empty, formatted cells far to the right (openpyxl then pads the row
    to 16,384 cells): those are dropped, not refused, and not counted as cells. The padding is
    found with `count` (a loop in C) because a Python loop over such rows takes seconds.
    """
    if len(values) > limits.columns:
        extra = values[limits.columns :]
        padding = None if extra[-1] is None else ""  # openpyxl pads with None, csv with ""
        if extra.count(padding) != len(extra) and any(value not in (None, "") for value in extra):
            raise RosterFileError(
                _(
                    "Row %(line)s has data in more than %(max)s columns. Delete the columns the "
                    "import does not need, and upload the file again."
                )
                % {"line": line, "max": limits.columns}
            )
        values = values[: limits.columns]
    end = len(values)
    while end and (values[end - 1] is None or values[end - 1] == ""):
        end -= 1
    return values[:end]


def collect(
    lines: Iterable[tuple[int, list[str]]], *, limits: Limits, deadline: Deadline
) -> tuple[list[str], list[tuple[int, list[str]]]]:
    """The header (first non-empty row) and up to `limits.rows` non-empty rows after it.

    Rows past `limits.rows` are only counted, so the message can say how many there are, for
    as long as the other limits allow; nothing past the limits is kept in memory.
    """
    header: list[str] = []
    rows = []
    count = read = cells = 0
    for line, texts in lines:
        deadline.check()
        read += 1
        cells += len(texts) or 1  # an empty row costs something too
        if read > limits.sheet_rows or cells > limits.cells:
            if count > limits.rows:
                raise too_many_rows(count, limits, complete=False)
            raise sheet_too_long(limits) if read > limits.sheet_rows else too_many_cells(limits)
        if texts and max(map(len, texts)) > limits.cell_chars:
            column = next(i for i, text in enumerate(texts) if len(text) > limits.cell_chars)
            raise RosterFileError(
                _(
                    "Row %(line)s, column %(column)s holds more than %(max)s characters. Shorten "
                    "that cell, or delete the column if the import does not need it, and upload "
                    "the file again."
                )
                % {"line": line, "column": get_column_letter(column + 1), "max": intcomma(limits.cell_chars)}
            )
        if not any(text.strip() for text in texts):
            continue
        if not header:
            header = texts
            continue
        count += 1
        if count <= limits.rows:
            rows.append((line, texts))
    if count > limits.rows:
        raise too_many_rows(count, limits)
    return header, rows
