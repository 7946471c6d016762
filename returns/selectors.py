"""Reads for returns: a return's values and checklist, what pre-populates a new return.

Every read a user makes goes through `returns_for_user` (or, for the one return a page's
address names, `readable_return`, which is the same test made from the memberships already
read), so another area's return is a 404 exactly like one that does not exist.
"""

from dataclasses import dataclass, field
from functools import cached_property, lru_cache

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db.models import Count, Q, QuerySet
from django.template.defaultfilters import pluralize
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from governance import rules
from governance.models import HwbArea
from governance.prepared import Prepared, PreparedIn, PreparedModels
from governance.selectors import areas_of, hwb_areas_for_user
from governance.worddiff import word_diff
from metrics.models import MetricValue, PlanMetric
from plans.additions import ToDo
from plans.models import Plan

from .definitions import Template, template
from .definitions.evaluation import Checklist, calculate, caution_figures, checklist, tripped
from .definitions.sources import SourceData
from .definitions.structure import Caution
from .models import (
    Answer,
    Confirmation,
    EventKind,
    Extension,
    QuarterlyReturn,
    ReportingPeriod,
    ReturnEvent,
    ReturnStatus,
    ReturnVersion,
)
from .timeline import UNSHOWN


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
    found = _PERIOD(start_year=start_year, quarter=quarter)
    return found[0] if found else None


# Every national page and every new return finds its period by its code: compiled once.
_PERIOD = PreparedModels(
    lambda start_year, quarter: ReportingPeriod.objects.select_related("financial_year").filter(
        financial_year__start_year=start_year, quarter=quarter
    )[:1],
    start_year=int,
    quarter=int,
)


def decoded_answers(*, answers, definition: Template) -> dict[str, object]:
    """Stored answer rows (question_id, value) -> {id: Python value}; unknown ids are left out."""
    values = {}
    for question_id, text in answers:
        if definition.has(question_id):
            values[question_id] = definition.question(question_id).type.from_db(text)
    return values


# Every page of a return reads its answers: compiled once (governance/prepared.py).
_ANSWERS = Prepared(
    lambda quarterly_return: (
        Answer.objects.filter(quarterly_return_id=quarterly_return)
        .order_by("question_id")
        .values_list("question_id", "value")
    ),
    quarterly_return=int,
)


_VERSIONS = PreparedModels(
    lambda quarterly_return: (
        ReturnVersion.objects.filter(quarterly_return_id=quarterly_return)
        .select_related("signed_off_by", "submission")
        .defer("answers", *UNSHOWN)
    ),
    quarterly_return=int,
)


def return_versions(quarterly_return: QuarterlyReturn) -> list[ReturnVersion]:
    """The return's signed-off versions, with who signed and what was submitted, each
    handed the return (as `quarterly_return.versions` would): compiled once, for every
    overview."""
    versions = _VERSIONS(quarterly_return=quarterly_return.pk)
    for version in versions:
        version.quarterly_return = quarterly_return
    return versions


def _answer_rows(quarterly_return: QuarterlyReturn) -> list[tuple[str, str]]:
    """The return's stored answers as (question id, text), in question order: those
    prefetched with the return (`prefetch_related("answers")`) when there are."""
    if "answers" in getattr(quarterly_return, "_prefetched_objects_cache", {}):
        return [(a.question_id, a.value) for a in quarterly_return.answers.all()]
    return _ANSWERS(quarterly_return=quarterly_return.pk)


def return_answers(*, quarterly_return: QuarterlyReturn) -> dict[str, object]:
    """The return's stored answers (inputs and pre-populated), as Python values."""
    rows = _answer_rows(quarterly_return)
    return decoded_answers(answers=rows, definition=template(quarterly_return.template_version))


