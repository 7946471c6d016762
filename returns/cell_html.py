"""A section page's cells as HTML, written in Python.

A section shows up to 69 cells; as a template include each, they were most of the page's
server time (issue 15). These functions write what `returns/includes/table.html`,
`question.html`, `radios.html`, `control.html` and `readonly.html` wrote, and the page's
loop over its blocks and tables (`section_blocks`, issue 33), element for
element: GOV.UK form groups, labels, radios, error messages, the £ prefix and the character
count. Every text that comes from the definition, the answers or the officer is escaped
here.
"""

from django.contrib.humanize.templatetags.humanize import intcomma
from django.utils.safestring import SafeString, mark_safe

from governance.field_html import date_input, error_message, esc, radios, with_pound_prefix
from governance.glossary import labelled

from .definitions import Kind

NOT_ANSWERED = '<span class="govuk-hint">Not answered</span>'
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


def _label(question) -> str:
    """The question's label as a page heading shows it: abbreviations marked, symbols in words."""
    return labelled(question.label)


def question(cell, *, area_name: str = "") -> SafeString:
    """One question on its own (not in a table): its form group, with the label, hint, error
    and control of an input (radios for a few choices, three boxes for a date), or the
    value of a read-only question."""
    bound, question_ = cell.field, cell.question
    textarea = cell.is_textarea and bound is not None
    classes = "govuk-form-group"
    if bound is not None and bound.errors:
        classes += " govuk-form-group--error"
    counted = ""
    if textarea:
        classes += " govuk-character-count"
        counted = (
            f' data-module="govuk-character-count" data-maxlength="{question_.type.max_length}"'
        )
    if cell.radios:
        inner = radios(bound, legend=_label(question_), hint=question_.hint)
    elif bound is not None and bound.widget_type == "govukdate":
        inner = date_input(bound, legend=_label(question_), hint=question_.hint,
                           hint_id=f"{bound.auto_id}-hint")  # fmt: skip
    elif bound is not None:
        id_ = esc(bound.auto_id)
        hint = (
            f'<div id="{id_}-hint" class="govuk-hint">{esc(question_.hint)}</div>'
            if question_.hint
            else ""
        )
        inner = (
            f'<label class="govuk-label govuk-label--s" for="{id_}">{_label(question_)}</label>'
            f"{hint}{control(cell)}"
        )
    else:
        inner = (
            f'<p class="govuk-body govuk-!-margin-bottom-1"><strong>{_label(question_)}</strong> '
            f'<span class="govuk-tag govuk-tag--grey">{cell.kind_label}</span></p>'
            f'<p class="govuk-body">{readonly(cell, area_name=area_name, stacked=True)}</p>'
        )
    return mark_safe(  # noqa: S308 - every part escaped
        f'<div class="{classes}"{counted}{applies(cell)}>{inner}</div>'
    )


def table_cell(cell, column: str = "") -> str:
    """One <td> of a section's table: an input, labelled by its question, or a value. Its
    `column` is shown before it when the table is stacked."""
    label = f' data-label="{esc(column)}"' if column else ""
    if cell is None:
        return f'<td class="govuk-table__cell portal-cell--none"{label}></td>'
    if cell.field is None:
        return (
            f'<td class="govuk-table__cell portal-cell--{cell.question.kind}"{label}>'
            f"{readonly(cell)}</td>"
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
        f'<td class="govuk-table__cell"{label}>'
        f'<div class="govuk-form-group govuk-!-margin-bottom-0{error}"{applies(cell)}>'
        f'<label class="govuk-label govuk-visually-hidden" for="{id_}">'
        f"{esc(cell.question.label)}</label>{control(cell, in_table=True)}</div>"
        f"{not_needed}</td>"
    )


def _named(cells, columns) -> zip:
    """Each of a row's cells with its column's name ("" past the last column)."""
    return zip(cells, (*columns, *([""] * len(cells)))[: len(cells)], strict=True)


def table_cells(cells, columns=()) -> SafeString:
    """A row's cells, each named by its column (for the stacked table)."""
    named = _named(cells, columns)
    return mark_safe("".join(table_cell(cell, column) for cell, column in named))  # noqa: S308


