"""The workbook of a return, written into a skeleton made once per template and period.

Everything in a return's workbook except its cells is the same for every return of one
template and period: the styles, the 240 defined names, the validations, conditional
formats, hyperlinks, column widths and protection, and the Lists and Guidance tabs. XlsxWriter
prepares all of that again for each workbook, and preparing it (mostly the regular
expressions it runs over every formula, validation and conditional format) is most of an
export's time.

So `WorkbookWriter` writes the skeleton once, with XlsxWriter, and keeps its parts. For
each return the same `WorkbookWriter` code runs again against a `_CellBook`, which keeps
only the cells: each becomes the XML XlsxWriter would write for it, in the skeleton's rows,
with the skeleton's style numbers. Only the worksheets' cell data, the shared strings, the
area's ONS code and the file's date differ from the skeleton's parts.

The skeleton writer is checked against XlsxWriter writing the whole workbook: every part
byte for byte, for Norfolk and for generated returns (`test_workbook_skeleton.py`). Where a
return would need something the skeleton lacks (a style it never numbered, a cell where it
has none, a formula XlsxWriter would write as an array), `SkeletonMiss` sends that return
to the whole-workbook writer instead.

One file of about 500 lines, on purpose: the skeleton, the stand-in book that fills it and
the XML each writes must change together, in step with XlsxWriter's own output; apart, a
change to one half would hide from the other until the byte-for-byte test failed.
"""

import datetime
import io
import re
import struct
import threading
import zipfile
import zlib
from dataclasses import dataclass, field, replace
from typing import BinaryIO

from xlsxwriter.utility import (
    _datetime_to_excel_datetime,
    _utf16_len,
    _utf16_truncate,
    xl_cell_to_rowcol,
    xl_col_to_name,
)
from xlsxwriter.workbook import Workbook
from xlsxwriter.worksheet import CellFormulaTuple
from xlsxwriter.xmlwriter import XMLwriter

from .writer import WorkbookData, WorkbookWriter, new_book

HWB_PLACEHOLDER = "HWBPLACEHOLDER"
STRING_LIMIT = 32767  # Excel's longest cell text, in UTF-16 units; XlsxWriter truncates to it
_escape_control = XMLwriter._escape_control_characters
# What _escape_control changes: control characters, Unicode non-characters, and text that
# looks like its own escapes (_x0041_).
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\ufffe\uffff]|_x[0-9a-fA-F]{4}_")


class SkeletonMiss(Exception):
    """This return needs something its skeleton does not have: write it whole."""


def _escape(text: str) -> str:
    """XML text as XlsxWriter escapes it (double quotes stay as they are)."""
    if "&" in text or "<" in text or ">" in text:
        text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return text


def _space_at_an_end(text: str) -> bool:
    """XlsxWriter's test for keeping a string's leading or trailing white space."""
    return bool(text) and (text[0].isspace() or text[-1].isspace())


def _props_key(properties: dict) -> tuple:
    return tuple(sorted(properties.items()))


# The zip -----------------------------------------------------------------------------------
#
# A deflate stream may be cut into pieces compressed apart, each but the last ended with a
# full flush (which byte-aligns it and lets nothing after it refer back into it). So what
# every return shares (whole parts, each worksheet's start and end, the names around the
# area's code, the strings of the tabs before the first section) is deflated once, with the
# skeleton; for each return only its own pieces are, quickly (level 1).


@dataclass(frozen=True)
class _Piece:
    """A stretch of a part that every return shares, deflated once."""

    raw: bytes
    data: bytes  # ended by a full flush, or ending the stream when the part's last piece


@dataclass(frozen=True)
class _Deflated:
    data: bytes  # the part's raw deflate stream
    crc: int  # CRC-32 of the uncompressed part
    size: int  # how many uncompressed bytes


def _compress(raw: bytes, *, last: bool, level: int = zlib.Z_DEFAULT_COMPRESSION) -> bytes:
    compressor = zlib.compressobj(level, zlib.DEFLATED, -15)
    return compressor.compress(raw) + compressor.flush(zlib.Z_FINISH if last else zlib.Z_FULL_FLUSH)


def _fixed(raw: bytes, *, last: bool) -> _Piece:
    return _Piece(raw, _compress(raw, last=last))


