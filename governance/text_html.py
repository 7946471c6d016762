"""Small pieces of HTML that the pages written in Python share (`returns/timeline_html.py`,
`plans/part_html.py`), each the same text as the template filter it stands for, escaped."""

import re
from functools import cache

from django.utils.dateformat import format as date_format
from django.utils.dates import MONTHS
from django.utils.timezone import localtime

from .field_html import esc

PARAGRAPH = '<p class="govuk-body govuk-!-margin-bottom-1">'
NEWLINES = re.compile(r"\r\n|\r")


def when(at, shown: str = "j F Y, H:i") -> str:
    """`{{ at|date:shown }}`: in the portal's time zone, as the template's filter shows it."""
    return esc(formatted(localtime(at), shown)) if at else ""


def day(value, shown: str) -> str:
    """`date_filter(value, shown)` (`{{ value|date:shown }}` of a value already in the
    portal's time zone, a date): nothing for none."""
    if value in (None, ""):
        return ""
    try:
        return formatted(value, shown)
    except AttributeError:
        return ""


def formatted(value, shown: str) -> str:
    """`django.utils.dateformat.format(value, shown)`: the formats the pages show written
    directly, any other by Django, which reads the format a letter at a time and looks each
    up (17 µs a date; five on the plan page, and one a version on a return's overview)."""
    if shown == "j F Y, H:i":
        return (
            f"{value.day} {MONTHS[value.month]} {value.year:04d}, "
            f"{value.hour:02d}:{value.minute:02d}"
        )
    if shown == "j F Y":
        return f"{value.day} {MONTHS[value.month]} {value.year:04d}"
    if shown == "d/m/Y":
        return f"{value.day:02d}/{value.month:02d}/{value.year:04d}"
    return date_format(value, shown)


def by_whom(event, nobody: str) -> str:
    """`{{ event.user.get_username|default:nobody }}`."""
    user = getattr(event, "user", None)
    return esc((user.get_username() if user is not None else "") or nobody)


def lines(text) -> str:
    """`{{ text|linebreaksbr }}`: escaped, each line break a <br>."""
    return esc(NEWLINES.sub("\n", str(text))).replace("\n", "<br>")


def shown(instance, name: str) -> str:
    """`instance.get_<name>_display()`, escaped: its choice's label (the value itself where
    no choice has it). Django builds a dictionary of the field's choices at every call; the
    plan page called it for each of its schemes (3 µs each, against 0.07 so)."""
    value = getattr(instance, name)
    return esc(_labels(type(instance), name).get(value, value))


@cache
def _labels(model, name: str) -> dict:
    return dict(model._meta.get_field(name).flatchoices)
