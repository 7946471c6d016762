"""The payment-for-performance calculation of `p4p.md`, with hand-checked figures."""

from decimal import Decimal
from fractions import Fraction

import pytest

from returns.definitions.evaluation import calculate
from returns.definitions.logic import round_half_away

from .norfolk import Q3, norfolk_file, norfolk_values

QUARTERS = ("fy1415_q4", "fy1516_q1", "fy1516_q2", "fy1516_q3")
BASELINE_QUARTERS = ("fy1314_q4", "fy1415_q1", "fy1415_q2", "fy1415_q3")


def p4p(*, baseline, plan, actual, paid, cost):
    """Every value of a P4P year: four baselines, plans, actuals and payments, and the cost."""
    values = {"p4p_cost_per_nea": cost}
    for k in range(4):
        values[f"nea_baseline_{BASELINE_QUARTERS[k]}"] = baseline[k]
        values[f"nea_plan_{QUARTERS[k]}"] = plan[k]
        values[f"nea_actual_{QUARTERS[k]}"] = actual[k]
        values[f"p4p_actual_payment_{QUARTERS[k]}"] = paid[k]
    return calculate(Q3, values)


def per_quarter(values, name):
    return [values[f"{name}_{q}"] for q in QUARTERS]


def test_norfolk_q3_2015_16_comes_out_as_the_source_shows():
    expected = norfolk_file()["expected"]
    values = norfolk_values()
    for name in (
        "p4p_perf_vs_baseline",
        "p4p_planned_cum_reduction",
        "p4p_max_payment",
        "p4p_suggested_payment",
        "p4p_suggested_unreleased",
        "p4p_actual_unreleased",
    ):
        assert per_quarter(values, name) == expected[name], name
    assert values["p4p_total_fund"] == expected["p4p_total_fund"] == 4_866_340
    assert values["nea_plan_abs_reduction"] == expected["nea_plan_abs_reduction"] == 3266
    assert f"{values['nea_plan_pct_change']}%" == expected["nea_plan_pct_change_display"]


# Baseline 1,000 a quarter, plan 900 (a planned reduction of 100 a quarter), £1,000 per NEA:
# the pot grows by £100,000 a quarter, and each avoided admission earns £1,000.
FLAT = {"baseline": [1000] * 4, "plan": [900] * 4, "cost": 1000}


def test_partial_achievement_pays_in_proportion():
    # 50 fewer admissions a quarter: half the planned reduction, so half the pot.
    values = p4p(**FLAT, actual=[950] * 4, paid=[50_000] * 4)
    assert per_quarter(values, "p4p_suggested_payment") == [50_000] * 4
    assert per_quarter(values, "p4p_max_payment") == [100_000] * 4
    assert per_quarter(values, "p4p_suggested_unreleased") == [50_000] * 4
    assert values["p4p_total_fund"] == 400_000


def test_over_achievement_is_capped_at_the_pot():
    # 200 fewer a quarter earns twice the pot, but no more than the pot is paid by each quarter.
    values = p4p(**FLAT, actual=[800] * 4, paid=[100_000] * 4)
    assert per_quarter(values, "p4p_suggested_payment") == [100_000] * 4
    assert per_quarter(values, "p4p_actual_unreleased") == [0] * 4


def test_a_quarter_after_an_over_payment_suggests_nothing():
    # Q4 2014/15 earned £50,000 but £150,000 was paid. By the end of Q1 £100,000 is earned
    # and by Q2 £150,000: neither more than was paid, so £0 (no claw-back). By Q3 £200,000
    # is earned, £50,000 more than paid.
    values = p4p(**FLAT, actual=[950] * 4, paid=[150_000, 0, 0, 0])
    assert per_quarter(values, "p4p_suggested_payment") == [50_000, 0, 0, 50_000]
    assert per_quarter(values, "p4p_actual_unreleased") == [-50_000, 100_000, 100_000, 100_000]


def test_a_plan_larger_than_the_baseline_has_no_pot():
    values = p4p(baseline=[1000] * 4, plan=[1100] * 4, actual=[900] * 4, paid=[0] * 4, cost=1000)
    assert per_quarter(values, "p4p_planned_cum_reduction") == [-100, -200, -300, -400]
    assert per_quarter(values, "p4p_suggested_payment") == [0] * 4
    assert per_quarter(values, "p4p_max_payment") == [-100_000] * 4
    assert values["p4p_total_fund"] == 0
    assert values["nea_plan_pct_change"] == Decimal("-10")


@pytest.mark.parametrize(
    ("exact", "places", "rounded"),
    [
        pytest.param(Fraction(5, 2), 0, 3, id="2.5 up to 3 (not to even)"),
        pytest.param(Fraction(-5, 2), 0, -3, id="-2.5 away from zero to -3"),
        pytest.param(Fraction(1, 4), 1, Fraction(3, 10), id="0.25 to 0.3"),
        pytest.param(Fraction(249, 100), 0, 2, id="2.49 down to 2"),
    ],
)
def test_rounding_is_half_away_from_zero(exact, places, rounded):
    assert round_half_away(exact, places) == rounded


def test_halves_round_away_from_zero_in_the_template():
    # Planned reduction 1 on a baseline of 400: 0.25%, shown to one place as 0.3%.
    up = p4p(baseline=[100] * 4, plan=[99, 100, 100, 100], actual=[100] * 4, paid=[0] * 4, cost=1)
    assert up["nea_plan_pct_change"] == Decimal("0.3")
    down = p4p(
        baseline=[100] * 4, plan=[101, 100, 100, 100], actual=[100] * 4, paid=[0] * 4, cost=1
    )
    assert down["nea_plan_pct_change"] == Decimal("-0.3")
    # One PHB in 200,000 people is 0.5 per 100,000: shown as 1.
    assert calculate(Q3, {"nim_phb_start": 1, "nim_population": 200_000})["nim_phb_rate"] == 1


def test_a_calculation_with_a_missing_count_is_blank_not_zero():
    values = norfolk_values(nea_actual_fy1516_q3=None)
    assert values["p4p_perf_vs_baseline_fy1516_q3"] is None
    assert values["p4p_suggested_payment_fy1516_q3"] is None
    assert values["p4p_suggested_payment_fy1516_q2"] == 0  # earlier quarters still stand
