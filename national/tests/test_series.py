"""Measures across quarters: each recurring figure summed, period by period, over every
period whose template holds it, with the areas behind each bar; each metric's progress
counted; an area's own series on its page; CSVs of each."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from pytest_django.asserts import assertContains

from national.series import progress_tables, series_charts
from plans.tests.factories import HwbAreaFactory
from returns.definitions import all_templates, template
from returns.models import AnswerSource, QuarterlyReturn
from returns.selectors import period_by_code
from returns.services import answers_save, return_create
from returns.tests.complete import complete_values

pytestmark = pytest.mark.django_db


def signed_return(area, code: str, **changes) -> QuarterlyReturn:
    definition = template(period_by_code(code).template_version)
    made = return_create(hwb_area=area, period=period_by_code(code))
    answers_save(quarterly_return=made, values={**complete_values(definition), **changes},
                 user=None, source=AnswerSource.IMPORT, prepopulated=True)  # fmt: skip
    QuarterlyReturn.objects.filter(pk=made.pk).update(status="signed_off")
    return made


@pytest.fixture
def two_areas(demo):
    """Wessex and Mercia, signed off for Q3 and Q4 2015/16; Mercia's Q4 says "No
    improvement" for reablement."""
    wessex, mercia = HwbAreaFactory(name="Wessex"), HwbAreaFactory(name="Mercia")
    for area in (wessex, mercia):
        signed_return(area, "fy1516_q3", ie_income_actual_q3=1_000)
    signed_return(wessex, "fy1516_q4", ie_income_actual_q4=300)
    signed_return(mercia, "fy1516_q4", ie_income_actual_q4=200,
                  metric_reablement_progress="No improvement in performance")  # fmt: skip
    return wessex, mercia


def bars(chart) -> dict[tuple[str, str], tuple]:
    return {(g.label, b.series): (b.value, b.shown) for g in chart.groups for b in g.bars}


def test_a_figure_is_summed_in_every_period_whose_template_holds_it(two_areas):
    returns = QuarterlyReturn.objects.filter(hwb_area__in=two_areas)
    charts = {chart.id: chart for chart in series_charts(returns=returns)}
    income = bars(charts["series-income"])
    periods = [g.label for g in charts["series-income"].groups]
    assert periods == [period_by_code(t.period).label for t in all_templates()]  # all ask it
    assert income["Q3 2015/16", "Actual"] == (2_000, "£2,000 (2 areas)")
    assert income["Q4 2015/16", "Actual"] == (500, "£500 (2 areas)")
    assert income["Q4 2015/16", "Plan"] == (200, "£200 (2 areas)")  # each area's plan, 100
    assert income["Q1 2016/17", "Actual"] == (None, "No area answered")
    # Admissions are counted by Q3 2015/16's template only: the chart has that quarter alone.
    assert [g.label for g in charts["series-nea"].groups] == ["Q3 2015/16"]


def test_each_metrics_progress_is_counted_by_answer_and_period(two_areas):
    returns = QuarterlyReturn.objects.filter(hwb_area__in=two_areas)
    tables = {table.key: table for table in progress_tables(returns=returns)}
    reablement = tables["reablement_progress"]
    counts = dict(reablement.rows)
    on_track = reablement.choices.index("On track to meet target")
    none = reablement.choices.index("No improvement in performance")
    assert counts["Q3 2015/16"][on_track] == 2
    assert (counts["Q4 2015/16"][on_track], counts["Q4 2015/16"][none]) == (1, 1)
    assert sum(counts["Q2 2016/17"]) == 0
    # Delayed transfers' progress is asked from Q4 2015/16 on.
    assert next(iter(dict(tables["dtoc_progress"].rows))) == "Q4 2015/16"


def test_the_series_cost_the_same_queries_for_one_period_as_for_six(two_areas):
    returns = QuarterlyReturn.objects.filter(hwb_area__in=two_areas)
    with CaptureQueriesContext(connection) as read:
        series_charts(returns=returns)
        progress_tables(returns=returns)
    assert len(read) == 4  # the periods and the figures; the periods and the answers


def test_the_national_page_charts_the_series_with_tables_and_csv(two_areas, signed_in):
    client = signed_in("analyst.national")
    page = client.get(reverse("national-series"))
    assertContains(page, "The pooled fund, quarter by quarter")
    assertContains(page, 'href="/national/series/?drafts=yes">Include drafts, labelled DRAFT')
    drafts = client.get(reverse("national-series") + "?drafts=yes")
    assertContains(drafts, 'href="/national/series/">Show signed-off returns only')
    assertContains(page, "£2,000 (2 areas)")  # Q3 2015/16's income actuals, 1,000 each
    assertContains(page, "Reablement: progress against the metric, areas giving each answer")
    download = client.get(reverse("national-series-download", args=["series-income"]))
    lines = download.content.decode("utf-8-sig").splitlines()
    assert lines[0] == "chart,category,series,value,areas"
    assert "Income into the pooled fund in each quarter: plan and actual,Q4 2015/16,Actual," \
           "500,2" in lines  # fmt: skip
    assert signed_in("officer.norfolk").get(reverse("national-series")).status_code == 403


def test_an_areas_page_charts_its_own_series_against_its_plan(two_areas, signed_in):
    wessex, _ = two_areas
    own = QuarterlyReturn.objects.filter(hwb_area=wessex)
    income = bars(next(c for c in series_charts(returns=own, across_areas=False)
                       if c.id == "series-income"))  # fmt: skip
    assert income["Q4 2015/16", "Actual"] == (300, "£300")
    assert income["Q4 2015/16", "Plan"] == (100, "£100")
    tables = {t.key: t for t in progress_tables(returns=own)}
    assert dict(tables["reablement_progress"].answers)["Q4 2015/16"] == "On track to meet target"
    assert dict(tables["reablement_progress"].answers)["Q1 2016/17"] == "Not answered"
    norfolk = signed_in("officer.norfolk").get(reverse("area-metrics", args=["E10000020"]))
    assertContains(norfolk, "Across quarters")
    download = signed_in("officer.norfolk").get(
        reverse("area-metrics-download", args=["E10000020", "series-income"]))  # fmt: skip
    assert download.status_code == 200
    assert download.content.decode("utf-8-sig").startswith("chart,category,series,value\r\n")
