"""The scheme register as a spreadsheet: download it, and import one back."""

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from governance.forms import GovukErrorClassesMixin
from governance.reading import reads_only
from governance.uploads import LIMITS
from plans.services import PlanRefused
from plans.views import plan_for_request, require_plan_editable

from .register import (
    RegisterProblems,
    WorkbookRefused,
    register_filename,
    register_import,
    register_workbook_bytes,
)

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@reads_only
def register_download(request: HttpRequest, ons_code: str, year: int) -> HttpResponse:
    plan = plan_for_request(request, ons_code, year)
    response = HttpResponse(register_workbook_bytes(plan=plan), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{register_filename(plan)}"'
    return response


class RegisterUploadForm(GovukErrorClassesMixin, forms.Form):
    revision = forms.IntegerField(widget=forms.HiddenInput)
    file = forms.FileField(
        label="Scheme register (.xlsx)",
        help_text="Download the register for its layout: a Schemes sheet and an Investment "
        "lines sheet. At most 10 MB.",
        error_messages={"required": "Choose the spreadsheet to import."},
        widget=forms.ClearableFileInput(attrs={"class": "govuk-file-upload", "accept": ".xlsx"}),
    )

    def clean_file(self):
        uploaded = self.cleaned_data["file"]
        if uploaded.size > LIMITS.file_bytes:
            raise forms.ValidationError(
                f"The file is {uploaded.size / 1024 / 1024:.1f} MB; the largest a scheme "
                "register can be is 10 MB."
            )
        return uploaded


@require_http_methods(["GET", "HEAD", "POST"])
def register_upload(request: HttpRequest, ons_code: str, year: int) -> HttpResponse:
    plan = plan_for_request(request, ons_code, year)
    require_plan_editable(request, plan)
    problems, refused, status = [], None, 200
    if request.method == "POST":
        form = RegisterUploadForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                outcome = register_import(
                    plan=plan, content=form.cleaned_data["file"].read(), user=request.user,
                    revision=form.cleaned_data["revision"],
                )  # fmt: skip
            except (WorkbookRefused, PlanRefused) as error:
                refused, status = str(error), 400
            except RegisterProblems as error:
                problems, status = error.problems, 400
            else:
                parts = [
                    f"{len(outcome.created)} added",
                    f"{len(outcome.updated)} changed",
                    f"{len(outcome.unchanged)} unchanged",
                ]
                if outcome.not_in_file:
                    parts.append(f"not in the file, so left as they were: "
                                 f"{', '.join(outcome.not_in_file)}")  # fmt: skip
                messages.success(request, f"Scheme register imported: {'; '.join(parts)}.")
                return redirect(
                    reverse("scheme-register", args=[ons_code, plan.financial_year.start_year])
                )
        else:
            status = 400
    else:
        form = RegisterUploadForm(initial={"revision": plan.revision})
    grouped = {}
    for problem in problems:
        grouped.setdefault(problem.sheet, []).append(problem)
    return render(
        request,
        "schemes/register_upload.html",
        {"plan": plan, "form": form, "problems": grouped, "refused": refused},
        status=status,
    )