def _part(pieces: list) -> _Deflated:
    """A part from its pieces: the fixed ones (_Piece) as deflated with the skeleton, this
    return's own (bytes) deflated now."""
    data, crc, size, last = [], 0, 0, len(pieces) - 1
    for number, piece in enumerate(pieces):
        if isinstance(piece, _Piece):
            raw, deflated = piece.raw, piece.data
        else:
            raw, deflated = piece, _compress(piece, last=number == last, level=1)
        crc = zlib.crc32(raw, crc)
        size += len(raw)
        data.append(deflated)
    return _Deflated(b"".join(data), crc, size)


_DOS_DATE = (0 << 9) | (1 << 5) | 1  # 1 January 1980, as XlsxWriter stamps every part


def _zip(entries: list[tuple[str, _Deflated]]) -> bytes:
    """A zip of deflated parts, each stamped 1 January 1980 as XlsxWriter stamps them."""
    out, directory = bytearray(), bytearray()
    for name, part in entries:
        encoded, offset = name.encode(), len(out)
        sizes = (part.crc, len(part.data), part.size, len(encoded))
        out += struct.pack("<4s5H3I2H", b"PK\x03\x04", 20, 0, 8, 0, _DOS_DATE, *sizes, 0)
        out += encoded
        out += part.data
        directory += struct.pack(
            "<4s6H3I5H2I", b"PK\x01\x02", 20, 20, 0, 8, 0, _DOS_DATE, *sizes, 0, 0, 0, 0, 0, offset
        )
        directory += encoded
    start = len(out)
    out += directory
    out += struct.pack(
        "<4sHHHHIIH", b"PK\x05\x06", 0, 0, len(entries), len(entries), len(directory), start, 0
    )
    return bytes(out)


# The skeleton -------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Sheet:
    part: str  # its name in the zip
    head: _Piece  # the XML up to and including <sheetData>
    tail: _Piece  # from </sheetData> to the end
    rows: tuple[tuple[int, str, tuple[int, ...]], ...]  # (row, <row …> tag, its cells' columns)
    size: int  # how many cells


@dataclass(frozen=True)
class Skeleton:
    parts: dict[str, _Deflated]  # the parts that are the same for every return, deflated
    order: tuple[str, ...]  # every part's name, in XlsxWriter's order
    sheets: dict[str, _Sheet]  # tab title -> its worksheet
    formats: dict[tuple, object]  # add_format's properties -> the skeleton's Format
    styles: object  # the skeleton's Styles: its formats, already numbered
    xf: dict[int, int]  # id(Format) -> its style number in styles.xml
    strings_head: str  # sharedStrings.xml up to its first string
    names: tuple[_Piece, _Piece]  # xl/workbook.xml before and after the area's ONS code
    core_xml: str  # docProps/core.xml
    date: str  # the skeleton's date, as core.xml gives it
    open_tags: dict = field(default_factory=dict)  # (row, col, Format) -> '<c r="B2" s="3"'
    strings: tuple[str, ...] = ()  # the strings every return's workbook starts with
    strings_block: _Piece | None = None  # their XML, deflated


_ROW = re.compile(r'<row r="(\d+)"[^>]*?(/?)>')
_CELL = re.compile(r'<c r="([A-Z]+\d+)"')
_DATE = re.compile(r"<dcterms:created[^>]*>([^<]+)</dcterms:created>")