class WorkedOut:
    """What one template's answers work out to: every value, calculations included, and the
    checklist. Both are functions of the answers alone, so the same stored answers are worked
    out once in a process (`worked_out`): a section page worked out the whole return's
    checklist for its list of sections, a fifth of a small section's CPU, and an officer
    opens the same answers page after page until they save (issue 33)."""

    def __init__(self, definition: Template, answers: dict[str, object]):
        self.definition, self.answers = definition, answers

    @cached_property
    def values(self) -> dict[str, object]:
        return calculate(self.definition, self.answers)

    @cached_property
    def checklist(self) -> Checklist:
        return checklist(self.definition, self.values)


# Keyed by the template and the answer rows as stored (their text, in question order): a
# change to any answer is another key. 256 returns' worth, about 40 KB each (10 MB) a
# process: the national batch of every HWB area (152) fits, so a worker's next batch
# works out only the returns changed since (an LRU cache smaller than a batch read in
# order would have dropped each return before it came round again).
@lru_cache(maxsize=256)
def worked_out(version: str, rows: tuple[tuple[str, str], ...]) -> WorkedOut:
    definition = template(version)
    return WorkedOut(definition, decoded_answers(answers=rows, definition=definition))


@dataclass(frozen=True)
class ReturnState:
    """A return as its pages show it: the definition, every value (with calculations), checklist."""

    quarterly_return: QuarterlyReturn
    definition: Template
    answers: dict[str, object]
    # Its answers worked out, shared with every state of the same answers: the state's
    # values are a copy of theirs, so that a page changing its own leaves them be.
    worked: WorkedOut | None = field(default=None, compare=False, repr=False)

    @cached_property
    def values(self) -> dict[str, object]:
        if self.worked is not None:
            return dict(self.worked.values)
        return calculate(self.definition, self.answers)

    @cached_property
    def checklist(self) -> Checklist:
        if self.worked is not None:
            return self.worked.checklist
        return checklist(self.definition, self.values)

    @cached_property
    def previous(self) -> dict[str, object]:
        """The amendable inputs as previously returned (what they were pre-filled with)."""
        return decoded_answers(
            answers=self.quarterly_return.prefilled.items(), definition=self.definition
        )

    @cached_property
    def previous_values(self) -> dict[str, object]:
        """Every value as it stood before this quarter's amendments, calculations included
        (the values themselves where nothing was amended: not worked out twice)."""
        answers = self.answers
        if all(k in answers and answers[k] == v for k, v in self.previous.items()):
            return self.values
        return calculate(self.definition, {**answers, **self.previous})


@dataclass(frozen=True)
class Asked:
    """An "are you sure?" check the return's figures trip, and its standing confirmation
    (None: not confirmed, or confirmed for figures that have changed since)."""

    caution: Caution
    confirmation: Confirmation | None
    figures: tuple  # (question, shown value) of each figure it looks at

    @property
    def confirmed(self) -> bool:
        return self.confirmation is not None


# A return's confirmations, with who gave them: compiled once (the checklist reads them).
_CONFIRMATIONS = PreparedModels(
    lambda quarterly_return: Confirmation.objects.filter(
        quarterly_return_id=quarterly_return
    ).select_related("user"),
    quarterly_return=int,
)


def return_cautions(*, state: ReturnState) -> list[Asked]:
    """The checks the return's figures trip, each with its confirmation if it stands. One
    query, and only when a check trips: nothing on a return whose figures trip none."""
    found = tripped(state.definition, state.values)
    if not found:
        return []
    quarterly_return = state.quarterly_return
    if "confirmations" in getattr(quarterly_return, "_prefetched_objects_cache", {}):
        kept = {c.key: c for c in quarterly_return.confirmations.all()}  # users with them
    else:
        kept = {c.key: c for c in _CONFIRMATIONS(quarterly_return=quarterly_return.pk)}
    asked = []
    for caution in found:
        confirmation = kept.get(caution.key)
        if confirmation and confirmation.figures != caution_figures(caution, state.values):
            confirmation = None  # the figures changed since: it asks again
        figures = tuple(
            (q, q.type.display(state.values.get(q.id)))
            for q in map(state.definition.question, sorted(caution.refs()))
        )
        asked.append(Asked(caution, confirmation, figures))
    return asked


def unconfirmed(asked: list[Asked]) -> list[Asked]:
    return [one for one in asked if not one.confirmed]


