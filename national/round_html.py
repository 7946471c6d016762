"""The rows of a round's status table, written in Python.

At national size the table has a row for each of 152 areas; as a template loop it was three
quarters of the page's server time (issue 33: about 2,000 variable lookups and 220 date
formats a request). This writes what `national/round_status.html` wrote, element for element,
in the manner of `returns/cell_html.py`. Every text that comes from the database is escaped.
"""

import datetime

from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe

from governance.field_html import esc

from .rounds import RoundStatus

# Django's `date` filter's "M" in English: Python's %b would follow the process's locale.
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
NONE = "–"


def day(moment: datetime.datetime | None, zone: datetime.tzinfo) -> str:
    """`j M Y` in the time zone: 5 Dec 2026."""
    if moment is None:
        return NONE
    local = moment.astimezone(zone)
    return f"{local.day} {MONTHS[local.month - 1]} {local.year}"


def day_and_time(moment: datetime.datetime | None, zone: datetime.tzinfo) -> str:
    """`j M Y, H:i` in the time zone: 5 Dec 2026, 09:30."""
    if moment is None:
        return NONE
    local = moment.astimezone(zone)
    return f"{local.day} {MONTHS[local.month - 1]} {local.year}, {local:%H:%M}"


def round_rows(state: RoundStatus) -> SafeString:
    """The table's body rows: area (a link to its return, if it has one), region, status with
    its overdue and extension, checks passed, last change and sign-off."""
    period = state.period
    # One reversal for every row: the return's address differs only in the area's code.
    link = reverse("return", args=["ONS_CODE", period.code]).split("ONS_CODE")
    total = state.checks_total
    zone = timezone.get_current_timezone()  # the site's (or the request's, if it set one)
    rows = []
    # The few labels (statuses, regions) escaped once each, not once a row.
    escaped: dict[str, str] = {}

    def label(text: str) -> str:
        shown = escaped.get(text)
        if shown is None:
            shown = escaped[text] = esc(text)
        return shown

    for row in state.rows:
        area = row.area
        name = esc(area.name)
        if row.started:
            name = f'<a class="govuk-link" href="{link[0]}{esc(area.ons_code)}{link[1]}">{name}</a>'
        if row.synthetic:
            name += ' <strong class="govuk-tag govuk-tag--yellow">Synthetic figures</strong>'
        status = label(row.status_label)
        if row.overdue:
            status += ' <strong class="govuk-tag govuk-tag--red">Overdue</strong>'
        if row.extended_until:
            until = day_and_time(row.extended_until, zone)
            status += f'<br><span class="govuk-body-s">Extended to {until}</span>'
        rows.append(
            '<tr class="govuk-table__row">'
            f'<th scope="row" class="govuk-table__header">{name}</th>'
            f'<td class="govuk-table__cell">{label(area.region_label or NONE)}</td>'
            f'<td class="govuk-table__cell">{status}</td>'
            '<td class="govuk-table__cell govuk-table__cell--numeric">'
            f"{row.checks_passed} of {total}</td>"
            f'<td class="govuk-table__cell">{day_and_time(row.last_change, zone)}</td>'
            f'<td class="govuk-table__cell">{day(row.signed_off, zone)}</td>'
            "</tr>"
        )
    return mark_safe("\n".join(rows))  # noqa: S308 - every part escaped
