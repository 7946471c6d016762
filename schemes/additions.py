"""What the scheme register adds to a plan: the schemes section of its page (every scheme in
full on the printable plan) and the register's two sheets in its workbook."""

from plans import additions

from .register import register_sheets_write
from .selectors import schemes_for_plan, schemes_in_full


def register() -> None:
    additions.add_plan_section(
        additions.PlanSection(
            "schemes",
            read=lambda plan: schemes_for_plan(plan=plan),
            read_in_full=lambda plan: schemes_in_full(plan=plan),
        )
    )
    additions.add_workbook_sheets(20, register_sheets_write)
