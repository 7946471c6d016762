"""The form renderer: Django's own, with its commonest widget templates written in Python.

Text boxes (and the other inputs, tick boxes included), text areas and selects.

Rendering a widget through Django's templates costs about 0.1 ms (a template lookup, a
context, an include for the attributes); a return section of 69 boxes spent most of its time
there. The widgets below make the same HTML, character for character, as the templates
they stand for (`governance/tests/test_renderers.py` checks that against the templates as
this project finds them, so an override of one of them would fail it); any other widget is
rendered by its template as before.
"""

from django import forms
from django.forms.renderers import DjangoTemplates
from django.utils.functional import Promise
from django.utils.safestring import mark_safe

from .field_html import esc

WIDGETS = "django/forms/widgets/"
INPUT_KINDS = (
    "input", "text", "number", "email", "url", "password", "hidden", "search", "tel", "checkbox"
)  # fmt: skip
INPUTS = {f"{WIDGETS}{kind}.html" for kind in (*INPUT_KINDS, "date")}
OPTION = f"{WIDGETS}select_option.html"


def _text(value) -> str:
    """`{{ value|stringformat:'s' }}`: the value as text, escaped unless it is safe already."""
    return esc(str(value))


def _attrs(attrs: dict) -> str:
    """django/forms/widgets/attrs.html."""
    parts = []
    for name, value in attrs.items():
        if value is False:
            continue
        parts.append(f" {esc(name)}")
        if value is not True:
            parts.append(f'="{_text(value)}"')
    return "".join(parts)


def _input(widget: dict) -> str:
    value = "" if widget["value"] is None else f' value="{_text(widget["value"])}"'
    return (
        f'<input type="{esc(widget["type"])}" '
        f'name="{esc(widget["name"])}"{value}{_attrs(widget["attrs"])}>'
    )


def _textarea(widget: dict) -> str | None:
    value = widget["value"]
    if value and not isinstance(value, str):
        return None  # the template would localise it: leave that to the template
    text = esc(value) if value else ""
    return f'<textarea name="{esc(widget["name"])}"{_attrs(widget["attrs"])}>\n{text}</textarea>'


def _option(value, attrs: str, label) -> str:
    """django/forms/widgets/select_option.html, with the template's last line break."""
    return f'\n  <option value="{_text(value)}"{attrs}>{esc(label)}</option>\n'


def _select(widget: dict) -> str | None:
    """django/forms/widgets/select.html, with its options' select_option.html."""
    parts = [f'<select name="{esc(widget["name"])}"{_attrs(widget["attrs"])}>']
    for group_name, options, _ in widget["optgroups"]:
        if group_name:
            parts.append(f'\n  <optgroup label="{esc(group_name)}">')
        for option in options:
            label = option["label"]
            if option["template_name"] != OPTION or not isinstance(label, str | Promise):
                return None
            parts.append(_option(option["value"], _attrs(option["attrs"]), label))
        if group_name:
            parts.append("\n  </optgroup>")
    parts.append("\n</select>")
    return "".join(parts)


class PortalFormRenderer(DjangoTemplates):
    """FORM_RENDERER: Django's template renderer, with text boxes, text areas and selects
    written directly."""

    def render(self, template_name, context, request=None):
        widget = context.get("widget")
        html = None
        if isinstance(widget, dict) and widget.get("template_name") == template_name:
            if template_name in INPUTS and "type" in widget:
                html = _input(widget)
            elif template_name == f"{WIDGETS}textarea.html":
                html = _textarea(widget)
            elif template_name == f"{WIDGETS}select.html" and "optgroups" in widget:
                html = _select(widget)
        if html is None:
            return super().render(template_name, context, request)
        return mark_safe(html)  # noqa: S308 - every value in it is escaped above


class QuickSelect(forms.Select):
    """A select whose choices are flat (no groups): written straight from its choices, the
    same HTML as Django's Select through its templates, without the dict Django builds for
    each option (a return section has 54 of them). Choices with groups are left to Django.

    Each option's HTML, chosen and not, is written once per list of choices and kept with
    the widget (copies of a widget share its choices, and with them that work), unless the
    choices may change: an iterator worked out each time, or a label translated lazily."""

    def prepared_options(self) -> tuple[tuple[str, str, str], ...] | None:
        """(value as text, option, option selected) for each choice; None for groups."""
        choices = self.choices
        kept = self.__dict__.get("_options_html")
        if kept is not None and kept[0] is choices:
            return kept[1]
        choices_list = list(choices)
        options = None
        if not any(isinstance(label, list | tuple) for _, label in choices_list):
            options = []
            for option, label in choices_list:
                option = "" if option is None else option
                options.append(
                    (str(option), _option(option, "", label), _option(option, " selected", label))
                )
            options = tuple(options)
        fixed = isinstance(choices, list | tuple) and all(
            isinstance(label, str) for _, label in choices_list
        )
        if fixed:
            self.__dict__["_options_html"] = (choices, options)
        return options

    def render(self, name, value, attrs=None, renderer=None):
        options = self.prepared_options()
        if options is None:
            return super().render(name, value, attrs, renderer)
        start = f'<select name="{esc(name)}"{_attrs(self.build_attrs(self.attrs, attrs))}>'
        chosen = options_html(options, self.format_value(value))
        return mark_safe(f"{start}{chosen}\n</select>")  # noqa: S308 - escaped


def options_html(options: tuple[tuple[str, str, str], ...], wanted: list[str]) -> str:
    """A select's options (`QuickSelect.prepared_options`), the first whose value is in
    `wanted` (the widget's `format_value`) selected."""
    parts, chosen = [], False
    for text, unselected, selected in options:
        if not chosen and text in wanted:
            chosen = True
            parts.append(selected)
        else:
            parts.append(unselected)
    return "".join(parts)


def quick_select(select: forms.Select) -> QuickSelect:
    """The same select (its attributes, choices and whether it is required), written by
    QuickSelect: a form built from a model gets Django's Select for each field with choices."""
    quick = QuickSelect(attrs=select.attrs, choices=select.choices)
    quick.is_required, quick.is_localized = select.is_required, select.is_localized
    return quick
