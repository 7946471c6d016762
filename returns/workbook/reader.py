"""Read a filled-in template workbook back into a return's answers.

The file is checked before anything is parsed (size, that it is an .xlsx and
not a macro workbook, that the archive does not expand beyond reason, that no
XML declares entities); openpyxl then parses it through defusedxml. Values are
read by defined name (each cell carries its question's id), falling back to
the definition's cell address when a name was lost, and cleaned by the same
value types as the forms. A problem names the tab and cell a user can click
to: `5. I&E!F14 — Enter a whole number …`.
"""

import datetime
import io
import zipfile
from dataclasses import dataclass

import openpyxl
from defusedxml.common import DefusedXmlException
from django.core.exceptions import ValidationError

from returns.definitions import Question, Template

from .writer import META_NAMES

MAX_FILE_BYTES = 10 * 1024 * 1024
MAX_EXPANDED_BYTES = 100 * 1024 * 1024  # all parts together, uncompressed
MAX_RATIO = 200  # a part that expands more than this is a zip bomb, not a return
MAX_PARTS = 2_000
NOT_A_WORKBOOK = "This is not an Excel workbook (.xlsx). Upload the template file."
MAIN_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"


class WorkbookRefused(Exception):
    """The whole file is refused, for this reason, and nothing was changed."""


@dataclass(frozen=True)
class CellProblem:
    question: Question
    tab: str
    cell: str
    message: str

    def __str__(self) -> str:
        return f"{self.tab}!{self.cell} — {self.message}"


class WorkbookProblems(Exception):
    """Values in the file that cannot be taken; nothing was changed."""

    def __init__(self, problems: list[CellProblem]):
        self.problems = problems
        super().__init__("; ".join(str(p) for p in problems))


