"""Opening an .xlsx roster without letting it take the server down.

An .xlsx file is a zip of XML parts, and a few hundred kilobytes of it can unpack to gigabytes,
or to millions of rows that openpyxl keeps track of. So before openpyxl opens a workbook,
`check_package` reads the zip's directory and then every part once, in small pieces, and
refuses the file as soon as it sees more than the limits allow:

- the directory first, before anything is unpacked: how many parts, their unpacked sizes
  together (`ROSTER_MAX_UNPACKED_BYTES`) and how much more each unpacks to than it takes in the
  file (`ROSTER_MAX_COMPRESSION_RATIO`);
- then each part, unpacked 64 KB at a time with zlib itself, so that a part which unpacks to
  more than its directory entry says is caught after at most one piece too many (Python's
  zipfile trusts the entry to cut the output, but its `read()` unpacks a whole part at once,
  and openpyxl reads the small parts that way);
- the XML in each part, through expat without building anything: no DTD (so no entities),
  rows, cells and shared strings within `ROSTER_MAX_SHEET_ROWS` and `ROSTER_MAX_CELLS`, no text
  or attribute longer than Excel itself allows, and parts that openpyxl parses whole (the
  workbook, styles, relationships, properties) small.

openpyxl then reads the first sheet in read-only (streaming) mode, through a file object that
checks the deadline every time it is read, and `limits.collect` applies the row limits.
"""

from __future__ import annotations

import datetime
import io
import posixpath
import struct
import zipfile
import zlib
from dataclasses import dataclass
from xml.parsers import expat

from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from openpyxl.xml.constants import (
    ARC_CONTENT_TYPES,
    ARC_CORE,
    ARC_CUSTOM,
    ARC_STYLE,
    ARC_WORKBOOK,
    SHARED_STRINGS,
    XLSM,
    XLSX,
    XLTM,
    XLTX,
)

from sebaya.roster.limits import Deadline, Limits, RosterFileError, sheet_too_long, too_many_cells, trim_row

PIECE = 64 * 1024
MAX_PARTS = 1_000  # a roster workbook has about ten
MAX_DIRECTORY_BYTES = 256 * 1024  # the zip's directory, read before anything else
RATIO_FLOOR = 1024 * 1024  # smaller parts may compress as well as they like
# openpyxl builds a whole tree (about 200 bytes an element) from every part it does not stream.
SMALL_PART_ELEMENTS = 100_000
MAX_TEXT_CHARS = 32_767  # Excel's own limit for one cell: longer text comes from no spreadsheet
MAX_ATTRIBUTES = 64
MAX_ROW_ATTRIBUTES = 16  # openpyxl keeps the attributes of every row that has more than r and spans
MAX_UNIT_ELEMENTS = 40_000  # in one row or one shared string (16,384 cells wide, rich text)
WORKBOOK_TYPES = (XLSX, XLSM, XLTX, XLTM)
EOCD_SIGNATURE = b"PK\x05\x06"
LOCAL_HEADER = b"PK\x03\x04"


def unreadable() -> RosterFileError:
    return RosterFileError(_("This file could not be read as an Excel workbook (.xlsx)."))


def unusual() -> RosterFileError:
    return RosterFileError(
        _(
            "This workbook is built in a way the import does not read (for example very heavy "
            "formatting, or a chart as a sheet). Copy the data into a new workbook, or save it as "
            "“CSV UTF-8”, and upload it again."
        )
    )


def too_large_unpacked(limits: Limits) -> RosterFileError:
    return RosterFileError(
        _(
            "This file is too large once unpacked: an Excel workbook may hold at most %(size)s of "
            "data. Delete what the import does not need (other sheets, pictures), or save the data "
            "as “CSV UTF-8”, and upload it again."
        )
        % {"size": filesizeformat(limits.unpacked_bytes)}
    )


