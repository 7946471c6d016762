"""NHS England's assurance of what areas submit (`governance.Submission`): its reviewers rate
the key lines the portal could not answer, raise queries (conversations hung on the
submission, answered by the area), and record an outcome; their queue, and the national
summary by region and outcome.

Outcomes by what was sent: a return is **accepted** or **queried**; a draft plan gets
**feedback**; a plan is **approved**, **approved with support**, **approved subject to
conditions** (each condition kept and tracked until met) or **not approved**, or queried.
Only the latest submission of a thing is assured: one replaced by a resubmission is
**superseded**, and its assurance stays as it was. A query never unlocks a return: if its
answer changes figures, the Board's signer reopens the return with the query as the reason,
and signs it off and submits it again.

A submission's status: its latest outcome; else "queried" while a query is open; else
"awaiting review".
"""

import csv
import datetime
import io
from collections import Counter
from dataclasses import dataclass

import xlsxwriter
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Exists, OuterRef, QuerySet, Subquery
from django.utils import timezone

from governance import rules
from governance.conversations import conversations_on
from governance.models import Conversation, HwbArea, NhsRegion, Submission, SubmissionKind
from governance.prepared import Prepared
from governance.refused import Refused
from governance.selectors import hwb_areas_for_user
from governance.submissions import Rating
from governance.text import required_text
from returns.models import QuarterlyReturn, ReportingPeriod, ReturnStatus

from .models import ApprovalCondition, AssuranceEvent, AssuranceKind, Outcome

AWAITING, SUPERSEDED = "awaiting", "superseded"
STATUS_LABELS = {
    AWAITING: "Awaiting review",
    Outcome.QUERIED: "Queried",
    **{o.value: o.label for o in Outcome if o != Outcome.QUERIED},
    SUPERSEDED: "Superseded",
}
WAITING = (AWAITING, Outcome.QUERIED)  # in the queue
OUTCOMES = {
    SubmissionKind.RETURN: (Outcome.ACCEPTED, Outcome.QUERIED),
    SubmissionKind.PLAN_DRAFT: (Outcome.FEEDBACK, Outcome.QUERIED),
    SubmissionKind.PLAN: (
        Outcome.APPROVED,
        Outcome.APPROVED_WITH_SUPPORT,
        Outcome.APPROVED_WITH_CONDITIONS,
        Outcome.NOT_APPROVED,
        Outcome.QUERIED,
    ),
}
# Outcomes that close the assurance: every key line rated and no query open first.
CLOSING = (Outcome.ACCEPTED, Outcome.APPROVED, Outcome.APPROVED_WITH_SUPPORT,
           Outcome.APPROVED_WITH_CONDITIONS)  # fmt: skip
NEEDS_NOTE = (Outcome.QUERIED, Outcome.NOT_APPROVED, Outcome.FEEDBACK)
COMMENT_LIMIT = 2000


class AssuranceRefused(Refused):
    """Nothing was recorded; `field` names the box to fix."""

    def __init__(self, message: str, field: str = ""):
        super().__init__(message)
        self.field = field


# Reading -----------------------------------------------------------------------------------


def _latest_outcome() -> Subquery:
    return Subquery(
        AssuranceEvent.objects.filter(submission=OuterRef("pk"), kind=AssuranceKind.OUTCOME)
        .order_by("-at", "-pk")
        .values("outcome")[:1]
    )


def _open_queries(subject_type: int | None = None) -> Exists:
    return Exists(
        Conversation.objects.filter(
            subject_type=subject_type or ContentType.objects.get_for_model(Submission).pk,
            subject_id=OuterRef("pk"),
            resolved_at__isnull=True,
        )
    )


def with_status(queryset: QuerySet[Submission]) -> QuerySet[Submission]:
    """Annotated with what `status_of` reads: one query, however many submissions."""
    return queryset.select_related("hwb_area", "submitted_by").annotate(
        latest_outcome=_latest_outcome(),
        queried=_open_queries(),
        superseded=Exists(Submission.objects.filter(replaces=OuterRef("pk"))),
    )


def status_of(submission: Submission) -> str:
    """Of a submission read through `with_status`."""
    if submission.superseded:
        return SUPERSEDED
    return _standing(submission.latest_outcome, submission.queried)


def _standing(latest_outcome: str | None, queried: bool) -> str:
    """A current submission's status, from its latest outcome and whether a query is open."""
    if latest_outcome and latest_outcome != Outcome.QUERIED:
        return latest_outcome
    if queried or latest_outcome == Outcome.QUERIED:
        return Outcome.QUERIED
    return AWAITING