def return_state(*, quarterly_return: QuarterlyReturn) -> ReturnState:
    """The return as its pages show it, its answers worked out once for the same answers."""
    return _state(quarterly_return, _answer_rows(quarterly_return))


def _state(quarterly_return: QuarterlyReturn, rows) -> ReturnState:
    """The return's state from its stored answer rows (question id, text), in any order: put
    in Python's order of question ids, so that the same answers are the same key of
    `worked_out` however the database collates (already in order, the sort only reads them)."""
    worked = worked_out(quarterly_return.template_version, tuple(sorted(rows)))
    return ReturnState(quarterly_return, worked.definition, dict(worked.answers), worked)


def return_states(*, returns: list[QuarterlyReturn]) -> list[ReturnState]:
    """The state of each of `returns`, their answers read in one query of plain rows (no
    model made for each of their answers) and worked out once for the same answers, as
    `return_state` does. Prefetch `confirmations__user` with the returns
    so that their cautions need no query each."""
    rows: dict[int, list] = {r.pk: [] for r in returns}
    # Unsorted: the database sorted a chunk's 4,700 rows in two thirds of the query's time,
    # where each return's rows are put in order by `_state`.
    answers = Answer.objects.filter(quarterly_return_id__in=list(rows)).order_by()
    for quarterly_return_id, question_id, value in answers.values_list(
        "quarterly_return_id", "question_id", "value"
    ):
        rows[quarterly_return_id].append((question_id, value))
    return [_state(quarterly_return, rows[quarterly_return.pk]) for quarterly_return in returns]


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
    earlier, latest = {}, None
    for earlier_return in (
        QuarterlyReturn.objects.filter(hwb_area=hwb_area)
        .exclude(period=period)
        .select_related("period__financial_year")
        .prefetch_related("answers")
        .order_by("period__financial_year__start_year", "period__quarter")
    ):
        try:
            definition = template(earlier_return.template_version)
        except LookupError:
            continue  # a version this portal no longer defines has nothing to play back
        answers = decoded_answers(
            answers=[(a.question_id, a.value) for a in earlier_return.answers.all()],
            definition=definition,
        )
        earlier[earlier_return.period.code] = answers
        if (
            earlier_return.period.financial_year_id == period.financial_year_id
            and earlier_return.period.quarter < period.quarter
        ):
            latest = answers  # the last one before this period, in the same year
    conditions = (
        {
            s.condition.key: (s.status, s.target_date)
            for s in plan.condition_statements.select_related("condition")
        }
        if plan
        else {}
    )
    return SourceData(
        area_name=hwb_area.name,
        population=hwb_area.population,
        pooled_fund=plan.pooled_fund_total if plan else None,
        fund_quarters=_fund_quarters(plan),
        plan_metrics=plan_metrics,
        metric_values=metric_values,
        earlier_answers=earlier,
        previous=_carried(period, latest),
        plan_conditions=conditions,
    )


def _carried(period: ReportingPeriod, answers: dict | None) -> dict[str, object]:
    """The previous return's answers under the new template's ids (its definition's `carry`;
    the first template, which maps nothing, takes the ids it shares as they are)."""
    if not answers:
        return {}
    definition = template(period.template_version)
    ids = {question.id for question in definition.questions}
    if definition.carry is None:
        return {id_: value for id_, value in answers.items() if id_ in ids}
    return definition.carry.carried(answers, ids)


def _fund_quarters(plan: Plan | None) -> dict[tuple[str, int], int]:
    quarters = {}
    for quarter in plan.fund_quarters.all() if plan else ():
        for flow in ("income", "expenditure"):
            if getattr(quarter, flow) is not None:
                quarters[flow, quarter.quarter] = getattr(quarter, flow)
    return quarters


# A return with its area, period and year, by the area's ONS code and the period's year and
# quarter: the first read of every page of a return, compiled once (governance/prepared.py).
_RETURN_BY_URL = PreparedModels(
    lambda ons_code, start_year, quarter: (
        QuarterlyReturn.objects.filter(
            hwb_area__ons_code=ons_code,
            period__financial_year__start_year=start_year,
            period__quarter=quarter,
        )
        .select_related("hwb_area", "period__financial_year")
        .order_by()
    ),
    ons_code=str,
    start_year=int,
    quarter=int,
)