def packed_too_tightly() -> RosterFileError:
    return RosterFileError(
        _(
            "This workbook unpacks to far more data than its size suggests, so it was not opened. "
            "Copy the data into a new workbook, or save it as “CSV UTF-8”, and upload it again."
        )
    )


@dataclass
class Budget:
    """What the whole workbook may hold, counted over every part."""

    limits: Limits
    rows: int = 0
    cells: int = 0
    strings: int = 0


def _row_number(attributes: dict) -> float:
    """The row's number as openpyxl reads it (it accepts "5.0" and "1e9" too)."""
    try:
        return float(attributes.get("r") or 0)
    except ValueError:
        return 0  # openpyxl refuses it


class PartScan:
    """Counts the XML elements of one part as it is unpacked; keeps nothing of its content.

    openpyxl builds each element it reads into a tree. In the parts it streams it drops each row
    (and each shared string) once read, so those may be many but each must be small; everything
    else it keeps, so that must be small in all.
    """

    def __init__(self, name: str, budget: Budget):
        self.name = name
        self.root = ""
        self.elements = 0
        self.overrides: list[tuple[str, str]] = []  # from [Content_Types].xml: (part name, type)
        self.relationships: list[tuple[str, str]] = []  # from a .rels part: (type, target)
        self.is_xml = True
        self.parser = expat.ParserCreate(namespace_separator=" ")
        self.parser.buffer_text = True
        self._handlers(budget)

    def feed(self, piece: bytes, final: bool = False) -> None:
        if not self.is_xml:
            return
        try:
            self.parser.Parse(piece, final)
        except expat.ExpatError:
            # Not XML (a picture), or broken XML: openpyxl, parsing with the same expat, stops at
            # the same place if it reads this part at all. What it saw before is counted.
            self.is_xml = False

    def _handlers(self, budget: Budget) -> None:
        """The expat handlers, as closures over plain counters: they run for every element of
        every part (300,000 in a 10,000-row sheet), and attribute lookups would double their time."""
        limits = budget.limits
        content_types = self.name == ARC_CONTENT_TYPES
        depth = unit_depth = unit_elements = outside = text = 0
        in_sheet_data = False
        scan = self

        def start(name: str, attributes: dict) -> None:
            nonlocal depth, unit_depth, unit_elements, outside, text, in_sheet_data
            local = name[name.rfind(" ") + 1 :]
            scan.elements += 1
            depth += 1
            text = 0
            if attributes and (
                len(attributes) > MAX_ATTRIBUTES or max(map(len, attributes.values())) > MAX_TEXT_CHARS
            ):
                raise unusual()
            if unit_depth:  # inside a row of sheetData, or a shared string
                unit_elements += 1
                if unit_elements > MAX_UNIT_ELEMENTS:
                    raise unusual()
            elif (in_sheet_data and depth == 3 and local == "row") or (
                depth == 2 and local == "si" and scan.root == "sst"
            ):
                unit_depth, unit_elements = depth, 1
            else:
                outside += 1
                if outside > SMALL_PART_ELEMENTS:
                    raise unusual()
                if depth == 1:
                    scan.root = local
                elif depth == 2 and local == "sheetData" and scan.root == "worksheet":
                    in_sheet_data = True
            if local == "c":
                budget.cells += 1
                if budget.cells > limits.cells:
                    raise too_many_cells(limits)
            elif local == "row":
                budget.rows += 1
                if len(attributes) > MAX_ROW_ATTRIBUTES:
                    raise unusual()
                if budget.rows > limits.sheet_rows or _row_number(attributes) > limits.sheet_rows:
                    raise sheet_too_long(limits)
            elif local == "si":
                budget.strings += 1
                if budget.strings > limits.cells:  # more strings than cells is of no use
                    raise too_many_cells(limits)
            elif local == "Override" and content_types:
                scan.overrides.append((attributes.get("PartName", ""), attributes.get("ContentType", "")))
            elif local == "Relationship" and attributes.get("TargetMode") != "External":
                kind = attributes.get("Type", "")
                if kind.endswith("/chartsheet"):
                    raise unusual()  # openpyxl parses a chart sheet whole, from whichever part it names
                scan.relationships.append((kind, attributes.get("Target", "")))

        def end(_name: str) -> None:
            nonlocal depth, unit_depth, in_sheet_data, text
            if unit_depth == depth:
                unit_depth = 0
            elif depth == 2:
                in_sheet_data = False
            depth -= 1
            text = 0

        def characters(data: str) -> None:
            nonlocal text
            text += len(data)
            if text > MAX_TEXT_CHARS:
                raise unusual()

        def doctype(*_args) -> None:
            raise unusual()  # no spreadsheet needs a DTD; refusing it rules out entity expansion

        self.parser.StartElementHandler = start
        self.parser.EndElementHandler = end
        self.parser.CharacterDataHandler = characters
        self.parser.StartDoctypeDeclHandler = doctype


