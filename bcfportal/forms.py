"""Forms shared across the portal, rendered with crispy-forms-gds (GOV.UK Design System)."""

from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Field, Layout, Submit
from django import forms
from django.contrib.auth.forms import AuthenticationForm


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
        self.helper = FormHelper()
        self.helper.label_size = "s"
        self.helper.layout = Layout(
            Field.text("username", field_width=20),
            Field.text("password", field_width=20),
            Submit("submit", "Sign in"),
        )


def _error_class(widget: forms.Widget) -> str:
    """GOV.UK Frontend's red-border modifier for this kind of widget."""
    if isinstance(widget, forms.Select):
        return "govuk-select--error"
    if isinstance(widget, forms.Textarea):
        return "govuk-textarea--error"
    return "govuk-input--error"


class GovukErrorClassesMixin:
    """Give each widget with an error GOV.UK's red border and point it at its message.

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
            error_id = f"{self[name].auto_id}-error"
            if error_id not in described_by:
                widget.attrs["aria-describedby"] = " ".join([*described_by, error_id])
