"""What belongs to no one app: the record of changes to plans, contributions and schemes."""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models

from .constraints import valid_choice


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
        ordering = ["-at", "pk"]
        indexes = [models.Index(fields=["content_type", "object_id"], name="bcf_change_object_idx")]
        constraints = [
            valid_choice("action", ChangeAction, "Choose created, changed or deleted."),
            valid_choice("source", ChangeSource, "Choose how the change was made from the list."),
        ]

    def __str__(self) -> str:
        return f"{self.object_repr}: {self.field} {self.old_value[:20]!r} → {self.new_value[:20]!r}"
