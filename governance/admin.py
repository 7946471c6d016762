"""Admin of the core: areas, partners, years, people and their roles, and the record of
changes (read only)."""

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.template.response import TemplateResponse

from .admin_widgets import label_split_date_times
from .invitations import invitation_create, invitation_send_again, membership_for
from .models import (
    FinancialYear,
    HwbArea,
    Invitation,
    Membership,
    NhsRegion,
    Partner,
    PeriodicRun,
    RecordChange,
    Role,
)
from .schedule import schedule_state

label_split_date_times()


class ReadOnly:
    """Made by the portal's own services (or its tasks); the admin only looks."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(PeriodicRun)
class ScheduledTaskAdmin(ReadOnly, admin.ModelAdmin):
    """Celery beat's tasks and their last runs: one page, nothing to edit."""

    def changelist_view(self, request, extra_context=None):
        tasks = schedule_state()
        return TemplateResponse(request, "admin/scheduled_tasks.html", {
            **self.admin_site.each_context(request), "title": "Scheduled tasks",
            "opts": self.model._meta, "tasks": tasks,
            "overdue": sum(task.overdue for task in tasks),
        })  # fmt: skip


@admin.register(RecordChange)
class RecordChangeAdmin(ReadOnly, admin.ModelAdmin):
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


@admin.register(HwbArea)
class HwbAreaAdmin(admin.ModelAdmin):
    list_display = ["name", "ons_code", "population"]
    search_fields = ["name", "ons_code"]


@admin.register(Partner)
class PartnerAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "kind"]
    list_filter = ["kind", "hwb_areas"]
    search_fields = ["name", "code"]


@admin.register(FinancialYear)
class FinancialYearAdmin(admin.ModelAdmin):
    list_display = ["label", "start_year", "plan_deadline"]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "role", "hwb_area", "partner"]
    list_filter = ["role", "hwb_area"]
    search_fields = ["user__username", "user__email"]


class MembershipInline(admin.StackedInline):
    model = Membership
    extra = 0


User = get_user_model()
admin.site.unregister(User)


@admin.register(User)
class PortalUserAdmin(UserAdmin):
    """Django's user admin, with the user's roles in HWB areas beneath. A user is never
    deleted here: what they signed and changed keeps their name. Untick "Active" instead,
    and they can no longer sign in."""

    inlines = [MembershipInline]
    filter_horizontal = ()  # plain lists: the two-box widget's icons break its labels (axe)

    def has_delete_permission(self, request, obj=None):
        return False


class InvitationForm(forms.Form):
    email = forms.EmailField(label="E-mail address")
    first_name = forms.CharField(max_length=150, required=False)
    last_name = forms.CharField(max_length=150, required=False)
    role = forms.ChoiceField(choices=Role.choices)
    hwb_area = forms.ModelChoiceField(
        HwbArea.objects.all(), required=False, label="HWB area",
        help_text="Leave empty for an administrator, or an analyst of every area.",
    )  # fmt: skip
    partner = forms.ModelChoiceField(
        Partner.objects.all(), required=False,
        help_text="The organisation they work for in the area, if any; a sign-off member "
                  "given one signs only that partner's block of the plan.",
    )  # fmt: skip
    region = forms.ChoiceField(
        choices=[("", "None"), *NhsRegion.choices], required=False, label="NHS England region",
        help_text="Only for an NHS England regional reviewer: the region whose areas they "
                  "assure.",
    )  # fmt: skip

    def clean(self):
        data = super().clean()
        if not self.errors:
            membership_for(role=data["role"], hwb_area=data.get("hwb_area"),
                           partner=data.get("partner"), region=data.get("region", ""))  # fmt: skip
        return data


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    """Invite a person to a role: the account and the role are made now, and the e-mailed
    link sets their password (governance/invitations.py). Invitations are kept as made."""

    list_display = ["email", "role_description", "invited_by", "sent_at", "accepted_at"]
    list_filter = ["accepted_at"]
    search_fields = ["email", "role_description"]
    actions = ["send_again"]

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def add_view(self, request, form_url="", extra_context=None):
        form = InvitationForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            data = form.cleaned_data
            invitation = invitation_create(
                email=data["email"], first_name=data["first_name"], last_name=data["last_name"],
                role=data["role"], hwb_area=data["hwb_area"], partner=data["partner"],
                region=data["region"], invited_by=request.user,
            )  # fmt: skip
            sent = f"Invitation sent to {invitation.email} as {invitation.role_description}."
            self.message_user(request, sent, messages.SUCCESS)
            return redirect("admin:governance_invitation_changelist")
        return TemplateResponse(request, "admin/invite.html", {
            **self.admin_site.each_context(request), "title": "Invite a person",
            "opts": self.model._meta, "form": form, "days": settings.INVITATION_DAYS,
        }, status=400 if form.errors else 200)  # fmt: skip

    @admin.action(description="Send the invitation again (a new link)")
    def send_again(self, request, queryset):
        for invitation in queryset:
            try:
                invitation_send_again(invitation=invitation)
            except ValidationError as refused:
                self.message_user(request, " ".join(refused.messages), messages.WARNING)
            else:
                self.message_user(request, f"Sent again to {invitation.email}.", messages.SUCCESS)
