"""{% frame_head %}, {% frame_top %}, {% frame_messages %}, {% frame_foot %}: every page's
frame (`governance.frame_html`), each escaped there."""

from django import template
from django.utils.safestring import mark_safe

from governance import frame_html

register = template.Library()


@register.simple_tag
def frame_head():
    return mark_safe(frame_html.head())  # noqa: S308 - every value escaped


@register.simple_tag(takes_context=True)
def frame_top(context):
    return mark_safe(frame_html.top(context))  # noqa: S308 - every value escaped


@register.simple_tag(takes_context=True)
def frame_messages(context):
    return mark_safe(frame_html.messages(context))  # noqa: S308 - every value escaped


@register.simple_tag(takes_context=True)
def frame_foot(context):
    return mark_safe(frame_html.foot(context))  # noqa: S308 - every value escaped
