"""Forms shared across the portal, rendered with crispy-forms-gds (GOV.UK Design System)."""

import copy
import datetime
import re

from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Field, Layout, Submit
from django import forms
from django.contrib.auth import forms as auth_forms
from django.contrib.auth.forms import AuthenticationForm
from django.contrib.auth.password_validation import password_validators_help_texts
from django.core.exceptions import ValidationError
from django.utils.safestring import mark_safe

from .field_html import esc
from .money import POUNDS_LIMIT, TOO_MANY_POUNDS, bounded_int
from .text import readable, text_problem


def whole_number_or_none(text) -> int | None:
    """A record id or a revision as a form or a query gives it (`"12"`), or None for anything
    else: text, a sign, or more digits than any id has (which no database can look up)."""
    text = text if isinstance(text, str) else ""
    return int(text) if text.isascii() and text.isdigit() and len(text) <= 18 else None


def gds_helper(*fields: str, submit: str) -> FormHelper:
    """A GOV.UK layout of text fields and a button; the page writes the form tag and its
    CSRF token (crispy would add a second one)."""
    helper = FormHelper()
    helper.form_tag = False
    helper.disable_csrf = True
    helper.label_size = "s"
    helper.layout = Layout(*(Field.text(name, field_width=20) for name in fields),
                           Submit("submit", submit))  # fmt: skip
    return helper


def _first_lower(label: str) -> str:
    """`Lead partner` -> `lead partner`; `NHS number` and `E-Mail` stay as they are."""
    return label[:1].lower() + label[1:] if label[1:2].islower() else label


def _django_defaults(field: forms.Field) -> dict:
    defaults = {}
    for cls in reversed(type(field).__mro__):
        defaults.update(getattr(cls, "default_error_messages", {}))
    return defaults


HAS = "it has %(show_value)d"


def plain_field_messages(field: forms.Field, name: str) -> None:
    """Replace Django's default messages on `field` with ones that name the box and say
    what to do. A message the portal set itself is kept. Done once for a field: a copy of
    it (`copied_field`) keeps them."""
    if getattr(field, "plain_messages", False):
        return
    field.plain_messages = True
    label = str(field.label or name.replace("_", " ").capitalize())
    lowered = _first_lower(label)
    own = lowered.split(" ", 1)[0] in ("your", "their", "the", "a", "an", "its")
    it = lowered if own else f"the {lowered}"
    chosen = isinstance(field, forms.ChoiceField | forms.ModelChoiceField)
    if isinstance(field, forms.EmailField):
        invalid = f"Enter {it} as an e-mail address, like name@example.org."
    elif isinstance(field, forms.IntegerField):
        invalid = f"Enter {it} as a whole number, like 12."
    elif isinstance(field, forms.DecimalField | forms.FloatField):
        invalid = f"Enter {it} as a number, like 12.5."
    else:
        invalid = f"Enter {it} as the box asks."
    ours = {
        "required": f"Choose {it}."
        if chosen
        else (f"Choose a file for {it}." if isinstance(field, forms.FileField) else f"Enter {it}."),
        "invalid_choice": f"Choose one of the options offered for {it}.",
        "invalid": invalid,
        "max_value": f"Enter {it} as %(limit_value)s or less.",
        "min_value": f"Enter {it} as %(limit_value)s or more.",
        "max_length": f"Shorten {it} to %(limit_value)d characters or fewer ({HAS}).",
        "min_length": f"Lengthen {it} to %(limit_value)d characters or more ({HAS}).",
        "max_digits": f"Enter {it} with fewer digits.",
        "max_decimal_places": f"Enter {it} with fewer decimal places.",
        "max_whole_digits": f"Enter {it} with fewer digits.",
        "null_characters_not_allowed": f"Remove the NUL character from {it}.",
        "empty": f"Choose a file for {it} that is not empty.",
        "missing": f"Choose a file for {it}.",
        "incomplete": f"Enter all of {it}.",
        "invalid_list": f"Choose from the options offered for {it}.",
    }
    defaults = {key: str(message) for key, message in _django_defaults(field).items()}
    messages = dict(field.error_messages)
    for key, message in messages.items():
        if key in ours and str(message) == defaults.get(key):
            messages[key] = ours[key]
    field.error_messages = messages
    for validator in field.validators:  # a length or a NUL character, checked by a validator
        if getattr(validator, "code", None) in ours and validator.code not in messages:
            messages[validator.code] = ours[validator.code]


