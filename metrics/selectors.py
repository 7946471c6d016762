"""Reads of a plan's metrics: what it says of each, and its planned value per quarter."""

from dataclasses import dataclass

from governance.prepared import Prepared, PreparedModels, together
from governance.reading import once_while_reading
from plans.models import Plan

from .models import MetricDefinition, MetricValue, PlanMetric, ValueKind


def described_metrics(plan: Plan) -> dict[int, str]:
    """Metric definition id -> what the plan says of that metric (its target, in words).
    Read once for a page that only reads: the plan page asks for its table and its task
    list."""
    return _kept_described(plan, lambda: _DESCRIBED(plan=plan.pk))


def _kept_described(plan: Plan, read) -> dict[int, str]:
    """What the plan says of each metric from `read()`'s rows, kept for a page that only
    reads (`once_while_reading`), whichever reader reads it first."""
    return once_while_reading(("described_metrics", plan.pk), lambda: dict(read()))


def plan_metrics(plan: Plan) -> tuple[dict[int, str], dict, list[MetricDefinition]]:
    """What the plan says of each metric (`described_metrics`), its plan for each quarter of
    its year ((metric definition id, quarter) -> value) and the catalogue of metrics in its
    order, read together (`governance.prepared.together`): what the plan page and the metric
    targets page show."""
    described, planned, definitions = together(
        (_DESCRIBED, {"plan": plan.pk}),
        (_PLANNED, {"area": plan.hwb_area_id, "year": plan.financial_year_id}),
        (_DEFINITIONS, {}),
    )
    kept = _kept_described(plan, lambda: described)
    return kept, {(pk, quarter): value for pk, quarter, value in planned}, definitions


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
    described, planned, definitions = plan_metrics(plan)
    rows = []
    for definition in definitions:
        values = [planned.get((definition.pk, q)) for q in range(1, 5)]
        if definition.pk in described or any(v is not None for v in values):
            rows.append(MetricRow(definition.name, described.get(definition.pk, ""), values))
    return rows