def readable_return(*, user, ons_code: str, period: str) -> QuarterlyReturn | None:
    """The return of this area and period, with its area, period and year, if the area is one
    of the user's (`rules.reads`, which is `hwb_areas_for_user`); else None, as for one that
    does not exist. The same return as `returns_for_user(user=user).filter(...)` finds, in a
    fifth of its CPU (a query compiled once; 1.1 ms before, on every page of a return)."""
    start_year, quarter = ReportingPeriod.parse_code(period)
    (found,) = rules.read_with_roles(
        user,
        (_RETURN_BY_URL, {"ons_code": ons_code, "start_year": start_year, "quarter": quarter}),
    )
    if not found or not rules.reads(user, found[0].hwb_area):
        return None
    return found[0]


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


def difference_count(differences: list[tuple] | None) -> int:
    """How many answers `answer_differences` found (0 for none, or nothing compared)."""
    return sum(len(rows) for _, rows in differences or ())


def stored_answers(quarterly_return: QuarterlyReturn) -> dict[str, str]:
    """Every stored answer as text, by question id: what a version or a snapshot keeps."""
    return dict(quarterly_return.answers.values_list("question_id", "value"))


SIGNED_WITH = ("quarterly_return__hwb_area", "quarterly_return__period__financial_year",
               "submission")  # fmt: skip


def signed_by(*, user, limit: int = 10) -> list:
    """The versions of returns `user` signed off, latest first, in the areas they still read:
    a sign-off member's record on their home page."""
    if not rules.allows(user, rules.Action.SIGN_OFF):  # no query for those who never sign
        return []
    return list(
        ReturnVersion.objects.filter(
            signed_off_by=user, quarterly_return__hwb_area__in=areas_of(user=user)
        )
        .select_related(*SIGNED_WITH)
        .order_by("-signed_off_at")[:limit]
    )


RETURNED = (EventKind.SENT_BACK, EventKind.REOPENED)


def returned_drafts(drafts) -> dict[int, ReturnEvent]:
    """Return id -> its last send-back or reopening, for those of these drafts that came
    back: one query however many."""
    ids = [draft.pk for draft in drafts if draft.status == ReturnStatus.DRAFT]
    last = {}
    for event in _RETURNED((ids,)) if ids else []:
        last[event.quarterly_return_id] = event
    return last


_RETURNED = PreparedIn(
    lambda ids: (
        ReturnEvent.objects.filter(quarterly_return_id__in=ids, kind__in=RETURNED)
        .select_related("user")
        .order_by("at", "pk")
    ),
    models=True,
)


def last_returned(quarterly_return: QuarterlyReturn, events) -> ReturnEvent | None:
    """The send-back or reopening that made this return a draft again, with its reason; None
    for any other return (a draft's last step, when it has one, is always one). Found among
    the return's timeline (`events`, in time order), which holds its steps: no query."""
    if quarterly_return.status != ReturnStatus.DRAFT:
        return None
    steps = [e for e in events if isinstance(e, ReturnEvent) and e.kind in RETURNED]
    return steps[-1] if steps else None


@dataclass(frozen=True)
class SentBack:
    """A return waiting for sign-off again: what was sent for sign-off before, and the
    send-back that returned it (with its reason), in the same version."""

    ready: ReturnEvent  # with its snapshot of the answers
    sent_back: ReturnEvent


def last_sent_back(quarterly_return: QuarterlyReturn) -> SentBack | None:
    """In the return's current version, its last send-back and the mark-ready it sent back;
    None when nothing was sent back, or the mark-ready kept no snapshot (before they did)."""
    events = list(
        quarterly_return.events.filter(version=quarterly_return.version)
        .select_related("user")
        .order_by("at", "pk")
    )
    for index in range(len(events) - 1, 0, -1):
        event, before = events[index], events[index - 1]
        if event.kind == EventKind.SENT_BACK:
            if before.kind == EventKind.READY and before.answers is not None:
                return SentBack(before, event)
            return None
    return None


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


