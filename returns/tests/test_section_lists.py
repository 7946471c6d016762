"""A return's lists of sections, written in Python (issue 33): beside a section page, what its
include wrote, and the overview's task list, what its loop wrote. Both are kept here as the
oracles, for every template (each section the current one and none), empty, complete and
half done, and with a title that needs escaping."""

from dataclasses import replace
from pathlib import Path

import pytest
from django.template import engines
from django.test import RequestFactory

from returns.definitions import all_templates
from returns.definitions.evaluation import calculate, checklist
from returns.tests.complete import complete_values

INCLUDE = (Path(__file__).parent / "section_nav_loop.html").read_text()
TAG = "{% load cells %}{% section_nav checklist section area period %}"
AREA, PERIOD = {"ons_code": "E10000020"}, {"code": "fy1516_q3"}


class Named:
    """What the tag reads of an area and a period: attributes, as the models have them."""

    def __init__(self, **values):
        self.__dict__.update(values)


def rendered(source: str, result, section) -> str:
    context = {"checklist": result, "section": section,
               "area": Named(**AREA), "period": Named(**PERIOD)}  # fmt: skip
    return engines["django"].from_string(source).render(context, RequestFactory().get("/"))


def halves(definition) -> list[dict]:
    complete = complete_values(definition)
    half = dict(list(complete.items())[: len(complete) // 2])
    return [{}, complete, half]


@pytest.mark.parametrize("definition", all_templates(), ids=lambda d: d.version)
def test_every_templates_sections_are_the_includes(definition):
    progress = set()
    for values in halves(definition):
        result = checklist(definition, calculate(definition, values))
        progress |= {section.progress for section in result.sections}
        for section in (None, *definition.sections):
            assert rendered(TAG, result, section) == rendered(INCLUDE, result, section)
    assert len(progress) >= 2  # a completed section and one not


def test_a_title_that_needs_escaping_is_escaped_as_the_include_escaped_it():
    definition = all_templates()[0]
    result = checklist(definition, calculate(definition, {}))
    odd = replace(result.sections[1].section, title='I&E "<b>bold</b>"')
    result = replace(result, sections=(replace(result.sections[1], section=odd),
                                       *result.sections[2:]))  # fmt: skip
    for section in (None, odd):
        written = rendered(TAG, result, section)
        assert written == rendered(INCLUDE, result, section)
        assert "<b>" not in written


TASK_LIST = (Path(__file__).parent / "task_list_loop.html").read_text()
TASK_TAG = "{% load cells %}{% task_list checklist area period %}"


@pytest.mark.parametrize("definition", all_templates(), ids=lambda d: d.version)
def test_every_templates_task_list_is_the_overviews_loop(definition):
    for values in halves(definition):
        result = checklist(definition, calculate(definition, values))
        assert rendered(TASK_TAG, result, None) == rendered(TASK_LIST, result, None)


def test_a_task_list_title_that_needs_escaping_is_escaped_as_the_loop_escaped_it():
    definition = all_templates()[0]
    result = checklist(definition, calculate(definition, {}))
    odd = replace(result.sections[1].section, title='I&E "<b>bold</b>"')
    result = replace(result, sections=(replace(result.sections[1], section=odd),
                                       *result.sections[2:]))  # fmt: skip
    written = rendered(TASK_TAG, result, None)
    assert written == rendered(TASK_LIST, result, None)
    assert "<b>" not in written


CHECKLIST = (Path(__file__).parent / "checklist_sections_loop.html").read_text()
CHECKLIST_TAG = "{% load cells %}{% checklist_sections checklist area period %}"


@pytest.mark.parametrize("definition", all_templates(), ids=lambda d: d.version)
def test_every_templates_checklist_tables_are_the_pages_loop(definition):
    for values in halves(definition):
        result = checklist(definition, calculate(definition, values))
        assert rendered(CHECKLIST_TAG, result, None) == rendered(CHECKLIST, result, None)


def test_a_checklist_caption_that_needs_escaping_is_escaped_as_the_loop_escaped_it():
    definition = all_templates()[0]
    result = checklist(definition, calculate(definition, {}))
    odd = replace(result.sections[1].section, title='I&E "<b>bold</b>"')
    result = replace(result, sections=(replace(result.sections[1], section=odd),
                                       *result.sections[2:]))  # fmt: skip
    written = rendered(CHECKLIST_TAG, result, None)
    assert written == rendered(CHECKLIST, result, None)
    assert "<b>" not in written
