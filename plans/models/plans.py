"""The BCF plan of an HWB area for a financial year, and what it is made of."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q

from governance.constraints import quarter_1_to_4, valid_choice
from governance.models import ExportFile, FinancialYear, HwbArea, Partner, StepEvent
from governance.money import PoundsField, non_negative


class PlanStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    READY = "ready", "Being signed"
    SIGNED_OFF = "signed_off", "Signed off"


class Plan(models.Model):
    """The jointly agreed BCF plan of one HWB area for one financial year.

    Officers edit a draft. Marked ready, each partner and the HWB sign their blocks; the
    last signature signs the plan off and locks it (plans and their schemes). Reopening
    (with a reason) starts the next version.
    """

    hwb_area = models.ForeignKey(
        HwbArea, on_delete=models.PROTECT, related_name="plans", verbose_name="HWB area"
    )
    financial_year = models.ForeignKey(
        FinancialYear, on_delete=models.PROTECT, related_name="plans"
    )
    pooled_fund_total = PoundsField(
        null=True, blank=True, help_text="Whole pounds. Empty until agreed."
    )
    expenditure_comment = models.TextField(
        blank=True,
        help_text="Why planned expenditure does not add up to the pooled fund, when it does not.",
    )
    # Section B of the plan, and the narrative parts of section A.
    shared_vision = models.TextField(blank=True)
    case_for_change = models.TextField(blank=True)
    plan_of_action = models.TextField(blank=True)
    risk_sharing = models.TextField(
        "approach to financial risk sharing and contingency", blank=True
    )
    scheme_review = models.TextField("qualitative review of last year's schemes", blank=True)
    provider_engagement = models.TextField(
        "consultation and engagement of local providers", blank=True
    )
    status = models.CharField(max_length=12, choices=PlanStatus.choices, default="draft")
    version = models.PositiveIntegerField(
        default=1, help_text="1 until the plan is first reopened; +1 at each reopening."
    )
    revision = models.PositiveIntegerField(
        default=0,
        help_text="+1 at every change of the plan or its schemes in the portal's forms: "
        "a form shown at one revision is not saved over a later one.",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["hwb_area__name", "-financial_year__start_year"]
        constraints = [
            models.UniqueConstraint(
                fields=["hwb_area", "financial_year"],
                name="plans_plan_one_per_area_and_year",
                violation_error_message="This HWB area already has a plan for this year.",
            ),
            *non_negative("pooled_fund_total"),
            valid_choice("status", PlanStatus, "Choose a plan status from the list."),
        ]

    def __str__(self) -> str:
        return f"{self.hwb_area} BCF plan {self.financial_year}"

    @property
    def is_locked(self) -> bool:
        return self.status != PlanStatus.DRAFT


class Contribution(models.Model):
    """What one partner pays into the pooled fund this year, and paid last year."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="contributions")
    partner = models.ForeignKey(Partner, on_delete=models.PROTECT, related_name="contributions")
    amount = PoundsField("gross contribution this year", help_text="Whole pounds.")
    amount_last_year = PoundsField(
        "gross contribution last year", null=True, blank=True, help_text="Whole pounds."
    )

    class Meta:
        ordering = ["partner__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "partner"],
                name="plans_contribution_one_per_partner",
                violation_error_message="This partner already has a contribution in this plan.",
            ),
            *non_negative("amount", "amount_last_year"),
        ]

    def __str__(self) -> str:
        return f"{self.partner} → {self.plan}"

    @property
    def change(self) -> int | None:
        """This year minus last year, in pounds; None when last year is unknown."""
        if self.amount_last_year is None:
            return None
        return self.amount - self.amount_last_year


class AreaOfSpend(models.TextChoices):
    ACUTE = "acute", "Acute"
    MENTAL_HEALTH = "mental_health", "Mental Health"
    COMMUNITY_HEALTH = "community_health", "Community Health"
    CONTINUING_CARE = "continuing_care", "Continuing Care"
    PRIMARY_CARE = "primary_care", "Primary Care"
    SOCIAL_CARE = "social_care", "Social Care"
    OTHER = "other", "Other"


class PlannedExpenditure(models.Model):
    """The pooled fund's planned spend in one area of spend."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="planned_expenditure")
    area_of_spend = models.CharField(max_length=20, choices=AreaOfSpend.choices)
    amount = PoundsField(help_text="Whole pounds.")

    class Meta:
        verbose_name_plural = "planned expenditure"
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "area_of_spend"],
                name="plans_plannedexpenditure_one_per_area_of_spend",
                violation_error_message="This area of spend is already in the plan.",
            ),
            valid_choice("area_of_spend", AreaOfSpend, "Choose an area of spend from the list."),
            *non_negative("amount"),
        ]

    def __str__(self) -> str:
        return f"{self.get_area_of_spend_display()} ({self.plan})"


class SignOffBlock(models.Model):
    """`Signed on behalf of …  By, Position, Date`: one per partner, one for the HWB."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="sign_off_blocks")
    partner = models.ForeignKey(
        Partner,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="sign_off_blocks",
        help_text="Empty for the Health and Wellbeing Board's own block.",
    )
    on_behalf_of = models.CharField(max_length=200)
    order = models.PositiveSmallIntegerField(default=0)
    signed_by = models.CharField("by", max_length=200, blank=True)
    position = models.CharField(max_length=200, blank=True)
    signed_on = models.DateField("date", null=True, blank=True)
    signed_by_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text="The portal user who signed the block.",
    )

    class Meta:
        ordering = ["order", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "partner"],
                condition=Q(partner__isnull=False),
                name="plans_signoffblock_one_per_partner",
                violation_error_message="This partner already has a sign-off block in this plan.",
            ),
            models.UniqueConstraint(
                fields=["plan"],
                condition=Q(partner__isnull=True),
                name="plans_signoffblock_one_for_the_hwb",
                violation_error_message="This plan already has the HWB's sign-off block.",
            ),
        ]

    def __str__(self) -> str:
        return f"Signed on behalf of {self.on_behalf_of}"

    @property
    def is_signed(self) -> bool:
        return bool(self.signed_by and self.position and self.signed_on)