def _check_archive(content: bytes, what: str = "a return") -> None:
    if len(content) > MAX_FILE_BYTES:
        raise WorkbookRefused(
            f"The file is {len(content) / 1024 / 1024:.1f} MB; the largest {what} can be is 10 MB."
        )
    if content[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
        raise WorkbookRefused(
            "This is an old-style Excel file (.xls). Open it in Excel or LibreOffice and save "
            "it as an Excel Workbook (.xlsx), then upload that."
        )
    if not zipfile.is_zipfile(io.BytesIO(content)):
        raise WorkbookRefused(NOT_A_WORKBOOK)
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        parts = archive.infolist()
        if len(parts) > MAX_PARTS:
            raise WorkbookRefused(f"The workbook has too many parts to be {what}.")
        expanded = sum(part.file_size for part in parts)
        if expanded > MAX_EXPANDED_BYTES or any(
            part.compress_size and part.file_size / part.compress_size > MAX_RATIO
            for part in parts
            if part.file_size > 1024 * 1024
        ):
            raise WorkbookRefused(
                f"The workbook expands to far more data than {what} holds, so it was not "
                "opened. Export a fresh copy from the portal and fill that in."
            )
        names = {part.filename for part in parts}
        if "[Content_Types].xml" not in names:
            raise WorkbookRefused(NOT_A_WORKBOOK)
        content_types = archive.read("[Content_Types].xml")
        if b"vbaProject" in content_types or any(n.lower().endswith(".bin") for n in names):
            raise WorkbookRefused(
                "The workbook contains macros, which the portal does not accept. Save it as an "
                "Excel Workbook (.xlsx) without macros and upload that."
            )
        if MAIN_CONTENT_TYPE.encode() not in content_types:
            raise WorkbookRefused(NOT_A_WORKBOOK)
        for name in names:
            if name.endswith((".xml", ".rels")) and _declares_entities(archive.read(name)):
                raise WorkbookRefused(
                    "The workbook contains XML declarations that the portal does not accept. "
                    "Export a fresh template from the portal and fill that in."
                )


def _declares_entities(xml: bytes) -> bool:
    head = xml[:4096].upper()
    return b"<!DOCTYPE" in head or b"<!ENTITY" in xml.upper()


def _open(content: bytes) -> openpyxl.Workbook:
    try:
        return openpyxl.load_workbook(io.BytesIO(content), data_only=True, keep_vba=False)
    except DefusedXmlException:
        raise WorkbookRefused(
            "The workbook contains XML declarations that the portal does not accept."
        ) from None
    except Exception as error:  # openpyxl raises many kinds for a damaged file
        raise WorkbookRefused(
            "The workbook could not be read; it may be damaged. Open it in Excel or "
            "LibreOffice, save it again as .xlsx and upload that."
        ) from error


def open_checked(content: bytes, what: str) -> openpyxl.Workbook:
    """Any workbook the portal reads: refused before parsing if it is too big, not .xlsx,
    has macros, expands like a zip bomb or declares XML entities; parsed through defusedxml."""
    _check_archive(content, what)
    return _open(content)


def _name_value(book, name: str) -> str | None:
    defined = book.defined_names.get(name)
    if defined is None:
        return None
    return defined.attr_text.strip('"')


def _check_identity(book, definition: Template, *, period: str, hwb_ons_code: str, hwb_name: str):
    template = _name_value(book, META_NAMES["template"])
    if template is not None and template != definition.version:
        raise WorkbookRefused(
            f"This workbook is for template ‘{template}’; this return uses ‘{definition.version}’."
        )
    missing = [tab for tab in definition.tabs if tab != "Lists" and tab not in book.sheetnames]
    if missing:
        raise WorkbookRefused(
            f"This is not the {definition.name} workbook: it has no tab ‘{missing[0]}’."
        )
    file_period = _name_value(book, META_NAMES["period"])
    if file_period is not None and file_period != period:
        raise WorkbookRefused(
            f"This workbook is for the period {file_period}; this return is for {period}."
        )
    hwb = _name_value(book, META_NAMES["hwb"])
    if hwb is not None and hwb != hwb_ons_code:
        raise WorkbookRefused(
            f"This workbook is for another HWB area ({hwb}); this return is for {hwb_name}."
        )
    cover = definition.sections[0].questions[0]
    named = _cell(book, definition, cover).value
    if hwb is None and named not in (None, hwb_name):
        raise WorkbookRefused(
            f"This workbook is for another HWB area (‘{named}’); this return is for {hwb_name}."
        )


def _cell(book, definition: Template, question: Question):
    """The question's cell: by its defined name, else at its address on its tab."""
    defined = book.defined_names.get(question.id)
    if defined is not None:
        for sheet, address in defined.destinations:
            if sheet in book.sheetnames:
                return book[sheet][address.replace("$", "")]
    return book[definition.section_of(question.id).title][question.cell]


def _raw(question: Question, value):
    """A cell's value as the question's type cleans it."""
    if isinstance(value, datetime.datetime):
        if question.type.name != "date":
            raise ValidationError(
                "Excel has turned this into a date; type it as text (for a month: 04/16)."
            )
        return value.date()
    if isinstance(value, int | float) and question.type.widget != "number":
        # Text typed as a number (a phone number): Excel hands back 1603223062.0.
        return str(int(value)) if isinstance(value, float) and value.is_integer() else str(value)
    return value


def workbook_answers(
    *, content: bytes, definition: Template, period: str, hwb_ons_code: str, hwb_name: str
) -> dict[str, object]:
    """The clean values of every input in the file, or WorkbookRefused / WorkbookProblems."""
    book = open_checked(content, "a return")
    _check_identity(book, definition, period=period, hwb_ons_code=hwb_ons_code, hwb_name=hwb_name)
    values, problems = {}, []
    for section in definition.sections:
        for question in section.inputs:
            cell = _cell(book, definition, question)
            try:
                values[question.id] = question.type.clean(_raw(question, cell.value))
            except ValidationError as error:
                problems.extend(
                    CellProblem(question, cell.parent.title, cell.coordinate, message)
                    for message in error.messages
                )
    if problems:
        raise WorkbookProblems(problems)
    return values