def _table_head(block) -> str:
    """returns/includes/table_head.html: the columns' headers."""
    row_header = (
        esc(block.row_header)
        if block.row_header
        else '<span class="govuk-visually-hidden">Row</span>'
    )
    columns = "".join(
        f'<th scope="col" class="govuk-table__header">{labelled(column)}</th>'
        for column in block.columns
    )
    return (
        '  <thead class="govuk-table__head">\n    <tr class="govuk-table__row">\n'
        f'      <th scope="col" class="govuk-table__header">{row_header}</th>\n'
        f"      {columns}\n    </tr>\n  </thead>\n"
    )


def _table_rows(rows, cells_html) -> str:
    return "".join(
        '\n    <tr class="govuk-table__row">\n'
        f'      <th scope="row" class="govuk-table__header">{labelled(header)}</th>\n'
        f"      {cells_html(cells)}\n    </tr>\n    "
        for header, cells in rows
    )


def _previous_cells(texts) -> str:
    return "".join(
        f'<td class="govuk-table__cell portal-cell--prepop">{esc(text)}</td>' for text in texts
    )


def _table(block) -> str:
    """A table of cells, after the same table as previously returned where it has one."""
    head, parts = _table_head(block), []
    if block.previous_rows:
        heading = esc(block.previous_heading)
        parts.append(
            f'\n<div class="portal-table-scroll" role="region" aria-label="{heading}" '
            'tabindex="0">\n<table class="govuk-table portal-return-table '
            'portal-previous-table">\n  <caption class="govuk-table__caption '
            f'govuk-table__caption--m">{heading}</caption>\n  {head}\n'
            f'  <tbody class="govuk-table__body">\n    '
            f"{_table_rows(block.previous_rows, _previous_cells)}\n  </tbody>\n</table>\n</div>\n"
        )
    heading, columns = esc(block.heading), block.columns
    parts.append(
        f'\n<div class="portal-table-scroll" role="region" aria-label="{heading}" '
        'tabindex="0">\n<table class="govuk-table portal-return-table '
        f'portal-stack--{esc(block.stacked)}">\n  <caption class="govuk-table__caption '
        f'govuk-table__caption--m">{heading}</caption>\n  {head}\n'
        '  <tbody class="govuk-table__body">\n    '
        f"{_table_rows(block.rows, lambda cells: table_cells(cells, columns))}"
        "\n  </tbody>\n</table>\n</div>\n"
    )
    return "".join(parts)


def _block(block, area_name: str) -> str:
    if block.kind == "table":
        inner = f"\n          {_table(block)}\n        "
    elif block.kind == "text":
        inner = (
            '\n          <details class="govuk-details">\n            <summary '
            'class="govuk-details__summary"><span class="govuk-details__summary-text">'
            f"{esc(block.heading)}</span></summary>\n            "
            f'<div class="govuk-details__text">{esc(block.body)}</div>\n'
            "          </details>\n        "
        )
    else:
        cells = "".join(question(cell, area_name=area_name) for cell in block.cells)
        if block.heading:
            hidden = " data-all-hidden hidden" if block.all_hidden else ""
            inner = (
                f'\n          <fieldset class="govuk-fieldset"{hidden}>\n            <legend '
                'class="govuk-fieldset__legend govuk-fieldset__legend--m"><h2 '
                f'class="govuk-fieldset__heading">{esc(block.heading)}</h2></legend>\n'
                f"            {cells}\n          </fieldset>\n        "
            )
        else:
            inner = f"\n          {cells}\n        "
    return f"\n        {inner}\n      "


def section_blocks(blocks, area_name: str) -> SafeString:
    """A section page's blocks (returns.pages.BlockView): its tables, texts and questions, as
    section.html and its table include wrote them (a template loop was a third of the
    largest sections' CPU, issue 33)."""
    return mark_safe("".join(_block(block, area_name) for block in blocks))  # noqa: S308


