"""Tasks sent to the worker so that a broker that is down strands nothing.

`task_send(name, *args)` writes the task (`OutboxTask`: its registered name and its ids) in
the caller's transaction and, once that commits, hands it to Celery, deleting the row when
the broker has taken it. Whatever the broker does, the request that asked goes on: if the
broker does not answer, the row stays and the log says so, and `outbox_send_all`, run every
minute by Celery beat, sends what is left once the broker answers again. So a queued export,
an e-mail about a step or a round being opened is never lost to a broker that was down.

A task may arrive twice (sent, then the process stopped before its row was deleted): every
task sent this way is safe to run again. Tasks are named, not imported, so that what sends a
task does not import the module that runs it.
"""

import functools
import logging
from datetime import timedelta

from celery import current_app
from django.apps import apps
from django.db import transaction
from django.utils import timezone

from .models import OutboxTask

logger = logging.getLogger(__name__)


def task_send(name: str, *args) -> None:
    """Send the task `name` with these arguments once the current transaction commits."""
    row = OutboxTask.objects.create(name=name, args=list(args))
    transaction.on_commit(lambda: _sent(row))


@functools.cache
def _tasks_imported() -> None:
    """Every app's `tasks` module imported (their tasks registered), once per process: not
    by the loader's import_default_modules, whose signal makes Celery's Django fixup run
    django.setup() and the system checks again each time."""
    current_app.loader.autodiscover_tasks([config.name for config in apps.get_app_configs()])


def _task(name: str):
    _tasks_imported()
    return current_app.tasks[name]


def _sent(row: OutboxTask) -> bool:
    """Hand the row's task to the broker (run at once in-process, with no broker) and
    delete the row; False, the row kept, when the broker did not answer."""
    try:
        _task(row.name).apply_async(args=row.args)
    except Exception as error:  # whatever the broker's client raises: kept, sent later
        if current_app.conf.task_always_eager:
            raise  # no broker: the task itself failed, in-process, as any eager task fails
        OutboxTask.objects.filter(pk=row.pk).update(attempts=row.attempts + 1)
        logger.warning("Task %s not sent: the broker did not take it (%s). It is kept "
                       "and sent when the broker answers.", row, error)  # fmt: skip
        return False
    OutboxTask.objects.filter(pk=row.pk).delete()
    return True


def outbox_send_all(*, older_than: timedelta = timedelta(seconds=30)) -> int:
    """Send the tasks left behind (what beat's sweep does): those older than `older_than`,
    which the request that wrote them did not manage to send; how many were sent. Each row is
    taken under its lock (PostgreSQL skips rows another sweep holds)."""
    sent = 0
    cutoff = timezone.now() - older_than
    for pk in OutboxTask.objects.filter(created_at__lt=cutoff).values_list("pk", flat=True):
        with transaction.atomic():
            row = OutboxTask.objects.select_for_update(skip_locked=True).filter(pk=pk).first()
            if row is None:
                continue
            if not _sent(row):
                break  # the broker is still away: the rest wait for the next sweep
        sent += 1
    return sent