def _skeleton_build(data: WorkbookData) -> Skeleton:
    buffer = io.BytesIO()
    book, formats = new_book(buffer), {}
    add_format = book.add_format

    def recording_add_format(properties=None):
        format_ = add_format(properties)
        formats.setdefault(_props_key(properties or {}), format_)
        return format_

    book.add_format = recording_add_format
    writer = WorkbookWriter(replace(data, hwb_ons_code=HWB_PLACEHOLDER), buffer, book=book)
    writer.write()
    xf = {}
    for format_ in book.formats:
        index = format_.xf_index
        if index is None:
            index = book.xf_format_indices.get(format_._get_format_key())
        if index is not None:
            xf[id(format_)] = index
    with zipfile.ZipFile(buffer) as archive:
        order = tuple(archive.namelist())
        parts = {name: archive.read(name) for name in order}
    sheets = {}
    for number, sheet in enumerate(book.worksheets(), start=1):
        part = f"xl/worksheets/sheet{number}.xml"
        xml = parts.pop(part).decode()
        start = xml.index("<sheetData>") + len("<sheetData>")
        end = xml.index("</sheetData>")
        body = xml[start:end]
        rows, size = [], 0
        for match in _ROW.finditer(body):
            row, empty = int(match.group(1)) - 1, bool(match.group(2))
            end_of_row = len(body) if empty else body.index("</row>", match.end())
            columns = tuple(
                xl_cell_to_rowcol(cell.group(1))[1]
                for cell in _CELL.finditer(body, match.end(), end_of_row)
            )
            rows.append((row, match.group(0), columns))
            size += len(columns)
        head, tail = xml[:start].encode(), xml[end:].encode()
        sheets[sheet.name] = _Sheet(
            part, _fixed(head, last=False), _fixed(tail, last=True), tuple(rows), size
        )
    strings = parts.pop("xl/sharedStrings.xml").decode()
    workbook_xml = parts.pop("xl/workbook.xml").decode()
    if workbook_xml.count(HWB_PLACEHOLDER) != 1:
        raise SkeletonMiss("the area's ONS code is not in the workbook's names once")
    core_xml = parts.pop("docProps/core.xml").decode()
    skeleton = Skeleton(
        parts={name: _part([_fixed(content, last=True)]) for name, content in parts.items()},
        order=order,
        sheets=sheets,
        formats=formats,
        styles=writer.styles,
        xf=xf,
        strings_head=strings[: strings.index("<sst ")],
        names=tuple(
            _fixed(piece.encode(), last=last)
            for piece, last in zip(workbook_xml.split(HWB_PLACEHOLDER), (False, True), strict=True)
        ),
        core_xml=core_xml,
        date=_DATE.search(core_xml).group(1),
    )
    return _shared_strings(skeleton, data)


def _shared_strings(skeleton: Skeleton, data: WorkbookData) -> Skeleton:
    """The skeleton, knowing the strings that come first whatever the answers: those two
    returns as unlike as can be (this one, and one with no answers) both start with."""
    unlike = replace(data, values={}, previous_values={}, previous_ids=frozenset(), hwb_name="")
    runs = []
    for run in (data, unlike):
        book = _CellBook(skeleton, run, None)
        WorkbookWriter(run, None, book=book).write()
        runs.append(list(book.strings.index))
    shared = []
    for first, second in zip(*runs, strict=False):
        if first != second:
            break
        shared.append(first)
    block = _fixed(_si(shared).encode(), last=False)
    return replace(skeleton, strings=tuple(shared), strings_block=block)


_skeletons: dict[tuple, Skeleton] = {}
_lock = threading.Lock()


def skeleton_for(data: WorkbookData) -> Skeleton:
    """The skeleton of `data`'s template, period and banners, made on first use."""
    key = (data.definition.version, data.period, data.draft, data.synthetic)
    skeleton = _skeletons.get(key)
    if skeleton is None:
        with _lock:
            skeleton = _skeletons.get(key)
            if skeleton is None:
                skeleton = _skeletons[key] = _skeleton_build(data)
    return skeleton


# A return's cells ---------------------------------------------------------------------------

_prepared: dict[str, str] = {}  # a formula as the writer gives it -> as XlsxWriter stores it
_formula_sheet = Workbook(io.BytesIO(), {"in_memory": True}).add_worksheet()
_formula_lock = threading.Lock()
_columns: dict[int, str] = {}


def _prepare_formula(formula: str) -> str:
    """The formula as XlsxWriter stores it, asked of XlsxWriter itself (once a formula): which
    formulas it writes as arrays, and how it rewrites the rest, change between its versions."""
    prepared = _prepared.get(formula)
    if prepared is None:
        with _formula_lock:
            _formula_sheet.table.clear()
            _formula_sheet.write_formula(0, 0, formula)
            stored = _formula_sheet.table.get(0, {}).get(0)
        if not isinstance(stored, CellFormulaTuple):
            raise SkeletonMiss("a formula XlsxWriter writes as an array, or refuses")
        prepared = _prepared[formula] = _escape(stored.formula)
    return prepared


def _address(row: int, col: int) -> str:
    letters = _columns.get(col)
    if letters is None:
        letters = _columns[col] = xl_col_to_name(col)
    return f"{letters}{row + 1}"


