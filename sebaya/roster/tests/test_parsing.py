"""Reading roster files and checking their rows: nothing here touches the database."""

import datetime
import io
import zipfile

import pytest
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sebaya.roster.parsing import (
    COLUMNS,
    DATE_FORMATS,
    RosterFileError,
    guess_delimiter,
    normalise_header,
    parse_date,
    parse_rows,
    read_table,
)
from sebaya.roster.tests.helpers import csv_bytes, xlsx_bytes
from sebaya.roster.workbook import cell_text

WRONG_ENCODING = "wrong encoding"


def parse(name, content, max_rows=1000):
    header, table = read_table(name=name, content=content, max_rows=max_rows)
    rows, columns, ignored = parse_rows(header, table)
    return rows, columns, ignored


def parse_csv(rows, **kwargs):
    return parse("roster.csv", csv_bytes(rows, **kwargs))[0]


def only_row(rows):
    assert len(rows) == 1
    return rows[0]


# --- Reading the file -------------------------------------------------------------------------


@pytest.mark.parametrize("delimiter", [",", ";", "\t"])
def test_csv_delimiters_comma_semicolon_and_tab(delimiter):
    rows = parse_csv(
        [
            ["NIS", "Nama Lengkap", "Kelas"],
            ["20260001", "Siti Aminah, S.Pd", "X-1"],
            ["20260002", "Budi", "X-2"],
        ],
        delimiter=delimiter,
    )
    assert [(r.line, r.values) for r in rows] == [
        (2, {"identifier": "20260001", "full_name": "Siti Aminah, S.Pd", "class_name": "X-1"}),
        (3, {"identifier": "20260002", "full_name": "Budi", "class_name": "X-2"}),
    ]
    assert all(not r.errors for r in rows)


def test_semicolon_csv_as_indonesian_excel_writes_it():
    # Excel with Indonesian regional settings: ";" between cells, "," inside names unquoted,
    # quotes only around cells that hold a ";" or a quote.
    content = (
        b"NIS;Nama;Tanggal Lahir;L/P\r\n"
        b"20260001;Siti Aminah, S.Pd;02/01/2010;P\r\n"
        b'20260002;"Budi; Santoso";15-03-2009;L\r\n'
        b'20260003;Dewi "Ani" Lestari;1.12.2009;p\r\n'
    )
    rows, _columns, _ignored = parse("siswa.csv", content)
    assert [r.values["full_name"] for r in rows] == [
        "Siti Aminah, S.Pd",
        "Budi; Santoso",
        'Dewi "Ani" Lestari',
    ]
    assert [r.values["birth_date"] for r in rows] == ["2010-01-02", "2009-03-15", "2009-12-01"]
    assert [r.values["gender"] for r in rows] == ["female", "male", "female"]
    assert all(not r.errors for r in rows)


def test_apostrophes_in_names_are_not_quotes():
    # 'Ain and Ma'ruf are common names; a quote-guessing sniffer merged these two rows into one.
    content = b"nis,nama,kelas\r\n1,'Ain,10A\r\n2,Ma',10B\r\n3,'Aisyah',10C\r\n"
    rows, _columns, _ignored = parse("roster.csv", content)
    assert [(r.values["identifier"], r.values["full_name"]) for r in rows] == [
        ("1", "'Ain"),
        ("2", "Ma'"),
        ("3", "'Aisyah'"),
    ]


def test_quoted_cells_with_doubled_quotes_and_line_breaks():
    content = b'nis,nama,unit\r\n1,"Ani ""Nona"" B","Tata Usaha,\r\nBagian 2"\r\n2,Budi,BK\r\n'
    rows, _columns, _ignored = parse("staff.csv", content)
    assert rows[0].values == {
        "identifier": "1",
        "full_name": 'Ani "Nona" B',
        "unit": "Tata Usaha,\r\nBagian 2",
    }
    # A line number is where the row ends in the file (the quoted cell spans two lines).
    assert [r.line for r in rows] == [3, 4]


def test_guess_delimiter_reads_the_header_only_and_ignores_quoted_text():
    assert guess_delimiter('"a;b;c",nama\r\n1;2;3;4;5;6\r\n') == ","
    assert guess_delimiter("\r\n\r\nnis;nama\n1,2,3,4\n") == ";"
    assert guess_delimiter("nis\tnama\tkelas\n") == "\t"
    assert guess_delimiter("nis\n") == ","
    assert guess_delimiter(";;;\r\n\t\r\nnis,nama\r\n") == ","  # empty rows before the header


