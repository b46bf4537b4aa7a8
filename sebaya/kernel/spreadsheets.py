"""Every spreadsheet and CSV file Sebaya writes goes through here, so no cell runs as a formula.

Names and notes come from people and from imported files. A cell whose text starts with `=`, `+`,
`-` or `@` (or a tab or a carriage return, which spreadsheet programs skip before reading one of
those) is taken for a formula when the file is opened in Excel or LibreOffice: a student named
`=HYPERLINK("http://…","open")` becomes a link in a counselor's report, and worse formulas can
fetch data or run commands ("formula injection", also called CSV injection). Following OWASP,
such text gets a single quote in front, which these programs show as plain text. Numbers, dates
and other values that are not text are written as they are: a negative number stays a number.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Sequence

from django.http import HttpResponse
from django.utils.functional import Promise

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# Control characters an XLSX file (XML 1.0) cannot hold; openpyxl refuses them with an error.
_NOT_IN_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def safe_cell(value):
    """The value to write in a cell: text that a spreadsheet would read as a formula gets a `'`
    in front; anything else is returned as it is (a lazy translation becomes text)."""
    if isinstance(value, Promise):
        value = str(value)
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def _xlsx_cell(value):
    if isinstance(value, Promise):
        value = str(value)
    if isinstance(value, str):
        # Removed before the formula check: "\x01=…" must not become a formula once cleaned.
        value = _NOT_IN_XML.sub("", value)
    return safe_cell(value)


def xlsx_bytes(
    sheets: dict[str, Iterable[Sequence]], widths: dict[str, Sequence[int]] | None = None
) -> bytes:
    """A workbook with one sheet per entry (title → rows), every cell made safe. `widths` gives
    a sheet's column widths in characters; such a sheet also has its headers in bold: its first
    row and each row that follows an empty one."""
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    book = Workbook()
    book.remove(book.active)
    for title, rows in sheets.items():
        sheet = book.create_sheet(title=title[:31])  # Excel's limit on a sheet's name
        for row in rows:
            sheet.append([_xlsx_cell(value) for value in row])
        for column, width in enumerate((widths or {}).get(title, ()), start=1):
            sheet.column_dimensions[get_column_letter(column)].width = width
        if widths and title in widths:
            for row in sheet.iter_rows():
                # Headers: the first row, and a row that follows an empty one.
                if row[0].row == 1 or not any(c.value is not None for c in sheet[row[0].row - 1]):
                    for cell in row:
                        cell.font = Font(bold=True)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def xlsx_response(
    *, filename: str, sheets: dict[str, Iterable[Sequence]], widths: dict[str, Sequence[int]] | None = None
) -> HttpResponse:
    response = HttpResponse(xlsx_bytes(sheets, widths), content_type=XLSX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def csv_text(rows: Iterable[Sequence]) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    for row in rows:
        writer.writerow([safe_cell(value) for value in row])
    return out.getvalue()


def csv_response(*, filename: str, rows: Iterable[Sequence]) -> HttpResponse:
    # UTF-8 with a byte order mark, which Excel needs to read anything but ASCII correctly.
    response = HttpResponse(csv_text(rows).encode("utf-8-sig"), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
