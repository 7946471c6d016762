"""{% load cells %}: a section page's cells, written by returns.cell_html, and the links to
a return's sections."""

from functools import lru_cache

from django import template
from django.urls import get_script_prefix, reverse

from returns import cell_html, home_html

register = template.Library()


@register.filter
def table_cells(cells, columns=()):
    """{{ cells|table_cells:block.columns }}: a table row's <td>s, each named by its column."""
    return cell_html.table_cells(cells, columns)


@register.filter
def at(items, index):
    """{{ block.columns|at:forloop.counter0 }}: the item at `index`, or nothing."""
    return items[index] if 0 <= index < len(items) else ""


@register.filter
def question(cell, area_name):
    """{{ cell|question:area.name }}: a question on its own, in its form group."""
    return cell_html.question(cell, area_name=area_name)


@register.simple_tag
def section_url(ons_code, period_code, slug):
    """{% section_url area.ons_code period.code slug %}: `{% url 'return-section' … %}`, worked
    out once per area, period and section (the checklist links each of its ~150 checks)."""
    return _section_url(get_script_prefix(), str(ons_code), str(period_code), str(slug))


@lru_cache(maxsize=8192)  # 152 areas × 4 quarters × 9 sections fit, with room
def _section_url(prefix: str, ons_code: str, period_code: str, slug: str) -> str:
    return reverse("return-section", args=[ons_code, period_code, slug])


@register.filter
def period_rows(states):
    """{{ data|period_rows }}: the home page's row for each period, across an analyst's areas."""
    return home_html.period_rows(states)