class _Strings:
    """The shared string table, numbered in the order the strings are written, as XlsxWriter
    numbers it (the sheets add to `index` themselves, and count their writes). It holds the
    book's list of sheets, not the book: nothing of a return's refers back to its book, so
    all of it is freed as the write ends, not left in a cycle for the garbage collector."""

    def __init__(self, sheets: list["_CellSheet"]):
        self.sheets = sheets
        self.index: dict[str, int] = {}

    @property
    def count(self) -> int:
        return sum(sheet.string_writes for sheet in self.sheets)

    def pieces(self, skeleton: "Skeleton") -> list:
        """sharedStrings.xml: its strings' XML, with the skeleton's deflated block for the
        strings every return starts with (the tabs before the first section)."""
        head = (
            f"{skeleton.strings_head}"
            '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
            f'count="{self.count}" uniqueCount="{len(self.index)}">'
        )
        texts = list(self.index)
        shared = len(skeleton.strings)
        if texts[:shared] == list(skeleton.strings):
            rest = _si(texts[shared:]) + "</sst>"
            return [head.encode(), skeleton.strings_block, rest.encode()]
        return [(head + _si(texts) + "</sst>").encode()]


def text_element(text: str) -> str:
    """A cell's text as XlsxWriter writes it, `<t>…</t>`: cut to Excel's limit, control
    characters escaped, white space at an end kept. Always escaped: XlsxWriter would copy
    a cell reading "<r>…</r>" in unescaped, as rich text, so an answer could write its own
    XML into the file. Also the national dataset's (`national/dataset.py`)."""
    if len(text) > STRING_LIMIT // 2 and _utf16_len(text) > STRING_LIMIT:
        text = _utf16_truncate(text, STRING_LIMIT)
    if _CONTROL.search(text):
        text = _escape_control(text)
    space = ' xml:space="preserve"' if _space_at_an_end(text) else ""
    return f"<t{space}>{_escape(text)}</t>"


def _si(texts) -> str:
    return "".join([f"<si>{text_element(text)}</si>" for text in texts])


class _CellSheet:
    """A worksheet that keeps only its cells, each as the XML XlsxWriter writes for it."""

    def __init__(self, book: "_CellBook", name: str):
        self.name = name  # and not the book, which holds the sheet (see `_Strings`)
        self.cells: dict[tuple[int, int], str] = {}
        self.strings = book.strings.index
        self.string_writes = 0
        self._open, self._xf = book.skeleton.open_tags, book.skeleton.xf

    def _start(self, row: int, col: int, format_) -> str:
        """The cell's <c r="…" s="…": kept in the skeleton, as every return has the same."""
        key = (row, col, format_)
        start = self._open.get(key)
        if start is None:
            if format_ is None:
                style = ""
            elif (index := self._xf.get(id(format_))) is not None:
                style = f' s="{index}"'
            else:
                raise SkeletonMiss("a style the skeleton has not numbered")
            start = self._open[key] = f'<c r="{_address(row, col)}"{style}'
        return start

    def write_string(self, row, col, string, cell_format=None):
        if len(string) > STRING_LIMIT // 2 and _utf16_len(string) > STRING_LIMIT:
            string = _utf16_truncate(string, STRING_LIMIT)
        strings = self.strings
        number = strings.get(string)
        if number is None:
            number = strings[string] = len(strings)
        self.string_writes += 1
        start = self._open.get((row, col, cell_format)) or self._start(row, col, cell_format)
        self.cells[row, col] = f'{start} t="s"><v>{number}</v></c>'

    def write_number(self, row, col, number, cell_format=None):
        if number != number or number in (float("inf"), float("-inf")):
            raise SkeletonMiss("not a finite number")
        start = self._open.get((row, col, cell_format)) or self._start(row, col, cell_format)
        self.cells[row, col] = f"{start}><v>{number:.16G}</v></c>"

    def write_datetime(self, row, col, date, cell_format=None):
        if cell_format is None:
            raise SkeletonMiss("a date without a format")
        self.write_number(row, col, _datetime_to_excel_datetime(date, False, False), cell_format)

    def write_blank(self, row, col, blank, cell_format=None):
        if cell_format is not None:
            self.cells[row, col] = self._start(row, col, cell_format) + "/>"

    def write_formula(self, row, col, formula, cell_format=None, value=0):
        prepared, start = _prepare_formula(formula), self._start(row, col, cell_format)
        kind = ""
        if isinstance(value, bool):
            kind, value = ' t="b"', int(value)
        elif isinstance(value, str):
            if value.startswith("#"):
                raise SkeletonMiss("an error value")
            value = _escape(value)
            kind = ' t="str"' if value else ""
        self.cells[row, col] = f"{start}{kind}><f>{prepared}</f><v>{value}</v></c>"

    def write_url(self, row, col, url, cell_format=None, string=None, tip=None):
        if cell_format is None or string is None:
            raise SkeletonMiss("a link without its words or format")
        self.write_string(row, col, string, cell_format)  # the link itself is the skeleton's

    def merge_range(self, first_row, first_col, last_row, last_col, data, cell_format=None):
        if not isinstance(data, str):
            raise SkeletonMiss("a merged cell that is not text")
        self.write_string(first_row, first_col, data, cell_format)
        for row in range(first_row, last_row + 1):
            for col in range(first_col, last_col + 1):
                if (row, col) != (first_row, first_col):
                    self.write_blank(row, col, "", cell_format)

    def _skip(self, *args, **kwargs):
        """Layout: the skeleton's, the same for every return."""

    set_column = set_row = hide = protect = data_validation = conditional_format = _skip

    def xml(self, sheet: _Sheet) -> str:
        """The cells, as the XML between the skeleton's <sheetData> and </sheetData>."""
        cells = self.cells
        if len(cells) != sheet.size:
            raise SkeletonMiss(f"{self.name} has cells where the skeleton has none")
        parts = []
        try:
            for row, tag, columns in sheet.rows:
                if not columns:  # a row with a height and no cells
                    parts.append(tag)
                    continue
                parts.append(tag)
                parts.extend([cells[row, col] for col in columns])
                parts.append("</row>")
        except KeyError as missing:
            raise SkeletonMiss(f"{self.name} lacks a cell at {missing}") from None
        return "".join(parts)


