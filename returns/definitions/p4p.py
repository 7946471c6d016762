"""The 2015/16 payment-for-performance calculation (`p4p.md`) as expressions.

Each function returns the expression of one id for P4P quarter k (1…4), written
in terms of the other ids, line for line as `p4p.md` gives them; money lines
are rounded to whole pounds at their end, half away from zero.
"""

from .logic import Const, Div, Expr, IfPositive, Max, Min, Mul, Ref, Round, Sub, Sum

QUARTERS = ("fy1415_q4", "fy1516_q1", "fy1516_q2", "fy1516_q3")
BASELINE_QUARTERS = ("fy1314_q4", "fy1415_q1", "fy1415_q2", "fy1415_q3")
COST = Ref("p4p_cost_per_nea")
ZERO = Const(0)


def baseline(k: int) -> Ref:
    return Ref(f"nea_baseline_{BASELINE_QUARTERS[k - 1]}")


def plan(k: int) -> Ref:
    return Ref(f"nea_plan_{QUARTERS[k - 1]}")


def actual(k: int) -> Ref:
    return Ref(f"nea_actual_{QUARTERS[k - 1]}")


def paid(k: int) -> Ref:
    return Ref(f"p4p_actual_payment_{QUARTERS[k - 1]}")


def _id(name: str, k: int) -> Ref:
    return Ref(f"{name}_{QUARTERS[k - 1]}")


def perf_vs_baseline(k: int) -> Expr:
    return Sub(baseline(k), actual(k))


def planned_cum_reduction(k: int) -> Expr:
    return Sub(
        Sum(*(baseline(j) for j in range(1, k + 1))), Sum(*(plan(j) for j in range(1, k + 1)))
    )


def max_payment(k: int) -> Expr:
    return Round(Mul(Sub(baseline(k), plan(k)), COST))


def _pot(k: int) -> Expr:
    """The planned cumulative pot available for release by the end of quarter k."""
    return Mul(Max(ZERO, _id("p4p_planned_cum_reduction", k)), COST)


def _paid_before(k: int) -> Expr:
    return Sum(*(paid(j) for j in range(1, k))) if k > 1 else ZERO


def suggested_payment(k: int) -> Expr:
    planned_cum = _id("p4p_planned_cum_reduction", k)
    actual_cum = Sum(*(_id("p4p_perf_vs_baseline", j) for j in range(1, k + 1)))
    earned = IfPositive(planned_cum, Mul(Div(actual_cum, planned_cum), _pot(k)), ZERO)
    ceiling = Max(ZERO, Sub(_pot(k), _paid_before(k)))
    return Round(Min(Max(Sub(earned, _paid_before(k)), ZERO), ceiling))


def suggested_unreleased(k: int) -> Expr:
    return Sub(_id("p4p_max_payment", k), _id("p4p_suggested_payment", k))


def actual_unreleased(k: int) -> Expr:
    return Sub(_id("p4p_max_payment", k), paid(k))


def total_fund() -> Expr:
    return Round(_pot(4))


def plan_abs_reduction() -> Expr:
    return _id("p4p_planned_cum_reduction", 4)


def plan_pct_change() -> Expr:
    """A number of percent to one decimal place, as the template shows it (3.5 is 3.5%)."""
    total_baseline = Sum(*(baseline(k) for k in range(1, 5)))
    return Round(Mul(Div(plan_abs_reduction(), total_baseline), Const(100)), 1)


def cumulative_payments() -> Expr:
    return Sum(*(paid(k) for k in range(1, 5)))


def cumulative_suggested() -> Expr:
    return Sum(*(_id("p4p_suggested_payment", k) for k in range(1, 5)))
