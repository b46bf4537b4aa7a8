"""Hostile .xlsx files for the tests and bench/roster_bombs.py, built in memory in milliseconds.

A part is given as bytes, or as `Repeated`: a piece repeated many times. Its piece is compressed
once and that compressed block repeated (a block flushed with Z_FULL_FLUSH never refers back
to earlier data), so a part that unpacks to hundreds of megabytes takes a few hundred kilobytes
and no time to build, as an attacker's file would. The zip is written by hand so that a
directory entry can also lie about the size of its part.
"""

from __future__ import annotations

import io
import struct
import zipfile
import zlib
from dataclasses import dataclass

from openpyxl.utils import get_column_letter

MAIN = b'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
RELS = b'xmlns="http://schemas.openxmlformats.org/package/2006/relationships"'
DOC_RELS = b"http://schemas.openxmlformats.org/officeDocument/2006/relationships"
SHEET_TYPE = b"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"
STRINGS_TYPE = b"application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"
WORKBOOK_TYPE = b"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"
MEGABYTE = 1 << 20


@dataclass
class Repeated:
    head: bytes
    piece: bytes
    times: int
    tail: bytes = b""

    @property
    def size(self) -> int:
        return len(self.head) + len(self.piece) * self.times + len(self.tail)


def _deflate(part: bytes | Repeated) -> tuple[bytes, int, int]:
    """(compressed bytes, unpacked size, CRC-32) of a part."""
    if isinstance(part, bytes):
        part = Repeated(part, b"", 0)
    compressor = zlib.compressobj(9, zlib.DEFLATED, -zlib.MAX_WBITS)
    head = compressor.compress(part.head) + compressor.flush(zlib.Z_FULL_FLUSH)
    block = compressor.compress(part.piece) + compressor.flush(zlib.Z_FULL_FLUSH)
    tail = compressor.compress(part.tail) + compressor.flush()
    checksum = zlib.crc32(part.head)
    for _ in range(part.times):
        checksum = zlib.crc32(part.piece, checksum)
    checksum = zlib.crc32(part.tail, checksum)
    return head + block * part.times + tail, part.size, checksum


def zip_bytes(parts: dict[str, bytes | Repeated], *, claimed: dict[str, int] | None = None) -> bytes:
    """A zip of the parts. `claimed` gives sizes the directory states instead of the true ones
    (the CRC is then that of the claimed first bytes, so Python's zipfile alone reads it happily)."""
    claimed = claimed or {}
    body, directory = bytearray(), bytearray()
    for name, part in parts.items():
        data, size, checksum = _deflate(part)
        if name in claimed:
            size = claimed[name]
            checksum = zlib.crc32(zlib.decompressobj(-zlib.MAX_WBITS).decompress(data, size))
        encoded = name.encode()
        offset = len(body)
        body += struct.pack(
            "<4s5H3L2H", b"PK\x03\x04", 20, 0, 8, 0, 0x21, checksum, len(data), size, len(encoded), 0
        )
        body += encoded + data
        directory += struct.pack(
            "<4s6H3L5H2L",
            b"PK\x01\x02",
            20,
            20,
            0,
            8,
            0,
            0x21,
            checksum,
            len(data),
            size,
            len(encoded),
            0,
            0,
            0,
            0,
            0,
            offset,
        )
        directory += encoded
    end = struct.pack("<4s4H2LH", b"PK\x05\x06", 0, 0, len(parts), len(parts), len(directory), len(body), 0)
    return bytes(body + directory + end)


