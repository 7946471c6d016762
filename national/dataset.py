"""The national batch's dataset: a row per HWB area, a column per question id, as CSV and
as an XLSX of one sheet.

Each chunk of the batch writes its rows as text beside its workbooks: CSV lines, and the
sheet's XML rows as XlsxWriter's constant-memory mode writes them, with a mark where each
row's number goes. The batch plans where each chunk's rows fall in the whole, so a chunk
also numbers its rows and deflates them, and its CSV lines, as pieces of the files
(`sheet_rows`, `governance.zips`). The task that puts the batch together only lays the
pieces end to end; it numbers and deflates a part's rows itself only where they do not fall
where planned (a return gone between the plan and its chunk). The work of a row is done in
the chunks, which the workers share, not in the one task at the end.

The XLSX is checked part for part against XlsxWriter writing the same rows
(`national/tests/test_dataset.py`). One difference, on purpose: XlsxWriter copies a string
that looks like rich text (`<r>…</r>`) into the file unescaped; here every string is
escaped, so an answer cannot write its own XML into the dataset.
"""

import csv
import datetime
import io
import math
import zipfile
import zlib
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import BinaryIO
from weakref import WeakKeyDictionary

import xlsxwriter
from xlsxwriter.utility import xl_col_to_name

from governance.zips import Joined, ZipWriter, deflated_piece
from returns.definitions import template
from returns.interchange import answers_json
from returns.models import ReportingPeriod
from returns.selectors import ReturnState
from returns.workbook.skeleton import text_element

# Spreadsheet programs run CSV text that starts with these as a formula (OWASP: CSV injection),
# the full-width forms too (an East Asian keyboard's =, +, - and @), spaces before them or not.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n", "\uff1d", "\uff0b", "\uff0d", "\uff20")
NUMBER = "\x00"  # where a row's number goes: never in the XML's text (control characters are
# written as _x0000_ escapes), so the mark cannot be confused with what an answer says
ROW_START = f'<row r="{NUMBER}">'
SHEET = "xl/worksheets/sheet1.xml"
# The sheet is most of the file, its rows deflated by the chunks that wrote them (pieces the
# finish lays end to end): zlib's fastest level takes a third of the time of its default
# (150 areas: 8.5 against 26.7 ms) for a sheet a fifth larger (167 against 136 KB).
SHEET_LEVEL = 1


def dataset_columns(period: ReportingPeriod) -> list[str]:
    """One row per HWB area, one column per question id of the period's template."""
    ids = [q.id for q in template(period.template_version).questions]
    return [*HEAD, *ids]


def csv_safe(value):
    """A dataset value for the CSV: blank for None; text that a spreadsheet would run as a
    formula starts with an apostrophe."""
    if value is None:
        return ""
    if isinstance(value, str) and value.lstrip(" ").startswith(FORMULA_STARTS):
        return "'" + value
    return value


def csv_lines(rows: Iterable[list]) -> str:
    """The rows as the CSV's lines (the header is the finish's)."""
    text = io.StringIO()
    writer = csv.writer(text, lineterminator="\n")
    writer.writerows([csv_safe(value) for value in row] for row in rows)
    return text.getvalue()


def _csv_fields(values: list) -> str:
    """The values as the CSV writes them within a longer row: written as `csv_lines`
    writes a line, with a blank field after them (a row of one blank field alone is
    written `""`), then without that field's comma and the line's end."""
    text = io.StringIO()
    csv.writer(text, lineterminator="\n").writerow([*map(csv_safe, values), None])
    return text.getvalue()[:-2]


def xml_rows(rows: Iterable[list]) -> str:
    """The rows as the sheet's XML, each row's number left as a mark (`numbered`): a blank
    value writes no cell; text is an inline string, anything else a number."""
    return "".join(f"{ROW_START}{_xml_cells(row, 0)}</row>" for row in rows)


@lru_cache(maxsize=1024)
def _column(index: int) -> str:
    return f'<c r="{xl_col_to_name(index)}{NUMBER}"'


def _xml_cells(values: list, first: int) -> str:
    """The cells of `values`, the first in column `first` (counted from 0)."""
    parts = []
    for column, value in enumerate(values, first):
        if value is None:
            continue
        if isinstance(value, str):
            parts.append(f'{_column(column)} t="inlineStr"><is>{text_element(value)}</is></c>')
        elif isinstance(value, float) and not math.isfinite(value):
            raise ValueError("The dataset has a number that is not finite.")
        else:
            parts.append(f"{_column(column)}><v>{value:.16G}</v></c>")
    return "".join(parts)


HEAD = ("hwb_name", "ons_code", "status", "revision")  # a row's columns before its answers'


def answer_texts(answers: list) -> tuple[str, str]:
    """A row's answer columns (after HEAD's), as its CSV fields and XML cells."""
    return _csv_fields(answers), _xml_cells(answers, len(HEAD))


