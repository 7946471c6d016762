"""The plan as a workbook, for the Board's papers, analysts and NHS England: a Plan sheet
(the summary and sign-off), then contributions, the quarterly fund profile, planned
expenditure, national conditions, the narrative plan; then the sheets other apps add
(`plans.additions`):
metric targets, and the scheme register's two sheets exactly as the register exports them
(so the same file imports back into the register).
"""

import io

import xlsxwriter

from governance.sheets import sheet_formats, table_write

from . import additions, selectors
from .models import Plan
from .services import NARRATIVE_FIELDS


def plan_workbook_bytes(*, plan: Plan) -> bytes:
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True, "strings_to_formulas": False})
    book.set_properties({"title": f"{plan.hwb_area.name} BCF plan {plan.financial_year}"})
    formats = sheet_formats(book)
    year, last = str(plan.financial_year), plan.financial_year.previous_label
    contributions = selectors.plan_contributions(plan=plan)
    blocks = plan.sign_off_blocks.all()
    table_write(
        book, "Plan", ["Item", "Value"], [40, 60],
        [
            ["HWB area", plan.hwb_area.name], ["ONS code", plan.hwb_area.ons_code],
            ["Financial year", year], ["Status", plan.get_status_display()],
            ["Version", str(plan.version)], ["Pooled fund total", plan.pooled_fund_total],
            ["Expenditure comment", plan.expenditure_comment],
            *([f"Signed on behalf of {b.on_behalf_of}",
               f"{b.signed_by}, {b.position}, {b.signed_on:%d/%m/%Y}" if b.is_signed
               else "Not signed"] for b in blocks),
        ],
        formats,
    )  # fmt: skip
    table_write(
        book, "Contributions", ["Partner", year, last, "Change"], [45, 16, 16, 16],
        [[row.partner.name, row.amount, row.amount_last_year, row.change]
         for row in contributions.rows]
        + [["Total", contributions.total, contributions.total_last_year, contributions.change]],
        formats,
    )  # fmt: skip
    table_write(
        book, "Fund by quarter", ["Quarter", "Planned income", "Planned expenditure"], [12, 18, 18],
        [[f"Q{q.quarter} {year}", q.income, q.expenditure] for q in plan.fund_quarters.all()],
        formats,
    )  # fmt: skip
    expenditure = selectors.plan_expenditure(plan=plan)
    table_write(
        book, "Expenditure", ["Area of spend", year], [30, 16],
        [[row.label, row.amount] for row in expenditure.rows] + [["Total", expenditure.total]],
        formats,
    )  # fmt: skip
    table_write(
        book, "Conditions", ["Condition", "Status", "How it is met", "Target date"],
        [45, 18, 80, 14],
        [[f"{e['condition'].number}{e['condition'].part}. {e['condition'].title}",
          e["statement"].status if e["statement"] else "",
          e["statement"].narrative if e["statement"] else "",
          f"{e['statement'].target_date:%d/%m/%Y}"
          if e["statement"] and e["statement"].target_date else ""]
         for e in selectors.plan_condition_statements(plan=plan)],
        formats,
    )  # fmt: skip
    table_write(
        book, "Narrative", ["Part", "Text"], [40, 120],
        [[str(Plan._meta.get_field(name).verbose_name).capitalize(), getattr(plan, name)]
         for name in NARRATIVE_FIELDS],
        formats,
    )  # fmt: skip
    for write in additions.workbook_sheets():
        write(book, plan=plan, formats=formats)
    book.close()
    return buffer.getvalue()
