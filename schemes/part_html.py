"""A row of a scheme's repeating part (an investment line, a milestone, …), written in
Python: the scheme form shows some 30 of them, and one template include each was a fifth
of its server time (issue 15). Each field is a GOV.UK form group (governance.field_html);
the formset's `DELETE` box is the row's "Remove" tick box.

A row posted back is written from its form (`part_row`), with what was typed and its
errors. On the form as opened, building a form for each row and working out each bound
field was half of the page's CPU (issue 33): each part's rows are written from their values
(`part_rows`), by a row written once from a form whose number and values are marks."""

import re
import threading
from collections import OrderedDict

from django.forms.formsets import (
    INITIAL_FORM_COUNT,
    MAX_NUM_FORM_COUNT,
    MIN_NUM_FORM_COUNT,
    TOTAL_FORM_COUNT,
)
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import capfirst

from governance.field_html import esc, field_group
from governance.renderers import QuickSelect, options_html


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


class _Kept:
    """What was written from a part and the area's partners, by key: at most `most`, the
    least lately used let go first. Shared by the threads of a worker process."""

    def __init__(self, most: int):
        self.most, self.kept, self.lock = most, OrderedDict(), threading.Lock()

    def get(self, key, make):
        with self.lock:
            if key in self.kept:
                self.kept.move_to_end(key)
                return self.kept[key]
        made = make()
        with self.lock:
            self.kept[key] = made
            if len(self.kept) > self.most:
                self.kept.popitem(last=False)
        return made

    def clear(self) -> None:
        with self.lock:
            self.kept.clear()


# The empty rows and row writers made, by what they are made from (`_key`): a few KB each, at
# most this many (five parts for each of the areas whose schemes were edited lately).
EMPTY_ROWS_KEPT = 256
_empty_rows = _Kept(EMPTY_ROWS_KEPT)
_row_writers = _Kept(EMPTY_ROWS_KEPT)


def _key(formset) -> tuple:
    """What a part's rows are written from besides their values: the part, and the partners
    of the area where a row names one (the only choices that vary)."""
    choices = ()
    if "partner" in formset.form.base_fields:
        choices = tuple((partner.pk, str(partner)) for partner in formset.partners.rows)
    return (type(formset), formset.prefix, formset.noun, choices)


def empty_row(formset) -> SafeString:
    """The part's empty row, numbered `__number__`: the `<template>` the page's script
    copies for a new row. It is the same on every form of a plan's area (no values, no
    errors; the partners of the area are its only choices that vary), so it is written once
    for the part and those partners, not built and written on every page."""
    return _empty_rows.get(
        _key(formset), lambda: part_row(formset.empty_form, formset, "__number__")
    )


def empty_rows_forget() -> None:
    _empty_rows.clear()
    _row_writers.clear()


# Marks in a row written once (`_row_writer`) where each row's own number and values go.
# A database keeps no NUL in text (PostgreSQL refuses it), so no value can fake one.
INDEX, NUMBER, VALUE = "\x00i\x00", "\x00n\x00", "\x00v{}\x00"
MARK = re.compile("\x00(i|n|v[a-z_]+)\x00")


def part_rows(formset) -> SafeString:
    """Every row of the part. A part as saved (the form opened, not posted back) has its
    rows written by `_row_writer` from its values alone; posted back, its rows are Django's
    forms with what was typed and the errors, each written by `part_row`."""
    writer = None
    if not formset.is_bound:
        writer = _row_writers.get(_key(formset), lambda: _row_writer(formset))
    initial = formset.initial or []
    if writer is None or formset.total_form_count() != len(initial):
        rows = (part_row(row, formset, number) for number, row in enumerate(formset, 1))
        return mark_safe("".join(rows))  # noqa: S308 - each row escaped
    rows = (writer(index, values) for index, values in enumerate(initial))
    return mark_safe("".join(rows))  # noqa: S308 - each value escaped


