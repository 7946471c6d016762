"""The year of templates: Q4 2015/16 and the 2016/17 quarters beside Q3 2015/16, as their
spec pages describe them: what they share, how sure the spec is of each question, what
carries from one return to the next, and the validator that holds each to its spec."""

from dataclasses import replace

import pytest
from django.core.management import call_command
from django.core.management.base import SystemCheckError

from returns.definitions import all_templates, found_in, register, template, unregister
from returns.definitions.carry import CarryForward
from returns.definitions.provenance import Mark
from returns.definitions.structure import FigureChart, Question
from returns.definitions.validation import problems
from returns.definitions.values import TEXT

Q3, Q4 = template("bcf-q3-2015-16"), template("bcf-q4-2015-16")
Q1_1617, Q2_1617, Q4_1617 = (template(f"bcf-q{n}-2016-17") for n in (1, 2, 4))
BY_VERSION = {t.version: t for t in all_templates()}


def ids(definition) -> set[str]:
    return {q.id for q in definition.questions}


def test_p4p_and_support_needs_belong_to_q3_2015_16_only():
    for definition in all_templates():
        asked = {i for i in ids(definition) if i.startswith(("p4p_", "nea_", "support_"))}
        assert bool(asked) == (definition is Q3), definition.version


def test_a_section_the_spec_calls_unchanged_is_shared_not_copied():
    additional = Q4.section("additional-measures")
    assert additional.title == "6. Additional Measures"
    assert additional.questions == Q3.section("new-integration-metrics").questions
    assert all(
        a is b
        for a, b in zip(
            additional.questions, Q3.section("new-integration-metrics").questions, strict=True
        )
    )  # the very same questions
    assert Q1_1617.section("cover").questions == Q3.section("cover").questions
    feedback = [t.section("year-end-feedback") for t in (Q4, Q4_1617)]
    assert [q.id for q in feedback[0].questions] == [q.id for q in feedback[1].questions]
    assert feedback[1].questions[2].label == feedback[0].questions[2].label.replace(
        "2015/16", "2016/17"
    )  # built once, for its year


def test_the_year_changes_what_each_2016_17_quarter_asks():
    assert "nc3_status" in ids(Q4)
    assert "nc3_status" not in ids(Q1_1617)
    assert {"nc3a_status", "nc3b_status", "nc4d_status", "nc7_status", "nc8_status"} <= ids(Q1_1617)
    assert not {i for i in ids(Q1_1617) if "_fy1617_q" in i}  # nothing to play back at Q1
    assert {i for i in ids(Q2_1617) if i.startswith("nc1_fy")} == {"nc1_fy1617_q1"}
    assert "ie_income_actual_q2" in ids(Q2_1617)
    assert "ie_income_actual_q3" not in ids(Q2_1617)
    assert {"ie_income_actual_q4", "ie_income_actual_total"} <= ids(Q4_1617)
    assert "yef_statement_1" in ids(Q4_1617)
    assert "yef_statement_1" not in ids(Q2_1617)
    assert Q4_1617.tabs[-2:] == ("8. Narrative", "Lists")
    assert Q2_1617.tabs[-2:] == ("7. Narrative", "Lists")


def test_each_definition_carries_the_marks_of_its_spec():
    assert not Q3.reconstructed  # written from the seed, every question seen
    assert Q4.mark("cover_email") is Mark.V_Q3
    assert Q4.mark("budget_s75_previous") is Mark.I_H
    assert Q4.mark("nc1_fy1516_q3") is Mark.I_M
    assert Q4.mark("nc1_status") is Mark.V_Q3
    assert Q4.mark("ie_income_actual_q3") is Mark.V_Q3
    assert Q4.mark("ie_income_actual_q4") is Mark.I_H
    assert Q4.mark("ie_income_forecast_q2") is Mark.I_M
    assert Q4.mark("metric_dtoc_progress") is Mark.I_M
    assert Q4.mark("metric_residential_progress") is Mark.V_Q3
    assert Q4.mark("nim_dicr_pilot") is Mark.I_M
    assert Q4.mark("yef_statement_1") is Mark.I_L
    assert Q1_1617.mark("nc1_status") is Mark.I_H  # wording seen in a secondary source
    assert Q1_1617.mark("nc3b_status") is Mark.I_M  # a part the spec reconstructs
    assert Q4.mark("yef_success_1").provisional
    assert not Q4.mark("ie_income_actual_q4").provisional
    # Q3's own section 8 stays verified where Q4 shares its questions.
    assert Q3.mark("nim_dicr_pilot") is Mark.V


def test_changing_a_mark_changes_no_id():
    section = Q4.section("additional-measures")
    verified = replace(Q4, sections=tuple(
        replace(s, mark=Mark.V) if s is section else s for s in Q4.sections))  # fmt: skip
    assert [q.id for q in verified.questions] == [q.id for q in Q4.questions]
    assert verified.mark("nim_dicr_pilot") is Mark.V
    assert len(verified.reconstructed) == len(Q4.reconstructed) - len(section.questions)


