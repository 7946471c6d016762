"""A return as NHS England's workbook, written from its template definition with XlsxWriter.

Every input, pre-populated and calculated cell carries a workbook-level
defined name equal to its id. Calculated cells, the Checklist's checkers and
the Cover's counts are live formulas, each stored with the value the portal
computed, so a reader that does not recalculate sees the portal's figures.
Text is always written as text: a comment beginning with `=` stays a comment.
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal
from typing import BinaryIO

import xlsxwriter
from xlsxwriter.utility import quote_sheetname, xl_cell_to_rowcol, xl_rowcol_to_cell

from returns.definitions import Kind, Question, Template
from returns.definitions.evaluation import Checklist
from returns.definitions.excel import calculation, checker
from returns.definitions.provenance import reconstructed_line

from .layout import LABEL_COLUMN, PREVIOUS_OFFSET, sheet_layout
from .styles import Styles

# Names that tell the reader which template, period and area a workbook is for.
META_NAMES = {"template": "bcf_template", "period": "bcf_period", "hwb": "bcf_hwb"}
NUMBER_LIMIT = 100_000_000
LONGEST_DATE = datetime.date(2099, 12, 31)
EARLIEST_DATE = datetime.date(2000, 1, 1)


@dataclass(frozen=True)
class WorkbookData:
    """Everything the workbook shows, as the portal computed it."""

    definition: Template
    hwb_name: str
    hwb_ons_code: str
    period: str
    values: dict  # every id, calculations included
    previous_values: dict  # as previously returned, for the I&E copies
    previous_ids: frozenset  # the inputs that were returned before
    checklist: Checklist
    draft: bool = False  # made from a return not signed off: the Cover says so at the top
    synthetic: bool = False  # the national demo's made-up figures: the Cover says so too
    # Figures an "are you sure?" check asked about, and the officers' reasons: (what it
    # asked, who confirmed it and why). Under the narrative.
    confirmations: tuple[tuple[str, str], ...] = ()


CONFIRMED_HEADING = (
    "Figures confirmed in the BCF portal: what its checks asked, and the officers' reasons "
    "(the portal's own checks, not NHS England's)"
)
DRAFT_BANNER = (
    "DRAFT: this return has not been signed off on behalf of the Health and Wellbeing Board. "
    "Do not send it to NHS England as the Board's return."
)
SYNTHETIC_BANNER = (
    "SYNTHETIC FIGURES: made up by the portal's national demo, not this area's real return."
)


def new_book(target: BinaryIO | str) -> xlsxwriter.Workbook:
    return xlsxwriter.Workbook(
        target, {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False}
    )


def _excel_value(value):
    if isinstance(value, Decimal):
        return float(value)
    return value


class _Prepared:
    """What the writer works out from a template alone: once per template, not per return."""

    def __init__(self, definition: Template):
        self.definition = definition  # held, so that no other template takes its id
        self.addresses: dict[str, str] = {}  # id -> 'Tab'!$C$5
        for section in definition.sections:
            for question in section.questions:
                self.addresses[question.id] = (
                    f"{quote_sheetname(section.title)}!{_absolute(question.cell)}"
                )
        self.layouts = {section.title: sheet_layout(section) for section in definition.sections}
        self.checkers = {
            check.key: checker(check.rule, self.ref)
            for section in definition.sections
            for check in section.checks
        }
        self.calculations = {
            question.id: calculation(question.calc, self.ref)
            for question in definition.questions
            if question.kind is Kind.CALC
        }

    def ref(self, id_: str) -> str:
        """How a formula names a question's cell: by its defined name, the question id, so
        a formula reads like the spec (`IF(LEN(nc3_date)>0,…)`) and stays short."""
        assert id_ in self.addresses, id_
        return id_


_prepared: dict[int, _Prepared] = {}


def _prepared_for(definition: Template) -> _Prepared:
    prepared = _prepared.get(id(definition))
    if prepared is None or prepared.definition is not definition:
        prepared = _prepared[id(definition)] = _Prepared(definition)
    return prepared


class WorkbookWriter:
    """Writes the whole workbook with XlsxWriter. `book` stands in for XlsxWriter's Workbook:
    the skeleton writer (`skeleton.py`) passes one that keeps only each return's cells, and
    then neither the layout (validations, greying, widths) nor the styles are made again."""

    def __init__(self, data: WorkbookData, target: BinaryIO | str, book=None):
        self.data = data
        self.book = book or new_book(target)
        self.cells_only = getattr(self.book, "cells_only", False)
        self.styles = getattr(self.book, "styles", None) or Styles(
            self.book, data.definition.questions
        )
        self.prepared = _prepared_for(data.definition)
        self.addresses = self.prepared.addresses
        self.ref = self.prepared.ref
        self.lists: dict[tuple[str, ...], str] = {}  # choices -> Lists!$A$2:$A$5

    def write(self) -> None:
        definition = self.data.definition
        sheets = {title: self.book.add_worksheet(title) for title in definition.tabs}
        self._lists(sheets["Lists"])
        self._guidance(sheets["Guidance"])
        checker_rows = self._checklist(sheets["Checklist"])
        for section in definition.sections:
            self._section(sheets[section.title], section)
        if definition.cautions:
            narrative = next((s for s in definition.sections if s.slug == "narrative"),
                             definition.sections[-1])  # fmt: skip
            self._confirmations(sheets[narrative.title], narrative)
        self._cover_counts(sheets[definition.sections[0].title], checker_rows)
        if self.data.draft or self.data.synthetic:
            self._draft_banner(sheets[definition.sections[0].title])
        if not self.cells_only:  # the skeleton's names; only the area's code differs
            for id_, address in self.addresses.items():
                self.book.define_name(id_, f"={address}")
            meta = {"template": definition.version, "period": self.data.period}
            meta["hwb"] = self.data.hwb_ons_code
            for key, name in META_NAMES.items():
                self.book.define_name(name, f'="{meta[key]}"')
        self.book.close()

    # Tabs ---------------------------------------------------------------------------------

    def _lists(self, sheet) -> None:
        column = 0
        for question in self.data.definition.questions:
            choices = question.type.choices
            if not choices or choices in self.lists:
                continue
            sheet.write_string(0, column, question.type.name)
            for row, choice in enumerate(choices, start=1):
                sheet.write_string(row, column, choice)
            first = xl_rowcol_to_cell(1, column, row_abs=True, col_abs=True)
            last = xl_rowcol_to_cell(len(choices), column, row_abs=True, col_abs=True)
            self.lists[choices] = f"=Lists!{first}:{last}"
            column += 1
        sheet.hide()
        sheet.protect()

    def _guidance(self, sheet) -> None:
        styles = self.styles
        sheet.set_column(0, 0, 4)
        sheet.set_column(1, 1, 100)
        definition = self.data.definition
        sheet.write_string(1, 1, definition.name, styles.title)
        sheet.write_string(3, 1, definition.guidance, styles.wrap)
        sheet.set_row(3, 150)
        sheet.write_string(5, 1, "Cell colour key", styles.heading)
        sheet.write_string(6, 1, "Data needs inputting in the cell", styles.key_input)
        sheet.write_string(7, 1, "Pre-populated cells", styles.key_prepop)
        sheet.write_string(8, 1, "Calculated cells", styles.key_calc)
        sheet.write_string(9, 1, "Question not relevant to you", styles.key_not_applicable)
        sheet.write_string(
            11,
            1,
            "The Checklist tab shows each question's validation: Yes on green when it "
            f"passes, No on red when it does not. Only when all {len(definition.sections)} "
            "sections on the Cover are green should the template be sent.",
            styles.wrap,
        )
        reconstructed = reconstructed_line(definition)
        if reconstructed:
            sheet.write_string(13, 1, reconstructed, styles.wrap)
            sheet.set_row(13, 300)
        sheet.protect()

    def _checklist(self, sheet) -> dict[str, tuple[int, int]]:
        """One checker per question; returns each section's first and last checker row."""
        styles = self.styles
        sheet.set_column(0, 0, 4)
        sheet.set_column(1, 1, 30)
        sheet.set_column(2, 2, 90)
        sheet.set_column(3, 3, 10)
        sheet.write_string(1, 1, "Data collection Question Completion Checklist", styles.title)
        for col, words in enumerate(("Section", "Question", "Passes"), start=1):
            sheet.write_string(3, col, words, styles.heading)
        row, ranges = 4, {}
        results = {r.check.key: r for s in self.data.checklist.sections for r in s.results}
        for section in self.data.definition.sections:
            first = row
            for check in section.checks:
                sheet.write_string(row, 1, section.title, styles.wrap)
                sheet.write_url(
                    row,
                    2,
                    f"internal:{self.addresses[check.target]}",
                    styles.link,
                    string=check.label,
                    tip="Go to the question",
                )
                sheet.write_formula(
                    row,
                    3,
                    self.prepared.checkers[check.key],
                    styles.checker,
                    "Yes" if results[check.key].passed else "No",
                )
                row += 1
            ranges[section.title] = (first, row - 1)
        self.styles.yes_no(sheet, 4, 3, row - 1, 3)
        sheet.protect()
        return ranges

    def _cover_counts(self, sheet, ranges: dict[str, tuple[int, int]]) -> None:
        """The Cover's "No. of questions answered" and a complete flag per section."""
        styles = self.styles
        top = 12
        sheet.write_string(
            top,
            1,
            "Question Completion - when all questions have been answered and the validation "
            "have been completed the cell will turn green",
            styles.heading,
        )
        for col, words in enumerate(("No. of questions answered", "Questions", "Complete"), 2):
            sheet.write_string(top + 1, col, words, styles.heading)
        for offset, result in enumerate(self.data.checklist.sections):
            row = top + 2 + offset
            first, last = ranges[result.section.title]
            answered = xl_rowcol_to_cell(row, 2)
            sheet.write_string(row, 1, result.section.title)
            sheet.write_formula(
                row,
                2,
                f'=COUNTIF(Checklist!{_range(first, last)},"Yes")',
                styles.count,
                result.answered,
            )
            sheet.write_number(row, 3, result.total, styles.count)
            sheet.write_formula(
                row,
                4,
                f'=IF({answered}={xl_rowcol_to_cell(row, 3)},"Yes","No")',
                styles.checker,
                "Yes" if result.complete else "No",
            )
        self.styles.yes_no(sheet, top + 2, 4, top + 1 + len(ranges), 4)

    def _draft_banner(self, sheet) -> None:
        """Between the Cover's title and its HWB line, in a row the template leaves empty."""
        banner = self.book.add_format(
            {"bold": True, "font_color": "#FFFFFF", "bg_color": "#D4351C", "text_wrap": True}
        )
        sheet.set_row(1, 45)
        words = [DRAFT_BANNER] if self.data.draft else []
        words += [SYNTHETIC_BANNER] if self.data.synthetic else []
        sheet.merge_range(1, LABEL_COLUMN, 1, LABEL_COLUMN + 1, " ".join(words), banner)
        marks = ["DRAFT"] * self.data.draft + ["SYNTHETIC"] * self.data.synthetic
        self.book.set_properties({"title": f"{' '.join(marks)} {self.data.definition.name}"})

    def _section(self, sheet, section) -> None:
        styles, layout = self.styles, self.prepared.layouts[section.title]
        sheet.set_column(0, 0, 2)
        sheet.set_column(LABEL_COLUMN, LABEL_COLUMN, 55)
        widest = max((col for _, col in layout.cells.values()), default=2)
        sheet.set_column(2, widest, 18)
        for question in section.questions:
            if question.type.widget == "textarea":
                col = layout.cells[question.id][1]
                sheet.set_column(col, col, 60 if question.type.max_length > 750 else 45)
        sheet.write_string(0, LABEL_COLUMN, section.title, styles.title)
        sheet.write_string(
            2, LABEL_COLUMN, f"Selected Health and Well Being Board: {self.data.hwb_name}"
        )
        for (row, col), words in layout.text.items():
            sheet.write_string(
                row, col, words, styles.heading if (row, col) in layout.headings else styles.wrap
            )
        for table in layout.previous:
            for (_, ids), row in zip(table.table.rows, table.rows, strict=True):
                for id_, col in zip(ids, table.columns, strict=True):
                    if id_:
                        self._previous_cell(sheet, row - PREVIOUS_OFFSET, col, id_)
        for question in section.questions:
            row, col = layout.cells[question.id]
            self._cell(sheet, row, col, question)
        sheet.protect()

    def _confirmations(self, sheet, section) -> None:
        """Below the narrative: the figures the portal asked about and why each is right. Not
        NHS England's: the heading says so. A row for each check the template declares, so
        that every return of the template has the same cells (blank when fewer were asked)."""
        layout, styles = self.prepared.layouts[section.title], self.styles
        used = [*layout.cells.values(), *layout.text]
        top = max(row for row, _ in used) + 3
        sheet.write_string(top, LABEL_COLUMN, CONFIRMED_HEADING, styles.heading)
        given = self.data.confirmations
        none = "" if given else "The portal asked about no figure of this return."
        self._text(sheet, top + 1, LABEL_COLUMN, none)
        for offset in range(len(self.data.definition.cautions)):
            ask, why = given[offset] if offset < len(given) else ("", "")
            self._text(sheet, top + 2 + offset, LABEL_COLUMN, ask)
            self._text(sheet, top + 2 + offset, LABEL_COLUMN + 1, why)

    def _text(self, sheet, row: int, col: int, words: str) -> None:
        if words:
            sheet.write_string(row, col, words, self.styles.wrap)
        else:
            sheet.write_blank(row, col, None, self.styles.wrap)

    # Cells --------------------------------------------------------------------------------

    def _cell(self, sheet, row: int, col: int, question: Question) -> None:
        value = self.data.values.get(question.id)
        style = self.styles.for_question(question)
        if question.kind is Kind.CALC:
            shown = "" if value is None else _excel_value(value)
            sheet.write_formula(row, col, self.prepared.calculations[question.id], style, shown)
            return
        self._value(sheet, row, col, question, value, style)
        if question.is_input and not self.cells_only:
            self._validation(sheet, row, col, question)
            if question.applicable_when is not None:
                self.styles.not_applicable(sheet, row, col, question.applicable_when, self.ref)

    def _previous_cell(self, sheet, row: int, col: int, id_: str) -> None:
        question = self.data.definition.question(id_)
        if question.is_input and id_ not in self.data.previous_ids:
            sheet.write_string(row, col, "-", self.styles.prepop_text)
            return
        value = self.data.previous_values.get(id_)
        self._value(sheet, row, col, question, value, self.styles.previous(question))

    @staticmethod
    def _value(sheet, row, col, question: Question, value, style) -> None:
        if value is None:
            sheet.write_blank(row, col, None, style)
        elif isinstance(value, datetime.date):
            sheet.write_datetime(row, col, datetime.datetime.combine(value, datetime.time()), style)
        elif isinstance(value, int | float | Decimal) and not isinstance(value, bool):
            sheet.write_number(row, col, _excel_value(value), style)
        else:
            sheet.write_string(row, col, str(value), style)

    def _validation(self, sheet, row: int, col: int, question: Question) -> None:
        type_, options = question.type, None
        title = (question.short_label or question.label)[:32]
        if type_.choices:
            options = {"validate": "list", "source": self.lists[type_.choices]}
        elif type_.name in ("int", "money"):
            options = {
                "validate": "integer",
                "criteria": "between",
                "minimum": 0,
                "maximum": NUMBER_LIMIT,
                "error_message": "Enter a whole number between 0 and 100,000,000.",
            }
        elif type_.name == "pct":
            options = {
                "validate": "decimal",
                "criteria": "between",
                "minimum": 0,
                "maximum": 100,
                "error_message": "Enter a percentage between 0 and 100.",
            }
        elif type_.name == "date":
            options = {
                "validate": "date",
                "criteria": "between",
                "minimum": EARLIEST_DATE,
                "maximum": LONGEST_DATE,
                "error_message": "Enter a date as DD/MM/YYYY between 2000 and 2099.",
            }
        else:
            options = {
                "validate": "length",
                "criteria": "<=",
                "value": type_.max_length,
                "error_message": f"Enter at most {type_.max_length:,} characters.",
            }
        options.setdefault("error_title", title)
        options["ignore_blank"] = True
        sheet.data_validation(row, col, row, col, options)


def _absolute(cell: str) -> str:
    row, col = xl_cell_to_rowcol(cell)
    return xl_rowcol_to_cell(row, col, row_abs=True, col_abs=True)


def _range(first: int, last: int) -> str:
    return f"{xl_rowcol_to_cell(first, 3, True, True)}:{xl_rowcol_to_cell(last, 3, True, True)}"


def workbook_write(data: WorkbookData, target: BinaryIO | str) -> None:
    WorkbookWriter(data, target).write()
