"""{% plan_body %}: the plan's parts on the plan page and the printable plan, from the
page's own variables (plans.body_html); {% plan_page %}: the plan page's whole content
(plans.page_html)."""

from django import template

from plans import body_html, page_html

register = template.Library()


@register.simple_tag(takes_context=True)
def plan_body(context):
    return body_html.plan_body(context)


@register.simple_tag(takes_context=True)
def plan_page(context):
    return page_html.plan_page(context)
