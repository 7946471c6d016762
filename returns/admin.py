"""Admin for reporting periods and returns. Answers are read-only here: they change only
through the services (forms, imports), which validate them against the template."""

from django.contrib import admin

from .models import (
    Answer,
    NationalExport,
    QuarterlyReturn,
    ReportingPeriod,
    WorkbookExport,
    WorkbookUpload,
)


@admin.register(ReportingPeriod)
class ReportingPeriodAdmin(admin.ModelAdmin):
    list_display = ["label", "template_version", "submission_deadline"]
    list_filter = ["financial_year"]


class AnswerInline(admin.TabularInline):
    model = Answer
    fields = ["question_id", "value", "source", "updated_by", "updated_at"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(QuarterlyReturn)
class QuarterlyReturnAdmin(admin.ModelAdmin):
    list_display = ["hwb_area", "period", "status", "revision", "updated_at"]
    list_filter = ["period", "status"]
    search_fields = ["hwb_area__name", "hwb_area__ons_code"]
    readonly_fields = [
        "status",
        "template_version",
        "revision",
        "version",
        "prefilled",
        "created_at",
        "updated_at",
    ]  # the status moves only through the workflow's steps
    inlines = [AnswerInline]

    def has_change_permission(self, request, obj=None):
        # A signed-off or submitted return is locked here too.
        locked = obj is not None and obj.status not in ("draft", "ready")
        return not locked and super().has_change_permission(request, obj)

    def get_readonly_fields(self, request, obj=None):
        # A return's answers belong to its area and period: it cannot be moved to another.
        fields = super().get_readonly_fields(request, obj)
        return [*fields, "hwb_area", "period"] if obj else fields


@admin.register(Answer)
class AnswerAdmin(admin.ModelAdmin):
    list_display = ["question_id", "quarterly_return", "value", "source", "updated_at"]
    list_filter = ["source"]
    search_fields = ["question_id", "value"]
    readonly_fields = ["quarterly_return", "question_id", "value", "source", "updated_by"]

    def has_add_permission(self, request):
        return False


class ReadOnlyAdmin(admin.ModelAdmin):
    """Made by the portal's own services; the admin only looks."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(WorkbookExport)
class WorkbookExportAdmin(ReadOnlyAdmin):
    list_display = ["quarterly_return", "revision", "status", "sha256", "created_at"]
    list_filter = ["status"]


@admin.register(WorkbookUpload)
class WorkbookUploadAdmin(ReadOnlyAdmin):
    list_display = ["quarterly_return", "original_name", "uploaded_by", "created_at", "applied_at"]


@admin.register(NationalExport)
class NationalExportAdmin(ReadOnlyAdmin):
    list_display = ["period", "requested_by", "status", "done", "total", "created_at"]
    list_filter = ["status", "period"]
