"""Celery tasks of the portal as a whole."""

from datetime import timedelta

from celery import shared_task

from .conversations import comment_notify
from .health import health_report
from .invitations import invitation_send
from .jobs import stale_expire_all
from .outbox import outbox_send_all
from .passwords import password_reset_send
from .storage import incomplete_files_purge
from .throttle import attempts_purge


@shared_task(name="governance.health_check", soft_time_limit=20, time_limit=30)
def health_check() -> dict:
    """Answer with what the worker sees of the database, to prove the queue works end to end."""
    return health_report()


@shared_task(name="governance.expire_stale_jobs", soft_time_limit=60, time_limit=90)
def expire_stale_jobs() -> int:
    """Fail the jobs whose worker died (run every few minutes by Celery beat)."""
    return stale_expire_all()


@shared_task(name="governance.tidy_up", soft_time_limit=300, time_limit=360)
def tidy_up() -> dict[str, int]:
    """Daily, by Celery beat: forget throttled attempts older than any window counts, and
    delete files a process was killed while writing (under their temporary names)."""
    day = timedelta(days=1)
    return {"attempts": attempts_purge(older_than=day),
            "incomplete files": incomplete_files_purge(older_than=day)}  # fmt: skip


MAIL_RETRYING = {"autoretry_for": (OSError,), "retry_backoff": 30, "max_retries": 5}


@shared_task(name="governance.send_password_reset", soft_time_limit=60, time_limit=90,
             **MAIL_RETRYING)  # fmt: skip
def send_password_reset(user_id: int) -> bool:
    return password_reset_send(user_id=user_id)


@shared_task(name="governance.notify_comment", soft_time_limit=60, time_limit=90,
             **MAIL_RETRYING)  # fmt: skip
def notify_comment(comment_id: int) -> int:
    return comment_notify(comment_id=comment_id)


@shared_task(name="governance.send_invitation", soft_time_limit=60, time_limit=90,
             **MAIL_RETRYING)  # fmt: skip
def send_invitation(invitation_id: int) -> bool:
    return invitation_send(invitation_id=invitation_id)


@shared_task(name="governance.send_outbox", soft_time_limit=60, time_limit=90)
def send_outbox() -> int:
    """Send the tasks a request could not hand to the broker (every minute, by Celery beat)."""
    return outbox_send_all()
