"""Celery tasks of the portal as a whole."""

from celery import shared_task

from .health import health_report


@shared_task(name="bcfportal.health_check", soft_time_limit=20, time_limit=30)
def health_check() -> dict:
    """Answer with what the worker sees of the database, to prove the queue works end to end."""
    return health_report()
