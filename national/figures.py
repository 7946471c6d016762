"""National figures for a period: every numeric question summed across the included
returns, in SQL (`ReturnFigure`, kept by each save), with the number of areas behind each.
A percentage is never summed: its mean and median over the areas that answered it are.

Signed-off (and submitted) returns are included by default; drafts and returns awaiting
sign-off only when asked for, and then said to be included.
"""

import statistics
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Sum

from governance.models import HwbArea
from returns.definitions import is_numeric, template
from returns.models import SIGNED_STATUSES, QuarterlyReturn, ReportingPeriod, ReturnFigure

from .rounds import NOT_STARTED


@dataclass(frozen=True)
class NationalFigures:
    period: ReportingPeriod
    include_drafts: bool
    areas: dict[str, dict]  # ONS code -> {"status", "checks_passed"}
    included: list[str]  # ONS codes of the returns summed
    totals: dict[str, int | float]  # question id -> the sum, for every count and amount
    answered: dict[str, int]  # question id -> areas with a value
    synthetic: list[str]  # ONS codes of the included returns the national demo made up
    names: dict[str, str] = field(default_factory=dict)  # ONS code -> name, of the included
    means: dict[str, float | None] = field(default_factory=dict)  # percentage id -> mean
    medians: dict[str, float | None] = field(default_factory=dict)  # percentage id -> median

    def to_json(self) -> dict:
        return {
            "period": self.period.code,
            "include_drafts": self.include_drafts,
            "areas": self.areas,
            "included": self.included,
            "totals": self.totals,
            "answered": self.answered,
            "means": self.means,
            "medians": self.medians,
            "synthetic": self.synthetic,
        }

    def total(self, question_id: str):
        """The sum (a percentage's mean), or None when no included area gives the figure."""
        if not self.answered[question_id]:
            return None
        if question_id in self.means:
            return self.means[question_id]
        return self.totals[question_id]


def as_number(value: Decimal | None) -> int | float:
    """A sum as JSON writes it: a whole number when it is one."""
    if value is None:
        return 0
    value = Decimal(str(value)) if isinstance(value, float) else Decimal(value)
    return int(value) if value == value.to_integral_value() else float(value)


def included_returns(*, period: ReportingPeriod, include_drafts: bool = False, areas=None):
    """The returns whose figures are summed: signed off (drafts too, when asked) in `areas`
    (every one when None)."""
    areas = HwbArea.objects.all() if areas is None else areas
    returns = QuarterlyReturn.objects.filter(period=period, hwb_area__in=areas)
    return returns if include_drafts else returns.filter(status__in=SIGNED_STATUSES)


def national_figures(
    *, period: ReportingPeriod, include_drafts: bool = False, areas=None
) -> NationalFigures:
    """`areas`: the HWB areas to read (every one when None): five queries in all, each
    return of the period read once."""
    areas = HwbArea.objects.all() if areas is None else areas
    included = included_returns(period=period, include_drafts=include_drafts, areas=areas)
    rows = QuarterlyReturn.objects.filter(period=period, hwb_area__in=areas).values_list(
        "hwb_area__ons_code", "hwb_area__name", "status", "checks_passed", "synthetic"
    )
    by_area = {ons: (status, checks) for ons, _, status, checks, _ in rows}
    summed = [(ons, name, synthetic) for ons, name, status, _, synthetic in rows
              if include_drafts or status in SIGNED_STATUSES]  # fmt: skip
    area_states = {
        ons: {"status": by_area.get(ons, (NOT_STARTED,))[0],
              "checks_passed": by_area.get(ons, (None, 0))[1]}
        for ons in areas.order_by("ons_code").values_list("ons_code", flat=True)
    }  # fmt: skip
    sums = {
        row["question_id"]: (row["total"], row["areas"])
        for row in ReturnFigure.objects.filter(quarterly_return__in=included)
        .values("question_id")
        .annotate(total=Sum("value"), areas=Count("quarterly_return"))
        .order_by()
    }
    numeric = [q for q in template(period.template_version).questions if is_numeric(q)]
    ids = [q.id for q in numeric if q.type.name != "pct"]
    percentages = [q.id for q in numeric if q.type.name == "pct"]
    each: dict[str, list[Decimal]] = {id_: [] for id_ in percentages}
    for id_, value in ReturnFigure.objects.filter(
        quarterly_return__in=included, question_id__in=percentages
    ).values_list("question_id", "value"):
        each[id_].append(value)
    return NationalFigures(
        period=period,
        include_drafts=include_drafts,
        areas=area_states,
        included=sorted(ons for ons, _, _ in summed),
        names={ons: name for ons, name, _ in summed},
        totals={id_: as_number(sums.get(id_, (None, 0))[0]) for id_ in ids},
        answered={id_: sums.get(id_, (None, 0))[1] for id_ in ids + percentages},
        means={id_: _float(_mean(v)) if v else None for id_, v in each.items()},
        medians={id_: _float(statistics.median(v)) if v else None for id_, v in each.items()},
        synthetic=sorted(ons for ons, _, synthetic in summed if synthetic),
    )


