"""Reads for returns: a return's values and checklist, what pre-populates a new return.

Every read a user makes goes through `returns_for_user`, so another area's
return is a 404 exactly like one that does not exist.
"""

from dataclasses import dataclass
from functools import cached_property

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db.models import Count, QuerySet
from django.utils import timezone

from governance import rules
from governance.models import HwbArea
from governance.selectors import hwb_areas_for_user
from governance.worddiff import word_diff
from metrics.models import MetricValue, PlanMetric
from plans.models import Plan

from .definitions import Template, template
from .definitions.evaluation import Checklist, calculate, checklist
from .definitions.sources import SourceData
from .models import QuarterlyReturn, ReportingPeriod, ReturnStatus


def returns_for_user(*, user: AbstractBaseUser | AnonymousUser) -> QuerySet[QuarterlyReturn]:
    return QuarterlyReturn.objects.filter(
        hwb_area__in=hwb_areas_for_user(user=user)
    ).select_related("hwb_area", "period__financial_year")


def period_by_code(code: str) -> ReportingPeriod | None:
    """`fy1516_q3` -> the reporting period for Q3 2015/16, if there is one."""
    parts = ReportingPeriod.parse_code(code)
    if parts is None:
        return None
    start_year, quarter = parts
    return (
        ReportingPeriod.objects.select_related("financial_year")
        .filter(financial_year__start_year=start_year, quarter=quarter)
        .first()
    )


def decoded_answers(*, answers, definition: Template) -> dict[str, object]:
    """Stored answer rows (question_id, value) -> {id: Python value}; unknown ids are left out."""
    values = {}
    for question_id, text in answers:
        if definition.has(question_id):
            values[question_id] = definition.question(question_id).type.from_db(text)
    return values


def return_answers(*, quarterly_return: QuarterlyReturn) -> dict[str, object]:
    """The return's stored answers (inputs and pre-populated), as Python values.

    Uses answers prefetched with the return (`prefetch_related("answers")`) when there are.
    """
    if "answers" in getattr(quarterly_return, "_prefetched_objects_cache", {}):
        rows = [(a.question_id, a.value) for a in quarterly_return.answers.all()]
    else:
        rows = quarterly_return.answers.values_list("question_id", "value")
    return decoded_answers(answers=rows, definition=template(quarterly_return.template_version))


@dataclass(frozen=True)
class ReturnState:
    """A return as its pages show it: the definition, every value (with calculations), checklist."""

    quarterly_return: QuarterlyReturn
    definition: Template
    answers: dict[str, object]

    @cached_property
    def values(self) -> dict[str, object]:
        return calculate(self.definition, self.answers)

    @cached_property
    def checklist(self) -> Checklist:
        return checklist(self.definition, self.values)

    @cached_property
    def previous(self) -> dict[str, object]:
        """The amendable inputs as previously returned (what they were pre-filled with)."""
        return decoded_answers(
            answers=self.quarterly_return.prefilled.items(), definition=self.definition
        )

    @cached_property
    def previous_values(self) -> dict[str, object]:
        """Every value as it stood before this quarter's amendments, calculations included."""
        return calculate(self.definition, {**self.answers, **self.previous})


def return_state(*, quarterly_return: QuarterlyReturn) -> ReturnState:
    return ReturnState(
        quarterly_return,
        template(quarterly_return.template_version),
        return_answers(quarterly_return=quarterly_return),
    )


def source_data(*, hwb_area: HwbArea, period: ReportingPeriod) -> SourceData:
    """Everything the portal holds that a new return of this area and period plays back."""
    plan = Plan.objects.filter(hwb_area=hwb_area, financial_year=period.financial_year).first()
    plan_metrics = (
        dict(PlanMetric.objects.filter(plan=plan).values_list("definition__key", "description"))
        if plan
        else {}
    )
    metric_values = {
        (value.definition.key, value.kind, value.period_code): value.value
        for value in MetricValue.objects.filter(hwb_area=hwb_area).select_related(
            "definition", "financial_year"
        )
    }
    earlier = {}
    for earlier_return in (
        QuarterlyReturn.objects.filter(hwb_area=hwb_area)
        .exclude(period=period)
        .select_related("period__financial_year")
        .prefetch_related("answers")
    ):
        try:
            definition = template(earlier_return.template_version)
        except LookupError:
            continue  # a version this portal no longer defines has nothing to play back
        earlier[earlier_return.period.code] = decoded_answers(
            answers=[(a.question_id, a.value) for a in earlier_return.answers.all()],
            definition=definition,
        )
    return SourceData(
        area_name=hwb_area.name,
        population=hwb_area.population,
        pooled_fund=plan.pooled_fund_total if plan else None,
        fund_quarters=_fund_quarters(plan),
        plan_metrics=plan_metrics,
        metric_values=metric_values,
        earlier_answers=earlier,
    )


def _fund_quarters(plan: Plan | None) -> dict[tuple[str, int], int]:
    quarters = {}
    for quarter in plan.fund_quarters.all() if plan else ():
        for flow in ("income", "expenditure"):
            if getattr(quarter, flow) is not None:
                quarters[flow, quarter.quarter] = getattr(quarter, flow)
    return quarters


