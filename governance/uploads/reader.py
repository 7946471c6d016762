"""Reading an uploaded .xlsx in bounded time and memory, whatever the file holds.

Every import reads through `read_workbook`: a return's workbook (its page and the
`import_return` command) and the scheme register. Nothing the file says about itself is
trusted. The archive is opened without extracting anything; each part is decompressed in
small pieces while the bytes that actually come out are counted, and XML is parsed as it
streams (expat, refusing any DTD, so no entity is ever declared or expanded) while the
elements, cells, rows and characters are counted. Only the parts a workbook needs are
read, and of its sheets only those the caller asks for. The moment a count passes its
limit (`Limits`), reading stops and the file is refused with a plain message: the limits,
not the file, decide the worst cost (`docs/SECURITY.md` gives the measured figures).

A sheet's cells, the shared strings, the defined names and the cell formats are most of
what is read, and the portal's own export writes them in one plain form: such a region is
read by pattern (`plain.py`), in C, while expat parses the rest of its part; a part up to
`PATTERN_BYTES` is taken whole for that. Before a sheet's cells and the styles' cell
formats, past the last element their handler reads, expat parses without calling it.
Wherever a region is not plain, or the file is refused, expat reads the whole part as
above: the values, the counts and the refusals are expat's either way
(`tests/test_plain_uploads.py`).

What comes back is the workbook's values as a reader that does not recalculate sees them
(a formula's stored result), with numbers in date formats turned into datetimes.
"""

import functools
import io
import itertools
import re
import struct
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from posixpath import dirname, normpath
from posixpath import join as join_path
from xml.parsers import expat

from governance.zips import END, entry_pieces, local_entry

from .parts import (
    ContentTypesHandler,
    Handler,
    PartRead,
    RelationsHandler,
    SheetHandler,
    StringsHandler,
    StylesHandler,
    WorkbookHandler,
    cell_position,
    refuse_declarations,
)
from .plain import NotPlain, region_text
from .refusals import (
    LIMITS,
    NOT_A_WORKBOOK,
    ZIP64,
    Limits,
    WorkbookRefused,
    damaged,
    too_much,
    twice,
)

MAIN_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"
XLS_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
CHUNK = 64 * 1024  # decompressed bytes fed to the parser at a time
# A part of a kind that may be read by pattern (`plain.py`) is taken whole up to this size
# (a return's largest is 57 KB; a register's at its row limits, 316 KB), a larger one as
# it streams. Only a part that declares itself UTF-8 is read by pattern.
PATTERN_BYTES = 1024 * 1024
UTF8_DECLARATIONS = tuple(
    f'<?xml version="1.0" encoding="{name}"'.encode() for name in ("UTF-8", "utf-8")
)


@dataclass
class Sheet:
    """The values of one sheet read: `cells[(row, column)]`, both counted from 1."""

    name: str
    cells: dict[tuple[int, int], object] = field(default_factory=dict)

    def value(self, address: str):
        """The value at `C14` (or `$C$14`); None when the cell is empty or the address odd."""
        position = cell_position(address)
        return None if position is None else self.cells.get(position)

    def rows(self) -> Iterator[tuple[int, dict[int, object]]]:
        """(row number, {column: value}) for each row with a value, top to bottom."""
        by_row: dict[int, dict[int, object]] = {}
        for (row, column), value in self.cells.items():
            by_row.setdefault(row, {})[column] = value
        for row in sorted(by_row):
            yield row, by_row[row]


@dataclass
class Book:
    """What was read of a workbook: every sheet's name, the defined names, and the values of
    the sheets asked for."""

    sheet_names: list[str]
    names: dict[str, str]  # defined name -> its formula text, e.g. `'5. I&E'!$C$14`
    sheets: dict[str, Sheet]

    def name_text(self, name: str) -> str | None:
        """A defined name that holds a constant string (`"bcf-q3-2015-16"`), unquoted."""
        text = self.names.get(name)
        return None if text is None else text.strip('"')

    def cell(self, name: str, sheet: str, address: str) -> tuple[str, str, object]:
        """(sheet, address, value) of the cell a defined name points at, where it is one
        cell of a sheet read, or else of `address` on `sheet` (a sheet read): in one call,
        as an import asks it for each of a template's inputs."""
        text = self.names.get(name)
        found = None if text is None else single_cell(text)
        if found is not None and found[0] in self.sheets:
            sheet, address = found
        return sheet, address, self.sheets[sheet].value(address)