def check_package(content: bytes, *, limits: Limits, deadline: Deadline) -> None:
    """Refuse the workbook unless openpyxl can read it within the limits. Keeps nothing."""
    directory_size = _directory_size(content)
    if directory_size is not None and directory_size > MAX_DIRECTORY_BYTES:
        raise unusual()
    try:
        archive = zipfile.ZipFile(io.BytesIO(content))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError) as error:
        raise unreadable() from error
    with archive:
        infos = archive.infolist()
        _check_directory(infos, limits)
        budget = Budget(limits)
        parts = {}
        for info in infos:
            parts[info.filename] = _scan_part(content, info, budget, deadline)
    _check_roles(parts)


def _directory_size(content: bytes) -> int | None:
    """The size of the zip's central directory, from its end record, before zipfile reads it."""
    position = content.rfind(EOCD_SIGNATURE, max(0, len(content) - 22 - 65_535))
    if position < 0 or len(content) < position + 22:
        return None  # zipfile will say it is not a zip
    (size,) = struct.unpack("<L", content[position + 12 : position + 16])
    return size


def _check_directory(infos: list[zipfile.ZipInfo], limits: Limits) -> None:
    if len(infos) > MAX_PARTS or len({info.filename for info in infos}) != len(infos):
        raise unusual()
    if sum(info.file_size for info in infos) > limits.unpacked_bytes:
        raise too_large_unpacked(limits)
    for info in infos:
        if info.flag_bits & 0x1:  # encrypted
            raise unreadable()
        if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            raise unreadable()  # bzip2 and lzma unpack without a bound on each piece
        if info.file_size > RATIO_FLOOR and info.file_size > limits.compression_ratio * max(
            info.compress_size, 1
        ):
            raise packed_too_tightly()


def _scan_part(content: bytes, info: zipfile.ZipInfo, budget: Budget, deadline: Deadline) -> PartScan:
    """Unpack one part piece by piece, checking its size and checksum, and scan its XML."""
    start = info.header_offset
    header = content[start : start + 30]
    if len(header) < 30 or header[:4] != LOCAL_HEADER:
        raise unreadable()
    name_length, extra_length = struct.unpack("<HH", header[26:30])
    data_start = start + 30 + name_length + extra_length
    packed = memoryview(content)[data_start : data_start + info.compress_size]
    if len(packed) != info.compress_size:
        raise unreadable()
    scan = PartScan(info.filename, budget)
    unpacked = checksum = 0
    for piece in _pieces(packed, info.compress_type, deadline):
        unpacked += len(piece)
        if unpacked > info.file_size:
            raise unreadable()  # the part holds more than its directory entry says
        checksum = zlib.crc32(piece, checksum)
        scan.feed(piece)
    if unpacked != info.file_size or checksum != info.CRC:
        raise unreadable()
    scan.feed(b"", final=True)
    return scan


