"""Admin for metrics. A plan's wording of its metrics and its plan values (targets) belong
to the plan: read-only here once it is locked, and every change recorded."""

from django.contrib import admin

from governance.audit import AuditedAdmin
from plans.admin import LockedWithPlan, NotIntoALockedPlan
from plans.models import Plan

from .models import MetricDefinition, MetricValue, PlanMetric, ValueKind


def plan_of_value(*, hwb_area, financial_year, kind) -> Plan | None:
    """A plan value (a target) is its area's plan for the year's; a baseline or an actual is
    no plan's."""
    if kind != ValueKind.PLAN or hwb_area is None or financial_year is None:
        return None
    return Plan.objects.filter(hwb_area=hwb_area, financial_year=financial_year).first()


@admin.register(MetricDefinition)
class MetricDefinitionAdmin(admin.ModelAdmin):
    list_display = ["name", "key", "unit", "is_local", "order"]


@admin.register(PlanMetric)
class PlanMetricAdmin(LockedWithPlan, AuditedAdmin):
    form = NotIntoALockedPlan
    list_display = ["definition", "plan"]
    list_filter = ["definition", "plan__financial_year"]


class MetricValueForm(NotIntoALockedPlan):
    def plan_of(self, data) -> Plan | None:
        return plan_of_value(
            hwb_area=data.get("hwb_area"),
            financial_year=data.get("financial_year"),
            kind=data.get("kind"),
        )


@admin.register(MetricValue)
class MetricValueAdmin(LockedWithPlan, AuditedAdmin):
    form = MetricValueForm
    list_display = ["hwb_area", "definition", "financial_year", "quarter", "kind", "value"]
    list_filter = ["definition", "kind", "hwb_area", "financial_year"]

    def plan_of(self, obj) -> Plan | None:
        if obj is None:
            return None
        return plan_of_value(
            hwb_area=obj.hwb_area, financial_year=obj.financial_year, kind=obj.kind
        )
