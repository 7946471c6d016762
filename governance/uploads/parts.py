"""The parts of a workbook as expat streams them: one handler per kind of part, each
counting every element and the text it keeps against the reader's limits. Dates follow
openpyxl's rules (`dates.py`), without importing openpyxl."""

import contextlib
import datetime
import functools
import re

from governance.money import bounded_int

from . import plain
from .dates import BUILTIN_DATE_FORMATS, MAC_EPOCH, WINDOWS_EPOCH, from_excel, is_date_format
from .plain import NotPlain
from .refusals import damaged, declarations, too_much

try:  # a sheet's plain cells, the shared strings and the defined names read in C, where the
    # install built it (pyproject.toml)
    from . import _cells
except ImportError:  # the same regions read in Python
    _cells = None

RELATIONSHIPS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
SHEET_ID = f"{RELATIONSHIPS} id"  # a sheet's r:id, its namespace resolved by expat

CELL = re.compile(r"^\$?([A-Z]{1,3})\$?(\d{1,7})$")
ESCAPED = re.compile(r"_x([0-9A-Fa-f]{4})_")
WHOLE = re.compile(r"^-?\d+$")
MAX_ROW, MAX_COLUMN = 1_048_576, 16_384
TALL_ROW = re.compile(r'<row r="([0-9]{7})"')  # past row 999,999


LONGEST_ADDRESS = len("$XFD$1048576")


def cell_position(address: str) -> tuple[int, int] | None:
    """`C14` -> (14, 3); None for anything that is not a cell on a sheet."""
    if len(address) > LONGEST_ADDRESS:
        return None  # and never remembered: a file's long text stays out of the cache
    return _position(address)


@functools.lru_cache(maxsize=1 << 14)
def _position(address: str) -> tuple[int, int] | None:
    """Remembered (at most 16,384 addresses of 12 characters): the workbooks of one
    template put their cells at the same addresses."""
    match = CELL.match(address)
    if match is None:
        return None
    column = 0
    for letter in match[1]:
        column = column * 26 + ord(letter) - 64
    row = int(match[2])
    return (row, column) if 1 <= row <= MAX_ROW and 1 <= column <= MAX_COLUMN else None


def unescape(text: str) -> str:
    """OOXML's escapes: `_x000D_` is a carriage return, `_x005F_` the underscore itself."""
    return ESCAPED.sub(lambda m: chr(int(m[1], 16)), text) if "_x" in text else text


def number(text: str):
    """A cell's stored number, as openpyxl gives it: an int when it is written as one (one of
    more digits than any answer has is clamped, never read whole)."""
    if WHOLE.match(text):
        return int(text) if len(text) < 19 else bounded_int(text)
    try:
        return float(text)
    except ValueError:
        return text


def _check_lengths(reader, texts: list[str]) -> int:
    """Plain texts as the text collector takes them: NotPlain for one too long for a cell
    (expat then reads the part, and the collector refuses it where it comes). Their
    length, all together: where that is within a cell's, so is each."""
    total, most = sum(map(len, texts)), reader.limits.cell_chars
    if total > most and max(map(len, texts)) > most:
        raise NotPlain
    return total


def _count_chars(reader, texts: list[str], total: int | None = None) -> None:
    """Plain texts as `count_text` counts them, all at once (`total`: their length, where
    it is known): NotPlain past the limit."""
    reader.chars += sum(map(len, texts)) if total is None else total
    if reader.chars > reader.limits.total_chars:
        raise NotPlain


def refuse_declarations(*args):
    raise declarations()


def text_collector(reader):
    """(text, taken): an expat text handler that keeps what it is given, refusing a text
    longer than a cell can hold, and the function that hands over the text kept so far
    and starts a new one."""
    pieces: list[str] = []
    cell_chars, kept = reader.limits.cell_chars, 0

    def text(data: str) -> None:
        nonlocal kept
        kept += len(data)
        if kept > cell_chars:
            reader.check_length(kept)
        pieces.append(data)

    def taken() -> str:
        nonlocal kept
        value = "".join(pieces)
        pieces.clear()
        kept = 0
        return value

    return text, taken


