"""Files made on the worker (`ExportFile`) whose worker died: found, and failed with a reason.

A job shows a sign of life whenever it is queued, started, makes progress or finishes
(`updated_at`). One still waiting longer than its task's time limit and a margin will never
finish: its worker was killed, or no worker took it. It is marked failed, saying so, so that
"Try again" makes a new one and nothing waits on it for ever. Pages check the job they show,
a request checks its subject's jobs before reusing one, and a periodic task sweeps the rest.
"""

from datetime import timedelta

from django.apps import apps
from django.conf import settings
from django.db.models import QuerySet
from django.utils import timezone

from .models import ExportFile, ExportStatus

STOPPED = (
    "The file was not finished: the process making it stopped. Try again, and if it happens "
    "again tell your portal administrator."
)
NEVER_STARTED = (
    "No worker started making the file within {minutes} minutes. Try again, and if it happens "
    "again tell your portal administrator."
)


def stale_before(model: type[ExportFile]):
    """Jobs of this kind with no sign of life since this moment are dead."""
    margin = timedelta(seconds=settings.JOB_STALE_MARGIN_SECONDS)
    return timezone.now() - timedelta(seconds=model.time_limit) - margin


def stale_expire(queryset: QuerySet) -> int:
    """Mark the queryset's dead jobs failed, with the reason; how many there were."""
    model = queryset.model
    dead = queryset.filter(updated_at__lt=stale_before(model))
    now = timezone.now()
    minutes = (model.time_limit + settings.JOB_STALE_MARGIN_SECONDS) // 60
    return dead.filter(status=ExportStatus.RUNNING).update(
        status=ExportStatus.FAILED, error=STOPPED, finished_at=now, updated_at=now
    ) + dead.filter(status=ExportStatus.QUEUED).update(
        status=ExportStatus.FAILED,
        error=NEVER_STARTED.format(minutes=minutes),
        finished_at=now,
        updated_at=now,
    )


def stale_checked(export: ExportFile) -> ExportFile:
    """The job as it really is: failed, if its worker died."""
    if export.waiting and stale_expire(type(export).objects.filter(pk=export.pk)):
        export.refresh_from_db()
    return export


def stale_expire_all() -> int:
    """Every kind of job the portal makes, swept (what the periodic task does)."""
    return sum(
        stale_expire(model.objects.all())
        for model in apps.get_models()
        if issubclass(model, ExportFile)
    )
