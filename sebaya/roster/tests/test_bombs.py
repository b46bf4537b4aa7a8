"""Roster files built to exhaust the server are refused early, in little memory, with a short message.

The hostile files are built in the tests themselves (`bombs.py`), in milliseconds. Memory is
measured with tracemalloc (what Python allocates: a part unpacked to hundreds of megabytes would
show), so the tests assert that a bomb is refused *before* it is unpacked, not how fast.
"""

import io
import tracemalloc
import zipfile

import pytest
from django.utils import translation

from sebaya.kernel.excerpts import excerpt
from sebaya.roster.limits import Deadline, Limits
from sebaya.roster.parsing import RosterFileError, parse_rows, read_table
from sebaya.roster.tests import bombs
from sebaya.roster.tests.helpers import csv_bytes, xlsx_bytes
from sebaya.roster.workbook import check_package

MB = 1 << 20
MESSAGE_CHARS = 300  # every refusal is a sentence or two, whatever the file holds
SMALL_PEAK = 8 * MB  # a refused bomb costs less than this; unpacking it would cost 300 MB


def traced(function):
    tracemalloc.start()
    try:
        result = function()
        return result, tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def refused(content, name="roster.xlsx", max_rows=10_000, *, trace=False):
    """The message a file is refused with (asserted short), and Python's peak memory meanwhile
    when `trace` is set (tracing slows Python's allocations down: only for the bombs)."""

    def read():
        with pytest.raises(RosterFileError) as caught:
            parse_rows(*read_table(name=name, content=content, max_rows=max_rows))
        return str(caught.value)

    message, peak = traced(read) if trace else (read(), None)
    assert len(message) < MESSAGE_CHARS, message[:200]
    return message, peak


UNUSUAL = "This workbook is built in a way the import does not read"
TOO_LARGE = "This file is too large once unpacked: an Excel workbook may hold at most 50.0\xa0MB of data."


# --- The probe's files ------------------------------------------------------------------------------


@pytest.mark.parametrize("build", [bombs.huge_shared_string, bombs.huge_inline_string])
def test_a_cell_of_300_mb_is_refused_before_it_is_unpacked(build):
    content = build(300)
    assert len(content) < 400_000  # a few hundred kilobytes, as the probe's file
    message, peak = refused(content, trace=True)
    assert message.startswith(TOO_LARGE)
    assert "AAAA" not in message
    assert peak < SMALL_PEAK


def test_a_sheet_going_down_to_row_1048576_is_refused_before_openpyxl_reads_it():
    message, peak = refused(bombs.huge_dimension(), trace=True)
    assert message == (
        "The file goes on past row 50,000 (empty rows included). Delete the empty rows below the data, "
        "or copy the data into a new file, and upload it again."
    )
    assert peak < SMALL_PEAK


def test_a_declared_size_of_a_whole_sheet_is_not_trusted():
    """A1:XFD1048576 declared, three rows held: read as three rows of two cells, not 16,384."""
    content = bombs.workbook(bombs.sheet(bombs.HEADER_ROW + bombs.roster_rows(2), dimension="A1:XFD1048576"))
    (header, rows), peak = traced(lambda: read_table(name="roster.xlsx", content=content, max_rows=10))
    assert header == ["nis", "nama"]
    assert rows == [(2, ["S-2", "Siswa 2"]), (3, ["S-3", "Siswa 3"])]
    assert peak < SMALL_PEAK


def test_millions_of_empty_rows_are_refused_from_the_directory():
    content = bombs.many_empty_rows(2_000_000)
    assert len(content) < 400_000
    message, peak = refused(content, trace=True)
    assert message.startswith(TOO_LARGE)
    assert peak < SMALL_PEAK


def test_empty_rows_past_the_limit_are_refused_while_scanning(settings):
    settings.ROSTER_MAX_COMPRESSION_RATIO = 10**9  # so that the row count is what stops it
    settings.ROSTER_MAX_SHEET_ROWS = 1_000
    message, peak = refused(bombs.many_empty_rows(200_000), trace=True)
    assert message.startswith("The file goes on past row 1,000")
    assert peak < SMALL_PEAK


def test_a_part_packed_far_tighter_than_a_spreadsheet_is_refused():
    message, _peak = refused(bombs.many_empty_rows(200_000))  # 6 MB packed into a few KB
    assert message.startswith("This workbook unpacks to far more data than its size suggests")


def test_a_part_that_unpacks_to_more_than_its_directory_says_is_caught_after_one_piece():
    """Python's zipfile alone would unpack all 300 MB before cutting them to the 1,000 bytes claimed."""
    content = bombs.lying_content_types(300)
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        assert archive.getinfo("[Content_Types].xml").file_size == 1_000
    message, peak = refused(content, trace=True)
    assert message == "This file could not be read as an Excel workbook (.xlsx)."
    assert peak < SMALL_PEAK


