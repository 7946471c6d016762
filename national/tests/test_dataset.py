"""The national dataset's XLSX, joined from rows the chunks wrote, is the file XlsxWriter
writes for the same rows, part for part."""

import datetime
import io
import itertools
import struct
import zipfile
from decimal import Decimal

import openpyxl
import xlsxwriter
from hypothesis import given, settings
from hypothesis import strategies as st

from governance.zips import DEFLATE_END, deflated_piece
from national.dataset import (
    SHEET,
    answer_texts,
    csv_lines,
    dataset_xlsx,
    row_texts,
    sheet_rows,
    xml_rows,
)

COLUMNS = ["hwb_name", "ons_code", "status", "revision", "a_number", "a_text"]
OPTIONS = {"constant_memory": True, "strings_to_formulas": False, "strings_to_urls": False,
           "strings_to_numbers": False}  # fmt: skip


def xlsxwriter_file(rows: list[list]) -> bytes:
    """How the batch wrote its dataset before: XlsxWriter, row by row."""
    target = io.BytesIO()
    book = xlsxwriter.Workbook(target, OPTIONS)
    sheet = book.add_worksheet("fy1516_q3")
    sheet.write_row(0, 0, COLUMNS, book.add_format({"bold": True}))
    for number, row in enumerate(rows, start=1):
        for column, value in enumerate(row):
            if isinstance(value, str):
                sheet.write_string(number, column, value)
            elif value is not None:
                sheet.write_number(number, column, value)
    book.close()
    return target.getvalue()


def joined_file(rows: list[list], chunk: int = 2) -> bytes:
    """The rows written in chunks, each numbered from the row it starts at and deflated as
    a piece of the sheet, as the batch's parts hold them, then joined."""
    pieces = [sheet_rows(xml_rows(rows[start : start + chunk]), 2 + start)
              for start in range(0, len(rows), chunk)]  # fmt: skip
    target = io.BytesIO()
    dataset_xlsx(target, "fy1516_q3", COLUMNS, iter(pieces), len(rows))
    return target.getvalue()


def parts(content: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        return {
            name: archive.read(name) for name in archive.namelist() if name != "docProps/core.xml"
        }  # the file's date differs, by the second it was written


AWKWARD = [
    " leading space",
    "trailing space ",
    "Smith & Jones <ltd> \"quoted\" 'single'",
    "a line\nand another\r\nand a tab\t",
    "control \x00\x07\x1f characters",
    "looks like an escape _x0041_ and _x005F_",
    "non-characters \ufffe\uffff",
    "Ysbyty Gwynedd, Bangor — café ✓ 🏥",
    "=SUM(A1:A2)",
    "http://example.org/",
    "123",
    "",
    "😀" * 20_000,  # 40,000 UTF-16 units: truncated to Excel's 32,767, as XlsxWriter does
]


def test_awkward_text_numbers_and_blanks_join_into_xlsxwriters_file():
    numbers = [1, -2.5, 0, 1e-300, 1.7976931348623157e308, 12345678901234567890,
               Decimal("1.10"), True, 0.1 + 0.2, 3, 4, 5, 6]  # fmt: skip
    rows = [
        [text, "E10000020", "draft", number, value, None]
        for number, (text, value) in enumerate(zip(AWKWARD, numbers, strict=True))
    ]
    rows.append(["Blank after the name", None, None, None, None, "only the last"])
    assert parts(joined_file(rows)) == parts(xlsxwriter_file(rows))


def test_no_rows_is_the_header_alone():
    assert parts(joined_file([])) == parts(xlsxwriter_file([]))


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.text(min_size=1, max_size=30),
            st.one_of(
                st.none(),
                st.integers(-(10**12), 10**12),
                st.floats(allow_nan=False, allow_infinity=False),
            ),
            st.one_of(st.none(), st.text(max_size=40)),
        ),
        max_size=7,
    ),
    st.integers(1, 4),
)
def test_any_rows_in_any_chunks_join_into_xlsxwriters_file(generated, chunk):
    rows = [
        [name, "E10000020", "signed_off", 1, number, text]
        for name, number, text in generated
        if not (text or "").startswith("<r>")  # below: XlsxWriter copies those in unescaped
    ]
    assert parts(joined_file(rows, chunk)) == parts(xlsxwriter_file(rows))


