"""A reporting round across HWB areas: opening it (a return for every area), and each area's
return for a period, as the round's status page, its CSV and its spreadsheet show it. Read in
a fixed number of queries however many areas there are: the checks each return passes are
kept with it as it is saved."""

import csv
import datetime
import io
from dataclasses import dataclass
from typing import NamedTuple

import xlsxwriter
from django.contrib.auth.models import AbstractBaseUser
from django.db.models import Count, Max, Q, QuerySet
from django.utils import timezone

from governance import rules
from governance.models import HwbArea
from governance.models.areas import REGION_LABELS
from governance.outbox import task_send
from governance.prepared import Prepared
from governance.selectors import hwb_areas_for_user
from returns.definitions import template
from returns.models import Extension, QuarterlyReturn, ReportingPeriod, ReturnStatus
from returns.services import return_made_once

from .assurance import round_standing

NOT_STARTED = "not_started"
QUERIED, ACCEPTED = "queried", "accepted"  # as `national.assurance` names them
# A return's status on the round's page, in the order a round moves through them.
STATUSES = {
    NOT_STARTED: "Not started",
    ReturnStatus.DRAFT: "In progress",
    ReturnStatus.READY: "Ready for sign-off",
    ReturnStatus.SIGNED_OFF: "Signed off",
    ReturnStatus.SUBMITTED: "Submitted",
    # A submitted return, as NHS England's assurance of its latest submission stands.
    QUERIED: "Queried by NHS England",
    ACCEPTED: "Accepted by NHS England",
}
STILL_DUE = {NOT_STARTED, ReturnStatus.DRAFT, ReturnStatus.READY}  # overdue once past deadline


class Started(NamedTuple):
    """What a round's row reads of an area's return: values, not a model for each of 152."""

    hwb_area_id: int
    status: str
    checks_passed: int
    updated_at: datetime.datetime
    synthetic: bool
    signed_off: datetime.datetime | None


EARLIEST = datetime.datetime.min.replace(tzinfo=datetime.UTC)  # never changed, never signed
SORTS = {
    "area": lambda row: row.area.name,
    "region": lambda row: (row.area.region_label, row.area.name),
    "status": lambda row: (list(STATUSES).index(row.status), row.area.name),
    "checks": lambda row: (row.checks_passed, row.area.name),
    "changed": lambda row: (row.last_change or EARLIEST, row.area.name),
    "signed": lambda row: (row.signed_off or EARLIEST, row.area.name),
}


# What a round's rows read of its returns and extensions, compiled once (`Prepared`).
_ROUND_RETURNS = Prepared(
    lambda period: (
        QuarterlyReturn.objects.filter(period_id=period)
        .annotate(signed_off=Max("versions__signed_off_at"))
        .order_by()
        .values_list(*Started._fields)
    ),
    period=int,
)
_ROUND_EXTENSIONS = Prepared(
    lambda period: Extension.objects.filter(period_id=period).values_list("hwb_area_id", "until"),
    period=int,
)


@dataclass(frozen=True)
class AreaInRound:
    area: HwbArea
    started: bool  # the area has a return for the period
    synthetic: bool  # of made-up figures
    status: str
    overdue: bool
    checks_passed: int
    last_change: datetime.datetime | None
    signed_off: datetime.datetime | None
    extended_until: datetime.datetime | None = None  # an administrator's extension

    @property
    def status_label(self) -> str:
        return STATUSES[self.status]


@dataclass(frozen=True)
class RoundStatus:
    period: ReportingPeriod
    checks_total: int
    rows: list[AreaInRound]  # filtered and sorted
    counts: dict[str, int]  # status -> areas, of every area the reader sees
    overdue: int
    areas: int
    regions: list[tuple[str, str]]
    extended: int = 0  # areas with an extension
    closed: bool = False  # past the round's closing date


class RoundArea(NamedTuple):
    """What a round's row shows of an area (a national reader's 152 are read as rows, not
    made into models: a tenth of the round's page)."""

    pk: int
    name: str
    ons_code: str
    region: str

    @property
    def region_label(self) -> str:
        return REGION_LABELS.get(self.region, "")


_EVERY_AREA = Prepared(
    lambda: HwbArea.objects.order_by("name").values_list("pk", "name", "ons_code", "region")
)


def round_areas(*, user) -> QuerySet[HwbArea]:
    """The areas whose returns the reader sees in a round: every one for administrators
    (who hold no area) and national analysts, an area analyst's own."""
    if rules.allows(user, rules.Action.MANAGE):
        return HwbArea.objects.all()
    return hwb_areas_for_user(user=user)


