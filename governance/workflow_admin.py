"""Reopening a signed-off return or plan from the Django admin, with a reason, through its
workflow: the same step, rules and record as on its own page."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse

from .workflow import REASON_LIMIT, TransitionRefused, Workflow


class ReopenForm(forms.Form):
    reason = forms.CharField(
        label="Why it is reopened",
        max_length=REASON_LIMIT,
        widget=forms.Textarea(attrs={"rows": 4, "cols": 60}),
        help_text="Kept on its timeline and sent to the people who act next.",
    )


class WorkflowReopenAdmin(admin.ModelAdmin):
    """Adds "Reopen" to the page of a signed-off record of `workflow`."""

    workflow: Workflow
    change_form_template = "admin/workflow_change_form.html"

    def get_urls(self):
        opts = self.model._meta
        reopen = self.admin_site.admin_view(self.reopen_view)
        name = f"{opts.app_label}_{opts.model_name}_reopen"
        return [path("<int:pk>/reopen/", reopen, name=name), *super().get_urls()]

    def _may_reopen(self, obj) -> bool:
        return obj.status in self.workflow.steps["reopen"].starts_from

    def change_view(self, request, object_id, form_url="", extra_context=None):
        obj = self.get_object(request, object_id)
        reopenable = obj is not None and self._may_reopen(obj)
        extra_context = {**(extra_context or {}), "may_reopen": reopenable}
        return super().change_view(request, object_id, form_url, extra_context)

    def reopen_view(self, request: HttpRequest, pk: int) -> HttpResponse:
        obj = get_object_or_404(self.model, pk=pk)
        if not self.has_view_permission(request, obj):
            raise PermissionDenied
        opts = self.model._meta
        back = reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])
        form = ReopenForm(request.POST or None)
        error = None
        if request.method == "POST" and form.is_valid():
            try:
                self.workflow.perform(
                    obj, "reopen", request.user, reason=form.cleaned_data["reason"]
                )
            except TransitionRefused as refused:
                error = str(refused)
            else:
                messages.success(request, f"{obj} is reopened as a draft.")
                return redirect(back)
        context = {
            **self.admin_site.each_context(request),
            "opts": opts,
            "original": obj,
            "title": f"Reopen {obj}",
            "form": form,
            "error": error,
            "back": back,
        }
        status = 400 if request.method == "POST" else 200
        return TemplateResponse(request, "admin/workflow_reopen.html", context, status=status)
