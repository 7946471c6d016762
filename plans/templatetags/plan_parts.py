"""{% condition_rows form.rows problems %}: the national conditions page's fieldsets
(plans.part_html)."""

from django import template

from plans.part_html import condition_rows as _condition_rows

register = template.Library()


@register.simple_tag
def condition_rows(rows, problems):
    return _condition_rows(rows, problems)
