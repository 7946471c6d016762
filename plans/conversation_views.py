"""A plan's conversations: the component of `governance.conversations`, hung on plans. A
conversation is about the whole plan or one of its parts (funding, conditions, …)."""

from django.urls import reverse

from governance import conversation_views
from governance.conversations import Host, add_host

from .models import Plan
from .views import plan_for_request, plan_parts


def _args(plan: Plan) -> list:
    return [plan.hwb_area.ons_code, plan.financial_year.start_year]


def _parts(plan: Plan) -> list[tuple[str, list[tuple[str, str]]]]:
    return [("Parts of the plan", [(f"part:{slug}", form.title)
                                   for slug, form in plan_parts().items()])]  # fmt: skip


def _part_url(plan: Plan, about: str) -> str:
    return reverse("plan", args=_args(plan))  # its page shows every part


HOST = Host(
    model=Plan,
    name=lambda p: f"{p.hwb_area.name}’s {p.financial_year} plan",
    url=lambda p: reverse("plan-conversations", args=_args(p)),
    thread_url=lambda p, c: reverse("plan-conversation", args=[*_args(p), c.pk]),
    parts=_parts,
    part_url=_part_url,
    crumb=lambda p: (f"{p.financial_year} plan", reverse("plan", args=_args(p))),
    queryset=lambda: Plan.objects.select_related("hwb_area", "financial_year"),
)


def register() -> None:
    add_host(HOST)


# Its pages, at …/conversations/ and …/conversations/<pk>/ (plans/urls.py).
plan_conversations, plan_conversation = conversation_views.pages_for(plan_for_request)
