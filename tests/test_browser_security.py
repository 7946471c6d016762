"""In a real browser: GOV.UK Frontend and the admin work under the Content-Security-Policy."""

import re

import pytest
from playwright.sync_api import Page, expect

from .test_browser import browser_type_launch_args  # noqa: F401 - the fixture
from .test_browser_returns import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PAGES = (
    "/areas/E10000020/",
    "/areas/E10000020/plans/2016-17/",
    "/areas/E10000020/plans/2016-17/edit/conditions/",
    "/areas/E10000020/plans/2016-17/print/",
    "/areas/E10000020/plans/2016-17/schemes/",
    "/areas/E10000020/plans/2016-17/schemes/new/",  # its own script adds rows
    "/areas/E10000020/returns/fy1516_q3/",
    "/areas/E10000020/returns/fy1516_q3/checklist/",
    "/areas/E10000020/metrics/",  # its charts: HTML and bare SVG, no inline style
    "/areas/E10000020/returns/fy1516_q3/sections/national-conditions/",
)


def test_no_page_breaks_the_content_security_policy(page: Page, live_server, demo):
    refused = []

    def watch(message):
        if "Content Security Policy" in message.text or "Refused to" in message.text:
            refused.append(message.text)

    page.on("console", watch)
    sign_in(page, live_server.url, "officer.norfolk")
    for path in PAGES:
        page.goto(live_server.url + path)
        expect(page.locator("body")).to_have_class(re.compile(r"\bgovuk-frontend-supported\b"))
    page.select_option("#nc1_status", "No")  # the page's own script still reveals questions
    expect(page.locator("#nc1_date")).to_be_visible()
    page.get_by_role("button", name="Sign out").click()

    sign_in(page, live_server.url, "admin")
    for path in ("/national/rounds/fy1516_q3/", "/national/figures/fy1516_q3/?drafts=yes"):
        page.goto(live_server.url + path)
        expect(page.locator("body")).to_have_class(re.compile(r"\bgovuk-frontend-supported\b"))
    page.goto(live_server.url + "/admin/plans/plan/")
    page.locator("#result_list tbody a").first.click()
    expect(page.locator("#content h1")).to_have_text("Change plan")
    assert refused == []
    # The watch itself works: an inline script is refused, and reported.
    page.evaluate(
        "() => { const s = document.createElement('script');"
        " s.textContent = 'window.injected = 1'; document.body.append(s); }"
    )
    page.wait_for_timeout(300)
    assert len(refused) == 1
    assert page.evaluate("() => window.injected") is None
