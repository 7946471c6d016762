"""Admin of the core: areas, partners, years, people and their roles, and the record of
changes (read only)."""

from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin

from .models import FinancialYear, HwbArea, Membership, Partner, PeriodicRun, RecordChange
from .schedule import schedule_state


@admin.register(PeriodicRun)
class ScheduledTaskAdmin(admin.ModelAdmin):
    """Celery beat's tasks and their last runs: one page, nothing to edit."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def changelist_view(self, request, extra_context=None):
        from django.template.response import TemplateResponse

        tasks = schedule_state()
        return TemplateResponse(request, "admin/scheduled_tasks.html", {
            **self.admin_site.each_context(request), "title": "Scheduled tasks",
            "opts": self.model._meta, "tasks": tasks,
            "overdue": sum(task.overdue for task in tasks),
        })  # fmt: skip


@admin.register(RecordChange)
class RecordChangeAdmin(admin.ModelAdmin):
    """The record of changes: looked at, never edited."""

    list_display = [
        "at",
        "object_repr",
        "action",
        "field",
        "old_value",
        "new_value",
        "user",
        "source",
    ]
    list_filter = ["content_type", "action", "source"]
    search_fields = ["object_repr", "field", "old_value", "new_value"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(HwbArea)
class HwbAreaAdmin(admin.ModelAdmin):
    list_display = ["name", "ons_code", "population"]
    search_fields = ["name", "ons_code"]


@admin.register(Partner)
class PartnerAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "kind"]
    list_filter = ["kind", "hwb_areas"]
    search_fields = ["name", "code"]
    filter_horizontal = ["hwb_areas"]


@admin.register(FinancialYear)
class FinancialYearAdmin(admin.ModelAdmin):
    list_display = ["label", "start_year", "plan_deadline"]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "role", "hwb_area", "partner"]
    list_filter = ["role", "hwb_area"]
    search_fields = ["user__username", "user__email"]
    autocomplete_fields = ["user", "partner"]


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["partner"]


User = get_user_model()
admin.site.unregister(User)


@admin.register(User)
class PortalUserAdmin(UserAdmin):
    """Django's user admin, with the user's roles in HWB areas beneath. A user is never
    deleted here: what they signed and changed keeps their name. Untick "Active" instead,
    and they can no longer sign in."""

    inlines = [MembershipInline]

    def has_delete_permission(self, request, obj=None):
        return False
