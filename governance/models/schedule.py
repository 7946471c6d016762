"""When each periodic task last ran, as the task itself records it (governance/schedule.py)."""

from django.db import models


class PeriodicRun(models.Model):
    """The last run of one task of Celery beat's schedule: started, finished, and why it
    failed if it did."""

    task = models.CharField(max_length=200, unique=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    error = models.TextField(blank=True, help_text="Why its last run failed; blank if it did not.")

    class Meta:
        verbose_name = "scheduled task"
        ordering = ["task"]

    def __str__(self) -> str:
        return self.task
