"""Spreadsheets and CSV files: text that a spreadsheet program would run as a formula is written
as plain text (OWASP: a `'` in front); numbers and dates stay what they are."""

import csv
import datetime
import io

import pytest
from django.utils.translation import gettext_lazy
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from sebaya.kernel.spreadsheets import (
    FORMULA_STARTS,
    csv_response,
    csv_text,
    safe_cell,
    xlsx_bytes,
    xlsx_response,
)

ATTACKS = ['=HYPERLINK("http://x","y")', "@SUM(1)", "+1", "-1+2", "\tx", "\rx", "=1+1", "-", "@"]


def read_xlsx(content: bytes):
    return load_workbook(io.BytesIO(content)).active


@pytest.mark.parametrize("text", ATTACKS)
def test_formula_text_becomes_plain_text(text):
    assert safe_cell(text) == "'" + text


@pytest.mark.parametrize(
    "value",
    ["Siti", "", "'=already quoted", " =1", "a=b", 0, -5, -1.5, 3, None, True, datetime.date(2026, 1, 2)],
)
def test_other_values_are_unchanged(value):
    assert safe_cell(value) == value and type(safe_cell(value)) is type(value)


def test_a_lazy_translation_is_written_as_text():
    label = gettext_lazy("Total")
    assert safe_cell(label) == str(label) and type(safe_cell(label)) is str


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_no_text_starts_like_a_formula_after_safe_cell(text):
    safe = safe_cell(text)
    assert not safe.startswith(FORMULA_STARTS)
    # Only ever a quote in front: nothing of the person's text is lost or changed.
    assert safe in {text, "'" + text}
    assert (safe != text) == text.startswith(FORMULA_STARTS)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.one_of(st.text(max_size=30), st.integers(-(10**9), 10**9)), min_size=1, max_size=6))
def test_a_workbook_never_holds_a_formula_and_numbers_stay_numbers(row):
    sheet = read_xlsx(xlsx_bytes({"Sheet": [row]}))
    cells = list(sheet.iter_rows())[0] if sheet.max_row else []
    for value, cell in zip(row, cells, strict=False):
        assert cell.data_type != "f", (value, cell.value)
        if isinstance(value, int):
            assert cell.value == value and cell.data_type == "n"
        elif cell.value is not None:
            assert isinstance(cell.value, str) and not cell.value.startswith(FORMULA_STARTS)


def test_a_workbook_keeps_text_it_cannot_hold_out_instead_of_failing():
    # XLSX (XML) cannot hold most control characters; removing them must not uncover a formula.
    sheet = read_xlsx(xlsx_bytes({"Sheet": [["\x01=1+1", "a\x00b"]]}))
    assert [c.value for c in sheet[1]] == ["'=1+1", "ab"]
    assert all(c.data_type == "s" for c in sheet[1])


def test_responses_are_attachments():
    response = xlsx_response(filename="r.xlsx", sheets={"R": [["=1"]]})
    assert response["Content-Disposition"] == 'attachment; filename="r.xlsx"'
    assert read_xlsx(response.content)["A1"].value == "'=1"
    response = csv_response(filename="r.csv", rows=[["=1", -2]])
    assert response["Content-Type"].startswith("text/csv")
    assert response.content.decode("utf-8-sig").splitlines() == ["'=1,-2"]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.lists(st.text(max_size=20), min_size=1, max_size=4), min_size=1, max_size=4))
def test_csv_cells_never_start_like_a_formula(rows):
    read = list(csv.reader(io.StringIO(csv_text(rows), newline="")))
    assert len(read) == len(rows)
    for written, original in zip(read, rows, strict=True):
        assert written == [safe_cell(value) for value in original]
        assert not any(cell.startswith(FORMULA_STARTS) for cell in written)