def _mean(values: list[Decimal]) -> Decimal:
    """`statistics.mean` of Decimals, without its exact sum by fractions (a tenth of a
    national figures page across 152 areas): the same result, as the Decimals' sum is exact
    (a few digits each) and both divide it by their number rounded the same way."""
    return sum(values, Decimal(0)) / len(values)


def _float(value: Decimal) -> float:
    return float(round(Decimal(value), 8))


def figure_shown(question, value) -> str:
    """A figure in words, as the question shows its value: `£1,234`, `23,268`, `2.5%`."""
    if value is None:
        return "Not given"
    if question.type.name == "pct":
        return f"{float(value):,.1f}%"
    if getattr(question.type, "money", False):
        return f"-£{abs(round(value)):,}" if value < 0 else f"£{round(value):,}"
    return f"{round(value):,}"


def template_charts(definition, value_of, *, download=None, summary="", answered=None) -> list:
    """Each chart the template names (`definition.charts`), its bars the figures `value_of`
    gives by question id (None where not given). `download(chart_id)`: its CSV's URL.
    `answered` (question id -> areas): each bar then says how many areas it adds up."""
    from governance.charts import bar_chart

    charts = []
    for spec in definition.charts:
        series = {name: [value_of(id_) if id_ else None for id_ in ids]
                  for name, ids in spec.series}  # fmt: skip
        question = definition.question(spec.ids[0])
        given = sum(v is not None for values in series.values() for v in values)
        charts.append(bar_chart(
            id=spec.id, title=spec.title,
            summary=summary or f"{given} figures, in {', '.join(series)} for each of "
                               f"{len(spec.categories)} quarters: the table below holds them.",
            categories=spec.categories, series=series,
            shown=lambda value, question=question: figure_shown(question, value),
            download=download(spec.id) if download else "",
            answered=None if answered is None else {
                name: [answered.get(id_, 0) if id_ else None for id_ in ids]
                for name, ids in spec.series
            },
        ))  # fmt: skip
    return charts


def spread_of(*, period: ReportingPeriod, returns) -> dict[str, float]:
    """Each return's `spread` (its actual against its plan, in percent of the plan), by ONS
    code, for those giving both: one query."""
    spread = template(period.template_version).spread
    if spread is None:
        return {}
    pairs: dict[str, dict[str, Decimal]] = {}
    for ons, id_, value in ReturnFigure.objects.filter(
        quarterly_return__in=returns, question_id__in=(spread.actual, spread.plan)
    ).values_list("quarterly_return__hwb_area__ons_code", "question_id", "value"):
        pairs.setdefault(ons, {})[id_] = value
    return {
        ons: float((pair[spread.actual] - pair[spread.plan]) / pair[spread.plan] * 100)
        for ons, pair in pairs.items()
        if pair.get(spread.plan) and spread.actual in pair
    }


def charts_csv(charts) -> bytes:
    """The figures of these charts, one row per category and series."""
    import csv
    import io

    out = io.StringIO()
    writer = csv.writer(out)
    across = any(bar.areas is not None for c in charts for g in c.groups for bar in g.bars)
    writer.writerow(["chart", "category", "series", "value", *(["areas"] * across)])
    for chart in charts:
        for group in chart.groups:
            for bar in group.bars:
                writer.writerow([chart.title, group.label, bar.series,
                                 "" if bar.value is None else as_number(bar.value),
                                 *([bar.areas] * across)])  # fmt: skip
    return out.getvalue().encode("utf-8-sig")


def spread_csv(spread: Iterable[tuple[str, float]], *, key: str = "ons_code") -> bytes:
    """Each area's actual against its plan, in percent, by `key` (its ONS code, or the
    name a strip chart shows it by), in the order given."""
    import csv
    import io

    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([key, "against_plan_percent"])
    for label, value in spread:
        writer.writerow([label, f"{value:.3f}"])
    return out.getvalue().encode("utf-8-sig")
