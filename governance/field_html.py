"""A form field's GOV.UK form group, written in Python: label, hint, error and input.

The scheme form shows about 150 fields and a plan page tens more; as one template include
each (`includes/input.html`, which this replaces), they were most of those pages' server
time (issue 15). GOV.UK radios are written here too (`radios`, for the plan parts and a
return's stacked questions), and date inputs (`date_input`: a return's national conditions
have eight, and their templates were a fifth of that page's CPU, issue 33). Every text is
escaped here.
"""

import html

from django.utils.functional import Promise
from django.utils.safestring import SafeString, mark_safe

POUND_PREFIX = '<div class="govuk-input__prefix" aria-hidden="true">£</div>'


def esc(text) -> str:
    """Django's `conditional_escape`, the same text without its lazy-argument wrapper (a tenth
    of a form's rendering, at thousands of calls a page): safe text as it is, anything else
    as text with & < > " ' escaped."""
    if type(text) is str:  # most of them: plain text, never safe markup
        return html.escape(text)
    if isinstance(text, Promise):
        text = str(text)
    if hasattr(text, "__html__"):
        return text.__html__()
    return html.escape(str(text))


def error_message(id_: str, errors) -> str:
    """GOV.UK's error message for the field `id_` (escaped already), or nothing."""
    if not errors:
        return ""
    messages = "".join(
        f'<span class="govuk-visually-hidden">Error:</span> {esc(error)}' for error in errors
    )
    return f'<p id="{id_}-error" class="govuk-error-message">{messages}</p>'


def with_pound_prefix(widget: str) -> str:
    """An amount's input, with GOV.UK's £ prefix before it."""
    return f'<div class="govuk-input__wrapper">{POUND_PREFIX}{widget}</div>'


def radios(field, *, legend=None, hint=None) -> SafeString:
    """GOV.UK radios for a bound field of a few choices (its widget a RadioSelect), inside the
    caller's form group, labelled by `legend` (else the field's label) with `hint` (else its
    help text). The first radio carries the field's id, so links to the field (the error
    summary, the checklist) land on it; the choices hold no empty one (no radio stands for
    "not answered")."""
    id_ = esc(field.auto_id)
    hint = hint or field.help_text
    errors = field.errors
    described_by = (f"{id_}-hint" if hint else "") + (f" {id_}-error" if errors else "")
    described = f' aria-describedby="{described_by}"' if described_by else ""
    parts = [
        f'<fieldset class="govuk-fieldset"{described}>\n'
        f'  <legend class="govuk-fieldset__legend govuk-fieldset__legend--s">'
        f"{esc(legend or field.label)}</legend>\n"
    ]
    if hint:
        parts.append(f'  <div id="{id_}-hint" class="govuk-hint">{esc(hint)}</div>\n')
    if errors:
        parts.append(f"  {error_message(id_, errors)}\n")
    parts.append('  <div class="govuk-radios govuk-radios--small" data-module="govuk-radios">\n')
    chosen = str(field.value())
    disabled = " disabled" if field.field.disabled else ""
    name = esc(field.html_name)
    for number, (value, label) in enumerate(field.field.widget.choices, start=1):
        radio_id = id_ if number == 1 else f"{id_}-{number}"
        checked = " checked" if chosen == str(value) else ""
        parts.append(
            '    <div class="govuk-radios__item">\n'
            f'      <input class="govuk-radios__input" id="{radio_id}" name="{name}" type="radio"'
            f' value="{esc(value)}"{checked}{disabled}>\n'
            f'      <label class="govuk-label govuk-radios__label" for="{radio_id}">'
            f"{esc(label)}</label>\n"
            "    </div>\n"
        )
    parts.append("  </div>\n</fieldset>\n")
    return mark_safe("".join(parts))  # noqa: S308 - every part escaped


def date_input(field, *, legend, hint, hint_id: str) -> str:
    """GOV.UK's date input for a bound field: a fieldset whose legend is the question, with
    its hint (`hint_id`) and error, then the three boxes (its widget, `GovukDateInput`)."""
    id_, errors = esc(field.auto_id), field.errors
    described = (f"{esc(hint_id)}" if hint else "") + (f" {id_}-error" if errors else "")
    described = f' aria-describedby="{described}"' if hint or errors else ""
    hint = f'<div class="govuk-hint" id="{esc(hint_id)}">{esc(hint)}</div>' if hint else ""
    return (
        f'\n<fieldset class="govuk-fieldset" role="group"{described}>\n'
        f'  <legend class="govuk-fieldset__legend govuk-fieldset__legend--s">{esc(legend)}'
        f"</legend>\n  {hint}\n  {error_message(id_, errors)}\n  {field}\n</fieldset>\n"
    )


def field_group(field, *, pounds: bool = False, hide_label: bool = False) -> SafeString:
    """A bound field in its form group: radios (`radios`), a date by its template, any other
    field as its label (visually hidden with `hide_label`, for a table whose row names
    it), hint, error and input, with a £ prefix for `pounds`."""
    error_class = " govuk-form-group--error" if field.errors else ""
    widget_type = field.widget_type
    if widget_type == "radioselect":
        inner = radios(field)
    elif widget_type == "govukdate":
        inner = date_input(field, legend=field.label, hint=field.help_text,
                           hint_id=f"{field.auto_id}_helptext")  # fmt: skip
    else:
        id_ = esc(field.auto_id)
        hidden = " govuk-visually-hidden" if hide_label else ""
        hint = (
            f'<div class="govuk-hint" id="{id_}_helptext">{esc(field.help_text)}</div>'
            if field.help_text and not hide_label
            else ""
        )
        widget = str(field)
        inner = (
            f'<label class="govuk-label{hidden}" for="{id_}">{esc(field.label)}'
            f"</label>{hint}{error_message(id_, field.errors)}"
            f"{with_pound_prefix(widget) if pounds else widget}"
        )
    return mark_safe(  # noqa: S308 - every part escaped
        f'<div class="govuk-form-group govuk-!-margin-bottom-0{error_class}">{inner}</div>'
    )