class NationalCondition(models.Model):
    """One entry of a year's catalogue of national conditions (2015/16: 6; 2016/17: 8).

    A condition in parts (2015/16 condition 4, data sharing) has one entry
    per part, keyed as the quarterly template keys it (`nc4a`, `nc4b`, `nc4c`).
    """

    financial_year = models.ForeignKey(
        FinancialYear, on_delete=models.PROTECT, related_name="national_conditions"
    )
    key = models.SlugField(max_length=10, help_text="As in question ids: nc1, nc4a, …")
    number = models.PositiveSmallIntegerField()
    part = models.CharField(max_length=5, blank=True, help_text="i, ii, iii for parts.")
    title = models.CharField(max_length=300)
    guidance = models.TextField(blank=True)

    class Meta:
        ordering = ["financial_year__start_year", "number", "part"]
        constraints = [
            models.UniqueConstraint(
                fields=["financial_year", "key"],
                name="plans_nationalcondition_key_unique_in_year",
                violation_error_message="This year already has a condition with this key.",
            )
        ]

    def __str__(self) -> str:
        return f"{self.financial_year} {self.number}{self.part and ' ' + self.part}) {self.title}"


class ConditionStatus(models.TextChoices):
    YES = "Yes", "Yes"
    NO = "No", "No"
    IN_PROGRESS = "No - In Progress", "No - In Progress"


class NationalConditionStatement(models.Model):
    """How a plan meets one national condition: status, narrative, date when not yet met."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="condition_statements")
    condition = models.ForeignKey(
        NationalCondition, on_delete=models.PROTECT, related_name="statements"
    )
    status = models.CharField(max_length=20, choices=ConditionStatus.choices, blank=True)
    narrative = models.TextField(blank=True)
    target_date = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["condition__number", "condition__part"]
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "condition"],
                name="plans_conditionstatement_one_per_condition",
                violation_error_message="This plan already has a statement for this condition.",
            ),
            valid_choice(
                "status", ConditionStatus, "Choose Yes, No or No - In Progress.", blank=True
            ),
        ]

    def __str__(self) -> str:
        return f"{self.plan}: {self.condition.key} {self.status or 'not answered'}"

    def clean(self):
        # The catalogue is per year; a plan answers its own year's conditions only.
        if (
            self.plan_id
            and self.condition_id
            and self.plan.financial_year_id != self.condition.financial_year_id
        ):
            raise ValidationError(
                {
                    "condition": f"This condition belongs to {self.condition.financial_year}, "
                    f"not to the plan's year {self.plan.financial_year}."
                }
            )


class PooledFundQuarter(models.Model):
    """The plan's quarterly profile of income into and expenditure from the pooled fund:
    what the quarterly return plays back as its I&E plan."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="fund_quarters")
    quarter = models.PositiveSmallIntegerField()
    income = PoundsField("planned income", null=True, blank=True, help_text="Whole pounds.")
    expenditure = PoundsField(
        "planned expenditure", null=True, blank=True, help_text="Whole pounds."
    )

    class Meta:
        ordering = ["quarter"]
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "quarter"],
                name="plans_pooledfundquarter_one_per_quarter",
                violation_error_message="This plan already has a profile for this quarter.",
            ),
            quarter_1_to_4(),
            *non_negative("income", "expenditure"),
        ]

    def __str__(self) -> str:
        return f"{self.plan} Q{self.quarter}"


class PlanEventKind(models.TextChoices):
    READY = "ready", "Marked ready for signing"
    SIGNED = "signed", "Block signed"
    SIGNED_OFF = "signed_off", "Signed off by every partner and the HWB"
    SENT_BACK = "sent_back", "Sent back"
    REOPENED = "reopened", "Reopened"
    DRAFT_SUBMITTED = "draft_sent", "Draft sent to NHS England"
    SUBMITTED = "submitted", "Submitted to NHS England"


class PlanEvent(StepEvent):
    """One step of a plan's sign-off: its timeline."""

    # A plan's timeline is kept: a plan with one cannot be deleted, by any path.
    plan = models.ForeignKey(Plan, on_delete=models.PROTECT, related_name="events")
    kind = models.CharField(max_length=12, choices=PlanEventKind.choices)
    on_behalf_of = models.CharField(max_length=200, blank=True)
    signature = models.CharField(
        max_length=500, blank=True, help_text="By, position and date, as the block was signed."
    )
    submission = models.ForeignKey(
        "governance.Submission", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta(StepEvent.Meta):
        constraints = [
            valid_choice("kind", PlanEventKind, "Choose an event from the list."),
            *StepEvent.Meta.constraints,
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.plan}, version {self.version})"


class PlanExport(ExportFile):
    """The plan as a workbook (contributions, expenditure, conditions, metrics, schemes),
    made on the worker from the plan's revision it names; an unchanged plan reuses it."""

    folder = "plan-exports"
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="exports")
    revision = models.PositiveIntegerField(help_text="The plan's revision the file was made from.")

    class Meta(ExportFile.Meta):
        pass

    @property
    def filename(self) -> str:
        """`BCF-plan-2016-17-Norfolk.xlsx`."""
        label = self.plan.financial_year.label.replace("/", "-")
        return f"BCF-plan-{label}-{self.plan.hwb_area.name.replace(' ', '-')}.xlsx"
