"""Creating a return pre-populates its grey cells from what the portal holds."""

import pytest

from metrics.models import MetricValue, PlanMetric
from plans.tests.factories import FinancialYearFactory, HwbAreaFactory, PlanFactory
from returns.models import Answer, AnswerSource, QuarterlyReturn
from returns.selectors import return_answers
from returns.services import answers_save, return_create

from .factories import QuarterlyReturnFactory, ReportingPeriodFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def area_with_history():
    """An area with a 2015/16 plan, NEA figures, a described metric and a Q2 2015/16 return."""
    from demo.reference import reference_data_load

    reference_data_load()  # metric definitions, financial years, Q3 2015/16
    area = HwbAreaFactory(name="Wessex", population=300_000)
    plan = PlanFactory(
        hwb_area=area, financial_year=FinancialYearFactory(start_year=2015), pooled_fund_total=9_000
    )
    PlanMetric.objects.create(
        plan=plan, definition_id=_metric("local"), description="Falls admissions"
    )
    MetricValue.objects.create(
        hwb_area=area, definition_id=_metric("non_elective_admissions"),
        financial_year=FinancialYearFactory(start_year=2014), quarter=3, kind="baseline",
        value=1234,
    )  # fmt: skip
    # A Q2 return, as if made in the portal the quarter before (same ids: a playback).
    q2 = QuarterlyReturnFactory(
        hwb_area=area, period=ReportingPeriodFactory(quarter=2), template_version="bcf-q3-2015-16"
    )
    answers_save(
        quarterly_return=q2,
        values={"nc3_status": "No - In Progress", "ie_income_forecast_q1": 2_500,
                "ie_income_actual_q1": 2_400, "p4p_cost_per_nea": 1_490},
        user=None, source=AnswerSource.FORM, prepopulated=True,
    )  # fmt: skip
    return area


def _metric(key):
    from metrics.models import MetricDefinition

    return MetricDefinition.objects.get(key=key).pk


def test_grey_cells_come_from_the_portals_data(area_with_history):
    created = return_create(hwb_area=area_with_history, period=ReportingPeriodFactory())
    answers = return_answers(quarterly_return=created)
    assert answers["cover_hwb"] == "Wessex"
    assert answers["nim_population"] == 300_000
    assert answers["ie_income_pooled_fund"] == answers["ie_expenditure_pooled_fund"] == 9_000
    assert answers["metric_local_desc"] == "Falls admissions"
    assert answers["nea_baseline_fy1415_q3"] == 1234
    assert answers["nc3_fy1516_q2"] == "No - In Progress"  # the Q2 return's status, played back
    assert answers["p4p_cost_per_nea"] == 1_490
    assert "nc1_fy1516_q2" not in answers  # nothing held: left blank, not invented


def test_amendable_inputs_are_pre_filled_and_remembered_as_previously_returned(area_with_history):
    created = return_create(hwb_area=area_with_history, period=ReportingPeriodFactory())
    answers = return_answers(quarterly_return=created)
    assert answers["ie_income_forecast_q1"] == 2_500
    assert answers["ie_income_actual_q1"] == 2_400
    assert created.prefilled == {"ie_income_forecast_q1": "2500", "ie_income_actual_q1": "2400"}
    assert "ie_income_actual_q3" not in answers  # this quarter's actuals are new
    assert set(
        Answer.objects.filter(quarterly_return=created).values_list("source", flat=True)
    ) == {AnswerSource.CREATED}


def test_an_area_with_nothing_held_gets_a_return_with_only_its_name(db):
    from demo.reference import reference_data_load

    reference_data_load()
    created = return_create(hwb_area=HwbAreaFactory(name="Empty", population=None),
                            period=ReportingPeriodFactory())  # fmt: skip
    assert return_answers(quarterly_return=created) == {"cover_hwb": "Empty"}
    assert created.template_version == "bcf-q3-2015-16"


def test_one_return_per_area_and_period(area_with_history):
    from django.db import IntegrityError

    return_create(hwb_area=area_with_history, period=ReportingPeriodFactory())
    with pytest.raises(IntegrityError):
        return_create(hwb_area=area_with_history, period=ReportingPeriodFactory())
    assert QuarterlyReturn.objects.filter(hwb_area=area_with_history).count() == 2  # Q2 and Q3


def test_the_plan_as_changed_before_a_return_is_created_flows_into_it(area_with_history):
    """Issue 6: the I&E plan, pooled fund, NEA plan and metric descriptions are the plan's."""
    from metrics.models import MetricDefinition
    from metrics.services import MetricInput, plan_metrics_save
    from plans.models import Plan
    from plans.services import plan_funding_save

    plan = Plan.objects.get(hwb_area=area_with_history, financial_year__start_year=2015)
    plan_funding_save(
        plan=plan, user=None, revision=plan.revision, pooled_fund_total=12_000,
        contributions=[],
        fund_quarters={1: (3_000, 2_900), 4: (3_000, None)},
    )  # fmt: skip
    plan.refresh_from_db()
    plan_metrics_save(plan=plan, user=None, revision=plan.revision, metrics=[
        MetricInput(MetricDefinition.objects.get(key="non_elective_admissions"), "Fewer NEAs",
                    {1: 1_111}),
        MetricInput(MetricDefinition.objects.get(key="local"), "Falls admissions, over 65s", {}),
    ])  # fmt: skip
    answers = return_answers(
        quarterly_return=return_create(hwb_area=area_with_history, period=ReportingPeriodFactory())
    )
    assert answers["ie_income_pooled_fund"] == answers["ie_expenditure_pooled_fund"] == 12_000
    assert (answers["ie_income_plan_q1"], answers["ie_expenditure_plan_q1"]) == (3_000, 2_900)
    assert answers["ie_income_plan_q4"] == 3_000
    # A quarter the plan does not give is played back from the previous return, if any.
    assert "ie_expenditure_plan_q4" not in answers
    assert answers["nea_plan_fy1516_q1"] == 1_111
    assert answers["metric_local_desc"] == "Falls admissions, over 65s"
