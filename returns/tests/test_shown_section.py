"""A section's answers to read (what a sign-off member reviews and a signed-off version
shows), written in Python (issue 33), are the HTML its template include wrote: the include is
kept here as the oracle, for every section of every template, empty, complete and half done,
and with text that needs escaping."""

from dataclasses import replace
from pathlib import Path

import pytest
from django.template import engines
from django.test import RequestFactory

from returns.cell_html import shown_section
from returns.definitions import all_templates
from returns.definitions.evaluation import calculate
from returns.shown import shown_sections
from returns.tests.complete import complete_values, halves

# returns/includes/shown_section.html, as it was before it was written in Python.
INCLUDE = (Path(__file__).parent / "shown_section_loop.html").read_text()
ODD = "I&E \"<b>bold</b>\" 'quoted'"


def included(shown) -> str:
    template = engines["django"].from_string(INCLUDE)
    return template.render({"shown": shown}, RequestFactory().get("/"))


@pytest.mark.parametrize("definition", all_templates(), ids=lambda d: d.version)
def test_every_sections_answers_are_what_the_include_wrote(definition):
    written_all = []
    for answers in halves(definition):
        for shown in shown_sections(definition, calculate(definition, answers)):
            written = shown_section(shown)
            assert written == included(shown), shown.section.slug
            written_all.append(written)
    everything = "".join(written_all)
    for part in ("portal-shown-table", "govuk-summary-list__row", "Not answered"):
        assert part in everything


def test_an_answer_that_does_not_apply_is_said_so_in_its_table():
    found = False
    for definition in all_templates():
        for shown in shown_sections(definition, calculate(definition, {})):
            written = shown_section(shown)
            assert written == included(shown)
            found = found or "Does not apply" in written
    assert found


def test_text_that_needs_escaping_is_escaped_as_the_include_escaped_it():
    definition = all_templates()[0]
    values = calculate(definition, complete_values(definition))
    odd_section = None
    for shown in shown_sections(definition, values):
        blocks = []
        for block in shown.blocks:
            if block.kind == "table":
                _, cells = block.rows[0]
                cell = next(c for c in cells if c is not None)
                cells = tuple(replace(cell, shown=ODD) if c is cell else c for c in cells)
                rows = ((ODD, cells), *block.rows[1:])
                blocks.append(replace(block, heading=ODD, row_header=ODD,
                                      columns=(ODD, *block.columns[1:]), rows=rows))  # fmt: skip
            else:
                question, _ = block.rows[0]
                blocks.append(replace(block, heading=ODD, rows=((question, ODD), *block.rows[1:])))
        odd_section = replace(shown, blocks=tuple(blocks))
        written = shown_section(odd_section)
        assert written == included(odd_section)
        assert "<b>" not in written
    assert odd_section is not None