class PartRead(Exception):
    """Raised by a handler that has read all it needs of its part: reading stops there."""


class Handler:
    """Counts every element and passes it on to `opened` and `closed`; a handler that keeps
    text sets its own text handler (`text_collector`) where the text is.

    Element names reach a handler as their local names. With `namespaces` (the default)
    expat resolves prefixes, which a handler reading a prefixed attribute needs (the
    workbook's `r:id`); the sheets and shared strings need none, and are parsed without,
    as plain names (`c`, or `x:c` for a file that prefixes its elements): expat then makes
    no long `namespace c` string for each element."""

    namespaces = True
    # The most elements a part of this kind may have, besides the limit on all the parts
    # read: the small parts (content types, relations, workbook, styles) are refused long
    # before the reader's whole budget is spent on them. None: the whole budget.
    most_elements: int | None = None
    # A handler that can read the content of one element by pattern, where it is plain
    # (`plain.py`): that element's local name (the first such element of the part).
    container: str | None = None
    # Whether the container ends near the part's end (it is the root, or among its last
    # children): its closing tag is then looked for from the part's end, not across the
    # region from its start (`Reader._by_pattern`). A sheet's cells are followed by its
    # validations and formatting, often longer than the cells.
    container_near_end = True
    # The elements (local names) whose start or end the handler acts on outside another of
    # them, named by a handler whose part's head (what comes before its container) is worth
    # parsing without its callbacks past the last of them (`Reader._by_pattern`): a sheet's
    # views and columns, the styles' fonts, fills and borders, run to tens or hundreds of
    # elements, each a call into Python for nothing. None named: the callbacks throughout.
    reads: tuple[str, ...] = ()
    read_tags: re.Pattern  # a start or end tag of any of `reads`, with any prefix

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        if cls.reads:
            names = "|".join(re.escape(name) for name in cls.reads).encode()
            cls.read_tags = re.compile(rb"</?(?:[^\s/>:<]*+:)*+(?:" + names + rb")[\s/>]")

    def __init__(self, reader):  # a reader.Reader: its limits and counts
        self.reader = reader
        limit = reader.limits.elements
        if self.most_elements is not None:
            limit = min(limit, reader.elements + self.most_elements)
        self.element_limit = limit  # the count of elements read at which this part stops

    def attach(self, parser) -> None:
        """Set expat's start and end handlers: each one call, counting inline and passing
        the element's local name on. No text reaches Python."""
        reader, opened, closed = self.reader, self.opened, self.closed
        limit = self.element_limit

        def start(name: str, attributes: dict) -> None:
            reader.elements += 1
            if reader.elements > limit:
                raise too_much(reader.what)
            opened(name[name.rfind(" ") + 1 :], attributes)

        def end(name: str) -> None:
            closed(name[name.rfind(" ") + 1 :])

        parser.StartElementHandler, parser.EndElementHandler = start, end

    def read_plain(self, region: str) -> None:
        """Read the container's content, plain: as `attach`'s handlers would read it, or
        raise (NotPlain, a refusal) for expat to read it."""
        raise NotPlain

    def reset(self) -> None:
        """Forget what was read, for expat to read the part again."""

    def opened(self, name: str, attributes: dict) -> None:
        pass

    def closed(self, name: str) -> None:
        pass


def _count_items(handler: Handler, pieces: list, stride: int) -> None:
    """The elements of a region split by a pattern of `stride - 1` groups, counted: NotPlain
    where anything but white space lies between them (which the handler never reads: as
    LibreOffice ends the list with a line break), or past the part's limit (expat then
    refuses it)."""
    if any(between.strip(" \t\n") for between in pieces[0::stride]):
        raise NotPlain
    handler.reader.elements += len(pieces) // stride
    if handler.reader.elements > handler.element_limit:
        raise NotPlain


