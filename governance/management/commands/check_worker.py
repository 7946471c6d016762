"""`manage.py check_worker`: send a task through the broker and wait for a worker's answer."""

import celery.exceptions
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from governance.tasks import health_check


class Command(BaseCommand):
    help = "Check that a Celery worker takes tasks from the broker and reaches the database."

    def add_arguments(self, parser):
        parser.add_argument("--timeout", type=float, default=30, help="Seconds to wait.")

    def handle(self, *args, timeout: float, **options):
        if settings.CELERY_TASK_ALWAYS_EAGER:
            self.stdout.write(
                "No CELERY_BROKER_URL is set, so tasks run inside the web process; "
                "there is no worker to check."
            )
            return
        if not settings.CELERY_RESULT_BACKEND:
            raise CommandError("Set CELERY_RESULT_BACKEND so that a worker's answer can come back.")
        try:
            report = health_check.delay().get(timeout=timeout)
        except celery.exceptions.TimeoutError as error:
            raise CommandError(
                f"No worker answered within {timeout:g} seconds. Is one running "
                f"(celery -A bcfportal worker) against {settings.CELERY_BROKER_URL}?"
            ) from error
        except OSError as error:
            raise CommandError(f"Could not reach the broker: {error}") from error
        self.stdout.write(
            self.style.SUCCESS(
                f"A worker answered: {report['database']} database with "
                f"{report['hwb_areas']} HWB areas and {report['memberships']} memberships."
            )
        )
