"""National and local BCF metrics: what each measures, and its values per area and quarter."""

from django.db import models
from django.db.models import Q

from governance.constraints import quarter_1_to_4, valid_choice
from governance.models import FinancialYear, HwbArea
from plans.models import Plan


class MetricUnit(models.TextChoices):
    COUNT = "count", "Count"
    RATE_PER_100K = "rate_per_100k", "Rate per 100,000"
    PERCENTAGE = "percentage", "Percentage"
    DAYS = "days", "Days"
    OTHER = "other", "Other"


class MetricDefinition(models.Model):
    """A BCF metric, e.g. non-elective admissions; local ones are described per plan."""

    key = models.SlugField(max_length=40, unique=True)
    name = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    unit = models.CharField(max_length=15, choices=MetricUnit.choices)
    is_local = models.BooleanField(
        default=False, help_text="Defined by each HWB area in its plan (local, patient experience)."
    )
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "key"]
        constraints = [
            valid_choice("unit", MetricUnit, "Choose a unit from the list."),
        ]

    def __str__(self) -> str:
        return self.name


class PlanMetric(models.Model):
    """How a plan describes a metric: the local metric and the patient-experience metric."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="metrics")
    definition = models.ForeignKey(MetricDefinition, on_delete=models.PROTECT, related_name="+")
    description = models.TextField()

    class Meta:
        ordering = ["definition__order"]
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "definition"],
                name="metrics_planmetric_one_per_metric",
                violation_error_message="This plan already describes this metric.",
            )
        ]

    def __str__(self) -> str:
        return f"{self.definition} ({self.plan})"


class ValueKind(models.TextChoices):
    BASELINE = "baseline", "Baseline"
    PLAN = "plan", "Plan"
    ACTUAL = "actual", "Actual"


class MetricValue(models.Model):
    """A baseline, plan or actual value of a metric for one HWB area and quarter.

    Values are keyed by the quarter they describe, as the template's ids are:
    `nea_baseline_fy1415_q3` is the baseline count for Q3 2014/15.
    """

    hwb_area = models.ForeignKey(
        HwbArea, on_delete=models.CASCADE, related_name="metric_values", verbose_name="HWB area"
    )
    definition = models.ForeignKey(
        MetricDefinition, on_delete=models.PROTECT, related_name="values"
    )
    financial_year = models.ForeignKey(FinancialYear, on_delete=models.PROTECT, related_name="+")
    quarter = models.PositiveSmallIntegerField()
    kind = models.CharField(max_length=10, choices=ValueKind.choices)
    value = models.DecimalField(max_digits=14, decimal_places=2)

    class Meta:
        ordering = ["definition__order", "financial_year__start_year", "quarter", "kind"]
        constraints = [
            models.UniqueConstraint(
                fields=["hwb_area", "definition", "financial_year", "quarter", "kind"],
                name="metrics_metricvalue_one_per_area_quarter_and_kind",
                violation_error_message="This value is already recorded for this quarter.",
            ),
            quarter_1_to_4(),
            valid_choice("kind", ValueKind, "Choose baseline, plan or actual."),
            models.CheckConstraint(
                condition=Q(value__gte=0),
                name="metrics_metricvalue_value_not_negative",
                violation_error_message="A metric value cannot be negative.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.hwb_area} {self.definition.key} {self.kind} {self.period_code}"

    @property
    def period_code(self) -> str:
        """`fy1516_q3`, as in question ids."""
        return self.financial_year.quarter_code(self.quarter)
