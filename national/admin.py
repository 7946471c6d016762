"""Admin of the national side: reporting periods, with the action that opens a round, and
the national exports (looked at, never changed)."""

from django import forms
from django.contrib import admin, messages
from django.db.models import Count

from governance.admin import ReadOnly
from governance.models import HwbArea
from returns.definitions import all_templates
from returns.models import Extension, ReportingPeriod
from returns.selectors import deadline_words

from .models import NationalExport
from .rounds import round_open_request


class ReportingPeriodForm(forms.ModelForm):
    """A period names a template the portal has a definition of (returns/definitions/)."""

    template_version = forms.ChoiceField(
        choices=lambda: [(t.version, t.version) for t in all_templates()],
        help_text="The NHS England template its returns use: one the portal defines.",
    )

    class Meta:
        model = ReportingPeriod
        fields = ["financial_year", "quarter", "template_version", "submission_deadline",
                  "deadline_assumed", "deadline_source", "closes_at"]  # fmt: skip


class ExtensionInline(admin.StackedInline):
    """An area's leave to mark ready and sign off after the closing date."""

    model = Extension
    extra = 0
    fields = ["hwb_area", "until", "reason", "granted_by", "granted_at"]
    readonly_fields = ["granted_by", "granted_at"]


@admin.register(ReportingPeriod)
class ReportingPeriodAdmin(admin.ModelAdmin):
    """Periods and their deadlines; `load_reference_data` loads fixtures/reporting-periods.json."""

    form = ReportingPeriodForm
    list_display = ["label", "template_version", "deadline", "closes_at", "opened_at",
                    "returns_made"]  # fmt: skip
    list_filter = ["financial_year"]
    actions = ["open_round"]
    inlines = [ExtensionInline]

    @admin.display(description="submission deadline", ordering="submission_deadline")
    def deadline(self, period: ReportingPeriod) -> str:
        assumed = " (assumed)" if period.deadline_assumed else ""
        return f"{deadline_words(period.submission_deadline)}{assumed}"

    def save_formset(self, request, form, formset, change):
        for extension in formset.save(commit=False):
            if extension.granted_by_id is None:
                extension.granted_by = request.user
            extension.save()
        for gone in formset.deleted_objects:
            gone.delete()

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(returns_count=Count("returns"))

    @admin.display(description="returns")
    def returns_made(self, period: ReportingPeriod) -> str:
        return f"{period.returns_count} of {HwbArea.objects.count()} areas"

    @admin.action(description="Open the round: a return for every HWB area that has none")
    def open_round(self, request, queryset):
        for period in queryset:
            self.message_user(
                request, round_open_request(period=period, user=request.user), messages.SUCCESS
            )


@admin.register(NationalExport)
class NationalExportAdmin(ReadOnly, admin.ModelAdmin):
    list_display = ["period", "requested_by", "status", "done", "total", "created_at"]
    list_filter = ["status", "period"]
