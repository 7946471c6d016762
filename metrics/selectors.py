"""Reads of a plan's metrics: what it says of each, and its planned value per quarter."""

from dataclasses import dataclass

from plans.models import Plan

from .models import MetricDefinition, MetricValue, ValueKind


def planned_metric_values(plan: Plan) -> dict[tuple[int, int], object]:
    """(metric definition id, quarter) -> the plan's value for that quarter of its year."""
    return {
        (definition_id, quarter): value
        for definition_id, quarter, value in MetricValue.objects.filter(
            hwb_area_id=plan.hwb_area_id, financial_year_id=plan.financial_year_id,
            kind=ValueKind.PLAN,
        ).values_list("definition_id", "quarter", "value")
    }  # fmt: skip


@dataclass(frozen=True)
class MetricRow:
    name: str
    description: str
    plan: list  # the plan's value per quarter (None where not given)


def plan_metric_table(*, plan: Plan) -> list[MetricRow]:
    """Each metric the plan describes or plans a value for, in the catalogue's order."""
    described = dict(plan.metrics.values_list("definition_id", "description"))
    planned = planned_metric_values(plan)
    rows = []
    for definition in MetricDefinition.objects.all():
        values = [planned.get((definition.pk, q)) for q in range(1, 5)]
        if definition.pk in described or any(v is not None for v in values):
            rows.append(MetricRow(definition.name, described.get(definition.pk, ""), values))
    return rows
