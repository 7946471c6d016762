from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError

from governance.audit import AuditedAdmin
from governance.workflow_admin import WorkflowReopenAdmin

from .models import (
    Contribution,
    NationalCondition,
    NationalConditionStatement,
    Plan,
    PlannedExpenditure,
    SignOffBlock,
)
from .services import locked_message
from .workflow import PLAN_WORKFLOW


def plan_of(obj) -> Plan | None:
    """The plan a plan, or a record of one (a contribution, a scheme), belongs to (None for a
    new record)."""
    return obj if isinstance(obj, Plan) else getattr(obj, "plan", None)


class LockedWithPlan:
    """Admin (and inline) permissions that follow the plan's lock: a plan being signed or
    signed off, and its schemes, are read-only here too; its status moves only through
    the workflow's steps. `plan_of` says which plan a record belongs to."""

    def plan_of(self, obj) -> Plan | None:
        return plan_of(obj)

    def _locked(self, obj) -> bool:
        plan = self.plan_of(obj)
        return plan is not None and plan.is_locked

    def has_change_permission(self, request, obj=None):
        return not self._locked(obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return not self._locked(obj) and super().has_delete_permission(request, obj)


class InlineLockedWithPlan(LockedWithPlan):
    """For the inline rows of a plan or scheme: no row is added to a locked one either."""

    def has_add_permission(self, request, obj=None):
        return not self._locked(obj) and super().has_add_permission(request, obj)


class NotIntoALockedPlan(forms.ModelForm):
    """An admin form that adds nothing to a locked plan (the add page has no record yet
    whose lock its permissions could follow)."""

    def plan_of(self, data) -> Plan | None:
        return data.get("plan")

    def clean(self):
        data = super().clean()
        plan = self.plan_of(data)
        if plan is not None and plan.is_locked:
            raise ValidationError(locked_message(plan))
        return data


@admin.register(NationalCondition)
class NationalConditionAdmin(admin.ModelAdmin):
    list_display = ["key", "number", "part", "title", "financial_year"]
    list_filter = ["financial_year"]


class ContributionInline(InlineLockedWithPlan, admin.StackedInline):
    model = Contribution
    extra = 0


class PlannedExpenditureInline(InlineLockedWithPlan, admin.StackedInline):
    model = PlannedExpenditure
    extra = 0


class SignOffBlockInline(InlineLockedWithPlan, admin.StackedInline):
    model = SignOffBlock
    extra = 0


class NationalConditionStatementInline(InlineLockedWithPlan, admin.StackedInline):
    model = NationalConditionStatement
    extra = 0


@admin.register(Plan)
class PlanAdmin(WorkflowReopenAdmin, LockedWithPlan, AuditedAdmin):
    workflow = PLAN_WORKFLOW
    list_display = ["hwb_area", "financial_year", "status", "pooled_fund_total", "updated_at"]
    readonly_fields = ["status", "version", "revision"]  # moved by the workflow and the forms
    list_filter = ["financial_year", "hwb_area"]
    search_fields = ["hwb_area__name", "hwb_area__ons_code"]
    inlines = [
        ContributionInline,
        PlannedExpenditureInline,
        NationalConditionStatementInline,
        SignOffBlockInline,
    ]
