"""Small pieces of HTML that the pages written in Python share (`returns/timeline_html.py`,
`plans/part_html.py`), each the same text as the template filter it stands for, escaped."""

import re

from django.utils.dateformat import format as date_format
from django.utils.timezone import localtime

from .field_html import esc

PARAGRAPH = '<p class="govuk-body govuk-!-margin-bottom-1">'
NEWLINES = re.compile(r"\r\n|\r")


def when(at, shown: str = "j F Y, H:i") -> str:
    """`{{ at|date:shown }}`: in the portal's time zone, as the template's filter shows it."""
    return esc(date_format(localtime(at), shown)) if at else ""


def by_whom(event, nobody: str) -> str:
    """`{{ event.user.get_username|default:nobody }}`."""
    user = getattr(event, "user", None)
    return esc((user.get_username() if user is not None else "") or nobody)


def lines(text) -> str:
    """`{{ text|linebreaksbr }}`: escaped, each line break a <br>."""
    return esc(NEWLINES.sub("\n", str(text))).replace("\n", "<br>")
