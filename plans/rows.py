"""A plan's related rows, read once for a page.

The plan page (and the printable plan) shows the contributions, sign-off blocks, planned
expenditure, condition statements and pooled fund quarters, and works out the plan's
checklist from the same rows: `prefetch_for_page` reads each once, and `rows` hands out
what was read, or reads it when nothing was (a service, the workbook). Each was read twice
before (issue 15).

They are read by queries compiled once (`governance.prepared`; Django's prefetching
compiled five querysets on every plan page, a sixth of its CPU) and handed over as
Django's prefetching leaves them: `plan.contributions.all()` returns them, no query. The
apps above hand over what they read for the page the same way (`hand_over`: the schemes).
"""

from django.db.models import Model

from governance.prepared import PreparedModels, together

from .models import (
    Contribution,
    NationalCondition,
    NationalConditionStatement,
    Plan,
    PlannedExpenditure,
    PooledFundQuarter,
    SignOffBlock,
)

# Each relation of the plan a page reads: its name on the plan, and its rows' query.
PLAN_PAGE = {
    "contributions": PreparedModels(
        lambda plan: Contribution.objects.filter(plan_id=plan).select_related("partner"),
        plan=int,
    ),
    "sign_off_blocks": PreparedModels(
        lambda plan: SignOffBlock.objects.filter(plan_id=plan).select_related("partner"),
        plan=int,
    ),
    "planned_expenditure": PreparedModels(
        lambda plan: PlannedExpenditure.objects.filter(plan_id=plan), plan=int
    ),
    "condition_statements": PreparedModels(
        lambda plan: NationalConditionStatement.objects.filter(plan_id=plan), plan=int
    ),
    "fund_quarters": PreparedModels(
        lambda plan: PooledFundQuarter.objects.filter(plan_id=plan), plan=int
    ),
}
# The national conditions of a year, in order (`plan.financial_year.national_conditions`).
_CONDITIONS = PreparedModels(
    lambda year: NationalCondition.objects.filter(financial_year_id=year).order_by(
        "number", "part"
    ),
    year=int,
)


def year_conditions(year_id: int) -> list[NationalCondition]:
    """The year's national conditions, by number and part, from a query compiled once."""
    return _CONDITIONS(year=year_id)


def hand_over(owner: Model, name: str, objects: list) -> None:
    """`owner.<name>.all()` returns `objects` from now on, as after Django's prefetching
    (`prefetch_related_objects` leaves the same queryset in the same place)."""
    queryset = getattr(owner, name).get_queryset()
    queryset._result_cache, queryset._prefetch_done = objects, True
    owner.__dict__.setdefault("_prefetched_objects_cache", {})[name] = queryset


def prefetch_for_page(plan: Plan) -> Plan:
    """The plan's rows, and its year's national conditions, read at once (`together`)."""
    year = plan.financial_year
    *found, conditions = together(
        *((query, {"plan": plan.pk}) for query in PLAN_PAGE.values()),
        (_CONDITIONS, {"year": year.pk}),
    )
    for name, objects in zip(PLAN_PAGE, found, strict=True):
        for row in objects:  # as the relation hands its rows the plan
            row.plan = plan
        hand_over(plan, name, objects)
    for condition in conditions:
        condition.financial_year = year
    hand_over(year, "national_conditions", conditions)
    return plan


def rows(plan: Plan, name: str, *joined: str) -> list:
    """`plan.<name>`'s rows: those prefetched, else read now with `joined` relations."""
    if name in getattr(plan, "_prefetched_objects_cache", {}):
        return list(getattr(plan, name).all())
    return list(getattr(plan, name).select_related(*joined))
