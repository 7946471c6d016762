"""Health and Wellbeing Board areas, the partners that serve them, financial years."""

import datetime

from django.core.validators import RegexValidator
from django.db import models

from governance.constraints import valid_choice

ONS_CODE = RegexValidator(
    r"^[EWSN]\d{8}$", "Enter an ONS code: a letter E, W, S or N then 8 digits, like E10000020."
)


class AreaKind(models.TextChoices):
    """The kind of upper-tier council whose area the HWB covers."""

    COUNTY = "county", "County"
    UNITARY = "unitary", "Unitary authority"
    METROPOLITAN = "metropolitan district", "Metropolitan district"
    LONDON = "London borough", "London borough"


class NhsRegion(models.TextChoices):
    """NHS England's four regions of 2015/16."""

    NORTH = "North", "North"
    MIDLANDS_AND_EAST = "Midlands and East", "Midlands and East"
    LONDON = "London", "London"
    SOUTH = "South", "South"


REGION_LABELS = dict(NhsRegion.choices)  # a dict: quicker than Django's display lookup


class HwbArea(models.Model):
    """A Health and Wellbeing Board area: the unit that owns a BCF plan and its returns."""

    name = models.CharField(max_length=100, unique=True)
    ons_code = models.CharField("ONS code", max_length=9, unique=True, validators=[ONS_CODE])
    kind = models.CharField(max_length=25, choices=AreaKind.choices, blank=True)
    region = models.CharField(
        "NHS England region", max_length=20, choices=NhsRegion.choices, blank=True
    )
    population = models.PositiveIntegerField(
        null=True,
        blank=True,
        help_text="Mid-year population estimate, used for rates per 100,000.",
    )

    class Meta:
        db_table = "plans_hwbarea"  # first part of plans: the table keeps its name
        ordering = ["name"]
        verbose_name = "HWB area"
        constraints = [
            valid_choice("kind", AreaKind, "Choose a kind of council area from the list.",
                         blank=True),
            valid_choice("region", NhsRegion, "Choose an NHS England region from the list.",
                         blank=True),
        ]  # fmt: skip

    def __str__(self) -> str:
        return self.name

    @property
    def region_label(self) -> str:
        """Its region in words, or nothing: `get_region_display` without the lookup of the
        field's choices it makes each time (a page may ask for 152)."""
        return REGION_LABELS.get(self.region, "")


class PartnerKind(models.TextChoices):
    CCG_ICB = "ccg", "CCG / ICB"
    COUNCIL = "council", "Council"
    NHS_TRUST = "nhs_trust", "NHS trust"
    DISTRICT_COUNCIL = "district_council", "District council"
    VOLUNTARY_SECTOR = "voluntary_sector", "Voluntary sector"
    OTHER = "other", "Other"


class Partner(models.Model):
    """An organisation that pools money in, or delivers for, one or more HWB areas."""

    name = models.CharField(max_length=200, unique=True)
    code = models.CharField(
        max_length=20, unique=True, help_text="A short code, e.g. the ODS code or `NCC`."
    )
    kind = models.CharField(max_length=20, choices=PartnerKind.choices)
    hwb_areas = models.ManyToManyField(
        HwbArea, related_name="partners", blank=True, verbose_name="HWB areas served"
    )

    class Meta:
        db_table = "plans_partner"
        ordering = ["name"]
        constraints = [
            valid_choice("kind", PartnerKind, "Choose a kind of partner from the list."),
        ]

    def __str__(self) -> str:
        return self.name


# The Better Care Fund's first year: earlier years hold only baselines, never a plan.
FIRST_FUND_YEAR = 2015


class FinancialYear(models.Model):
    """A financial year, 1 April to 31 March, written `2015/16`."""

    start_year = models.PositiveSmallIntegerField(
        unique=True, help_text="The calendar year in which it starts: 2015 for 2015/16."
    )
    plan_deadline = models.DateField(
        null=True,
        blank=True,
        help_text="The day by which each HWB area's final plan for this year is due with NHS "
        "England, when known (fixtures/financial-years.json).",
    )

    class Meta:
        db_table = "plans_financialyear"
        ordering = ["start_year"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(start_year__gte=2000, start_year__lte=2099),
                name="plans_financialyear_start_year_sane",
                violation_error_message="A financial year starts between 2000 and 2099.",
            )
        ]

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        """`2015/16`, as the source and NHS England write it."""
        return f"{self.start_year}/{(self.start_year + 1) % 100:02d}"

    @property
    def previous_label(self) -> str:
        """`2014/15` for 2015/16: how plans head last year's column."""
        return f"{self.start_year - 1}/{self.start_year % 100:02d}"

    @property
    def slug(self) -> str:
        """`2015-16`, for URLs."""
        return self.label.replace("/", "-")

    @property
    def code(self) -> str:
        """`fy1516`, as in question ids."""
        return f"fy{self.start_year % 100:02d}{(self.start_year + 1) % 100:02d}"

    def quarter_code(self, quarter: int) -> str:
        """`fy1516_q3`, as in question ids."""
        return f"{self.code}_q{quarter}"

    @property
    def starts_on(self) -> datetime.date:
        return datetime.date(self.start_year, 4, 1)

    @property
    def ends_on(self) -> datetime.date:
        return datetime.date(self.start_year + 1, 3, 31)
