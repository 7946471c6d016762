"""Reads for areas and plans. Every read a user makes goes through the `…_for_user` ones."""

import datetime
from dataclasses import dataclass

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db.models import Count, OuterRef, Q, QuerySet, Subquery, Sum
from django.template.defaultfilters import pluralize
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from governance import rules
from governance.money import format_pounds
from governance.prepared import Prepared, PreparedIn, PreparedModels
from governance.progress import Progress, progress
from governance.selectors import areas_of, hwb_areas_for_user

from .additions import ToDo
from .checks import plan_checklist
from .models import AreaOfSpend, Contribution, Plan, PlanStatus
from .rows import rows


def plans_for_user(*, user: AbstractBaseUser | AnonymousUser) -> QuerySet[Plan]:
    return Plan.objects.filter(hwb_area__in=hwb_areas_for_user(user=user)).select_related(
        "hwb_area", "financial_year"
    )


_PLAN_BY_URL = PreparedModels(
    lambda ons_code, start_year: (
        Plan.objects.filter(hwb_area__ons_code=ons_code, financial_year__start_year=start_year)
        .select_related("hwb_area", "financial_year")
        .order_by()
    ),
    ons_code=str,
    start_year=int,
)


def readable_plan(*, user, ons_code: str, year: int) -> Plan | None:
    """The plan of this area and year, with its area and year, if the area is one of the
    user's (`rules.reads`, which is `hwb_areas_for_user`); else None, as for one that does
    not exist. The plan `plans_for_user(user=user).filter(...)` finds, from a query compiled
    once: every page of a plan and of its schemes starts here."""
    (found,) = rules.read_with_roles(
        user, (_PLAN_BY_URL, {"ons_code": ons_code, "start_year": year})
    )
    if not found or not rules.reads(user, found[0].hwb_area):
        return None
    return found[0]


def _years(plans: QuerySet[Plan]) -> QuerySet:
    return plans.order_by("hwb_area_id", "-financial_year__start_year").values_list(
        "hwb_area_id", "financial_year__start_year"
    )


# Every plan's year, for those who read every area: compiled once, no list of 152 areas.
_EVERY_PLANS_YEAR = Prepared(lambda: _years(Plan.objects.all()))


def plan_years(*, areas, every_area: bool = False) -> list[tuple[int, int]]:
    """(area id, the year its plan starts) of every plan of these areas (of every area, for
    a user who reads them all), each area's latest first: all a table of many areas shows
    of them."""
    if every_area:
        return _EVERY_PLANS_YEAR()
    return list(_years(Plan.objects.filter(hwb_area__in=areas)))


@dataclass(frozen=True)
class PlanSummary:
    plan: Plan
    scheme_count: int
    contributions_total: int

    @property
    def pooled_fund_display(self) -> str:
        return format_pounds(self.plan.pooled_fund_total, empty="not set")


def _summarised(plans: QuerySet[Plan]) -> QuerySet[Plan]:
    """One query: the schemes counted through a join, the contributions summed in a subquery
    (joining both would multiply each by the other)."""
    totals = (
        Contribution.objects.filter(plan=OuterRef("pk"))
        .order_by()
        .values("plan")
        .annotate(total=Sum("amount"))
        .values("total")
    )
    return plans.select_related("hwb_area", "financial_year").annotate(
        summary_schemes=Count("schemes"), summary_total=Subquery(totals)
    )


def _summaries(plans) -> list[PlanSummary]:
    return [
        PlanSummary(
            plan=plan,
            scheme_count=plan.summary_schemes,
            contributions_total=plan.summary_total or 0,
        )
        for plan in plans
    ]


def plan_summaries(*, plans: QuerySet[Plan] | None = None) -> list[PlanSummary]:
    """Each plan with its number of schemes and its contributions' total."""
    return _summaries(_summarised(plans if plans is not None else Plan.objects.all()))