def row_texts(head: list, answers: tuple[str, str]) -> tuple[str, str]:
    """A row's CSV line and XML row, from its HEAD values and its `answer_texts`: what
    `csv_lines` and `xml_rows` write for the row whole."""
    fields, cells = answers
    return (
        f"{_csv_fields(head)},{fields}\n",
        f"{ROW_START}{_xml_cells(head, 0)}{cells}</row>",
    )


# A return's answer columns, kept with what its answers work out to (`returns.selectors.
# worked_out`), and dropped with it: a worker's next batch writes only the returns whose
# answers changed since.
_ANSWER_TEXTS: WeakKeyDictionary = WeakKeyDictionary()


def state_answer_texts(state: ReturnState) -> tuple[str, str]:
    """`answer_texts` of the return's answers, in the template's question order."""
    worked = state.worked
    kept = None if worked is None else _ANSWER_TEXTS.get(worked)
    if kept is None:
        answers = answers_json(state=state)
        kept = answer_texts([answers[question.id] for question in state.definition.questions])
        if worked is not None:
            _ANSWER_TEXTS[worked] = kept
    return kept


def numbered(pieces: Iterable[str], first: int):
    """The rows of `pieces` (each what `xml_rows` wrote), numbered from `first`, one at a
    time."""
    number = first
    for piece in pieces:
        for row in piece.split(ROW_START)[1:]:
            digits = str(number)
            yield f'<row r="{digits}">{row.replace(NUMBER, digits)}'
            number += 1


OPTIONS = {"constant_memory": True, "strings_to_formulas": False, "strings_to_urls": False,
           "strings_to_numbers": False}  # fmt: skip
CORE = "docProps/core.xml"
# The date the kept header book is made with, put right as each file is written: XlsxWriter
# writes it as the file's created and modified dates, to the second, in UTC.
KEPT_DATE = datetime.datetime(2000, 1, 1, tzinfo=datetime.UTC)
ISO_DATE = "%Y-%m-%dT%H:%M:%SZ"


@lru_cache(maxsize=8)
def _header_book(code: str, columns: tuple[str, ...]) -> tuple[tuple[zipfile.ZipInfo, bytes], ...]:
    """The parts of XlsxWriter's book of the header row alone, each entry and its bytes: made
    once for a period's columns, as a worker writes the same period's dataset over and over
    (making it was a third of the finish's CPU, with its temporary files)."""
    header = io.BytesIO()
    book = xlsxwriter.Workbook(header, OPTIONS)
    book.set_properties({"created": KEPT_DATE})
    sheet = book.add_worksheet(code)
    sheet.write_row(0, 0, columns, book.add_format({"bold": True}))
    book.close()
    with zipfile.ZipFile(header) as source:
        return tuple((entry, source.read(entry)) for entry in source.infolist())


@dataclass(frozen=True)
class SheetRows:
    """Rows of the sheet, numbered, deflated as a piece of it (`governance.zips`): the
    piece, and the CRC-32 and size of their XML."""

    piece: bytes
    crc: int
    size: int


def sheet_rows(text: str, first: int) -> SheetRows:
    """The rows of `text` (what `xml_rows` wrote) numbered from `first`, as a piece of the
    sheet: a chunk deflates its own rows where it knows the number of its first."""
    xml = "".join(numbered([text], first)).encode()
    return SheetRows(deflated_piece(xml, SHEET_LEVEL), zlib.crc32(xml), len(xml))


def dataset_xlsx(target: BinaryIO, code: str, columns: list[str], pieces: Iterable[SheetRows],
                 rows: int) -> None:  # fmt: skip
    """The dataset's workbook into `target`: XlsxWriter's book with the header row (made
    once, dated now), and the `rows` rows of `pieces`, numbered from row 2 one after
    another, laid into its sheet after that row as they are."""
    kept = KEPT_DATE.strftime(ISO_DATE).encode()
    now = datetime.datetime.now(datetime.UTC).strftime(ISO_DATE).encode()
    out = ZipWriter(target)
    for entry, data in _header_book(code, tuple(columns)):
        if entry.filename == CORE:
            data = data.replace(kept, now)
        joined = Joined()
        if entry.filename != SHEET:
            joined.deflate(data, SHEET_LEVEL)
            out.add_joined(entry.filename, joined, entry.date_time)
            continue
        xml = data.decode()
        if rows:
            last = xl_col_to_name(len(columns) - 1)
            xml = xml.replace(f':{last}1"/>', f':{last}{rows + 1}"/>', 1)
        head, tail = xml.split("</sheetData>", 1)
        joined.deflate(head.encode(), SHEET_LEVEL)
        for piece in pieces:
            joined.add(piece.piece, piece.crc, piece.size)
        joined.deflate(f"</sheetData>{tail}".encode(), SHEET_LEVEL)
        out.add_joined(SHEET, joined, entry.date_time)
    out.close()