def round_status(
    *, period: ReportingPeriod, user, status: str = "", region: str = "", sort: str = "area",
    now: datetime.datetime | None = None,
) -> RoundStatus:  # fmt: skip
    """Every area's return for the period, a submitted one as NHS England's assurance of it
    stands: four queries, whatever the number of areas."""
    now = now or timezone.now()
    sees_all = rules.allows(user, rules.Action.MANAGE) or rules.reads_every_area(user)
    areas = (
        [RoundArea(*row) for row in _EVERY_AREA()]  # compiled once: the national readers' 152
        if sees_all
        else list(round_areas(user=user).only("name", "ons_code", "region").order_by("name"))
    )
    # Every return of the round, at most one an area (the rows keep the reader's): no filter
    # by the reader's areas, whose subquery costs more than the few rows it leaves out.
    returns = {row[0]: Started._make(row) for row in _ROUND_RETURNS(period=period.pk)}
    # NHS England's assurance of the submitted ones: none submitted, nothing to read.
    submitted = any(r.status == ReturnStatus.SUBMITTED for r in returns.values())
    assured = round_standing(round_key=period.code) if submitted else {}
    late = period.submission_deadline < now
    extensions = dict(_ROUND_EXTENSIONS(period=period.pk))
    everyone = []
    for area in areas:
        r = returns.get(area.pk)
        state = r.status if r else NOT_STARTED
        if state == ReturnStatus.SUBMITTED and assured.get(area.pk) in (QUERIED, ACCEPTED):
            state = assured[area.pk]
        everyone.append(AreaInRound(
            area=area, started=r is not None, synthetic=r is not None and r.synthetic,
            status=state, overdue=late and state in STILL_DUE,
            checks_passed=r.checks_passed if r else 0, last_change=r.updated_at if r else None,
            signed_off=r.signed_off if r else None, extended_until=extensions.get(area.pk),
        ))  # fmt: skip
    counts = dict.fromkeys(STATUSES, 0)
    for row in everyone:
        counts[row.status] += 1
    rows = [
        row for row in everyone
        if (not status or row.status == status) and (not region or row.area.region == region)
    ]  # fmt: skip
    key = sort.removeprefix("-")
    rows.sort(key=SORTS.get(key, SORTS["area"]), reverse=sort.startswith("-"))
    regions = sorted({(a.region, a.region_label) for a in areas if a.region},
                     key=lambda pair: pair[1])  # fmt: skip
    checks_total = len(template(period.template_version).checks)
    return RoundStatus(period, checks_total, rows, counts, sum(r.overdue for r in everyone),
                       len(areas), regions, sum(r.extended_until is not None for r in everyone),
                       period.is_closed(now))  # fmt: skip


HEADERS = ["ONS code", "HWB area", "NHS England region", "Status", "Overdue", "Checks passed",
           "Checks in all", "Last change", "Signed off", "Extended until",
           "Synthetic figures"]  # fmt: skip


def _cells(state: RoundStatus, row: AreaInRound) -> list:
    def when(moment):
        return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M") if moment else ""

    return [row.area.ons_code, row.area.name, row.area.region_label, row.status_label,
            "Yes" if row.overdue else "No", row.checks_passed, state.checks_total,
            when(row.last_change), when(row.signed_off), when(row.extended_until),
            "Yes" if row.synthetic else "No"]  # fmt: skip


def round_status_csv(state: RoundStatus) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(HEADERS)
    for row in state.rows:
        writer.writerow(_cells(state, row))
    return out.getvalue().encode("utf-8-sig")  # Excel reads the £ and the accents


def round_status_xlsx(state: RoundStatus) -> bytes:
    out = io.BytesIO()
    book = xlsxwriter.Workbook(out, {"in_memory": True})
    sheet = book.add_worksheet(f"{state.period.label.replace('/', '-')} round")  # no / in a tab
    bold = book.add_format({"bold": True, "bg_color": "#DDDDDD"})
    for c, header in enumerate(HEADERS):
        sheet.write_string(0, c, header, bold)
        sheet.set_column(c, c, 22 if c in (1, 2) else 14)
    for r, row in enumerate(state.rows, start=1):
        for c, value in enumerate(_cells(state, row)):
            if isinstance(value, int):
                sheet.write_number(r, c, value)
            else:
                sheet.write_string(r, c, value)  # names and labels: never read as a formula
    sheet.freeze_panes(1, 2)
    sheet.autofilter(0, 0, len(state.rows), len(HEADERS) - 1)
    book.close()
    return out.getvalue()


def round_open(*, period: ReportingPeriod, user: AbstractBaseUser | None = None) -> int:
    """Open a reporting round: a return for every HWB area that has none for the period,
    each pre-populated and pre-filled as one started from its area's page. Returns how many
    were made; a second call makes none, and two at once make each return once. Each area's
    return is made in a transaction of its own, so a round interrupted part-way is finished
    by opening it again."""
    if period.opened_at is None:
        ReportingPeriod.objects.filter(pk=period.pk, opened_at=None).update(
            opened_at=timezone.now()
        )
        period.refresh_from_db(fields=["opened_at"])
    started = QuarterlyReturn.objects.filter(period=period).values_list("hwb_area", flat=True)
    return sum(
        return_made_once(hwb_area=area, period=period, user=user)[1]
        for area in HwbArea.objects.exclude(pk__in=list(started)).order_by("name")
    )


def round_open_request(*, period: ReportingPeriod, user) -> str:
    """Ask the worker to open the round (`round_open`, by its task); what to tell the
    administrator who asked."""
    missing = HwbArea.objects.exclude(returns__period=period).count()
    task_send("returns.open_round", period.pk, user.pk)
    return (
        f"{period.label}: making a return for each of the {missing} HWB areas that have none, "
        "pre-filled from their plans and earlier returns. Each area's officers find it on "
        "their home page."
    )


def open_rounds_state(*, all_rounds: bool = False, now=None) -> list[dict]:
    """Each round (open ones, or every period): whether it is open, its returns, and how many
    areas are overdue. Two queries, whatever the number of periods."""
    now = now or timezone.now()
    areas = HwbArea.objects.count()
    periods = ReportingPeriod.objects.select_related("financial_year").annotate(
        made=Count("returns"),
        done=Count("returns", filter=Q(returns__status__in=(ReturnStatus.SIGNED_OFF,
                                                            ReturnStatus.SUBMITTED))),
    ).order_by("-financial_year__start_year", "-quarter")  # fmt: skip
    rows = []
    for period in periods:
        # A period whose returns an area started before any round was opened is open too.
        opened = period.opened_at is not None or period.made > 0
        is_open = opened and not period.is_closed(now)
        if not (all_rounds or is_open):
            continue
        late = period.submission_deadline < now
        rows.append({
            "period": period, "open": is_open, "opened": opened, "made": period.made,
            "areas": areas, "overdue": (areas - period.done) if late and opened else 0,
        })  # fmt: skip
    return rows
