"""The checklist page's rows, written in Python (issue 33), are the HTML its template loop
wrote: that loop is kept here as the oracle, for every template's checklist, empty, complete
and half done, with text that needs escaping."""

from dataclasses import replace
from pathlib import Path

import pytest
from django.template import engines

from returns.cell_html import checklist_rows
from returns.definitions import all_templates
from returns.definitions.evaluation import calculate, checklist
from returns.tests.complete import halves

# templates/returns/checklist.html's loop, as it was before it was written in Python.
LOOP = "{% load cells %}" + (Path(__file__).parent / "checklist_rows_loop.html").read_text()
AREA, PERIOD = {"ons_code": "E10000020"}, {"code": "fy1516_q3"}


def looped(result) -> str:
    context = {"result": result, "area": AREA, "period": PERIOD}
    return engines["django"].from_string(LOOP).render(context)


@pytest.mark.parametrize("definition", all_templates(), ids=lambda d: d.version)
def test_every_templates_checklist_rows_are_the_loops(definition):
    for values in halves(definition):
        for result in checklist(definition, calculate(definition, values)).sections:
            url = f"/areas/E10000020/returns/fy1516_q3/sections/{result.section.slug}/"
            assert str(checklist_rows(result, url)) == looped(result), result.section.slug


def test_text_that_needs_escaping_is_escaped_as_the_loop_escaped_it():
    definition = all_templates()[0]
    result = checklist(definition, calculate(definition, {})).sections[1]
    odd = replace(result.results[0], message='Say "why" & <b>how</b>', passed=False)
    odd = replace(odd, check=replace(odd.check, label="I&E <b>bold</b> >= 5", target="a&b"))
    result = replace(result, results=(odd, *result.results[1:]))
    url = f"/areas/E10000020/returns/fy1516_q3/sections/{result.section.slug}/"
    written = str(checklist_rows(result, url))
    assert written == looped(result)
    assert "&lt;b&gt;how&lt;/b&gt;" in written
    assert "<b>" not in written