def test_utf8_with_bom_and_non_ascii_names():
    rows = parse_csv([["nis", "nama"], ["1", "Ṣiti Nūr’aini"]], bom=True, delimiter=";")
    assert only_row(rows).values == {"identifier": "1", "full_name": "Ṣiti Nūr’aini"}
    assert not rows[0].errors


def test_utf16_text_from_excel_is_read():
    # Excel's "Unicode text" export: UTF-16 with a byte order mark, tab-separated, saved as .txt.
    content = "NIS\tNama\n20260001\tSiti Ñur\n".encode("utf-16")
    rows, _columns, _ignored = parse("export.txt", content)
    assert only_row(rows).values == {"identifier": "20260001", "full_name": "Siti Ñur"}


def test_binary_content_in_a_csv_is_a_clear_file_error():
    with pytest.raises(RosterFileError, match="CSV UTF-8"):
        read_table(name="roster.csv", content=b"nis,nama\n1,Si\x00ti\n", max_rows=10)


def test_unclosed_quote_is_a_file_error_not_a_crash():
    content = b'nis,nama\n1,"' + b"x" * 200_000 + b"\n2,Budi\n"
    with pytest.raises(RosterFileError, match="CSV"):
        read_table(name="roster.csv", content=content, max_rows=10)


@pytest.mark.parametrize(
    ("identifier_header", "name_header"),
    [
        ("NIS", "Nama"),
        ("NISN", "Nama Lengkap"),
        ("No Induk", "nama_lengkap"),
        ("Nomor-Induk", "NAMA"),
        ("NIP", "Name"),
        ("Student Number", "Full Name"),
        ("identifier", "full_name"),
        ("  ID  ", "full name"),
    ],
)
def test_indonesian_and_english_header_aliases(identifier_header, name_header):
    rows = parse_csv([[identifier_header, name_header], ["A1", "Siti"]])
    assert only_row(rows).values == {"identifier": "A1", "full_name": "Siti"}


def test_every_alias_maps_to_its_column():
    header = ["nis", "nama"]
    for canonical, aliases in COLUMNS.items():
        for alias in aliases:
            if canonical in ("identifier", "full_name"):
                continue
            _rows, columns, ignored = parse_rows([*header, alias.upper().replace("_", " ")], [])
            assert canonical in columns, alias
            assert ignored == []


def test_other_header_spellings_are_listed_as_ignored():
    _rows, columns, ignored = parse_rows(["NIS", "Nama", "Agama", "", "Alamat Rumah"], [])
    assert columns == ["full_name", "identifier"]
    assert ignored == ["Agama", "Alamat Rumah"]


def test_xlsx_with_date_cells_and_numeric_identifiers():
    content = xlsx_bytes(
        [
            ["NIS", "Nama Lengkap", "Tanggal Lahir", "JK", "Tingkat", "Kelas"],
            [20260001.0, "Siti Aminah", datetime.date(2010, 1, 2), "P", 10, "X IPA 1"],
            [20260002, "Budi", datetime.datetime(2009, 12, 31, 0, 0), "L", 10.0, "X IPA 2"],
            [None, None, None, None, None, None],
            ["S-3", "Dewi", "15/03/2009", "perempuan", "11", None],
        ]
    )
    rows, _columns, _ignored = parse("siswa.xlsx", content)
    assert [r.values for r in rows] == [
        {
            "identifier": "20260001",
            "full_name": "Siti Aminah",
            "birth_date": "2010-01-02",
            "gender": "female",
            "grade": "10",
            "class_name": "X IPA 1",
        },
        {
            "identifier": "20260002",
            "full_name": "Budi",
            "birth_date": "2009-12-31",
            "gender": "male",
            "grade": "10",
            "class_name": "X IPA 2",
        },
        {
            "identifier": "S-3",
            "full_name": "Dewi",
            "birth_date": "2009-03-15",
            "gender": "female",
            "grade": "11",
            "class_name": "",
        },
    ]
    # Line numbers are the spreadsheet's row numbers, empty rows included.
    assert [r.line for r in rows] == [2, 3, 5]
    assert all(not r.errors for r in rows)