# The home page's plans of a member's few areas: compiled once for each number of areas.
_AREAS_SUMMARIES = PreparedIn(
    lambda areas: _summarised(Plan.objects.filter(hwb_area__in=areas)), models=True
)


def area_plan_summaries(*, areas: list[int]) -> list[PlanSummary]:
    """`plan_summaries` of every plan of these areas (by id)."""
    return _summaries(_AREAS_SUMMARIES((areas,))) if areas else []


@dataclass(frozen=True)
class ContributionTable:
    """A plan's contributions: one row per partner and the totals, as the plan shows them."""

    rows: list[Contribution]
    total: int
    total_last_year: int | None
    pooled_fund_total: int | None

    @property
    def change(self) -> int | None:
        return None if self.total_last_year is None else self.total - self.total_last_year

    @property
    def difference_from_pooled_fund(self) -> int | None:
        """Contributions minus the pooled fund; 0 when they add up, None when no fund is set."""
        return None if self.pooled_fund_total is None else self.total - self.pooled_fund_total


def plan_contributions(*, plan: Plan) -> ContributionTable:
    contributions = rows(plan, "contributions", "partner")
    last_year = [row.amount_last_year for row in contributions]
    return ContributionTable(
        rows=contributions,
        total=sum(row.amount for row in contributions),
        # A total of last year is only meaningful when every partner's figure is known.
        total_last_year=sum(last_year) if contributions and None not in last_year else None,
        pooled_fund_total=plan.pooled_fund_total,
    )


@dataclass(frozen=True)
class ExpenditureRow:
    label: str
    amount: int | None


@dataclass(frozen=True)
class ExpenditureTable:
    """Planned expenditure in the plan's order of areas of spend; None where nothing is planned."""

    rows: list[ExpenditureRow]
    pooled_fund_total: int | None

    @property
    def is_empty(self) -> bool:
        return all(row.amount is None for row in self.rows)

    @property
    def total(self) -> int:
        return sum(row.amount or 0 for row in self.rows)

    @property
    def difference_from_pooled_fund(self) -> int | None:
        if self.pooled_fund_total is None or self.is_empty:
            return None
        return self.total - self.pooled_fund_total


def plan_expenditure(*, plan: Plan) -> ExpenditureTable:
    amounts = {row.area_of_spend: row.amount for row in rows(plan, "planned_expenditure")}
    return ExpenditureTable(
        rows=[
            ExpenditureRow(label=label, amount=amounts.get(value))
            for value, label in AreaOfSpend.choices
        ],
        pooled_fund_total=plan.pooled_fund_total,
    )


def plan_condition_statements(*, plan: Plan) -> list[dict]:
    """Every condition of the plan's year, with the plan's statement when it has one."""
    statements = {s.condition_id: s for s in plan.condition_statements.all()}
    return [
        {"condition": condition, "statement": statements.get(condition.pk)}
        for condition in plan.financial_year.national_conditions.all()
    ]


def previous_plan(plan: Plan) -> Plan | None:
    """The area's plan of the year before, if the portal holds it (one a year)."""
    found = _PLAN_OF_YEAR(area=plan.hwb_area_id, start_year=plan.financial_year.start_year - 1)
    return found[0] if found else None


_PLAN_OF_YEAR = PreparedModels(
    lambda area, start_year: Plan.objects.filter(
        hwb_area_id=area, financial_year__start_year=start_year
    ).order_by(),
    area=int,
    start_year=int,
)


_PREVIOUS_CONTRIBUTIONS = Prepared(
    lambda area, year: (
        Contribution.objects.filter(plan__hwb_area_id=area, plan__financial_year__start_year=year)
        .order_by()
        .values_list("partner_id", "amount")
    ),
    area=int,
    year=int,
)


