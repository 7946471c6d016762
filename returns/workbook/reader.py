"""Read a filled-in template workbook back into a return's answers.

The file is read by `governance.uploads.read_workbook`, within fixed bounds whatever it holds
(refused if too big, not .xlsx, with macros, expanding like a zip bomb, declaring XML
entities, or holding more than a workbook should), and only the tabs that hold inputs are
read. Values are found by defined name (each cell carries its question's id), falling back
to the definition's cell address when a name was lost, and cleaned by the same value types
as the forms. A problem names the tab and cell a user can click to:
`5. I&E!F14 — Enter a whole number …`.
"""

import datetime
from dataclasses import dataclass

from django.core.exceptions import ValidationError

from governance.uploads import Book, WorkbookRefused, read_workbook
from returns.definitions import Question, Template

from .writer import META_NAMES

__all__ = ["CellProblem", "WorkbookProblems", "WorkbookRefused", "workbook_answers"]


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


def _check_identity(
    book: Book, definition: Template, *, period: str, hwb_ons_code: str, hwb_name: str
) -> None:
    template = book.name_text(META_NAMES["template"])
    if template is not None and template != definition.version:
        raise WorkbookRefused(
            f"This workbook is for template ‘{template}’; this return uses ‘{definition.version}’."
        )
    missing = [tab for tab in definition.tabs if tab != "Lists" and tab not in book.sheet_names]
    if missing:
        raise WorkbookRefused(
            f"This is not the {definition.name} workbook: it has no tab ‘{missing[0]}’."
        )
    file_period = book.name_text(META_NAMES["period"])
    if file_period is not None and file_period != period:
        raise WorkbookRefused(
            f"This workbook is for the period {file_period}; this return is for {period}."
        )
    hwb = book.name_text(META_NAMES["hwb"])
    if hwb is not None and hwb != hwb_ons_code:
        raise WorkbookRefused(
            f"This workbook is for another HWB area ({hwb}); this return is for {hwb_name}."
        )
    cover = definition.sections[0].questions[0]
    named = _cell(book, definition, cover)[2]
    if hwb is None and named not in (None, hwb_name):
        raise WorkbookRefused(
            f"This workbook is for another HWB area (‘{named}’); this return is for {hwb_name}."
        )


def _cell(book: Book, definition: Template, question: Question) -> tuple[str, str, object]:
    """(tab, address, value) of the question's cell: by its defined name, else at its
    address on its tab."""
    return book.cell(question.id, definition.section_of(question.id).title, question.cell)


NUMBERS = (int, float)  # made once: `int | float` is made again at each call


def _raw(question: Question, value):
    """A cell's value as the question's type cleans it."""
    if value is None or isinstance(value, str):  # most cells: as they are
        return value
    if isinstance(value, datetime.datetime):
        if question.type.name != "date":
            raise ValidationError(
                "Excel has turned this into a date; type it as text (for a month: 04/16)."
            )
        return value.date()
    if isinstance(value, NUMBERS) and question.type.name == "date":
        # A number where a date goes: not formatted as a date, or past any calendar.
        return question.type.clean(f"{value}")
    if isinstance(value, NUMBERS) and question.type.widget != "number":
        # Text typed as a number (a phone number): Excel hands back 1603223062.0.
        return str(int(value)) if isinstance(value, float) and value.is_integer() else str(value)
    return value


def input_tabs(definition: Template) -> set[str]:
    """The tabs a filled-in workbook is read from: those with an input, and the Cover."""
    return {definition.sections[0].title} | {s.title for s in definition.sections if s.inputs}


def workbook_answers(
    *, content: bytes, definition: Template, period: str, hwb_ons_code: str, hwb_name: str
) -> dict[str, object]:
    """The clean values of every input in the file, or WorkbookRefused / WorkbookProblems."""
    book = read_workbook(content, sheets=input_tabs(definition), what="a return")
    _check_identity(book, definition, period=period, hwb_ons_code=hwb_ons_code, hwb_name=hwb_name)
    values, problems = {}, []
    for section in definition.sections:
        for question in section.inputs:  # as `_cell` finds each, in one call
            tab, address, value = book.cell(question.id, section.title, question.cell)
            try:
                values[question.id] = question.type.clean(_raw(question, value))
            except ValidationError as error:
                problems.extend(CellProblem(question, tab, address, m) for m in error.messages)
    if problems:
        raise WorkbookProblems(problems)
    return values
