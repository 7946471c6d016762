"""Measures followed across quarters: for every period whose template holds them, the
national totals (with the areas behind each) or one area's own figures, charted; and each
metric's progress, tabled. Read in two queries however many periods and areas there are.

What recurs, and which question holds it in each template, is the definitions'
(`returns.definitions.series`); this module only reads the figures the returns keep.
"""

from collections import Counter
from dataclasses import dataclass

from django.db.models import Count, Sum

from returns.definitions import template
from returns.definitions.series import MEASURES, PROGRESS, SERIES_CHARTS
from returns.models import Answer, ReportingPeriod, ReturnFigure

from .figures import as_number, figure_shown


@dataclass(frozen=True)
class ProgressTable:
    key: str
    title: str
    choices: tuple[str, ...]
    rows: tuple[tuple[str, tuple[int, ...]], ...]  # (period label, areas per choice)

    @property
    def answers(self) -> tuple[tuple[str, str], ...]:
        """For one area's returns: (period label, its answer, or "Not answered")."""
        return tuple(
            (label, next((c for c, n in zip(self.choices, counts, strict=True) if n),
                         "Not answered"))
            for label, counts in self.rows
        )  # fmt: skip


def _periods() -> list[tuple[ReportingPeriod, object]]:
    """Every period, oldest first, with its definition (a period whose template this portal
    no longer defines is left out)."""
    periods = []
    for period in ReportingPeriod.objects.select_related("financial_year").order_by(
        "financial_year__start_year", "quarter"
    ):
        try:
            periods.append((period, template(period.template_version)))
        except LookupError:
            continue
    return periods


def _held(periods, kind: str) -> dict[tuple[int, str], str]:
    """(period id, measure key) -> the question holding it there, for measures of `kind`."""
    return {
        (period.pk, measure.key): measure.id
        for period, definition in periods
        for measure in definition.measures
        if MEASURES[measure.key] == kind
    }


def series_figures(*, returns) -> tuple[list, dict, dict]:
    """The figures of `returns` (a queryset) for every measure, summed by period: (periods,
    {(period id, key): total}, {(period id, key): areas}). One query."""
    periods = _periods()
    held = _held(periods, "figure")
    wanted = {(pk, id_): key for (pk, key), id_ in held.items()}
    totals, answered = {}, {}
    for row in (
        ReturnFigure.objects.filter(quarterly_return__in=returns, question_id__in={*held.values()})
        .values("quarterly_return__period", "question_id")
        .annotate(total=Sum("value"), areas=Count("quarterly_return"))
        .order_by()
    ):
        key = wanted.get((row["quarterly_return__period"], row["question_id"]))
        if key is not None:
            period = row["quarterly_return__period"]
            totals[period, key] = as_number(row["total"])
            answered[period, key] = row["areas"]
    return periods, totals, answered


def series_charts(*, returns, download=None, across_areas: bool = True) -> list:
    """A bar chart of each of `SERIES_CHARTS` over the periods whose templates hold it:
    categories are the periods, oldest first; each bar says how many areas it adds up when
    `across_areas`. `download(chart_id)`: its CSV's URL."""
    from governance.charts import bar_chart

    periods, totals, answered = series_figures(returns=returns)
    holds = _held(periods, "figure")
    charts = []
    for spec in SERIES_CHARTS:
        held = [(period, definition) for period, definition in periods
                if any((period.pk, key) in holds for _, key in spec.series)]  # fmt: skip
        if not held:
            continue
        series = {name: [totals.get((period.pk, key)) for period, _ in held]
                  for name, key in spec.series}  # fmt: skip
        areas = {name: [answered.get((period.pk, key), 0) for period, _ in held]
                 for name, key in spec.series}  # fmt: skip
        question = _question(held, spec)
        given = sum(v is not None for values in series.values() for v in values)
        charts.append(bar_chart(
            id=f"series-{spec.id}", title=spec.title,
            summary=f"{given} figures, in {', '.join(series)} for each of {len(held)} "
                    "quarters whose template asks them: the table below holds them.",
            categories=[period.label for period, _ in held], series=series,
            shown=lambda value, question=question: figure_shown(question, value),
            download=download(f"series-{spec.id}") if download else "",
            answered=areas if across_areas else None,
        ))  # fmt: skip
    return charts


def _question(held, spec):
    """A question of the chart's first measure, to show its figures as it does (£ or count)."""
    _, definition = held[0]
    for _, key in spec.series:
        for measure in definition.measures:
            if measure.key == key:
                return definition.question(measure.id)
    raise LookupError(spec.id)


def progress_tables(*, returns) -> list[ProgressTable]:
    """For each metric, how many of `returns` gave each progress answer, period by period.
    One query."""
    periods = _periods()
    held = _held(periods, "progress")
    wanted = {(pk, id_): key for (pk, key), id_ in held.items()}
    counts: Counter = Counter()
    for period, question_id, value, n in (
        Answer.objects.filter(quarterly_return__in=returns, question_id__in={*held.values()})
        .values_list("quarterly_return__period", "question_id", "value")
        .annotate(n=Count("pk"))
        .order_by()
    ):
        key = wanted.get((period, question_id))
        if key is not None:
            counts[period, key, value] += n
    tables = []
    for key, title in PROGRESS.items():
        rows_held = [(period, definition) for period, definition in periods
                     if (period.pk, key) in held]  # fmt: skip
        if not rows_held:
            continue
        period, definition = rows_held[0]
        choices = definition.question(held[period.pk, key]).type.choices
        rows = tuple(
            (p.label, tuple(counts[p.pk, key, choice] for choice in choices)) for p, _ in rows_held
        )
        tables.append(ProgressTable(key, title, tuple(choices), rows))
    return tables
