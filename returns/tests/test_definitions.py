"""Every template definition is consistent with itself and with the spec's counts."""

import re

import pytest

from returns.definitions import Kind, all_templates, template
from returns.definitions.structure import Fields, Table

TEMPLATES = [pytest.param(t, id=t.version) for t in all_templates()]
ADDRESS = re.compile(r"^[A-Z]{1,3}[1-9]\d*$")


@pytest.mark.parametrize("definition", TEMPLATES)
def test_ids_are_unique_and_snake_case(definition):
    ids = [q.id for q in definition.questions]
    assert len(ids) == len(set(ids)), {i for i in ids if ids.count(i) > 1}
    assert all(re.fullmatch(r"[a-z][a-z0-9_]*", i) for i in ids)
    keys = [c.key for c in definition.checks]
    assert len(keys) == len(set(keys))


@pytest.mark.parametrize("definition", TEMPLATES)
def test_every_rule_and_calculation_refers_to_questions_that_exist(definition):
    for question in definition.questions:
        assert question.refs() <= {q.id for q in definition.questions}, question.id
    for check in definition.checks:
        unknown = {ref for ref in check.refs() if not definition.has(ref)}
        assert not unknown, (check.key, unknown)
        assert definition.question(check.target).kind is not Kind.CALC


@pytest.mark.parametrize("definition", TEMPLATES)
def test_each_kind_has_what_it_needs(definition):
    for question in definition.questions:
        if question.kind is Kind.CALC:
            assert question.calc is not None, question.id
            assert question.source is None, question.id
        else:
            assert question.calc is None, question.id
        if question.kind is Kind.PREPOP:
            assert question.source is not None, f"{question.id}: where does it come from?"
        if question.type.widget == "select":
            assert question.type.choices, question.id
    assert definition.calc_order  # and no calculation refers to itself, through others


@pytest.mark.parametrize("definition", TEMPLATES)
def test_cell_addresses_are_unique_on_each_tab(definition):
    assert len(definition.tabs) == len(set(definition.tabs))
    assert all(len(tab) <= 31 for tab in definition.tabs)  # Excel's limit
    for section in definition.sections:
        assert section.title in definition.tabs
        cells = [q.cell for q in section.questions]
        assert all(ADDRESS.match(c) for c in cells), section.title
        assert len(cells) == len(set(cells)), {c for c in cells if cells.count(c) > 1}
        headings = [address for address, _ in section.sheet_text]
        assert all(ADDRESS.match(c) for c in headings), section.title
        assert len(headings) == len(set(headings)), section.title
        assert not set(headings) & set(cells), f"{section.title}: a heading on a question's cell"


@pytest.mark.parametrize("definition", TEMPLATES)
def test_every_question_is_on_its_section_page_once(definition):
    for section in definition.sections:
        shown = [i for block in section.blocks for i in block.question_ids()]
        assert sorted(shown) == sorted(q.id for q in section.questions), section.title
        assert all(isinstance(b, Fields | Table) or not b.question_ids() for b in section.blocks)


def test_q3_2015_16_has_the_spec_number_of_questions_per_section():
    q3 = template("bcf-q3-2015-16")
    assert [len(s.checks) for s in q3.sections] == [5, 1, 24, 5, 17, 9, 13, 67, 1]
    assert len(q3.checks) == 142
    assert [s.title for s in q3.sections] == list(q3.tabs[2:-1])
    assert q3.tabs[:2] == ("Guidance", "Checklist")
    assert q3.tabs[-1] == "Lists"


def test_q3_2015_16_puts_the_four_named_cells_where_nhs_england_says():
    q3 = template("bcf-q3-2015-16")
    named = {
        "nea_actual_fy1516_q3": "O8",
        "p4p_actual_payment_fy1516_q3": "F19",
        "p4p_unreleased_use_fy1516_q3": "F34",
        "p4p_suggested_payment_fy1516_q3": "AR8",
    }
    for id_, address in named.items():
        assert q3.question(id_).cell == address
        assert q3.section_of(id_).title == "4. Non-Elective and P4P"


def test_q3_2015_16_covers_every_id_of_norfolks_return():
    from .norfolk import norfolk_file

    q3 = template("bcf-q3-2015-16")
    answers = norfolk_file()["answers"]
    assert not set(answers) - {q.id for q in q3.questions}
    assert all(q3.question(i).kind is not Kind.CALC for i in answers)


def test_an_unknown_template_is_a_plain_error():
    from returns.definitions import UnknownTemplate

    with pytest.raises(UnknownTemplate, match="no template definition called ‘bcf-q9’"):
        template("bcf-q9")
