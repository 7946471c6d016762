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


@register.simple_tag(takes_context=True)
def plan_tasks(context):
    """The plan page's task list and what is missing, from the page's own variables."""
    return part_html.plan_tasks_html(
        plan=context["plan"], tasks=context["tasks"], checklist=context["checklist"],
        can_edit=bool(context.get("can_edit")), can_ready=bool(context.get("can_ready")),
    )  # fmt: skip
