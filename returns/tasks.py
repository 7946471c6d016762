"""Celery tasks for returns: thin, taking ids and calling a service."""

from celery import shared_task
from django.db import OperationalError

from .exports import export_run
from .national import national_run


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


@shared_task(
    name="returns.export_national",
    autoretry_for=(OperationalError,),
    retry_backoff=5,
    max_retries=3,
    soft_time_limit=1800,  # ~150 workbooks: minutes, not seconds
    time_limit=1900,
)
def export_national(export_id: int) -> str:
    return national_run(export_id=export_id).status
