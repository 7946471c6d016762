"""A plan's conversations: the component of `governance.conversations`, hung on plans. A
conversation is about the whole plan or one of its parts (funding, conditions, …)."""

from django.http import HttpRequest, HttpResponse
from django.urls import reverse

from governance import conversation_views
from governance.conversations import Host, add_host

from . import additions, forms
from .models import Plan
from .views import plan_for_request


def _args(plan: Plan) -> list:
    return [plan.hwb_area.ons_code, plan.financial_year.start_year]


def _part_forms() -> dict:
    return {**forms.PARTS, **additions.edit_parts()}


def _parts(plan: Plan) -> list[tuple[str, list[tuple[str, str]]]]:
    return [("Parts of the plan", [(f"part:{slug}", form.title)
                                   for slug, form in _part_forms().items()])]  # fmt: skip


def _part_url(plan: Plan, about: str) -> str:
    return reverse("plan", args=_args(plan))  # its page shows every part


HOST = Host(
    model=Plan,
    name=lambda p: f"{p.hwb_area.name}’s {p.financial_year} plan",
    url=lambda p: reverse("plan-conversations", args=_args(p)),
    thread_url=lambda p, c: reverse("plan-conversation", args=[*_args(p), c.pk]),
    parts=_parts,
    part_url=_part_url,
    queryset=lambda: Plan.objects.select_related("hwb_area", "financial_year"),
)


def register() -> None:
    add_host(HOST)


def _frame(plan: Plan) -> dict:
    area = plan.hwb_area
    return {
        "area": area,
        "breadcrumbs": [
            (area.name, reverse("hwb-area", args=[area.ons_code])),
            (f"{plan.financial_year} plan", reverse("plan", args=_args(plan))),
        ],
    }


def plan_conversations(request: HttpRequest, ons_code: str, year: int) -> HttpResponse:
    plan = plan_for_request(request, ons_code, year)
    return conversation_views.conversations_page(
        request, subject=plan, area=plan.hwb_area, frame=_frame(plan)
    )


def plan_conversation(request: HttpRequest, ons_code: str, year: int, pk: int) -> HttpResponse:
    plan = plan_for_request(request, ons_code, year)
    return conversation_views.thread_page(
        request, subject=plan, area=plan.hwb_area, pk=pk, frame=_frame(plan)
    )
