"""Hostile uploads, made by code (no binary is committed): each is a function of a valid
workbook (the portal's own export) that returns the bytes an attacker, or an accident,
would upload instead. `CORPUS` lists them with the plain message each must be refused with,
or None where the file is harmless and read as the template it also is.
"""

import functools
import io
import json
import re
import struct
import subprocess
import sys
import tempfile
import warnings
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from governance.zips import CENTRAL, END, LOCAL, SIGNATURE, local_entry

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
WORKSHEET_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"
SHEET_RELATION = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet"
MACRO_MAIN = "application/vnd.ms-excel.sheet.macroEnabled.main+xml"
XML_HEAD = b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
MB = 1024 * 1024


def parts(content: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def zipped(files: dict[str, bytes], method: int = zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", method) as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def sheet_xml(rows: int, cells_per_row: int = 1, value: str = "1") -> bytes:
    """A worksheet of `rows` rows of numbers, built without holding a list of them."""
    row = "".join(f'<c t="n"><v>{value}</v></c>' for _ in range(cells_per_row))
    body = b"".join(f'<row r="{r}">{row}</row>'.encode() for r in range(1, rows + 1))
    return f'<worksheet xmlns="{MAIN}"><sheetData>'.encode() + body + b"</sheetData></worksheet>"


def with_sheets(content: bytes, sheets: dict[str, bytes], hidden: bool = False) -> bytes:
    """The workbook with more sheets, each listed in the workbook, its relations and its
    content types as Excel would list them."""
    files = parts(content)
    state = ' state="hidden"' if hidden else ""
    listed, related, types = [], [], []
    for number, (name, xml) in enumerate(sheets.items(), start=1):
        path = f"worksheets/extra{number}.xml"
        files[f"xl/{path}"] = xml
        listed.append(f'<sheet name="{name}" sheetId="{900 + number}"{state} r:id="rX{number}"/>')
        related.append(f'<Relationship Id="rX{number}" Type="{SHEET_RELATION}" Target="{path}"/>')
        types.append(f'<Override PartName="/xl/{path}" ContentType="{WORKSHEET_TYPE}"/>')
    files["xl/workbook.xml"] = files["xl/workbook.xml"].replace(
        b"</sheets>", "".join(listed).encode() + b"</sheets>"
    )
    files["xl/_rels/workbook.xml.rels"] = files["xl/_rels/workbook.xml.rels"].replace(
        b"</Relationships>", "".join(related).encode() + b"</Relationships>"
    )
    files["[Content_Types].xml"] = files["[Content_Types].xml"].replace(
        b"</Types>", "".join(types).encode() + b"</Types>"
    )
    return zipped(files)


def replaced(name: str, change: Callable[[bytes], bytes]) -> Callable[[bytes], bytes]:
    """A maker that changes one part of the workbook."""

    def make(content: bytes) -> bytes:
        files = parts(content)
        files[name] = change(files[name])
        return zipped(files)

    return make


def sheet_of(content: bytes, tab: str) -> str:
    """The part name of a tab of the portal's export (sheets are numbered in tab order)."""
    names = re.findall(rb'<sheet name="([^"]+)"', parts(content)["xl/workbook.xml"])
    position = [n.decode().replace("&amp;", "&") for n in names].index(tab) + 1
    return f"xl/worksheets/sheet{position}.xml"


def on_tab(tab: str, change: Callable[[bytes], bytes]) -> Callable[[bytes], bytes]:
    return lambda content: replaced(sheet_of(content, tab), change)(content)


def rows_appended(rows: int, cells_per_row: int = 1) -> Callable[[bytes], bytes]:
    """Rows of numbers after the last row of a sheet (from row 1,000 on)."""

    def change(xml: bytes) -> bytes:
        row = "".join(f"<c><v>{n}</v></c>" for n in range(cells_per_row))
        body = b"".join(f'<row r="{1000 + r}">{row}</row>'.encode() for r in range(rows))
        return xml.replace(b"</sheetData>", body + b"</sheetData>")

    return change


def inline_strings_appended(rows: int, cells_per_row: int, length: int):
    """Rows of inline strings of `length` characters after the last row of a sheet."""

    def change(xml: bytes) -> bytes:
        cell = f'<c t="inlineStr"><is><t>{"e" * length}</t></is></c>'
        row = cell * cells_per_row
        body = b"".join(f'<row r="{1000 + r}">{row}</row>'.encode() for r in range(rows))
        return xml.replace(b"</sheetData>", body + b"</sheetData>")

    return change


def with_bomb(name: str, declared: int, real: int) -> Callable[[bytes], bytes]:
    """`name` is a deflate bomb of `real` bytes of XML whose zip headers claim `declared`."""

    def make(content: bytes) -> bytes:
        files = parts(content)
        files[name] = b"PLACEHOLDER"
        return _swap_member(zipped(files), name, _deflated_spaces(real), declared)

    return make


@functools.cache
def _deflated_spaces(size: int) -> bytes:
    """`size` bytes of an XML part of spaces, deflated (1.2 s for 256 MB: made once for the
    bombs that share it)."""
    packer = zlib.compressobj(9, zlib.DEFLATED, -15)
    spaces = b" " * MB
    stream = [packer.compress(f'<sst xmlns="{MAIN}">'.encode())]
    stream += [packer.compress(spaces) for _ in range(size // MB)]
    stream.append(packer.compress(b"</sst>") + packer.flush())
    return b"".join(stream)


def _swap_member(archive: bytes, name: str, data: bytes, declared: int, crc: int | None = None,
                 local_name: str | None = None) -> bytes:  # fmt: skip
    """Rebuild the zip with `name`'s compressed data replaced and its sizes (in the local
    header and the directory) claiming `declared` bytes (its CRC-32 `crc`, else a wrong
    one; its local header naming it `local_name`, if given); every offset fixed up."""
    source = zipfile.ZipFile(io.BytesIO(archive))
    out, directory = io.BytesIO(), io.BytesIO()
    for info in source.infolist():
        raw = _raw_member(archive, info)
        crc_of, size, local = info.CRC, info.file_size, info.filename.encode()
        if info.filename == name:
            raw, crc_of, size = data, zlib.crc32(b"x") if crc is None else crc, declared
            local = (local_name or name).encode()
        offset = out.tell()
        encoded = info.filename.encode()
        out.write(LOCAL.pack(SIGNATURE, 20, 0, 8, 0, 0, crc_of, len(raw), size, len(local), 0)
                  + local + raw)  # fmt: skip
        directory.write(CENTRAL.pack(b"PK\x01\x02", 20, 20, 0, 8, 0, 0, crc_of, len(raw), size,
                                     len(encoded), 0, 0, 0, 0, 0, offset) + encoded)  # fmt: skip
    start, size = out.tell(), directory.tell()
    count = len(source.infolist())
    out.write(directory.getvalue())
    out.write(END.pack(b"PK\x05\x06", 0, 0, count, count, size, start, 0))
    return out.getvalue()


def _raw_member(archive: bytes, info: zipfile.ZipInfo) -> bytes:
    start = local_entry(archive, info)[0]
    return archive[start : start + info.compress_size]


def member_changed(name: str, cut: bool = False, longer_by: int = 0,
                   local_name: str | None = None) -> Callable[[bytes], bytes]:  # fmt: skip
    """`name`'s deflated data, CRC-32 and sizes as they are, but for one change: the data
    `cut` in half, the size declared `longer_by` bytes more than it holds, or the local
    header naming it `local_name`."""

    def make(content: bytes) -> bytes:
        info = zipfile.ZipFile(io.BytesIO(content)).getinfo(name)
        raw = _raw_member(content, info)
        raw = raw[: len(raw) // 2] if cut else raw
        declared = info.file_size + longer_by
        return _swap_member(content, name, raw, declared, info.CRC, local_name)

    return make


def stored_with_a_byte_changed(content: bytes) -> bytes:
    """Every part stored, not deflated, and one byte of the shared strings' text changed
    where XML still holds it: only the CRC-32 tells."""
    stored = zipped(parts(content), zipfile.ZIP_STORED)
    info = zipfile.ZipFile(io.BytesIO(stored)).getinfo("xl/sharedStrings.xml")
    at = stored.index(b"<t>", local_entry(stored, info)[0]) + len(b"<t>")
    return stored[:at] + (b"Y" if stored[at : at + 1] != b"Y" else b"Z") + stored[at + 1 :]


def bad_crc(content: bytes) -> bytes:
    """One byte of a sheet's compressed data flipped: what a broken download looks like."""
    info = zipfile.ZipFile(io.BytesIO(content)).getinfo("xl/sharedStrings.xml")
    at = local_entry(content, info)[0] + info.compress_size // 2
    return content[:at] + bytes([content[at] ^ 0xFF]) + content[at + 1 :]


def many_parts(count: int) -> Callable[[bytes], bytes]:
    def make(content: bytes) -> bytes:
        files = parts(content)
        files.update({f"customXml/item{n}.xml": b"<a/>" for n in range(count)})
        return zipped(files)

    return make


def directory_claiming(size: int) -> Callable[[bytes], bytes]:
    """The end record claims a central directory of `size` bytes."""

    def make(content: bytes) -> bytes:
        end = content.rfind(b"PK\x05\x06")
        fields = list(END.unpack_from(content, end))
        fields[5] = size
        return content[:end] + END.pack(*fields) + content[end + END.size :]

    return make


def zip64_end(content: bytes) -> bytes:
    end = content.rfind(b"PK\x05\x06")
    fields = list(END.unpack_from(content, end))
    fields[3] = fields[4] = 0xFFFF
    return content[:end] + END.pack(*fields) + content[end + END.size :]


def zip64_record_unmarked(content: bytes) -> bytes:
    """A Zip64 end record and its locator before the end record, whose own fields keep their
    real values (no 0xFFFF markers): zipfile reads the archive through the Zip64 record."""
    end = content.rfind(b"PK\x05\x06")
    _, _, _, entries, _, size, offset, _ = END.unpack_from(content, end)
    record = struct.pack("<4sQ2H2L4Q", b"PK\x06\x06", 44, 45, 45, 0, 0, entries, entries,
                         size, offset)  # fmt: skip
    locator = struct.pack("<4sLQL", b"PK\x06\x07", 0, end, 1)
    return content[:end] + record + locator + content[end:]


def each_part_written(content: bytes, write: Callable) -> bytes:
    """The archive written again, each part by `write(target, info, data)`: its name and date
    in a fresh, deflated `info`."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(content)) as source, zipfile.ZipFile(buffer, "w") as target:
        for info in source.infolist():
            copy = zipfile.ZipInfo(info.filename, info.date_time)
            copy.compress_type = zipfile.ZIP_DEFLATED
            write(target, copy, source.read(info))
    return buffer.getvalue()


def zip64_extra_field(content: bytes) -> bytes:
    """Every part carrying a Zip64 extra field (its real sizes in 64 bits), in its local
    header and in the directory: no reader needs one in a file under 4 GB."""

    def write(target, info, data):
        info.extra = struct.pack("<2H2Q", 0x0001, 16, len(data), len(data))
        target.writestr(info, data)

    return each_part_written(content, write)


def zip64_local_headers(content: bytes) -> bytes:
    """Every part's local header with a Zip64 extra field, and the directory without: a
    reader that streams the local headers reads the archive otherwise than one that reads
    the directory."""

    def write(target, info, data):
        with target.open(info, "w", force_zip64=True) as part:
            part.write(data)

    return each_part_written(content, write)


def duplicated(name: str, as_name: str | None = None) -> Callable[[bytes], bytes]:
    """The part `name` twice, the second copy (named `as_name`, a case variant, if given)
    emptied of its sheets: a reader that takes the last copy sees another workbook."""

    def make(content: bytes) -> bytes:
        files = parts(content)
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            for part, data in files.items():
                archive.writestr(part, data)
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")  # zipfile warns of the duplicate it writes
                archive.writestr(as_name or name, re.sub(rb"<sheet [^>]*/>", b"", files[name]))
        return buffer.getvalue()

    return make


def many_styles(count: int) -> bytes:
    """A styles part of `count` cell formats (Excel keeps at most 65,490)."""
    xfs = b'<xf numFmtId="0"/>' * count
    return (f'<styleSheet xmlns="{MAIN}"><cellXfs count="{count}">'.encode() + xfs
            + b"</cellXfs></styleSheet>")  # fmt: skip


def many_content_types(count: int) -> Callable[[bytes], bytes]:
    def change(xml: bytes) -> bytes:
        extra = b"".join(f'<Default Extension="x{n}" ContentType="a/b"/>'.encode()
                         for n in range(count))  # fmt: skip
        return xml.replace(b"</Types>", extra + b"</Types>")

    return change


def flagged_encrypted(content: bytes) -> bytes:
    """The workbook part marked as encrypted, in its local header and the directory."""
    info = zipfile.ZipFile(io.BytesIO(content)).getinfo("xl/workbook.xml")
    data = bytearray(content)
    data[info.header_offset + 6] |= 0x1
    entry = struct.unpack_from("<L", content, content.rfind(b"PK\x05\x06") + 16)[0]
    while not content.startswith(b"xl/workbook.xml", entry + 46):
        entry = content.find(b"PK\x01\x02", entry + 4)
    data[entry + 8] |= 0x1
    return bytes(data)


def doctype(declaration: bytes, encoding: str = "utf-8") -> Callable[[bytes], bytes]:
    """The shared strings with a DOCTYPE (and whatever it declares) before the root."""

    def change(xml: bytes) -> bytes:
        body = xml.split(b"?>", 1)[1].decode()
        head = f'<?xml version="1.0" encoding="{encoding.upper()}"?>'
        text = head + declaration.decode() + body
        return text.encode("utf-16") if encoding == "utf-16" else text.encode()

    return replaced("xl/sharedStrings.xml", change)


LAUGHS = (
    b'<!DOCTYPE sst [<!ENTITY a "aaaaaaaaaa">'
    + b"".join(
        f'<!ENTITY {chr(98 + n)} "{("&" + chr(97 + n) + ";") * 10}">'.encode() for n in range(9)
    )
    + b"]>"
)
XXE = b'<!DOCTYPE sst [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'


def shared_string_added(text: str) -> Callable[[bytes], bytes]:
    """A shared string, and the Cover's Completed-by cell (C7) pointing at it."""

    def make(content: bytes) -> bytes:
        files = parts(content)
        strings = files["xl/sharedStrings.xml"]
        count = strings.count(b"<si>")
        files["xl/sharedStrings.xml"] = strings.replace(
            b"</sst>", f"<si><t>{text}</t></si></sst>".encode()
        )
        cover = sheet_of(content, "1. Cover")
        files[cover] = re.sub(
            rb'<c r="C7"[^>]*>.*?</c>', f'<c r="C7" t="s"><v>{count}</v></c>'.encode(),
            files[cover], count=1,
        )  # fmt: skip
        return zipped(files)

    return make


def many_shared_strings(count: int) -> Callable[[bytes], bytes]:
    return replaced(
        "xl/sharedStrings.xml",
        lambda xml: xml.replace(b"</sst>", b"<si><t>x</t></si>" * count + b"</sst>"),
    )


def many_names(count: int) -> Callable[[bytes], bytes]:
    names = "".join(f'<definedName name="n{n}">"x"</definedName>' for n in range(count))
    end = b"</definedNames>"
    return replaced("xl/workbook.xml", lambda xml: xml.replace(end, names.encode() + end))


def nested(depth: int) -> Callable[[bytes], bytes]:
    elements = b"<x>" * depth + b"</x>" * depth
    return on_tab("5. I&E", lambda xml: xml.replace(b"</sheetData>", elements + b"</sheetData>"))


def cell_set(tab: str, cell: str, xml_cell: str) -> Callable[[bytes], bytes]:
    """One cell of a tab replaced by `xml_cell` (raw XML, e.g. a number in a date style)."""
    return on_tab(
        tab,
        lambda xml: re.sub(rf'<c r="{cell}"[^>]*?(/>|>.*?</c>)'.encode(), xml_cell.encode(), xml,
                           count=1),
    )  # fmt: skip


def value_set(tab: str, cell: str, value: str) -> Callable[[bytes], bytes]:
    """One cell's stored value replaced, its style (a date format, say) kept."""
    return on_tab(
        tab,
        lambda xml: re.sub(rf'(<c r="{cell}"[^>]*?)(?: t="\w+")?(?:/>|>.*?</c>)'.encode(),
                           rf"\g<1>><v>{value}</v></c>".encode(), xml, count=1),
    )  # fmt: skip


def traversal(content: bytes) -> bytes:
    files = parts(content)
    files["../../../../tmp/bcf-owned.xml"] = b"<a/>"
    return zipped(files)


def as_macro_workbook(content: bytes) -> bytes:
    return replaced(
        "[Content_Types].xml",
        lambda xml: xml.replace(
            b"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
            MACRO_MAIN.encode(),
        ),
    )(content)


def macros_renamed(content: bytes) -> bytes:
    """A macro project stored under another name, its content type still saying so."""
    files = parts(content)
    files["xl/project.dat"] = b"\xd0\xcf\x11\xe0" + b"\x00" * 500
    files["[Content_Types].xml"] = files["[Content_Types].xml"].replace(
        b"</Types>",
        b'<Override PartName="/xl/project.dat" '
        b'ContentType="application/vnd.ms-office.vbaProject"/></Types>',
    )
    return zipped(files)


def bzip2(content: bytes) -> bytes:
    return zipped(parts(content), zipfile.ZIP_BZIP2)


def no_main_part(content: bytes) -> bytes:
    return replaced(
        "[Content_Types].xml",
        lambda xml: xml.replace(b"sheet.main+xml", b"sheet.other+xml"),
    )(content)


def named(name: str, value: str) -> Callable[[bytes], bytes]:
    return replaced(
        "xl/workbook.xml",
        lambda xml: re.sub(
            rf'<definedName name="{name}">[^<]*</definedName>'.encode(),
            f'<definedName name="{name}">"{value}"</definedName>'.encode(), xml,
        ),
    )  # fmt: skip


# Values a cell can hold that no answer can be: refused cell by cell (WorkbookProblems).
CELL_VALUES = [
    ("control characters", shared_string_added("_x0001_bell_x0007_"), "1. Cover!C7",
     "invisible control character"),
    ("a number of 1e309", value_set("5. I&E", "C14", "1e309"), "5. I&E!C14",
     "Enter a whole number of pounds"),
    ("a number of 5,000 digits", value_set("5. I&E", "C14", "9" * 5000), "5. I&E!C14",
     "Enter a number between £0 and £100,000,000"),
    ("NaN", value_set("5. I&E", "C14", "NaN"), "5. I&E!C14", "Enter a whole number of pounds"),
    ("a date serial past any calendar", value_set("3. National Conditions", "H10", "1e300"),
     "3. National Conditions!H10", "Enter a real date"),
    ("a date in 1901", value_set("3. National Conditions", "H10", "367"),
     "3. National Conditions!H10", "Enter a date between 01/01/2000 and 31/12/2099"),
]  # fmt: skip


@dataclass(frozen=True)
class Hostile:
    id: str
    make: Callable[[bytes], bytes]
    refused: str | None  # a part of the plain message; None: harmless, read as the template
    costly: bool = False  # measured for time and memory in a process of its own


TOO_MUCH = "expands to far more data than"
DAMAGED = "could not be read; it may be damaged"
NOT_XLSX = "This is not an Excel workbook"
DECLARATIONS = "XML declarations that the portal does not accept"
MACROS = "contains macros"
ZIP64 = "Zip64"
TWICE = "holds two parts named"

# fmt: off
CORPUS = [
    # What the attacks of issue 11 did.
    Hostile("99 extra sheets of 1 MB each", lambda c: with_sheets(
        c, dict.fromkeys((f"Extra {n}" for n in range(99)), sheet_xml(25_000))), TOO_MUCH,
        costly=True),
    Hostile("99 extra sheets, headers claiming little", lambda c: with_sheets(
        c, {f"Extra {n}": b"<worksheet/>" for n in range(99)}), "tabs: too many"),
    # Not a tab the template reads, so never decompressed: the rest is read as the template.
    Hostile("a hidden sheet of 1,048,576 rows, not a template tab", lambda c: with_sheets(
        c, {"Hidden": sheet_xml(1_048_576)}, hidden=True), None, costly=True),
    Hostile("1,048,576 rows on a template tab", on_tab("5. I&E", rows_appended(1_048_000)),
            TOO_MUCH, costly=True),
    Hostile("everything just under the limits: 45,000 cells of text on a template tab",
            on_tab("5. I&E", inline_strings_appended(1_500, 30, 85)), None, costly=True),
    Hostile("300,000 cells on a template tab", on_tab("5. I&E", rows_appended(10_000, 30)),
            TOO_MUCH, costly=True),
    Hostile("zip headers claiming 1 KB of a 256 MB bomb",
            with_bomb("xl/sharedStrings.xml", 1024, 256 * MB), DAMAGED, costly=True),
    Hostile("zip headers claiming 30 MB of a 256 MB bomb",
            with_bomb("xl/sharedStrings.xml", 30 * MB, 256 * MB), DAMAGED, costly=True),
    Hostile("a bomb declared honestly", with_bomb("xl/sharedStrings.xml", 256 * MB, 256 * MB),
            TOO_MUCH),
    Hostile("a bad CRC", bad_crc, DAMAGED),
    Hostile("a stored part with a bad CRC", stored_with_a_byte_changed, DAMAGED),
    Hostile("a part's deflated data cut short",
            member_changed("xl/worksheets/sheet5.xml", cut=True), DAMAGED),
    Hostile("a part holding less than its headers declare",
            member_changed("xl/sharedStrings.xml", longer_by=100), DAMAGED),
    Hostile("a local header naming another part",
            member_changed("xl/styles.xml", local_name="xl/style5.xml"), DAMAGED),
    # Not a workbook, or one the portal does not take.
    Hostile("empty", lambda c: b"", NOT_XLSX),
    Hostile("CSV renamed .xlsx", lambda c: b"cover_hwb,Norfolk\n=1+1,x\n", NOT_XLSX),
    Hostile("HTML renamed .xlsx",
            lambda c: b"<html><body><table><tr><td>1</td></tr></table></body></html>", NOT_XLSX),
    Hostile("truncated", lambda c: c[: len(c) // 2], NOT_XLSX),
    Hostile("old .xls", lambda c: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, "old-style"),
    Hostile("over 10 MB", lambda c: c + b"\0" * (10 * MB), "the largest a return can be is 10 MB"),
    Hostile("xlsm", as_macro_workbook, MACROS),
    Hostile("macros renamed", macros_renamed, MACROS),
    Hostile("macros as vbaProject.bin", lambda c: zipped({**parts(c), "xl/vbaProject.bin": b"0"}),
            MACROS),
    Hostile("bzip2-compressed parts", bzip2, NOT_XLSX),
    Hostile("a part flagged encrypted", flagged_encrypted, "protected with a password"),
    Hostile("no workbook part", no_main_part, NOT_XLSX),
    Hostile("a path-traversal part name", traversal, NOT_XLSX),
    Hostile("5,000 parts", many_parts(5_000), "too many parts", costly=True),
    Hostile("a directory claiming 200 MB", directory_claiming(200 * MB), "too many parts"),
    Hostile("a Zip64 end record", zip64_end, ZIP64),
    Hostile("a Zip64 end record without the 0xFFFF markers", zip64_record_unmarked, ZIP64),
    Hostile("Zip64 extra fields on every part", zip64_extra_field, ZIP64),
    Hostile("Zip64 extra fields in the local headers only", zip64_local_headers, ZIP64),
    Hostile("the workbook part twice", duplicated("xl/workbook.xml"), TWICE),
    Hostile("the workbook part twice, in other capitals",
            duplicated("xl/workbook.xml", "XL/Workbook.xml"), TWICE),
    Hostile("[Content_Types].xml twice", duplicated("[Content_Types].xml"), TWICE),
    Hostile("1,600,000 cell styles", replaced("xl/styles.xml", lambda x: many_styles(1_600_000)),
            TOO_MUCH, costly=True),
    Hostile("1,000,000 content types", replaced("[Content_Types].xml",
            many_content_types(1_000_000)), TOO_MUCH, costly=True),
    # XML that declares things.
    Hostile("XXE", doctype(XXE), DECLARATIONS),
    Hostile("billion laughs", doctype(LAUGHS), DECLARATIONS),
    Hostile("XXE in UTF-16", doctype(XXE, "utf-16"), DECLARATIONS),
    Hostile("an empty DOCTYPE in the workbook part",
            replaced("xl/workbook.xml", lambda x: x.replace(b"<workbook", b"<!DOCTYPE w><workbook",
                                                             1)), DECLARATIONS),
    Hostile("malformed XML", replaced("xl/workbook.xml", lambda x: x[:-20]), DAMAGED),
    Hostile("2,000,000 nested elements", nested(2_000_000), TOO_MUCH, costly=True),
    # Another return's workbook.
    Hostile("another template", named("bcf_template", "bcf-q4-2015-16"), "template ‘bcf-q4"),
    Hostile("another period", named("bcf_period", "fy1516_q2"), "period fy1516_q2"),
    Hostile("another HWB area", named("bcf_hwb", "E10000021"), "another HWB area"),
    # Values no cell should hold.
    Hostile("a 100,000-character string", shared_string_added("x" * 100_000), "32,767"),
    Hostile("300,000 shared strings", many_shared_strings(300_000), TOO_MUCH, costly=True),
    Hostile("30,000 defined names", many_names(30_000), TOO_MUCH),
    Hostile("a shared string that is not there", cell_set("1. Cover", "C7",
            '<c r="C7" t="s"><v>999999</v></c>'), DAMAGED),
    Hostile("a cell address past the last column", cell_set("1. Cover", "C7",
            '<c r="ZZZZ7"><v>1</v></c>'), DAMAGED),
]
# fmt: on


# Reading one file in a process of its own, as a web worker would: the time and the peak
# resident memory of the whole process (/proc's VmHWM: ru_maxrss would count the parent's).
MEASURE = """
import json, re, sys, time
import django
django.setup()
from governance.uploads import WorkbookRefused
from returns.definitions import template
from returns.workbook.reader import WorkbookProblems, workbook_answers
content = open(sys.argv[1], "rb").read()
start = time.perf_counter()
try:
    workbook_answers(content=content, definition=template("bcf-q3-2015-16"), period="fy1516_q3",
                     hwb_ons_code="E10000020", hwb_name="Norfolk")
    outcome = "read"
except (WorkbookRefused, WorkbookProblems) as refused:
    outcome = str(refused)
seconds = time.perf_counter() - start
peak = int(re.search(r"VmHWM:\\s+(\\d+) kB", open("/proc/self/status").read())[1]) / 1024
print(json.dumps({"seconds": seconds, "peak_mb": peak, "outcome": outcome}))
"""


def read_in_a_process_of_its_own(content: bytes, settings: dict[str, str]) -> dict:
    """{"seconds", "peak_mb", "outcome"} of reading `content` as Norfolk's Q3 return, in a
    fresh Python with these settings (DJANGO_SETTINGS_MODULE and what it needs)."""
    with tempfile.NamedTemporaryFile(suffix=".xlsx") as file:
        file.write(content)
        file.flush()
        done = subprocess.run(
            [sys.executable, "-c", MEASURE, file.name],
            cwd=Path(__file__).resolve().parent.parent, env={"PATH": "/usr/bin:/bin", **settings},
            capture_output=True, text=True, timeout=120, check=False,
        )  # fmt: skip
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])
