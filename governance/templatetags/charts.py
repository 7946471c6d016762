"""{% load charts %}: the parts of a strip chart that have one element per value, written in
Python. A round's national figures draw every area's value twice, as a column and as a row
of the table behind it; as template loops that was 5.8 ms for 152 areas, and it made the
national analyst's page dearer than an area analyst's of two areas (issue 33). The same HTML
as the loops wrote."""

from decimal import ROUND_HALF_UP, Decimal

from django import template
from django.utils.formats import get_format, localize
from django.utils.safestring import mark_safe

from governance.field_html import esc

register = template.Library()
TENTH = Decimal("0.1")


def number(value: float, separator: str | None = None) -> str:
    """`{{ value }}` of a float, as the template engine writes it (`localize`), without its
    cost per call: the float as Python writes it, with the language's decimal separator
    (`separator`: looked up once for many numbers, as the filters below do)."""
    text = repr(value)
    if "e" in text or "n" in text:  # exponents, inf, nan: Django's own way
        return localize(value)
    return text.replace(".", separator or get_format("DECIMAL_SEPARATOR"))


def one_place(value: float, separator: str | None = None) -> str:
    """`{{ value|floatformat:1 }}`: rounded half up from the float's shortest decimal form,
    one decimal place, no minus sign on zero; without the filter's cost per call."""
    rounded = Decimal(repr(value)).quantize(TENTH, rounding=ROUND_HALF_UP)
    text = f"{rounded if rounded else abs(rounded):f}"
    return text.replace(".", separator or get_format("DECIMAL_SEPARATOR"))


@register.filter
def strip_columns(chart):
    """{{ chart|strip_columns }}: a column (an SVG rect) per value, the picked one marked."""
    separator = get_format("DECIMAL_SEPARATOR")  # once, not twice a column
    return mark_safe(  # noqa: S308 - numbers only, as the template wrote them
        "".join(
            '<rect class="portal-chart__bar '
            f'{"portal-chart__bar--picked" if picked else "portal-chart__bar--0"}" '
            f'x="{place}.1" y="{number(y, separator)}" width="0.8" '
            f'height="{number(height, separator)}"></rect>'
            for place, (_, _, y, height, picked) in enumerate(chart.bars)
        )
    )


@register.filter
def strip_rows(chart):
    """{{ chart|strip_rows }}: a table row per value, its label (the picked one strong) and its
    value in percent to one decimal place."""
    rows, separator = [], get_format("DECIMAL_SEPARATOR")
    for label, value, _, _, picked in chart.bars:
        name = f"<strong>{esc(label)}</strong>" if picked else esc(label)
        rows.append(
            "\n        "
            f'<tr class="govuk-table__row"><th scope="row" class="govuk-table__header">{name}'
            '</th><td class="govuk-table__cell govuk-table__cell--numeric">'
            f"{one_place(value, separator)}%</td></tr>\n        "
        )
    return mark_safe("".join(rows))  # noqa: S308 - every text escaped