def test_the_mapping_says_what_becomes_of_every_id_of_the_template_before():
    new = ids(Q4)
    assert Q4.carry.after == "bcf-q3-2015-16"
    for id_ in ("ie_income_actual_q1", "ie_expenditure_actual_q3", "ie_income_forecast_q4",
                "nc1_status", "metric_local_desc", "nim_phb_start"):  # fmt: skip
        assert Q4.carry.fate(id_, new) == "same", id_
    for id_ in ("p4p_total_fund", "p4p_actual_payment_fy1516_q3", "nea_actual_fy1516_q3",
                "nea_data_source", "support_t1_interested", "nc1_fy1415_q4"):  # fmt: skip
        assert Q4.carry.fate(id_, new) == "retired", id_
    assert Q1_1617.carry.after == "bcf-q4-2015-16"
    assert dict(Q1_1617.carry.split)["nc3_status"] == ("nc3a_status", "nc3b_status")
    assert Q1_1617.carry.fate("nc3_comment", ids(Q1_1617)) == "split"
    assert Q1_1617.carry.fate("yef_statement_3", ids(Q1_1617)) == "retired"
    # A split question is asked afresh: nothing of it lands on its parts.
    assert Q1_1617.carry.carried({"nc3_status": "Yes", "nc1_status": "No"}, ids(Q1_1617)) == {
        "nc1_status": "No"
    }


def test_a_renamed_question_carries_its_answer_under_its_new_id():
    carry = CarryForward(after="x", renamed=(("old_id", "new_id"),), retired=("gone_*",))
    assert carry.carried({"old_id": 1, "gone_a": 2, "kept": 3, "dropped": 4},
                         {"new_id", "kept"}) == {"new_id": 1, "kept": 3}  # fmt: skip


@pytest.mark.parametrize(
    ("broken", "message"),
    [
        pytest.param(lambda d: _with_question(d, replace(d.questions[1], cell="C5")),
                     "two things are on cell C5", id="a cell twice"),
        pytest.param(lambda d: _with_question(d, replace(d.questions[1], id="cover_hwb")),
                     "‘cover_hwb’ is used more than once", id="an id twice"),
        pytest.param(lambda d: replace(d, charts=(FigureChart("c", "C", ("Q1",),
                                                              (("S", ("narrative",)),)),)),
                     "‘narrative’, which is not a number", id="a chart of words"),
        pytest.param(lambda d: replace(d, charts=(FigureChart("c", "C", ("Q1",),
                                                              (("S", ("nowhere",)),)),)),
                     "‘nowhere’, which is not a question", id="a chart of nothing"),
        pytest.param(lambda d: replace(d, spec_checks=140),
                     "141 checklist questions, where its spec (q4-2015-16.md) counts 140",
                     id="a checklist off its spec"),
        pytest.param(lambda d: replace(d, carry=replace(d.carry, retired=("p4p_*",))),
                     "‘nea_data_source’ of bcf-q3-2015-16 is neither here nor listed",
                     id="an id the mapping forgets"),
        pytest.param(lambda d: replace(d, carry=replace(
            d.carry, renamed=(("cover_email", "ie_income_actual_q4"),))),
                     "carries ‘cover_email’ to ‘ie_income_actual_q4’, which cannot hold",
                     id="text mapped into money"),
        pytest.param(lambda d: replace(d, carry=replace(d.carry, after="bcf-q9")),
                     "‘bcf-q9’, which is not a definition", id="a mapping from nowhere"),
    ],
)  # fmt: skip
def test_the_validator_names_each_kind_of_slip(broken, message):
    found = problems(broken(Q4), BY_VERSION)
    assert any(message in problem for problem in found), found


def _with_question(definition, question: Question):
    cover = definition.sections[0]
    changed = replace(cover, items=(*cover.items[:1], question, *cover.items[2:]))
    return replace(definition, sections=(changed, *definition.sections[1:]))


def test_a_checklist_entry_that_links_to_a_calculated_cell_is_refused():
    section = Q4.section("income-and-expenditure")
    commentary = next(q for q in section.items if getattr(q, "id", "") == "ie_commentary")
    check = replace(commentary.check(), key="sum", target="ie_income_plan_total")
    changed = replace(section, items=(*section.items, check))
    broken = replace(Q4, sections=tuple(changed if s is section else s for s in Q4.sections))
    assert any("links to a calculated cell" in p for p in problems(broken, BY_VERSION))


def test_manage_py_check_runs_the_validator(db):
    call_command("check")  # every real definition passes
    broken = replace(Q4, version="bcf-broken", spec_checks=1)
    register(broken)
    try:
        with pytest.raises(SystemCheckError, match="141 checklist questions"):
            call_command("check")
    finally:
        unregister("bcf-broken")


