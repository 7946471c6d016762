"""In a real browser: an officer adds a scheme with two investment lines and a milestone,
the rows added and removed in place by the page's script; a partner signs its block."""

import io
import re
from pathlib import Path

import openpyxl
import pytest
from playwright.sync_api import Page, expect

from plans.models import Plan
from schemes.models import Scheme

from .test_browser import browser_type_launch_args  # noqa: F401 - the fixture
from .test_browser_returns import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NORFOLK = "E10000020"


def test_an_officer_adds_a_scheme_with_two_investment_lines_and_a_milestone(
    page: Page, live_server, demo
):
    sign_in(page, live_server.url, "officer.norfolk")
    page.goto(f"{live_server.url}/areas/{NORFOLK}/plans/2016-17/schemes/")
    page.get_by_role("link", name="Add a scheme").click()
    page.get_by_label("Reference").fill("NCH9")
    page.get_by_label("Name").fill("Discharge to assess")
    page.get_by_label("Lead partner").select_option(label="NHS Norwich CCG")
    page.get_by_role("group", name="Status").get_by_label("Planned").check()  # GOV.UK radios

    page.locator("#details-investment_lines summary").click()  # open its part
    add_line = page.get_by_role("button", name=re.compile(r"^Add (a|another) investment line$"))
    add_line.click()
    add_line.click()
    add_line.click()
    lines = page.locator("#part-investment_lines .portal-part__row")
    expect(lines).to_have_count(3)  # added on the page: nothing was posted
    lines.nth(0).get_by_label("Description").fill("Step-down beds")
    lines.nth(0).get_by_label("Amount").fill("120,000")
    lines.nth(1).get_by_label("Description").fill("Therapists")  # amount not known yet
    lines.nth(2).get_by_role("button", name="Remove investment line 3").click()
    expect(lines.nth(2)).to_be_hidden()
    removed = page.get_by_role("status").filter(has_text="Investment line 3 will be removed")
    expect(removed).to_be_visible()  # said, and undoable until Save
    undo = removed.get_by_role("button", name="Undo: keep investment line 3")
    expect(undo).to_be_focused()
    undo.click()
    expect(lines.nth(2)).to_be_visible()
    lines.nth(2).get_by_role("button", name="Remove investment line 3").click()
    expect(lines.nth(2)).to_be_hidden()
    expect(page.locator("#investment-total")).to_contain_text("£120,000; 1 not known")

    page.locator("#details-milestones summary").click()
    page.get_by_role("button", name="Add a milestone").click()
    milestone = page.locator("#part-milestones .portal-part__row").first
    milestone.get_by_label("Description").fill("First patients")
    milestone.get_by_label("Timescale").fill("October 2016")
    page.get_by_role("button", name="Save the scheme").click()

    expect(page.get_by_role("heading", name="Discharge to assess")).to_be_visible()
    expect(page.locator("#investment-total")).to_have_text("£120,000")
    expect(page.get_by_text("Excludes 1 line whose amount is not yet known.")).to_be_visible()
    scheme = Scheme.objects.get(plan__hwb_area__ons_code=NORFOLK, reference="NCH9")
    assert [(line.description, line.amount) for line in scheme.investment_lines.all()] == [
        ("Step-down beds", 120_000), ("Therapists", None)]  # fmt: skip
    assert [(m.description, m.timescale) for m in scheme.milestones.all()] == [
        ("First patients", "October 2016")]  # fmt: skip


def test_a_partner_signs_its_own_block_on_the_plan_page(page: Page, live_server, demo):
    Plan.objects.filter(hwb_area__ons_code=NORFOLK, financial_year__start_year=2016).update(
        status="ready"
    )
    sign_in(page, live_server.url, "signoff.nch")
    page.goto(f"{live_server.url}/areas/{NORFOLK}/plans/2016-17/")
    expect(page.get_by_role("button", name=re.compile("^Sign on behalf of"))).to_have_count(1)
    page.get_by_label("Position").fill("Accountable Officer")
    page.get_by_role("button", name=re.compile("^Sign on behalf of")).click()
    expect(page.get_by_text("Block signed.")).to_be_visible()
    expect(page.locator("#sign-off + div table")).to_contain_text("NCH Sign-off")


SIGNERS = ["signoff.gyw", "signoff.nn", "signoff.nch", "signoff.sn", "signoff.wn",
           "signoff.ncc", "signoff.norfolk"]  # fmt: skip


