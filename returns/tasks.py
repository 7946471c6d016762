"""Celery tasks for returns: thin, taking ids and calling a service."""

from celery import shared_task
from django.db import OperationalError

from .exports import export_run
from .housekeeping import files_purge
from .national import national_chunk, national_finish, national_run
from .notifications import notify
from .reminders import reminders_send
from .services import round_open


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


@shared_task(
    name="returns.export_national", bind=True, soft_time_limit=60, time_limit=90, **RETRYING
)
def export_national(self, export_id: int) -> str:
    # The chunks go to the queue this task came from, so the same pool of workers shares them.
    queue = (self.request.delivery_info or {}).get("routing_key")
    return national_run(export_id=export_id, queue=queue).status


@shared_task(name="returns.export_national_chunk", soft_time_limit=300, time_limit=360, **RETRYING)
def export_national_chunk(export_id: int, number: int, return_ids: list[int]) -> dict | None:
    return national_chunk(export_id=export_id, number=number, return_ids=return_ids)


@shared_task(name="returns.export_national_finish", soft_time_limit=600, time_limit=660, **RETRYING)
def export_national_finish(parts: list, export_id: int) -> str:
    return national_finish(export_id=export_id, parts=parts).status


@shared_task(name="returns.notify", soft_time_limit=60, time_limit=90, **RETRYING)
def notify_step(event_id: int) -> int:
    return notify(event_id=event_id)


@shared_task(name="returns.purge_old_files", soft_time_limit=600, time_limit=660)
def purge_old_files() -> dict:
    """Delete uploads never applied and superseded files (run daily by Celery beat)."""
    return files_purge()


@shared_task(name="returns.open_round", soft_time_limit=900, time_limit=960, **RETRYING)
def open_round(period_id: int, user_id: int | None = None) -> int:
    """A return for every HWB area of the period (the admin's "Open the round")."""
    from django.contrib.auth import get_user_model

    from .models import ReportingPeriod

    user = get_user_model().objects.filter(pk=user_id).first() if user_id else None
    return round_open(period=ReportingPeriod.objects.get(pk=period_id), user=user)


@shared_task(name="returns.send_reminders", soft_time_limit=600, time_limit=660)
def send_reminders() -> int:
    """Deadline reminders due and not yet sent (run every hour by Celery beat)."""
    return reminders_send()
