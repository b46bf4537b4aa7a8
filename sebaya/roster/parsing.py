"""Reading roster files (CSV or XLSX) into rows of text, and checking every row.

Nothing here writes to the database: `check_rows` returns per-row errors so the admin can
fix the file, and `services.roster_apply` writes everything in one transaction.
"""

from __future__ import annotations

import csv
import datetime
import io
import re
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils import timezone
from django.utils.translation import gettext as _

from sebaya.accounts.models import User
from sebaya.accounts.names import USERNAME_RE
from sebaya.people.models import LANGUAGE_CHOICES, Gender, Membership, Person, Role
from sebaya.people.phones import is_phone
from sebaya.roster.limits import Deadline, Limits, RosterFileError, collect, excerpt, too_large, trim_row
from sebaya.roster.workbook import open_workbook, sheet_rows, unreadable

__all__ = ["COLUMNS", "RosterFileError", "Row", "map_columns", "parse_rows", "read_table"]

# Canonical column -> accepted header spellings (Indonesian and English), compared after normalising.
COLUMNS: dict[str, tuple[str, ...]] = {
    "identifier": (
        "identifier",
        "nis",
        "nisn",
        "nim",
        "nip",
        "student_number",
        "no_induk",
        "nomor_induk",
        "id",
    ),
    "full_name": ("full_name", "name", "nama", "nama_lengkap"),
    "preferred_name": ("preferred_name", "nickname", "nama_panggilan", "panggilan"),
    "gender": ("gender", "sex", "jenis_kelamin", "jk", "l_p"),
    "birth_date": ("birth_date", "date_of_birth", "dob", "tanggal_lahir", "tgl_lahir"),
    "grade": ("grade", "tingkat", "kelas_tingkat", "angkatan"),
    "class_name": ("class", "class_name", "kelas", "rombel"),
    "unit": ("unit", "jabatan", "bagian", "prodi", "program_studi"),
    "email": ("email", "e_mail", "surel"),
    "username": ("username", "nama_pengguna"),
    "roles": ("roles", "role", "peran"),
    "languages": ("languages", "language", "bahasa"),
    "guardian_name": ("guardian_name", "guardian", "wali", "nama_wali", "nama_orang_tua"),
    "guardian_phone": ("guardian_phone", "hp_wali", "telepon_wali", "no_hp_wali", "telp_wali"),
    "guardian_email": ("guardian_email", "email_wali"),
}
REQUIRED = ("identifier", "full_name")

GENDERS = {
    "l": Gender.MALE, "laki-laki": Gender.MALE, "laki laki": Gender.MALE, "pria": Gender.MALE,
    "m": Gender.MALE, "male": Gender.MALE,
    "p": Gender.FEMALE, "perempuan": Gender.FEMALE, "wanita": Gender.FEMALE,
    "f": Gender.FEMALE, "female": Gender.FEMALE,
    "-": Gender.UNSTATED, "unstated": Gender.UNSTATED,
}  # fmt: skip
ROLE_WORDS = {role.value: role.value for role in Role} | {
    "siswa": Role.MEMBER, "mahasiswa": Role.MEMBER, "anggota": Role.MEMBER, "student": Role.MEMBER,
    "konselor_sebaya": Role.PEER_SUPPORTER, "peer": Role.PEER_SUPPORTER,
    "guru_bk": Role.COUNSELOR, "konselor": Role.COUNSELOR,
    "mitra": Role.PARTNER, "koordinator": Role.COORDINATOR, "relawan": Role.FIELD_WORKER,
    "admin": Role.ORG_ADMIN,
}  # fmt: skip
LANGUAGE_CODES = {code for code, _label in LANGUAGE_CHOICES}
DATE_FORMATS = ("%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y")
CSV_DELIMITERS = (",", ";", "\t")


def _max_lengths() -> dict[str, int]:
    """Columns stored in length-limited database fields (PostgreSQL refuses longer text)."""

    fields = {
        "preferred_name": Person, "guardian_name": Person, "guardian_phone": Person, "guardian_email": Person,
        "grade": Membership, "class_name": Membership, "unit": Membership,
    }  # fmt: skip
    lengths = {name: model._meta.get_field(name).max_length for name, model in fields.items()}
    lengths["email"] = User._meta.get_field("email").max_length
    return lengths


@dataclass
class Row:
    line: int
    values: dict[str, str]
    errors: list[str] = field(default_factory=list)
    action: str = ""  # "new" or "update", set by services.roster_check


def normalise_header(text: str) -> str:
    return re.sub(r"[\s\-/]+", "_", str(text or "").strip().lower()).strip("_")


