"""The scheme register as a spreadsheet: one sheet with a row per scheme, one with a row
per investment line. `SHEETS` defines both; the writer and the reader derive from it.

Import checks every cell first and reports each problem by sheet, row and column; only
a file with no problem is applied, in one change of the plan. A scheme in the file is
created or updated by its reference, and its investment lines become the file's; the
plan's other schemes, and the other parts of each scheme, are left as they are.
"""

import io
import math
import re
from collections.abc import Callable
from dataclasses import dataclass, field

import xlsxwriter
from django.core.exceptions import ValidationError
from xlsxwriter.utility import xl_col_to_name

from governance.models import ChangeSource, Partner
from governance.money import POUNDS_LIMIT, TOO_MANY_POUNDS, bounded_int
from governance.sheets import sheet_formats, table_write
from governance.text import text_problem
from governance.uploads import WorkbookRefused, read_workbook
from plans.models import Plan
from plans.services import plan_editing

from .models import InvestmentLine, Scheme, SchemeStatus, Theme
from .services import scheme_write

UNKNOWN = ("", "?", "unknown", "not known", "tbc")


class CellError(ValueError):
    """A cell's value cannot be taken; the message says why."""


@dataclass(frozen=True)
class Column:
    header: str
    field: str
    width: int
    read: Callable  # (raw cell value, context) -> python value; raises CellError
    write: Callable = str  # python value -> cell value
    required: bool = False
    money: bool = False


def _text(limit: int | None = None):
    def read(raw, context):
        text = "" if raw is None else str(raw).strip()
        if limit and len(text) > limit:
            raise CellError(f"keep it to {limit} characters (it has {len(text)}).")
        if problem := text_problem(text):
            raise CellError(problem[0].lower() + problem[1:])
        return text

    return read


def _choice(choices):
    by_text = {label.lower(): value for value, label in choices.choices}
    by_text.update({value.lower(): value for value in choices.values})

    def read(raw, context):
        text = "" if raw is None else str(raw).strip()
        if not text:
            return ""
        if text.lower() not in by_text:
            raise CellError(f"“{text}” is not one of: {', '.join(choices.labels)}.")
        return by_text[text.lower()]

    return read


def _label(choices):
    return lambda value: dict(choices.choices).get(value, "")


def _partner(raw, context):
    text = "" if raw is None else str(raw).strip()
    partner = context.partners.get(text.lower())
    if partner is None:
        codes = ", ".join(sorted({p.code for p in context.partners.values()}))
        raise CellError(
            f"“{text}” is not a partner of {context.plan.hwb_area}. Use a code: {codes}."
        )
    return partner


def _amount(raw, context):
    """Whole pounds, within the same limit as the forms; empty or `?`: not known yet."""
    if raw is None or (isinstance(raw, str) and raw.strip().lower() in UNKNOWN):
        return None
    if isinstance(raw, bool):
        raise CellError("enter an amount in pounds, or ? when it is not known.")
    if isinstance(raw, float) and not math.isfinite(raw):
        raise CellError(f"{TOO_MANY_POUNDS}.")
    if isinstance(raw, int | float):
        if raw != int(raw):
            raise CellError("enter whole pounds, without pence.")
        value = int(raw)
    else:
        text = str(raw).replace(",", "").replace(" ", "").removeprefix("£")
        if not re.fullmatch(r"-?\d+", text):
            raise CellError(
                f"“{raw}” is not an amount: enter pounds, like 1234, or ? if not known."
            )
        value = bounded_int(text)
    if value < 0:
        raise CellError("an amount cannot be negative.")
    if value >= POUNDS_LIMIT:
        raise CellError(f"{TOO_MANY_POUNDS}.")
    return value


def _field_width(name: str) -> int:
    return 60 if name in ("overview", "strategic_objective") else 40