# Each area's current return submission of a round (the one no other replaces): its latest
# outcome and whether a query is open. Compiled once: its two subqueries cost more to
# compile than to run, on a round's page at every request.
_ROUND_STANDING = Prepared(
    lambda round_key, submission_type: (
        Submission.objects.filter(round_key=round_key, kind=SubmissionKind.RETURN)
        .exclude(Exists(Submission.objects.filter(replaces=OuterRef("pk"))))
        .annotate(latest_outcome=_latest_outcome(), queried=_open_queries(submission_type))
        .values_list("hwb_area_id", "latest_outcome", "queried")
    ),
    round_key=str,
    submission_type=int,
)


def round_standing(*, round_key: str) -> dict[int, str]:
    """How NHS England's assurance of each area's current return submission of a round
    stands, by area id: one query of three values a row."""
    rows = _ROUND_STANDING(
        round_key=round_key, submission_type=ContentType.objects.get_for_model(Submission).pk
    )
    return {area: _standing(outcome, bool(queried)) for area, outcome, queried in rows}


def submissions_for_user(*, user) -> QuerySet[Submission]:
    """The submissions of the areas the user reads."""
    return with_status(Submission.objects.filter(hwb_area__in=hwb_areas_for_user(user=user)))


@dataclass(frozen=True)
class Line:
    key: str
    text: str
    portal_rating: str  # red / amber / green, or "" where a reviewer judges
    finding: str
    rating: str  # the standing rating: the portal's, or the reviewer's latest
    comment: str
    by: str
    at: datetime.datetime | None

    @property
    def judged(self) -> bool:
        return not self.portal_rating


@dataclass(frozen=True)
class Assurance:
    submission: Submission
    status: str
    lines: list[Line]
    outcome: AssuranceEvent | None
    events: list[AssuranceEvent]
    conditions: list[ApprovalCondition]
    queries: list[Conversation]
    outcomes: tuple[str, ...]

    @property
    def status_label(self) -> str:
        return STATUS_LABELS[self.status]

    @property
    def unrated(self) -> list[Line]:
        return [line for line in self.lines if not line.rating]

    @property
    def open_queries(self) -> list[Conversation]:
        return [query for query in self.queries if query.is_open]


def assurance_of(submission: Submission) -> Assurance:
    """A submission's assurance as its page shows it: four queries."""
    events = list(submission.assurance_events.select_related("user"))
    rated = {e.line: e for e in events if e.kind == AssuranceKind.RATING}
    lines = []
    for found in submission.enquiries:
        mine = rated.get(found["key"]) if not found["rating"] else None
        lines.append(Line(
            found["key"], found["text"], found["rating"], found["finding"],
            found["rating"] or (mine.rating if mine else ""), mine.text if mine else "",
            (mine.user.get_username() if mine.user else "a former user") if mine else "",
            mine.at if mine else None,
        ))  # fmt: skip
    texts = {found["key"]: found["text"] for found in submission.enquiries}
    for event in events:
        event.line_text = texts.get(event.line, event.line)
    outcomes = [e for e in events if e.kind == AssuranceKind.OUTCOME]
    annotated = with_status(Submission.objects.filter(pk=submission.pk)).get()
    return Assurance(
        submission=annotated,
        status=status_of(annotated),
        lines=lines,
        outcome=outcomes[-1] if outcomes else None,
        events=events,
        conditions=list(submission.approval_conditions.select_related("met_by")),
        queries=list(conversations_on(submission)),
        outcomes=OUTCOMES[submission.kind],
    )


# Writing -----------------------------------------------------------------------------------


def _current(submission: Submission, user) -> Submission:
    """The submission, locked, if the user assures its area and it is the latest sent."""
    rules.require(user, rules.Action.ASSURE, submission.hwb_area)
    submission = Submission.objects.select_for_update().get(pk=submission.pk)
    replaced = Submission.objects.filter(replaces=submission).first()
    if replaced is not None:
        raise AssuranceRefused(
            f"Submission {submission.number} was replaced by submission {replaced.number}: "
            "assure that one."
        )
    return submission


def _comment(value: str, what: str, field: str) -> str:
    return required_text(value, limit=COMMENT_LIMIT, empty=f"Give {what}.",
                         too_long=f"Keep {what} to {{limit:,}} characters.",
                         refuse=lambda message: AssuranceRefused(message, field))  # fmt: skip


