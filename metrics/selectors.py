"""Reads of a plan's metrics: what it says of each, and its planned value per quarter."""

from dataclasses import dataclass

from governance.prepared import Prepared, PreparedModels
from governance.reading import once_while_reading
from plans.models import Plan

from .models import MetricDefinition, MetricValue, PlanMetric, ValueKind


def planned_metric_values(plan: Plan) -> dict[tuple[int, int], object]:
    """(metric definition id, quarter) -> the plan's value for that quarter of its year."""
    rows = _PLANNED(area=plan.hwb_area_id, year=plan.financial_year_id)
    return {(definition_id, quarter): value for definition_id, quarter, value in rows}


def described_metrics(plan: Plan) -> dict[int, str]:
    """Metric definition id -> what the plan says of that metric (its target, in words).
    Read once for a page that only reads: the plan page asks for its table and its task
    list."""
    return once_while_reading(
        ("described_metrics", plan.pk), lambda: dict(_DESCRIBED(plan=plan.pk))
    )


def metric_definitions() -> list[MetricDefinition]:
    """The catalogue of metrics, in its order."""
    return _DEFINITIONS()


# Read on the plan page and its metric targets page: each compiled once (governance.prepared).
_PLANNED = Prepared(
    lambda area, year: (
        MetricValue.objects.filter(hwb_area_id=area, financial_year_id=year, kind=ValueKind.PLAN)
        .order_by()
        .values_list("definition_id", "quarter", "value")
    ),
    area=int,
    year=int,
)
_DESCRIBED = Prepared(
    lambda plan: (
        PlanMetric.objects.filter(plan_id=plan)
        .order_by()
        .values_list("definition_id", "description")
    ),
    plan=int,
)
_DEFINITIONS = PreparedModels(lambda: MetricDefinition.objects.all())


@dataclass(frozen=True)
class MetricRow:
    name: str
    description: str
    plan: list  # the plan's value per quarter (None where not given)


def plan_metric_table(*, plan: Plan) -> list[MetricRow]:
    """Each metric the plan describes or plans a value for, in the catalogue's order."""
    described = described_metrics(plan)
    planned = planned_metric_values(plan)
    rows = []
    for definition in metric_definitions():
        values = [planned.get((definition.pk, q)) for q in range(1, 5)]
        if definition.pk in described or any(v is not None for v in values):
            rows.append(MetricRow(definition.name, described.get(definition.pk, ""), values))
    return rows