SCHEME_COLUMNS = (
    Column("Reference", "reference", 12, _text(30), required=True),
    Column("Name", "name", 50, _text(300), required=True),
    Column("Lead partner", "lead_partner", 14, _partner, lambda p: p.code, required=True),
    Column("Theme", "theme", 30, _choice(Theme), _label(Theme)),
    Column("Status", "status", 18, _choice(SchemeStatus), _label(SchemeStatus)),
    *(
        Column(str(Scheme._meta.get_field(name).verbose_name).capitalize(), name,
               _field_width(name), _text())
        for name in Scheme.narrative_fields()
    ),
)  # fmt: skip
LINE_COLUMNS = (
    Column("Scheme reference", "reference", 16, _text(30), required=True),
    Column("Description", "description", 60, _text(), required=True),
    Column("Amount", "amount", 16, _amount, lambda v: "?" if v is None else v, money=True),
    Column("Potential efficiencies", "potential_efficiencies", 60, _text()),
)
SHEETS = {"Schemes": SCHEME_COLUMNS, "Investment lines": LINE_COLUMNS}
# The most rows one import takes: many times a real plan's (Norfolk's has 21 schemes and 10
# lines), and few enough to apply within a page's time.
MOST_ROWS = {"Schemes": 200, "Investment lines": 2_000}


# Writing ------------------------------------------------------------------------------------


def register_workbook_bytes(*, plan: Plan) -> bytes:
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True, "strings_to_formulas": False})
    book.set_properties(
        {"title": f"{plan.hwb_area.name} BCF scheme register {plan.financial_year}"}
    )
    register_sheets_write(book, plan=plan, formats=sheet_formats(book))
    book.close()
    return buffer.getvalue()


def register_sheets_write(book, *, plan: Plan, formats: dict) -> None:
    """The Schemes and Investment lines sheets, as `SHEETS` lays them out."""
    schemes = plan.schemes.select_related("lead_partner").order_by("reference")
    lines = InvestmentLine.objects.filter(scheme__plan=plan).select_related("scheme")
    records = {
        "Schemes": [{c.field: getattr(s, c.field) for c in SCHEME_COLUMNS} for s in schemes],
        "Investment lines": [
            {"reference": line.scheme.reference, "description": line.description,
             "amount": line.amount, "potential_efficiencies": line.potential_efficiencies}
            for line in lines.order_by("scheme__reference", "position")
        ],
    }  # fmt: skip
    for name, columns in SHEETS.items():
        table_write(
            book, name, [c.header for c in columns], [c.width for c in columns],
            [[c.write(record[c.field]) for c in columns] for record in records[name]], formats,
        )  # fmt: skip


def register_filename(plan: Plan) -> str:
    return f"BCF-schemes-{plan.financial_year.label.replace('/', '-')}-{plan.hwb_area.name}.xlsx"


# Reading ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class RegisterProblem:
    sheet: str
    row: int
    column: str  # a letter; "" for the whole row or sheet
    header: str
    message: str

    def __str__(self) -> str:
        where = f"{self.sheet}, row {self.row}"
        if self.column:
            where += f", column {self.column} ({self.header})"
        return f"{where}: {self.message}"


class RegisterProblems(Exception):
    def __init__(self, problems: list[RegisterProblem]):
        self.problems = problems
        super().__init__("; ".join(str(p) for p in problems))


@dataclass
class _Context:
    plan: Plan
    partners: dict[str, Partner]


@dataclass
class RegisterImport:
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    not_in_file: list[str] = field(default_factory=list)


def _read_sheet(book, name, columns, context, problems) -> tuple[list[tuple[int, dict]], dict]:
    """The sheet's non-empty rows as (row number, values), each cell read by its column,
    and the column letter of each field found."""
    sheet = book.sheets.get(name)
    if sheet is None:
        problems.append(RegisterProblem(name, 1, "", "", f"the workbook has no sheet “{name}”. "
                                        "Download the register to get the layout."))  # fmt: skip
        return [], {}
    rows = sheet.rows()
    number, first = next(rows, (1, {}))
    headers = {str(v).strip().lower(): c for c, v in first.items()} if number == 1 else {}
    where = {}
    for column in columns:
        if column.header.lower() in headers:
            where[column.field] = headers[column.header.lower()]
        elif column.required:
            problems.append(RegisterProblem(name, 1, "", "", f"there is no “{column.header}” "
                                            "column in the first row."))  # fmt: skip
    if any(c.required and c.field not in where for c in columns):
        return [], {}
    letters = {f: xl_col_to_name(i - 1) for f, i in where.items()}  # i counts from 1
    found = []
    for number, cells in rows:
        if all(v is None or str(v).strip() == "" for v in cells.values()):
            continue
        if len(found) == MOST_ROWS[name]:
            problems.append(RegisterProblem(name, number, "", "", f"the sheet has more than "
                                            f"{MOST_ROWS[name]:,} rows, the most one import "
                                            "takes. Import it in parts."))  # fmt: skip
            break
        values = {}
        for column in columns:
            if column.field not in where:
                continue
            raw = cells.get(where[column.field])
            letter = letters[column.field]
            if column.required and (raw is None or str(raw).strip() == ""):
                problems.append(
                    RegisterProblem(name, number, letter, column.header, "this is needed.")
                )
                continue
            try:
                values[column.field] = column.read(raw, context)
            except CellError as error:
                problems.append(RegisterProblem(name, number, letter, column.header, str(error)))
        found.append((number, values))
    return found, letters


