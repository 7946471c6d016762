"""What a plan needs before it goes for signing: the plan's checklist.

Officers save incomplete work; these checks say what is still missing or does not
add up, in words an officer can act on, and the plan cannot be marked ready for
signing until every one passes. The page that fixes each one is named by `part`.
"""

import datetime
from dataclasses import dataclass

from django.db.models import FilteredRelation, Q

from governance.money import format_pounds
from governance.prepared import Prepared

from .models import (
    ConditionStatus,
    Contribution,
    NationalCondition,
    Plan,
    PlannedExpenditure,
    SignOffBlock,
)
from .rows import rows


@dataclass(frozen=True)
class PlanCheck:
    label: str
    ok: bool
    message: str  # why it fails; empty when it passes
    part: str  # the edit page that fixes it: funding, expenditure, conditions, …
    target: str = ""  # the id on that page the check is about (its field or fieldset)


@dataclass(frozen=True)
class PlanChecklist:
    checks: list[PlanCheck]
    has_schemes: bool = False  # read for its check, and the plan page's task list

    @property
    def complete(self) -> bool:
        return all(check.ok for check in self.checks)

    @property
    def failing(self) -> list[PlanCheck]:
        return [check for check in self.checks if not check.ok]

    def for_part(self, part: str) -> list[PlanCheck]:
        return [check for check in self.failing if check.part == part]


def _check(label: str, part: str, problem: str | None, target: str = "") -> PlanCheck:
    return PlanCheck(label=label, ok=not problem, message=problem or "", part=part, target=target)


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


# Section B of the plan and the narrative parts of section A, as the checks name them.
NARRATIVE_PARTS = {
    "shared_vision": "shared vision",
    "case_for_change": "case for change",
    "plan_of_action": "plan of action",
    "risk_sharing": "approach to financial risk sharing and contingency",
    "scheme_review": "review of last year's schemes",
    "provider_engagement": "consultation and engagement of local providers",
}


def _listed(words: list[str]) -> str:
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


@dataclass(frozen=True)
class ConditionFacts:
    key: str
    number: int
    part: str
    title: str
    status: str  # empty: no statement, or one without a status
    target_date: datetime.date | None


@dataclass(frozen=True)
class PlanFacts:
    """What the checklist reads of a plan's rows: plain values, not the rows themselves."""

    contributions: list[tuple[int, int]]  # (partner id, amount)
    blocks: list[tuple[int | None, str]]  # (partner id, or None for the HWB; on behalf of)
    expenditure: list[int]
    conditions: list[ConditionFacts]  # the year's national conditions, in order
    has_schemes: bool


def plan_facts(plan: Plan) -> PlanFacts:
    """From the rows a page prefetched (`rows.prefetch_for_page`), else in five narrow
    queries, compiled once: the checklist is on every edit page of the plan, where nothing
    else reads these rows, and whole rows with their joins cost it twice the time."""
    if "contributions" in getattr(plan, "_prefetched_objects_cache", {}):
        statements = {s.condition_id: s for s in plan.condition_statements.all()}
        conditions = []
        for condition in plan.financial_year.national_conditions.all():
            statement = statements.get(condition.pk)
            conditions.append(ConditionFacts(
                condition.key, condition.number, condition.part, condition.title,
                statement.status if statement else "", statement and statement.target_date,
            ))  # fmt: skip
        return PlanFacts(
            contributions=[(c.partner_id, c.amount) for c in rows(plan, "contributions")],
            blocks=[(b.partner_id, b.on_behalf_of) for b in rows(plan, "sign_off_blocks")],
            expenditure=[row.amount for row in rows(plan, "planned_expenditure")],
            conditions=conditions,
            has_schemes=plan_has_schemes(plan),
        )
    pk = plan.pk
    return PlanFacts(
        contributions=_CONTRIBUTIONS(plan=pk),
        blocks=_BLOCKS(plan=pk),
        expenditure=[amount for (amount,) in _EXPENDITURE(plan=pk)],
        conditions=[
            ConditionFacts(key, number, part, title, status or "", target_date)
            for key, number, part, title, status, target_date in _CONDITIONS(
                plan=pk, year=plan.financial_year_id
            )
        ],
        has_schemes=plan_has_schemes(plan),
    )


