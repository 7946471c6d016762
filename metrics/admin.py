from django.contrib import admin

from .models import MetricDefinition, MetricValue, PlanMetric


@admin.register(MetricDefinition)
class MetricDefinitionAdmin(admin.ModelAdmin):
    list_display = ["name", "key", "unit", "is_local", "order"]


@admin.register(PlanMetric)
class PlanMetricAdmin(admin.ModelAdmin):
    list_display = ["definition", "plan"]
    list_filter = ["definition", "plan__financial_year"]


@admin.register(MetricValue)
class MetricValueAdmin(admin.ModelAdmin):
    list_display = ["hwb_area", "definition", "financial_year", "quarter", "kind", "value"]
    list_filter = ["definition", "kind", "hwb_area", "financial_year"]
