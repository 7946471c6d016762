"""{% condition_rows form.rows problems %}: the national conditions page's fieldsets;
{% scheme_rows plan schemes %}: the plan page's list of schemes; {% plan_timeline events plan %}:
its timeline (plans.part_html)."""

from django import template

from plans import part_html

register = template.Library()


@register.simple_tag
def condition_rows(rows, problems):
    return part_html.condition_rows(rows, problems)


@register.simple_tag
def scheme_rows(plan, schemes):
    return part_html.scheme_rows(plan, schemes)


@register.simple_tag
def plan_timeline(events, plan):
    return part_html.plan_timeline(events, plan)
