"""A plan sent to NHS England (`governance.submissions`): what a submission of it keeps, and
the key lines of enquiry NHS England asks of a plan.

Officers send drafts of a draft plan (a snapshot: the plan stays editable), as Norfolk sent
two drafts of its 2016/17 plan; once it is signed off, a signer for the Board sends the
final one. What is kept is the plan workbook, byte for byte, and every value it holds (sheet
by sheet, cell by cell: what a resubmission is compared with), the plan's checklist and its
key lines as the portal found them.

The key lines follow the issue that asked for assurance: contributions equal the pooled
fund, each condition met or planned, and (from the apps that add them, `plans.additions`)
targets set for every metric and every scheme funded; whether the financial position is
resolved, with allocations and a risk share agreed, is the reviewer's judgement (the seed's
Norfolk papers: "without financial resolution, the plan will not be approved").
"""

from governance.models import SubmissionKind
from governance.submissions import Enquiry, Finding, Rating, Sent, found
from governance.uploads.reader import read_workbook

from . import additions
from .checks import contributions_problem, plan_checklist
from .models import ConditionStatus, Plan
from .rows import rows
from .selectors import plan_condition_statements
from .workbook import plan_workbook_bytes


def _contributions(plan: Plan) -> Finding:
    amounts = [c.amount for c in rows(plan, "contributions", "partner")]
    problem = contributions_problem(fund=plan.pooled_fund_total, amounts=amounts)
    if problem:
        return Finding(Rating.RED, problem)
    return Finding(Rating.GREEN, "The partners' contributions add up to the pooled fund.")


def _conditions(plan: Plan) -> Finding:
    statements = plan_condition_statements(plan=plan)

    def name(entry) -> str:
        condition = entry["condition"]
        return f"National condition {condition.number}{condition.part}"

    unknown = [e for e in statements if e["statement"] is None or not e["statement"].status]
    not_met = [e for e in statements
               if e not in unknown and e["statement"].status != ConditionStatus.YES]  # fmt: skip
    undated = [e for e in not_met if e["statement"].target_date is None]
    if unknown or undated:
        said = [*(f"{name(e)}: no status" for e in unknown),
                *(f"{name(e)}: not met, no date" for e in undated)]  # fmt: skip
        return Finding(Rating.RED, "; ".join(said) + ".")
    if not_met:
        dated = "; ".join(f"{name(e)} by {e['statement'].target_date:%d/%m/%Y}" for e in not_met)
        return Finding(Rating.AMBER, f"Planned, not yet met: {dated}.")
    return Finding(Rating.GREEN, f"All {len(statements)} national conditions are met.")


PLAN_ENQUIRIES = (
    Enquiry("contributions", "Do the contributions equal the pooled fund?", _contributions),
    Enquiry("conditions", "Is each national condition met, or planned with a date?", _conditions),
)
FINANCE = Enquiry(
    "finance", "Is the financial position resolved, with the allocations and a risk share agreed?"
)


def plan_enquiries() -> list[Enquiry]:
    """The plan's own lines, those the apps above add, then the reviewer's judgement."""
    return [*PLAN_ENQUIRIES, *additions.enquiries(), FINANCE]


def workbook_values(content: bytes) -> dict[str, str]:
    """Every value of the workbook, as `Sheet!row:column` -> text: what was sent."""
    names = read_workbook(content, sheets=(), what="a plan").sheet_names
    book = read_workbook(content, sheets=names, what="a plan")
    return {f"{sheet.name}!{r}:{c}": str(value)
            for sheet in book.sheets.values() for (r, c), value in sorted(sheet.cells.items())
            if value is not None and value != ""}  # fmt: skip


def plan_sent(plan: Plan, *, draft: bool) -> Sent:
    """What a submission of the plan keeps: a draft of it, or (signed off) the plan."""
    content = plan_workbook_bytes(plan=plan)
    year = plan.financial_year
    name = f"BCF-plan-{year.start_year}-{plan.hwb_area.name.replace(' ', '-')}"
    return Sent(
        subject=plan, kind=SubmissionKind.PLAN_DRAFT if draft else SubmissionKind.PLAN,
        title=f"{year} plan{' (draft)' if draft else ''}", round_key=f"plan_{year.start_year}",
        version=plan.version, answers=workbook_values(content), content=content,
        filename=f"{name}{'-DRAFT' if draft else ''}.xlsx",
        checklist=[{"label": c.label, "passed": c.ok, "detail": c.message}
                   for c in plan_checklist(plan=plan).checks],
        warnings=[], enquiries=found(plan_enquiries(), plan),
    )  # fmt: skip
