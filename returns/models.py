"""Quarterly reporting to NHS England: the periods a return is collected for."""

from django.db import models

from bcfportal.constraints import quarter_1_to_4
from plans.models import FinancialYear


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
