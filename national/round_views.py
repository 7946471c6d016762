"""Rounds in the portal, for administrators: every reporting period and how its round stands,
and opening a round after a page that says what opening does (the admin's bulk action, beside
"Delete selected", asked nothing)."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from governance import rules
from governance.models import HwbArea
from returns.views import period_for_request

from .rounds import open_rounds_state, round_open_request


def rounds_page(request: HttpRequest) -> HttpResponse:
    rules.require(request.user, rules.Action.MANAGE)
    return render(request, "national/rounds.html", {"rounds": open_rounds_state(all_rounds=True)})


def round_open_page(request: HttpRequest, period: str) -> HttpResponse:
    """GET: what opening the round does, and a button; POST: open it (by the worker)."""
    rules.require(request.user, rules.Action.MANAGE)
    period_ = period_for_request(period)
    if request.method == "POST":
        messages.success(request, round_open_request(period=period_, user=request.user))
        return redirect(reverse("round-status", args=[period_.code]))
    missing = HwbArea.objects.exclude(returns__period=period_).count()
    return render(request, "national/round_open.html", {"period": period_, "missing": missing})
