"""In a real browser, as the national analyst: a round's status, and the national and an
area's figures as charts, each with its data table, its CSV, at 1280 and 375 pixels."""

import re

import pytest
from playwright.sync_api import expect

from .test_browser import browser_type_launch_args  # noqa: F401 - the fixture
from .test_browser_returns import signed_in_page

# With the other tests of the national demo, on one worker (conftest.py: SHARED_SET_UP).
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# The figures written beside the bars that are wider than the room they are given (their
# text would run over the edge of the chart, and of a narrow screen).
OVERFLOWING = """[...document.querySelectorAll('.portal-chart__value')]
    .filter(value => value.scrollWidth > value.clientWidth).map(value => value.textContent)"""


@pytest.mark.parametrize("width", [1280, 375])
def test_the_national_analyst_reads_the_round_and_its_charts(browser, live_server, national,
                                                            width):  # fmt: skip
    viewport = {"width": width, "height": 900}
    with signed_in_page(browser, live_server.url, "analyst.national", viewport=viewport) as page:
        page.goto(f"{live_server.url}/national/")
        page.get_by_role("link", name=re.compile(r"^Q3 2015.16\s?: every HWB area")).click()
        expect(page.locator("#round-counts")).to_contain_text("Signed off")
        page.get_by_label("Status").select_option("signed_off")
        page.get_by_role("button", name="Filter").click()
        expect(page.locator("#round-status tbody tr").first).to_contain_text("Signed off")
        page.get_by_role("link", name="The Q3 2015/16 figures across areas").click()
        for chart in ("ie-income", "ie-expenditure", "nea", "p4p"):
            image = page.get_by_role("img", name=page.locator(f"#{chart}-title").inner_text())
            expect(image).to_be_visible()
            expect(page.locator(f"#{chart}-table tbody tr")).to_have_count(4)
        spread = page.locator("#nea-against-plan")
        expect(spread).to_be_visible()
        with page.expect_download() as download:
            page.locator('a[href*="/nea.csv"]').click()  # "Download these figures as CSV"
        assert download.value.suggested_filename == "BCF-fy1516_q3-national-nea.csv"
        assert page.evaluate("document.documentElement.scrollWidth") <= width  # fits
        assert page.evaluate(OVERFLOWING) == []  # every figure fits beside its bar
        page.goto(f"{live_server.url}/areas/E10000020/metrics/")
        expect(page.get_by_role("img", name="Non-elective admissions in Q3 2015/16 against plan: "
                                "Norfolk among the areas")).to_be_visible()  # fmt: skip
        expect(page.locator("#against-plan")).to_contain_text("against plan, among")
        assert page.evaluate("document.documentElement.scrollWidth") <= width