def workbook(
    sheet: bytes | Repeated,
    *,
    shared_strings: bytes | Repeated | None = None,
    extra: dict[str, bytes | Repeated] | None = None,
    content_types: bytes = b"",
    workbook_rels: bytes = b"",
    claimed: dict[str, int] | None = None,
) -> bytes:
    """A minimal workbook openpyxl opens: one sheet, shared strings if given, and `extra` parts."""
    overrides = b'<Override PartName="/xl/workbook.xml" ContentType="' + WORKBOOK_TYPE + b'"/>'
    overrides += b'<Override PartName="/xl/worksheets/sheet1.xml" ContentType="' + SHEET_TYPE + b'"/>'
    rels = b'<Relationship Id="rId1" Type="' + DOC_RELS + b'/worksheet" Target="worksheets/sheet1.xml"/>'
    parts: dict[str, bytes | Repeated] = {}
    if shared_strings is not None:
        overrides += b'<Override PartName="/xl/sharedStrings.xml" ContentType="' + STRINGS_TYPE + b'"/>'
        rels += b'<Relationship Id="rId2" Type="' + DOC_RELS + b'/sharedStrings" Target="sharedStrings.xml"/>'
        parts["xl/sharedStrings.xml"] = shared_strings
    parts = {
        "[Content_Types].xml": b'<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        b'<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        b'<Default Extension="xml" ContentType="application/xml"/>' + overrides + content_types + b"</Types>",
        "_rels/.rels": b"<Relationships "
        + RELS
        + b'><Relationship Id="rId1" Type="'
        + DOC_RELS
        + b'/officeDocument" Target="xl/workbook.xml"/></Relationships>',
        "xl/workbook.xml": b"<workbook "
        + MAIN
        + b' xmlns:r="'
        + DOC_RELS
        + b'"><sheets><sheet name="Siswa" sheetId="1" r:id="rId1"/></sheets></workbook>',
        "xl/_rels/workbook.xml.rels": b"<Relationships "
        + RELS
        + b">"
        + rels
        + workbook_rels
        + b"</Relationships>",
        "xl/worksheets/sheet1.xml": sheet,
        **parts,
        **(extra or {}),
    }
    return zip_bytes(parts, claimed=claimed)


def inline(reference: str, text: str) -> bytes:
    return b'<c r="%s" t="inlineStr"><is><t>%s</t></is></c>' % (reference.encode(), text.encode())


def sheet(rows: bytes, *, dimension: str = "", head: bytes = b"") -> bytes:
    size = b'<dimension ref="%s"/>' % dimension.encode() if dimension else b""
    return b"<worksheet " + MAIN + b">" + size + head + b"<sheetData>" + rows + b"</sheetData></worksheet>"


HEADER_ROW = b'<row r="1">' + inline("A1", "nis") + inline("B1", "nama") + b"</row>"


def roster_rows(count: int, start: int = 2) -> bytes:
    return b"".join(
        b'<row r="%d">' % line
        + inline(f"A{line}", f"S-{line}")
        + inline(f"B{line}", f"Siswa {line}")
        + b"</row>"
        for line in range(start, start + count)
    )


def sheet_around(rows: bytes | Repeated, *, dimension: str = "") -> Repeated:
    """A sheet whose sheetData holds the header row and then `rows` (bytes, or repeated)."""
    opening = sheet(b"\x00", dimension=dimension).split(b"\x00")[0] + HEADER_ROW
    closing = b"</sheetData></worksheet>"
    if isinstance(rows, Repeated):
        return Repeated(opening + rows.head, rows.piece, rows.times, rows.tail + closing)
    return Repeated(opening + rows, b"", 0, closing)


# --- The files of the probe, and a few more ------------------------------------------------------


def huge_dimension() -> bytes:
    """1 KB: declares every cell of a sheet (A1:XFD1048576) and holds a row at the very bottom."""
    bottom = b'<row r="1048576">' + inline("A1048576", "1") + b"</row>"
    return workbook(sheet(HEADER_ROW + bottom, dimension="A1:XFD1048576"))


