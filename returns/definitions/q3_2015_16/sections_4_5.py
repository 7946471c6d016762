"""Sections 4–5 of the Q3 2015/16 template: Non-Elective and P4P, I&E."""

from .. import p4p
from ..cautions import ie_cautions, nea_trajectory
from ..logic import AnyOf, Const, Differs, Exceeds, Not, Ref, Sum
from ..sources import FirstOf, MetricFigure, PlanFundQuarter, PooledFund, previous
from ..structure import Check, Fields, Question, Section, Table, Text
from ..values import INT, MONEY, PCT, TEXT, TEXT750, choice
from .common import CALC, INPUT, PREPOP, C, cell, quarter_label
from .text import CUMULATIVE_PAYMENTS_MESSAGE, INTRO, P4P_FOOTNOTE

# 4. Non-Elective and P4P ------------------------------------------------------------------

UNRELEASED_USES = choice(
    "unreleased_use",
    "acute care",
    "NHS commissioned out of hospital services",
    "social care",
    "other",
)
Q4 = p4p.QUARTERS
ROW = 8  # the NEA row of the tab: baseline C–F, plan G–K, actual L–O (O8), % P, reduction Q


def _nea_questions() -> tuple[Question, ...]:
    """Row 8's grey NEA figures: baseline C–F, plan G–K, actual L–N (O8 is the Q3 input)."""
    rows = (
        ("baseline", "Baseline", p4p.BASELINE_QUARTERS, C),
        ("plan", "Planned", (*Q4, "fy1516_q4"), C + 4),
        ("actual", "Actual", Q4[:3], C + 9),
    )
    return tuple(
        Question(
            f"nea_{kind}_{period}",
            PREPOP,
            INT,
            f"{word} NEAs {quarter_label(period)}",
            cell(first + i, ROW),
            source=MetricFigure("non_elective_admissions", kind, period),
        )
        for kind, word, periods, first in rows
        for i, period in enumerate(periods)
    )


def _per_quarter(name, type_, label, first_col, row, expr) -> tuple[Question, ...]:
    return tuple(
        Question(f"{name}_{period}", CALC, type_, f"{label} {quarter_label(period)}",
                 cell(first_col + k - 1, row), calc=expr(k))
        for k, period in enumerate(Q4, start=1)
    )  # fmt: skip


L4 = "p4p_actual_payment_fy1516_q3"
PAYMENT_DIFFERS = Differs(Ref(L4), Ref("p4p_suggested_payment_fy1516_q3"))
FUNDS_UNRELEASED = Differs(Ref("p4p_actual_unreleased_fy1516_q3"), Const(0))


def _quarter_headers(first_col: int, row: int, periods) -> tuple[tuple[str, str], ...]:
    return tuple((cell(first_col + i, row), quarter_label(p)) for i, p in enumerate(periods))


P4P_SHEET = (
    ("B6", "Better Care Fund Revised Non-Elective and Payment for Performance Calculations"),
    ("C6", "Baseline"), ("G6", "Plan"), ("L6", "Actual"),
    ("P6", "% change [negative values indicate the plan is larger than the baseline]"),
    ("Q6", "Absolute reduction in non elective performance"),
    *_quarter_headers(C, 7, p4p.BASELINE_QUARTERS),
    *_quarter_headers(C + 4, 7, (*Q4, "fy1516_q4")),
    *_quarter_headers(C + 9, 7, Q4),
    ("B8", "D. REVALIDATED: HWB version of plans to be used for future monitoring."),
    ("AB6", "Total Performance Fund Available"),
    ("AC6", "Planned Absolute Reduction (cumulative)"), *_quarter_headers(29, 7, Q4),
    ("AG6", "Maximum Quarterly Payment"), *_quarter_headers(33, 7, Q4),
    ("AK6", "Performance against baseline"), *_quarter_headers(37, 7, Q4),
    ("AO6", "Suggested Quarterly Payment"), *_quarter_headers(41, 7, Q4),
    ("AT6", "Total Performance and ringfenced funds"),
    ("E11", "If other please specify"),
    *_quarter_headers(C, 18, Q4), ("B19", "Actual payment locally agreed"),
    *_quarter_headers(C, 26, Q4),
    ("B27", "Suggested amount of unreleased funds"),
    ("B28", "Actual amount of locally agreed unreleased funds"),
    *_quarter_headers(C, 33, Q4),
    ("B34", "Confirmation of what if any unreleased funds were used for"),
)  # fmt: skip

