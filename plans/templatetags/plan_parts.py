"""{% condition_rows form.rows problems %}: the national conditions page's fieldsets
(plans.part_html)."""

from django import template

from plans import part_html

register = template.Library()


@register.simple_tag
def condition_rows(rows, problems):
    return part_html.condition_rows(rows, problems)