@transaction.atomic
def line_rate(*, submission: Submission, line: str, rating: str, comment: str, user
              ) -> AssuranceEvent:  # fmt: skip
    """A reviewer's red, amber or green on a key line the portal could not answer; a comment
    says why (needed for red and amber)."""
    submission = _current(submission, user)
    found = next((f for f in submission.enquiries if f["key"] == line), None)
    if found is None:
        raise AssuranceRefused("Choose a key line of enquiry of this submission.", "line")
    if found["rating"]:
        raise AssuranceRefused("The portal rated this line from the submitted data.", "line")
    if rating not in Rating.values:
        raise AssuranceRefused("Choose red, amber or green.", f"rating-{line}")
    if rating == Rating.GREEN:
        comment = (comment or "").strip()[:COMMENT_LIMIT]
    else:
        comment = _comment(comment, "the reason for the rating", f"comment-{line}")
    return AssuranceEvent.objects.create(
        submission=submission, kind=AssuranceKind.RATING, line=line, rating=rating,
        text=comment, user=user, at=timezone.now(),
    )  # fmt: skip


@transaction.atomic
def outcome_record(*, submission: Submission, outcome: str, note: str, user,
                   conditions: list[str] | None = None) -> AssuranceEvent:  # fmt: skip
    """Record the outcome of a submission's assurance, with a note (needed when it is queried,
    not approved, or feedback on a draft) and, for an approval subject to conditions, the
    conditions, one each."""
    submission = _current(submission, user)
    if outcome not in OUTCOMES[submission.kind]:
        raise AssuranceRefused("Choose an outcome from the list.", "outcome")
    if outcome in CLOSING:
        state = assurance_of(submission)
        if state.unrated:
            raise AssuranceRefused(
                f"Rate every key line first: {len(state.unrated)} still to rate, starting "
                f"with “{state.unrated[0].text}”", "outcome",
            )  # fmt: skip
        if state.open_queries:
            raise AssuranceRefused(
                f"Close the open queries first ({len(state.open_queries)}): an outcome is "
                "recorded once the area has answered them.", "outcome",
            )  # fmt: skip
    if outcome in NEEDS_NOTE:
        note = _comment(note, "a note saying what the area must do or know", "note")
    else:
        note = (note or "").strip()[:COMMENT_LIMIT]
    conditions = [c.strip() for c in conditions or [] if c.strip()]
    if outcome == Outcome.APPROVED_WITH_CONDITIONS:
        if not conditions:
            raise AssuranceRefused("Give the conditions of approval, one to a line.", "conditions")
        start = submission.approval_conditions.count()
        ApprovalCondition.objects.bulk_create(
            ApprovalCondition(submission=submission, position=start + i, text=text[:COMMENT_LIMIT])
            for i, text in enumerate(conditions, start=1)
        )
    return AssuranceEvent.objects.create(
        submission=submission, kind=AssuranceKind.OUTCOME, outcome=outcome, text=note,
        user=user, at=timezone.now(),
    )  # fmt: skip


@transaction.atomic
def condition_met(*, condition: ApprovalCondition, user) -> AssuranceEvent:
    """A condition of a plan's approval, met: recorded once."""
    rules.require(user, rules.Action.ASSURE, condition.submission.hwb_area)
    condition = ApprovalCondition.objects.select_for_update().get(pk=condition.pk)
    if condition.met_at is not None:
        raise AssuranceRefused("This condition is already recorded as met.")
    condition.met_at, condition.met_by = timezone.now(), user
    condition.save(update_fields=["met_at", "met_by"])
    return AssuranceEvent.objects.create(
        submission_id=condition.submission_id, kind=AssuranceKind.CONDITION_MET,
        condition=condition, text=condition.text, user=user, at=condition.met_at,
    )  # fmt: skip


# The queue and the summary -----------------------------------------------------------------


@dataclass(frozen=True)
class Waiting:
    submission: Submission
    status: str
    days: int

    @property
    def status_label(self) -> str:
        return STATUS_LABELS[self.status]


@dataclass(frozen=True)
class Overdue:
    area: HwbArea
    period: ReportingPeriod
    status: str  # the return's, in words


def regions_for(user) -> list[tuple[str, str]]:
    """The regions whose areas the user reads, as (value, label)."""
    held = set(hwb_areas_for_user(user=user).values_list("region", flat=True))
    return [(value, label) for value, label in NhsRegion.choices if value in held]


