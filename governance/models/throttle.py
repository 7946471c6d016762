"""Attempts counted where every process sees them (the database, not a process's memory):
password resets asked for, by address and by client."""

from django.db import models
from django.utils import timezone


class Attempt(models.Model):
    """One attempt at something throttled. `key` is an HMAC of what is counted (an e-mail
    address, a client's address) under the portal's SECRET_KEY, so none is kept in clear."""

    scope = models.CharField(max_length=40)
    key = models.CharField(max_length=64)
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        indexes = [models.Index(fields=["scope", "key", "at"], name="governance_attempt_key_idx")]

    def __str__(self) -> str:
        return f"{self.scope} at {self.at:%Y-%m-%d %H:%M}"
