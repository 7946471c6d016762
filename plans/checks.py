"""What a plan needs before it goes for signing: the plan's checklist.

Officers save incomplete work; these checks say what is still missing or does not
add up, in words an officer can act on, and the plan cannot be marked ready for
signing until every one passes. The page that fixes each one is named by `part`.
"""

from dataclasses import dataclass

from governance.money import format_pounds

from .models import ConditionStatus, Plan


@dataclass(frozen=True)
class PlanCheck:
    label: str
    ok: bool
    message: str  # why it fails; empty when it passes
    part: str  # the edit page that fixes it: funding, expenditure, conditions, …


@dataclass(frozen=True)
class PlanChecklist:
    checks: list[PlanCheck]

    @property
    def complete(self) -> bool:
        return all(check.ok for check in self.checks)

    @property
    def failing(self) -> list[PlanCheck]:
        return [check for check in self.checks if not check.ok]

    def for_part(self, part: str) -> list[PlanCheck]:
        return [check for check in self.failing if check.part == part]


def _check(label: str, part: str, problem: str | None) -> PlanCheck:
    return PlanCheck(label=label, ok=not problem, message=problem or "", part=part)


def _difference(total: int, fund: int, what: str) -> str | None:
    """`what` with its verb: "Planned expenditure adds up"."""
    if total == fund:
        return None
    gap = abs(total - fund)
    direction = "more" if total > fund else "less"
    return (
        f"{what} to {format_pounds(total)}, {format_pounds(gap)} {direction} than the "
        f"pooled fund of {format_pounds(fund)}."
    )


def contributions_problem(*, fund: int | None, amounts: list[int]) -> str | None:
    """Our rule: the partners' contributions add up to the pooled fund total."""
    if fund is None:
        return "Give the pooled fund total."
    return _difference(sum(amounts), fund, "The partners' contributions add up")


def expenditure_problem(*, fund: int | None, amounts: list[int], comment: str) -> str | None:
    """Planned expenditure adds up to the pooled fund, or a comment says why not."""
    if not amounts:
        return "Give the planned expenditure by area of spend."
    if fund is None or comment.strip():
        return None
    problem = _difference(sum(amounts), fund, "Planned expenditure adds up")
    return problem and f"{problem} Correct it, or explain the difference in the comment."


def condition_problem(*, status: str, target_date) -> str | None:
    """A condition not yet met says when it will be."""
    if status and status != ConditionStatus.YES and target_date is None:
        return f"The status is “{status}”: give the date by which the condition will be met."
    return None


def plan_checklist(*, plan: Plan) -> PlanChecklist:
    contributions = list(plan.contributions.select_related("partner"))
    contributing = {c.partner_id for c in contributions}
    blocks = list(plan.sign_off_blocks.select_related("partner"))
    missing = [b.on_behalf_of for b in blocks if b.partner_id and b.partner_id not in contributing]
    expenditure = list(plan.planned_expenditure.values_list("amount", flat=True))
    statements = {s.condition_id: s for s in plan.condition_statements.all()}
    checks = [
        _check(
            "Every signing partner's contribution is given",
            "funding",
            missing and f"No contribution is given for {', '.join(missing)}.",
        ),
        _check(
            "Contributions add up to the pooled fund",
            "funding",
            contributions_problem(
                fund=plan.pooled_fund_total, amounts=[c.amount for c in contributions]
            ),
        ),
        _check(
            "Planned expenditure adds up to the pooled fund",
            "expenditure",
            expenditure_problem(
                fund=plan.pooled_fund_total, amounts=expenditure, comment=plan.expenditure_comment
            ),
        ),
    ]
    for condition in plan.financial_year.national_conditions.all():
        statement = statements.get(condition.pk)
        label = f"National condition {condition.number}{condition.part}: {condition.title}"
        if statement is None or not statement.status:
            problem = "Give its status: Yes, No or No - In Progress."
        else:
            problem = condition_problem(status=statement.status, target_date=statement.target_date)
        checks.append(_check(label, "conditions", problem))
    checks.append(
        _check(
            "The plan has at least one scheme",
            "schemes",
            None if plan.schemes.exists() else "Add the plan's schemes to the scheme register.",
        )
    )
    checks.append(
        _check(
            "The plan has a sign-off block for the HWB",
            "signing",
            None
            if any(b.partner_id is None for b in blocks)
            else "The plan has no sign-off block for the Health and Wellbeing Board.",
        )
    )
    return PlanChecklist(checks=checks)
