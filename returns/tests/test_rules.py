"""Each checklist rule of q3-2015-16.md, passing and failing, starting from Norfolk's return."""

import pytest

from returns.definitions.evaluation import checklist, is_applicable
from returns.definitions.q3_2015_16.text import CUMULATIVE_PAYMENTS_MESSAGE

from .norfolk import Q3, norfolk_values


def result(values, key):
    return next(r for s in checklist(Q3, values).sections for r in s.results if r.check.key == key)


@pytest.mark.parametrize(
    ("changes", "key", "passes"),
    [
        pytest.param({}, "cover_email", True, id="required: given"),
        pytest.param({"cover_email": None}, "cover_email", False, id="required: blank"),
        pytest.param({"narrative": None}, "narrative", False, id="narrative required"),
        # s.75: pooled before, or confirmed now, or a date when not.
        pytest.param({}, "budget_s75", True, id="s75 pooled before"),
        pytest.param({"budget_s75_previous": "No"}, "budget_s75", False, id="s75 not confirmed"),
        pytest.param({"budget_s75_previous": "No", "budget_s75_confirm": "Yes"}, "budget_s75",
                     True, id="s75 confirmed now"),
        pytest.param({"budget_s75_previous": "No", "budget_s75_confirm": "No"}, "budget_s75",
                     False, id="s75 No without a date"),
        pytest.param({"budget_s75_previous": "No", "budget_s75_confirm": "No",
                      "budget_s75_date": "31/03/2016"}, "budget_s75", True,
                     id="s75 No with a date"),
        # National conditions: date and comment only when not Yes.
        pytest.param({}, "nc1_date", True, id="nc1 Yes needs no date"),
        pytest.param({"nc1_status": "No"}, "nc1_date", False, id="nc1 No without date"),
        pytest.param({"nc3_date": None}, "nc3_date", False, id="nc3 No-In-Progress without date"),
        pytest.param({"nc3_comment": None}, "nc3_comment", False,
                     id="nc3 No-In-Progress without comment"),
        pytest.param({"nc3_status": "Yes", "nc3_comment": None}, "nc3_comment", True,
                     id="nc3 Yes needs no comment"),
        pytest.param({"nc2_status": None}, "nc2_status", False, id="nc status required"),
        # P4P.
        pytest.param({"nea_actual_fy1516_q3": None}, "nea_actual_fy1516_q3", False,
                     id="actual Q3 NEAs required"),
        pytest.param({"p4p_actual_payment_fy1516_q3": 1}, "p4p_cumulative_payments", False,
                     id="cumulative payments exceed suggested"),
        pytest.param({}, "p4p_cumulative_payments", True, id="cumulative payments within"),
        pytest.param({"p4p_actual_payment_fy1516_q3": 1}, "p4p_payment_comment", False,
                     id="payment differs without comment"),
        pytest.param({"p4p_actual_payment_fy1516_q3": 1, "p4p_payment_comment": "Agreed"},
                     "p4p_payment_comment", True, id="payment differs with comment"),
        pytest.param({"p4p_unreleased_use_fy1516_q3": None}, "p4p_unreleased_use_fy1516_q3",
                     False, id="unreleased funds without a use"),
        # I&E: Norfolk's plan total (£62,460,800) differs from its pooled fund (£62,461,000).
        pytest.param({"ie_income_difference_comment": None}, "ie_income_difference_comment",
                     False, id="income total differs without comment"),
        pytest.param({"ie_income_difference_comment": None, "ie_income_pooled_fund": 62_460_800,
                      "ie_income_forecast_q4": 15_820_950}, "ie_income_difference_comment",
                     True, id="income totals equal the pooled fund: no comment needed"),
        pytest.param({"ie_expenditure_actual_q1": None}, "ie_expenditure_actual_q1", False,
                     id="expenditure actual required"),
        # Metrics: "specify" only when the plan has no patient-experience metric.
        pytest.param({}, "metric_patient_specify", True, id="patient metric already defined"),
        pytest.param({"metric_patient_desc": None}, "metric_patient_specify", False,
                     id="no patient metric and none specified"),
        pytest.param({"metric_patient_desc": None, "metric_patient_specify": "Survey"},
                     "metric_patient_specify", True, id="no patient metric, one specified"),
        # Support: a medium only when interested.
        pytest.param({"support_t1_medium": None}, "support_t1_medium", False,
                     id="interested without medium"),
        pytest.param({"support_t1_interested": "No", "support_t1_medium": None},
                     "support_t1_medium", True, id="not interested needs no medium"),
        # Integration metrics: PHB figures.
        pytest.param({"nim_phb_new": None}, "nim_phb_new", False, id="PHB figure required"),
        pytest.param({"nim_phb_new": 0}, "nim_phb_new", True, id="PHB figure zero is given"),
        pytest.param({"nim_sharing_gp_to_hospital": None}, "nim_sharing_gp_to_hospital", False,
                     id="sharing matrix cell required"),
    ],
)  # fmt: skip
def test_checklist_rule(changes, key, passes):
    assert result(norfolk_values(**changes), key).passed is passes