def test_xlsx_header_need_not_be_on_the_first_row():
    content = xlsx_bytes([[None], ["NIS", "Nama"], ["1", "Siti"]])
    rows, _columns, _ignored = parse("siswa.XLSX", content)
    assert only_row(rows).line == 3


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (None, ""),
        (20260001.0, "20260001"),
        (20260001, "20260001"),
        (3.5, "3.5"),
        (datetime.date(2010, 1, 2), "2010-01-02"),
        (datetime.datetime(2010, 1, 2, 13, 45), "2010-01-02"),
        ("  Siti  ", "Siti"),
    ],
)
def test_cell_text(value, text):
    assert cell_text(value) == text


# --- The file as a whole cannot be imported ----------------------------------------------------


@pytest.mark.parametrize(
    ("header", "missing"),
    [
        (["Nama", "Kelas"], "identifier"),
        (["NIS", "Kelas"], "full_name"),
        (["Kelas", "Agama"], "identifier, full_name"),
    ],
)
def test_missing_required_column_is_named(header, missing):
    with pytest.raises(RosterFileError) as caught:
        parse("roster.csv", csv_bytes([header, ["1", "2"]]))
    message = str(caught.value)
    assert f"Missing required columns: {missing}." in message
    assert ", ".join(header) in message  # and the columns that were found, to spot a typo


def test_missing_column_message_survives_bytes_that_are_not_utf8():
    content = "NIS;Keterangan é\n1;x\n".encode("cp1252")
    with pytest.raises(RosterFileError) as caught:
        parse("roster.csv", content)
    message = str(caught.value)
    assert "full_name" in message
    message.encode("utf-8")  # no lone surrogates: the message can be sent to the browser


@pytest.mark.parametrize(
    "header", [["NIS", "Nama", "nis"], ["NIS", "Nama", "Nama Lengkap"], ["NIS", "Nama", "JK", "L/P"]]
)
def test_duplicated_column(header):
    with pytest.raises(RosterFileError, match=f"The column “{header[-1]}” appears twice"):
        parse("roster.csv", csv_bytes([header, ["1", "Siti", "x", "y"]]))


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("roster.csv", b""),
        ("roster.csv", b"\xef\xbb\xbf"),
        ("roster.csv", b"\r\n  \r\n;;;\r\n;;\r\n"),
        ("roster.csv", b",,\r\n,,,\r\n"),
        ("roster.xlsx", None),
    ],
)
def test_empty_file(name, content):
    content = xlsx_bytes([]) if content is None else content
    with pytest.raises(RosterFileError, match="The file is empty"):
        read_table(name=name, content=content, max_rows=10)


def test_header_without_rows_is_not_an_error():
    rows, columns, _ignored = parse("roster.csv", b"nis;nama\r\n")
    assert rows == []
    assert columns == ["full_name", "identifier"]


@pytest.mark.parametrize("name", ["roster.xls", "roster.ods", "roster.pdf", "roster", "roster.csv.exe"])
def test_unsupported_extension(name):
    with pytest.raises(RosterFileError, match=r"Please upload a \.csv or \.xlsx file"):
        read_table(name=name, content=b"nis,nama\n1,Siti\n", max_rows=10)


@pytest.mark.parametrize(
    "content",
    [
        b"nis,nama\n1,Siti\n",  # a CSV renamed to .xlsx
        b"PK\x03\x04 not really a zip",
        b"",
    ],
)
def test_corrupt_xlsx(content):
    with pytest.raises(RosterFileError, match=r"could not be read as an Excel workbook"):
        read_table(name="roster.xlsx", content=content, max_rows=10)


