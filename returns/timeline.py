"""A return's timeline: the steps of its workflow, and what the apps above returns add to it
(the national side: the reminders of the period's deadline sent to its area), in time order.
Each app above registers what it adds from its `AppConfig.ready()`, as `plans.additions`
does for plans; returns imports none of them."""

from collections.abc import Callable, Iterable

from .models import QuarterlyReturn

_sources: dict[str, Callable[[QuarterlyReturn], Iterable]] = {}


def add_timeline_source(name: str, events: Callable[[QuarterlyReturn], Iterable]) -> None:
    """`events(quarterly_return)` gives events with `at` and `pk`, and `get_kind_display()`."""
    _sources[name] = events


def return_timeline(*, quarterly_return: QuarterlyReturn) -> list:
    events = [*quarterly_return.events.select_related("user", "submission")]
    for source in _sources.values():
        events += source(quarterly_return)
    return sorted(events, key=lambda event: (event.at, event.pk))
