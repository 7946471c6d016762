"""Writes of a plan's metric targets, under the plan's own lock, revision and record."""

from dataclasses import dataclass

from governance.models import ChangeSource
from plans.models import Plan
from plans.services import plan_editing

from .models import MetricDefinition, MetricValue, PlanMetric, ValueKind


@dataclass(frozen=True)
class MetricInput:
    definition: MetricDefinition
    description: str
    plan_values: dict[int, object]  # quarter -> Decimal | int | None


def plan_metrics_save(
    *, plan: Plan, user, revision: int | None, metrics: list[MetricInput],
    source: str = ChangeSource.FORM,
) -> None:  # fmt: skip
    """What the plan says of each metric, and its planned value in each quarter of the year:
    the figures the quarterly returns play back as the plan (e.g. the NEA plan)."""
    with plan_editing(plan=plan, user=user, revision=revision, source=source) as editing:
        plan = editing.plan
        described = {m.definition_id: m for m in plan.metrics.all()}
        values = {
            (v.definition_id, v.quarter): v
            for v in MetricValue.objects.filter(
                hwb_area=plan.hwb_area, financial_year=plan.financial_year, kind=ValueKind.PLAN
            )
        }
        for metric in metrics:
            current = described.get(metric.definition.pk)
            description = metric.description.strip()
            if not description:
                if current is not None:
                    editing.delete(current)
            else:
                editing.save(
                    current or PlanMetric(plan=plan, definition=metric.definition),
                    description=description,
                )
            for quarter, value in metric.plan_values.items():
                current_value = values.get((metric.definition.pk, quarter))
                if value is None:
                    if current_value is not None:
                        editing.delete(current_value)
                    continue
                editing.save(
                    current_value
                    or MetricValue(
                        hwb_area=plan.hwb_area,
                        definition=metric.definition,
                        financial_year=plan.financial_year,
                        quarter=quarter,
                        kind=ValueKind.PLAN,
                    ),
                    value=value,
                )