def test_xlsx_with_a_corrupt_sheet_is_a_file_error_not_a_crash():
    good = xlsx_bytes([["NIS", "Nama"], ["1", "Siti"]])
    source = zipfile.ZipFile(io.BytesIO(good))
    broken = io.BytesIO()
    with zipfile.ZipFile(broken, "w") as target:
        for item in source.infolist():
            data = source.read(item)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = data[: len(data) // 2]
            target.writestr(item, data)
    with pytest.raises(RosterFileError, match=r"could not be read as an Excel workbook"):
        read_table(name="roster.xlsx", content=broken.getvalue(), max_rows=10)


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_too_many_rows(kind):
    table = [["nis", "nama"], *[[f"S{i}", f"Student {i}"] for i in range(6)], ["", ""]]
    content = csv_bytes(table) if kind == "csv" else xlsx_bytes(table)
    with pytest.raises(RosterFileError, match="The file has 6 rows; at most 5 can be imported"):
        read_table(name=f"roster.{kind}", content=content, max_rows=5)
    header, rows = read_table(name=f"roster.{kind}", content=content, max_rows=6)
    assert len(rows) == 6


# --- Errors on one row --------------------------------------------------------------------------


def row_errors(header, cells):
    rows = parse_csv([header, cells])
    return only_row(rows)


@pytest.mark.parametrize(
    ("cells", "error"),
    [
        (["", "Siti"], "The identifier (student or staff number) is empty."),
        (["   ", "Siti"], "The identifier (student or staff number) is empty."),
        (["1", ""], "The full name is empty."),
        (["x" * 41, "Siti"], "The identifier is longer than 40 characters."),
        (["1", "x" * 201], "The full name is longer than 200 characters."),
    ],
)
def test_identifier_and_name(cells, error):
    assert row_errors(["nis", "nama"], cells).errors == [error]


def test_short_row_counts_as_empty_cells():
    rows = parse("roster.csv", b"nis,nama,kelas\n1\n2,Budi\n")[0]
    assert rows[0].errors == ["The full name is empty."]
    assert rows[1].values == {"identifier": "2", "full_name": "Budi", "class_name": ""}
    assert not rows[1].errors


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2010-01-02", "2010-01-02"),
        ("2/1/2010", "2010-01-02"),
        ("02/01/2010", "2010-01-02"),
        ("02-01-2010", "2010-01-02"),
        ("02.01.2010", "2010-01-02"),
        ("29/02/2008", "2008-02-29"),
    ],
)
def test_good_dates(text, expected):
    row = row_errors(["nis", "nama", "tgl lahir"], ["1", "Siti", text])
    assert row.errors == []
    assert row.values["birth_date"] == expected


@pytest.mark.parametrize(
    "text", ["31/02/2010", "2010/01/02", "01/13/2010", "kemarin", "2-1-10", "13 Januari 2010"]
)
def test_bad_dates(text):
    row = row_errors(["nis", "nama", "tanggal_lahir"], ["1", "Siti", text])
    assert row.errors == [f"Birth date “{text}” is not a date (use YYYY-MM-DD or DD/MM/YYYY)."]
    assert row.values["birth_date"] == text


def test_future_and_too_old_dates():
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    future = tomorrow.strftime("%d/%m/%Y")
    today = timezone.localdate().isoformat()
    rows = parse_csv(
        [["nis", "nama", "dob"], ["1", "A", future], ["2", "B", "31/12/1899"], ["3", "C", today]]
    )
    assert rows[0].errors == [f"Birth date “{future}” is not possible."]
    assert rows[1].errors == ["Birth date “31/12/1899” is not possible."]
    assert rows[2].errors == []


@pytest.mark.parametrize(
    ("text", "gender"),
    [
        ("L", "male"),
        ("l", "male"),
        ("P", "female"),
        ("p", "female"),
        ("Laki-laki", "male"),
        ("LAKI LAKI", "male"),
        ("Perempuan", "female"),
        ("Pria", "male"),
        ("Wanita", "female"),
        ("Male", "male"),
        ("F", "female"),
        ("-", "unstated"),
    ],
)
def test_known_genders(text, gender):
    row = row_errors(["nis", "nama", "jenis kelamin"], ["1", "Siti", text])
    assert row.errors == []
    assert row.values["gender"] == gender


@pytest.mark.parametrize("text", ["X", "cowok", "lk"])
def test_unknown_gender(text):
    row = row_errors(["nis", "nama", "jk"], ["1", "Siti", text])
    assert row.errors == [f"Gender “{text}” is not recognised (use L or P)."]


def test_empty_optional_cells_are_not_errors():
    row = row_errors(
        ["nis", "nama", "jk", "tgl_lahir", "email", "peran", "bahasa", "username"],
        ["1", "Siti", "", "", "", "", "", ""],
    )
    assert row.errors == []


def test_emails_are_lowercased_and_checked():
    rows = parse_csv(
        [
            ["nis", "nama", "email", "email wali"],
            ["1", "A", "Siti@Sekolah.SCH.ID", "Ibu@Mail.com"],
            ["2", "B", "siti at sekolah", ""],
            ["3", "C", "", "wali@"],
        ]
    )
    assert rows[0].errors == []
    assert (rows[0].values["email"], rows[0].values["guardian_email"]) == (
        "siti@sekolah.sch.id",
        "ibu@mail.com",
    )
    assert rows[1].errors == ["“siti at sekolah” is not a valid email address."]
    assert rows[2].errors == ["“wali@” is not a valid email address."]


