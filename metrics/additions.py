"""What metrics add to a plan: the metric targets section of its page, its edit page, the
Metrics sheet of its workbook, and NHS England's key line on its targets."""

from governance.sheets import table_write
from governance.submissions import Enquiry, Finding, Rating
from plans import additions

from .forms import MetricsForm
from .models import MetricDefinition
from .selectors import plan_metric_table


def metrics_sheet_write(book, *, plan, formats: dict) -> None:
    table_write(
        book, "Metrics", ["Metric", "Target", "Plan Q1", "Plan Q2", "Plan Q3", "Plan Q4"],
        [40, 80, 12, 12, 12, 12],
        [[m.name, m.description, *(None if v is None else float(v) for v in m.plan)]
         for m in plan_metric_table(plan=plan)],
        formats,
    )  # fmt: skip


def _targets(plan) -> Finding:
    """Red: a metric of the catalogue with no target (neither words nor a planned value)."""
    table = {row.name for row in plan_metric_table(plan=plan)}
    missing = [d.name for d in MetricDefinition.objects.all() if d.name not in table]
    if missing:
        return Finding(Rating.RED, f"No target set: {'; '.join(missing)}.")
    return Finding(Rating.GREEN, "Every metric has a target.")


TARGETS = Enquiry("targets", "Are targets set for every metric?", _targets)


def register() -> None:
    additions.add_enquiry(10, TARGETS)
    additions.add_plan_section(
        additions.PlanSection("metrics", read=lambda plan: plan_metric_table(plan=plan))
    )
    additions.add_edit_part("metrics", MetricsForm)
    additions.add_workbook_sheets(10, metrics_sheet_write)
