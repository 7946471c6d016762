"""Pages for the workbook: export on the worker and download; upload, preview, confirm.

Looked up through the user's own areas like every return page, so another
area's export or upload is a 404.
"""

from django.contrib import messages
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST, require_safe

from governance import rules
from governance.jobs import stale_checked
from governance.storage import FileNotStored

from .exports import (
    export_request,
    export_retry,
    upload_apply,
    upload_preview,
    upload_receive,
)
from .forms import WorkbookUploadForm
from .models import ExportStatus
from .services import ReturnLocked, SaveConflict
from .views import can_edit, posted_revision, require_editable, return_for_request, return_page
from .workbook import WorkbookProblems, WorkbookRefused


def _export(request, ons_code, period, pk):
    quarterly_return = return_for_request(request, ons_code, period)
    rules.require(request.user, rules.Action.EXPORT, quarterly_return.hwb_area)
    return stale_checked(get_object_or_404(quarterly_return.exports, pk=pk))


@require_POST
def export_start(request: HttpRequest, ons_code: str, period: str) -> HttpResponse:
    quarterly_return = return_for_request(request, ons_code, period)
    rules.require(request.user, rules.Action.EXPORT, quarterly_return.hwb_area)
    export = export_request(quarterly_return=quarterly_return, user=request.user)
    return redirect(reverse("return-export", args=[ons_code, period, export.pk]))


@require_safe  # may mark a stale export failed: a write
def export_detail(request: HttpRequest, ons_code: str, period: str, pk: int) -> HttpResponse:
    export = _export(request, ons_code, period, pk)
    return render(
        request,
        "returns/export.html",
        return_page(export.quarterly_return, export=export),
    )


@require_POST
def export_again(request: HttpRequest, ons_code: str, period: str, pk: int) -> HttpResponse:
    export = export_retry(export=_export(request, ons_code, period, pk), user=request.user)
    return redirect(reverse("return-export", args=[ons_code, period, export.pk]))


@require_safe  # may mark a stale export failed: a write
def export_download(request: HttpRequest, ons_code: str, period: str, pk: int) -> HttpResponse:
    export = _export(request, ons_code, period, pk)
    if export.status != ExportStatus.READY or export.file_missing:  # its page says which
        return redirect(reverse("return-export", args=[ons_code, period, export.pk]))
    return FileResponse(export.file.open("rb"), as_attachment=True, filename=export.filename)


def _upload_context(quarterly_return, request) -> dict:
    return return_page(quarterly_return, can_edit=can_edit(request, quarterly_return))


def workbook_upload(request: HttpRequest, ons_code: str, period: str) -> HttpResponse:
    """Upload a filled-in workbook; its changes are shown next, applied only on confirmation."""
    quarterly_return = return_for_request(request, ons_code, period)
    context = _upload_context(quarterly_return, request)
    posted, status = request.method == "POST", None
    form = WorkbookUploadForm(request.POST, request.FILES) if posted else WorkbookUploadForm()
    if posted:
        require_editable(request, quarterly_return)
        if form.is_valid():
            uploaded = form.cleaned_data["workbook"]
            try:
                upload = upload_receive(
                    quarterly_return=quarterly_return,
                    content=uploaded.read(),
                    name=uploaded.name,
                    user=request.user,
                )
            except WorkbookRefused as refused:
                form.add_error("workbook", str(refused))
            except FileNotStored as failed:
                form.add_error("workbook", failed.message)
                status = 503
            except WorkbookProblems as problems:
                context["problems"] = _grouped(problems.problems)
            else:
                return redirect(reverse("return-upload", args=[ons_code, period, upload.pk]))
    context["form"] = form
    if status is None:
        status = 400 if form.errors or "problems" in context else 200
    return render(request, "returns/workbook_upload.html", context, status=status)


def upload_detail(request: HttpRequest, ons_code: str, period: str, pk: int) -> HttpResponse:
    """What the uploaded workbook would change; confirming applies exactly that."""
    quarterly_return = return_for_request(request, ons_code, period)
    upload = get_object_or_404(quarterly_return.uploads, pk=pk)
    upload.quarterly_return = quarterly_return
    context = {**_upload_context(quarterly_return, request), "upload": upload}
    status = 200
    if upload.values is None:  # kept before uploads were read once: its values are not known
        return render(request, "returns/workbook_preview.html", context, status=410)
    if request.method == "POST":
        require_editable(request, quarterly_return)
        try:
            revision = posted_revision(request)
            if revision is None:
                raise SaveConflict([])
            changed = upload_apply(upload=upload, user=request.user, base_revision=revision)
        except SaveConflict:
            # Someone saved some of these answers since: show the changes as they are now.
            quarterly_return.refresh_from_db()
            context["changed_since"], status = True, 409
        except ReturnLocked as locked:  # moved on since require_editable looked
            quarterly_return.refresh_from_db()
            context.update(refused=locked.message, can_edit=False)
            status = 409
        else:
            messages.success(request, f"Workbook imported: {len(changed)} answer(s) changed.")
            return redirect(reverse("return", args=[ons_code, period]))
    context["preview"] = upload_preview(upload=upload)
    return render(request, "returns/workbook_preview.html", context, status=status)


def _grouped(problems) -> list[tuple[str, list]]:
    tabs: dict[str, list] = {}
    for problem in problems:
        tabs.setdefault(problem.tab, []).append(problem)
    return list(tabs.items())
