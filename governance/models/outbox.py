"""Tasks for the worker, kept until the broker has taken them (governance/outbox.py)."""

from django.db import models
from django.utils import timezone


class OutboxTask(models.Model):
    """One task to send: its registered name and arguments (ids), written in the same
    transaction as what it is about, deleted once the broker has it."""

    name = models.CharField(max_length=200)
    args = models.JSONField(default=list)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    attempts = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return f"{self.name}{tuple(self.args)}"