class PlainMessagesMixin:
    """Every field's messages in the portal's words (`plain_field_messages`)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            plain_field_messages(field, name)


PASSWORDS_DIFFER = "Enter the same new password in both boxes."


class PasswordChangeForm(PlainMessagesMixin, auth_forms.PasswordChangeForm):
    """Django's password change, laid out as a GOV.UK page."""

    error_messages = {
        "password_mismatch": PASSWORDS_DIFFER,
        "password_incorrect": "Enter your current password as you last set it.",
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _plain_password_help(self.fields["new_password1"])
        self.helper = gds_helper(
            "old_password", "new_password1", "new_password2", submit="Change password"
        )


class PasswordResetForm(PlainMessagesMixin, auth_forms.PasswordResetForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].label = "Your e-mail address"
        self.fields["email"].widget.attrs.update(spellcheck="false")
        self.helper = gds_helper("email", submit="Send the link")


class SetPasswordForm(PlainMessagesMixin, auth_forms.SetPasswordForm):
    error_messages = {"password_mismatch": PASSWORDS_DIFFER}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _plain_password_help(self.fields["new_password1"])
        self.helper = gds_helper("new_password1", "new_password2", submit="Set password")


def _plain_password_help(field: forms.Field) -> None:
    """The password rules as one sentence (Django gives them as an HTML list)."""
    field.help_text = " ".join(password_validators_help_texts())


class SignInForm(AuthenticationForm):
    """Django's sign-in form, laid out as a GOV.UK sign-in page."""

    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": "Enter a correct username and password. Both are case-sensitive.",
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].widget.attrs.update(autocomplete="username", spellcheck="false")
        self.fields["password"].widget.attrs.update(autocomplete="current-password")
        # Each message says which box it is about: the error summary lists them without labels.
        self.fields["username"].error_messages["required"] = "Enter your username"
        self.fields["password"].error_messages["required"] = "Enter your password"
        self.helper = gds_helper("username", "password", submit="Sign in")


def copied_field(field: forms.Field) -> forms.Field:
    """A field of its own for one form, cheaper than Django's deep copy: its widget and the
    widget's attributes copied (what a form changes: a field in error gets a red border),
    its choices, messages and validators shared (what none of the portal's forms changes).
    A field whose copy must hold more of its own (a model choice's query, a widget of
    several boxes) is copied deeply, as Django would."""
    if isinstance(field, forms.ModelChoiceField) or isinstance(field.widget, forms.MultiWidget):
        return copy.deepcopy(field)
    copied = copy.copy(field)
    copied.widget = copy.copy(field.widget)
    copied.widget.attrs = dict(field.widget.attrs)
    return copied


class CheaplyCopiedFields(dict):
    """A form class's `base_fields` whose copy for each form (Django deep-copies them) is
    made by `copied_field`: for a form shown many times on a page (the scheme form's rows)."""

    def __deepcopy__(self, memo):
        return {name: copied_field(field) for name, field in self.items()}


class KeepableTextMixin:
    """Refuse, field by field, text no database column or workbook cell can keep
    (`governance.text`): the same rule as a return's answers. Word's font-specific bullets,
    pasted in, are kept as the bullets they show (`governance.text.readable`)."""

    def clean(self):
        data = super().clean()
        for name, value in list(data.items()):
            if not isinstance(value, str):
                continue
            if problem := text_problem(value):
                self.add_error(name, problem)
            else:
                data[name] = readable(value)
        return data


def _error_class(widget: forms.Widget) -> str:
    """GOV.UK Frontend's red-border modifier for this kind of widget."""
    if isinstance(widget, forms.Select):
        return "govuk-select--error"
    if isinstance(widget, forms.Textarea):
        return "govuk-textarea--error"
    return "govuk-input--error"


class GovukErrorClassesMixin(PlainMessagesMixin):
    """Give each widget with an error GOV.UK's red border and point it at its message, and
    each field messages in the portal's words.

    crispy-forms-gds leaves the error class off number, date, select and
    textarea widgets; fixed once here for every form in the portal, however it
    is rendered. The message's id is the field's id + `-error`.
    """

    def full_clean(self):
        super().full_clean()
        for name in self.errors:
            if name not in self.fields:
                continue
            widget = self.fields[name].widget
            classes = widget.attrs.get("class", "").split()
            if _error_class(widget) not in classes:
                widget.attrs["class"] = " ".join([*classes, _error_class(widget)])
            described_by = widget.attrs.get("aria-describedby", "").split()
            hint_id = f"{self[name].auto_id}_helptext"  # Django's own, when there is help text
            if self.fields[name].help_text and hint_id not in described_by:
                described_by.append(hint_id)
            error_id = f"{self[name].auto_id}-error"
            if error_id not in described_by:
                widget.attrs["aria-describedby"] = " ".join([*described_by, error_id])


class PoundsFormField(forms.CharField):
    """Whole pounds, typed as `£1,234,567`, `1,234,567` or `1234567`; empty is None."""

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        for limit in ("min_value", "max_value", "step_size"):  # given by a model's field
            kwargs.pop(limit, None)
        super().__init__(**kwargs)
        self.widget.attrs.update(inputmode="numeric", spellcheck="false")

    def to_python(self, value):
        text = (super().to_python(value) or "").replace(",", "").replace(" ", "")
        if not text:
            return None
        if text.startswith("£"):
            text = text[1:]
        if re.fullmatch(r"\d+\.\d*", text):
            raise ValidationError(f"{self.label}: enter whole pounds, without pence.")
        if not re.fullmatch(r"\d+", text):
            raise ValidationError(f"{self.label}: enter an amount in pounds, like £1,234.")
        if bounded_int(text) >= POUNDS_LIMIT:
            raise ValidationError(f"{self.label}: {TOO_MANY_POUNDS}.")
        return int(text)

    def prepare_value(self, value):
        return f"{value:,}" if isinstance(value, int) else value


