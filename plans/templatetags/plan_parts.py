"""{% condition_rows form.rows problems %}: the national conditions page's fieldsets;
{% scheme_rows plan schemes %}: the plan page's list of schemes (plans.part_html)."""

from django import template

from plans import part_html

register = template.Library()


@register.simple_tag
def condition_rows(rows, problems):
    return part_html.condition_rows(rows, problems)


@register.simple_tag
def scheme_rows(plan, schemes):
    return part_html.scheme_rows(plan, schemes)
