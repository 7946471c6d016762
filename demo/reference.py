"""Reference data every installation needs: years, periods, conditions, metrics."""

import datetime
from zoneinfo import ZoneInfo

from governance.models import FinancialYear
from metrics.models import MetricDefinition
from plans.models import NationalCondition
from returns.models import ReportingPeriod

from .sync import fixture, sync

LONDON = ZoneInfo("Europe/London")

# 2013/14 holds the earliest NEA baseline quarter (Q4 2013/14) the P4P year uses.
FIRST_YEAR, LAST_YEAR = 2013, 2016

# The quarterly template is the Q3 2015/16 one, due by midday on 26 February 2016.
REPORTING_PERIODS = [
    {
        "start_year": 2015,
        "quarter": 3,
        "template_version": "bcf-q3-2015-16",
        "submission_deadline": datetime.datetime(2016, 2, 26, 12, 0, tzinfo=LONDON),
    },
]


def financial_year(start_year: int) -> FinancialYear:
    """The FinancialYear that starts in `start_year` (2015 for 2015/16)."""
    return FinancialYear.objects.get(start_year=start_year)


def start_year_of(label: str) -> int:
    """`2015/16` -> 2015."""
    return int(label.split("/")[0])


def reference_data_load() -> None:
    for start_year in range(FIRST_YEAR, LAST_YEAR + 1):
        sync(FinancialYear, {"start_year": start_year})

    for period in REPORTING_PERIODS:
        sync(
            ReportingPeriod,
            {
                "financial_year": financial_year(period["start_year"]),
                "quarter": period["quarter"],
            },
            {
                "template_version": period["template_version"],
                "submission_deadline": period["submission_deadline"],
            },
        )

    for label, conditions in fixture("national-conditions.json")["catalogues"].items():
        year = financial_year(start_year_of(label))
        for condition in conditions:
            sync(
                NationalCondition,
                {"financial_year": year, "key": condition["key"]},
                {
                    "number": condition["number"],
                    "part": condition["part"],
                    "title": condition["title"],
                },
            )

    for order, definition in enumerate(fixture("metric-definitions.json")["definitions"], start=1):
        sync(
            MetricDefinition,
            {"key": definition["key"]},
            {
                "name": definition["name"],
                "description": definition["description"],
                "unit": definition["unit"],
                "is_local": definition["is_local"],
                "order": order,
            },
        )
