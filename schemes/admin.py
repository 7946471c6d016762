from django.contrib import admin

from governance.audit import AuditedAdmin
from plans.admin import InlineLockedWithPlan, LockedWithPlan, NotIntoALockedPlan

from .models import DeliveryChainEntry, InvestmentLine, Milestone, Outcome, Risk, Scheme


def inline(part_model, inline_class=admin.StackedInline):
    """An inline for one of a scheme's repeating parts (read-only once the plan is locked)."""
    return type(
        f"{part_model.__name__}Inline",
        (InlineLockedWithPlan, inline_class),
        {"model": part_model, "extra": 0},
    )


@admin.register(Scheme)
class SchemeAdmin(LockedWithPlan, AuditedAdmin):
    form = NotIntoALockedPlan  # no scheme is added to a locked plan here either
    list_display = ["reference", "name", "plan", "lead_partner", "theme"]
    list_filter = ["plan__financial_year", "plan__hwb_area", "theme", "lead_partner"]
    search_fields = ["reference", "name"]
    inlines = [
        inline(Outcome),
        inline(Milestone),
        inline(DeliveryChainEntry),
        inline(InvestmentLine),
        inline(Risk),
    ]
