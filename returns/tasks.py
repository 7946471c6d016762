"""Celery tasks for returns: thin, taking ids and calling a service."""

from celery import shared_task
from django.db import OperationalError

from .exports import export_run
from .housekeeping import files_purge
from .notifications import notify


@shared_task(
    name="returns.export_workbook",
    autoretry_for=(OperationalError,),  # the database was briefly unreachable: try again
    retry_backoff=5,
    max_retries=3,
    soft_time_limit=120,
    time_limit=150,
)
def export_workbook(export_id: int) -> str:
    return export_run(export_id=export_id).status


RETRYING = {"autoretry_for": (OperationalError,), "retry_backoff": 5, "max_retries": 3}


@shared_task(name="returns.notify", soft_time_limit=60, time_limit=90, **RETRYING)
def notify_step(event_id: int) -> int:
    return notify(event_id=event_id)


@shared_task(name="returns.purge_old_files", soft_time_limit=600, time_limit=660)
def purge_old_files() -> dict:
    """Delete uploads never applied and superseded files (run daily by Celery beat)."""
    return files_purge()
