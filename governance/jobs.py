"""Files made on the worker (`ExportFile`): made by one function for every kind (`file_make`),
and, when their worker died, found and failed with a reason.

A job shows a sign of life whenever it is queued, started, makes progress or finishes
(`updated_at`). One still waiting longer than its task's time limit and a margin will never
finish: its worker was killed, or no worker took it. It is marked failed, saying so, so that
"Try again" makes a new one and nothing waits on it for ever. Pages check the job they show,
a request checks its subject's jobs before reusing one, and a periodic task sweeps the rest.
"""

import hashlib
import logging
from datetime import timedelta

from django.apps import apps
from django.conf import settings
from django.core.files.base import ContentFile
from django.db import OperationalError, transaction
from django.db.models import QuerySet
from django.utils import timezone

from .models import ExportFile, ExportStatus
from .storage import FileNotStored, storing

logger = logging.getLogger(__name__)

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


def export_failed(model: type[ExportFile], pk: int, error: Exception, message: str) -> None:
    """Record that a file could not be made: the reason for the log, `message` for the user
    (or, when the file could not be stored, why not).

    A database that was briefly away is raised again, for the task to retry; if its retries
    run out, the job is failed as stale (`governance.jobs`).
    """
    logger.error("%s %s failed", model.__name__, pk, exc_info=error)
    if isinstance(error, OperationalError):
        raise error
    if isinstance(error, FileNotStored):
        message = error.message
    model.objects.filter(pk=pk).update(
        status=ExportStatus.FAILED, error=message, finished_at=timezone.now(),
        updated_at=timezone.now(),
    )  # fmt: skip


def file_make(model: type[ExportFile], export_id: int, make, message: str):
    """Make the file of a queued export of any kind (what its task does).

    `make(export)` returns the file's bytes and the revision they were made from; it runs in
    one transaction, so it reads one consistent state. A failure is recorded with `message`;
    a file that cannot be stored, with the reason (and nothing of it is kept).
    """
    with transaction.atomic():
        export = model.objects.select_for_update().get(pk=export_id)
        if export.status in (ExportStatus.READY, ExportStatus.FAILED):
            # A task delivered again: it finished, or failed (its worker died, and someone
            # may already have tried again).
            return export
        export.status = ExportStatus.RUNNING
        export.save(update_fields=["status", "updated_at"])
    try:
        with transaction.atomic():
            content, revision = make(export)
        with storing():
            export.file.save(export.filename, ContentFile(content), save=False)
    except Exception as error:
        export_failed(model, export_id, error, message)
        export.refresh_from_db()
        return export
    export.sha256 = hashlib.sha256(content).hexdigest()
    export.size, export.revision = len(content), revision
    export.status, export.error, export.finished_at = ExportStatus.READY, "", timezone.now()
    export.save()
    return export
