"""Template filters for money, loaded in every template (see TEMPLATES builtins)."""

from django import template

from governance.money import format_pounds

register = template.Library()


@register.filter
def pounds(amount, empty=""):
    """{{ contribution.amount|pounds }} -> £1,234,567; {{ x|pounds:"Not set" }} for None."""
    return format_pounds(amount, empty=empty)


@register.filter
def abs_pounds(amount):
    """The size of an amount, without its sign: {{ -1000|abs_pounds }} -> £1,000."""
    return format_pounds(None if amount is None else abs(amount))
