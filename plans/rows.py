"""A plan's related rows, read once for a page.

The plan page (and the printable plan) shows the contributions, sign-off blocks, planned
expenditure and condition statements, and works out the plan's checklist from the same
rows: `prefetch_for_page` reads each once, and `rows` hands out what was read, or reads
it when nothing was (a service, the workbook). Each was read twice before (issue 15).
"""

from django.db.models import Prefetch, prefetch_related_objects

from .models import Contribution, Plan, SignOffBlock

PLAN_PAGE = (
    Prefetch("contributions", queryset=Contribution.objects.select_related("partner")),
    Prefetch("sign_off_blocks", queryset=SignOffBlock.objects.select_related("partner")),
    "planned_expenditure",
    "condition_statements",
    "financial_year__national_conditions",
)


def prefetch_for_page(plan: Plan) -> Plan:
    prefetch_related_objects([plan], *PLAN_PAGE)
    return plan


def rows(plan: Plan, name: str, *joined: str) -> list:
    """`plan.<name>`'s rows: those prefetched, else read now with `joined` relations."""
    if name in getattr(plan, "_prefetched_objects_cache", {}):
        return list(getattr(plan, name).all())
    return list(getattr(plan, name).select_related(*joined))
