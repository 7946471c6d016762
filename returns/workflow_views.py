"""The workflow on a return's page: mark ready, send back, sign off, submit to NHS England,
reopen; and the versions it keeps."""

import io

from django.contrib import messages
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from governance import rules
from governance.reading import reads_only

from . import notifications, wording, workflow
from .caution_views import confirm_url
from .definitions import template
from .models import QuarterlyReturn, ReturnStatus
from .selectors import (
    ReturnState,
    answer_differences,
    decoded_answers,
    difference_count,
    last_sent_back,
    return_cautions,
    return_state,
)
from .shown import shown_sections
from .views import overview_context, return_for_request, return_page
from .workbook import state_workbook_bytes

NOT_CONFIRMED = (
    "Confirm that you have reviewed the return and the changes since it was last signed off."
)


def _sign_off(quarterly_return, user, post):
    """Signing off needs the reviewer's confirmation as well as the body they sign for."""
    if post.get("confirm") != "yes":
        rules.require(user, rules.Action.SIGN_OFF, quarterly_return.hwb_area)
        raise workflow.TransitionRefused(NOT_CONFIRMED)
    return workflow.return_sign_off(
        quarterly_return=quarterly_return, user=user, on_behalf_of=post.get("on_behalf_of", "")
    )


TRANSITIONS = {
    "ready": lambda qr, user, post: workflow.return_mark_ready(quarterly_return=qr, user=user),
    "send-back": lambda qr, user, post: workflow.return_send_back(
        quarterly_return=qr, user=user, reason=post.get("reason", "")
    ),
    "sign-off": _sign_off,
    "submit": lambda qr, user, post: workflow.return_submit(quarterly_return=qr, user=user),
    "reopen": lambda qr, user, post: workflow.return_reopen(
        quarterly_return=qr, user=user, reason=post.get("reason", "")
    ),
}


@require_POST
def return_transition(request: HttpRequest, ons_code: str, period: str, step: str) -> HttpResponse:
    quarterly_return = return_for_request(request, ons_code, period)
    if step not in TRANSITIONS:
        raise Http404("No such step")
    try:
        event = TRANSITIONS[step](quarterly_return, request.user, request.POST)
    except workflow.FiguresToConfirm as asked:  # the "are you sure?" page, one at a time
        return redirect(confirm_url(quarterly_return, asked.asked[0].caution.key, then="ready"))
    except workflow.TransitionRefused as refused:
        quarterly_return.refresh_from_db()
        error = {"workflow_error": str(refused), "workflow_step": step, "posted": request.POST}
        on_review = step in ("sign-off", "send-back") and rules.allows(
            request.user, rules.Action.SIGN_OFF, quarterly_return.hwb_area
        )
        if on_review and quarterly_return.status == ReturnStatus.READY:
            field = "confirm" if str(refused) == NOT_CONFIRMED else "on_behalf_of"
            context = {**review_context(request, quarterly_return), **error, "error_field": field}
            return render(request, "returns/review.html", context, status=400)
        context = {**overview_context(request, quarterly_return), **error}
        return render(request, "returns/overview.html", context, status=400)
    return redirect(reverse("return-step-done", args=[ons_code, period, event.pk]))


@reads_only
def step_done(request: HttpRequest, ons_code: str, period: str, pk: int) -> HttpResponse:
    """A step's confirmation: what was done, who was told, what happens next. For the one
    who took the step; anyone else is taken to the return."""
    quarterly_return = return_for_request(request, ons_code, period)
    event = get_object_or_404(quarterly_return.events.select_related("user"), pk=pk)
    if event.user_id != request.user.pk:
        return redirect(reverse("return", args=[ons_code, period]))
    title, next_ = wording.DONE[event.kind]
    return render(
        request,
        "returns/step_done.html",
        return_page(
            quarterly_return,
            event=event,
            title=title,
            next=next_,
            told=notifications.people_told(event),
            told_words=notifications.TOLD[event.kind],
        ),
    )