P4P = Section(
    4,
    "4. Non-Elective and P4P",
    "non-elective-and-p4p",
    intro=INTRO["p4p"],
    sheet_text=P4P_SHEET,
    cautions=(nea_trajectory("nea_actual_fy1516_q3", "nea_plan_fy1516_q3", "Q3 2015/16"),),
    items=(
        *_nea_questions(),
        Question("nea_actual_fy1516_q3", INPUT, INT, "Actual Q3 15/16 NEAs", "O8", required=True,
                 hint="The number of non-elective admissions in Q3 2015/16."),
        Question("nea_plan_pct_change", CALC, PCT, "% change [negative values indicate the plan "
                 "is larger than the baseline]", "P8", calc=p4p.plan_pct_change()),
        Question("nea_plan_abs_reduction", CALC, INT, "Absolute reduction in non elective "
                 "performance", "Q8", calc=p4p.plan_abs_reduction()),
        Question("nea_data_source", PREPOP, choice("nea_source", "MAR", "SUS", "Other"),
                 "Which data source are you using in section D? (MAR, SUS, Other)", "C11",
                 source=previous("nea_data_source")),
        Question("nea_data_source_other", PREPOP, TEXT, "If other please specify", "F11",
                 source=previous("nea_data_source_other")),
        Question("p4p_cost_per_nea", PREPOP, MONEY, "Cost per non-elective activity", "C13",
                 source=previous("p4p_cost_per_nea")),
        Question("p4p_total_fund", CALC, MONEY, "Total Performance Fund Available", "AB8",
                 calc=p4p.total_fund()),
        *_per_quarter("p4p_planned_cum_reduction", INT, "Planned Absolute Reduction "
                      "(cumulative)", 29, ROW, p4p.planned_cum_reduction),
        *_per_quarter("p4p_max_payment", MONEY, "Maximum Quarterly Payment", 33, ROW,
                      p4p.max_payment),
        *_per_quarter("p4p_perf_vs_baseline", INT, "Performance against baseline", 37, ROW,
                      p4p.perf_vs_baseline),
        *_per_quarter("p4p_suggested_payment", MONEY, "Suggested Quarterly Payment", 41, ROW,
                      p4p.suggested_payment),  # Q3 lands on AR8
        Question("p4p_total_fund_and_ringfenced", PREPOP, MONEY,
                 "Total Performance and ringfenced funds", "AT8",
                 source=previous("p4p_total_fund_and_ringfenced")),
        *(Question(f"p4p_actual_payment_{period}", PREPOP, MONEY,
                   f"Actual payment locally agreed {quarter_label(period)}", cell(C + i, 19),
                   source=previous(f"p4p_actual_payment_{period}"))
          for i, period in enumerate(Q4[:3])),
        Question(L4, INPUT, MONEY, "Actual payment locally agreed Q3 15/16", "F19",
                 required=True,
                 hint="Whole pounds, like £1,234 or 1234. Enter 0 if no payment was agreed."),
        Check("p4p_cumulative_payments", "Cumulative quarterly Actual Payments >= Cumulative "
              "suggested quarterly payments", target=L4,
              rule=Not(Exceeds(p4p.cumulative_payments(), p4p.cumulative_suggested())),
              message=CUMULATIVE_PAYMENTS_MESSAGE),
        Question("p4p_payment_comment", INPUT, TEXT750, "If the actual payment locally agreed is "
                 "different from the suggested quarterly payment please explain", "C22",
                 required=PAYMENT_DIFFERS, short_label="If the actual payment locally agreed "
                 "is <> suggested quarterly payment"),
        *_per_quarter("p4p_suggested_unreleased", MONEY, "Suggested amount of unreleased funds",
                      C, 27, p4p.suggested_unreleased),
        *_per_quarter("p4p_actual_unreleased", MONEY, "Actual amount of locally agreed "
                      "unreleased funds", C, 28, p4p.actual_unreleased),
        *(Question(f"p4p_unreleased_use_{period}", PREPOP, UNRELEASED_USES,
                   f"What unreleased funds were used for {quarter_label(period)}",
                   cell(C + i, 34),
                   source=previous(f"p4p_unreleased_use_{period}"))
          for i, period in enumerate(Q4[:3])),
        Question("p4p_unreleased_use_fy1516_q3", INPUT, UNRELEASED_USES, "Any unreleased funds "
                 "were used for: Q3 15/16", "F34", required=FUNDS_UNRELEASED),
    ),
    blocks=(
        Table("Non-elective admissions (D. REVALIDATED: HWB version of plans to be used for "
              "future monitoring)",
              columns=tuple(quarter_label(p) for p in Q4),
              row_header="",
              rows=(
                  ("Baseline (same quarter a year earlier)",
                   tuple(f"nea_baseline_{p}" for p in p4p.BASELINE_QUARTERS)),
                  ("Plan", tuple(f"nea_plan_{p}" for p in Q4)),
                  ("Actual", (*(f"nea_actual_{p}" for p in Q4[:3]), "nea_actual_fy1516_q3")),
                  ("Performance against baseline", tuple(f"p4p_perf_vs_baseline_{p}" for p in Q4)),
                  ("Planned absolute reduction (cumulative)",
                   tuple(f"p4p_planned_cum_reduction_{p}" for p in Q4)),
                  ("Maximum quarterly payment", tuple(f"p4p_max_payment_{p}" for p in Q4)),
                  ("Suggested quarterly payment", tuple(f"p4p_suggested_payment_{p}" for p in Q4)),
                  ("Actual payment locally agreed", tuple(f"p4p_actual_payment_{p}" for p in Q4)),
                  ("Suggested amount of unreleased funds",
                   tuple(f"p4p_suggested_unreleased_{p}" for p in Q4)),
                  ("Actual amount of locally agreed unreleased funds",
                   tuple(f"p4p_actual_unreleased_{p}" for p in Q4)),
                  ("What unreleased funds were used for",
                   tuple(f"p4p_unreleased_use_{p}" for p in Q4)),
              )),
        Fields(("nea_plan_fy1516_q4", "nea_plan_pct_change", "nea_plan_abs_reduction",
                "nea_data_source", "nea_data_source_other", "p4p_cost_per_nea",
                "p4p_total_fund", "p4p_total_fund_and_ringfenced"),
               heading="The plan and the performance fund"),
        Fields(("p4p_payment_comment",), heading="Comments"),
        Text("How the suggested payment is calculated", P4P_FOOTNOTE),
    ),
)  # fmt: skip


