"""A section page's cells as HTML, written in Python.

A section shows up to 69 cells; as a template include each, they were most of the page's
server time (issue 15). These functions write what `returns/includes/table.html`,
`question.html`, `control.html` and `readonly.html` wrote, element for element: GOV.UK
form groups, labels, error messages, the £ prefix and the character count. Every text
that comes from the definition, the answers or the officer is escaped here.
"""

from django.contrib.humanize.templatetags.humanize import intcomma
from django.utils.safestring import SafeString, mark_safe

from governance.field_html import error_message, esc, with_pound_prefix

from .definitions import Kind

NOT_GIVEN = '<span aria-hidden="true">–</span><span class="govuk-visually-hidden">not given</span>'


def _character_count(cell, id_: str) -> str:
    limit, remaining = cell.question.type.max_length, cell.remaining
    if remaining == limit:
        words = f"You can enter up to {intcomma(limit)} characters"
    elif remaining >= 0:
        words = f"You have {intcomma(remaining)} characters remaining"
    else:
        words = f"You have {intcomma(cell.over_by)} characters too many"
    return f'<div id="{id_}-info" class="govuk-hint govuk-character-count__message">{words}</div>'


def control(cell, *, in_table: bool = False) -> SafeString:
    """The cell's input, after its error (in a table, without the question's name, which the
    row and column give) and before its character count (a comment box)."""
    bound = cell.field
    id_ = esc(bound.auto_id)
    widget = str(bound)
    if getattr(cell.question.type, "money", False):
        widget = with_pound_prefix(widget)
    errors = error_message(id_, cell.errors_in_cell if in_table else bound.errors)
    count = _character_count(cell, id_) if cell.is_textarea else ""
    return mark_safe(f"{errors}{widget}{count}")  # noqa: S308 - every part escaped


def readonly(cell, *, area_name: str = "", stacked: bool = False) -> SafeString:
    """A pre-populated or calculated value; a live total carries the inputs it adds up."""
    question = cell.question
    sums = ""
    if cell.sum_of:
        money = "1" if getattr(question.type, "money", False) else ""
        sums = f' data-sum-of="{esc(cell.sum_of)}" data-money="{money}"'
    if cell.display:
        shown = esc(cell.display)
    elif stacked and question.kind == Kind.PREPOP:
        shown = (
            f"Not given yet: it comes from {esc(area_name)}’s plan or NHS England’s figures,"
            " which do not hold it."
        )
    else:
        shown = NOT_GIVEN
    return mark_safe(  # noqa: S308 - every part escaped
        f'<span class="portal-readonly"{sums} id="{esc(question.id)}">{shown}</span>'
    )


def applies(cell) -> str:
    """The attributes by which the page's script shows or hides a conditional question."""
    condition = f' data-applicable-when="{esc(cell.condition)}"' if cell.condition else ""
    return condition + ("" if cell.applicable else " hidden")


def table_cell(cell) -> str:
    """One <td> of a section's table: an input, labelled by its question, or a value."""
    if cell is None:
        return '<td class="govuk-table__cell"></td>'
    if cell.field is None:
        return (
            f'<td class="govuk-table__cell portal-cell--{cell.question.kind}">{readonly(cell)}</td>'
        )
    id_ = esc(cell.field.auto_id)
    error = " govuk-form-group--error" if cell.field.errors else ""
    not_needed = (
        ""
        if cell.applicable
        else f'<span class="govuk-hint portal-not-needed" data-not-needed-for="{id_}">'
        "Not needed</span>"
    )
    return (
        '<td class="govuk-table__cell">'
        f'<div class="govuk-form-group govuk-!-margin-bottom-0{error}"{applies(cell)}>'
        f'<label class="govuk-label govuk-visually-hidden" for="{id_}">'
        f"{esc(cell.question.label)}</label>{control(cell, in_table=True)}</div>"
        f"{not_needed}</td>"
    )


def table_cells(cells) -> SafeString:
    """A row's cells."""
    return mark_safe("".join(table_cell(cell) for cell in cells))  # noqa: S308 - escaped
