"""What a section page shows, block by block, built from the definition and the form.

The templates stay generic: a block is "fields", "table" or "text", and each
cell is an input (with its bound field) or a read-only value (pre-populated or
calculated). Which questions apply is decided here, on the server; the page's
script only repeats that decision as the officer types.
"""

import json
from collections.abc import Callable
from dataclasses import dataclass, field

from django.forms import BoundField

from .definitions import Kind, Question, Section
from .definitions.evaluation import is_applicable
from .definitions.logic import Ref, Sum
from .definitions.structure import Fields, Table, Text
from .forms import SectionForm


@dataclass(frozen=True)
class Cell:
    question: Question
    field: BoundField | None  # None: read-only
    display: str  # the value as the template shows it, for read-only cells
    applicable: bool
    condition: str = ""  # JSON for the script, when the question is conditional
    sum_of: str = ""  # space-separated ids, when it is a live total of inputs on the page

    @property
    def kind_label(self) -> str:
        return {Kind.PREPOP: "Pre-populated", Kind.CALC: "Calculated"}.get(self.question.kind, "")

    @property
    def radios(self) -> bool:
        return self.field is not None and getattr(self.field.field, "radios", False)

    @property
    def is_textarea(self) -> bool:
        return self.question.type.widget == "textarea"

    @property
    def remaining(self) -> int:
        value = self.field.value() if self.field is not None else ""
        return self.question.type.max_length - len(value or "")

    @property
    def over_by(self) -> int:
        return max(0, -self.remaining)

    @property
    def errors_in_cell(self) -> list[str]:
        """The field's errors as a table cell shows them: without the question's name, which
        the row and column already give (the error summary keeps it)."""
        name = f"{self.question.name}: "
        return [error.removeprefix(name) for error in (self.field.errors if self.field else [])]


@dataclass(frozen=True)
class BlockView:
    kind: str  # fields | table | text
    heading: str = ""
    hint: str = ""
    columns: tuple[str, ...] = ()
    row_header: str = ""
    rows: tuple[tuple[str, tuple[Cell | None, ...]], ...] = ()
    cells: tuple[Cell, ...] = ()
    body: str = ""
    # For a table of amendable inputs: the same table as previously returned, as text.
    previous_rows: tuple[tuple[str, tuple[str, ...]], ...] = ()
    previous_heading: str = ""

    @property
    def all_hidden(self) -> bool:
        return bool(self.cells) and not any(cell.applicable for cell in self.cells)

    @property
    def stacked(self) -> str:
        """How the table reads where it is too wide (GOV.UK's advice for complex tables: each
        row one under another, each cell named by its column): `always` for a grid of boxes
        too wide for the form's column even on a desktop (the data-sharing matrix, the I&E
        tables), else on narrow screens only."""
        boxes = any(
            cell is not None and cell.field is not None
            for _, cells in self.rows for cell in cells
        )  # fmt: skip
        return "always" if boxes and len(self.columns) > BOXES_FIT else "narrow"


BOXES_FIT = 4  # columns of boxes that fit beside a row's header in the form's column


@dataclass
class SectionPage:
    section: Section
    form: SectionForm
    values: dict
    previous: dict = field(default_factory=dict)  # input id -> previously returned value
    # Every value as previously returned: worked out (a second calculation) only for a table
    # that shows it.
    previous_values: Callable[[], dict] = dict
    blocks: list[BlockView] = field(default_factory=list)

    def __post_init__(self):
        self._questions = {question.id: question for question in self.section.questions}
        self.blocks = [self._block(block) for block in self.section.blocks]

    def _cell(self, id_: str | None) -> Cell | None:
        if id_ is None:
            return None
        question = self._questions[id_]
        bound = self.form[id_] if id_ in self.form.fields else None
        return Cell(
            question=question,
            field=bound,
            display=question.type.display(self.values.get(id_)),
            applicable=is_applicable(question, self.values),
            condition=self._condition(question),
            sum_of=self._sum_of(question),
        )

    def _condition(self, question: Question) -> str:
        """The question's condition for the page's script; empty when the server alone decides."""
        when = question.applicable_when.to_json() if question.applicable_when else None
        if when is None:
            return ""
        known = {
            ref: self.values.get(ref)
            for ref in question.applicable_when.refs()
            if ref not in self.form.fields
        }
        return json.dumps({"when": when, "known": known}, default=str)

    def _sum_of(self, question: Question) -> str:
        calc = question.calc
        if isinstance(calc, Sum) and all(
            isinstance(term, Ref) and term.id in self.form.fields for term in calc.terms
        ):
            return " ".join(term.id for term in calc.terms)
        return ""

    def _previous_rows(self, block: Table) -> tuple[tuple[str, tuple[str, ...]], ...]:
        """The table as previously returned, when any of its inputs was pre-filled."""
        if not any(id_ in self.previous for id_ in block.question_ids()):
            return ()
        previous_values = self.previous_values()

        def shown(id_: str | None) -> str:
            if id_ is None:
                return ""
            question = self._questions[id_]
            if question.is_input and id_ not in self.previous:
                return "–"  # not returned before (this quarter's actuals)
            return question.type.display(previous_values.get(id_)) or "–"

        return tuple((header, tuple(shown(id_) for id_ in ids)) for header, ids in block.rows)

    def _block(self, block) -> BlockView:
        if isinstance(block, Text):
            return BlockView("text", heading=block.heading, body=block.body)
        if isinstance(block, Table):
            return BlockView(
                "table",
                heading=block.caption,
                columns=block.columns,
                row_header=block.row_header,
                rows=tuple(
                    (header, tuple(self._cell(id_) for id_ in ids)) for header, ids in block.rows
                ),
                previous_rows=self._previous_rows(block),
                previous_heading=block.previous_caption
                or f"{block.caption}: as previously returned",
            )
        assert isinstance(block, Fields)
        return BlockView(
            "fields",
            heading=block.heading,
            hint=block.hint,
            cells=tuple(self._cell(id_) for id_ in block.ids),
        )
