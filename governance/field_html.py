"""A form field's GOV.UK form group, written in Python: label, hint, error and input.

The scheme form shows about 150 fields and a plan page tens more; as one template include
each (`includes/input.html`, which this replaces), they were most of those pages' server
time (issue 15). GOV.UK radios and date inputs, a few per page, keep their templates
(`includes/radios.html`, `includes/date_input.html`). Every text is escaped here.
"""

import html

from django.template.loader import get_template
from django.utils.functional import Promise
from django.utils.safestring import SafeString, mark_safe

POUND_PREFIX = '<div class="govuk-input__prefix" aria-hidden="true">£</div>'


def esc(text) -> str:
    """Django's `conditional_escape`, the same text without its lazy-argument wrapper (a tenth
    of a form's rendering, at thousands of calls a page): safe text as it is, anything else
    as text with & < > " ' escaped."""
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


def _from_template(name: str, context: dict) -> str:
    return get_template(name).render(context)


def field_group(field, *, pounds: bool = False, hide_label: bool = False) -> SafeString:
    """A bound field in its form group: radios and dates by their templates, any other
    field as its label (visually hidden with `hide_label`, for a table whose row names
    it), hint, error and input, with a £ prefix for `pounds`."""
    error_class = " govuk-form-group--error" if field.errors else ""
    widget_type = field.widget_type
    if widget_type == "radioselect":
        inner = _from_template("includes/radios.html", {"field": field})
    elif widget_type == "govukdate":
        hint_id = f"{field.auto_id}_helptext"
        inner = _from_template(
            "includes/date_input.html",
            {"field": field, "legend": field.label, "hint": field.help_text, "hint_id": hint_id},
        )
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
