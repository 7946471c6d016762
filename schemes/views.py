"""Scheme pages, reached through a plan the user can see."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from plans.views import plan_for_request

from .selectors import scheme_investment


@require_safe
def scheme_detail(request: HttpRequest, ons_code: str, year: int, pk: int) -> HttpResponse:
    plan = plan_for_request(request, ons_code, year)
    scheme = get_object_or_404(plan.schemes.select_related("lead_partner"), pk=pk)
    return render(
        request,
        "schemes/scheme_detail.html",
        {
            "plan": plan,
            "scheme": scheme,
            "investment": scheme_investment(scheme=scheme),
            "investment_lines": scheme.investment_lines.all(),
            "milestones": scheme.milestones.all(),
            "outcomes": scheme.outcomes.all(),
            "risks": scheme.risks.all(),
            "delivery_chain": scheme.delivery_chain.select_related("partner"),
        },
    )