# Every return of the areas the user edits (the started ones: one query, not two), and those
# ready for sign-off where they sign; compiled once for each length of the two lists.
# Unordered: the home page sorts what it lists (by deadline), and the model's ordering
# joined two more tables into the query.
_ACTED_ON = PreparedIn(
    lambda editable, signable: (
        QuarterlyReturn.objects.filter(
            Q(hwb_area__in=editable) | Q(hwb_area__in=signable, status=ReturnStatus.READY)
        )
        .select_related("hwb_area", "period__financial_year")
        .order_by()
    ),
    models=True,
)


def _acted_on(user) -> tuple[dict, set, list, dict, set]:
    """The areas whose drafts the user edits (id: area) and whose returns they sign (ids),
    the returns waiting there (drafts to edit, returns ready to sign), the last send-back or
    reopening of each draft that came back, and the (area id, period id) of every return
    the user's editable areas have started: read once per request (kept on the user object)
    for the home page's to-do list and its banner."""
    acted = getattr(user, "_bcf_acted_on", None)
    if acted is not None:
        return acted
    areas = areas_of(user=user)
    editable = {area.pk: area for area in rules.areas_allowing(user, rules.Action.EDIT, areas)}
    signable = {area.pk for area in rules.areas_allowing(user, rules.Action.SIGN_OFF, areas)}
    # Only what the user acts on: an analyst, who neither edits nor signs, reads no return here
    # (with 12 periods open, that was every readable draft: 572 of them).
    read = _ACTED_ON((list(editable), list(signable))) if editable or signable else []
    waiting = [
        r for r in read
        if (r.status == ReturnStatus.DRAFT and r.hwb_area_id in editable)
        or (r.status == ReturnStatus.READY and r.hwb_area_id in signable)
    ]  # fmt: skip
    returned = returned_drafts(r for r in waiting if r.hwb_area_id in editable)
    started = {(r.hwb_area_id, r.period_id) for r in read if r.hwb_area_id in editable}
    acted = (editable, signable, waiting, returned, started)
    if user.is_authenticated:
        user._bcf_acted_on = acted
    return acted


# Every period, newest first (the home page's to-do list and its table of periods), with its
# year: compiled once.
_PERIODS_NEWEST_FIRST = PreparedModels(
    lambda: ReportingPeriod.objects.select_related("financial_year").order_by(
        "-financial_year__start_year", "-quarter"
    )
)


def returns_to_do(*, user) -> list[ToDo]:
    """What waits for this user on the home page: drafts they can edit (and the periods
    their areas have not started), and returns awaiting their sign-off."""
    now = timezone.now()
    to_do = []
    editable, signable, waiting, returned, started = _acted_on(user)
    for quarterly_return in waiting:
        area, period = quarterly_return.hwb_area, quarterly_return.period
        title = f"{area.name}’s {period.label} return"
        due, overdue = period.submission_deadline, is_overdue(quarterly_return, now)
        deadline = f"Deadline {deadline_words(due)}"
        args = [area.ons_code, period.code]
        if quarterly_return.status == ReturnStatus.DRAFT and area.pk in editable:
            left, came_back = checks_left(quarterly_return), returned.get(quarterly_return.pk)
            so_far = (f"{left} question{pluralize(left)} still to do." if left
                      else "Every section completed: send it for sign-off.")  # fmt: skip
            if came_back is not None:
                so_far = (
                    f"{came_back.get_kind_display()}: read why, correct it and mark it ready "
                    f"again.{f' {so_far}' if left else ''}"
                )
            hint = f"Draft. {so_far} {deadline}"
            url = reverse("return", args=args)
            to_do.append(ToDo(title, url, hint, "In progress", overdue, due))
        elif quarterly_return.status == ReturnStatus.READY and area.pk in signable:
            title, url = f"Review and sign off {title}", reverse("return-review", args=args)
            to_do.append(ToDo(title, url, f"Ready for sign-off. {deadline}", "To do", overdue, due))
    periods = _PERIODS_NEWEST_FIRST() if editable else []  # the to-do list sorts by deadline
    for period in periods:
        for area in editable.values():
            if (area.pk, period.pk) not in started:
                due = period.submission_deadline
                to_do.append(ToDo(
                    f"{area.name}’s {period.label} return",
                    f"{reverse('hwb-area', args=[area.ons_code])}#returns",
                    f"Not started: start it from the area’s page. Deadline {deadline_words(due)}",
                    "Not started", due < now, due,
                ))  # fmt: skip
    return to_do