SINGLE_CELL = re.compile(
    r"^(?:'(?P<quoted>(?:[^']|'')+)'|(?P<plain>[^'!]+))!(?P<cell>\$?[A-Z]{1,3}\$?\d{1,7})$"
)
LONGEST_NAME_TEXT = 80  # a sheet's name (31 characters, quoted) and a cell, with room


def single_cell(text: str) -> tuple[str, str] | None:
    """(sheet, address) of a defined name's text that points at one cell, else None."""
    return _single_cell(text) if len(text) <= LONGEST_NAME_TEXT else _single_cell.__wrapped__(text)


@functools.lru_cache(maxsize=1 << 14)
def _single_cell(text: str) -> tuple[str, str] | None:
    """Remembered for short texts: a template's workbooks name the same cells."""
    match = SINGLE_CELL.match(text)
    if match is None:
        return None
    sheet = (match["quoted"] or "").replace("''", "'") or match["plain"]
    return sheet, match["cell"].replace("$", "")


def read_workbook(
    content: bytes, *, sheets: Iterable[str], what: str, limits: Limits = LIMITS
) -> Book:
    """The workbook in `content`, with the values of the named `sheets` (those it has), or
    WorkbookRefused saying why it cannot be read. `what` names it in messages: "a return"."""
    if len(content) > limits.file_bytes:
        raise WorkbookRefused(
            f"The file is {len(content) / 1024 / 1024:.1f} MB; the largest {what} can be is "
            f"{limits.file_bytes // 1024 // 1024} MB."
        )
    if content[:8] == XLS_MAGIC:
        raise WorkbookRefused(
            "This is an old-style Excel file (.xls). Open it in Excel or LibreOffice and save "
            "it as an Excel Workbook (.xlsx), then upload that."
        )
    if content[:4] != b"PK\x03\x04":
        raise WorkbookRefused(NOT_A_WORKBOOK)
    _check_directory(content, limits, what)
    try:
        return Reader(content, limits, what).book(set(sheets))
    except WorkbookRefused:
        raise
    except Exception as error:  # zipfile, zlib and expat raise many kinds for a damaged file
        raise damaged() from error


ZIP64_LOCATOR = struct.Struct("<4sLQL")  # just before the end record, in a Zip64 archive
ZIP64_EXTRA = 0x0001  # the extra field's header id holding an entry's 64-bit sizes
PATCHED_OR_STRONGLY_ENCRYPTED = 0x20 | 0x40  # flags zipfile does not read either
DIRECTORY_ENTRY_BYTES = 1024  # an entry's fixed 46 bytes, its name and extra fields, at most


def _check_directory(content: bytes, limits: Limits, what: str) -> None:
    """Before zipfile reads the archive's directory (all of it, whatever its size), check its
    size: a directory longer than `limits.parts` entries can be is refused unread. A split
    archive, and Zip64 in any form (here, its end record; each entry's extra field, in
    `Reader`), are refused: a workbook of 10 MB needs neither, and readers differ on both."""
    end = content.rfind(b"PK\x05\x06", max(0, len(content) - END.size - 65535))
    if end < 0 or len(content) - end < END.size:
        raise WorkbookRefused(NOT_A_WORKBOOK)
    _, disk, _, _, entries, size, offset, _ = END.unpack_from(content, end)
    if disk:
        raise WorkbookRefused(NOT_A_WORKBOOK)
    locator = end - ZIP64_LOCATOR.size
    if (entries == 0xFFFF or 0xFFFFFFFF in (size, offset)
            or (locator >= 0 and content[locator:locator + 4] == b"PK\x06\x07")):  # fmt: skip
        raise WorkbookRefused(ZIP64)
    if entries > limits.parts or size > limits.parts * DIRECTORY_ENTRY_BYTES:
        raise WorkbookRefused(f"The workbook has too many parts to be {what}.")


