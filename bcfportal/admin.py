"""Admin for what belongs to no one app."""

from django.contrib import admin

from .models import RecordChange


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