@pytest.mark.slow
def test_norfolks_plan_is_completed_signed_by_every_partner_printed_and_exported(
    page: Page, live_server, demo
):
    """Issue 6, done when: an officer builds the plan in the browser, each partner signs its
    block, and the printable page and the plan workbook show it."""
    plan_url = f"{live_server.url}/areas/{NORFOLK}/plans/2016-17/"
    sign_in(page, live_server.url, "officer.norfolk")
    page.goto(plan_url)
    expect(page.locator("#plan-problems li")).to_have_count(10)  # the April 2016 draft
    tasks = page.locator("#plan-tasks")
    expect(tasks.locator("#plan-task-signing-status")).to_have_text("Cannot start yet")

    tasks.get_by_role("link", name="National conditions").click()
    for number in range(1, 9):
        status = page.get_by_role("group", name=f"Condition {number}: status")
        status.get_by_label("Yes", exact=True).check()  # GOV.UK radios
    condition_2 = page.get_by_role("group", name="Condition 2: status")
    condition_2.get_by_label("No - In Progress", exact=True).check()
    page.get_by_role("button", name="Save").click()
    expect(
        page.get_by_text("give the date by which the condition will be met").first
    ).to_be_visible()
    condition_2 = page.locator("fieldset", has_text="Maintain provision of social care")
    condition_2.get_by_label("Day", exact=True).fill("30")  # GOV.UK's date input
    condition_2.get_by_label("Month", exact=True).fill("9")
    condition_2.get_by_label("Year", exact=True).fill("2016")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("National conditions saved.")).to_be_visible()

    page.goto(plan_url)
    tasks.get_by_role("link", name="Planned expenditure").click()
    page.get_by_label("Social Care").fill("£37,099,000")
    page.get_by_label("Community Health").fill("26,474,469")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Planned expenditure saved.")).to_be_visible()

    page.goto(plan_url)
    tasks.get_by_role("link", name="Narrative plan").click()  # from the task list
    # .all() does not wait: list the boxes only once the narrative page has opened.
    expect(page).to_have_url(re.compile(r"/edit/narrative/$"))
    expect(page.locator("textarea").first).to_be_visible()
    for box in page.locator("textarea").all():
        box.fill("As agreed by the partners.")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Narrative plan saved.")).to_be_visible()

    page.goto(plan_url)
    expect(page.locator("#plan-problems")).to_have_count(0)
    expect(tasks.locator(".govuk-task-list__status", has_text="Completed")).to_have_count(6)
    page.get_by_role("button", name="Mark ready for signing").click()
    expect(page.get_by_text("Marked ready for signing.")).to_be_visible()

    for username in SIGNERS:
        page.get_by_role("button", name="Sign out").click()
        sign_in(page, live_server.url, username)
        page.goto(plan_url)
        page.get_by_label("Position").fill("Accountable Officer")
        page.get_by_role("button", name=re.compile("^Sign on behalf of")).click()
    expect(page.get_by_text("Signed off by every partner and the HWB.")).to_be_visible()
    expect(page.locator("h1 .govuk-tag")).to_have_text("Signed off")

    page.get_by_role("link", name="Printable plan").click()
    sign_off = page.locator("table", has_text="Signed on behalf of")
    expect(sign_off.locator("tbody tr")).to_have_count(7)
    expect(sign_off).not_to_contain_text("Not signed")
    expect(sign_off).to_contain_text("NCH Sign-off")
    expect(page.locator(".portal-print-scheme")).to_have_count(21)

    page.goto(plan_url)
    page.get_by_role("button", name="Export the plan workbook").click()
    with page.expect_download() as download:
        page.get_by_role("link", name=re.compile("^Download BCF-plan-2016-17-Norfolk.xlsx")).click()
    assert download.value.suggested_filename == "BCF-plan-2016-17-Norfolk.xlsx"
    book = openpyxl.load_workbook(io.BytesIO(Path(download.value.path()).read_bytes()))
    signatures = dict(book["Plan"].iter_rows(min_row=2, values_only=True))
    assert signatures["Status"] == "Signed off"
    assert signatures["Signed on behalf of Norfolk Health and Wellbeing Board"].startswith(
        "Norfolk Sign-off, Accountable Officer, "
    )
