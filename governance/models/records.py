"""The record of changes to plans, contributions and schemes;
files made on the worker (return and plan workbooks, national exports)."""

import logging

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.functional import cached_property

from governance.constraints import valid_choice

logger = logging.getLogger(__name__)


class ChangeSource(models.TextChoices):
    FORM = "form", "Web form"
    IMPORT = "import", "Import"
    ADMIN = "admin", "Admin"
    COMMAND = "command", "Management command"


class ChangeAction(models.TextChoices):
    CREATED = "created", "Created"
    CHANGED = "changed", "Changed"
    DELETED = "deleted", "Deleted"


class RecordChange(models.Model):
    """One field of one record changed (or a record created or deleted): who, when, how,
    old → new. Return answers have their own, finer history (`returns.AnswerChange`)."""

    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    object_id = models.CharField(max_length=40)
    object_repr = models.CharField(max_length=200, help_text="The record, as it was named then.")
    action = models.CharField(max_length=10, choices=ChangeAction.choices)
    field = models.CharField(max_length=100)
    old_value = models.TextField(blank=True)
    new_value = models.TextField(blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    source = models.CharField(max_length=10, choices=ChangeSource.choices)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        db_table = "bcfportal_recordchange"  # first in the project package: the name is kept
        ordering = ["-at", "pk"]
        indexes = [models.Index(fields=["content_type", "object_id"], name="bcf_change_object_idx")]
        constraints = [
            valid_choice("action", ChangeAction, "Choose created, changed or deleted."),
            valid_choice("source", ChangeSource, "Choose how the change was made from the list."),
        ]

    def __str__(self) -> str:
        return f"{self.object_repr}: {self.field} {self.old_value[:20]!r} → {self.new_value[:20]!r}"


class ExportStatus(models.TextChoices):
    QUEUED = "queued", "Queued"
    RUNNING = "running", "Running"
    READY = "ready", "Ready"
    FAILED = "failed", "Failed"


def export_folder(instance, filename: str) -> str:
    return f"{instance.folder}/{timezone.now():%Y/%m}/{filename}"


class ExportFile(models.Model):
    """A file made on the worker: its state, and once ready its SHA-256 and size."""

    folder = "exports"
    status = models.CharField(max_length=10, choices=ExportStatus.choices, default="queued")
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    file = models.FileField(upload_to=export_folder, blank=True)
    sha256 = models.CharField(max_length=64, blank=True)
    size = models.PositiveBigIntegerField(null=True, blank=True)
    error = models.TextField(blank=True, help_text="Why it failed, in words a user can act on.")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(
        auto_now=True, help_text="Its last sign of life: queued, started, progress, finished."
    )
    finished_at = models.DateTimeField(null=True, blank=True)

    # The longest its task may run without a sign of life (the task's hard time limit, in
    # seconds): past it, and a margin, the job's worker has died (`governance.jobs`).
    time_limit = 150

    class Meta:
        abstract = True
        ordering = ["-created_at"]
        constraints = [
            valid_choice("status", ExportStatus, "Choose an export status from the list."),
            models.CheckConstraint(
                condition=~Q(status="ready") | (~Q(file="") & Q(sha256__regex=r"^[0-9a-f]{64}$")),
                name="%(app_label)s_%(class)s_ready_has_file_and_checksum",
                violation_error_message="A ready export has its file and its SHA-256.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.filename} ({self.get_status_display()})"

    @property
    def waiting(self) -> bool:
        return self.status in (ExportStatus.QUEUED, ExportStatus.RUNNING)

    @cached_property
    def file_missing(self) -> bool:
        """Ready, yet its file is not in the file store (a database restored without its
        media): its page says so and offers to make it again, and it is never reused."""
        missing = self.status == ExportStatus.READY and not (
            self.file and self.file.storage.exists(self.file.name)
        )
        if missing:
            logger.error("%s %s: its file %r is missing from the file store.",
                         type(self).__name__, self.pk, self.file.name)  # fmt: skip
        return missing


class StepEvent(models.Model):
    """One step of a sign-off workflow (`governance.workflow`): what every timeline records.

    A concrete event adds its `kind` (with its own choices), the key to what it moves,
    and what its steps record besides.
    """

    version = models.PositiveIntegerField()
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    at = models.DateTimeField(auto_now_add=True)
    reason = models.TextField(blank=True, help_text="Why it was sent back or reopened.")

    class Meta:
        abstract = True
        ordering = ["at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(kind__in=["sent_back", "reopened"]) | ~Q(reason=""),
                name="%(app_label)s_%(class)s_reason_given",
                violation_error_message="Sending back or reopening needs a reason.",
            ),
        ]