# 5. I&E -----------------------------------------------------------------------------------

YEAR = ("q1", "q2", "q3", "q4")


def _source(flow: str, line: str, q: str, quarter: int):
    """The plan row reads the year's plan (else the previous return); forecasts and actuals
    are pre-filled from the previous return, except this quarter's new actuals."""
    before = previous(f"ie_{flow}_{line}_{q}")
    if line == "plan":
        return FirstOf((PlanFundQuarter(flow, int(q[1])), before))
    return None if (line, q) == ("actual", f"q{quarter}") else before


def _flow(flow: str, top: int, year: str, quarter: int) -> tuple[Question, ...]:
    """Income or expenditure: plan (grey), forecast and actuals (inputs), totals, comment.
    The actuals run to the return's quarter; at Q4 they have a full-year total too."""
    noun = "income into" if flow == "income" else "expenditure from"

    def row(line: str, kind, offset: int, quarters_in_row, **rules) -> tuple[Question, ...]:
        """One row of the table: plan, forecast or actual, a question per quarter."""
        return tuple(
            Question(
                f"ie_{flow}_{line}_{q}",
                kind,
                MONEY,
                f"{line.capitalize()} {noun} the fund {quarter_label(f'{year}_{q}')}",
                cell(C + i, top + offset),
                short_label=f"{flow.capitalize()} {line} {quarter_label(f'{year}_{q}')}",
                source=_source(flow, line, q, quarter),
                **rules,
            )
            for i, q in enumerate(quarters_in_row)
        )

    plan = row("plan", PREPOP, 0, YEAR)
    forecast = row("forecast", INPUT, 1, YEAR, required=True)
    actual = row("actual", INPUT, 2, YEAR[:quarter], required=True)
    pooled = Ref(f"ie_{flow}_pooled_fund")

    def total(line: str, rows, offset: int) -> Question:
        return Question(f"ie_{flow}_{line}_total", CALC, MONEY,
                        f"{line.capitalize()} {flow}: annual total", cell(C + 4, top + offset),
                        calc=Sum(*(Ref(q.id) for q in rows)))  # fmt: skip

    totals = (
        total("plan", plan, 0),
        Question(f"ie_{flow}_pooled_fund", PREPOP, MONEY, "Pooled fund", cell(C + 5, top),
                 source=PooledFund()),
        total("forecast", forecast, 1),
        *((total("actual", actual, 2),) if quarter == 4 else ()),
    )  # fmt: skip
    compared = ("plan", "forecast", "actual") if quarter == 4 else ("plan", "forecast")
    comment = Question(
        f"ie_{flow}_difference_comment",
        INPUT,
        TEXT750,
        f"{flow.capitalize()}: please comment if there is a difference between "
        f"{'any' if quarter == 4 else 'either'} annual total and the pooled fund",
        cell(C, top + 4),
        required=AnyOf(tuple(Differs(Ref(f"ie_{flow}_{line}_total"), pooled)
                             for line in compared)),
        short_label=f"{flow.capitalize()}: comment on a difference from the pooled fund",
    )  # fmt: skip
    return plan + totals + forecast + (comment,) + actual


