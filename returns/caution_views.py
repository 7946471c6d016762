"""The "are you sure?" page: a figure one of the template's checks asks about, confirmed by
an officer with a short explanation (GOV.UK's interruption pattern), one at a time. Marking
ready leads here while any is unconfirmed, and on from the last one confirmed."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from governance import rules
from governance.refused import Refused

from . import services, workflow
from .models import QuarterlyReturn
from .selectors import return_cautions, return_state, unconfirmed
from .views import return_for_request, return_page


def confirm_url(quarterly_return: QuarterlyReturn, key: str, *, then: str = "") -> str:
    args = [quarterly_return.hwb_area.ons_code, quarterly_return.period.code, key]
    return reverse("return-confirm", args=args) + ("?then=ready" if then == "ready" else "")


def return_confirm(request: HttpRequest, ons_code: str, period: str, key: str) -> HttpResponse:
    quarterly_return = return_for_request(request, ons_code, period)
    rules.require(request.user, rules.Action.EDIT, quarterly_return.hwb_area)
    overview = reverse("return", args=[ons_code, period])
    asked = {one.caution.key: one for one in return_cautions(
        state=return_state(quarterly_return=quarterly_return))}  # fmt: skip
    one = asked.get(key)
    if one is None:
        messages.info(request, "Those figures need no confirming now.")
        return redirect(overview)
    then_ready = request.GET.get("then") == "ready"
    error = ""
    if request.method == "POST":
        try:
            services.confirmation_give(quarterly_return=quarterly_return, key=key,
                                       explanation=request.POST.get("explanation", ""),
                                       user=request.user)  # fmt: skip
        except services.NothingToConfirm:
            return redirect(overview)
        except Refused as refused:
            error = str(refused)
        else:
            return _onwards(request, quarterly_return, then_ready)
    remaining = [k for k, a in asked.items() if not a.confirmed]
    definition = return_state(quarterly_return=quarterly_return).definition
    context = return_page(
        quarterly_return,
        asked=one,
        section=definition.section_of(one.caution.target),
        position=remaining.index(key) + 1 if key in remaining else None,
        of=len(remaining),
        error=error,
        typed=request.POST.get("explanation", "") if error else "",
        then_ready=then_ready,
        limit=services.EXPLANATION_LIMIT,
    )
    return render(request, "returns/confirm.html", context, status=400 if error else 200)


def _onwards(request, quarterly_return: QuarterlyReturn, then_ready: bool) -> HttpResponse:
    """The next figure to confirm; else, if the officer was marking the return ready, on to
    that; else back to the return."""
    left = unconfirmed(return_cautions(state=return_state(quarterly_return=quarterly_return)))
    if left:
        return redirect(confirm_url(quarterly_return, left[0].caution.key,
                                    then="ready" if then_ready else ""))  # fmt: skip
    args = [quarterly_return.hwb_area.ons_code, quarterly_return.period.code]
    if then_ready:
        try:
            event = workflow.return_mark_ready(quarterly_return=quarterly_return, user=request.user)
        except workflow.TransitionRefused as refused:
            messages.error(request, str(refused))
            return redirect(reverse("return", args=args))
        return redirect(reverse("return-step-done", args=[*args, event.pk]))
    messages.success(request, "Every figure the portal asked about is confirmed.")
    return redirect(reverse("return", args=args))