class ContentTypesHandler(Handler):
    most_elements = 10 * 300  # a type for each of at most 300 parts, and each extension
    container = "Types"

    def __init__(self, reader):
        super().__init__(reader)
        self.reset()

    def reset(self) -> None:
        self.kinds: list[str] = []
        self.overrides: dict[str, str] = {}  # content type -> part name (without the slash)

    def read_plain(self, region: str) -> None:
        pieces = plain.TYPES.split(region)
        _count_items(self, pieces, 5)
        for default, part, override in zip(pieces[2::5], pieces[3::5], pieces[4::5],
                                           strict=True):  # fmt: skip
            if part is None:
                self.kinds.append(default)
            else:
                self.kinds.append(override)
                self.overrides.setdefault(override, part.lstrip("/"))

    def opened(self, name, attributes):
        kind = attributes.get("ContentType", "")
        if name in ("Default", "Override"):
            self.kinds.append(kind)
        if name == "Override":
            self.overrides.setdefault(kind, attributes.get("PartName", "").lstrip("/"))


class RelationsHandler(Handler):
    most_elements = 10 * 300  # a relation to each of at most 300 parts, and links
    container = "Relationships"

    def __init__(self, reader):
        super().__init__(reader)
        self.reset()

    def reset(self) -> None:
        self.relations: list[tuple[str, str, str]] = []

    def read_plain(self, region: str) -> None:
        pieces = plain.RELATIONSHIPS.split(region)
        _count_items(self, pieces, 5)
        self.relations.extend(
            (relation_id, kind, target)
            for relation_id, kind, target, mode in zip(
                pieces[1::5], pieces[2::5], pieces[3::5], pieces[4::5], strict=True
            )
            if mode != "External"
        )

    def opened(self, name, attributes):
        if name == "Relationship" and attributes.get("TargetMode") != "External":
            self.relations.append(
                (attributes.get("Id", ""), attributes.get("Type", ""), attributes.get("Target", ""))
            )


class WorkbookHandler(Handler):
    """The tabs (name and relationship id), the defined names and the date system. A
    template defines a name per question: the handlers are closures, and the text handler
    is set only inside a `definedName`."""

    most_elements = 100_000  # 20,000 defined names, 60 tabs and the rest, many times over
    container = "definedNames"

    def __init__(self, reader):
        super().__init__(reader)
        self.reset()

    def reset(self) -> None:
        self.sheets: list[tuple[str, str]] = []  # (name, relationship id)
        self.names: dict[str, str] = {}
        self.date1904 = False

    def read_plain(self, region: str) -> None:
        reader, names = self.reader, self.names
        read = _cells.names(region, plain.decoded_one) if _cells is not None else None
        if read is not None:  # (names, scopes, values), as below
            found, scopes, values = read
        else:
            pieces = plain.NAMES.split(region)
            if any(pieces[0::4]):  # anything but defined names
                raise NotPlain
            found, scopes, values = pieces[1::4], pieces[2::4], plain.decoded(pieces[3::4])
        reader.elements += len(values)
        if reader.elements > self.element_limit or len(names) + len(values) > reader.limits.names:
            raise NotPlain
        _count_chars(reader, values, _check_lengths(reader, values))
        if (not names and scopes.count(None) == len(found) and "" not in found
                and len(set(found)) == len(found)):  # fmt: skip
            names.update(zip(found, values, strict=True))  # most: as the loop keeps them
            return
        for name, scoped, value in zip(found, scopes, values, strict=True):
            if name and scoped is None:  # a name scoped to one sheet is not the workbook's
                names.setdefault(name, value)

    def attach(self, parser) -> None:
        reader, sheets, names = self.reader, self.sheets, self.names
        limits = reader.limits
        element_limit, name_limit = self.element_limit, limits.names
        text, taken = text_collector(reader)
        name: str | None = None  # the defined name being read (None: scoped to a sheet)

        def start(element: str, attributes: dict) -> None:
            nonlocal name
            reader.elements += 1
            if reader.elements > element_limit:
                raise too_much(reader.what)
            element = element[element.rfind(" ") + 1 :]
            if element == "definedName":
                if len(names) >= name_limit:
                    raise too_much(reader.what)
                # A name scoped to one sheet (localSheetId) is not one of the workbook's.
                name = None if "localSheetId" in attributes else attributes.get("name", "")
                taken()
                parser.CharacterDataHandler = text
            elif element == "sheet":
                sheets.append((attributes.get("name", ""), attributes.get(SHEET_ID, "")))
            elif element == "workbookPr":
                self.date1904 = attributes.get("date1904", "") in ("1", "true")

        def end(element: str) -> None:
            if element[element.rfind(" ") + 1 :] == "definedName":
                parser.CharacterDataHandler = None
                value = reader.count_text(taken())
                if name:
                    names.setdefault(name, value)

        parser.StartElementHandler, parser.EndElementHandler = start, end


