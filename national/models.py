"""What the national side keeps: the analysts' national exports, the reminders of each
deadline sent to an area, and NHS England's assurance of what areas submit. The exports and
reminders were first part of `returns`: their tables keep those names, and
`tests/test_layout_migration.py` migrates a database of that layout and compares every row."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q

from governance.constraints import valid_choice
from governance.models import ExportFile, HwbArea, Submission
from governance.submissions import Rating
from returns.models import ReportingPeriod


class NationalExport(ExportFile):
    """Every return of a period that an analyst may read: a zip of their workbooks and one
    dataset (CSV and XLSX) with a row per HWB area and a column per question id."""

    folder = "national"
    time_limit = 660  # the task that puts the parts together; each part reports progress
    period = models.ForeignKey(ReportingPeriod, on_delete=models.PROTECT, related_name="+")
    done = models.PositiveIntegerField(default=0, help_text="Returns written so far.")
    total = models.PositiveIntegerField(default=0, help_text="Returns to write.")
    areas = models.JSONField(
        null=True,
        blank=True,
        help_text="The ids of the HWB areas whose returns it holds: on every download, the "
        "requester must still be able to read each of them.",
    )
    include_drafts = models.BooleanField(
        default=False,
        help_text="Also returns not yet signed off (their workbooks marked DRAFT). By default "
        "only signed-off and submitted returns.",
    )

    class Meta(ExportFile.Meta):
        db_table = "returns_nationalexport"  # made in returns: the table keeps its name
        constraints = [
            *ExportFile.Meta.constraints,
            models.CheckConstraint(
                condition=Q(done__lte=F("total")),
                name="national_nationalexport_done_at_most_total",
                violation_error_message="An export cannot have written more returns than it has.",
            ),
        ]

    @property
    def filename(self) -> str:
        """`BCF-Q3-2015-16-national.zip` (signed off only), or `…-national-with-DRAFTS.zip`."""
        drafts = "-with-DRAFTS" if self.include_drafts else ""
        return f"BCF-{self.period.file_label}-national{drafts}.zip"

    @property
    def percent(self) -> int:
        return round(100 * self.done / self.total) if self.total else 0


class ReminderMoment(models.TextChoices):
    BEFORE = "before", "Before the deadline"
    DEADLINE = "deadline", "On the deadline"


class ReminderAudience(models.TextChoices):
    OFFICERS = "officers", "The commissioning officers"
    SIGNERS = "signers", "The HWB sign-off members"


class Reminder(models.Model):
    """An e-mail that reminded an area's people of a period's deadline: the officers while
    their return is not ready, the Board's sign-off members while it awaits them. One per
    area, period, moment and audience, so a reminder is never sent twice."""

    hwb_area = models.ForeignKey(
        HwbArea, on_delete=models.CASCADE, related_name="reminders", verbose_name="HWB area"
    )
    period = models.ForeignKey(ReportingPeriod, on_delete=models.CASCADE, related_name="+")
    moment = models.CharField(max_length=10, choices=ReminderMoment.choices)
    audience = models.CharField(max_length=10, choices=ReminderAudience.choices)
    sent_to = models.PositiveIntegerField(help_text="How many people it went to.")
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        db_table = "returns_reminder"  # made in returns: the table keeps its name
        ordering = ["at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["hwb_area", "period", "moment", "audience"],
                name="national_reminder_once",
                violation_error_message="This reminder has already been sent.",
            ),
            valid_choice("moment", ReminderMoment, "Choose a moment from the list."),
            valid_choice("audience", ReminderAudience, "Choose who it is for from the list."),
        ]

    def __str__(self) -> str:
        return f"{self.get_moment_display()}: {self.hwb_area} {self.period.label}"

    def get_kind_display(self) -> str:
        """As a timeline shows a step."""
        return f"Reminder sent {self.get_moment_display().lower()}"


# NHS England's assurance of what areas submit (`national.assurance`) -------------------------


class Outcome(models.TextChoices):
    QUERIED = "queried", "Queried"
    ACCEPTED = "accepted", "Accepted"
    FEEDBACK = "feedback", "Feedback given"  # on a draft plan
    APPROVED = "approved", "Approved"
    APPROVED_WITH_SUPPORT = "approved_with_support", "Approved with support"
    APPROVED_WITH_CONDITIONS = "approved_conditions", "Approved subject to conditions"
    NOT_APPROVED = "not_approved", "Not approved"


class AssuranceKind(models.TextChoices):
    RATING = "rating", "Key line rated"
    OUTCOME = "outcome", "Outcome recorded"
    CONDITION_MET = "condition_met", "Condition met"


class AssuranceEvent(models.Model):
    """One step of NHS England's assurance of a submission: a key line rated (red, amber or
    green, with a comment), an outcome recorded (with a note), or a condition of approval
    met. Kept, in order: the latest rating of a line and the latest outcome stand."""

    submission = models.ForeignKey(
        Submission, on_delete=models.PROTECT, related_name="assurance_events"
    )
    kind = models.CharField(max_length=15, choices=AssuranceKind.choices)
    line = models.CharField(max_length=40, blank=True, help_text="The key line rated.")
    rating = models.CharField(max_length=5, choices=Rating.choices, blank=True)
    outcome = models.CharField(max_length=25, choices=Outcome.choices, blank=True)
    condition = models.ForeignKey(
        "ApprovalCondition", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    text = models.TextField(blank=True, help_text="The comment, note or reason given.")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    at = models.DateTimeField()

    class Meta:
        ordering = ["at", "pk"]
        indexes = [models.Index(fields=["submission", "kind"], name="national_assurance_kind")]
        constraints = [
            valid_choice("kind", AssuranceKind, "Choose what was done from the list."),
            models.CheckConstraint(
                condition=~Q(kind="rating") | (~Q(line="") & ~Q(rating="")),
                name="national_assuranceevent_rating_rates_a_line",
                violation_error_message="A rating names its key line and its rating.",
            ),
            models.CheckConstraint(
                condition=~Q(kind="outcome") | ~Q(outcome=""),
                name="national_assuranceevent_outcome_given",
                violation_error_message="An outcome says what it is.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.submission}"


class ApprovalCondition(models.Model):
    """A condition a plan's approval carries, tracked until NHS England records it met."""

    submission = models.ForeignKey(
        Submission, on_delete=models.PROTECT, related_name="approval_conditions"
    )
    position = models.PositiveSmallIntegerField()
    text = models.TextField()
    met_at = models.DateTimeField(null=True, blank=True)
    met_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+",
    )  # fmt: skip

    class Meta:
        ordering = ["submission_id", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["submission", "position"],
                name="national_approvalcondition_position",
                violation_error_message="This plan already has a condition at this position.",
            ),
            models.CheckConstraint(
                condition=~Q(text=""),
                name="national_approvalcondition_says_something",
                violation_error_message="A condition says what must be done.",
            ),
        ]

    def __str__(self) -> str:
        return self.text[:60]
