"""Quarterly reporting to NHS England: reporting periods, returns and their answers."""

import re

from django.conf import settings
from django.db import models
from django.db.models import F, Q

from governance.constraints import quarter_1_to_4, valid_choice
from governance.models import (  # noqa: F401 (ExportStatus: for the rest of returns)
    ExportFile,
    ExportStatus,
    FinancialYear,
    HwbArea,
    StepEvent,
    export_folder,
)

PERIOD_CODE = re.compile(r"^fy(\d{2})(\d{2})_q([1-4])$")


class ReportingPeriod(models.Model):
    """A quarter for which HWB areas send NHS England a return, in a given template."""

    financial_year = models.ForeignKey(
        FinancialYear, on_delete=models.PROTECT, related_name="reporting_periods"
    )
    quarter = models.PositiveSmallIntegerField()
    template_version = models.CharField(
        max_length=50, help_text="The NHS England template for this quarter, e.g. bcf-q3-2015-16."
    )
    submission_deadline = models.DateTimeField()
    deadline_assumed = models.BooleanField(
        default=False,
        help_text="No source gives this deadline: it is an assumption, shown as such beside "
        "the date.",
    )
    deadline_source = models.TextField(
        blank=True, help_text="Where the deadline comes from (or why it was assumed)."
    )
    opened_at = models.DateTimeField(
        null=True, blank=True, help_text="When the round was opened: a return for every area."
    )
    closes_at = models.DateTimeField(
        "closing date",
        null=True,
        blank=True,
        help_text="After this, an area can neither mark its return ready nor sign it off "
        "unless it has been granted an extension. Empty: the round does not close.",
    )

    class Meta:
        ordering = ["financial_year__start_year", "quarter"]
        constraints = [
            models.UniqueConstraint(
                fields=["financial_year", "quarter"],
                name="returns_reportingperiod_one_per_quarter",
                violation_error_message="This quarter already has a reporting period.",
            ),
            quarter_1_to_4(),
        ]

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        """`Q3 2015/16`."""
        return f"Q{self.quarter} {self.financial_year.label}"

    @property
    def code(self) -> str:
        """`fy1516_q3`, as in question ids."""
        return self.financial_year.quarter_code(self.quarter)

    @staticmethod
    def parse_code(code: str) -> tuple[int, int] | None:
        """`fy1516_q3` -> (2015, 3): the start year and quarter; None for any other text."""
        match = PERIOD_CODE.match(code)
        if match is None or (int(match[1]) + 1) % 100 != int(match[2]):
            return None
        return 2000 + int(match[1]), int(match[3])

    def is_open(self, now) -> bool:
        """Opened, and not past its closing date: several rounds can be open at once."""
        return self.opened_at is not None and not self.is_closed(now)

    def is_closed(self, now) -> bool:
        return self.closes_at is not None and self.closes_at < now

    @property
    def file_label(self) -> str:
        """`Q3-2015-16`, for file names."""
        return self.label.replace(" ", "-").replace("/", "-")


class Extension(models.Model):
    """An administrator's leave for one area to mark ready and sign off after the round's
    closing date, until a date of its own."""

    period = models.ForeignKey(ReportingPeriod, on_delete=models.CASCADE, related_name="extensions")
    hwb_area = models.ForeignKey(
        HwbArea, on_delete=models.CASCADE, related_name="extensions", verbose_name="HWB area"
    )
    until = models.DateTimeField(help_text="The area may mark ready and sign off until then.")
    reason = models.TextField(help_text="Why it was granted: kept with the round's record.")
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    granted_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["period", "hwb_area__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["period", "hwb_area"],
                name="returns_extension_one_per_area",
                violation_error_message="This area already has an extension for this period: "
                "change its date instead.",
            )
        ]

    def __str__(self) -> str:
        return f"{self.hwb_area} {self.period}: until {self.until:%d/%m/%Y %H:%M}"


class ReturnStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    READY = "ready", "Ready for sign-off"
    SIGNED_OFF = "signed_off", "Signed off"
    SUBMITTED = "submitted", "Submitted"


