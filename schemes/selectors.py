"""Reads for schemes, scoped through the plans a user can see."""

from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet, Sum

from plans.models import Plan

from .models import Scheme


def schemes_for_plan(*, plan: Plan) -> QuerySet[Scheme]:
    """A plan's schemes, each with `investment_total` (known amounts) and `unknown_amounts`."""
    return (
        plan.schemes.select_related("lead_partner")
        .annotate(
            investment_total=Sum("investment_lines__amount"),
            unknown_amounts=Count(
                "investment_lines", filter=Q(investment_lines__amount__isnull=True)
            ),
        )
        .order_by("reference")
    )


@dataclass(frozen=True)
class InvestmentSummary:
    total: int
    unknown_count: int
    line_count: int


def scheme_investment(*, scheme: Scheme) -> InvestmentSummary:
    amounts = [line.amount for line in scheme.investment_lines.all()]
    return InvestmentSummary(
        total=sum(a for a in amounts if a is not None),
        unknown_count=amounts.count(None),
        line_count=len(amounts),
    )