class _CellBook:
    """Stands in for XlsxWriter's Workbook while `WorkbookWriter` writes one return."""

    def __init__(self, skeleton: Skeleton, data: WorkbookData, target: BinaryIO | str):
        self.skeleton, self.data, self.target = skeleton, data, target
        self.sheets: list[_CellSheet] = []
        self.strings = _Strings(self.sheets)
        self.styles = skeleton.styles

    cells_only = True  # WorkbookWriter: write the cells, not the layout

    def add_worksheet(self, name):
        sheet = _CellSheet(self, name)
        self.sheets.append(sheet)
        return sheet

    def add_format(self, properties=None):
        format_ = self.skeleton.formats.get(_props_key(properties or {}))
        if format_ is None:
            raise SkeletonMiss("a format the skeleton does not have")
        return format_

    def set_properties(self, properties):
        """The skeleton's (the banners are part of its key)."""

    def close(self) -> None:
        if self.target is None:
            return  # a dry run, for the strings it writes
        skeleton, hwb = self.skeleton, self.data.hwb_ons_code
        if not hwb.isalnum():
            raise SkeletonMiss("an ONS code that would need escaping")
        date = datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        entries = {
            "xl/sharedStrings.xml": _part(self.strings.pieces(skeleton)),
            "xl/workbook.xml": _part([skeleton.names[0], hwb.encode(), skeleton.names[1]]),
            "docProps/core.xml": _part([skeleton.core_xml.replace(skeleton.date, date).encode()]),
        }
        for sheet in self.sheets:
            part = skeleton.sheets[sheet.name]
            entries[part.part] = _part([part.head, sheet.xml(part).encode(), part.tail])
        entries.update(skeleton.parts)
        zipped = _zip([(name, entries[name]) for name in skeleton.order])
        if isinstance(self.target, str):
            with open(self.target, "wb") as file:
                file.write(zipped)
        else:
            self.target.write(zipped)


def skeleton_write(data: WorkbookData, target: BinaryIO) -> None:
    """The workbook of `data`, written into its skeleton; whole, if it needs more than that."""
    start = target.tell()
    try:
        skeleton = skeleton_for(data)
        writer = WorkbookWriter(data, target, book=_CellBook(skeleton, data, target))
        writer.write()
    except SkeletonMiss:
        target.seek(start)
        target.truncate()
        WorkbookWriter(data, target).write()
