"""Reads for schemes, scoped through the plans a user can see."""

from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet, Sum

from governance.prepared import Prepared, PreparedModels
from plans.models import Plan
from plans.rows import hand_over

from .models import (
    DeliveryChainEntry,
    InvestmentLine,
    Milestone,
    Outcome,
    Risk,
    Scheme,
    SchemeStatus,
    Theme,
)


def schemes_for_plan(*, plan: Plan) -> QuerySet[Scheme]:
    """A plan's schemes, each with `investment_total` (known amounts) and `unknown_amounts`."""
    return _with_investment(plan.schemes.all())


def _with_investment(schemes: QuerySet[Scheme]) -> QuerySet[Scheme]:
    return (
        schemes.select_related("lead_partner")
        .annotate(
            investment_total=Sum("investment_lines__amount"),
            unknown_amounts=Count(
                "investment_lines", filter=Q(investment_lines__amount__isnull=True)
            ),
        )
        .order_by("reference")
    )


# The plan page, the register and the printable plan list every scheme of the plan: compiled
# once (`governance.prepared`), as are the other reads of those pages below (whether a plan
# has any scheme: `plans.checks.plan_has_schemes`).
_SCHEMES = PreparedModels(
    lambda plan: _with_investment(Scheme.objects.filter(plan_id=plan)), plan=int
)


def plan_schemes(*, plan: Plan) -> list[Scheme]:
    """`schemes_for_plan`'s schemes, as a list, each knowing its plan, and handed to the plan
    as Django's prefetching would (`plan.schemes.all()`: whether it has any, for its
    checklist, is then no query)."""
    schemes = _SCHEMES(plan=plan.pk)
    for scheme in schemes:
        scheme.plan = plan
    hand_over(plan, "schemes", schemes)
    return schemes


@dataclass(frozen=True)
class InvestmentSummary:
    total: int
    unknown_count: int
    line_count: int


def scheme_investment(*, scheme: Scheme) -> InvestmentSummary:
    return investment_summary([line.amount for line in scheme.investment_lines.all()])


def investment_summary(amounts: list[int | None]) -> InvestmentSummary:
    """What a scheme's lines come to: the known amounts' total, how many are unknown."""
    return InvestmentSummary(
        total=sum(a for a in amounts if a is not None),
        unknown_count=amounts.count(None),
        line_count=len(amounts),
    )


# A scheme's page: the scheme with its lead partner, then each of its repeating parts, each
# from a query compiled once (`governance.prepared`).
_SCHEME = PreparedModels(
    lambda plan, scheme: Scheme.objects.filter(plan_id=plan, pk=scheme).select_related(
        "lead_partner"
    ),
    plan=int,
    scheme=int,
)
_PARTS = {
    name: PreparedModels(
        lambda scheme, model=model, joined=joined: model.objects.filter(
            scheme_id=scheme
        ).select_related(*joined),
        scheme=int,
    )
    for name, model, joined in (
        ("investment_lines", InvestmentLine, ()),
        ("milestones", Milestone, ()),
        ("outcomes", Outcome, ()),
        ("risks", Risk, ()),
        ("delivery_chain", DeliveryChainEntry, ("partner",)),
    )
}


def plan_scheme(*, plan: Plan, pk: int) -> Scheme | None:
    """The plan's scheme `pk` with its lead partner, knowing its plan; None if the plan has
    none such."""
    found = _SCHEME(plan=plan.pk, scheme=pk)
    if not found:
        return None
    found[0].plan = plan
    return found[0]


def scheme_page(*, plan: Plan, pk: int) -> dict | None:
    """The plan's scheme `pk` (None if the plan has none such) with its lead partner, its
    investment (`scheme_investment`'s summary) and each of its repeating parts, in order,
    by the scheme's names for them: `investment_lines`, `milestones`, …"""
    scheme = plan_scheme(plan=plan, pk=pk)
    if scheme is None:
        return None
    page = {"scheme": scheme}
    for name, query in _PARTS.items():
        page[name] = query(scheme=scheme.pk)
        for part in page[name]:  # as the relation hands its rows the scheme
            part.scheme = scheme
    page["investment"] = investment_summary([line.amount for line in page["investment_lines"]])
    return page