def _flow_table(flow: str, year: str, quarter: int) -> Table:
    actuals = (*(f"ie_{flow}_actual_{q}" for q in YEAR[:quarter]),) + (None,) * (4 - quarter)
    return Table(
        f"{flow.capitalize()}: {quarter_label(f'{year}_q{quarter}')} amended data",
        previous_caption=f"{flow.capitalize()}: previously returned data",
        columns=(*(quarter_label(f"{year}_{q}") for q in YEAR), "Annual total", "Pooled fund"),
        rows=(
            ("Plan", (*(f"ie_{flow}_plan_{q}" for q in YEAR), f"ie_{flow}_plan_total",
                      f"ie_{flow}_pooled_fund")),
            ("Forecast", (*(f"ie_{flow}_forecast_{q}" for q in YEAR),
                          f"ie_{flow}_forecast_total", None)),
            ("Actual", (*actuals, f"ie_{flow}_actual_total" if quarter == 4 else None, None)),
        ),
    )  # fmt: skip


def income_and_expenditure(
    number: int, year: str, quarter: int, *, intro: str = INTRO["ie"], **section
) -> Section:
    """The I&E tab of a return for quarter `quarter` of `year` ("fy1516")."""
    return Section(
        number,
        f"{number}. I&E",
        "income-and-expenditure",
        intro=intro,
        items=(
            *_flow("income", 13, year, quarter),
            *_flow("expenditure", 28, year, quarter),
            Question("ie_commentary", INPUT, TEXT750,
                     "Commentary on progress against financial plan", "C36", required=True),
        ),
        blocks=(
            _flow_table("income", year, quarter),
            Fields(("ie_income_difference_comment",)),
            _flow_table("expenditure", year, quarter),
            Fields(("ie_expenditure_difference_comment",)),
            Fields(("ie_commentary",)),
        ),
        cautions=ie_cautions(year, quarter, quarter_label),
        **section,
    )  # fmt: skip


INCOME_AND_EXPENDITURE = income_and_expenditure(5, "fy1516", 3)
