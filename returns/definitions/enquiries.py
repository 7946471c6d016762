"""The key lines of enquiry NHS England's reviewers ask of a quarterly return when it arrives
(`governance.submissions.Enquiry`): each template declares them (`Template.enquiries`) from
its own sections, and the portal answers what its data can as the return is submitted.

The lines follow the issue that asked for assurance (NHS England's own key lines are not in
the specs): a national condition not met and no date given; income or expenditure far from
plan (the same shares as the "are you sure?" checks, `cautions.py`); a metric not on track.
Whether the narrative explains the figures is the reviewer's judgement.

Each line reads the return's values (`ReturnState.values`) and gives red, amber or green
with what it found, naming the questions in words.
"""

from collections.abc import Callable

from governance.glossary import plain
from governance.submissions import Enquiry, Finding, Rating

from .structure import Section
from .values import NC_STATUS

MET = "Yes"
NO_IMPROVEMENT = "No improvement in performance"
ON_TARGET = "On track to meet target"


def _names(questions) -> str:
    return "; ".join(plain(q.name).split(":")[0] for q in questions)


def _conditions(sections: tuple[Section, ...]) -> Enquiry | None:
    """Red: a condition not met and no date given; amber: not met, with the date it will be;
    green: every condition met."""
    statuses = [q for s in sections for q in s.inputs
                if q.type is NC_STATUS and q.id.endswith("_status")]  # fmt: skip
    if not statuses:
        return None
    dated = {q.id: q.id.removesuffix("_status") + "_date" for q in statuses}

    def evaluate(values) -> Finding:
        not_met = [q for q in statuses if values.get(q.id) != MET]
        undated = [q for q in not_met if not values.get(dated[q.id])]
        if undated:
            return Finding(Rating.RED, f"Not met, with no date given: {_names(undated)}.")
        if not_met:
            return Finding(Rating.AMBER, f"Not yet met, with a date given: {_names(not_met)}.")
        return Finding(Rating.GREEN, f"All {len(statuses)} national conditions are met.")

    return Enquiry("conditions", "Is every national condition met, or will it be by a date "
                   "given?", evaluate)  # fmt: skip


def _far_from_plan(sections: tuple[Section, ...]) -> Enquiry | None:
    """Red: income or expenditure further from plan than the "are you sure?" share."""
    cautions = [c for s in sections for c in s.cautions if c.key.endswith("_far_from_plan")]
    if not cautions:
        return None

    def evaluate(values) -> Finding:
        far = [c for c in cautions if c.when.holds(values)]
        if far:
            return Finding(Rating.RED, " ".join(plain(c.ask) for c in far))
        return Finding(Rating.GREEN, "Income and expenditure are close to plan.")

    return Enquiry("income-and-expenditure", "Are income and expenditure close to plan?",
                   evaluate)  # fmt: skip


def _metrics(sections: tuple[Section, ...]) -> Enquiry | None:
    """Red: a metric with no improvement; amber: improving but not to target, or no data to
    assess it; green: every metric on track to meet its target."""
    progress = [q for s in sections for q in s.inputs if q.type.name == "metric_progress"]
    if not progress:
        return None

    def evaluate(values) -> Finding:
        worse = [q for q in progress if values.get(q.id) == NO_IMPROVEMENT]
        if worse:
            return Finding(Rating.RED, f"No improvement in performance: {_names(worse)}.")
        short = [q for q in progress if values.get(q.id) != ON_TARGET]
        if short:
            return Finding(Rating.AMBER, f"Not on track to meet the target: {_names(short)}.")
        return Finding(Rating.GREEN, "Every metric is on track to meet its target.")

    return Enquiry("metrics", "Is every metric on track?", evaluate)


NARRATIVE = Enquiry("narrative", "Does the narrative explain the return's figures and progress?")

DERIVED: tuple[Callable[[tuple[Section, ...]], Enquiry | None], ...] = (
    _conditions,
    _far_from_plan,
    _metrics,
)


def return_enquiries(sections: tuple[Section, ...]) -> tuple[Enquiry, ...]:
    """A template's key lines: those its sections let the portal answer, then the narrative."""
    lines = (derive(sections) for derive in DERIVED)
    return (*(line for line in lines if line is not None), NARRATIVE)
