"""{% metric_rows form.rows plan.financial_year %}: the metric targets page's fieldsets
(metrics.part_html)."""

from django import template

from metrics.part_html import metric_rows as _metric_rows

register = template.Library()


@register.simple_tag
def metric_rows(rows, year):
    return _metric_rows(rows, year)