def review_context(request: HttpRequest, quarterly_return: QuarterlyReturn) -> dict:
    """What a sign-off member reads before signing: what changed since the last signed
    version, then the whole return as it stands, then who signs on whose behalf."""
    state = return_state(quarterly_return=quarterly_return)
    last = quarterly_return.versions.order_by("-number").first()
    changes = None
    if last is not None:
        signed = decoded_answers(answers=last.answers.items(), definition=state.definition)
        changes = answer_differences(
            definition=state.definition, before=signed, after=state.answers
        )
    sent_back = last_sent_back(quarterly_return)
    since_sent_back = None
    if sent_back is not None:
        sent = decoded_answers(answers=sent_back.ready.answers.items(), definition=state.definition)
        since_sent_back = answer_differences(
            definition=state.definition, before=sent, after=state.answers
        )
    user = request.user
    return return_page(
        quarterly_return,
        checklist=state.checklist,
        last_version=last,
        changes=changes,
        change_count=difference_count(changes),
        sent_back=sent_back,
        cautions=return_cautions(state=state),
        since_sent_back=since_sent_back,
        since_sent_back_count=difference_count(since_sent_back),
        sections=shown_sections(state.definition, state.values),
        signer=(
            f"{user.get_full_name()} ({user.get_username()})"
            if user.get_full_name()
            else user.get_username()
        ),
        on_behalf_of=f"BCF sub-group of the {quarterly_return.hwb_area.name} Health and "
        "Wellbeing Board",
    )


@reads_only
def return_review(request: HttpRequest, ons_code: str, period: str) -> HttpResponse:
    quarterly_return = return_for_request(request, ons_code, period)
    rules.require(request.user, rules.Action.SIGN_OFF, quarterly_return.hwb_area)
    if quarterly_return.status != ReturnStatus.READY:
        messages.info(request, "This return is not waiting for sign-off.")
        return redirect(reverse("return", args=[ons_code, period]))
    return render(request, "returns/review.html", review_context(request, quarterly_return))


@reads_only
def review_workbook(request: HttpRequest, ons_code: str, period: str):
    """The workbook the Board is asked to approve: the return as it stands, made now (in a
    few milliseconds) and marked DRAFT on its Cover until it is signed off."""
    quarterly_return = return_for_request(request, ons_code, period)
    rules.require(request.user, rules.Action.EXPORT, quarterly_return.hwb_area)
    content = state_workbook_bytes(state=return_state(quarterly_return=quarterly_return))
    name = quarterly_return.workbook_filename
    return FileResponse(io.BytesIO(content), as_attachment=True, filename=name)


def _version(request, ons_code, period, number):
    quarterly_return = return_for_request(request, ons_code, period)
    return quarterly_return, get_object_or_404(quarterly_return.versions, number=number)


@reads_only
def version_detail(request: HttpRequest, ons_code: str, period: str, number: int) -> HttpResponse:
    quarterly_return, version = _version(request, ons_code, period, number)
    state = _version_state(quarterly_return, version)
    sections = shown_sections(state.definition, state.values)
    return render(
        request,
        "returns/version.html",
        return_page(
            quarterly_return,
            version=version,
            sections=sections,
            checklist=state.checklist,
        ),
    )


@reads_only
def version_workbook(request: HttpRequest, ons_code: str, period: str, number: int):
    """The workbook of a version: the one submitted, byte for byte, or one made from it (when
    asked for, once the page has said the submitted file is missing)."""
    quarterly_return, version = _version(request, ons_code, period, number)
    rules.require(request.user, rules.Action.EXPORT, quarterly_return.hwb_area)
    submission = version.submission
    if submission is not None and request.GET.get("made") != "yes":
        if submission.file_missing:
            context = return_page(quarterly_return, version=version, submission=submission)
            return render(request, "returns/version_file_missing.html", context, status=404)
        return FileResponse(
            submission.file.open("rb"), as_attachment=True, filename=submission.filename
        )
    # A version is what was signed off: never a draft, whatever the return is now.
    content = state_workbook_bytes(state=_version_state(quarterly_return, version), draft=False)
    name = quarterly_return.workbook_filename_as(draft=False)
    return FileResponse(
        io.BytesIO(content), as_attachment=True, filename=name.replace(".xlsx", f"-v{number}.xlsx")
    )


def _version_state(quarterly_return, version) -> ReturnState:
    definition = template(quarterly_return.template_version)
    return ReturnState(
        quarterly_return,
        definition,
        decoded_answers(answers=version.answers.items(), definition=definition),
    )
