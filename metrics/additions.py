"""What metrics add to a plan: the metric targets section of its page, its edit page, and
the Metrics sheet of its workbook."""

from governance.sheets import table_write
from plans import additions

from .forms import MetricsForm
from .selectors import plan_metric_table


def metrics_sheet_write(book, *, plan, formats: dict) -> None:
    table_write(
        book, "Metrics", ["Metric", "Target", "Plan Q1", "Plan Q2", "Plan Q3", "Plan Q4"],
        [40, 80, 12, 12, 12, 12],
        [[m.name, m.description, *(None if v is None else float(v) for v in m.plan)]
         for m in plan_metric_table(plan=plan)],
        formats,
    )  # fmt: skip


def register() -> None:
    additions.add_plan_section(
        additions.PlanSection("metrics", read=lambda plan: plan_metric_table(plan=plan))
    )
    additions.add_edit_part("metrics", MetricsForm)
    additions.add_workbook_sheets(10, metrics_sheet_write)
