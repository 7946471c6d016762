"""{% field_group field pounds=True hide_label=True %}: a field in its GOV.UK form group
(governance.field_html), loaded in every template (see TEMPLATES builtins)."""

from django import template

from governance.field_html import field_group as _field_group

register = template.Library()


@register.simple_tag
def field_group(field, pounds=False, hide_label=False):
    return _field_group(field, pounds=pounds, hide_label=hide_label)
