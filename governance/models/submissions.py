"""Submissions to NHS England: what an area sent, kept as it was sent.

A submission is made in the portal by the act of sending (`governance.submissions`): a
signed-off return, a signed-off plan, or a draft of a plan. It keeps its own copy of what was
sent (the answers, the workbook byte for byte with its SHA-256, the checklist, the confirmed
"are you sure?" figures and the key lines of enquiry as the portal found them), numbered per
thing sent. It is never changed: a resubmission is a new one that names the one it replaces.
NHS England's assurance of it lives in `national`.
"""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.utils.functional import cached_property

from governance.constraints import valid_choice

from .areas import HwbArea


class SubmissionKind(models.TextChoices):
    RETURN = "return", "Quarterly return"
    PLAN_DRAFT = "plan_draft", "Draft plan"
    PLAN = "plan", "Plan"


class SubmissionUnchangeable(Exception):
    """A submission is kept as it was sent: nothing saves over it or deletes it."""


def submission_folder(instance, filename: str) -> str:
    return f"submissions/{instance.submitted_at:%Y/%m}/{filename}"


# What a submission keeps of the thing sent, as JSON (a return's worth each): a timeline,
# which names a submission, shows none of it.
KEPT_AS_SENT = ("answers", "checklist", "warnings", "enquiries")


class Submission(models.Model):
    hwb_area = models.ForeignKey(HwbArea, on_delete=models.PROTECT, related_name="submissions")
    kind = models.CharField(max_length=10, choices=SubmissionKind.choices)
    # What was sent: a return or a plan, by its app (`governance.submissions`).
    subject_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    subject_id = models.PositiveBigIntegerField()
    subject = GenericForeignKey("subject_type", "subject_id")
    number = models.PositiveIntegerField(help_text="1 for the first sent of this thing, then 2…")
    title = models.CharField(max_length=200, help_text="What was sent, in words, as it was then.")
    round_key = models.CharField(
        max_length=20,
        help_text="The round it answers: a reporting period's code, or a plan's year's code.",
    )
    version = models.PositiveIntegerField(help_text="The version of the return or plan sent.")
    replaces = models.OneToOneField(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="replaced_by"
    )
    answers = models.JSONField(help_text="What was sent: id -> stored text.")
    checklist = models.JSONField(
        default=list, help_text="Its checklist as sent: [{label, passed, detail}, …]."
    )
    warnings = models.JSONField(
        default=list, help_text="The confirmed “are you sure?” figures: [{ask, confirmed}, …]."
    )
    enquiries = models.JSONField(
        default=list,
        help_text="Its key lines of enquiry as the portal found them: "
        "[{key, text, rating, finding}, …]; rating empty where a reviewer judges.",
    )
    file = models.FileField(upload_to=submission_folder, max_length=200)
    filename = models.CharField(max_length=150)
    sha256 = models.CharField(max_length=64)
    size = models.PositiveBigIntegerField()
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    on_behalf_of = models.CharField(max_length=255, blank=True)
    submitted_at = models.DateTimeField()

    class Meta:
        ordering = ["-submitted_at", "-pk"]
        indexes = [
            models.Index(fields=("subject_type", "subject_id"), name="governance_sub_subject"),
            models.Index(fields=("round_key", "hwb_area"), name="governance_sub_round"),
        ]
        constraints = [
            valid_choice("kind", SubmissionKind, "Choose what is submitted from the list."),
            models.UniqueConstraint(
                fields=("subject_type", "subject_id", "number"),
                name="governance_submission_one_per_number",
                violation_error_message="This has already been submitted under this number.",
            ),
            models.CheckConstraint(
                condition=Q(sha256__regex=r"^[0-9a-f]{64}$") & ~Q(file=""),
                name="governance_submission_has_file_and_checksum",
                violation_error_message="A submission keeps its file and its SHA-256.",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise SubmissionUnchangeable(f"{self} is kept as it was sent: it cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise SubmissionUnchangeable(f"{self} is kept as it was sent: it cannot be deleted.")

    @property
    def name(self) -> str:
        """“Norfolk: Q3 2015/16 return, submission 2”."""
        return f"{self.hwb_area.name}: {self.title}, submission {self.number}"

    @property
    def is_draft(self) -> bool:
        return self.kind == SubmissionKind.PLAN_DRAFT

    @cached_property
    def file_missing(self) -> bool:
        """Its file is not in the file store (a database restored without its media)."""
        return not self.file.storage.exists(self.file.name)