def _pieces(packed: memoryview, compress_type: int, deadline: Deadline):
    if compress_type == zipfile.ZIP_STORED:
        for offset in range(0, len(packed), PIECE):
            deadline.check()
            yield bytes(packed[offset : offset + PIECE])
        return
    inflater = zlib.decompressobj(-zlib.MAX_WBITS)
    offset = 0
    while not inflater.eof:
        deadline.check()
        if inflater.unconsumed_tail:
            piece = inflater.decompress(inflater.unconsumed_tail, PIECE)
        elif offset < len(packed):
            piece = inflater.decompress(packed[offset : offset + PIECE], PIECE)
            offset += PIECE
        else:
            raise unreadable()  # the compressed data ends before its end marker
        yield piece


def _check_roles(parts: dict[str, PartScan]) -> None:
    """The large parts must be read the way openpyxl streams them, and only that way.

    openpyxl parses some parts whole: fixed names, every .rels part, and the workbook part named
    in [Content_Types].xml. It streams the sheets (rows dropped once read) and the shared
    strings (each dropped once read), but a sheet read as shared strings, or shared strings read
    as a sheet, would be kept whole.
    """
    content_types = parts.get(ARC_CONTENT_TYPES)
    overrides = content_types.overrides if content_types else []
    parsed_whole = {ARC_CONTENT_TYPES, ARC_WORKBOOK, ARC_STYLE, ARC_CORE, ARC_CUSTOM}
    parsed_whole |= {name for name in parts if name.endswith(".rels")}
    parsed_whole |= {name[1:] for name, kind in overrides if kind in WORKBOOK_TYPES}

    def large(name: str) -> bool:
        return name in parts and parts[name].elements > SMALL_PART_ELEMENTS

    if any(large(name) for name in parsed_whole):
        raise unusual()
    for name, kind in overrides:
        if kind == SHARED_STRINGS and large(name[1:]) and parts[name[1:]].root != "sst":
            raise unusual()
    for rels_name, part in parts.items():
        for kind, target in part.relationships:
            name = _resolve(rels_name, target)
            if large(name) and parts[name].root == "sst" and not kind.endswith("/sharedStrings"):
                raise unusual()


def _resolve(rels_name: str, target: str) -> str:
    """A relationship's target as a part name, the way openpyxl resolves it (get_dependents)."""
    if target.startswith("/"):
        return target[1:]
    parent = posixpath.split(posixpath.dirname(rels_name))[0]
    return posixpath.normpath(posixpath.join(parent, target))


class TimedFile(io.BytesIO):
    """The workbook's bytes for openpyxl, with the deadline checked on every read."""

    def __init__(self, content: bytes, deadline: Deadline):
        super().__init__(content)
        self.deadline = deadline

    def read(self, size: int | None = -1) -> bytes:
        self.deadline.check()
        return super().read(size)


def open_workbook(content: bytes, *, limits: Limits, deadline: Deadline):
    """Check the package, then open it with openpyxl in read-only (streaming) mode."""
    from openpyxl import load_workbook

    check_package(content, limits=limits, deadline=deadline)
    try:
        # keep_links=False: external links hold cached copies of other workbooks, parsed whole.
        return load_workbook(TimedFile(content, deadline), read_only=True, data_only=True, keep_links=False)
    except RosterFileError:
        raise
    except Exception as error:  # openpyxl raises many kinds; all mean "not a readable workbook"
        raise unreadable() from error


def sheet_rows(workbook, *, limits: Limits):
    """(line, cell texts) for every row of the first sheet, empty ones included."""
    sheet = workbook.worksheets[0]
    # A sheet's declared size is not trusted: openpyxl would pad every row to its width.
    sheet.reset_dimensions()
    for line, values in enumerate(sheet.iter_rows(values_only=True), start=1):
        yield line, [cell_text(value) for value in trim_row(values, line=line, limits=limits)]


def cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        return value.date().isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()