def test_text_that_looks_like_rich_text_is_kept_as_text_not_written_as_xml():
    rows = [["Norfolk", "E10000020", "draft", 1, 2, '<r><t>x</t></r><c r="Z9"><v>1</v></c>']]
    sheet = openpyxl.load_workbook(io.BytesIO(joined_file(rows))).active
    assert sheet["F2"].value == rows[0][5]
    assert sheet["Z9"].value is None


def test_rows_are_numbered_across_the_chunks_in_order():
    rows = [[f"Area {n}", f"E{n:08d}", "draft", n, n * 10, None] for n in range(1, 8)]
    sheet = openpyxl.load_workbook(io.BytesIO(joined_file(rows, chunk=3))).active
    assert [[cell.value for cell in row] for row in sheet.iter_rows(min_row=2)] == rows
    assert sheet.dimensions == "A1:F8"


def test_the_sheet_is_each_chunks_rows_deflated_at_the_fastest_level_laid_end_to_end():
    """The sheet is most of the file: each chunk deflates its own rows, at level 1 (a third
    of the time of zlib's default, for a file a fifth larger), and the finish lays the
    pieces end to end between the header's and the end's, deflated alone."""
    rows = [[f"Area {n}", f"E{n:08d}", "signed_off", n, n * 1.5, "text " * n] for n in range(300)]
    with zipfile.ZipFile(io.BytesIO(joined_file(rows, chunk=40))) as archive:
        entry = archive.getinfo(SHEET)
        sheet = archive.read(SHEET)
        archive.fp.seek(entry.header_offset + 26)
        name_length, extra_length = struct.unpack("<2H", archive.fp.read(4))
        archive.fp.seek(name_length + extra_length, io.SEEK_CUR)
        stored = archive.fp.read(entry.compress_size)
    # Where each chunk's rows start (rows 2, 42, 82, ...), and where the sheet's end does.
    cuts = [sheet.index(f'<row r="{row}"'.encode()) for row in range(2, 302, 40)]
    cuts = [0, *cuts, sheet.index(b"</sheetData>"), len(sheet)]
    pieces = [sheet[start:end] for start, end in itertools.pairwise(cuts)]
    assert entry.compress_type == zipfile.ZIP_DEFLATED
    assert stored == b"".join(deflated_piece(piece, 1) for piece in pieces) + DEFLATE_END


def test_a_row_joined_from_its_head_and_answers_is_the_row_written_whole():
    """A chunk writes a return's answer columns once for the same answers, then joins
    them to its head (name, code, status, revision): the same CSV line and XML row."""
    for number, text in enumerate(AWKWARD):
        head = [text, "E10000020", "draft", number]
        for answers in ([None, text], [text, None], [1.5, text, None, 0], [""], [None], [""] * 3):
            row = head + answers
            assert row_texts(head, answer_texts(answers)) == (csv_lines([row]), xml_rows([row]))


def test_the_header_book_is_made_once_and_dated_when_each_file_is_written(monkeypatch):
    """XlsxWriter makes the book of the header row once for a period's columns (a worker
    writes the same period's dataset over and over: a third of the finish's CPU); each file
    still says when it was written."""
    made = []
    real = xlsxwriter.Workbook

    def counted(*args, **kwargs):
        made.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(xlsxwriter, "Workbook", counted)
    columns = [*COLUMNS, "made_once"]  # columns no other test asked for
    for _ in range(3):
        target = io.BytesIO()
        dataset_xlsx(target, "fy1516_q3", columns, iter([]), 0)
    assert len(made) == 1
    book = openpyxl.load_workbook(io.BytesIO(target.getvalue()))
    assert [cell.value for cell in book.active[1]] == columns
    now = datetime.datetime.now(datetime.UTC).replace(tzinfo=None)
    assert abs(book.properties.created - now) < datetime.timedelta(seconds=60)
    assert book.properties.modified == book.properties.created
