"""The Django admin's widgets, made accessible where Django's are not: its date-and-time boxes
are two inputs with one label (axe: "Form elements must have labels")."""

from django.contrib.admin import options, widgets
from django.db import models


class LabelledSplitDateTime(widgets.AdminSplitDateTime):
    """The admin's date and time boxes, each named: "Submission deadline: date"."""

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        field = name.rsplit("-", 1)[-1].replace("_", " ").capitalize()  # inlines: a-0-until
        for subwidget, part in zip(context["widget"]["subwidgets"], ("date", "time"), strict=True):
            subwidget["attrs"]["aria-label"] = f"{field}: {part}"
        return context


def label_split_date_times() -> None:
    """Every admin form's date-and-time field uses the labelled widget."""
    defaults = options.FORMFIELD_FOR_DBFIELD_DEFAULTS[models.DateTimeField]
    defaults["widget"] = LabelledSplitDateTime