class StylesHandler(Handler):
    """Which cell styles show a number as a date. Reading stops at the end of the cell
    formats (`</cellXfs>`), which the schema puts after the number formats: what follows is
    not needed."""

    # A workbook's styles are a few hundred elements (Norfolk's: 168); Excel warns long before
    # its own ceiling of 65,490 cell formats. 1,600,000 formats stop here, in a tenth of a second.
    most_elements = 100_000

    container = "cellXfs"
    reads = ("numFmt", "cellXfs")  # an `xf` is read only inside `cellXfs`

    def __init__(self, reader):
        super().__init__(reader)
        self.reset()

    def reset(self) -> None:
        self.formats: dict[int, str] = {}  # the file's own, in place of the built-in ones
        self.cell_formats: list[int] = []
        self.in_cell_xfs = False

    def read_plain(self, region: str) -> None:
        pieces = plain.FORMATS.split(region)
        if any(pieces[0::2]):  # anything but cell formats
            raise NotPlain
        self.reader.elements += region.count("<") - region.count("</")
        if self.reader.elements > self.element_limit:
            raise NotPlain
        self.cell_formats.extend(int(number or 0) for number in pieces[1::2])

    def opened(self, name, attributes):
        if name == "numFmt":
            with contextlib.suppress(ValueError):
                self.formats[int(attributes.get("numFmtId", ""))] = attributes.get("formatCode", "")
        elif name == "cellXfs":
            self.in_cell_xfs = True
        elif name == "xf" and self.in_cell_xfs:
            try:
                self.cell_formats.append(int(attributes.get("numFmtId", 0)))
            except ValueError:
                self.cell_formats.append(0)

    def closed(self, name):
        if name == "cellXfs":  # after the number formats, in the schema's order
            raise PartRead  # the named styles and the formats of conditions are not needed

    def date_styles(self) -> set[int]:
        """The cell styles (by index) whose number format is a date: the file's own formats
        first, then the built-in ones they do not replace."""
        dates = {i for i in BUILTIN_DATE_FORMATS if i not in self.formats}
        dates |= {i for i, code in self.formats.items() if is_date_format(code)}
        return {index for index, format_id in enumerate(self.cell_formats) if format_id in dates}


