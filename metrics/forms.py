"""The plan's metric targets page: per metric, what the plan says of it and its plan per
quarter (an edit part of the plan, added through `plans.additions`)."""

from decimal import Decimal

from django import forms

from plans.forms import INPUT, TEXTAREA, PlanPartForm
from plans.models import Plan

from .selectors import described_metrics, plan_metrics
from .services import MetricInput, plan_metrics_save


class MetricsForm(PlanPartForm):
    """Per metric: what the plan says of it (its target, in words) and its plan per quarter."""

    title = "Metric targets"

    @classmethod
    def started(cls, plan: Plan) -> bool:
        return bool(described_metrics(plan))  # compiled once, as the plan page reads it

    def __init__(self, *args, plan: Plan, **kwargs):
        super().__init__(*args, plan=plan, **kwargs)
        described, planned, definitions = plan_metrics(plan)
        self.rows = []
        for definition in definitions:
            key = definition.key
            self.fields[f"{key}_description"] = forms.CharField(
                label=f"{definition.name}: the plan's target",
                required=False,
                initial=described.get(definition.pk, ""),
                widget=forms.Textarea(attrs={**TEXTAREA, "rows": 3}),
            )
            quarters = []
            for quarter in range(1, 5):
                name = f"{key}_q{quarter}"
                self.fields[name] = forms.DecimalField(
                    label=f"{definition.name}: plan Q{quarter}",
                    required=False,
                    min_value=Decimal(0),
                    max_digits=14,
                    decimal_places=2,
                    initial=planned.get((definition.pk, quarter)),
                    error_messages={
                        "invalid": f"{definition.name} Q{quarter}: enter a number, like 1234.",
                        "min_value": f"{definition.name} Q{quarter}: cannot be negative.",
                        "max_decimal_places": f"{definition.name} Q{quarter}: give at most 2 "
                        "decimal places.",
                        "max_digits": f"{definition.name} Q{quarter}: enter a smaller number.",
                    },
                    widget=forms.TextInput(attrs={**INPUT, "inputmode": "decimal"}),
                )
                quarters.append(self[name])
            self.rows.append((definition, self[f"{key}_description"], quarters))

    def save(self, user) -> None:
        data = self.cleaned_data
        plan_metrics_save(
            plan=self.plan, user=user, revision=data["revision"],
            metrics=[
                MetricInput(
                    definition, data[description.name],
                    {q: data[field.name] for q, field in enumerate(quarters, start=1)},
                )
                for definition, description, quarters in self.rows
            ],
        )  # fmt: skip
