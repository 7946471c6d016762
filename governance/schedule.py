"""Whether Celery beat is alive: each periodic task records its own runs (`PeriodicRun`), and
an administrator's page (the admin's "Scheduled tasks") shows each task of the schedule with
its last run, overdue once that is older than twice its interval.

Beat can die while web and worker carry on (its schedule file unwritable, its process
killed): nothing else would show that stale jobs are no longer swept, old files no longer
deleted, reminders no longer sent, and kept tasks no longer re-sent.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.utils import timezone

from .models import PeriodicRun


def scheduled_task_names() -> set[str]:
    return {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}


def run_started(task: str) -> None:
    PeriodicRun.objects.update_or_create(task=task, defaults={"started_at": timezone.now()})


def run_finished(task: str, error: str = "") -> None:
    PeriodicRun.objects.update_or_create(
        task=task, defaults={"finished_at": timezone.now(), "error": error[:2000]}
    )


@dataclass(frozen=True)
class Scheduled:
    name: str  # the schedule's own name for it: "send-reminders"
    task: str
    every: timedelta
    run: PeriodicRun | None

    @property
    def last_finished(self) -> datetime | None:
        return self.run.finished_at if self.run else None

    @property
    def overdue(self) -> bool:
        """Not finished within twice its interval: beat, or the worker, has stopped."""
        last = self.last_finished
        return last is None or timezone.now() - last > 2 * self.every

    @property
    def failed(self) -> bool:
        return bool(self.run and self.run.error)

    @property
    def every_words(self) -> str:
        seconds = int(self.every.total_seconds())
        for unit, size in (("day", 86400), ("hour", 3600), ("minute", 60)):
            if seconds % size == 0:
                count = seconds // size
                return unit if count == 1 else f"{count} {unit}s"
        return f"{seconds} seconds"


def schedule_state() -> list[Scheduled]:
    """Every task of beat's schedule, with its last run, in the order the schedule lists them."""
    runs = {run.task: run for run in PeriodicRun.objects.all()}
    return [
        Scheduled(name, entry["task"], _interval(entry["schedule"]), runs.get(entry["task"]))
        for name, entry in settings.CELERY_BEAT_SCHEDULE.items()
    ]


def _interval(schedule: float | timedelta) -> timedelta:
    """The schedule's interval: every entry of the portal's is one (seconds, or a timedelta)."""
    return schedule if isinstance(schedule, timedelta) else timedelta(seconds=schedule)