@dataclass(frozen=True)
class RegisterFilter:
    """What the register is filtered by; empty strings show everything."""

    lead_partner: str = ""  # a partner's id
    theme: str = ""  # a Theme value, or "none"
    status: str = ""  # a SchemeStatus value, or "none"

    @classmethod
    def from_query(cls, query, *, lead_partners: list[tuple[int, str]]) -> "RegisterFilter":
        """From the page's query string; a value that is not one of the choices is ignored."""
        partners = {str(pk) for pk, _name in lead_partners}
        chosen = {
            "lead_partner": query.get("lead_partner", ""),
            "theme": query.get("theme", ""),
            "status": query.get("status", ""),
        }
        allowed = {
            "lead_partner": partners,
            "theme": {*Theme.values, "none"},
            "status": {*SchemeStatus.values, "none"},
        }
        return cls(**{k: v if v in allowed[k] else "" for k, v in chosen.items()})

    @property
    def active(self) -> bool:
        return any((self.lead_partner, self.theme, self.status))


@dataclass(frozen=True)
class Register:
    schemes: list
    total: int  # known amounts of the schemes shown
    unknown_count: int  # their investment lines with an unknown amount
    all_count: int  # schemes in the plan, whatever the filter
    lead_partners: list  # (id, name) of the partners leading any of the plan's schemes


def scheme_lead_partners(*, plan: Plan) -> list[tuple[int, str]]:
    """(id, name) of each partner leading any of the plan's schemes, by name."""
    return _LEAD_PARTNERS(plan=plan.pk)


_LEAD_PARTNERS = Prepared(
    lambda plan: (
        Scheme.objects.filter(plan_id=plan)
        .values_list("lead_partner_id", "lead_partner__name")
        .distinct()
        .order_by("lead_partner__name")
    ),
    plan=int,
)


def scheme_register(
    *, plan: Plan, chosen: RegisterFilter, lead_partners: list[tuple[int, str]]
) -> Register:
    if chosen.active:
        schemes = schemes_for_plan(plan=plan)
        lookups = {"lead_partner_id": chosen.lead_partner, "theme": chosen.theme,
                   "status": chosen.status}  # fmt: skip
        for field, value in lookups.items():
            if value:
                schemes = schemes.filter(**{field: "" if value == "none" else value})
        shown, all_count = list(schemes), plan.schemes.count()
    else:  # the register as it opens: every scheme, from a query compiled once
        shown = plan_schemes(plan=plan)
        all_count = len(shown)
    return Register(
        schemes=shown,
        total=sum(s.investment_total or 0 for s in shown),
        unknown_count=sum(s.unknown_amounts for s in shown),
        all_count=all_count,
        lead_partners=lead_partners,
    )


def _rows_by_scheme(part, *fields: str) -> Prepared:
    """The plan's rows of a repeating part (scheme id, then `fields`), by scheme, in order."""
    return Prepared(
        lambda plan: (
            part.objects.filter(scheme__plan_id=plan)
            .order_by("scheme_id", "position")
            .values_list("scheme_id", *fields)
        ),
        plan=int,
    )


_PRINTED_LINES = _rows_by_scheme(InvestmentLine, "description", "amount")
_PRINTED_MILESTONES = _rows_by_scheme(Milestone, "description", "timescale")


def _by_scheme(rows: list[tuple]) -> dict[int, list[tuple]]:
    found: dict[int, list[tuple]] = defaultdict(list)
    for scheme_id, *row in rows:
        found[scheme_id].append(tuple(row))
    return found


def schemes_in_full(*, plan: Plan) -> list[Scheme]:
    """The plan's schemes with the repeating parts the printable plan shows, in three
    queries: each scheme's `print_lines` (description, amount) and `print_milestones`
    (description, timescale), in order, read as rows (a model for each of a plan's hundreds
    of lines was most of the printable plan's cost)."""
    schemes = plan_schemes(plan=plan)
    lines = _by_scheme(_PRINTED_LINES(plan=plan.pk))
    milestones = _by_scheme(_PRINTED_MILESTONES(plan=plan.pk))
    for scheme in schemes:
        scheme.print_lines, scheme.print_milestones = lines[scheme.pk], milestones[scheme.pk]
    return schemes
