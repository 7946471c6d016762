"""A return's lists of sections, written in Python (issue 33): beside a section page (what
its include wrote), the overview's task list and the checklist page's tables (what their
loops wrote). The include and the loops are kept here as the oracles, for every template
(each section the current one and none), empty, complete and half done, and with a title
that needs escaping."""

from dataclasses import replace
from pathlib import Path

import pytest
from django.template import engines
from django.test import RequestFactory

from returns.definitions import all_templates
from returns.definitions.evaluation import calculate, checklist
from returns.tests.complete import halves

# Each list: its tag, and the template it stands for (kept beside this file).
LISTS = {
    "beside a section": ("{% section_nav checklist section area period %}",
                         "section_nav_loop.html"),
    "the overview's task list": ("{% task_list checklist area period %}", "task_list_loop.html"),
    "the checklist's tables": ("{% checklist_sections checklist area period %}",
                               "checklist_sections_loop.html"),
}  # fmt: skip
AREA, PERIOD = {"ons_code": "E10000020"}, {"code": "fy1516_q3"}


class Named:
    """What the tag reads of an area and a period: attributes, as the models have them."""

    def __init__(self, **values):
        self.__dict__.update(values)


def rendered(source: str, result, section) -> str:
    context = {"checklist": result, "section": section,
               "area": Named(**AREA), "period": Named(**PERIOD)}  # fmt: skip
    return engines["django"].from_string(source).render(context, RequestFactory().get("/"))


def written_and_oracle(name: str, result, section) -> tuple[str, str]:
    tag, oracle = LISTS[name]
    loop = (Path(__file__).parent / oracle).read_text()
    return rendered("{% load cells %}" + tag, result, section), rendered(loop, result, section)


@pytest.mark.parametrize("name", LISTS)
@pytest.mark.parametrize("definition", all_templates(), ids=lambda d: d.version)
def test_every_templates_list_is_what_its_template_wrote(definition, name):
    progress = set()
    for values in halves(definition):
        result = checklist(definition, calculate(definition, values))
        progress |= {section.progress for section in result.sections}
        for section in (None, *definition.sections):
            written, oracle = written_and_oracle(name, result, section)
            assert written == oracle
    assert len(progress) >= 2  # a completed section and one not


@pytest.mark.parametrize("name", LISTS)
def test_a_title_that_needs_escaping_is_escaped_as_the_template_escaped_it(name):
    definition = all_templates()[0]
    result = checklist(definition, calculate(definition, {}))
    odd = replace(result.sections[1].section, title='I&E "<b>bold</b>"')
    result = replace(result, sections=(replace(result.sections[1], section=odd),
                                       *result.sections[2:]))  # fmt: skip
    for section in (None, odd):
        written, oracle = written_and_oracle(name, result, section)
        assert written == oracle
        assert "<b>" not in written