def _shown_cell(cell, column: str) -> str:
    if cell is None:
        shown = ""
    elif not cell.applies:
        shown = '<span class="govuk-hint">Does not apply</span>'
    elif cell.shown:
        shown = esc(cell.shown)
    else:
        shown = NOT_ANSWERED
    return (
        f'<td class="govuk-table__cell portal-preformatted" data-label="{esc(column)}">{shown}</td>'
    )


def _shown_block(shown, number: int, block) -> str:
    if block.kind == "table":
        id_ = f"shown-{esc(shown.section.slug)}-{number}"
        columns = block.columns

        def cells_html(cells) -> str:
            return "".join(_shown_cell(cell, column) for cell, column in _named(cells, columns))

        return (
            f'\n<div class="portal-table-scroll" role="region" aria-labelledby="{id_}" '
            'tabindex="0">\n<table class="govuk-table portal-shown-table portal-stack--narrow">'
            '\n  <caption class="govuk-table__caption govuk-table__caption--s" '
            f'id="{id_}">{labelled(block.heading or shown.section.title)}</caption>\n'
            f'  {_table_head(block)}\n  <tbody class="govuk-table__body">\n    '
            f"{_table_rows(block.rows, cells_html)}\n  </tbody>\n</table>\n</div>\n"
        )
    heading = f'<h3 class="govuk-heading-s">{labelled(block.heading)}</h3>' if block.heading else ""
    rows = "".join(
        '\n  <div class="govuk-summary-list__row">\n    <dt class="govuk-summary-list__key">'
        f"{labelled(question.short_label or question.label)}</dt>\n"
        '    <dd class="govuk-summary-list__value portal-preformatted">'
        f"{esc(value) if value else NOT_ANSWERED}</dd>\n  </div>\n  "
        for question, value in block.rows
    )
    return f'\n{heading}\n<dl class="govuk-summary-list">\n  {rows}\n</dl>\n'


def shown_section(shown) -> SafeString:
    """One section's answers to read (returns.shown): its tables as grids, the rest as a
    list, as returns/includes/shown_section.html wrote them (a template loop was four fifths
    of a sign-off member's review page, 17–19 ms of CPU on deadline day, issue 33)."""
    blocks = "".join(
        f"\n{_shown_block(shown, number, block)}\n"
        for number, block in enumerate(shown.blocks, start=1)
    )
    return mark_safe(f"\n{blocks}\n")  # noqa: S308 - every part escaped


SECTION_TAGS = {
    "Completed": "Completed",
    "In progress": '<strong class="govuk-tag govuk-tag--light-blue">In progress</strong>',
}
NOT_STARTED = '<strong class="govuk-tag govuk-tag--blue">Not started</strong>'


def section_tag(result) -> SafeString:
    """A section's status in the GOV.UK task list's words; colour only repeats them. (An
    include, it was a tenth of a section page: its list of sections shows every section's,
    issue 33.)"""
    return mark_safe(SECTION_TAGS.get(result.progress, NOT_STARTED))  # noqa: S308 - constants


def section_nav(sections, *, current: str | None, url_of, checklist_url: str) -> SafeString:
    """The return's sections beside a section page (`current` marked, the rest linked by
    `url_of(slug)`), each with its status, then the checklist: what
    returns/includes/section_nav.html wrote (its loop was a tenth of a small section's
    CPU, issue 33)."""
    items = []
    for result in sections:
        slug, title = result.section.slug, labelled(result.section.title)
        if current is not None and slug == current:
            shown = f'<strong aria-current="page">{title}</strong>'
        else:
            shown = f'<a class="govuk-link" href="{esc(url_of(slug))}">{title}</a>'
        items.append(f"\n    <li>\n      {shown}\n      {section_tag(result)}\n    </li>\n    ")
    return mark_safe(  # noqa: S308 - every part escaped
        '<nav aria-label="Sections of the return" class="portal-section-nav">\n'
        '  <h2 class="govuk-heading-s">Sections</h2>\n  <ul class="govuk-list">\n    '
        f'{"".join(items)}\n    <li><a class="govuk-link" href="{esc(checklist_url)}">'
        "Checklist</a></li>\n  </ul>\n</nav>\n"
    )


