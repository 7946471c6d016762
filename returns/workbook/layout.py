"""Where the words go on a section's tab: table headings, labels and the definition's own text.

Question cells come from the definition. Around them this places, without
ever covering a question's cell:

1. the section's `sheet_text` (headings the definition gives by address);
2. for each page table whose rows and columns line up on the tab, its column
   headings in the row above and its row headings in column B, with the
   caption above those; and, for a table of amendable inputs, the
   "previously returned" copy five rows higher;
3. for the first question of a row, its label in column B, if still free.
"""

from dataclasses import dataclass, field

from xlsxwriter.utility import xl_cell_to_rowcol

from returns.definitions import Question, Section
from returns.definitions.structure import Table

LABEL_COLUMN = 1  # B
PREVIOUS_OFFSET = 5  # rows between a table and its "previously returned" copy


@dataclass
class TableLayout:
    table: Table
    rows: list[int]  # the tab row of each table row
    columns: list[int]  # the tab column of each table column


@dataclass
class SheetLayout:
    section: Section
    cells: dict[str, tuple[int, int]] = field(default_factory=dict)  # id -> (row, col)
    text: dict[tuple[int, int], str] = field(default_factory=dict)  # (row, col) -> words
    headings: set[tuple[int, int]] = field(default_factory=set)  # which words are headings
    previous: list[TableLayout] = field(default_factory=list)  # tables to copy as returned

    def place(self, at: tuple[int, int], words: str, *, heading: bool = False) -> None:
        if at not in self.text and at not in self.cells.values() and at[0] >= 0:
            self.text[at] = words
            if heading:
                self.headings.add(at)


def _table_layout(table: Table, cells: dict[str, tuple[int, int]]) -> TableLayout | None:
    """The table's rows and columns on the tab, if each lines up; else None."""
    rows, columns = [], []
    for _, ids in table.rows:
        row_numbers = {cells[i][0] for i in ids if i}
        if len(row_numbers) != 1:
            return None
        rows.append(row_numbers.pop())
    for position in range(len(table.columns)):
        column_numbers = {cells[ids[position]][1] for _, ids in table.rows if ids[position]}
        if len(column_numbers) != 1:
            return None
        columns.append(column_numbers.pop())
    return TableLayout(table, rows, columns)


def _headings(layout: SheetLayout, table: TableLayout, top: int, caption: str) -> None:
    layout.place((top - 2, LABEL_COLUMN), caption, heading=True)
    for column, words in zip(table.columns, table.table.columns, strict=True):
        layout.place((top - 1, column), words, heading=True)
    for row, (words, _) in zip(table.rows, table.table.rows, strict=True):
        layout.place((row - table.rows[0] + top, LABEL_COLUMN), words)


def sheet_layout(section: Section) -> SheetLayout:
    layout = SheetLayout(
        section, cells={q.id: xl_cell_to_rowcol(q.cell) for q in section.questions}
    )
    for address, words in section.sheet_text:
        layout.place(xl_cell_to_rowcol(address), words, heading=True)
    for block in section.blocks:
        if not isinstance(block, Table):
            continue
        table = _table_layout(block, layout.cells)
        if table is None:
            continue
        _headings(layout, table, table.rows[0], block.caption)
        if block.previous_caption:
            layout.previous.append(table)
            _headings(layout, table, table.rows[0] - PREVIOUS_OFFSET, block.previous_caption)
    first_in_row: dict[int, Question] = {}
    for question in section.questions:
        row, col = layout.cells[question.id]
        if row not in first_in_row or col < layout.cells[first_in_row[row].id][1]:
            first_in_row[row] = question
    for row, question in first_in_row.items():
        if layout.cells[question.id][1] > LABEL_COLUMN:
            layout.place((row, LABEL_COLUMN), question.label)
    return layout
