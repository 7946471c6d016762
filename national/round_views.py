"""Rounds in the portal, for administrators: every reporting period and how its round stands,
and opening a round after a page that says what opening does (the admin's bulk action, beside
"Delete selected", asked nothing)."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from governance import rules
from governance.models import HwbArea
from governance.outbox import task_send
from returns.models import ReportingPeriod
from returns.views import period_for_request


def rounds_page(request: HttpRequest) -> HttpResponse:
    rules.require(request.user, rules.Action.MANAGE)
    return render(request, "national/rounds.html", {"rounds": open_rounds_state(all_rounds=True)})


def round_open_page(request: HttpRequest, period: str) -> HttpResponse:
    """GET: what opening the round does, and a button; POST: open it (by the worker)."""
    rules.require(request.user, rules.Action.MANAGE)
    period_ = period_for_request(period)
    missing = HwbArea.objects.exclude(returns__period=period_).count()
    if request.method == "POST":
        task_send("returns.open_round", period_.pk, request.user.pk)
        messages.success(
            request,
            f"Opening the {period_.label} round: a return is being made for each of the "
            f"{missing} HWB areas that have none. Each area's officers find it on their home "
            "page.",
        )
        return redirect(reverse("round-status", args=[period_.code]))
    return render(request, "national/round_open.html", {"period": period_, "missing": missing})


def open_rounds_state(*, all_rounds: bool = False, now=None) -> list[dict]:
    """Each round (open ones, or every period): whether it is open, its returns, and how many
    areas are overdue. Two queries, whatever the number of periods."""
    from django.db.models import Count, Q

    from returns.models import ReturnStatus

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