def _row_writer(formset):
    """A function writing row `index` of the part from its values (a dict by field): the
    row written once by `part_row`, for a form whose number and values are marks, then cut
    at the marks. The same HTML as the row's own form would write, without building it and
    its bound fields (27 rows were half of the scheme form's CPU); None where a field is
    one this does not know how to fill in (its form then writes each row)."""
    names = formset.form._meta.fields
    probe = formset.form(
        auto_id=formset.auto_id, prefix=formset.add_prefix(INDEX), empty_permitted=True,
        use_required_attribute=False, initial={name: VALUE.format(name) for name in names},
        **formset.get_form_kwargs(None),
    )  # fmt: skip
    formset.add_fields(probe, None)
    html = str(part_row(probe, formset, NUMBER))
    fields = probe.fields
    if any(fields[name].widget.is_localized for name in names):
        return None  # its value is localised text, as Django's templates would write it
    for name in names:  # a select shows no mark: its options are where the value goes
        widget = fields[name].widget
        if isinstance(widget, QuickSelect):
            options = widget.prepared_options()
            start = html.find(f'<select name="{esc(probe.add_prefix(name))}"')
            if options is None or start < 0:
                return None
            listed = "".join(unselected for _, unselected, _ in options)
            at = html.find(f">{listed}\n</select>", start)
            if at < 0:
                return None
            html = f"{html[: at + 1]}{VALUE.format(name)}{html[at + 1 + len(listed) :]}"
    pieces = MARK.split(html)  # text, mark, text, mark, …, text
    writers = []
    for at in range(1, len(pieces), 2):
        mark = pieces[at]
        if mark in ("i", "n"):
            writers.append(mark)
            continue
        name = mark[1:]
        field = fields.get(name)
        if field is None or name not in names:
            return None
        before, after = pieces[at - 1], pieces[at + 1]
        if isinstance(field.widget, QuickSelect):
            writers.append(("select", name, field))
        elif before.endswith(' value="') and after.startswith('"'):
            pieces[at - 1], pieces[at + 1] = before[: -len(' value="')], after[1:]
            writers.append(("input", name, field))
        elif before.endswith(">\n") and after.startswith("</textarea>"):
            writers.append(("textarea", name, field))
        else:
            return None
    if sorted(w[1] for w in writers if isinstance(w, tuple)) != sorted(names):
        return None
    texts = pieces[0::2]

    def write(index: int, values: dict) -> str:
        parts = [texts[0]]
        for writer, text in zip(writers, texts[1:], strict=True):
            if writer == "i":
                parts.append(str(index))
            elif writer == "n":
                parts.append(str(index + 1))
            else:
                kind, name, field = writer
                parts.append(_value_html(kind, field, values.get(name, field.initial)))
            parts.append(text)
        return "".join(parts)

    return write


def _value_html(kind: str, field, value) -> str:
    """A value where a row's field shows it, as its bound field and widget would write it
    (`BoundField.value`, the widget's `format_value`, then `governance.renderers`)."""
    if callable(value):
        value = value()
    shown = field.widget.format_value(field.prepare_value(value))
    if kind == "select":
        return options_html(field.widget.prepared_options(), shown)
    if kind == "input":
        return "" if shown is None else f' value="{esc(str(shown))}"'
    return esc(shown) if shown else ""


def management_form(formset) -> SafeString:
    """The formset's counts of rows, as hidden inputs: what `{{ formset.management_form }}`
    writes through Django's form template. For a part as saved they are written here from
    the formset's counts; posted back, from Django's management form, or Django's form with
    its error when the counts posted were refused."""
    if not formset.is_bound:
        counts = (
            (TOTAL_FORM_COUNT, formset.total_form_count()),
            (INITIAL_FORM_COUNT, formset.initial_form_count()),
            (MIN_NUM_FORM_COUNT, formset.min_num),
            (MAX_NUM_FORM_COUNT, formset.max_num),
        )
        return mark_safe(  # noqa: S308 - escaped
            "".join(_hidden(formset, f"{formset.prefix}-{name}", count) for name, count in counts)
        )
    form = formset.management_form
    if form.errors:
        return form.render()
    return mark_safe("".join(str(field) for field in form))  # noqa: S308 - Django's widgets


def _hidden(formset, name: str, value: int) -> str:
    """Django's HiddenInput of the count `name`, with the formset's id for it."""
    auto_id = formset.auto_id
    id_ = ""
    if auto_id:
        id_ = f' id="{esc(auto_id % name if "%s" in auto_id else name)}"'
    return f'<input type="hidden" name="{esc(name)}" value="{value}"{id_}>'
