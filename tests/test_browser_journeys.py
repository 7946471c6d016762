"""In a real browser, the journeys of issue 13: nothing typed is lost, the task list and the
grids work by keyboard, the first field is reached quickly, reviews show the change."""

import pytest
from playwright.sync_api import Page, expect

from conftest import demo_user
from returns.models import QuarterlyReturn
from returns.selectors import return_answers
from returns.services import answers_save

from .test_browser import browser_type_launch_args  # noqa: F401 - the fixture
from .test_browser_returns import BORSETSHIRE_Q3, NORFOLK_Q3, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_leaving_a_section_with_unsaved_answers_asks_first(page: Page, live_server, demo):
    sign_in(page, live_server.url, "officer.other")
    page.goto(f"{live_server.url}{BORSETSHIRE_Q3}/sections/cover/")
    page.get_by_label("Completed by").fill("Pat Example")
    asked = []

    def dismiss(dialog):
        asked.append(dialog.type)
        dialog.dismiss()  # "Stay on this page"

    page.on("dialog", dismiss)
    page.locator(".portal-section-nav").get_by_role("link", name="Budget Arrangements").click()
    page.wait_for_timeout(300)
    assert asked == ["beforeunload"]
    expect(page.get_by_label("Completed by")).to_have_value("Pat Example")  # still here
    page.remove_listener("dialog", dismiss)

    page.get_by_role("button", name="Save and continue").click()  # saves, then moves on
    expect(page.get_by_role("heading", name="2. Budget Arrangements")).to_be_visible()
    expect(page.get_by_text("1. Cover saved.")).to_be_visible()
    borsetshire = QuarterlyReturn.objects.get(hwb_area__ons_code="E99999001")
    assert return_answers(quarterly_return=borsetshire)["cover_completed_by"] == "Pat Example"


def test_without_javascript_save_and_continue_saves_before_moving_on(browser, live_server, demo):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    try:
        sign_in(page, live_server.url, "officer.other")
        page.goto(f"{live_server.url}{BORSETSHIRE_Q3}/sections/cover/")
        page.get_by_label("Completed by").fill("Pat Example")
        page.get_by_role("button", name="Save and continue").click()
        expect(page.get_by_role("heading", name="2. Budget Arrangements")).to_be_visible()
        page.goto(f"{live_server.url}{BORSETSHIRE_Q3}/sections/cover/")
        expect(page.get_by_label("Completed by")).to_have_value("Pat Example")
    finally:
        context.close()


def test_the_first_field_of_section_8_is_a_few_tab_presses_away(page: Page, live_server, demo):
    """It was 76: a list of 67 still-to-do links stood above the form."""
    sign_in(page, live_server.url, "officer.other")
    page.goto(f"{live_server.url}{BORSETSHIRE_Q3}/sections/new-integration-metrics/")
    first_field = page.locator(
        ".portal-return-form select, .portal-return-form input:not([type=hidden])"
    ).first
    presses = 0
    while presses < 40 and not first_field.evaluate("field => field === document.activeElement"):
        page.keyboard.press("Tab")
        presses += 1
    assert presses <= 20, presses


def test_a_wide_grid_on_a_locked_return_scrolls_by_keyboard(page: Page, live_server, demo):
    norfolk = QuarterlyReturn.objects.get(hwb_area__ons_code="E10000020")
    from returns import workflow

    workflow.return_mark_ready(quarterly_return=norfolk, user=demo_user("officer.norfolk"))
    workflow.return_sign_off(
        quarterly_return=norfolk, user=demo_user("signoff.norfolk"), on_behalf_of="The Board"
    )
    page.set_viewport_size({"width": 375, "height": 800})
    sign_in(page, live_server.url, "officer.norfolk")
    page.goto(f"{live_server.url}{NORFOLK_Q3}/sections/new-integration-metrics/")
    grid = page.get_by_role("region", name="Across which settings is service-user information")
    grid.focus()
    expect(grid).to_be_focused()
    assert grid.evaluate("element => element.scrollWidth > element.clientWidth")
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    page.wait_for_function("element => element.scrollLeft > 0", arg=grid.element_handle())


def test_the_task_list_is_reached_and_followed_by_keyboard(page: Page, live_server, demo):
    sign_in(page, live_server.url, "officer.other")
    page.goto(f"{live_server.url}{BORSETSHIRE_Q3}/")
    tasks = page.locator("#task-list")
    expect(tasks.locator(".govuk-task-list__status")).to_have_text(
        ["Not started"] * 9 + ["Cannot start yet"]
    )
    link = tasks.get_by_role("link", name="3. National Conditions")
    link.focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="3. National Conditions")).to_be_visible()


def test_the_history_shows_a_sentence_added_at_the_end_of_a_long_answer(
    page: Page, live_server, demo
):
    norfolk = QuarterlyReturn.objects.get(hwb_area__ons_code="E10000020")
    narrative = return_answers(quarterly_return=norfolk)["narrative"]
    answers_save(quarterly_return=norfolk, values={"narrative": f"{narrative} January update."},
                 user=demo_user("officer.norfolk"), source="form")  # fmt: skip
    sign_in(page, live_server.url, "analyst")
    page.goto(f"{live_server.url}{NORFOLK_Q3}/history/?section=narrative")
    added = page.locator("table ins", has_text="January update.")
    expect(added).to_have_text("January update.")
    expect(added).to_be_visible()


@pytest.mark.parametrize("width", [1280, 375])
def test_the_plan_page_and_the_scheme_form_fit_in_four_screens(browser, live_server, demo, width):
    """They were 17,520 and 23,500 pixels tall at 1280: every narrative in full, every
    repeating part open. Each part now opens on request (all open without JavaScript)."""
    from schemes.models import Scheme

    nch2 = Scheme.objects.get(plan__financial_year__start_year=2016, reference="NCH2")
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    try:
        sign_in(page, live_server.url, "officer.norfolk")
        plan = f"{live_server.url}/areas/E10000020/plans/2016-17/"
        for url in (plan, f"{plan}schemes/{nch2.pk}/edit/"):
            page.goto(url)
            height = page.evaluate("document.documentElement.scrollHeight")
            assert height <= 4 * 900, (url, height)
            width_used = page.evaluate("document.documentElement.scrollWidth")
            assert width_used <= width, (url, width_used)  # wide tables scroll in place
    finally:
        context.close()