def plan_has_schemes(plan: Plan) -> bool:
    """Whether the plan has a scheme (the schemes app is above plans: asked through the plan),
    from its schemes where a page has read them (`schemes.selectors.plan_schemes`)."""
    if "schemes" in getattr(plan, "_prefetched_objects_cache", {}):
        return bool(plan.schemes.all())
    return bool(_HAS_SCHEMES(plan=plan.pk))


# The checklist's queries, compiled once (`governance.prepared`): it is on every edit page.
_CONTRIBUTIONS = Prepared(
    lambda plan: (
        Contribution.objects.filter(plan_id=plan).order_by().values_list("partner_id", "amount")
    ),
    plan=int,
)
_BLOCKS = Prepared(
    lambda plan: SignOffBlock.objects.filter(plan_id=plan).values_list(
        "partner_id", "on_behalf_of"
    ),
    plan=int,
)
_EXPENDITURE = Prepared(
    lambda plan: PlannedExpenditure.objects.filter(plan_id=plan).order_by().values_list("amount"),
    plan=int,
)
_CONDITIONS = Prepared(  # each of the year's conditions, with this plan's statement beside it
    lambda plan, year: (
        NationalCondition.objects.filter(financial_year_id=year)
        .annotate(mine=FilteredRelation("statements", condition=Q(statements__plan_id=plan)))
        .order_by("number", "part")
        .values_list("key", "number", "part", "title", "mine__status", "mine__target_date")
    ),
    plan=int,
    year=int,
)
_HAS_SCHEMES = Prepared(
    lambda plan: Plan.objects.filter(pk=plan, schemes__isnull=False).values_list("pk")[:1],
    plan=int,
)


def plan_checklist(*, plan: Plan) -> PlanChecklist:
    facts = plan_facts(plan)
    contributing = {partner for partner, _ in facts.contributions}
    missing = [name for partner, name in facts.blocks if partner and partner not in contributing]
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
                fund=plan.pooled_fund_total, amounts=[amount for _, amount in facts.contributions]
            ),
        ),
        _check(
            "Planned expenditure adds up to the pooled fund",
            "expenditure",
            expenditure_problem(
                fund=plan.pooled_fund_total,
                amounts=facts.expenditure,
                comment=plan.expenditure_comment,
            ),
        ),
    ]
    for condition in facts.conditions:
        label = f"National condition {condition.number}{condition.part}: {condition.title}"
        if not condition.status:
            problem = "Give its status: Yes, No or No - In Progress."
        else:
            problem = condition_problem(status=condition.status, target_date=condition.target_date)
        checks.append(_check(label, "conditions", problem, target=condition.key))
    unwritten = [name for name in NARRATIVE_PARTS if not getattr(plan, name).strip()]
    checks.append(
        _check(
            "The narrative plan is written",
            "narrative",
            unwritten
            and "Write the "
            + _listed([NARRATIVE_PARTS[name] for name in unwritten])
            + " in the narrative plan.",
            target=unwritten[0] if unwritten else "",
        )
    )
    checks.append(
        _check(
            "The plan has at least one scheme",
            "schemes",
            None if facts.has_schemes else "Add the plan's schemes to the scheme register.",
        )
    )
    checks.append(
        _check(
            "The plan has a sign-off block for the HWB",
            "signing",
            None
            if any(partner is None for partner, _ in facts.blocks)
            else "The plan has no sign-off block for the Health and Wellbeing Board.",
        )
    )
    return PlanChecklist(checks=checks, has_schemes=facts.has_schemes)
