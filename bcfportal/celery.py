"""The Celery application, configured from Django settings prefixed CELERY_."""

import os

from celery import Celery
from celery.signals import task_postrun, task_prerun, worker_process_init, worker_ready

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bcfportal.settings")

app = Celery("bcfportal")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@task_prerun.connect
@task_postrun.connect
def connections_as_for_a_request(sender=None, **kwargs) -> None:
    """Before and after a task, its database connections are treated as Django treats a
    request's: closed if older than CONN_MAX_AGE, broken, or left in a transaction; else
    kept, with the queries PostgreSQL has prepared on them. Celery's own fixup would close
    every one after every task (`CELERY_DB_REUSE_MAX`), so the worker reconnected and
    planned every query again for each task (issue 33). A task run eagerly (in a test, or
    where there is no broker) is inside a request already, which does this itself."""
    if getattr(getattr(sender, "request", None), "is_eager", False):
        return
    from django.db import close_old_connections

    close_old_connections()


@worker_ready.connect  # the worker's own process: where a solo or threads pool runs tasks
@worker_process_init.connect  # each process a prefork pool starts (DEPLOY.md's)
def settled(**kwargs) -> None:
    """Once a worker has loaded the portal, it settles as a gunicorn worker does
    (`bcfportal.processes.settle`). Unsettled, a worker's full collections went over the
    180,000 objects it had loaded, 73-108 ms each, in about one chunk of the national batch
    in fourteen (issue 33)."""
    from bcfportal.processes import settle

    settle()
