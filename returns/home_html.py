"""The rows of an analyst's table of periods on the home page, written in Python.

A row for each reporting period the portal holds: as a template loop (with the deadline's
include) each row cost 0.15 ms, which made the home grow with the periods (issue 33). This
writes what `returns/includes/home_periods.html` wrote, element for element, in the manner
of `returns/cell_html.py`. Every text that comes from the database is escaped.
"""

from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe

from governance.field_html import esc

from .models import ReturnStatus

NUMERIC = '<td class="govuk-table__cell govuk-table__cell--numeric">'
COUNTED = (ReturnStatus.DRAFT, ReturnStatus.READY, ReturnStatus.SIGNED_OFF, ReturnStatus.SUBMITTED)
ASSUMED = ' <strong class="govuk-tag govuk-tag--grey">Assumed date</strong>'


# Django's `date` filter's "F" in English (the portal's only language), as `long_day` writes
# it without the formatter's cost (a fifth of an analyst's home at 12 periods).
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")  # fmt: skip


def long_day(moment, zone) -> str:
    """`j F Y` in the time zone: 26 February 2016."""
    local = moment.astimezone(zone)
    return f"{local.day} {MONTHS[local.month - 1]} {local.year}"


def period_rows(states) -> SafeString:
    """Each period (`returns.selectors.PeriodState`): a link to its round, its deadline, how
    many returns are not started and in each status, and how many are overdue."""
    rows = []
    zone = timezone.get_current_timezone()
    # One reversal for every row: the round's address differs only in the period's code.
    link = reverse("round-status", args=["fy0000_q1"]).split("fy0000_q1")
    for state in states:
        period = state.period
        deadline = long_day(period.submission_deadline, zone)
        if period.deadline_assumed:
            deadline += ASSUMED
        counts = "".join(f"{NUMERIC}{state.by_status.get(status) or 0}</td>" for status in COUNTED)
        overdue = (
            f'<strong class="govuk-tag govuk-tag--red">{state.overdue} overdue</strong>'
            if state.overdue else "0"
        )  # fmt: skip
        rows.append(
            '<tr class="govuk-table__row"><th scope="row" class="govuk-table__header">'
            f'<a class="govuk-link" href="{link[0]}{esc(period.code)}{link[1]}">'
            f"{esc(period.label)}"
            '<span class="govuk-visually-hidden">: every HWB area’s return</span></a><br>'
            f'<span class="govuk-hint govuk-!-font-size-16">Deadline {deadline}</span></th>'
            f"{NUMERIC}{state.not_started}</td>{counts}{NUMERIC}{overdue}</td></tr>"
        )
    return mark_safe("\n".join(rows))  # noqa: S308 - every part escaped