def test_entity_expansion_is_refused():
    message, peak = refused(bombs.entity_expansion(), trace=True)
    assert message.startswith(UNUSUAL)
    assert peak < SMALL_PEAK


# --- Limits on what a workbook holds ------------------------------------------------------------------


def test_more_cells_than_the_limit_are_refused_in_a_workbook_and_in_a_csv(settings):
    settings.ROSTER_MAX_CELLS = 50
    table = [["nis", "nama"], *[[f"S-{n}", f"Siswa {n}"] for n in range(30)]]
    for name, content in (("roster.xlsx", xlsx_bytes(table)), ("roster.csv", csv_bytes(table))):
        message, _peak = refused(content, name=name)
        assert message == (
            "The file has more than 50 cells (empty ones with formatting included). Delete the rows and "
            "columns the import does not need, or split the file, and upload it again."
        )
    settings.ROSTER_MAX_CELLS = 62  # 31 rows of 2
    assert len(read_table(name="roster.csv", content=csv_bytes(table), max_rows=100)[1]) == 30


def test_many_rows_past_the_row_limit_say_more_than_when_another_limit_stops_the_count(settings):
    settings.ROSTER_MAX_CELLS = 50
    table = [["nis", "nama"], *[[f"S-{n}", f"Siswa {n}"] for n in range(30)]]
    message, _peak = refused(csv_bytes(table), name="roster.csv", max_rows=5)
    assert message == (
        "The file has more than 5 rows; that is more than can be imported at once. Please split it."
    )


def test_cells_formatted_far_to_the_right_are_dropped_not_refused():
    content = bombs.wide_rows(50)  # every row carries an empty formatted cell at XFD
    (header, rows), peak = traced(lambda: read_table(name="roster.xlsx", content=content, max_rows=100))
    assert header == ["nis", "nama"]
    assert [len(cells) for _line, cells in rows] == [2] * 50
    assert peak < SMALL_PEAK
    csv_header, csv_rows = read_table(
        name="r.csv", content=b"nis,nama" + b"," * 500 + b"\n1,Ani,,,\n", max_rows=9
    )
    assert (csv_header, csv_rows) == (["nis", "nama"], [(2, ["1", "Ani"])])


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_data_in_more_columns_than_the_limit_is_refused(kind, settings):
    settings.ROSTER_MAX_COLUMNS = 5
    table = [["nis", "nama"], ["1", "Ani", "", "", "", "", "here"]]
    content = csv_bytes(table) if kind == "csv" else xlsx_bytes(table)
    message, _peak = refused(content, name=f"roster.{kind}")
    assert message == (
        "Row 2 has data in more than 5 columns. Delete the columns the import does not need, and upload "
        "the file again."
    )


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_a_long_cell_is_refused_with_its_row_and_column_not_its_content(kind):
    table = [["nis", "nama", "catatan"], ["1", "Ani", ""], ["2", "Budi", "rahasia " * 300]]
    content = csv_bytes(table) if kind == "csv" else xlsx_bytes(table)
    message, _peak = refused(content, name=f"roster.{kind}")
    assert message == (
        "Row 3, column C holds more than 2,000 characters. Shorten that cell, or delete the column if "
        "the import does not need it, and upload the file again."
    )
    assert "rahasia" not in message


def test_text_longer_than_excel_allows_is_refused_while_scanning():
    content = bombs.workbook(bombs.sheet(b'<row r="1">' + bombs.inline("A1", "x" * 40_000) + b"</row>"))
    message, _peak = refused(content)
    assert message.startswith(UNUSUAL)


def test_a_part_openpyxl_parses_whole_must_be_small():
    styles = bombs.Repeated(
        b"<styleSheet " + bombs.MAIN + b"><cellXfs>", b"<xf/>" * 1_000, 120, b"</cellXfs></styleSheet>"
    )
    message, _peak = refused(bombs.workbook(bombs.sheet(bombs.HEADER_ROW), extra={"xl/styles.xml": styles}))
    assert message.startswith(UNUSUAL)


def test_a_large_sheet_named_as_the_shared_strings_is_refused():
    """openpyxl would keep such a sheet whole in memory while looking for its strings."""
    rows = bombs.Repeated(b"", bombs.roster_rows(500).replace(b' r="', b' x="'), 30)  # 105,000 elements
    override = b'<Override PartName="/xl/worksheets/sheet1.xml" ContentType="' + bombs.STRINGS_TYPE + b'"/>'
    content = bombs.workbook(bombs.sheet_around(rows), content_types=override)
    message, _peak = refused(content)
    assert message.startswith(UNUSUAL)
    # The same sheet in its place passes the checks.
    limits = Limits.from_settings()
    check_package(bombs.workbook(bombs.sheet_around(rows)), limits=limits, deadline=Deadline(limits.seconds))