def assurance_queue(*, user, region: str = "", now=None) -> tuple[list[Waiting], list[Overdue]]:
    """What waits for NHS England in the user's areas (of one region, if given), oldest first,
    with the days it has waited; and the areas whose return is past its deadline and not yet
    submitted, in the rounds still open."""
    now = now or timezone.now()
    areas = hwb_areas_for_user(user=user)
    if region:
        areas = areas.filter(region=region)
    submissions = with_status(Submission.objects.filter(hwb_area__in=areas)).order_by(
        "submitted_at", "pk"
    )
    waiting = []
    for submission in submissions:
        status = status_of(submission)
        if status in WAITING:
            waiting.append(Waiting(submission, status, (now - submission.submitted_at).days))
    # The rounds past their deadline and still open, that have begun: two queries in all,
    # however many periods and areas.
    late = [
        p for p in ReportingPeriod.objects.select_related("financial_year").annotate(
            begun=Exists(QuarterlyReturn.objects.filter(period=OuterRef("pk"))))
        if p.submission_deadline < now and not p.is_closed(now)
        and (p.opened_at is not None or p.begun)
    ]  # fmt: skip
    overdue = []
    if late:
        statuses = {
            (area, period): status
            for area, period, status in QuarterlyReturn.objects.filter(
                period__in=late, hwb_area__in=areas
            ).values_list("hwb_area_id", "period_id", "status")
        }
        in_order = list(areas.order_by("name"))
        for period in late:
            for area in in_order:
                status = statuses.get((area.pk, period.pk))
                if status != ReturnStatus.SUBMITTED:
                    label = ReturnStatus(status).label if status else "Not started"
                    overdue.append(Overdue(area, period, label))
    return waiting, overdue


@dataclass(frozen=True)
class Summary:
    round_key: str
    round_label: str
    statuses: list[tuple[str, str]]  # (status, label), as columns
    rows: list[tuple[str, Counter]]  # (region label, status -> areas)
    total: Counter


def round_label(key: str) -> str:
    """`fy1516_q3` -> "Q3 2015/16 returns"; `plan_2016` -> "2016/17 plans"."""
    if key.startswith("plan_") and key[5:].isdigit():
        start = int(key[5:])
        return f"{start}/{(start + 1) % 100:02d} plans"
    parsed = ReportingPeriod.parse_code(key)
    if parsed is None:
        return key
    start, quarter = parsed
    return f"Q{quarter} {start}/{(start + 1) % 100:02d} returns"


def rounds_submitted(*, user) -> list[tuple[str, str]]:
    """The rounds anything was submitted in, as (round key, label): plans, then returns, the
    latest first."""
    keys = set(submissions_for_user(user=user).order_by().values_list("round_key", flat=True))
    return [(key, round_label(key)) for key in sorted(keys, reverse=True)]


def assurance_summary(*, user, round_key: str) -> Summary:
    """Each region's areas by the status of their latest submission in the round."""
    latest = [s for s in submissions_for_user(user=user).filter(round_key=round_key)
              if not s.superseded]  # fmt: skip
    by_region: dict[str, Counter] = {}
    for submission in latest:
        region = submission.hwb_area.get_region_display() or "No region"
        by_region.setdefault(region, Counter())[status_of(submission)] += 1
    total = sum(by_region.values(), Counter())
    statuses = [(s, label) for s, label in STATUS_LABELS.items()
                if s != SUPERSEDED and (total[s] or s in (AWAITING, Outcome.QUERIED))]  # fmt: skip
    label = round_label(round_key)
    return Summary(round_key, label, statuses, sorted(by_region.items()), total)


def summary_table(summary: Summary) -> list[list]:
    """The summary as rows of cells, its header first, its total last."""
    header = ["NHS England region", *(label for _, label in summary.statuses), "Areas"]
    rows = [header]
    for region, counts in [*summary.rows, ("All regions", summary.total)]:
        cells = [counts[s] for s, _ in summary.statuses]
        rows.append([region, *cells, sum(cells)])
    return rows


def summary_csv(summary: Summary) -> bytes:
    out = io.StringIO()
    csv.writer(out).writerows(summary_table(summary))
    return out.getvalue().encode("utf-8-sig")


def summary_xlsx(summary: Summary) -> bytes:
    out = io.BytesIO()
    book = xlsxwriter.Workbook(out, {"in_memory": True})
    sheet = book.add_worksheet("Assurance")
    bold = book.add_format({"bold": True, "bg_color": "#DDDDDD"})
    for r, row in enumerate(summary_table(summary)):
        for c, value in enumerate(row):
            if isinstance(value, int):
                sheet.write_number(r, c, value)
            else:
                sheet.write_string(r, c, value, bold if r == 0 else None)
    sheet.set_column(0, 0, 26)
    sheet.set_column(1, len(summary.statuses) + 1, 16)
    book.close()
    return out.getvalue()
