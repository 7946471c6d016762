"""{% load parts %}: a scheme part's row and its formset's counts, written by
schemes.part_html."""

from django import template

from schemes.part_html import management_form as _management_form
from schemes.part_html import part_row as _part_row

register = template.Library()


@register.simple_tag
def part_row(row, formset, number):
    """{% part_row row formset forloop.counter %}"""
    return _part_row(row, formset, number)


@register.filter
def management_form(formset):
    """{{ formset|management_form }}"""
    return _management_form(formset)