def register_read(
    *, plan: Plan, content: bytes
) -> tuple[list[tuple[int, dict]], dict[str, list[dict]]]:
    """The file's schemes and, by reference, their investment lines: every cell checked.

    Raises WorkbookRefused for a file that is not a usable workbook, RegisterProblems with
    every problem found otherwise.
    """
    book = read_workbook(content, sheets=SHEETS, what="a scheme register")
    partners = {}
    for partner in Partner.objects.filter(hwb_areas=plan.hwb_area):
        partners[partner.code.lower()] = partner
        partners[partner.name.lower()] = partner
    context = _Context(plan=plan, partners=partners)
    problems: list[RegisterProblem] = []
    scheme_rows, scheme_letters = _read_sheet(book, "Schemes", SCHEME_COLUMNS, context, problems)
    line_rows, line_letters = _read_sheet(book, "Investment lines", LINE_COLUMNS, context, problems)
    seen: dict[str, int] = {}
    schemes = []
    for number, values in scheme_rows:
        reference = values.get("reference", "")
        if reference.lower() in seen:
            where = seen[reference.lower()]
            letter = scheme_letters["reference"]
            problems.append(RegisterProblem("Schemes", number, letter, "Reference",
                                            f"{reference} is also on row {where}."))  # fmt: skip
            continue
        if reference:
            seen[reference.lower()] = number
        schemes.append((number, values))
    lines: dict[str, list[dict]] = {}
    for number, values in line_rows:
        reference = values.pop("reference", "")
        if reference and reference.lower() not in seen:
            message = f"{reference} is not on the Schemes sheet."
            letter = line_letters["reference"]
            problems.append(
                RegisterProblem("Investment lines", number, letter, "Scheme reference", message)
            )
            continue
        lines.setdefault(reference.lower(), []).append(values)
    if not schemes and not problems:
        problems.append(RegisterProblem("Schemes", 2, "", "", "the sheet has no schemes."))
    if problems:
        raise RegisterProblems(problems)
    return schemes, lines


def register_import(*, plan: Plan, content: bytes, user, revision: int | None) -> RegisterImport:
    """Check the whole file, then apply it as one change of the plan, or change nothing."""
    schemes, lines = register_read(plan=plan, content=content)
    outcome = RegisterImport()
    with plan_editing(
        plan=plan, user=user, revision=revision, source=ChangeSource.IMPORT
    ) as editing:
        existing = {s.reference.lower(): s for s in editing.plan.schemes.all()}
        for number, values in schemes:
            reference = values["reference"]
            scheme = existing.pop(reference.lower(), None)
            start = editing.changed
            try:
                scheme_write(
                    editing, scheme or Scheme(plan=editing.plan),
                    values,
                    {"investment_lines": lines.get(reference.lower(), [])},
                )  # fmt: skip
            except ValidationError as error:
                message = f"{reference}: {' '.join(error.messages)}"
                raise RegisterProblems(
                    [RegisterProblem("Schemes", number, "", "", message)]
                ) from None
            changed = editing.changed > start
            (outcome.created if scheme is None else outcome.updated if changed
             else outcome.unchanged).append(reference)  # fmt: skip
        outcome.not_in_file = sorted(s.reference for s in existing.values())
    return outcome


__all__ = ["RegisterImport", "RegisterProblems", "WorkbookRefused", "register_import"]
