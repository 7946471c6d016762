"""{% load cells %}: a section page's cells, written by returns.cell_html."""

from django import template

from returns import cell_html

register = template.Library()


@register.filter
def table_cells(cells):
    """{{ cells|table_cells }}: a table row's <td>s."""
    return cell_html.table_cells(cells)


@register.filter
def cell_control(cell):
    """{{ cell|cell_control }}: a stacked question's error, input and character count."""
    return cell_html.control(cell)


@register.filter
def stacked_readonly(cell, area_name):
    """{{ cell|stacked_readonly:area.name }}: a stacked read-only value."""
    return cell_html.readonly(cell, area_name=area_name, stacked=True)