def test_a_chart_sheet_is_refused():
    chart = b'<Relationship Id="rId9" Type="' + bombs.DOC_RELS + b'/chartsheet" Target="chartsheets/c.xml"/>'
    message, _peak = refused(bombs.workbook(bombs.sheet(bombs.HEADER_ROW), workbook_rels=chart))
    assert message.startswith(UNUSUAL)


def test_too_many_parts_are_refused():
    parts = {f"xl/media/{n}.png": b"" for n in range(1_001)}
    message, _peak = refused(bombs.workbook(bombs.sheet(bombs.HEADER_ROW), extra=parts))
    assert message.startswith(UNUSUAL)


def test_parts_packed_other_than_by_deflate_are_refused():
    buffer = io.BytesIO()
    source = zipfile.ZipFile(io.BytesIO(xlsx_bytes([["nis", "nama"]])))
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_BZIP2) as target:
        for name in source.namelist():
            target.writestr(name, source.read(name))
    message, _peak = refused(buffer.getvalue())
    assert message == "This file could not be read as an Excel workbook (.xlsx)."


# --- Time and size, for every kind of file ---------------------------------------------------------------


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_reading_stops_at_the_deadline(kind, settings):
    settings.ROSTER_MAX_READ_SECONDS = 0
    table = [["nis", "nama"], ["1", "Ani"]]
    content = csv_bytes(table) if kind == "csv" else xlsx_bytes(table)
    message, _peak = refused(content, name=f"roster.{kind}")
    assert message == (
        "Reading this file took too long, so it was stopped. Split it into smaller files, or save it as "
        "“CSV UTF-8”, and upload it again."
    )


def test_read_table_checks_the_upload_size_itself(settings):
    settings.ROSTER_MAX_UPLOAD_BYTES = 100
    message, _peak = refused(b"nis,nama\n" + b"1,Ani\n" * 20, name="roster.csv")
    assert message == "The file is larger than 100\xa0bytes. Please split it."


def test_blank_lines_past_the_limit_are_refused_in_a_csv(settings):
    settings.ROSTER_MAX_SHEET_ROWS = 100
    message, _peak = refused(b"nis,nama\n" + b"\n" * 200 + b"1,Ani\n", name="roster.csv")
    assert message.startswith("The file goes on past row 100 (empty rows included).")


# --- Messages repeat a short excerpt of the file at most ----------------------------------------------


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_a_long_header_is_repeated_as_a_short_excerpt(kind):
    header = ["A" * 1_900 + "Z", "kelas"]
    content = csv_bytes([header, ["x", "y"]]) if kind == "csv" else xlsx_bytes([header, ["x", "y"]])
    message, _peak = refused(content, name=f"roster.{kind}")
    assert message == (
        "Missing required columns: identifier, full_name. Columns found: " + "A" * 40 + "…, kelas."
    )


def test_at_most_ten_header_titles_are_listed():
    header = [f"kolom {n}" for n in range(50)]
    message, _peak = refused(csv_bytes([header, ["x"] * 50]), name="roster.csv")
    assert message.endswith("kolom 8, kolom 9, ….")


def test_row_errors_repeat_a_short_excerpt():
    long = "X" * 1_500
    header, table = read_table(
        name="roster.csv",
        content=csv_bytes([["nis", "nama", "jk", "tgl lahir"], ["1", "Ani", long, long]]),
        max_rows=9,
    )
    rows, _columns, _ignored = parse_rows(header, table)
    assert rows[0].errors == [
        "Gender “" + "X" * 40 + "…” is not recognised (use L or P).",
        "Birth date “" + "X" * 40 + "…” is not a date (use YYYY-MM-DD or DD/MM/YYYY).",
    ]


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("Siti", "Siti"),
        ("  two\r\nlines\t here ", "two lines here"),
        ("abc\u202edcba", "abc\ufffddcba"),  # a right-to-left override would reverse what follows
        ("bad \udcff byte", "bad \ufffd byte"),
        ("x" * 41, "x" * 40 + "…"),
        (" " * 200 + "y", "…"),  # all looked at was blank
        (12345, "12345"),
    ],
)
def test_excerpt(text, shown):
    assert excerpt(text) == shown


def test_refusals_are_in_the_users_language():
    with translation.override("id"):
        message, peak = refused(bombs.lying_content_types(300), trace=True)
    assert message == "Berkas ini tidak dapat dibaca sebagai buku kerja Excel (.xlsx)."
    assert peak < SMALL_PEAK