class StringsHandler(Handler):
    """The shared strings: each `si`'s text, without its phonetic runs (`rPh`).

    After the sheets, the part with most elements: its handlers are closures, and the text
    handler is set only inside a `t` that is not phonetic."""

    namespaces = False
    container = "sst"

    def __init__(self, reader):
        super().__init__(reader)
        self.reset()

    def reset(self) -> None:
        self.strings: list[str] = []

    def read_plain(self, region: str) -> None:
        reader, limits = self.reader, self.reader.limits
        found = _cells.strings(region, plain.decoded_one) if _cells is not None else None
        if found is None:
            pieces = plain.STRINGS.split(region)
            found = pieces[1::2]
            if any(pieces[0::2]):  # anything but strings
                raise NotPlain
            found = plain.decoded(found)
        if len(found) > limits.strings:
            raise NotPlain
        reader.elements += 2 * len(found)  # each `si` and its `t`
        if reader.elements > self.element_limit:
            raise NotPlain
        total = _check_lengths(reader, found)
        if "_x" in region:
            found, total = [unescape(text) for text in found], None
        _count_chars(reader, found, total)
        self.strings.extend(found)

    def attach(self, parser) -> None:
        reader, strings = self.reader, self.strings
        limits = reader.limits
        element_limit, string_limit = self.element_limit, limits.strings
        count_text = reader.count_text
        text, taken = text_collector(reader)  # the current `t`
        parts: list[str] = []  # the texts of the current `si`
        phonetic = 0
        in_text = False

        def start(name: str, attributes: dict) -> None:
            nonlocal parts, phonetic, in_text
            reader.elements += 1
            if reader.elements > element_limit:
                raise too_much(reader.what)
            name = name[name.rfind(":") + 1 :]
            if name == "t":
                if not phonetic:
                    taken()
                    in_text = True
                    parser.CharacterDataHandler = text
            elif name == "si":
                parts = []
            elif name == "rPh":
                phonetic += 1

        def end(name: str) -> None:
            nonlocal phonetic, in_text
            name = name[name.rfind(":") + 1 :]
            if name == "t":
                if in_text:
                    parser.CharacterDataHandler = None
                    in_text = False
                    parts.append(taken())
            elif name == "si":
                if len(strings) >= string_limit:
                    raise too_much(reader.what)
                strings.append(count_text(unescape("".join(parts))))
            elif name == "rPh":
                phonetic -= 1

        parser.StartElementHandler, parser.EndElementHandler = start, end


