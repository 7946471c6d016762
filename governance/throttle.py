"""Throttling what anyone may ask for without signing in: a password reset is sent at most
PASSWORD_RESET_PER_ADDRESS times an hour to one address, and PASSWORD_RESET_PER_CLIENT times
an hour from one client (`security.client_address`), whoever asks and whether or not the
address is anyone's.

Attempts are rows (`Attempt`), so every gunicorn process and server counts the same ones.
One attempt is written, then counted, under a lock on its key that is held until the
request's transaction commits (PostgreSQL's advisory lock; SQLite's one writer), so two
processes never both count the same last free place.
"""

from datetime import timedelta

from django.db import connection, transaction
from django.utils import timezone
from django.utils.crypto import salted_hmac

from .models import Attempt


def attempt_allowed(*, scope: str, key: str, limit: int, window: timedelta) -> bool:
    """Count one attempt at `scope` by `key`: False if it is more than `limit` within
    `window` (this one included)."""
    digest = salted_hmac("governance.throttle", f"{scope}\n{key}").hexdigest()
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_xact_lock(%s)", [int(digest[:15], 16)])
        Attempt.objects.create(scope=scope, key=digest)
        made = Attempt.objects.filter(
            scope=scope, key=digest, at__gt=timezone.now() - window
        ).count()
    return made <= limit


def attempts_purge(*, older_than: timedelta) -> int:
    """Forget attempts too old to count in any window."""
    deleted, _ = Attempt.objects.filter(at__lt=timezone.now() - older_than).delete()
    return deleted