def many_empty_rows(count: int = 2_000_000) -> bytes:
    """Rows with nothing in them but a height, which openpyxl remembers one by one."""
    rows = b'<row ht="20" customHeight="1"/>' * 10_000  # compressed as one block, then repeated
    return workbook(sheet_around(Repeated(b"", rows, count // 10_000)))


def huge_shared_string(megabytes: int = 300) -> bytes:
    """The header cell is one shared string of `megabytes` MB; the file is a few hundred KB."""
    strings = Repeated(b"<sst " + MAIN + b"><si><t>", b"A" * MEGABYTE, megabytes, b"</t></si></sst>")
    return workbook(sheet(b'<row r="1"><c r="A1" t="s"><v>0</v></c></row>'), shared_strings=strings)


def huge_inline_string(megabytes: int = 300) -> bytes:
    opening = b"<worksheet " + MAIN + b'><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>'
    return workbook(
        Repeated(opening, b"A" * MEGABYTE, megabytes, b"</t></is></c></row></sheetData></worksheet>")
    )


def lying_content_types(megabytes: int = 300) -> bytes:
    """[Content_Types].xml unpacks to `megabytes` MB but its directory entry says 1,000 bytes."""
    honest = workbook(sheet(HEADER_ROW))
    padded = Repeated(b'<?xml version="1.0"?><Types xmlns="x">', b" " * MEGABYTE, megabytes, b"</Types>")
    with zipfile.ZipFile(io.BytesIO(honest)) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    parts["[Content_Types].xml"] = padded
    return zip_bytes(parts, claimed={"[Content_Types].xml": 1_000})


def entity_expansion() -> bytes:
    """The "billion laughs": ten entities, each ten of the one before."""
    entities = b"".join(
        b'<!ENTITY e%d "%s">' % (level, b"&e%d;" % (level - 1) * 10 if level else b"lol")
        for level in range(10)
    )
    doctype = b"<!DOCTYPE worksheet [" + entities + b"]>"
    return workbook(doctype + sheet(b'<row r="1">' + inline("A1", "&e9;") + b"</row>"))


# --- Large but honest-looking files: what the limits still let through costs this much -----------


def wide_rows(count: int = 10_000) -> bytes:
    """Every row formatted out to the last column (XFD): openpyxl pads each to 16,384 cells."""
    rows = b"".join(
        b'<row r="%d">' % line + inline(f"A{line}", f"S-{line}") + inline(f"B{line}", "Siswa")
        + b'<c r="XFD%d" s="1"/></row>' % line
        for line in range(2, count + 2)
    )  # fmt: skip
    return workbook(sheet(HEADER_ROW + rows))


def many_shared_strings(count: int) -> bytes:
    """`count` different short shared strings (openpyxl keeps them all), used by two cells."""
    strings = b"".join(b"<si><t>%d</t></si>" % number for number in range(count))
    cells = b'<row r="2"><c r="A2" t="s"><v>0</v></c><c r="B2" t="s"><v>1</v></c></row>'
    return workbook(sheet(HEADER_ROW + cells), shared_strings=b"<sst " + MAIN + b">" + strings + b"</sst>")


def many_cells(rows: int, columns: int) -> bytes:
    """`rows` rows of `columns` short number cells."""
    letters = [get_column_letter(index + 1).encode() for index in range(columns)]

    def row(line: int) -> bytes:
        return b"".join(b'<c r="%s%d"><v>%d</v></c>' % (letter, line, line) for letter in letters)

    body = b"".join(b'<row r="%d">' % line + row(line) + b"</row>" for line in range(2, rows + 2))
    return workbook(sheet(HEADER_ROW + body))


def everything_at_its_limit(strings: int = 480_000, rows: int = 49_000) -> bytes:
    """Shared strings and rows with all the attributes a row may have, each just under its limit."""
    table = b"".join(b"<si><t>%d</t></si>" % number for number in range(strings))
    attributes = b' spans="1:1" s="1" customFormat="1" ht="20" customHeight="1" hidden="0" outlineLevel="0"'
    body = b"".join(
        b'<row r="%d"%s><c r="A%d" t="s"><v>%d</v></c></row>' % (line, attributes, line, line)
        for line in range(2, rows + 2)
    )
    return workbook(sheet(HEADER_ROW + body), shared_strings=b"<sst " + MAIN + b">" + table + b"</sst>")
