"""{% load cells %}: a section page's cells, written by returns.cell_html."""

from django import template

from returns import cell_html

register = template.Library()


@register.filter
def table_cells(cells):
    """{{ cells|table_cells }}: a table row's <td>s."""
    return cell_html.table_cells(cells)


@register.filter
def question(cell, area_name):
    """{{ cell|question:area.name }}: a question on its own, in its form group."""
    return cell_html.question(cell, area_name=area_name)