def test_the_cumulative_payments_rule_says_what_nhs_england_says():
    failing = result(norfolk_values(p4p_actual_payment_fy1516_q3=1), "p4p_cumulative_payments")
    assert failing.message == CUMULATIVE_PAYMENTS_MESSAGE
    assert "This is not permitted" in failing.message


def test_norfolks_return_is_all_yes_in_every_section():
    result = checklist(Q3, norfolk_values())
    assert result.complete
    assert [(s.answered, s.total) for s in result.sections] == [
        (5, 5), (1, 1), (24, 24), (5, 5), (17, 17), (9, 9), (13, 13), (67, 67), (1, 1)
    ]  # fmt: skip


def test_an_empty_return_fails_every_required_question():
    result = checklist(Q3, {})
    # Nothing entered: the conditional questions pass (not needed), the rest fail.
    passing = {r.check.key for s in result.sections for r in s.results if r.passed}
    assert "budget_s75" not in passing
    assert "nc1_date" in passing
    assert "p4p_payment_comment" in passing
    assert "cover_email" not in passing
    assert not result.complete


@pytest.mark.parametrize(
    ("id_", "changes", "asked"),
    [
        pytest.param("nc1_date", {}, False, id="nc1 Yes: date not asked"),
        pytest.param("nc3_date", {}, True, id="nc3 In Progress: date asked"),
        pytest.param("budget_s75_confirm", {}, False, id="pooled before: confirm not asked"),
        pytest.param("budget_s75_confirm", {"budget_s75_previous": "No"}, True,
                     id="not pooled before: confirm asked"),
        pytest.param("budget_s75_confirm", {"budget_s75_previous": None}, True,
                     id="nothing played back: confirm asked"),
        pytest.param("budget_s75_date", {"budget_s75_previous": "No", "budget_s75_confirm": "No"},
                     True, id="not pooled: date asked"),
        pytest.param("support_t1_medium", {"support_t1_interested": "No"}, False,
                     id="not interested: medium not asked"),
        pytest.param("metric_patient_specify", {}, False, id="metric defined: specify not asked"),
    ],
)  # fmt: skip
def test_conditional_questions_are_asked_only_when_they_apply(id_, changes, asked):
    assert is_applicable(Q3.question(id_), norfolk_values(**changes)) is asked


@pytest.mark.parametrize(
    ("changes", "key", "message"),
    [
        pytest.param({"nc3_date": None}, "nc3_date",
                     "Answer this question: it is needed because ‘National condition 3: Yes, No "
                     "or No - In Progress’ is ‘No’ or ‘No - In Progress’.", id="nc date"),
        pytest.param({"p4p_actual_payment_fy1516_q3": 1}, "p4p_payment_comment",
                     "Answer this question: it is needed because ‘Actual payment locally agreed Q3 "
                     "15/16’ differs from "
                     "‘Suggested Quarterly Payment Q3 2015/16’.", id="payment comment"),
        pytest.param({"cover_email": None}, "cover_email", "Answer this question.",
                     id="always required"),
    ],
)  # fmt: skip
def test_a_failing_check_says_why_it_is_needed(changes, key, message):
    assert result(norfolk_values(**changes), key).message == message


def test_a_condition_on_calculated_numbers_is_left_to_the_server():
    from returns.definitions.logic import AnyOf, Differs, Equals, Not, Ref

    numbers = Differs(Ref("p4p_actual_payment_fy1516_q3"), Ref("p4p_suggested_payment_fy1516_q3"))
    assert numbers.to_json() is None
    assert Not(numbers).to_json() is None
    assert AnyOf((Equals("nc1_status", ("No",)), numbers)).to_json() is None
    assert Not(Equals("nc1_status", ("No",))).to_json() == {
        "not": {"id": "nc1_status", "in": ["No"]}
    }
