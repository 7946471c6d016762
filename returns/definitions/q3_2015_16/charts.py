"""The figures of the Q3 2015/16 template that an area's page and the national page chart:
the pooled fund's income and expenditure by quarter, non-elective admissions by quarter,
and payment for performance; and each area's admissions against its plan, across areas."""

from ..structure import FigureChart, FigureSpread
from .common import quarter_label

YEAR = ("q1", "q2", "q3", "q4")
NEA_QUARTERS = ("fy1415_q4", "fy1516_q1", "fy1516_q2", "fy1516_q3")
# The baseline of each quarter is the same quarter a year earlier.
BASELINE_OF = {"fy1415_q4": "fy1314_q4", "fy1516_q1": "fy1415_q1", "fy1516_q2": "fy1415_q2",
               "fy1516_q3": "fy1415_q3"}  # fmt: skip


def fund_flow(flow: str, year: str, quarter: int) -> FigureChart:
    """A year's plan, forecast and actuals (to the return's quarter) of one flow of the fund."""
    noun = "Income into" if flow == "income" else "Expenditure from"
    return FigureChart(
        id=f"ie-{flow}",
        title=f"{noun} the pooled fund, by quarter",
        categories=tuple(quarter_label(f"{year}_{q}") for q in YEAR),
        series=(
            ("Plan", tuple(f"ie_{flow}_plan_{q}" for q in YEAR)),
            ("Forecast", tuple(f"ie_{flow}_forecast_{q}" for q in YEAR)),
            ("Actual", tuple(f"ie_{flow}_actual_{q}" if int(q[1]) <= quarter else None
                             for q in YEAR)),
        ),
    )  # fmt: skip


def fund_charts(year: str, quarter: int) -> tuple[FigureChart, ...]:
    return tuple(fund_flow(flow, year, quarter) for flow in ("income", "expenditure"))


CHARTS = (
    *fund_charts("fy1516", 3),
    FigureChart(
        id="nea",
        title="Non-elective admissions, by quarter",
        categories=tuple(quarter_label(q) for q in NEA_QUARTERS),
        series=(
            ("Baseline", tuple(f"nea_baseline_{BASELINE_OF[q]}" for q in NEA_QUARTERS)),
            ("Plan", tuple(f"nea_plan_{q}" for q in NEA_QUARTERS)),
            ("Actual", tuple(f"nea_actual_{q}" for q in NEA_QUARTERS)),
        ),
    ),
    FigureChart(
        id="p4p",
        title="Payment for performance, by quarter",
        categories=tuple(quarter_label(q) for q in NEA_QUARTERS),
        series=(
            ("Most that could be paid", tuple(f"p4p_max_payment_{q}" for q in NEA_QUARTERS)),
            ("Suggested", tuple(f"p4p_suggested_payment_{q}" for q in NEA_QUARTERS)),
            ("Paid", tuple(f"p4p_actual_payment_{q}" for q in NEA_QUARTERS)),
        ),
    ),
)
SPREAD = FigureSpread(
    id="nea-against-plan",
    title="Non-elective admissions in Q3 2015/16 against plan",
    actual="nea_actual_fy1516_q3",
    plan="nea_plan_fy1516_q3",
)
