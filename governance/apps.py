from django.apps import AppConfig


class GovernanceConfig(AppConfig):
    """The core every feature app builds on: HWB areas, partners, financial years, people and
    their roles, who may do what, the sign-off workflow engine, the record of changes, files
    made on the worker and the one reader of uploaded workbooks."""

    name = "governance"
    verbose_name = "Areas, people and governance"

    def ready(self):
        from django.contrib.auth.signals import user_logged_in

        from . import checks  # noqa: F401 (registers the upload reader's check)
        from .security import RenewSessionMiddleware

        user_logged_in.connect(RenewSessionMiddleware.signed_in, dispatch_uid="session-renewed")

        from django.db.backends.signals import connection_created

        from .timestamps import quicken

        connection_created.connect(quicken, dispatch_uid="quick-timestamps")

        from celery.signals import task_postrun, task_prerun

        task_prerun.connect(_periodic_started, dispatch_uid="periodic-run-started")
        task_postrun.connect(_periodic_finished, dispatch_uid="periodic-run-finished")


# Each task of beat's schedule records its runs as it runs (governance/schedule.py).


def _periodic_started(sender=None, **kwargs):
    from .schedule import run_started, scheduled_task_names

    if sender is not None and sender.name in scheduled_task_names():
        run_started(sender.name)


def _periodic_finished(sender=None, state=None, retval=None, **kwargs):
    from .schedule import run_finished, scheduled_task_names

    if sender is not None and sender.name in scheduled_task_names():
        run_finished(sender.name, error="" if state == "SUCCESS" else repr(retval))
