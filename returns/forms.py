"""A section of a return as a form, built from its template definition.

One field per input question; each field cleans with the question's value type,
so a form refuses exactly what a JSON or workbook import refuses. Every field
is optional: officers save incomplete work, and the checklist says what is
missing.
"""

from django import forms
from django.core.exceptions import ValidationError

from governance.forms import (
    THREE_BOX_YEARS,
    GovukDateInput,
    GovukErrorClassesMixin,
    PlainMessagesMixin,
    copied_field,
    three_box_date_problem,
)
from governance.renderers import QuickSelect
from governance.uploads import LIMITS

from .definitions import Question, Section
from .definitions.structure import Table

WIDTHS = {"number": "govuk-input--width-10", "date": "govuk-input--width-10",
          "month": "govuk-input--width-5", "email": "govuk-input--width-30",
          "phone": "govuk-input--width-20"}  # fmt: skip
# Contact fields: the keyboard and the browser's autofill that suit them.
CONTACT = {"email": {"type": "email", "autocomplete": "email"},
           "phone": {"type": "tel", "autocomplete": "tel"}}  # fmt: skip
RADIOS_UP_TO = 5  # a question on its own with this many choices or fewer: radios


class QuestionField(forms.Field):
    """A template question: the value type's `clean` decides what is accepted, and says
    what is wrong in its own words."""

    plain_messages = True  # governance.forms.plain_field_messages: nothing of Django's to replace

    def __init__(self, question: Question, *, radios: bool = False, **kwargs):
        self.question = question
        self.radios = radios
        widget = _radios(question) if radios else _widget(question)
        super().__init__(required=False, label=question.label, widget=widget, **kwargs)

    def to_python(self, value):
        try:
            return self.question.type.clean(value)
        except ValidationError as error:
            # Name the question: the error summary lists messages without their fields.
            message = " ".join(error.messages)
            if isinstance(self.widget, GovukDateInput):  # say it as the three boxes take it
                code = getattr(error, "code", None)
                if code == "date":
                    message = f"{three_box_date_problem(value)}."
                elif code == "date_range":
                    message = f"{THREE_BOX_YEARS}."
            raise ValidationError(f"{self.question.name}: {message}") from None

    def prepare_value(self, value):
        if value is None or isinstance(value, str):
            return value or ""
        return self.question.type.to_form(value)


def _radios(question: Question) -> forms.Widget:
    """Rendered by the page itself, as GOV.UK radios (`governance.field_html.radios`)."""
    return forms.RadioSelect(choices=[(c, c) for c in question.type.choices])


def _widget(question: Question) -> forms.Widget:
    kind = question.type.widget
    if kind == "select":
        options = [("", "Please select")] + [(c, c) for c in question.type.choices]
        return QuickSelect(choices=options, attrs={"class": "govuk-select"})
    if kind == "textarea":
        rows = 8 if question.type.max_length > 750 else 4
        return forms.Textarea(
            attrs={
                "class": "govuk-textarea govuk-js-character-count",
                "rows": rows,
            }  # no maxlength: GOV.UK's count warns instead of silently cutting a paste
        )
    name = question.type.name
    width = WIDTHS.get(kind) or WIDTHS.get(name, "")
    attrs = {
        "class": f"govuk-input {width}".strip(),
        "spellcheck": "false",
        **CONTACT.get(name, {}),
    }
    if kind == "number":
        attrs["inputmode"] = "numeric" if question.type.name != "pct" else "decimal"
    return forms.TextInput(attrs=attrs)


class SectionForm(GovukErrorClassesMixin, forms.Form):
    """The inputs of one section, initially holding the return's values."""

    def __init__(self, *args, section: Section, values: dict, editable: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        self.section = section
        for name, prototype in _section_fields(section, editable):
            field = copied_field(prototype)
            field.initial = values.get(name)
            self.fields[name] = field

    def changed_values(self) -> dict:
        """The cleaned values of the fields the officer changed."""
        return {name: self.cleaned_data[name] for name in self.changed_data}


# A section's fields, built once per section (and whether they are editable): building 69
# fields and their widgets was a sixth of a section page's server time (issue 15). Each
# form gets copies, since a form marks the widgets of the fields it finds in error.
_PROTOTYPES: dict[tuple[int, bool], tuple[Section, tuple[tuple[str, QuestionField], ...]]] = {}


def _section_fields(section: Section, editable: bool) -> tuple[tuple[str, QuestionField], ...]:
    key = (id(section), editable)
    cached = _PROTOTYPES.get(key)
    if cached is None or cached[0] is not section:
        cached = _PROTOTYPES[key] = (section, tuple(_build_fields(section, editable)))
    return cached[1]


def _build_fields(section: Section, editable: bool):
    in_grids = {id_ for block in section.blocks if isinstance(block, Table)
                for id_ in block.question_ids()}  # fmt: skip
    for question in section.inputs:
        choices = question.type.choices
        radios = bool(choices) and len(choices) <= RADIOS_UP_TO and question.id not in in_grids
        field = QuestionField(question, radios=radios)
        if question.type.widget == "date" and question.id not in in_grids:
            field.widget = GovukDateInput()  # three boxes; a grid keeps one
        described_by = [f"{question.id}-hint"] if question.hint else []
        if question.type.widget == "textarea":
            described_by.append(f"{question.id}-info")
        if described_by:
            field.widget.attrs["aria-describedby"] = " ".join(described_by)
        field.disabled = not editable
        if isinstance(field.widget, QuickSelect):
            field.widget.prepared_options()  # once, for every copy
        yield question.id, field


class WorkbookUploadForm(PlainMessagesMixin, forms.Form):
    workbook = forms.FileField(
        label="Upload a filled-in workbook",
        help_text="The .xlsx file exported from the portal for this return, filled in. "
        "At most 10 MB. You will see what it changes before anything is saved.",
        widget=forms.ClearableFileInput(
            attrs={
                "class": "govuk-file-upload",
                "accept": ".xlsx",
                "aria-describedby": "workbook-hint",
            }
        ),
        error_messages={"required": "Choose the workbook file to upload."},
    )

    def clean_workbook(self):
        uploaded = self.cleaned_data["workbook"]
        if uploaded.size > LIMITS.file_bytes:
            raise ValidationError(
                f"The file is {uploaded.size / 1024 / 1024:.1f} MB; the largest a return can be "
                "is 10 MB."
            )
        return uploaded
