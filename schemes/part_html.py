"""A row of a scheme's repeating part (an investment line, a milestone, …), written in
Python: the scheme form shows some 30 of them, and one template include each was a fifth
of its server time (issue 15). Each field is a GOV.UK form group (governance.field_html);
the formset's `DELETE` box is the row's "Remove" tick box."""

import threading
from collections import OrderedDict

from django.utils.safestring import SafeString, mark_safe
from django.utils.text import capfirst

from governance.field_html import esc, field_group


def _field(field, noun: str) -> str:
    if field.name == "DELETE":
        return (
            '<div class="govuk-checkboxes govuk-checkboxes--small portal-part__remove" '
            'data-module="govuk-checkboxes"><div class="govuk-checkboxes__item">'
            f'{field}<label class="govuk-label govuk-checkboxes__label" '
            f'for="{esc(field.auto_id)}">Remove this {noun} when I save</label></div></div>'
        )
    if field.is_hidden:
        return str(field)
    group = field_group(field, pounds=field.name == "amount")
    return f'<div class="govuk-!-margin-bottom-3">{group}</div>'


def part_row(row, formset, number) -> SafeString:
    """The row `row` of `formset`, headed with its noun and `number` (`__number__` in the
    template the page's script copies for a new row)."""
    noun = esc(formset.noun)
    errors = "".join(
        '<p class="govuk-error-message"><span class="govuk-visually-hidden">Error:</span> '
        f"{esc(error)}</p>"
        for error in row.non_field_errors()
    )
    fields = "".join(_field(field, noun) for field in row)
    return mark_safe(  # noqa: S308 - every part escaped
        f'<div class="portal-part__row govuk-!-margin-bottom-6" id="{esc(row.prefix)}">'
        f'<h3 class="govuk-heading-s">{capfirst(noun)} {esc(number)}</h3>{errors}{fields}</div>'
    )


# The empty rows written, by what they are written from (`empty_row`): a few KB each, at
# most this many (five parts for each of the areas whose schemes were edited lately).
EMPTY_ROWS_KEPT = 256
_empty_rows: OrderedDict = OrderedDict()
_empty_rows_lock = threading.Lock()


def empty_row(formset) -> SafeString:
    """The part's empty row, numbered `__number__`: the `<template>` the page's script
    copies for a new row. It is the same on every form of a plan's area (no values, no
    errors; the partners of the area are its only choices that vary), so it is written once
    for the part and those partners, not built and written on every page."""
    choices = ()
    if "partner" in formset.form.base_fields:
        choices = tuple((partner.pk, str(partner)) for partner in formset.partners.rows)
    key = (type(formset), formset.prefix, formset.noun, choices)
    with _empty_rows_lock:
        html = _empty_rows.get(key)
        if html is not None:
            _empty_rows.move_to_end(key)
            return html
    html = part_row(formset.empty_form, formset, "__number__")
    with _empty_rows_lock:
        _empty_rows[key] = html
        if len(_empty_rows) > EMPTY_ROWS_KEPT:
            _empty_rows.popitem(last=False)
    return html


def empty_rows_forget() -> None:
    with _empty_rows_lock:
        _empty_rows.clear()


def management_form(formset) -> SafeString:
    """The formset's counts of rows, as hidden inputs: what `{{ formset.management_form }}`
    writes through Django's form template, written here unless the counts posted were
    refused (then Django's, with its error)."""
    form = formset.management_form
    if form.errors:
        return form.render()
    return mark_safe("".join(str(field) for field in form))  # noqa: S308 - Django's widgets