def returned_to_user(*, user) -> list[tuple[QuarterlyReturn, ReturnEvent]]:
    """The drafts this user may edit that were sent back or reopened, with why: the home
    page's banner."""
    editable, _, waiting, returned, _ = _acted_on(user)
    drafts = sorted(
        (r for r in waiting if r.hwb_area_id in editable and r.status == ReturnStatus.DRAFT),
        key=lambda r: (r.period.submission_deadline, r.hwb_area.name),
    )
    return [(draft, returned[draft.pk]) for draft in drafts if draft.pk in returned]


def checks_left(quarterly_return: QuarterlyReturn) -> int:
    """The checklist questions the return does not pass yet, as last saved: from the count
    its saves keep, without working its checklist out again."""
    return len(template(quarterly_return.template_version).checks) - quarterly_return.checks_passed


def round_closed_message(quarterly_return: QuarterlyReturn, now=None) -> str:
    """Why the return can no longer be marked ready or signed off ("" when it can): its
    round is past its closing date, and the area has no extension that runs still."""
    period, now = quarterly_return.period, now or timezone.now()
    if not period.is_closed(now):
        return ""
    extension = Extension.objects.filter(period=period, hwb_area_id=quarterly_return.hwb_area_id)
    until = extension.values_list("until", flat=True).first()
    if until is not None and now <= until:
        return ""
    ended = (f"Its extension ended on {deadline_words(until)}." if until is not None
             else "The area has no extension.")  # fmt: skip
    return (
        f"The {period.label} round closed on {deadline_words(period.closes_at)}. {ended} "
        "Only an administrator can grant one; until then the return cannot be marked ready "
        "or signed off."
    )


def deadline_words(deadline) -> str:
    """`26 February 2016, 12:00`, in UK time."""
    return date_format(timezone.localtime(deadline), "j F Y, H:i")


def _counted(returns: QuerySet[QuarterlyReturn]) -> QuerySet:
    return returns.order_by().values_list("period", "status").annotate(n=Count("pk"))


# The home page's rows of periods, compiled once: the returns by period and status of every
# area (a reader of all of them), or of the user's areas (once for each number of them).
_EVERY_AREAS_COUNTS = Prepared(lambda: _counted(QuarterlyReturn.objects.all()))
_AREAS_COUNTS = PreparedIn(
    lambda areas: _counted(QuarterlyReturn.objects.filter(hwb_area__in=areas))
)


def period_states(*, user, now=None) -> list[PeriodState]:
    """Each period's returns by status across the user's areas: two aggregate queries."""
    now = now or timezone.now()
    mine = areas_of(user=user)
    areas = len(mine)
    if not areas:
        return []
    if rules.reads_every_area(user):
        counts = _EVERY_AREAS_COUNTS()
    else:
        counts = _AREAS_COUNTS(([area.pk for area in mine],))
    by_period: dict[int, dict] = {}
    for period_id, status, n in counts:
        by_period.setdefault(period_id, {})[status] = n
    states = []
    for period in _PERIODS_NEWEST_FIRST():
        by_status = by_period.get(period.pk, {})
        late = period.submission_deadline < now
        waiting = by_status.get(ReturnStatus.DRAFT, 0) + by_status.get(ReturnStatus.READY, 0)
        not_started = areas - sum(by_status.values())
        states.append(PeriodState(period, areas, by_status, (waiting + not_started) if late else 0))
    return states
