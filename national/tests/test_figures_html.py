"""The national figures page's table of every numeric question, written in Python (issue 33),
is the HTML its template loop wrote: the loop is kept here as the oracle, for every
template's questions, with figures and labels that need escaping."""

from dataclasses import replace
from pathlib import Path

import pytest
from django.template import engines

from national.figures_html import every_rows
from returns.definitions import all_templates, is_numeric

LOOP = "{% load words %}" + (Path(__file__).parent / "every_rows_loop.html").read_text()


def looped(every) -> str:
    return engines["django"].from_string(LOOP).render({"every": every})


@pytest.mark.parametrize("definition", all_templates(), ids=lambda d: d.version)
def test_every_templates_rows_are_the_loops(definition):
    every = [
        (question, section, f"£{n * 1000:,}" if n % 3 else "No area answered", n)
        for n, (section, question) in enumerate(
            (s, q) for s in definition.sections for q in s.questions if is_numeric(q)
        )
    ]
    assert len(every) > 20
    assert str(every_rows(every)) == looped(every)


def test_text_that_needs_escaping_is_escaped_as_the_loop_escaped_it():
    definition = all_templates()[0]
    section = definition.sections[4]
    question = replace(next(q for q in section.questions if is_numeric(q)),
                       short_label="I&E <b>x</b> >= 'y'")  # fmt: skip
    every = [(question, section, 'Mean 5 & "6" <7>', 3)]
    written = str(every_rows(every))
    assert written == looped(every)
    assert "<b>" not in written
    assert "&lt;7&gt;" in written