TINY = """
from returns.definitions.structure import Fields, Question, Section, Template, Kind
from returns.definitions.values import TEXT

TEMPLATE = Template(
    version="test-tiny",
    name="A tiny test template",
    period="fy1718_q1",
    sections=(Section(1, "1. Only", "only", items=(
        Question("only_answer", Kind.INPUT, TEXT, "The only question", "C5", required=True),
    ), blocks=(Fields(("only_answer",)),)),),
    tabs=("Guidance", "Checklist", "1. Only", "Lists"),
    spec_checks=1,
)
"""


def test_a_definition_is_found_by_discovery_with_no_list_to_edit(tmp_path, monkeypatch):
    """A package beside the definitions with a TEMPLATE is a definition: nothing else."""
    package = tmp_path / "tiny_test"
    package.mkdir()
    (package / "__init__.py").write_text(TINY)
    import returns.definitions as definitions

    monkeypatch.setattr(definitions, "__path__", [*definitions.__path__, str(tmp_path)])
    found = {d.version: d for d in found_in(definitions.__name__, definitions.__path__)}
    assert set(BY_VERSION) < set(found)
    tiny = found["test-tiny"]
    register(tiny)
    try:
        assert template("test-tiny") is tiny
        assert problems(tiny, {d.version: d for d in all_templates()}) == []
        from returns.definitions.evaluation import checklist

        assert checklist(tiny, {"only_answer": "Yes"}).complete
        assert not checklist(tiny, {}).complete
        assert TEXT.clean(" x ") == "x"
    finally:
        unregister("test-tiny")
    assert "test-tiny" not in {d.version for d in all_templates()}


@pytest.mark.django_db
def test_norfolks_q4_return_is_pre_filled_from_its_q3_return_and_nothing_else(demo):
    """Q3 -> Q4 2015/16: the I&E forecasts and the actuals of Q1-Q3 carry, Q3's condition
    answers play back as Q3's, and Q1-Q2 (no return held) stay blank."""
    from returns.models import QuarterlyReturn
    from returns.selectors import return_answers
    from returns.tests.norfolk import norfolk_file

    q3 = norfolk_file()["answers"]
    q4_return = QuarterlyReturn.objects.get(
        hwb_area__ons_code="E10000020", period__quarter=4, period__financial_year__start_year=2015
    )
    answers = return_answers(quarterly_return=q4_return)
    assert q4_return.template_version == "bcf-q4-2015-16"
    carried = [f"ie_{f}_{line}_{q}" for f in ("income", "expenditure")
               for line, quarters in (("forecast", "1234"), ("actual", "123")) for q in (
                   f"q{n}" for n in quarters)]  # fmt: skip
    assert {id_: answers.get(id_) for id_ in carried} == {id_: q3[id_] for id_ in carried}
    assert q4_return.prefilled == {id_: str(q3[id_]) for id_ in carried}  # "previously returned"
    assert "ie_income_actual_q4" not in answers  # this quarter's: the officer's to give
    assert answers["nc3_fy1516_q3"] == q3["nc3_status"] == "No - In Progress"
    assert "nc1_fy1516_q1" not in answers  # no Q1 return held: blank, though Q3 played it back
    assert answers["budget_s75_previous"] == "Yes"
    assert answers["metric_local_desc"] == q3["metric_local_desc"]
    assert "nc1_status" not in answers  # asked afresh each quarter
    assert "nim_phb_start" not in answers
    assert not {i for i in answers if i.startswith(("p4p_", "nea_", "support_"))}


@pytest.mark.django_db
def test_the_first_return_of_2016_17_plays_back_nothing_of_2015_16(demo):
    """Q4 2015/16 -> Q1 2016/17: the plan of 2016/17 fills what it can; nothing of the old
    year carries, nc3 is split and asked afresh."""
    from governance.models import HwbArea
    from returns.selectors import period_by_code, return_answers
    from returns.services import answers_save, return_create

    norfolk = HwbArea.objects.get(ons_code="E10000020")
    q4_return = norfolk.returns.get(period=period_by_code("fy1516_q4"))
    answers_save(quarterly_return=q4_return, values={"nc3_status": "Yes", "ie_income_actual_q4": 5},
                 user=None, source="form")  # fmt: skip
    plan = norfolk.plans.get(financial_year__start_year=2016)
    statuses = {"nc1": "Yes", "nc3": "No - In Progress"}  # Norfolk's papers give none
    for statement in plan.condition_statements.filter(condition__key__in=statuses):
        statement.status = statuses[statement.condition.key]
        statement.save()
    q1_return = return_create(hwb_area=norfolk, period=period_by_code("fy1617_q1"))
    q1 = return_answers(quarterly_return=q1_return)
    assert q1["ie_income_pooled_fund"] == 63_573_469  # the 2016/17 plan's
    assert not {i for i in q1 if i.startswith(("ie_income_forecast", "ie_income_actual"))}
    assert q1["nc1_status"] == "Yes"  # the plan's statement of condition 1
    # Condition 3's parts start from the plan's condition 3, not from Q4 2015/16's answer.
    assert q1["nc3a_status"] == q1["nc3b_status"] == "No - In Progress"
    assert "nc2_status" not in q1  # the plan gives no status: left for the officer
