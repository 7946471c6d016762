"""Conversations: comments between an area's officers and sign-off members about something of
theirs (a return, a section or a question of it, a plan or a part of it; later a submission),
open until one of them resolves it."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q

from .areas import HwbArea


class Conversation(models.Model):
    hwb_area = models.ForeignKey(HwbArea, on_delete=models.PROTECT, related_name="conversations")
    # What it hangs on: any record a host app registers (`governance.conversations`).
    subject_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    subject_id = models.PositiveBigIntegerField()
    subject = GenericForeignKey("subject_type", "subject_id")
    about = models.CharField(
        max_length=120, blank=True,
        help_text="The part it is about, as its host names parts (`section:cover`, "
        "`question:nc3_date`); empty: the whole thing.",
    )  # fmt: skip
    about_label = models.CharField(max_length=300, help_text="The part, in words.")
    title = models.CharField(max_length=200)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    started_at = models.DateTimeField()
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+",
    )  # fmt: skip
    resolved_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [
            models.Index(fields=("subject_type", "subject_id"), name="governance_conv_subject"),
            models.Index(fields=("hwb_area", "resolved_at"), name="governance_conv_open"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(title=""),
                name="governance_conversation_titled",
                violation_error_message="A conversation says what it is about.",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_open(self) -> bool:
        return self.resolved_at is None


class Comment(models.Model):
    conversation = models.ForeignKey(
        Conversation, on_delete=models.CASCADE, related_name="comments"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    at = models.DateTimeField()
    text = models.TextField()

    class Meta:
        ordering = ("at", "pk")
        constraints = [
            models.CheckConstraint(
                condition=~Q(text=""),
                name="governance_comment_says_something",
                violation_error_message="A comment says something.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} on {self.conversation}"
