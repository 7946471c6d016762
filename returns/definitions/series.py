"""Measures that recur from one template to the next, followed across quarters.

A template says which of its questions holds each recurring measure for its own quarter
(`Template.measures`): the pooled fund, the quarter's planned and actual income and
expenditure, non-elective admissions where it counts them, and each metric's progress.
`SERIES_CHARTS` says how the figures are charted across every period whose template holds
them, and `PROGRESS` which metrics' progress is tabled. The national figures and an area's
page read them (`national/series.py`); the validator checks each measure's question.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Measure:
    """`key` (a name of `MEASURES`) is held by question `id` in this template, for the
    template's own quarter."""

    key: str
    id: str


@dataclass(frozen=True)
class SeriesChart:
    id: str
    title: str
    series: tuple[tuple[str, str], ...]  # (name, measure key)


# key -> what it is; "figure" measures are numbers, "progress" ones a metric's progress choice.
MEASURES = {
    "pooled_fund": "figure",
    "income_plan": "figure",
    "income_actual": "figure",
    "expenditure_plan": "figure",
    "expenditure_actual": "figure",
    "nea_plan": "figure",
    "nea_actual": "figure",
    "nea_progress": "progress",
    "dtoc_progress": "progress",
    "residential_progress": "progress",
    "reablement_progress": "progress",
    "local_progress": "progress",
}

SERIES_CHARTS = (
    SeriesChart("pooled-fund", "The pooled fund, quarter by quarter",
                (("Pooled fund", "pooled_fund"),)),
    SeriesChart("income", "Income into the pooled fund in each quarter: plan and actual",
                (("Plan", "income_plan"), ("Actual", "income_actual"))),
    SeriesChart("expenditure", "Expenditure from the pooled fund in each quarter: plan and actual",
                (("Plan", "expenditure_plan"), ("Actual", "expenditure_actual"))),
    SeriesChart("nea", "Non-elective admissions in each quarter: plan and actual",
                (("Plan", "nea_plan"), ("Actual", "nea_actual"))),
)  # fmt: skip

PROGRESS = {
    "nea_progress": "Non-elective admissions",
    "dtoc_progress": "Delayed transfers of care",
    "residential_progress": "Admissions to residential care",
    "reablement_progress": "Reablement",
    "local_progress": "The local performance metric",
}


def quarter_measures(quarter: int, metrics: tuple[str, ...]) -> tuple[Measure, ...]:
    """The measures of a quarterly template for quarter `quarter`: the pooled fund, the
    quarter's I&E plan and actual, and the progress of each metric it asks (`metrics`)."""
    q = f"q{quarter}"
    return (
        Measure("pooled_fund", "ie_income_pooled_fund"),
        *(Measure(f"{flow}_{line}", f"ie_{flow}_{line}_{q}")
          for flow in ("income", "expenditure") for line in ("plan", "actual")),
        *(Measure(f"{key}_progress", f"metric_{key}_progress")
          for key in metrics if f"{key}_progress" in PROGRESS),
    )  # fmt: skip
