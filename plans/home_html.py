"""The rows of the home page's table of areas, written in Python.

Someone who reads every area (a national analyst) has a row for each of 152 on their home
page; as a template loop it made the page cost half as much again as an area analyst's of
two areas (issue 33). This writes what `plans/home.html` wrote, element for element, in the
manner of `returns/cell_html.py`. Every text that comes from the database is escaped.
"""

from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe

from governance.field_html import esc
from governance.models import FinancialYear

PLACEHOLDER_YEAR = FinancialYear(start_year=2098)  # "2098-99" in an address, as no real year


# The last table written, by what it was written from: every national reader's home shows
# the same 152 areas and plans' years, so most homes reuse it (what it shows is its key).
_last: tuple[tuple, SafeString] = ((), mark_safe(""))


def area_rows(areas: list[dict]) -> SafeString:
    """A row for each area: its name (a link to its page), its region and its plans (the
    years they start, `entry["plans"]`). Written again only when any of those differ from
    the last table's: comparing them costs a third of writing them."""
    global _last
    shown = tuple(
        (e["area"].ons_code, e["area"].name, e["area"].region_label, *e["plans"]) for e in areas
    )
    if shown == _last[0]:
        return _last[1]
    html = _rows(areas)
    _last = (shown, html)
    return html


def _rows(areas: list[dict]) -> SafeString:
    # One reversal for every row, and one for every plan: an area's address differs only in
    # its code, a plan's in its code and its year.
    link = reverse("hwb-area", args=["ONS_CODE"]).split("ONS_CODE")
    plan_link = reverse("plan", args=["ONS_CODE", PLACEHOLDER_YEAR.start_year])
    rows = []
    for entry in areas:
        area = entry["area"]
        code, name = esc(area.ons_code), esc(area.name)
        plans = []
        for start_year in entry["plans"]:
            year = FinancialYear(start_year=start_year)
            href = plan_link.replace("ONS_CODE", code).replace(PLACEHOLDER_YEAR.slug, year.slug)
            plans.append(
                f'<a class="govuk-link" href="{href}">{esc(year.label)}'
                f'<span class="govuk-visually-hidden"> plan of {name}</span></a>'
            )
        rows.append(
            '<tr class="govuk-table__row">'
            f'<th scope="row" class="govuk-table__header"><a class="govuk-link" '
            f'href="{link[0]}{code}{link[1]}">{name}</a></th>'
            f'<td class="govuk-table__cell">{esc(area.region_label or "–")}</td>'
            f'<td class="govuk-table__cell">{", ".join(plans) or "None yet"}</td>'
            "</tr>"
        )
    return mark_safe("\n".join(rows))  # noqa: S308 - every part escaped
