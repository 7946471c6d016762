"""A strip chart's columns and rows, written in Python (`governance/templatetags/charts.py`):
the numbers exactly as the template engine and `floatformat:1` write them."""

import random

from django.template import Context, Template
from django.template.defaultfilters import floatformat
from django.utils.formats import localize

from governance.charts import strip_chart
from governance.templatetags.charts import number, one_place, strip_columns, strip_rows

EDGES = [0.0, -0.0, 0.05, -0.05, 0.04, -0.04, 2.25, -2.25, 99.95, -99.95, 0.15, 1.45, 12.345,
         1e-4, -1e-4, 100.0, 33.333333333333336, -7.000000000000001]  # fmt: skip


def test_numbers_are_written_as_the_template_engine_writes_them():
    rng = random.Random(33)  # noqa: S311 - test values, not secrets
    values = EDGES + [rng.uniform(-200, 200) for _ in range(5000)]
    values += [round(value, 3) for value in values]
    for value in values:
        assert one_place(value) == floatformat(value, 1), value
        assert number(value) == localize(value), value


def test_the_rows_and_columns_are_the_loops_html():
    loops = Template(
        "{% for label, value, y, height, picked in chart.bars %}"
        '<rect class="portal-chart__bar {% if picked %}portal-chart__bar--picked{% else %}'
        'portal-chart__bar--0{% endif %}" x="{{ forloop.counter0 }}.1" y="{{ y }}" width="0.8"'
        ' height="{{ height }}"></rect>{% endfor %}|{% for label, value, y, height, picked in '
        'chart.bars %}\n        <tr class="govuk-table__row"><th scope="row" '
        'class="govuk-table__header">{% if picked %}<strong>{{ label }}</strong>{% else %}'
        '{{ label }}{% endif %}</th><td class="govuk-table__cell govuk-table__cell--numeric">'
        "{{ value|floatformat:1 }}%</td></tr>\n        {% endfor %}"
    )
    rng = random.Random(152)  # noqa: S311 - test values, not secrets
    values = [(f"Area <{n}> & co", rng.uniform(-40, 40)) for n in range(152)] + [("Mine", 2.25)]
    chart = strip_chart(id="spread", title="Spread", summary="", values=values,
                        shown=str, highlight="Mine")  # fmt: skip
    assert f"{strip_columns(chart)}|{strip_rows(chart)}" == loops.render(Context({"chart": chart}))
    assert "Area &lt;0&gt; &amp; co" in strip_rows(chart)
    assert "<strong>Mine</strong>" in strip_rows(chart)