def read_table(*, name: str, content: bytes, max_rows: int) -> tuple[list[str], list[tuple[int, list[str]]]]:
    """Return the header and (line number, cells) for every non-empty row.

    Every limit of `limits.Limits` applies (sizes, rows, columns, cells, characters, time), so
    a file built to exhaust the server is refused early, with a message that says why.
    """
    limits = Limits.from_settings(max_rows=max_rows)
    deadline = Deadline(limits.seconds)
    if len(content) > limits.upload_bytes:  # the upload form checks it too; this is for every caller
        raise too_large(limits.upload_bytes)
    lowered = name.lower()
    if lowered.endswith(".xlsx"):
        header, rows = _read_xlsx(content, limits, deadline)
    elif lowered.endswith((".csv", ".txt")):
        header, rows = _read_csv(content, limits, deadline)
    else:
        raise RosterFileError(_("Please upload a .csv or .xlsx file."))
    if not header:
        raise RosterFileError(_("The file is empty."))
    return header, rows


def _decode(content: bytes) -> str:
    if content.startswith((b"\xff\xfe", b"\xfe\xff")):
        # Excel's "Unicode text" (.txt) is UTF-16 with a byte order mark.
        try:
            return content.decode("utf-16")
        except UnicodeDecodeError as error:
            raise RosterFileError(_not_text()) from error
    # surrogateescape keeps going past bytes that are not UTF-8, so each bad row can be named.
    return content.decode("utf-8-sig", errors="surrogateescape")


def _not_text() -> str:
    return _(
        "This file could not be read as a CSV file. "
        "Save it from your spreadsheet as “CSV UTF-8” and upload it again."
    )


def guess_delimiter(text: str) -> str:
    """The delimiter used by the header line: the one of , ; tab it holds most often outside quotes.

    Not csv.Sniffer: it takes the apostrophe in names such as Ma'ruf or 'Aisyah for a quote
    character (merging rows), and misses ";" when a quoted cell holds one.
    """
    counts = dict.fromkeys(CSV_DELIMITERS, 0)
    in_quotes = has_text = line_ended = False
    for char in text:
        if char in "\r\n" and not in_quotes:
            if has_text:
                break
            line_ended = True
            continue
        if line_ended:  # an empty row such as ";;;" is not the header: start counting again
            counts = dict.fromkeys(CSV_DELIMITERS, 0)
            line_ended = False
        if char == '"':
            in_quotes = not in_quotes
            has_text = True
        elif in_quotes:
            continue
        elif char in counts:
            counts[char] += 1
        elif not char.isspace():
            has_text = True
    return max(CSV_DELIMITERS, key=lambda delimiter: counts[delimiter])  # a tie goes to the comma


def _read_csv(content: bytes, limits: Limits, deadline: Deadline):
    # The text is at most as long as the file, which read_table has checked against its limit.
    text = _decode(content)
    if "\x00" in text:  # a binary file, or UTF-16 without its mark; no database stores NUL in text
        raise RosterFileError(_not_text())
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=guess_delimiter(text))
    lines = ((reader.line_num, trim_row(cells, line=reader.line_num, limits=limits)) for cells in reader)
    try:
        header, rows = collect(lines, limits=limits, deadline=deadline)
    except csv.Error as error:  # e.g. an unclosed quote running into the field size limit
        raise RosterFileError(_not_text()) from error
    # Header titles are shown back in error messages: bytes that are not UTF-8 must not reach the page.
    return [_without_bad_bytes(title) for title in header], rows


def _without_bad_bytes(text: str) -> str:
    return text.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def _read_xlsx(content: bytes, limits: Limits, deadline: Deadline):
    workbook = open_workbook(content, limits=limits, deadline=deadline)
    try:
        return collect(sheet_rows(workbook, limits=limits), limits=limits, deadline=deadline)
    except RosterFileError:
        raise
    except Exception as error:  # openpyxl raises many kinds while reading rows too
        raise unreadable() from error
    finally:
        workbook.close()


def map_columns(header: list[str]) -> tuple[dict[str, int], list[str]]:
    """Canonical column -> index. Raises when a required column is missing or doubled."""
    found: dict[str, int] = {}
    ignored = []
    for index, title in enumerate(header):
        key = normalise_header(title)
        canonical = next((name for name, aliases in COLUMNS.items() if key in aliases), None)
        if canonical is None:
            if key:
                ignored.append(excerpt(title))
            continue
        if canonical in found:
            raise RosterFileError(_("The column “%(column)s” appears twice.") % {"column": excerpt(title)})
        found[canonical] = index
    missing = [name for name in REQUIRED if name not in found]
    if missing:
        raise RosterFileError(
            _("Missing required columns: %(missing)s. Columns found: %(found)s.")
            % {
                "missing": ", ".join(missing),
                "found": _titles(header),
            }
        )
    return found, ignored


def _titles(header: list[str], shown: int = 10) -> str:
    """The header's titles for a message: each cut short, and at most `shown` of them."""
    titles = [excerpt(title) for title in header if str(title).strip()]
    text = ", ".join(titles[:shown]) or "—"
    return text + ", …" if len(titles) > shown else text


