"""What the apps above `plans` add to a plan's pages and workbook, and to an area's page.

`plans` sits below `schemes`, `metrics` and `returns`: they build on a plan or an area, and
plans imports none of them. Yet a plan's page shows its schemes and metric targets, one of
its edit pages is the metric targets, its workbook carries the register's sheets, an
area's page lists its returns, and the home page says which returns wait for the user.
Each app registers what it adds, from its `AppConfig.ready()` (its `additions.py`); plans
shows whatever is registered, knowing only these shapes.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from governance.models.submissions import KEPT_AS_SENT
from governance.prepared import PreparedModels

from .models import PlanEvent


@dataclass(frozen=True)
class PlanSection:
    """A section of the plan page: `name` is the template's variable, `read(plan)` its value;
    `read_in_full(plan)` is the printable plan's, when it shows more."""

    name: str
    read: Callable[[Any], Any]
    read_in_full: Callable[[Any], Any] | None = None


_plan_sections: dict[str, PlanSection] = {}
_edit_parts: dict[str, type] = {}
_workbook_sheets: list[tuple[int, Callable[..., None]]] = []
_area_sections: dict[str, Callable[[Any], Any]] = {}
_home_sections: dict[str, tuple[Callable[[Any], Any], str, bool]] = {}
_to_dos: dict[str, Callable[[Any], list["ToDo"]]] = {}
_enquiries: list[tuple[int, Any]] = []  # (order, governance.submissions.Enquiry)
_timeline_sources: dict[str, Callable[[Any], list]] = {}


@dataclass(frozen=True)
class ToDo:
    """One line of the home page's "Waiting for you" task list: a plan or return that waits
    for this user, what it needs (`hint`, in words) and its status. The list is in deadline
    order; `overdue` shows instead of `status` once the deadline has passed."""

    title: str
    url: str
    hint: str
    status: str  # "Not started", "In progress" or "To do"
    overdue: bool = False
    due: datetime.datetime | None = None

    @property
    def status_class(self) -> str:
        if self.overdue:
            return "govuk-tag--red"
        return "govuk-tag--light-blue" if self.status == "In progress" else "govuk-tag--blue"


@dataclass(frozen=True)
class HomeSection:
    """A part of the home page: `template` rendered with `data`; a `banner` goes above the
    page's heading (a notification banner), the others below what waits for the user."""

    template: str
    data: Any
    banner: bool = False


def add_plan_section(section: PlanSection) -> None:
    _plan_sections[section.name] = section


def add_edit_part(slug: str, form_class: type) -> None:
    """An edit page of the plan, at `…/edit/<slug>/`: a `plans.forms.PlanPartForm`."""
    _edit_parts[slug] = form_class


def add_workbook_sheets(order: int, write: Callable[..., None]) -> None:
    """`write(book, plan=, formats=)` adds sheets after the plan's own, in `order`."""
    if all(existing is not write for _, existing in _workbook_sheets):
        _workbook_sheets.append((order, write))


def add_area_section(name: str, read: Callable[[Any], Any]) -> None:
    """`read(area)` is the area page's `name` variable."""
    _area_sections[name] = read


def add_home_section(
    name: str, read: Callable[[Any], Any], template: str, *, banner: bool = False
) -> None:
    """`read(user)` is what `template` shows on the home page, above the areas (nothing
    when it returns a false value): e.g. how each period stands; a `banner` (e.g. the
    returns sent back to this user, with why) goes above the page's heading."""
    _home_sections[name] = (read, template, banner)


def add_timeline_source(name: str, events: Callable[[Any], list]) -> None:
    """`events(plan)`: what else its timeline shows (NHS England's queries and outcomes), each
    with `at`, `pk`, `user` and `get_kind_display()`."""
    _timeline_sources[name] = events


# The plan's steps, with who took them and what they sent (not what it kept): compiled once.
_STEPS = PreparedModels(
    lambda plan: (
        PlanEvent.objects.filter(plan_id=plan)
        .select_related("user", "submission")
        .defer(*(f"submission__{name}" for name in KEPT_AS_SENT))
    ),
    plan=int,
)


def timeline(plan) -> list:
    """The plan's steps and what is registered, in time order."""
    events = _STEPS(plan=plan.pk)
    for event in events:  # as `plan.events` would hand them the plan
        event.plan = plan
    for source in _timeline_sources.values():
        events += source(plan)
    return sorted(events, key=lambda event: (event.at, event.pk))


def add_enquiry(order: int, enquiry) -> None:
    """A key line of enquiry NHS England asks of a submitted plan, about what this app adds
    (`enquiry.evaluate(plan)`): the metric targets, the schemes' funding."""
    _enquiries.append((order, enquiry))


def enquiries() -> list:
    return [enquiry for _, enquiry in sorted(_enquiries, key=lambda pair: pair[0])]


def add_to_do(name: str, read: Callable[[Any], list[ToDo]]) -> None:
    """`read(user)`: what waits for the user, e.g. their area's returns in progress."""
    _to_dos[name] = read


def to_dos(user, *own: ToDo) -> list[ToDo]:
    """Everything that waits for the user, `own` (the plans') and what is registered, those
    with the nearest deadline first and those with none last."""
    items = [*own, *(item for read in _to_dos.values() for item in read(user))]
    latest = datetime.datetime.max.replace(tzinfo=datetime.UTC)
    return sorted(items, key=lambda item: (item.due or latest, item.title))


def plan_sections(plan, *, in_full: bool = False) -> dict[str, Any]:
    return {
        name: (section.read_in_full if in_full and section.read_in_full else section.read)(plan)
        for name, section in _plan_sections.items()
    }


def edit_parts() -> dict[str, type]:
    return dict(_edit_parts)


def workbook_sheets() -> list[Callable[..., None]]:
    return [write for _, write in sorted(_workbook_sheets, key=lambda pair: pair[0])]


def area_sections(area) -> dict[str, Any]:
    return {name: read(area) for name, read in _area_sections.items()}


def home_sections(user) -> list[HomeSection]:
    sections = []
    for read, template, banner in _home_sections.values():
        data = read(user)
        if data:
            sections.append(HomeSection(template, data, banner))
    return sections