def task_hint(result) -> str:
    """What is left of a section, in words: failing checks only (a question not asked is
    neither done nor to do)."""
    left = result.to_do
    return f"{left} question{'s' if left != 1 else ''} still to do" if left else ""


def task_list(sections, *, url_of) -> SafeString:
    """A return's sections as GOV.UK's task list, each linked by `url_of(slug)` with what it
    still lacks and its status: what the overview's loop wrote (issue 33)."""
    items = []
    for result in sections:
        slug, url = esc(result.section.slug), esc(url_of(result.section.slug))
        hinted, hint = "", ""
        if result.to_do:
            hinted = f" hint-{slug}"
            hint = (
                f'<div class="govuk-task-list__hint" id="hint-{slug}">'
                f"{esc(task_hint(result))}</div>"
            )
        items.append(
            '\n  <li class="govuk-task-list__item govuk-task-list__item--with-link">\n'
            '    <div class="govuk-task-list__name-and-hint">\n'
            f'      <a class="govuk-link govuk-task-list__link" href="{url}" aria-describedby='
            f'"status-{slug}{hinted}">{labelled(result.section.title)}</a>\n'
            f"      {hint}\n    </div>\n"
            f'    <div class="govuk-task-list__status" id="status-{slug}">'
            f"{section_tag(result)}</div>\n  </li>\n  "
        )
    return mark_safe("".join(items))  # noqa: S308 - every part escaped


PASSES = {
    True: '<strong class="govuk-tag govuk-tag--green">Yes</strong>',
    False: '<strong class="govuk-tag govuk-tag--red">No</strong>',
}


def checklist_rows(result, url: str) -> SafeString:
    """The checklist page's row for each check of a section (`result`): its question, linked
    to its box on the section's page (`url`), why it fails, and Yes or No. As a template loop
    the ~150 rows were most of the page's CPU, the second most requested on deadline day."""
    link = esc(url)
    rows = []
    for check in result.results:
        why = (
            ""
            if check.passed
            else f'<span class="govuk-hint govuk-!-margin-bottom-0">{esc(check.message)}</span>'
        )
        rows.append(
            '\n    <tr class="govuk-table__row">\n      <td class="govuk-table__cell">\n'
            f'        <a class="govuk-link" href="{link}#{esc(check.check.target)}">'
            f"{labelled(check.check.label)}</a>\n"
            f"        {why}\n      </td>\n"
            f'      <td class="govuk-table__cell">{PASSES[bool(check.passed)]}</td>\n'
            "    </tr>\n    "
        )
    return mark_safe("".join(rows))  # noqa: S308 - every text escaped


def checklist_sections(sections, *, url_of) -> SafeString:
    """The checklist page's table of each section's checks (`checklist_rows`), captioned by
    the section, linked by `url_of(slug)`, and its status: what the page's loop wrote (a
    fifth of the page's CPU, issue 33)."""
    tables = []
    for result in sections:
        section = result.section
        url, slug = url_of(section.slug), esc(section.slug)
        tables.append(
            f'\n<div class="portal-table-scroll" role="region" aria-label="{esc(section.title)}:'
            f' checklist" tabindex="0">\n<table class="govuk-table" id="section-{slug}">'
            '\n  <caption class="govuk-table__caption govuk-table__caption--m">\n'
            f'    <a class="govuk-link" href="{esc(url)}">{labelled(section.title)}</a>\n'
            f"    {section_tag(result)}\n  </caption>\n"
            '  <thead class="govuk-table__head">\n    <tr class="govuk-table__row">\n'
            '      <th scope="col" class="govuk-table__header">Question</th>\n'
            '      <th scope="col" class="govuk-table__header">Passes</th>\n'
            "    </tr>\n  </thead>\n"
            f'  <tbody class="govuk-table__body">\n    {checklist_rows(result, url)}\n'
            "  </tbody>\n</table>\n</div>\n"
        )
    return mark_safe("".join(tables))  # noqa: S308 - every part escaped
