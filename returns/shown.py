"""A return's answers laid out to be read, as its section pages lay them out: a table as a
grid (rows and columns, as on the workbook's tab), other questions one under another.

What a signer reviews, what a signed-off version shows and what the return pack prints.
Guidance text is left out, and so is every question that does not apply.
"""

from dataclasses import dataclass

from .definitions import Question, Section
from .definitions.evaluation import is_applicable
from .definitions.structure import Fields, Table, Text


@dataclass(frozen=True)
class ShownCell:
    question: Question
    shown: str  # "" when unanswered
    applies: bool


@dataclass(frozen=True)
class ShownBlock:
    kind: str  # "table" or "fields"
    heading: str
    columns: tuple[str, ...] = ()
    row_header: str = ""
    # a table's rows: (header, (ShownCell or None, ...)); a list's: ((question, shown), ...)
    rows: tuple = ()


@dataclass(frozen=True)
class ShownSection:
    section: Section
    blocks: tuple[ShownBlock, ...]


def shown_sections(definition, values: dict) -> list[ShownSection]:
    """Every section of the return, its blocks read-only; a block with nothing that applies
    is left out."""
    return [ShownSection(section, _blocks(section, values)) for section in definition.sections]


def _blocks(section: Section, values: dict) -> tuple[ShownBlock, ...]:
    questions = {question.id: question for question in section.questions}

    def cell(id_: str | None) -> ShownCell | None:
        if id_ is None:
            return None
        question = questions[id_]
        applies = is_applicable(question, values)
        shown = question.type.display(values.get(id_)) if applies else ""
        return ShownCell(question, shown or "", applies)

    blocks = []
    for block in section.blocks:
        if isinstance(block, Text):
            continue
        if isinstance(block, Table):
            rows = tuple((header, tuple(cell(id_) for id_ in ids)) for header, ids in block.rows)
            if any(c is not None and c.applies for _, cells in rows for c in cells):
                blocks.append(
                    ShownBlock("table", block.caption, block.columns, block.row_header, rows)
                )
            continue
        assert isinstance(block, Fields)
        rows = tuple(
            (questions[id_], shown.shown)
            for id_ in block.ids
            if (shown := cell(id_)) is not None and shown.applies
        )
        if rows:
            blocks.append(ShownBlock("fields", block.heading, rows=rows))
    return tuple(blocks)