class SheetHandler(Handler):
    """The cells of one sheet, as values: shared strings looked up, dates made dates, a
    formula's stored result taken. Reading stops at the end of the cells (`</sheetData>`):
    what follows (validations, formatting, links) is never decompressed or parsed.

    A sheet is most of what is read, so its handlers are written for speed: closures over
    local state, and the text handler set only inside a cell's `v` or `t` (a formula's
    text, and white space between elements, never reach Python)."""

    namespaces = False
    container = "sheetData"
    container_near_end = False
    reads = ("row", "c", "sheetData")  # a `v` or `t` only inside a `c`

    def __init__(self, reader, strings: list[str], date_styles: set[int], date1904: bool):
        super().__init__(reader)
        self.strings, self.date_styles = strings, date_styles
        self.epoch, self.from_excel = (MAC_EPOCH if date1904 else WINDOWS_EPOCH), from_excel
        self.reset()

    def reset(self) -> None:
        self.cells: dict[tuple[int, int], object] = {}

    def read_plain(self, region: str) -> None:
        if _cells is not None and self._read_plain_in_c(region):
            return
        reader, limits = self.reader, self.reader.limits
        pieces = plain.CELLS.split(region)
        between = plain.CELL_MARK.join(pieces[0::6])
        if plain.ROWS.fullmatch(between) is None:  # rows holding the cells, and nothing else
            raise NotPlain
        formulas = pieces[4::6]
        plain.check(formulas)  # each formula's text
        rows, values = between.count("<row "), pieces[5::6]
        if rows > limits.rows or any(int(r) > MAX_ROW for r in TALL_ROW.findall(between)):
            raise NotPlain
        # Each row, cell, formula and value.
        reader.elements += (
            rows + len(values) + len(formulas) - formulas.count(None) + len(values)
            - values.count(None)
        )  # fmt: skip
        if reader.elements > self.element_limit:
            raise NotPlain
        values = plain.decoded(values)
        _check_lengths(reader, values)
        cells, strings, value_of, blank = self.cells, self.strings, self._value, 0
        styles = pieces[2::6]
        # The styles (of up to 9 digits, by the pattern) that show no number as a date.
        undated = {s for s in set(styles) if s is None or int(s) not in self.date_styles}
        for address, style, kind, text in zip(pieces[1::6], styles, pieces[3::6], values,
                                              strict=True):  # fmt: skip
            position = _position(address)  # at most `XFD1048576`: short enough to remember
            if position is None:
                raise NotPlain
            if kind == "s":  # most cells: as `_value` reads them
                cells[position] = strings[int(text)]
            elif (kind is None and style in undated and text.isdigit() and text.isascii()
                  and len(text) < 19):  # fmt: skip
                cells[position] = int(text)  # a whole number, as `number` reads it
            else:
                value = value_of(text, kind or "n", style)
                if value is None:
                    blank += 1
                    continue
                cells[position] = value
        reader.cells += len(values) - blank  # each cell with a value
        if reader.cells > limits.cells:
            raise NotPlain

    def _read_plain_in_c(self, region: str) -> bool:
        """Whether `_cells.read` (C) read the region, as the Python below reads it: False,
        with nothing kept or counted, where it is not in the narrower form the C reads."""
        reader, limits = self.reader, self.reader.limits
        chars = reader.chars  # a cell of text read through `_value` counts its characters
        read = _cells.read(region, self.strings, self.date_styles, self._value,
                           plain.decoded_one, limits.cell_chars, self.cells)  # fmt: skip
        if read is None:  # (it may have read some of the cells, and counted their text)
            reader.chars = chars
            self.cells.clear()
            return False
        rows, elements, taken, text_chars, formulas = read
        plain.check(formulas)
        reader.elements += elements
        if rows > limits.rows or reader.elements > self.element_limit:
            raise NotPlain
        reader.count_chars(text_chars)  # the cells of text the C took as they are
        reader.cells += taken
        if reader.cells > limits.cells:
            raise NotPlain
        return True

    def attach(self, parser) -> None:
        reader, cells, value_of = self.reader, self.cells, self._value
        limits = reader.limits
        element_limit, row_limit = self.element_limit, limits.rows
        row = column = rows = 0
        kind = style = None
        text, taken = text_collector(reader)  # the current cell's
        in_cell = False

        def start(name: str, attributes: dict) -> None:
            nonlocal row, column, rows, kind, style, in_cell
            reader.elements += 1
            if reader.elements > element_limit:
                raise too_much(reader.what)
            name = name[name.rfind(":") + 1 :]
            if name == "c":
                if "r" in attributes:
                    position = cell_position(attributes["r"])
                    if position is None:
                        raise damaged()
                    row, column = position
                else:
                    column += 1
                kind = attributes.get("t", "n")
                style = attributes.get("s")
                taken()
                in_cell = True
            elif name == "row":
                try:
                    row = int(attributes["r"]) if "r" in attributes else row + 1
                except ValueError:
                    raise damaged() from None
                if not 1 <= row <= MAX_ROW:
                    raise damaged()
                column = 0
                rows += 1
                if rows > row_limit:
                    raise too_much(reader.what)
            elif in_cell and (name == "v" or name == "t"):
                parser.CharacterDataHandler = text

        def end(name: str) -> None:
            nonlocal in_cell
            name = name[name.rfind(":") + 1 :]
            if name == "v" or name == "t":
                parser.CharacterDataHandler = None
            elif name == "c":
                in_cell = False
                value = value_of(taken(), kind, style)
                if value is not None:
                    reader.count_cell()
                    cells[(row, column)] = value
            elif name == "sheetData":
                raise PartRead

        parser.StartElementHandler, parser.EndElementHandler = start, end

    def _value(self, text: str, kind: str, style: str | None):
        if kind == "s":
            try:
                return self.strings[int(text)]
            except (ValueError, IndexError):
                raise damaged() from None
        if kind in ("inlineStr", "str"):
            return self.reader.count_text(unescape(text))
        if text == "":
            return None
        if kind == "b":
            return text.strip() in ("1", "true")
        if kind == "e":
            return text
        if kind == "d":
            try:
                return datetime.datetime.fromisoformat(text)
            except ValueError:
                return text
        value = number(text)
        if style is not None and not isinstance(value, str):  # a number
            try:
                if int(style) in self.date_styles:
                    return self.from_excel(value, self.epoch)
            except (ValueError, OverflowError):
                return value
        return value