def previous_contributions(plan: Plan) -> dict[int, int]:
    """Partner id -> what it paid into the previous year's plan (the area's one plan of
    that year): this year's `last year`. One query, compiled once (the funding page's)."""
    year = plan.financial_year.start_year - 1
    return dict(_PREVIOUS_CONTRIBUTIONS(area=plan.hwb_area_id, year=year))


@dataclass(frozen=True)
class PlanTask:
    """A part of the plan on its task list: `part` is its edit page's slug (or "schemes")."""

    part: str
    title: str
    progress: Progress
    to_do: list  # its failing checks


def plan_tasks(*, plan, checklist, parts: dict[str, type]) -> list[PlanTask]:
    """Each part of the plan with its status: Not started until something is entered,
    Completed when its checks pass. `parts`: the edit pages, slug -> form class."""

    def task(part: str, title: str, started: bool) -> PlanTask:
        to_do = checklist.for_part(part)
        status = progress(started=True, to_do=len(to_do)) if started else Progress.NOT_STARTED
        return PlanTask(part, title, status, to_do)

    tasks = [task(slug, form.title, form.started(plan)) for slug, form in parts.items()]
    return [*tasks, task("schemes", "Schemes", checklist.has_schemes)]


def plan_deadline_passed(plan: Plan, today: datetime.date | None = None) -> bool:
    """Past the day its year's plan was due, and not yet signed off."""
    deadline = plan.financial_year.plan_deadline
    today = today or timezone.localdate()
    return plan.status != PlanStatus.SIGNED_OFF and deadline is not None and deadline < today


# Compiled once for each length of the two lists (an officer's: one area, none).
_TO_DO_PLANS = PreparedIn(
    lambda editable, signing: Plan.objects.filter(
        Q(status=PlanStatus.DRAFT, hwb_area__in=editable)
        | Q(status=PlanStatus.READY, hwb_area__in=signing)
    ).select_related("hwb_area", "financial_year"),
    models=True,
)


def plans_to_do(*, user) -> list[ToDo]:
    """The plans that wait for this user: drafts they can edit (of a year whose plan has a
    deadline, or has not ended: not every old draft), and blocks they sign of a plan being
    signed."""
    today = timezone.localdate()
    to_do = []
    areas = areas_of(user=user)
    editable = [a.pk for a in rules.areas_allowing(user, rules.Action.EDIT, areas)]
    signing = [a.pk for a in rules.areas_allowing(user, rules.Action.SIGN_BLOCK, areas)]
    # Only the areas where the user edits or signs: a national analyst's 151 are not read.
    plans = _TO_DO_PLANS((editable, signing)) if editable or signing else []
    for plan in plans:
        area, year = plan.hwb_area, plan.financial_year
        deadline = year.plan_deadline
        if deadline is None and year.ends_on < today:
            continue
        title = f"{area.name}’s {year} BCF plan"
        url = reverse("plan", args=[area.ons_code, year.start_year])
        due = None
        when = ""
        if deadline is not None:
            due = datetime.datetime.combine(
                deadline, datetime.time.max, timezone.get_current_timezone()
            )
            when = f" Deadline {date_format(deadline, 'j F Y')}"
        overdue = plan_deadline_passed(plan, today)
        if plan.status == PlanStatus.DRAFT:
            failing = len(plan_checklist(plan=plan).failing)
            so_far = (f"{failing} check{pluralize(failing)} still to fix." if failing
                      else "Every check passes: mark it ready for signing.")  # fmt: skip
            to_do.append(ToDo(title, url, f"Draft. {so_far}{when}", "In progress", overdue, due))
        else:
            signs = rules.signs_for(user, area)
            for block in plan.sign_off_blocks.all():
                if not block.is_signed and block.partner_id in signs:
                    to_do.append(ToDo(
                        f"Sign {title} on behalf of {block.on_behalf_of}",
                        f"{url}#block-{block.pk}",
                        f"Being signed: your block is not signed yet.{when}",
                        "To do", overdue, due,
                    ))  # fmt: skip
    return to_do