def _local_name(name: str) -> str:
    """An element's name as expat gives it, with namespaces (`uri c`) or without (`x:c`),
    less its namespace or prefix."""
    return name[max(name.rfind(" "), name.rfind(":")) + 1 :]


def _quiet_from(handler: "Handler", data: bytes, opening: int) -> int | None:
    """Where, before the container's `opening`, the part can be parsed without the handler
    (`Handler.reads`): the first tag after the last that the handler reads, or None.
    Only where there is nothing but elements after the XML declaration: a comment, a CDATA
    section or a processing instruction could hold what looks like a tag."""
    if not handler.reads:
        return None
    head = data[:opening]
    if b"<!" in head or head.count(b"<?") != 1:
        return None
    last = None
    for last in handler.read_tags.finditer(head):  # noqa: B007 (the last one is wanted)
        pass
    return 0 if last is None else data.find(b"<", last.end(), opening + 1)


def _has_zip64_field(extra: bytes) -> bool:
    """Whether an entry's extra fields (header id, size, data; one after another) hold Zip64's."""
    at = 0
    while at + 4 <= len(extra):
        header, size = struct.unpack_from("<2H", extra, at)
        if header == ZIP64_EXTRA:
            return True
        at += 4 + size
    return False


class Reader:
    """Reads the workbook in `content`: zipfile reads the archive's directory, and each part
    comes out of `content` through `governance.zips.entry_pieces`."""

    def __init__(self, content: bytes, limits: Limits, what: str):
        self.content, self.limits, self.what = content, limits, what
        self.total_bytes = self.elements = self.chars = self.cells = 0
        self.read_by_pattern: list[str] = []  # the parts read by pattern, for the record
        try:
            with zipfile.ZipFile(io.BytesIO(content)) as archive:
                parts = archive.infolist()
        except Exception:  # no zip directory: a truncated or other file
            raise WorkbookRefused(NOT_A_WORKBOOK) from None
        if len(parts) > limits.parts:
            raise WorkbookRefused(f"The workbook has too many parts to be {what}.")
        self.parts, self.starts = {}, {}
        for part in parts:
            name = part.filename
            if name.startswith(("/", "\\")) or "\\" in name or ".." in name.split("/"):
                raise WorkbookRefused(NOT_A_WORKBOOK)
            if name.lower() in self.parts:
                raise twice(name)
            start, extra = self._local_entry(part)
            if _has_zip64_field(part.extra) or _has_zip64_field(extra):
                raise WorkbookRefused(ZIP64)
            if part.flag_bits & 0x1:  # encrypted
                raise WorkbookRefused(
                    "The workbook is protected with a password. Remove the password, save it "
                    "again and upload that."
                )
            if part.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
                raise WorkbookRefused(NOT_A_WORKBOOK)
            if part.flag_bits & PATCHED_OR_STRONGLY_ENCRYPTED:
                raise damaged()
            self.parts[name.lower()], self.starts[name.lower()] = part, start
        # What the headers declare is not trusted (the reads below count what comes out), but
        # a file that declares a bomb is refused before anything is decompressed.
        if sum(part.file_size for part in parts) > limits.total_bytes:
            raise too_much(what)

    def _local_entry(self, part: zipfile.ZipInfo) -> tuple[int, bytes]:
        """Where the part's data starts, and its local header's extra fields."""
        try:
            return local_entry(self.content, part)
        except ValueError:
            raise damaged() from None

    # The parts of a workbook, in the order they are needed.

    def book(self, wanted: set[str]) -> Book:
        workbook_part = self._main_part()
        info = self._parse(workbook_part, WorkbookHandler(self))
        relations = self._relations(workbook_part)
        if len(info.sheets) > self.limits.sheets:
            raise WorkbookRefused(
                f"The workbook has {len(info.sheets):,} tabs: too many to be {self.what}."
            )
        date_styles = set()
        styles = relations.get("styles")
        if styles and styles[0].lower() in self.parts:
            date_styles = self._parse(styles[0], StylesHandler(self)).date_styles()
        strings: list[str] = []
        shared = relations.get("sharedStrings")
        if shared and shared[0].lower() in self.parts:
            strings = self._parse(shared[0], StringsHandler(self)).strings
        targets = relations.get("worksheet-by-id", {})
        sheets = {}
        for name, relation_id in info.sheets:
            if name not in wanted:
                continue
            target = targets.get(relation_id)
            if target is None or target.lower() not in self.parts:
                raise damaged()
            handler = SheetHandler(self, strings, date_styles, info.date1904)
            sheets[name] = Sheet(name, self._parse(target, handler).cells)
        return Book([name for name, _ in info.sheets], info.names, sheets)

    def _main_part(self) -> str:
        types = self.parts.get("[content_types].xml")
        if types is None:
            raise WorkbookRefused(NOT_A_WORKBOOK)
        content_types = self._parse(types.filename, ContentTypesHandler(self))
        macros = any(name.endswith(".bin") for name in self.parts) or any(
            "vbaproject" in kind.lower() or "macroenabled" in kind.lower()
            for kind in content_types.kinds
        )
        if macros:
            raise WorkbookRefused(
                "The workbook contains macros, which the portal does not accept. Save it as an "
                "Excel Workbook (.xlsx) without macros and upload that."
            )
        main = content_types.overrides.get(MAIN_CONTENT_TYPE)
        if main is None or main.lower() not in self.parts:
            raise WorkbookRefused(NOT_A_WORKBOOK)
        return main

    def _relations(self, part: str) -> dict:
        """The workbook's related parts by type: styles, sharedStrings, worksheets by id."""
        folder = dirname(part)
        rels = join_path(folder, "_rels", part.rsplit("/", 1)[-1] + ".rels")
        if rels.lower() not in self.parts:
            raise damaged()
        found: dict = {"worksheet-by-id": {}}
        for relation_id, kind, target in self._parse(rels, RelationsHandler(self)).relations:
            path = normpath(target[1:] if target.startswith("/") else join_path(folder, target))
            kind = kind.rsplit("/", 1)[-1]
            if kind == "worksheet":
                found["worksheet-by-id"][relation_id] = path
            else:
                found.setdefault(kind, []).append(path)
        return found

    # Streaming one part through expat, counting what comes out.

    def _parse(self, name: str, handler: "Handler"):
        pieces = self._pieces(name, PATTERN_BYTES + 1 if handler.container else CHUNK)
        if handler.container:
            whole = next(pieces, b"")
            if len(whole) <= PATTERN_BYTES and self._by_pattern(handler, whole):
                self.read_by_pattern.append(name)
                return handler
            pieces = itertools.chain([whole], pieces)
        parser = self._parser(handler)
        handler.attach(parser)
        try:
            for piece in pieces:
                parser.Parse(piece, False)
            parser.Parse(b"", True)
        except PartRead:
            pass  # the handler has what it needs; the rest is not read
        return handler

    def _pieces(self, name: str, first: int) -> Iterator[bytes]:
        """The part's decompressed bytes, `first` of them then CHUNK at a time, counted as
        they come out. A piece shorter than asked for is the part's last, checked against
        the archive's directory before it comes (`entry_pieces`)."""
        read = 0
        part = self.parts[name.lower()]
        for piece in entry_pieces(self.content, part, self.starts[name.lower()], first, CHUNK):
            read += len(piece)
            self.total_bytes += len(piece)
            if read > self.limits.part_bytes or self.total_bytes > self.limits.total_bytes:
                raise too_much(self.what)
            yield piece

    @staticmethod
    def _parser(handler: "Handler"):
        parser = expat.ParserCreate(namespace_separator=" " if handler.namespaces else None)
        parser.buffer_text = True
        parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
        parser.StartDoctypeDeclHandler = refuse_declarations
        parser.EntityDeclHandler = refuse_declarations
        parser.ExternalEntityRefHandler = refuse_declarations
        return parser

    def _by_pattern(self, handler: "Handler", data: bytes) -> bool:
        """Whether the whole part in `data` was read with its region (the content of the
        handler's `container`) taken by pattern
        (`plain.py`). Expat parses the part without its region, through the handler as
        always, and must close the container exactly where the region began: the region
        is then that element's content and nothing else, and is read there, in its place.
        False, with the handler and the counts as they were, where expat must read the
        part: it is not plain, or it is refused (expat then says why, where it would)."""
        container = handler.container.encode()
        opening = data.find(b"<" + container)
        if opening < 0 or not data.startswith(UTF8_DECLARATIONS):
            return False
        start = data.find(b">", opening) + 1
        closing = b"</" + container + b">"
        # Either way, a region holding the closing tag is not plain (its pattern takes no
        # closing tag), and expat must close the container where the region began.
        end = (data.rfind if handler.container_near_end else data.find)(closing, start)
        if start == 0 or end < 0:
            return False
        counts, read = (self.elements, self.chars, self.cells), []
        parser = self._parser(handler)
        handler.attach(parser)
        closed, container = parser.EndElementHandler, handler.container
        quiet = _quiet_from(handler, data, opening)

        def ended(name: str) -> None:
            """The first element to end after the region was taken out: the container,
            where the region began, or the region is not the container's content."""
            parser.EndElementHandler = closed
            if parser.CurrentByteIndex != start:
                raise NotPlain
            if _local_name(name) != container:
                raise NotPlain
            handler.read_plain(region_text(data[start:end]))
            read.append(True)
            closed(name)

        try:
            if quiet is None:
                parser.Parse(data[:start], False)
            else:
                self._parse_quietly(handler, parser, data, quiet, start)
            parser.EndElementHandler = ended  # what ended up to here ended before the region
            parser.Parse(data[end:], True)
        except PartRead:
            pass
        except Exception:  # expat, or the limits, will say it (or not) when expat reads it
            read.clear()
        if not read:
            self.elements, self.chars, self.cells = counts
            handler.reset()
        return bool(read)

    def _parse_quietly(self, handler, parser, data: bytes, quiet: int, start: int) -> None:
        """Parse `data` up to `start` (the region): through the handler up to `quiet`, and
        from there without it, where `_quiet_from` found it reads nothing (expat still
        checks every byte, and the elements there are counted by their tags). Through the
        handler to the end where an element it reads is still open at `quiet`."""
        on_start, on_end = parser.StartElementHandler, parser.EndElementHandler
        if quiet:
            reads, depth = set(handler.reads), 0

            def counted_start(name: str, attributes: dict) -> None:
                nonlocal depth
                depth += _local_name(name) in reads
                on_start(name, attributes)

            def counted_end(name: str) -> None:
                nonlocal depth
                depth -= _local_name(name) in reads
                on_end(name)

            parser.StartElementHandler, parser.EndElementHandler = counted_start, counted_end
            parser.Parse(data[:quiet], False)
            parser.StartElementHandler, parser.EndElementHandler = on_start, on_end
            if depth:
                parser.Parse(data[quiet:start], False)
                return
        parser.StartElementHandler = parser.EndElementHandler = None
        head = data[quiet:start]
        parser.Parse(head, False)
        parser.StartElementHandler, parser.EndElementHandler = on_start, on_end
        self.elements += head.count(b"<") - head.count(b"</") - head.count(b"<?")
        if self.elements > handler.element_limit:
            raise NotPlain  # expat reads the part, and refuses it where it would

    def count_text(self, text: str) -> str:
        self.check_length(len(text))
        self.count_chars(len(text))
        return text

    def count_chars(self, number: int) -> None:
        """`number` characters more of the file's text: refused past the limit."""
        self.chars += number
        if self.chars > self.limits.total_chars:
            raise too_much(self.what)

    def check_length(self, length: int) -> None:
        if length > self.limits.cell_chars:
            raise WorkbookRefused(
                f"A cell holds more than {self.limits.cell_chars:,} characters, the most Excel "
                "keeps in a cell. Shorten it and upload the file again."
            )

    def count_cell(self) -> None:
        self.cells += 1
        if self.cells > self.limits.cells:
            raise too_much(self.what)