def period_lookup(code: str) -> dict:
    """`fy1516_q3` -> the filter of a return's period, for a URL's (checked) period code."""
    start_year, quarter = ReportingPeriod.parse_code(code)
    return {"period__financial_year__start_year": start_year, "period__quarter": quarter}


def can_edit_return(*, user: AbstractBaseUser | AnonymousUser, quarterly_return) -> bool:
    """The user may edit the area's drafts, and this return is a draft (not locked)."""
    return quarterly_return.status == ReturnStatus.DRAFT and rules.allows(
        user, rules.Action.EDIT, quarterly_return.hwb_area
    )


def periods_with_returns(*, hwb_area: HwbArea) -> list[tuple[ReportingPeriod, object]]:
    """Every reporting period, newest first, with the area's return for it (or None)."""
    returns = {r.period_id: r for r in QuarterlyReturn.objects.filter(hwb_area=hwb_area)}
    periods = ReportingPeriod.objects.select_related("financial_year").order_by(
        "-financial_year__start_year", "-quarter"
    )
    return [(period, returns.get(period.pk)) for period in periods]


def answer_differences(*, definition: Template, before: dict, after: dict) -> list[tuple]:
    """The answers that differ between two sets of values, grouped by section in template
    order: [(section, [(question, marked before and after)])]. Both values in full."""
    grouped = []
    for section in definition.sections:
        rows = [
            (question, word_diff(
                question.type.display(before.get(question.id)) or "",
                question.type.display(after.get(question.id)) or "",
            ))
            for question in section.questions
            if before.get(question.id) != after.get(question.id)
        ]  # fmt: skip
        if rows:
            grouped.append((section, rows))
    return grouped


@dataclass(frozen=True)
class ReturnToDo:
    """A return on someone's to-do list, with what the home page says of it."""

    quarterly_return: QuarterlyReturn
    overdue: bool
    checklist: Checklist | None = None  # for a draft: how far it has got


@dataclass(frozen=True)
class PeriodState:
    """How a period stands across the areas someone may read."""

    period: ReportingPeriod
    areas: int
    by_status: dict  # status -> returns
    overdue: int

    @property
    def not_started(self) -> int:
        return self.areas - sum(self.by_status.values())


def is_overdue(quarterly_return: QuarterlyReturn, now=None) -> bool:
    """Past its period's deadline and not yet signed off."""
    deadline = quarterly_return.period.submission_deadline
    waiting = quarterly_return.status in (ReturnStatus.DRAFT, ReturnStatus.READY)
    return waiting and deadline < (now or timezone.now())


def returns_to_do(*, user) -> dict:
    """What waits for this user: drafts they can edit, returns awaiting their sign-off, and
    (for those who only read, like analysts) how each period stands across their areas."""
    now = timezone.now()
    waiting = (
        returns_for_user(user=user)
        .filter(status__in=(ReturnStatus.DRAFT, ReturnStatus.READY))
        .select_related("hwb_area", "period__financial_year")
        .order_by("period__submission_deadline", "hwb_area__name")
    )
    in_progress, to_sign = [], []
    for quarterly_return in waiting:
        area, overdue = quarterly_return.hwb_area, is_overdue(quarterly_return, now)
        if quarterly_return.status == ReturnStatus.DRAFT:
            if rules.allows(user, rules.Action.EDIT, area):
                state = return_state(quarterly_return=quarterly_return)
                in_progress.append(ReturnToDo(quarterly_return, overdue, state.checklist))
        elif rules.allows(user, rules.Action.SIGN_OFF, area):
            to_sign.append(ReturnToDo(quarterly_return, overdue))
    periods = []
    if rules.allows(user, rules.Action.NATIONAL_EXPORT):
        periods = period_states(user=user, now=now)
    if not (in_progress or to_sign or periods):
        return {}
    return {"in_progress": in_progress, "to_sign": to_sign, "periods": periods}


def period_states(*, user, now=None) -> list[PeriodState]:
    """Each period's returns by status across the user's areas: two aggregate queries."""
    now = now or timezone.now()
    areas = hwb_areas_for_user(user=user).count()
    if not areas:
        return []
    counts = (
        returns_for_user(user=user).order_by().values("period", "status").annotate(n=Count("pk"))
    )
    by_period: dict[int, dict] = {}
    for row in counts:
        by_period.setdefault(row["period"], {})[row["status"]] = row["n"]
    states = []
    periods = ReportingPeriod.objects.select_related("financial_year").order_by(
        "-financial_year__start_year", "-quarter"
    )
    for period in periods:
        by_status = by_period.get(period.pk, {})
        late = period.submission_deadline < now
        waiting = by_status.get(ReturnStatus.DRAFT, 0) + by_status.get(ReturnStatus.READY, 0)
        not_started = areas - sum(by_status.values())
        states.append(PeriodState(period, areas, by_status, (waiting + not_started) if late else 0))
    return states
