"""Pages for areas and plans. Each looks its object up through the user's own areas,
so another area's page is a 404: the portal does not confirm that it exists."""

from collections import defaultdict

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from bcfportal import rules
from returns.selectors import periods_with_returns
from schemes.selectors import schemes_for_plan

from . import selectors
from .models import Plan


@require_safe
def home(request: HttpRequest) -> HttpResponse:
    # A handful of queries however many areas the user has (an analyst may have ~150).
    plans_by_area = defaultdict(list)
    for summary in selectors.plan_summaries(plans=selectors.plans_for_user(user=request.user)):
        plans_by_area[summary.plan.hwb_area_id].append(summary)
    roles = selectors.roles_by_area(user=request.user)
    return render(
        request,
        "plans/home.html",
        {
            "areas": [
                {"area": area, "roles": roles[area.pk], "plans": plans_by_area[area.pk]}
                for area in selectors.hwb_areas_for_user(user=request.user)
            ],
            "is_administrator": selectors.is_administrator(user=request.user),
            "is_analyst": rules.allows(request.user, rules.Action.NATIONAL_EXPORT),
        },
    )


@require_safe
def hwb_area_detail(request: HttpRequest, ons_code: str) -> HttpResponse:
    area = get_object_or_404(selectors.hwb_areas_for_user(user=request.user), ons_code=ons_code)
    return render(
        request,
        "plans/hwb_area_detail.html",
        {
            "area": area,
            "roles": selectors.roles_by_area(user=request.user)[area.pk],
            "partners": area.partners.all(),
            "plans": selectors.plan_summaries(plans=area.plans.all()),
            "returns": periods_with_returns(hwb_area=area),
            "can_start_return": rules.allows(request.user, rules.Action.EDIT, area),
        },
    )


def plan_for_request(request: HttpRequest, ons_code: str, year: int) -> Plan:
    """The plan of this URL, if the user belongs to its area; else a 404."""
    return get_object_or_404(
        selectors.plans_for_user(user=request.user),
        hwb_area__ons_code=ons_code,
        financial_year__start_year=year,
    )


@require_safe
def plan_detail(request: HttpRequest, ons_code: str, year: int) -> HttpResponse:
    plan = plan_for_request(request, ons_code, year)
    return render(
        request,
        "plans/plan_detail.html",
        {
            "plan": plan,
            "contributions": selectors.plan_contributions(plan=plan),
            "expenditure": selectors.plan_expenditure(plan=plan),
            "conditions": selectors.plan_condition_statements(plan=plan),
            "sign_off_blocks": plan.sign_off_blocks.select_related("partner"),
            "metrics": plan.metrics.select_related("definition"),
            "schemes": schemes_for_plan(plan=plan),
        },
    )
