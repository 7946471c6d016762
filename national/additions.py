"""What the national side adds to what lies below it: the reminders sent to an area, on its
return's timeline, and its national exports, to the daily purge of files no longer needed."""

from returns import housekeeping, timeline

from .models import NationalExport, Reminder


def register() -> None:
    timeline.add_timeline_source("reminders", lambda quarterly_return: Reminder.objects.filter(
        hwb_area=quarterly_return.hwb_area, period=quarterly_return.period
    ))  # fmt: skip
    housekeeping.add_purge("national exports", lambda cutoff: housekeeping.records_delete(
        housekeeping.superseded(NationalExport.objects.all(), cutoff, "requested_by", "period")
    ))  # fmt: skip