def parse_rows(
    header: list[str], table: list[tuple[int, list[str]]]
) -> tuple[list[Row], list[str], list[str]]:
    columns, ignored = map_columns(header)
    labels = {name: excerpt(header[index]) for name, index in columns.items()}
    max_lengths = _max_lengths()
    rows = []
    for line, cells in table:
        values = {
            name: (cells[index].strip() if index < len(cells) else "") for name, index in columns.items()
        }
        row = Row(line=line, values=values)
        _check_cells(row, labels=labels, max_lengths=max_lengths)
        rows.append(row)
    _check_duplicates(rows)
    return rows, sorted(columns), ignored


def _check_cells(
    row: Row, *, labels: dict[str, str] | None = None, max_lengths: dict[str, int] | None = None
) -> None:
    values = row.values
    labels = labels or {}
    if any("\udc80" <= ch <= "\udcff" for value in values.values() for ch in value):
        row.errors.append(
            _(
                "This row has characters in the wrong encoding. "
                "Save the file as “CSV UTF-8” and upload it again."
            )
        )
        for key, value in values.items():
            values[key] = value.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    if not values.get("identifier"):
        row.errors.append(_("The identifier (student or staff number) is empty."))
    elif len(values["identifier"]) > 40:
        row.errors.append(_("The identifier is longer than 40 characters."))
    if not values.get("full_name"):
        row.errors.append(_("The full name is empty."))
    elif len(values["full_name"]) > 200:
        row.errors.append(_("The full name is longer than 200 characters."))
    for column, max_length in (_max_lengths() if max_lengths is None else max_lengths).items():
        if len(values.get(column, "")) > max_length:
            row.errors.append(
                _("“%(column)s” is longer than %(max)s characters.")
                % {"column": labels.get(column, column), "max": max_length}
            )
    if values.get("gender"):
        gender = GENDERS.get(values["gender"].strip().lower())
        if gender is None:
            row.errors.append(
                _("Gender “%(value)s” is not recognised (use L or P).") % {"value": excerpt(values["gender"])}
            )
        else:
            values["gender"] = gender.value
    if values.get("birth_date"):
        parsed = parse_date(values["birth_date"])
        if parsed is None:
            row.errors.append(
                _("Birth date “%(value)s” is not a date (use YYYY-MM-DD or DD/MM/YYYY).")
                % {"value": excerpt(values["birth_date"])}
            )
        elif parsed > timezone.localdate() or parsed.year < 1900:
            row.errors.append(
                _("Birth date “%(value)s” is not possible.") % {"value": excerpt(values["birth_date"])}
            )
        else:
            values["birth_date"] = parsed.isoformat()
    for column in ("email", "guardian_email"):
        if values.get(column):
            values[column] = values[column].lower()
            try:
                validate_email(values[column])
            except ValidationError:
                row.errors.append(
                    _("“%(value)s” is not a valid email address.") % {"value": excerpt(values[column])}
                )
    phone = values.get("guardian_phone", "")
    # A phone too long for its column already has its error above.
    if phone and len(phone) <= Person._meta.get_field("guardian_phone").max_length and not is_phone(phone):
        row.errors.append(
            _("Guardian phone “%(value)s” is not a phone number (write it like 0812-3456-7890).")
            % {"value": excerpt(phone)}
        )
    if values.get("username"):
        values["username"] = values["username"].lower()
        if not USERNAME_RE.match(values["username"]):
            row.errors.append(
                _("Username “%(value)s” may only use letters, digits and . @ + - _")
                % {"value": excerpt(values["username"])}
            )
    if values.get("roles"):
        codes = []
        for word in re.split(r"[;,|]", values["roles"]):
            key = normalise_header(word)
            if not key:
                continue
            role = ROLE_WORDS.get(key)
            if role is None:
                row.errors.append(_("Role “%(value)s” is not recognised.") % {"value": excerpt(word)})
            else:
                codes.append(str(role))
        values["roles"] = ",".join(sorted(set(codes)))
    if values.get("languages"):
        codes = [normalise_header(c) for c in re.split(r"[;,|]", values["languages"]) if c.strip()]
        unknown = [c for c in codes if c not in LANGUAGE_CODES]
        if unknown:
            row.errors.append(
                _("Language code “%(value)s” is not recognised.") % {"value": excerpt(", ".join(unknown))}
            )
        values["languages"] = ",".join(codes)


def _check_duplicates(rows: list[Row]) -> None:
    first_line: dict[str, int] = {}
    for row in rows:
        key = row.values.get("identifier", "").lower()
        if not key:
            continue
        if key in first_line:
            row.errors.append(
                _("The identifier %(id)s also appears on line %(line)s.")
                % {"id": excerpt(row.values["identifier"]), "line": first_line[key]}
            )
        else:
            first_line[key] = row.line


def parse_date(text: str) -> datetime.date | None:
    text = text.strip()
    for fmt in DATE_FORMATS:
        try:
            return datetime.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    return None
