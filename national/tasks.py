"""Celery tasks of the national side: thin, taking ids and calling a service.

They keep the names they had when they lived in `returns` ("returns.export_national" and the
rest), so that tasks already queued, and beat's schedule, still find them.
"""

from celery import shared_task
from django.db import OperationalError

from returns.models import ReportingPeriod

from .exports import national_chunk, national_finish, national_run
from .reminders import reminders_send
from .rounds import round_open

RETRYING = {"autoretry_for": (OperationalError,), "retry_backoff": 5, "max_retries": 3}


@shared_task(
    name="returns.export_national", bind=True, soft_time_limit=60, time_limit=90, **RETRYING
)
def export_national(self, export_id: int) -> str:
    # The chunks go to the queue this task came from, so the same pool of workers shares them.
    queue = (self.request.delivery_info or {}).get("routing_key")
    return national_run(export_id=export_id, queue=queue).status


@shared_task(name="returns.export_national_chunk", soft_time_limit=300, time_limit=360, **RETRYING)
def export_national_chunk(
    export_id: int, number: int, return_ids: list[int], first_row: int | None = None
) -> dict | None:
    # `first_row`: None from a batch planned before chunks were told it (the finish numbers
    # such a chunk's rows itself).
    return national_chunk(
        export_id=export_id, number=number, return_ids=return_ids, first_row=first_row
    )


@shared_task(name="returns.export_national_finish", soft_time_limit=600, time_limit=660, **RETRYING)
def export_national_finish(parts: list, export_id: int) -> str:
    return national_finish(export_id=export_id, parts=parts).status


@shared_task(name="returns.open_round", soft_time_limit=900, time_limit=960, **RETRYING)
def open_round(period_id: int, user_id: int | None = None) -> int:
    """A return for every HWB area of the period (the admin's "Open the round")."""
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.filter(pk=user_id).first() if user_id else None
    return round_open(period=ReportingPeriod.objects.get(pk=period_id), user=user)


@shared_task(name="returns.send_reminders", soft_time_limit=600, time_limit=660)
def send_reminders() -> int:
    """Deadline reminders due and not yet sent (run every hour by Celery beat)."""
    return reminders_send()