def test_roles_in_indonesian_and_english():
    rows = parse_csv(
        [
            ["nis", "nama", "peran"],
            ["1", "A", "Siswa; Konselor Sebaya"],
            ["2", "B", "guru bk, admin"],
            ["3", "C", "peer_supporter|member"],
            ["4", "D", "kepala sekolah; siswa"],
        ]
    )
    assert rows[0].values["roles"] == "member,peer_supporter"
    assert rows[1].values["roles"] == "counselor,org_admin"
    assert rows[2].values["roles"] == "member,peer_supporter"
    assert [r.errors for r in rows[:3]] == [[], [], []]
    assert rows[3].errors == ["Role “kepala sekolah” is not recognised."]


def test_languages():
    rows = parse_csv([["nis", "nama", "bahasa"], ["1", "A", "id; JV"], ["2", "B", "id, klingon"]])
    assert rows[0].errors == []
    assert rows[0].values["languages"] == "id,jv"
    assert rows[1].errors == ["Language code “klingon” is not recognised."]


def test_usernames_are_lowercased_and_checked():
    rows = parse_csv([["nis", "nama", "username"], ["1", "A", "Siti.A"], ["2", "B", "siti aminah"]])
    assert rows[0].errors == []
    assert rows[0].values["username"] == "siti.a"
    assert rows[1].errors == ["Username “siti aminah” may only use letters, digits and . @ + - _"]


@pytest.mark.parametrize(
    ("header", "limit"),
    [
        ("Kelas", 40),
        ("Tingkat", 20),
        ("Jabatan", 100),
        ("Nama Panggilan", 100),
        ("HP Wali", 40),
        ("Nama Wali", 200),
    ],
)
def test_cells_longer_than_the_database_allows(header, limit):
    # SQLite would store them; PostgreSQL refuses the whole import at confirm time.
    too_long = "x" * (limit + 1)
    row = row_errors(["nis", "nama", header], ["1", "Siti", too_long])
    assert row.errors == [f"“{header}” is longer than {limit} characters."]
    # A value that fits (for the guardian's phone, one that is also a phone number).
    fits = "0812" + " " * (limit - 12) + "34567890" if header == "HP Wali" else "x" * limit
    assert not row_errors(["nis", "nama", header], ["1", "Siti", fits]).errors


def test_long_email_is_refused():
    email = "a" * 64 + "@" + ".".join(["b" * 60] * 4) + ".id"
    row = row_errors(["nis", "nama", "email"], ["1", "Siti", email])
    assert "“email” is longer than 254 characters." in row.errors


def test_duplicate_identifier_names_the_earlier_line():
    rows = parse_csv(
        [
            ["nis", "nama"],
            ["S-1", "Siti"],
            ["S-2", "Budi"],
            ["s-1", "Siti lagi"],
            ["", "Tanpa nomor"],
            ["", "Lagi"],
        ]
    )
    assert [r.errors for r in rows] == [
        [],
        [],
        ["The identifier s-1 also appears on line 2."],
        ["The identifier (student or staff number) is empty."],
        ["The identifier (student or staff number) is empty."],
    ]


def test_row_in_another_encoding_inside_a_utf8_file():
    content = (
        b"nis;nama;kelas\r\n"
        + "1;Siti Nūr;X\r\n".encode()
        + "2;José Müller;X\r\n".encode("cp1252")
        + b"3;Budi;XI\r\n"
    )
    rows, _columns, _ignored = parse("roster.csv", content)
    assert [bool(r.errors) for r in rows] == [False, True, False]
    assert len(rows[1].errors) == 1
    assert WRONG_ENCODING in rows[1].errors[0]
    # What is kept can be stored and shown: no lone surrogates.
    assert rows[1].values["full_name"] == "Jos\ufffd M\ufffdller"
    rows[1].values["full_name"].encode("utf-8")
    assert rows[0].values["full_name"] == "Siti Nūr"


def test_whole_file_in_latin1_marks_every_row_with_such_characters():
    content = "nis,nama\n1,Zoë\n2,Budi\n3,Renée\n".encode("latin-1")
    rows, _columns, _ignored = parse("roster.csv", content)
    assert [bool(r.errors) for r in rows] == [True, False, True]


def test_several_errors_on_one_row_are_all_reported():
    row = row_errors(["nis", "nama", "jk", "tgl lahir", "email"], ["", "", "Z", "kemarin", "x@"])
    assert len(row.errors) == 5


