"""The national figures page and an area's figures page: charts with their titles, data
tables and CSV, the national picture with the area picked out, and who sees what."""

import csv
import io

import pytest
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from national.figures import national_figures
from returns.models import QuarterlyReturn, ReportingPeriod, ReturnStatus

from .test_national_figures import filled_round

pytestmark = pytest.mark.django_db

FIGURES = reverse("national-figures", args=["fy1516_q3"])
NORFOLK = reverse("area-metrics", args=["E10000020"])


def signed_off_norfolk():
    QuarterlyReturn.objects.filter(hwb_area__ons_code="E10000020").update(
        status=ReturnStatus.SIGNED_OFF
    )


def test_the_national_page_charts_the_signed_off_totals_with_tables_and_csv(signed_in):
    filled_round()
    signed_off_norfolk()
    client = signed_in("analyst.national")
    page = client.get(FIGURES)
    figures = national_figures(
        period=ReportingPeriod.objects.get(quarter=3, financial_year__start_year=2015)
    )
    assertContains(page, f"{len(figures.included)} of the 152 HWB areas you may read")
    for chart in ("ie-income", "ie-expenditure", "nea", "p4p", "nea-against-plan"):
        assertContains(page, f'id="{chart}"')  # the chart
        assertContains(page, f'id="{chart}-table"')  # and its figures
        assertContains(page, f'role="img" aria-labelledby="{chart}-title {chart}-summary"')
    total = figures.totals["nea_actual_fy1516_q3"]
    assertContains(page, f"{total:,}")  # the Q3 actual total, in the NEA chart's table
    assertNotContains(page, "DRAFT figures")
    download = client.get(reverse("national-figures-download", args=["fy1516_q3", "nea"]))
    rows = list(csv.DictReader(io.StringIO(download.content.decode("utf-8-sig"))))
    q3 = next(r for r in rows if r["category"] == "Q3 2015/16" and r["series"] == "Actual")
    assert int(q3["value"]) == total
    spread = client.get(reverse("national-figures-download", args=["fy1516_q3", "spread"]))
    assert "E10000020," in spread.content.decode()
    drafts = client.get(f"{FIGURES}?drafts=yes")
    assertContains(drafts, "DRAFT figures: returns not yet signed off are included.")


def test_the_national_page_is_for_analysts_and_says_when_nothing_is_signed_off(signed_in):
    assertContains(signed_in("analyst").get(FIGURES), "has been signed off yet")
    assert signed_in("officer.norfolk").get(FIGURES).status_code == 403
    chart = reverse("national-figures-download", args=["fy1516_q3", "no-such-chart"])
    assert signed_in("analyst").get(chart).status_code == 404


def test_an_areas_page_charts_its_own_figures_and_picks_it_out_among_the_others(signed_in):
    filled_round()
    page = signed_in("officer.norfolk").get(NORFOLK)
    assertContains(page, "DRAFT figures, not yet signed off")  # Norfolk is a draft here
    assertContains(page, "23,268")  # Norfolk's Q3 actual admissions
    assertContains(page, 'id="nea-table"')
    assertContains(page, "Non-elective admissions in Q3 2015/16: <strong>", html=False)
    assertContains(page, "portal-chart__bar--picked")
    # Other areas' figures, signed off, are shown to an officer without their names.
    assertContains(page, ">Another area<", html=False)
    signed = QuarterlyReturn.objects.filter(status__in=["signed_off", "submitted"]).exclude(
        hwb_area__ons_code="E10000020"
    )
    for name in signed.values_list("hwb_area__name", flat=True):
        assertNotContains(page, f"<th scope=\"row\" class=\"govuk-table__header\">{name}</th>",
                          html=False)  # fmt: skip
    assertContains(page, "The plan’s metric targets")
    national = signed_in("analyst.national").get(NORFOLK)
    assertNotContains(national, "Another area")  # a national analyst reads them all
    download = signed_in("officer.norfolk").get(
        reverse("area-metrics-download", args=["E10000020", "nea"])
    )
    assert "23268" in download.content.decode()
    strip = signed_in("officer.norfolk").get(
        reverse("area-metrics-download", args=["E10000020", "spread"])
    )  # the strip's own figures, by the names it shows them by
    rows = list(csv.DictReader(io.StringIO(strip.content.decode("utf-8-sig"))))
    assert {"Norfolk"} < {row["area"] for row in rows}
    assert {row["area"] for row in rows} == {"Norfolk", "Another area"}


def test_officers_see_only_their_own_areas_figures_and_analysts_their_areas(signed_in):
    suffolk = reverse("area-metrics", args=["E10000029"])
    assert signed_in("officer.norfolk").get(suffolk).status_code == 404
    assert signed_in("officer.other").get(NORFOLK).status_code == 404
    assert signed_in("analyst").get(NORFOLK).status_code == 200
    assert signed_in("analyst").get(suffolk).status_code == 404
    assert signed_in("analyst.national").get(suffolk).status_code == 200
    assertContains(signed_in("analyst.national").get(suffolk), "has no quarterly return yet")


def _labelled_rows(page) -> list[tuple[str, float]]:
    """The strip's table as the reader sees it: (label, percent) in the page's order."""
    import re

    table = page.content.decode().split('id="nea-against-plan-table"')[1].split("</table>")[0]
    return [
        (re.sub(r"<[^>]+>", "", label).strip(), float(value))
        for label, value in re.findall(
            r'<th scope="row" class="govuk-table__header">(.*?)</th>'
            r'<td class="govuk-table__cell govuk-table__cell--numeric">(-?[\d.]+)%</td>',
            table,
        )
    ]


def test_the_rank_attack_names_no_other_area(signed_in):
    """An officer who knows the public ONS codes tries to name every other area's figure:
    by the number in its label taken as its rank among the signed-off codes, and by its
    position. Neither names one: other areas are unlabelled and in order of value."""
    from national.figures import spread_of

    filled_round()
    period = ReportingPeriod.objects.get(quarter=3, financial_year__start_year=2015)
    signed = QuarterlyReturn.objects.filter(period=period, status__in=["signed_off", "submitted"])
    national = spread_of(period=period, returns=signed)  # by ONS code: what the attacker maps to
    by_code = [round(national[ons], 1) for ons in sorted(national)]
    assert len(by_code) > 4  # enough areas for the attack to mean something
    officer = signed_in("officer.norfolk")
    for rows in (
        _labelled_rows(officer.get(NORFOLK)),
        [(row["area"], float(row["against_plan_percent"])) for row in csv.DictReader(io.StringIO(
            officer.get(reverse("area-metrics-download", args=["E10000020", "spread"]))
            .content.decode("utf-8-sig")))],
    ):  # fmt: skip
        others = [(label, value) for label, value in rows if label != "Norfolk"]
        assert len(others) == len(by_code)
        assert {label for label, _ in others} == {"Another area"}  # no number to read a rank
        values = [value for _, value in rows]
        assert values == sorted(values)  # ordered by value, not by a public key
        named = [n for n, (_, value) in enumerate(others) if round(value, 1) == by_code[n]]
        assert len(named) < len(by_code) / 2, "positions follow the ONS order"
