"""The workflow on a return's page: mark ready, send back, sign off, record submission,
reopen; and the versions it keeps."""

import io

from django.contrib import messages
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST, require_safe

from governance import rules

from . import workflow
from .definitions import template
from .models import ExportStatus, QuarterlyReturn
from .selectors import ReturnState, decoded_answers
from .views import overview_context, return_for_request, return_page
from .workbook import state_workbook_bytes

TRANSITIONS = {
    "ready": lambda qr, user, post: workflow.return_mark_ready(quarterly_return=qr, user=user),
    "send-back": lambda qr, user, post: workflow.return_send_back(
        quarterly_return=qr, user=user, reason=post.get("reason", "")
    ),
    "sign-off": lambda qr, user, post: workflow.return_sign_off(
        quarterly_return=qr, user=user, on_behalf_of=post.get("on_behalf_of", "")
    ),
    "submit": lambda qr, user, post: workflow.return_submit(
        quarterly_return=qr, user=user, export=_submittable_export(qr)
    ),
    "reopen": lambda qr, user, post: workflow.return_reopen(
        quarterly_return=qr, user=user, reason=post.get("reason", "")
    ),
}


def _submittable_export(quarterly_return: QuarterlyReturn):
    # Only a file made after sign-off: one made before it says DRAFT on its Cover.
    export = quarterly_return.exports.filter(
        status=ExportStatus.READY, revision=quarterly_return.revision, draft=False
    ).first()
    if export is None:
        raise workflow.TransitionRefused(
            "Export the workbook of the signed-off return first, then record it as submitted."
        )
    return export


@require_POST
def return_transition(request: HttpRequest, ons_code: str, period: str, step: str) -> HttpResponse:
    quarterly_return = return_for_request(request, ons_code, period)
    if step not in TRANSITIONS:
        raise Http404("No such step")
    try:
        event = TRANSITIONS[step](quarterly_return, request.user, request.POST)
    except workflow.TransitionRefused as refused:
        quarterly_return.refresh_from_db()
        context = overview_context(request, quarterly_return)
        context.update(workflow_error=str(refused), workflow_step=step, posted=request.POST)
        return render(request, "returns/overview.html", context, status=400)
    messages.success(request, f"{event.get_kind_display()}.")
    return redirect(reverse("return", args=[ons_code, period]))


def _version(request, ons_code, period, number):
    quarterly_return = return_for_request(request, ons_code, period)
    return quarterly_return, get_object_or_404(quarterly_return.versions, number=number)


@require_safe
def version_detail(request: HttpRequest, ons_code: str, period: str, number: int) -> HttpResponse:
    quarterly_return, version = _version(request, ons_code, period, number)
    state = _version_state(quarterly_return, version)
    sections = [
        (section, [(q, q.type.display(state.values.get(q.id))) for q in section.questions])
        for section in state.definition.sections
    ]
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


@require_safe
def version_workbook(request: HttpRequest, ons_code: str, period: str, number: int):
    """The workbook of a version: the one submitted, byte for byte, or one made from it."""
    quarterly_return, version = _version(request, ons_code, period, number)
    rules.require(request.user, rules.Action.EXPORT, quarterly_return.hwb_area)
    if version.submitted is not None:
        export = version.submitted
        return FileResponse(export.file.open("rb"), as_attachment=True, filename=export.filename)
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
