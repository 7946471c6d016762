"""The home page's areas: a section each for a few, a table for many (a national analyst's
152), its rows written in Python (issue 33) as the template wrote them."""

import pytest

from governance.models import HwbArea

pytestmark = pytest.mark.django_db


def test_a_national_analyst_has_a_row_for_every_area_with_its_region_and_plans(signed_in):
    HwbArea.objects.filter(ons_code="E10000020").update(name="Norfolk <& Waveney>")
    page = signed_in("analyst.national").get("/").content.decode()
    table = page.split('id="areas"', 1)[1].split("</tbody>", 1)[0]
    assert "Your 152 HWB areas" in page
    assert table.count('<tr class="govuk-table__row">') == 1 + 152  # the header's, and each
    norfolk = table.split('href="/areas/E10000020/">Norfolk &lt;&amp; Waveney&gt;</a>', 1)[1]
    norfolk = norfolk.split("</tr>", 1)[0]
    assert '<td class="govuk-table__cell">Midlands and East</td>' in norfolk
    assert (
        '<a class="govuk-link" href="/areas/E10000020/plans/2016-17/">2016/17<span '
        'class="govuk-visually-hidden"> plan of Norfolk &lt;&amp; Waveney&gt;</span></a>'
    ) in norfolk
    suffolk = table.split(">Suffolk</a></th>", 1)[1].split("</tr>", 1)[0]
    assert "None yet" in suffolk


def test_an_officer_of_one_area_has_a_section_for_it_not_a_table(signed_in):
    page = signed_in("officer.norfolk").get("/").content.decode()
    assert 'id="areas"' not in page
    assert '<a class="govuk-link" href="/areas/E10000020/">Norfolk</a></h2>' in page


def test_every_plans_year_for_those_who_read_every_area_is_that_of_their_areas(demo):
    """A national reader's table reads every plan's year with one compiled query, no list of
    152 areas: the same years as the areas' own."""
    from plans.models import Plan
    from plans.selectors import plan_years

    areas = list(HwbArea.objects.all())
    Plan.objects.create(hwb_area=areas[-1], financial_year=Plan.objects.first().financial_year)
    every = plan_years(areas=areas, every_area=True)
    assert every == plan_years(areas=areas)
    assert len({area for area, _ in every}) >= 2


def test_the_table_kept_from_the_last_home_is_written_again_when_an_area_or_plan_changes(
    signed_in,
):
    """The last table written is reused while what it shows is the same: a renamed area, a
    new region or a new plan is on the next home at once."""
    from governance.models import FinancialYear
    from plans.models import Plan

    client = signed_in("analyst.national")

    def suffolk_row():
        table = client.get("/").content.decode().split('id="areas"', 1)[1]
        return table.split(">Suffolk", 1)[1].split("</tr>", 1)[0]

    assert "None yet" in suffolk_row()
    assert suffolk_row() == suffolk_row()  # kept
    suffolk = HwbArea.objects.get(name="Suffolk")
    Plan.objects.create(hwb_area=suffolk, financial_year=FinancialYear.objects.get(start_year=2016))
    assert "/plans/2016-17/" in suffolk_row()
    HwbArea.objects.filter(pk=suffolk.pk).update(name="Suffolk, renamed")
    assert suffolk_row().startswith(", renamed</a>")