class GovukDateInput(forms.MultiWidget):
    """GOV.UK's date input: three boxes, posted as `<name>_day`, `_month` and `_year` and
    read as one `DD/MM/YYYY` string, so the field cleans it exactly as it cleaned one box
    (a post naming the field itself, as the portal's older pages and API clients do, is read
    as before)."""

    BOXES = (("day", "Day", "govuk-input--width-2"), ("month", "Month", "govuk-input--width-2"),
             ("year", "Year", "govuk-input--width-4"))  # fmt: skip

    def __init__(self, attrs=None):
        boxes = {key: forms.TextInput(attrs={"label": label, "width": width})
                 for key, label, width in self.BOXES}  # fmt: skip
        super().__init__(boxes, attrs)

    def decompress(self, value):
        if isinstance(value, datetime.date):
            return [value.day, value.month, value.year]
        if isinstance(value, str) and value.count("/") == 2:
            return value.split("/")
        return [None, None, None]

    def format_value(self, value):
        return value

    def value_from_datadict(self, data, files, name):
        if name in data:
            return data[name]
        parts = [str(data.get(f"{name}_{key}", "")).strip() for key, _, _ in self.BOXES]
        return "/".join(parts) if any(parts) else ""

    def value_omitted_from_data(self, data, files, name):
        return name not in data and not any(f"{name}_{key}" in data for key, _, _ in self.BOXES)

    def render(self, name, value, attrs=None, renderer=None):
        """The three boxes, written in Python (as a template, a quarter of a millisecond a
        date). The day box carries the field's own id, so a link to the field (the error
        summary, the checklist) lands on it; each box is labelled only by its own word."""
        widget = self.get_context(name, value, attrs)["widget"]
        attrs = widget["attrs"]
        error = " govuk-input--error" if "--error" in attrs.get("class", "") else ""
        disabled = " disabled" if attrs.get("disabled") else ""
        described = attrs.get("aria-describedby", "")
        described = f' aria-describedby="{esc(described)}"' if described else ""
        boxes = []
        for number, box in enumerate(widget["subwidgets"]):
            box_attrs = box["attrs"]
            box_id = esc(attrs["id"] if number == 0 else box_attrs["id"])
            autocomplete = box_attrs.get("autocomplete")
            autocomplete = f' autocomplete="{esc(autocomplete)}"' if autocomplete else ""
            value_ = "" if box["value"] is None else esc(box["value"])
            boxes.append(
                '\n  <div class="govuk-date-input__item">\n'
                '    <div class="govuk-form-group">\n'
                f'      <label class="govuk-label govuk-date-input__label" for="{box_id}">'
                f"{esc(box_attrs['label'])}</label>\n"
                '      <input class="govuk-input govuk-date-input__input '
                f'{esc(box_attrs["width"])}{error}" id="{box_id}" name="{esc(box["name"])}" '
                f'type="text" inputmode="numeric" value="{value_}"{autocomplete}{disabled}'
                f"{described}>\n"
                "    </div>\n"
                "  </div>\n  "
            )
        return mark_safe(  # noqa: S308 - every part escaped
            f'\n<div class="govuk-date-input" id="{esc(attrs["id"])}-boxes">\n  '
            f"{''.join(boxes)}\n</div>\n"
        )


THREE_BOX_YEARS = "enter a year between 2000 and 2099"


def three_box_date_problem(value: str) -> str:
    """What is wrong with a date typed in GOV.UK's three boxes (read as `d/m/y`), in words
    that match them: the boxes left empty, else "enter a real date" with an example typed
    as the boxes take it."""
    parts = str(value).split("/")
    if len(parts) == 3:
        missing = [
            box
            for box, part in zip(("day", "month", "year"), parts, strict=True)
            if not part.strip()
        ]
        if 0 < len(missing) < 3:
            return f"the date must include a {' and a '.join(missing)}"
    return "enter a real date, with the day, month and year as numbers, like 31 3 2016"


class UkDateField(forms.DateField):
    """A date typed as DD/MM/YYYY (or as a browser's YYYY-MM-DD), from 2000 to 2099."""

    input_formats = ["%d/%m/%Y", "%d/%m/%y", "%Y-%m-%d"]

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("widget", GovukDateInput())
        super().__init__(**kwargs)

    def to_python(self, value):
        try:
            date = super().to_python(value)
        except ValidationError:
            if isinstance(self.widget, GovukDateInput):
                raise ValidationError(f"{self.label}: {three_box_date_problem(value)}.") from None
            raise ValidationError(f"{self.label}: enter a real date, like 30/09/2016.") from None
        if date is not None and not 2000 <= date.year <= 2099:
            raise ValidationError(f"{self.label}: {THREE_BOX_YEARS}.")
        return date
