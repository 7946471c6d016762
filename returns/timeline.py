"""A return's timeline: the steps of its workflow, and what the apps above returns add to it
(the national side: the reminders of the period's deadline sent to its area), in time order.
Each app above registers what it adds from its `AppConfig.ready()`, as `plans.additions`
does for plans; returns imports none of them."""

from collections.abc import Callable, Iterable

from governance.models.submissions import KEPT_AS_SENT
from governance.prepared import PreparedModels

from .models import QuarterlyReturn, ReturnEvent

_sources: dict[str, Callable[[QuarterlyReturn], Iterable]] = {}


def add_timeline_source(name: str, events: Callable[[QuarterlyReturn], Iterable]) -> None:
    """`events(quarterly_return)` gives events with `at` and `pk`, and `get_kind_display()`."""
    _sources[name] = events


# What a timeline does not show: the answers a mark-ready or a submission kept, and what
# a submission's checks found. Each is a return's worth of JSON to read and decode (two or
# three sets for a return with a history, a third of its overview's database time).
UNSHOWN = tuple(f"submission__{name}" for name in KEPT_AS_SENT)

# The return's steps, with who took them and what they sent: compiled once.
_STEPS = PreparedModels(
    lambda quarterly_return: (
        ReturnEvent.objects.filter(quarterly_return_id=quarterly_return)
        .select_related("user", "submission")
        .defer("answers", *UNSHOWN)
    ),
    quarterly_return=int,
)


def return_timeline(*, quarterly_return: QuarterlyReturn) -> list:
    events = _STEPS(quarterly_return=quarterly_return.pk)
    for event in events:  # as `quarterly_return.events` would hand them the return
        event.quarterly_return = quarterly_return
    for source in _sources.values():
        events += source(quarterly_return)
    return sorted(events, key=lambda event: (event.at, event.pk))
