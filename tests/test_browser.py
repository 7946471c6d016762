"""In a real browser: an officer signs in with the keyboard and finds Norfolk's plan;
the other area's officer cannot. Driven by Playwright in Debian's Chromium (its headless
shell: `chromium_path`)."""

import re
import shutil

import pytest
from playwright.sync_api import Page, expect

from conftest import DEMO_TEST_PASSWORD, service_missing

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


# Debian's Chromium: its headless shell where that is installed (the package
# chromium-headless-shell, built from the same source as chromium: the same Blink and V8,
# without the desktop browser around them; what Playwright itself runs for headless tests).
# The suite's pages cost it a third less CPU than the whole browser (docs/PERFORMANCE.md);
# CI installs it. Where only the chromium package is installed, that.
CHROMIUM = ("chromium-headless-shell", "chromium")


def chromium_path() -> str | None:
    return next((path for path in map(shutil.which, CHROMIUM) if path), None)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    chromium = chromium_path()
    if chromium is None:
        service_missing(
            "Chromium is not installed: apt-get install -y chromium-headless-shell (or chromium)"
        )
    return {**browser_type_launch_args, "executable_path": chromium, "args": CHROMIUM_FLAGS}


def sign_in(page: Page, base_url: str, username: str) -> None:
    page.goto(base_url + "/")
    expect(page.get_by_role("heading", name="Sign in to the BCF portal")).to_be_visible()
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(DEMO_TEST_PASSWORD)
    page.keyboard.press("Enter")  # a keyboard user submits the form the same way


def test_norfolk_officer_finds_the_2016_17_plan_and_a_scheme(page: Page, live_server, demo):
    sign_in(page, live_server.url, "officer.norfolk")
    expect(
        page.get_by_role("heading", name="Your Health and Wellbeing Board areas")
    ).to_be_visible()
    # GOV.UK Frontend's JavaScript loaded as a module and started.
    expect(page.locator("body")).to_have_class(re.compile(r"\bgovuk-frontend-supported\b"))

    page.get_by_role("link", name="Norfolk", exact=True).click()
    page.get_by_role("link", name="BCF plan 2016/17").click()
    expect(page.locator("#contributions-total")).to_have_text("£63,573,469")
    schemes = page.locator("#schemes-list")
    schemes.get_by_text("List the 21 schemes").click()  # kept short: the list opens on request
    expect(schemes.locator("tbody tr")).to_have_count(21)

    page.get_by_role("link", name="Primary Care – new models of care").click()
    expect(page.locator("#investment-total")).to_have_text("£982,676")

    page.get_by_role("button", name="Sign out").click()
    expect(page.get_by_role("heading", name="Sign in to the BCF portal")).to_be_visible()


def test_the_other_areas_officer_sees_none_of_norfolk(page: Page, live_server, demo):
    sign_in(page, live_server.url, "officer.other")
    expect(page.get_by_role("link", name="Borsetshire", exact=True)).to_be_visible()
    expect(page.get_by_text("Norfolk")).to_have_count(0)

    page.goto(live_server.url + "/areas/E10000020/plans/2016-17/")
    expect(page.get_by_role("heading", name="Page not found")).to_be_visible()
    expect(page.get_by_text("63,573,469")).to_have_count(0)


def test_everything_works_without_javascript(browser, live_server, demo):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    try:
        sign_in(page, live_server.url, "signoff.norfolk")
        page.get_by_role("link", name="Norfolk", exact=True).click()
        page.get_by_role("link", name="BCF plan 2016/17").click()
        expect(page.locator("#contributions-total")).to_have_text("£63,573,469")
        expect(page.locator("body")).not_to_have_class(re.compile(r"govuk-frontend-supported"))

        page.get_by_role("button", name="Sign out").click()
        expect(page.get_by_role("heading", name="Sign in to the BCF portal")).to_be_visible()
    finally:
        context.close()