# --- Properties -------------------------------------------------------------------------------


@given(st.dates(min_value=datetime.date(1000, 1, 1)), st.sampled_from(DATE_FORMATS))
def test_parse_date_accepts_every_date_in_every_format(day, fmt):
    text = (
        fmt.replace("%Y", f"{day.year:04d}").replace("%m", f"{day.month:02d}").replace("%d", f"{day.day:02d}")
    )
    assert parse_date(text) == day
    assert parse_date(f"  {text} ") == day


@given(st.text())
def test_normalise_header_is_idempotent(text):
    once = normalise_header(text)
    assert normalise_header(once) == once
    assert not once.startswith("_") and not once.endswith("_")
    assert not any(char.isspace() or char in "-/" for char in once)


# Names as people write them: letters of any script, spaces inside, and the punctuation that
# spreadsheets and CSV writers must survive (apostrophes, quotes, commas, semicolons, tabs).
random_name = st.text(
    alphabet=st.one_of(
        st.characters(categories=["L", "N", "Mn"]),
        st.sampled_from(" '\"’,;.-\t()"),
    ),
    min_size=1,
    max_size=60,
)
# Words that trip up delimiter and quote guessing: leading or trailing apostrophes, titles after a comma.
tricky_word = st.sampled_from(["'Ain", "Ma'ruf", "Qur'ani'", "Sa'", '"Ani"', "S.Pd,", "Budi;", "M.Si.", "'"])
word_name = st.lists(
    st.one_of(tricky_word, st.text(alphabet="abcdefghijklmnop", min_size=1, max_size=8)),
    min_size=1,
    max_size=4,
).map(" ".join)
name_text = st.one_of(word_name, random_name).filter(
    lambda name: name == name.strip() and name != "" and len(name) <= 60
)
identifier_text = st.text(alphabet="ABCDEFGHIJKLMNOPQRSTUVWXYZabcdef0123456789-./", min_size=1, max_size=20)
alias = st.sampled_from


@st.composite
def rosters(draw):
    identifiers = draw(st.lists(identifier_text, min_size=1, max_size=8, unique_by=str.lower))
    people = [
        {
            "identifier": identifier,
            "full_name": draw(name_text),
            "class_name": draw(st.one_of(st.just(""), name_text.filter(lambda name: len(name) <= 40))),
            "birth_date": draw(st.dates(datetime.date(1950, 1, 1), datetime.date(2020, 12, 31))),
        }
        for identifier in identifiers
    ]
    header = [
        draw(alias(COLUMNS["identifier"])),
        draw(alias(COLUMNS["full_name"])),
        draw(alias(COLUMNS["class_name"])),
        draw(alias(COLUMNS["birth_date"])),
    ]
    header = [draw(st.sampled_from([h, h.upper(), h.replace("_", " ").title()])) for h in header]
    date_format = draw(st.sampled_from(DATE_FORMATS))
    return header, people, date_format


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rosters(), st.sampled_from([",", ";", "\t"]), st.booleans())
def test_valid_rows_round_trip_through_csv(roster, delimiter, bom):
    header, people, date_format = roster
    table = [header] + [
        [p["identifier"], p["full_name"], p["class_name"], p["birth_date"].strftime(date_format)]
        for p in people
    ]
    rows, _columns, _ignored = parse("roster.csv", csv_bytes(table, delimiter=delimiter, bom=bom))
    assert [r.errors for r in rows] == [[] for _ in people]
    assert [r.values for r in rows] == [
        {
            "identifier": p["identifier"],
            "full_name": p["full_name"],
            "class_name": p["class_name"],
            "birth_date": p["birth_date"].isoformat(),
        }
        for p in people
    ]
    assert [r.line for r in rows] == list(range(2, len(people) + 2))


@settings(max_examples=25, deadline=None)
@given(rosters())
def test_valid_rows_round_trip_through_xlsx(roster):
    header, people, _date_format = roster
    table = [header] + [
        [p["identifier"], p["full_name"], p["class_name"] or None, p["birth_date"]] for p in people
    ]
    rows, _columns, _ignored = parse("roster.xlsx", xlsx_bytes(table))
    assert [r.errors for r in rows] == [[] for _ in people]
    assert [(r.values["identifier"], r.values["full_name"], r.values["birth_date"]) for r in rows] == [
        (p["identifier"], p["full_name"], p["birth_date"].isoformat()) for p in people
    ]