# Signed off on behalf of the Board, and perhaps submitted since: no longer a draft.
SIGNED_STATUSES = (ReturnStatus.SIGNED_OFF, ReturnStatus.SUBMITTED)


class QuarterlyReturn(models.Model):
    """One HWB area's return to NHS England for one reporting period.

    Its questions come from the template definition named by `template_version`
    (fixed when the return is created); its answers are `Answer` rows keyed by
    question id. See docs/ARCHITECTURE.md, "How answers are stored".
    """

    hwb_area = models.ForeignKey(
        HwbArea, on_delete=models.PROTECT, related_name="returns", verbose_name="HWB area"
    )
    period = models.ForeignKey(ReportingPeriod, on_delete=models.PROTECT, related_name="returns")
    template_version = models.CharField(max_length=50)
    status = models.CharField(max_length=20, choices=ReturnStatus.choices, default="draft")
    revision = models.PositiveIntegerField(
        default=0, help_text="Goes up by one with every saved change to the answers."
    )
    version = models.PositiveIntegerField(
        default=1, help_text="Goes up by one each time the return is reopened after sign-off."
    )
    prefilled = models.JSONField(
        default=dict,
        blank=True,
        help_text="What the amendable inputs were pre-filled with when the return was created "
        "(the template's ‘previously returned data’), as stored text by question id.",
    )
    synthetic = models.BooleanField(
        default=False,
        help_text="Figures made up by the national demo (seed_demo --national), not the "
        "area's real return: every page and file of it says so.",
    )
    checks_passed = models.PositiveSmallIntegerField(
        default=0,
        help_text="How many of the template's checklist questions pass, as last saved: kept "
        "with each save, so a round's status page reads it without working out 150 checklists.",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-period__financial_year__start_year", "-period__quarter", "hwb_area__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["hwb_area", "period"],
                name="returns_quarterlyreturn_one_per_area_and_period",
                violation_error_message="This HWB area already has a return for this period.",
            ),
            valid_choice("status", ReturnStatus, "Choose a status from the list."),
        ]

    def __str__(self) -> str:
        return f"{self.hwb_area} {self.period.label} return"

    @property
    def is_signed_off(self) -> bool:
        """Signed off on behalf of the Board (and perhaps submitted since): not a draft."""
        return self.status in SIGNED_STATUSES

    @property
    def workbook_filename(self) -> str:
        """`BCF-Q3-2015-16-Norfolk.xlsx`: what its workbook is called wherever it is saved
        (`…-Norfolk-DRAFT.xlsx` until it is signed off)."""
        return self.workbook_filename_as(draft=not self.is_signed_off)

    def workbook_filename_as(self, *, draft: bool) -> str:
        name = f"BCF-{self.period.file_label}-{'-'.join(self.hwb_area.name.split())}"
        name += "-SYNTHETIC" if self.synthetic else ""
        return f"{name}-DRAFT.xlsx" if draft else f"{name}.xlsx"


class AnswerSource(models.TextChoices):
    """How a value arrived (kept with each answer; the audit history builds on it)."""

    CREATED = "created", "Pre-populated when the return was created"
    FORM = "form", "Web form"
    IMPORT = "import", "JSON import"
    WORKBOOK = "workbook", "Workbook import"
    ADMIN = "admin", "Admin"
    COMMAND = "command", "Management command"


