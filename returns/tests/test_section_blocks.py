"""A section page's blocks, written in Python (issue 33), are the HTML its template loop and
table include wrote: they are kept here as the oracle, for every section of every template,
empty, complete and half done, read-only, with typing that fails validation, with a table
as previously returned, and with text that needs escaping."""

from dataclasses import replace
from pathlib import Path

import pytest
from django.template import engines
from django.test import RequestFactory

from returns.cell_html import section_blocks
from returns.definitions import all_templates
from returns.definitions.evaluation import calculate
from returns.forms import SectionForm
from returns.pages import SectionPage
from returns.tests.complete import complete_values, halves

# templates/returns/section.html's loop, as it was before it was written in Python.
LOOP = "{% load cells %}" + (Path(__file__).parent / "section_blocks_loop.html").read_text()
AREA = {"name": "Norfolk & <Waveney>", "ons_code": "E10000020"}


def looped(page) -> str:
    request = RequestFactory().get("/")
    return engines["django"].from_string(LOOP).render({"page": page, "area": AREA}, request)


def pages(definition, answers: dict):
    """Each section's page as the view makes it: editable and read-only, and (editable) as
    posted with every input typed wrong."""
    values = calculate(definition, answers)
    previous = {q.id: answers[q.id] for q in definition.questions if q.is_input and q.id in answers}
    for section in definition.sections:
        for editable in (True, False):
            form = SectionForm(section=section, values=answers, editable=editable, auto_id="%s")
            yield SectionPage(section, form, values, previous, lambda: values)
        typed = {q.id: "not a value <b>" for q in section.inputs}
        form = SectionForm(typed, section=section, values=answers, auto_id="%s")
        form.is_valid()
        yield SectionPage(section, form, values)


@pytest.mark.parametrize("definition", all_templates(), ids=lambda d: d.version)
def test_every_templates_section_blocks_are_the_loops(definition):
    kinds = set()
    for answers in halves(definition):
        for page in pages(definition, answers):
            kinds |= {(b.kind, bool(b.heading), bool(b.previous_rows)) for b in page.blocks}
            assert str(section_blocks(page.blocks, AREA["name"])) == looped(page), page.section.slug
    # Every kind of block was written: tables (before and as previously returned), texts,
    # questions under a heading and without one.
    assert {("table", True, True), ("table", True, False), ("fields", True, False)} <= kinds


def test_text_that_needs_escaping_is_escaped_as_the_loop_escaped_it():
    definition = all_templates()[0]
    answers = complete_values(definition)
    for page in pages(definition, answers):
        odd = []
        for block in page.blocks:
            block = replace(block, heading='Say "why" & <b>how</b>', body="a <i>body</i> & more")
            if block.kind == "table":
                block = replace(
                    block,
                    row_header="Row <th>",
                    columns=("I&E <b>", *block.columns[1:]),
                    previous_heading="Before <b>",
                    previous_rows=(("A & <b>", ("<x>",)),),
                )
            odd.append(block)
        page.blocks = odd
        written = str(section_blocks(page.blocks, AREA["name"]))
        assert written == looped(page)
        assert "<b>" not in written
        assert "&lt;b&gt;how&lt;/b&gt;" in written
