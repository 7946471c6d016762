"""Celery tasks for plans: thin, taking ids and calling a service."""

from celery import shared_task
from django.db import OperationalError

from .exports import plan_export_run
from .notifications import notify


@shared_task(
    name="plans.export_workbook",
    autoretry_for=(OperationalError,),
    retry_backoff=5,
    max_retries=3,
    soft_time_limit=120,
    time_limit=150,
)
def export_plan_workbook(export_id: int) -> str:
    return plan_export_run(export_id=export_id).status


@shared_task(
    name="plans.notify",
    autoretry_for=(OperationalError,),
    retry_backoff=5,
    max_retries=3,
    soft_time_limit=60,
    time_limit=90,
)
def notify_plan_step(event_id: int) -> int:
    return notify(event_id=event_id)