class Answer(models.Model):
    """The value of one question (by its template id) in one return, as canonical text.

    A question with no value has no row. The text is what the question's value
    type writes (`23268`, `2017-04-30`, `No - In Progress`), so the same column
    can be queried across every return in the country.
    """

    quarterly_return = models.ForeignKey(
        QuarterlyReturn, on_delete=models.CASCADE, related_name="answers"
    )
    question_id = models.CharField(max_length=80)
    value = models.TextField()
    source = models.CharField(max_length=10, choices=AnswerSource.choices)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["quarterly_return_id", "question_id"]  # by the column: no join
        constraints = [
            models.UniqueConstraint(
                fields=["quarterly_return", "question_id"],
                name="returns_answer_one_per_question",
                violation_error_message="This question already has an answer in this return.",
            ),
            models.CheckConstraint(
                condition=~Q(value=""),
                name="returns_answer_value_not_empty",
                violation_error_message="An answer cannot be empty: remove it instead.",
            ),
            valid_choice("source", AnswerSource, "Choose how the answer arrived from the list."),
        ]
        indexes = [models.Index(fields=["question_id"], name="returns_answer_question_idx")]

    def __str__(self) -> str:
        return f"{self.question_id} = {self.value[:40]}"


# Kept under this name: migrations refer to it.
_export_folder = export_folder


class WorkbookExport(ExportFile):
    """One export of a return to NHS England's workbook, made on the worker.

    The file is kept with its SHA-256 and the answers' revision it was made
    from; exporting an unchanged return again reuses it.
    """

    quarterly_return = models.ForeignKey(
        QuarterlyReturn, on_delete=models.CASCADE, related_name="exports"
    )
    revision = models.PositiveIntegerField(
        help_text="The return's revision the file was made from."
    )
    draft = models.BooleanField(
        default=False,
        help_text="Made while the return was not signed off: the file says DRAFT on its Cover "
        "and in its name.",
    )

    class Meta(ExportFile.Meta):
        pass

    @property
    def filename(self) -> str:
        """`BCF-Q3-2015-16-Norfolk.xlsx`, or `…-Norfolk-DRAFT.xlsx` for a draft."""
        return self.quarterly_return.workbook_filename_as(draft=self.draft)


