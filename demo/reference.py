"""Reference data every installation needs: every HWB area of 2015/16, financial years,
reporting periods and their deadlines, the national-condition catalogues, the metrics."""

import csv
import datetime
from zoneinfo import ZoneInfo

from governance.models import FinancialYear, HwbArea
from metrics.models import MetricDefinition
from plans.models import NationalCondition
from returns.definitions import template
from returns.definitions.q3_2015_16.text import CONDITION_GUIDANCE
from returns.models import ReportingPeriod

from .sync import FIXTURES_DIR, fixture, sync

LONDON = ZoneInfo("Europe/London")

# Every HWB area of 2015/16 as the BCF counted them (151): fixtures/hwb-areas-2015-16.md
# gives the sources and the choices made (Cornwall with the Isles of Scilly; the City of
# London apart from Hackney).
HWB_AREAS_CSV = FIXTURES_DIR / "hwb-areas-2015-16.csv"


def hwb_areas() -> list[dict[str, str]]:
    with HWB_AREAS_CSV.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def reporting_periods() -> list[dict]:
    """The periods of fixtures/reporting-periods.json, deadlines in UK time."""
    periods = []
    for period in fixture("reporting-periods.json")["periods"]:
        template(period["template_version"])  # a period names a template the portal defines
        start_year, quarter = ReportingPeriod.parse_code(period["code"])
        deadline = datetime.datetime.fromisoformat(period["submission_deadline"])
        closing = period.get("closing_date")
        periods.append({
            "start_year": start_year, "quarter": quarter,
            "template_version": period["template_version"],
            "submission_deadline": deadline.replace(tzinfo=LONDON),
            "deadline_assumed": period.get("deadline_assumed", False),
            "deadline_source": period.get("source", ""),
            # None: no source gives one, and an administrator's is kept.
            "closes_at": (datetime.datetime.fromisoformat(closing).replace(tzinfo=LONDON)
                          if closing else None),
        })  # fmt: skip
    return periods


def financial_year(start_year: int) -> FinancialYear:
    """The FinancialYear that starts in `start_year` (2015 for 2015/16)."""
    return FinancialYear.objects.get(start_year=start_year)


def start_year_of(label: str) -> int:
    """`2015/16` -> 2015."""
    return int(label.split("/")[0])


def condition_guidance(condition: dict) -> str:
    """A condition's guidance: quoted in the catalogue, or NHS England's own on the same
    condition in the Q3 2015/16 template."""
    if "guidance_from_template" in condition:
        guidance = CONDITION_GUIDANCE[condition["guidance_from_template"]]
        return f"NHS England’s guidance on this condition (Q3 2015/16 template): {guidance}"
    return condition.get("guidance", "")


def reference_data_load() -> None:
    for area in hwb_areas():
        sync(
            HwbArea,
            {"ons_code": area["ons_code"]},
            {"name": area["name"], "kind": area["kind"], "region": area["region"]},
        )

    # From 2013/14, which holds the earliest NEA baseline quarter the P4P year uses.
    for year in fixture("financial-years.json")["years"]:
        deadline = year["plan_deadline"]
        sync(
            FinancialYear,
            {"start_year": year["start_year"]},
            {"plan_deadline": datetime.date.fromisoformat(deadline) if deadline else None},
        )

    for period in reporting_periods():
        sync(
            ReportingPeriod,
            {
                "financial_year": financial_year(period["start_year"]),
                "quarter": period["quarter"],
            },
            {
                key: period[key]
                for key in ("template_version", "submission_deadline", "deadline_assumed",
                            "deadline_source", "closes_at")
                if key != "closes_at" or period[key] is not None
            },
        )  # fmt: skip

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
                    "guidance": condition_guidance(condition),
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
