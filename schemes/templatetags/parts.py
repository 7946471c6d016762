"""{% load parts %}: the scheme form's fields and parts (`{% scheme_form_fields %}`, written
by schemes.form_html). A part's rows, its empty row and its formset's counts (written by
schemes.part_html) are tags too for the form's old template, which the tests keep as the
oracle (`schemes/tests/scheme_form_oracle.html`): no page template uses them now."""

from django import template
from django.utils.safestring import mark_safe

from schemes.form_html import scheme_form_fields as _scheme_form_fields
from schemes.part_html import empty_row as _empty_row
from schemes.part_html import management_form as _management_form
from schemes.part_html import part_rows as _part_rows

register = template.Library()


@register.simple_tag
def part_rows(formset):
    """{% part_rows formset %}: every row of the part."""
    return _part_rows(formset)


@register.simple_tag
def empty_row(formset):
    """{% empty_row formset %}: the row the page's script copies for a new one."""
    return _empty_row(formset)


@register.filter
def management_form(formset):
    """{{ formset|management_form }}"""
    return _management_form(formset)


@register.simple_tag(takes_context=True)
def scheme_form_fields(context):
    """{% scheme_form_fields %}: the form's own fields, its parts and its record."""
    return mark_safe(_scheme_form_fields(context))  # noqa: S308 - every value escaped
