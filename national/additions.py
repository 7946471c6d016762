"""What the national side adds to what lies below it: the reminders sent to an area, on its
return's timeline, and its national exports, to the daily purge of files no longer needed."""

from django.contrib.auth import get_user_model

from governance import rules
from governance.models import HwbArea
from plans import additions as plans_additions
from returns import housekeeping, timeline

from .models import NationalExport, Reminder
from .rounds import open_rounds_state


def administration(user) -> dict | None:
    """An administrator's home page: the open rounds and their overdue areas, the people with
    no role, and the way to each area's people."""
    if not rules.allows(user, rules.Action.MANAGE):
        return None
    without_role = (
        get_user_model()
        .objects.filter(is_active=True, is_superuser=False, memberships__isnull=True)
        .order_by("username")
    )
    return {
        "rounds": open_rounds_state(),
        "without_role": list(without_role[:20]),
        "without_role_count": without_role.count(),
        "areas": HwbArea.objects.order_by("name"),
    }


def register() -> None:
    plans_additions.add_home_section(
        "administration", administration, "national/includes/home_administration.html"
    )
    timeline.add_timeline_source("reminders", lambda quarterly_return: Reminder.objects.filter(
        hwb_area=quarterly_return.hwb_area, period=quarterly_return.period
    ))  # fmt: skip
    housekeeping.add_purge("national exports", lambda cutoff: housekeeping.records_delete(
        housekeeping.superseded(NationalExport.objects.all(), cutoff, "requested_by", "period")
    ))  # fmt: skip
