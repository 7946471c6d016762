"""Every template definition is consistent with itself and with the spec's counts."""

import pytest

from returns.definitions import Kind, all_templates, template
from returns.definitions.structure import Fields, Table
from returns.definitions.validation import problems

TEMPLATES = [pytest.param(t, id=t.version) for t in all_templates()]
BY_VERSION = {t.version: t for t in all_templates()}


@pytest.mark.parametrize("definition", TEMPLATES)
def test_every_definition_passes_the_validator(definition):
    assert problems(definition, BY_VERSION) == []


def test_each_checklist_counts_what_its_spec_table_counts():
    assert {t.version: len(t.checks) for t in all_templates()} == {
        "bcf-q3-2015-16": 142,
        "bcf-q4-2015-16": 141,  # the provisional NEA actual left out
        "bcf-q1-2016-17": 136,
        "bcf-q2-2016-17": 138,
        "bcf-q3-2016-17": 140,
        "bcf-q4-2016-17": 153,
    }
    q4 = template("bcf-q4-2015-16")
    assert [len(s.checks) for s in q4.sections] == [5, 1, 24, 19, 13, 67, 11, 1]
    assert [len(s.checks) for s in template("bcf-q1-2016-17").sections] == [5, 1, 36, 13, 13,
                                                                             67, 1]  # fmt: skip


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