class WorkbookUpload(models.Model):
    """A filled-in workbook uploaded to a return: read once, and kept with the values it holds
    until its changes are confirmed."""

    quarterly_return = models.ForeignKey(
        QuarterlyReturn, on_delete=models.CASCADE, related_name="uploads"
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    file = models.FileField(upload_to="uploads/%Y/%m/")
    original_name = models.CharField(max_length=255)
    sha256 = models.CharField(max_length=64)
    values = models.JSONField(
        null=True,
        blank=True,
        help_text="Every input the file holds, as stored text by question id (null: blank), "
        "read once when it was uploaded.",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    applied_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.original_name} → {self.quarterly_return}"


class EventKind(models.TextChoices):
    READY = "ready", "Marked ready for sign-off"
    SENT_BACK = "sent_back", "Sent back"
    SIGNED_OFF = "signed_off", "Signed off"
    SUBMITTED = "submitted", "Submitted to NHS England"
    REOPENED = "reopened", "Reopened"


class ReturnEvent(StepEvent):
    """One step of a return's workflow: its timeline. Like its versions and the record of
    changes to its answers, it is kept: a return with any of them cannot be deleted."""

    quarterly_return = models.ForeignKey(
        QuarterlyReturn, on_delete=models.PROTECT, related_name="events"
    )
    kind = models.CharField(max_length=12, choices=EventKind.choices)
    on_behalf_of = models.CharField(max_length=255, blank=True)
    submission = models.ForeignKey(
        "governance.Submission", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    answers = models.JSONField(
        null=True,
        blank=True,
        help_text="A mark-ready's own snapshot: question id -> stored text, as sent for "
        "sign-off, so that a signer can see what changed since they sent it back.",
    )

    class Meta(StepEvent.Meta):
        constraints = [
            valid_choice("kind", EventKind, "Choose an event from the list."),
            *StepEvent.Meta.constraints,
            models.CheckConstraint(
                condition=~Q(kind="signed_off") | ~Q(on_behalf_of=""),
                name="returns_returnevent_signed_off_on_behalf_of",
                violation_error_message="A sign-off says on whose behalf it was made.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.quarterly_return}, version {self.version})"


class ReturnVersion(models.Model):
    """A return as it was signed off: every stored answer, kept when it is reopened."""

    quarterly_return = models.ForeignKey(
        QuarterlyReturn, on_delete=models.PROTECT, related_name="versions"
    )
    number = models.PositiveIntegerField()
    revision = models.PositiveIntegerField()
    answers = models.JSONField(help_text="Question id -> stored text, as signed off.")
    signed_off_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    on_behalf_of = models.CharField(max_length=255)
    signed_off_at = models.DateTimeField()
    submission = models.OneToOneField(
        "governance.Submission",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text="What was sent to NHS England of this version, kept as it was sent.",
    )

    class Meta:
        ordering = ["quarterly_return_id", "number"]  # by the column: no join
        constraints = [
            models.UniqueConstraint(
                fields=["quarterly_return", "number"],
                name="returns_returnversion_one_per_number",
                violation_error_message="This return already has this version.",
            )
        ]

    def __str__(self) -> str:
        return f"{self.quarterly_return} version {self.number}"


class AnswerChange(models.Model):
    """One change to one answer: who, when, how, old → new. Written by `answers_save` only."""

    quarterly_return = models.ForeignKey(
        QuarterlyReturn, on_delete=models.PROTECT, related_name="changes"
    )
    question_id = models.CharField(max_length=80)
    old_value = models.TextField(blank=True, help_text="Stored text before; empty: no answer.")
    new_value = models.TextField(blank=True, help_text="Stored text after; empty: removed.")
    revision = models.PositiveIntegerField(help_text="The return's revision this change made.")
    version = models.PositiveIntegerField()
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    source = models.CharField(max_length=10, choices=AnswerSource.choices)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-revision", "question_id"]
        indexes = [
            models.Index(
                fields=["quarterly_return", "revision"], name="returns_change_revision_idx"
            ),
            models.Index(fields=["question_id"], name="returns_change_question_idx"),
        ]
        constraints = [
            valid_choice("source", AnswerSource, "Choose how the change arrived from the list."),
            models.CheckConstraint(
                condition=~Q(old_value=F("new_value")),
                name="returns_answerchange_changes_something",
                violation_error_message="A change has a different value after than before.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.question_id}: {self.old_value[:20]!r} → {self.new_value[:20]!r}"


class ReturnFigure(models.Model):
    """Every numeric value of a return as last saved, inputs, pre-populated and calculated
    (as its JSON export gives them), kept beside its answers so that national figures are
    sums in SQL across areas, not each area's checklist and calculations worked out again.
    Written by the save that changes the answers (`services.return_facts_save`)."""

    quarterly_return = models.ForeignKey(
        QuarterlyReturn, on_delete=models.CASCADE, related_name="figures"
    )
    question_id = models.CharField(max_length=80)
    value = models.DecimalField(max_digits=24, decimal_places=8)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["quarterly_return", "question_id"],
                name="returns_returnfigure_one_per_question",
                violation_error_message="A return has one figure per question.",
            )
        ]
        indexes = [models.Index(fields=["question_id"], name="returns_figure_question")]

    def __str__(self) -> str:
        return f"{self.question_id} = {self.value} ({self.quarterly_return})"


class Confirmation(models.Model):
    """An officer's answer to an "are you sure?" check of the return's template (a
    `Caution`): yes, the figure is right, and why. It stands while the figures the check
    looked at stay as they were (`figures`); changed, the check asks again."""

    quarterly_return = models.ForeignKey(
        QuarterlyReturn, on_delete=models.PROTECT, related_name="confirmations"
    )
    key = models.CharField(max_length=64, help_text="The check's key in the definition.")
    explanation = models.TextField()
    figures = models.JSONField(help_text="The figures the check looked at: id -> value.")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    at = models.DateTimeField()
    version = models.PositiveIntegerField(help_text="The return's version it was given in.")

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=("quarterly_return", "key"),
                name="returns_confirmation_one_per_check",
                violation_error_message="A return keeps one confirmation for each check.",
            ),
            models.CheckConstraint(
                condition=~Q(explanation=""),
                name="returns_confirmation_explained",
                violation_error_message="A confirmation says why the figure is right.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.key} ({self.quarterly_return})"
