"""In a real browser, one test per problem found when the journeys were walked as each role
(issue 13), numbered as the issue numbers them: nothing typed is lost, reviews show the
change, drafts say so, grids and the task list work by keyboard, progress is in words, the
home page is a to-do list, long pages are tamed, guidance is where it is asked, errors say
which box, words fit the state, sign-off is a review, no jargon, no button that leads
nowhere, GOV.UK's form patterns."""

import re

import openpyxl
import pytest
from playwright.sync_api import Page, expect

from conftest import demo_user
from returns import workflow
from returns.models import QuarterlyReturn
from returns.selectors import return_answers
from returns.services import answers_save

from .test_browser import browser_type_launch_args  # noqa: F401 - the fixture
from .test_browser_returns import BORSETSHIRE_Q3, NORFOLK_Q3, sign_in, signed_in_page

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NORFOLK_PLAN = "/areas/E10000020/plans/2016-17"
BOARD = "BCF sub-group of the Norfolk Health and Wellbeing Board"


def norfolk():
    return QuarterlyReturn.objects.get(hwb_area__ons_code="E10000020", period__quarter=3)


def signed_off(quarterly_return=None):
    """Norfolk's return marked ready and signed off, as the demo's officer and signer."""
    quarterly_return = quarterly_return or norfolk()
    workflow.return_mark_ready(quarterly_return=quarterly_return, user=demo_user("officer.norfolk"))
    workflow.return_sign_off(
        quarterly_return=quarterly_return, user=demo_user("signoff.norfolk"), on_behalf_of=BOARD
    )
    return quarterly_return


def reopened_with_a_sentence_added():
    """Version 1 signed off, reopened, "January update." added to the narrative, ready."""
    quarterly_return = signed_off()
    workflow.return_reopen(quarterly_return=quarterly_return, user=demo_user("signoff.norfolk"),
                           reason="Add the January update")  # fmt: skip
    narrative = return_answers(quarterly_return=quarterly_return)["narrative"]
    answers_save(quarterly_return=quarterly_return, values={"narrative": f"{narrative} January "
                 "update."}, user=demo_user("officer.norfolk"), source="form")  # fmt: skip
    workflow.return_mark_ready(quarterly_return=quarterly_return, user=demo_user("officer.norfolk"))


def focused_id(page: Page) -> str:
    return page.evaluate("document.activeElement.id")


# 1. Typed answers are lost.


def test_1_leaving_a_section_with_unsaved_answers_asks_first(page: Page, live_server, demo):
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


def test_1_without_javascript_save_and_continue_saves_before_moving_on(browser, live_server, demo):
    with signed_in_page(
        browser, live_server.url, "officer.other", java_script_enabled=False
    ) as page:
        page.goto(f"{live_server.url}{BORSETSHIRE_Q3}/sections/cover/")
        page.get_by_label("Completed by").fill("Pat Example")
        page.get_by_role("button", name="Save and continue").click()
        expect(page.get_by_role("heading", name="2. Budget Arrangements")).to_be_visible()
        page.goto(f"{live_server.url}{BORSETSHIRE_Q3}/sections/cover/")
        expect(page.get_by_label("Completed by")).to_have_value("Pat Example")


def test_1_a_plan_part_and_a_scheme_form_ask_before_leaving_unsaved_changes(
    page: Page, live_server, demo
):
    from schemes.models import Scheme

    nch2 = Scheme.objects.get(plan__financial_year__start_year=2016, reference="NCH2")
    sign_in(page, live_server.url, "officer.norfolk")
    asked = []
    page.on("dialog", lambda dialog: (asked.append(dialog.type), dialog.dismiss()))
    page.goto(f"{live_server.url}{NORFOLK_PLAN}/edit/narrative/")
    page.get_by_label("Shared vision").fill("Typed, not saved")
    page.get_by_role("link", name="Back to the plan").click()
    page.wait_for_timeout(300)
    assert asked == ["beforeunload"]
    expect(page.get_by_label("Shared vision")).to_have_value("Typed, not saved")  # stayed
    page.get_by_role("button", name="Save").click()  # saving is not leaving unsaved
    expect(page.get_by_text("Narrative plan saved.")).to_be_visible()
    page.goto(f"{live_server.url}{NORFOLK_PLAN}/schemes/{nch2.pk}/edit/")
    page.locator("#details-risks summary").click()
    page.get_by_role("button", name=re.compile("^Remove risk 1")).click()  # a change too
    page.get_by_role("link", name="Cancel").click()
    page.wait_for_timeout(300)
    assert asked == ["beforeunload"] * 2


# 2. Reviews hide the change.


def test_2_the_history_shows_a_sentence_added_at_the_end_of_a_long_answer(
    page: Page, live_server, demo
):
    quarterly_return = norfolk()
    narrative = return_answers(quarterly_return=quarterly_return)["narrative"]
    answers_save(quarterly_return=quarterly_return, values={"narrative": f"{narrative} January "
                 "update."}, user=demo_user("officer.norfolk"), source="form")  # fmt: skip
    sign_in(page, live_server.url, "analyst")
    page.goto(f"{live_server.url}{NORFOLK_Q3}/history/?section=narrative")
    added = page.locator("table ins", has_text="January update.")
    expect(added).to_have_text("January update.")
    expect(added).to_be_visible()
    expect(page.locator("table")).not_to_contain_text("narrative_")  # labels, never ids


def test_2_the_sign_off_page_of_a_reopened_return_leads_with_what_changed(
    page: Page, live_server, demo
):
    reopened_with_a_sentence_added()
    sign_in(page, live_server.url, "signoff.norfolk")
    page.goto(f"{live_server.url}{NORFOLK_Q3}/sign-off/")
    changed = page.get_by_role("heading", name="What changed since the last signed version")
    expect(changed).to_be_visible()
    expect(page.get_by_text("1 answer changed since version 1 was signed off")).to_be_visible()
    expect(page.locator("ins", has_text="January update.").first).to_be_visible()


# 3. Drafts look final.


def test_3_a_drafts_workbook_says_draft_on_its_page_its_name_and_its_cover(
    page: Page, live_server, demo
):
    sign_in(page, live_server.url, "analyst")
    page.goto(f"{live_server.url}{NORFOLK_Q3}/")
    page.get_by_role("button", name="Export workbook").click()
    expect(page.get_by_role("heading", name="NHS England workbook (draft)")).to_be_visible()
    expect(page.get_by_text("This is a draft: the return was not signed off")).to_be_visible()
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download BCF-Q3-2015-16-Norfolk-DRAFT.xlsx").click()
    with download_info.value.path().open("rb") as downloaded:  # no .xlsx name to go by
        book = openpyxl.load_workbook(downloaded)
    assert book["1. Cover"]["B2"].value.startswith("DRAFT")


def test_3_the_national_export_leaves_drafts_out_unless_asked(page: Page, live_server, demo):
    sign_in(page, live_server.url, "analyst")
    page.goto(f"{live_server.url}/national/")
    q3 = page.get_by_role("row", name="Q3 2015/16")  # each period with returns has its row
    drafts = q3.get_by_label("Include drafts, labelled DRAFT")
    expect(drafts).not_to_be_checked()
    drafts.check()
    page.get_by_role("button", name="Build the Q3 2015/16 export").click()
    expect(page.get_by_text("This export includes returns that are not signed off")).to_be_visible()
    link = page.get_by_role("link", name="Download BCF-Q3-2015-16-national-with-DRAFTS.zip")
    expect(link).to_be_visible()


# 4. Wide grids are cut off.


def test_4_a_wide_grid_on_a_locked_return_stacks_on_a_narrow_screen(page: Page, live_server, demo):
    """It scrolled sideways by keyboard; since issue 31 it stacks, each answer under its
    setting's name, and nothing is cut off."""
    signed_off()
    page.set_viewport_size({"width": 375, "height": 800})
    sign_in(page, live_server.url, "officer.norfolk")
    page.goto(f"{live_server.url}{NORFOLK_Q3}/sections/new-integration-metrics/")
    grid = page.get_by_role("region", name="Across which settings is service-user information")
    assert grid.evaluate("element => element.scrollWidth <= element.clientWidth")
    cell = grid.locator("td").first
    assert cell.evaluate("td => getComputedStyle(td, '::before').content") == '"To GP"'


def test_4_section_8s_grid_shows_all_six_columns_at_1280(page: Page, live_server, demo):
    page.set_viewport_size({"width": 1280, "height": 900})
    sign_in(page, live_server.url, "officer.norfolk")
    page.goto(f"{live_server.url}{NORFOLK_Q3}/sections/new-integration-metrics/")
    grid = page.get_by_role("region", name="Across which settings is service-user information")
    expect(grid.locator("thead th")).to_have_count(7)  # the setting, then six settings
    # Nothing cut off without a cue: it fits, or it is a region the keyboard can scroll.
    fits = grid.evaluate("element => element.scrollWidth <= element.clientWidth")
    assert fits or grid.get_attribute("tabindex") == "0"


def test_4_an_error_in_a_cell_keeps_the_boxes_of_its_row_in_line(page: Page, live_server, demo):
    sign_in(page, live_server.url, "officer.other")
    page.goto(f"{live_server.url}{BORSETSHIRE_Q3}/sections/income-and-expenditure/")
    page.locator("#ie_income_forecast_q1").fill("lots")
    page.get_by_role("button", name="Save and stay on this page").click()
    expect(page.locator("#ie_income_forecast_q1-error")).to_have_text(
        "Error: Enter a whole number of pounds, like £1,234 or 1234, without pence."
    )  # the row and column say which figure; the error summary says it in full
    # The table is stacked (issue 31): the boxes on the first line of its row stay in line.
    boxes = [f"#ie_income_forecast_q{quarter}" for quarter in (1, 2, 3)]
    tops = {round(page.locator(box).bounding_box()["y"]) for box in boxes}
    assert len(tops) == 1, tops


# 5. Progress is wrong and colour-only.


def test_5_progress_is_in_words_and_true(page: Page, live_server, demo):
    sign_in(page, live_server.url, "officer.other")
    page.goto(f"{live_server.url}{BORSETSHIRE_Q3}/")
    tasks = page.locator("#task-list")
    expect(tasks.locator(".govuk-task-list__status")).to_have_text(
        ["Not started"] * 9 + ["Cannot start yet"]
    )
    # Questions that do not apply are neither answered nor missing: 8 to do, not "16 of 24".
    expect(tasks.locator("li", has_text="3. National Conditions")).to_contain_text(
        "8 questions still to do"
    )
    expect(page.get_by_text("16 of 24")).to_have_count(0)
    link = tasks.get_by_role("link", name="2. Budget Arrangements")
    link.focus()
    page.keyboard.press("Enter")  # the task list is followed by keyboard
    page.get_by_role("group", name=re.compile("can you now confirm")).get_by_label("Yes").check()
    page.get_by_role("button", name="Save and continue").click()
    page.goto(f"{live_server.url}{BORSETSHIRE_Q3}/")
    budget = tasks.locator("li", has_text="2. Budget Arrangements")
    expect(budget.locator(".govuk-task-list__status")).to_have_text("Completed")


# 6. "Still to do" above every form.


def test_6_the_first_field_of_section_8_is_a_few_tab_presses_away(page: Page, live_server, demo):
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


def test_6_after_a_failed_save_the_error_summary_agrees_with_the_page(
    page: Page, live_server, demo
):
    sign_in(page, live_server.url, "officer.other")
    page.goto(f"{live_server.url}{BORSETSHIRE_Q3}/sections/cover/")
    page.get_by_label("Completed by").fill("Jo Bloggs")
    page.get_by_label("E-Mail").fill("jo.bloggs")
    page.get_by_role("button", name="Save and stay on this page").click()
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_be_focused()  # GOV.UK's error summary takes the focus
    expect(summary.get_by_role("link")).to_have_count(1)  # only the box that is wrong
    expect(page.get_by_text("Completed by: Answer this question")).to_have_count(0)
    summary.get_by_role("link").click()
    assert focused_id(page) == "cover_email"
    expect(page.get_by_label("Completed by")).to_have_value("Jo Bloggs")


# 7. No to-do list.


def test_7_home_is_a_to_do_list_for_officers_and_sign_off_members(page: Page, live_server, demo):
    sign_in(page, live_server.url, "officer.other")
    to_do = page.locator("#to-do")
    item = to_do.locator("li", has_text="Borsetshire’s Q3 2015/16 return")
    expect(item).to_contain_text("Deadline 26 February 2016, 12:00")
    expect(item.locator(".govuk-tag")).to_have_text("Overdue")  # the deadline has passed
    page.get_by_role("button", name="Sign out").click()

    workflow.return_mark_ready(quarterly_return=norfolk(), user=demo_user("officer.norfolk"))
    sign_in(page, live_server.url, "signoff.norfolk")
    to_do.get_by_role("link", name="Review and sign off Norfolk’s Q3 2015/16 return").click()
    expect(page.get_by_role("heading", name="Review and sign off")).to_be_visible()


# 8. Endless pages.


@pytest.mark.parametrize("width", [1280, 375])
def test_8_the_plan_page_and_the_scheme_form_fit_in_four_screens(browser, live_server, demo, width):
    """They were 17,520 and 23,500 pixels tall at 1280: every narrative in full, every
    repeating part open. Each part now opens on request (all open without JavaScript)."""
    from schemes.models import Scheme

    nch2 = Scheme.objects.get(plan__financial_year__start_year=2016, reference="NCH2")
    viewport = {"width": width, "height": 900}
    with signed_in_page(browser, live_server.url, "officer.norfolk", viewport=viewport) as page:
        plan = f"{live_server.url}{NORFOLK_PLAN}/"
        for url in (plan, f"{plan}schemes/{nch2.pk}/edit/"):
            page.goto(url)
            height = page.evaluate("document.documentElement.scrollHeight")
            assert height <= 4 * 900, (url, height)
            width_used = page.evaluate("document.documentElement.scrollWidth")
            assert width_used <= width, (url, width_used)  # wide tables scroll in place
        page.goto(f"{plan}print/")  # Word's bullets are bullets, not empty boxes
        expect(page.get_by_text("\uf0b7")).to_have_count(0)


# 9. No guidance where it is needed.


def test_9_each_condition_has_its_guidance_and_its_own_warning_leading_to_its_box(
    page: Page, live_server, demo
):
    sign_in(page, live_server.url, "officer.norfolk")
    page.goto(f"{live_server.url}{NORFOLK_PLAN}/edit/conditions/")
    warnings = page.locator(".govuk-warning-text")
    expect(warnings).to_have_count(8)
    texts = warnings.all_inner_texts()
    assert len(set(texts)) == 8, texts  # each names its condition
    expect(warnings.first).to_contain_text("condition 1, Plans are jointly agreed")
    warnings.first.get_by_role("link").click()
    assert focused_id(page) == "id_nc1_status"
    guidance = page.locator("#nc8 details")
    guidance.locator("summary").click()
    expect(guidance).to_contain_text("action plan for managing delayed transfers of care")
    page.goto(f"{live_server.url}{NORFOLK_PLAN}/edit/narrative/")
    expect(page.get_by_text("Your area's shared vision for health and social care")).to_be_visible()


# 10. Scheme form errors.


def test_10_a_scheme_forms_error_names_its_row_and_box_once_and_leads_to_it(
    page: Page, live_server, demo
):
    sign_in(page, live_server.url, "officer.norfolk")
    page.goto(f"{live_server.url}{NORFOLK_PLAN}/schemes/new/")
    page.get_by_label("Reference").fill("NCH9")
    page.get_by_label("Name", exact=True).fill("x" * 320)
    page.locator("#details-risks summary").click()
    page.get_by_role("button", name=re.compile(r"^Add (a|another) risk$")).click()
    risk = page.locator("#part-risks .portal-part__row").last
    risk.get_by_label("Risk", exact=True).fill("Staff leave")
    risk.get_by_label("Likelihood").fill("7")
    page.get_by_role("button", name="Save").click()
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text("Name must be 300 characters or fewer (it has 320)")
    score = summary.get_by_role("link", name=re.compile("Likelihood: score it from 1 to 5"))
    expect(score).to_contain_text("Risks and mitigations, risk 1")
    assert "Likelihood: Likelihood" not in summary.inner_text()  # said once
    score.click()
    likelihood = page.locator(f"#{focused_id(page)}")
    expect(likelihood).to_have_value("7")
    expect(likelihood).to_have_class(re.compile("govuk-input--error"))
    expect(page.get_by_label("Name", exact=True)).to_have_value("x" * 320)  # nothing cut


# 11. Wrong words for the state.


def test_11_the_words_fit_the_state_and_the_reader(page: Page, live_server, demo):
    workflow.return_mark_ready(quarterly_return=norfolk(), user=demo_user("officer.norfolk"))
    sign_in(page, live_server.url, "officer.norfolk")
    page.goto(f"{live_server.url}{NORFOLK_Q3}/")
    notice = page.locator("#state-notice")
    expect(notice).to_contain_text("waiting for sign-off, so it cannot be changed now")
    expect(page.get_by_text("while it is a draft")).to_have_count(0)
    workflow.return_sign_off(
        quarterly_return=norfolk(), user=demo_user("signoff.norfolk"), on_behalf_of=BOARD
    )
    page.reload()
    expect(notice).to_contain_text("signed off and locked")
    expect(page.get_by_text("can go to the Board for sign-off")).to_have_count(0)
    page.goto(f"{live_server.url}{NORFOLK_PLAN}/")
    expect(page.locator("#state-notice")).to_contain_text("you and the other commissioning")


# 12. Sign-off is one click before the evidence.


def test_12_sign_off_is_a_review_then_a_confirmation(page: Page, live_server, demo):
    reopened_with_a_sentence_added()
    sign_in(page, live_server.url, "signoff.norfolk")
    page.goto(f"{live_server.url}{NORFOLK_Q3}/sign-off/")
    expect(page.get_by_role("heading", name="The return as it stands")).to_be_visible()
    expect(
        page.get_by_text(re.compile(r"You, .*\(signoff\.norfolk\), are signing off"))
    ).to_be_visible()
    page.get_by_role("button", name="Sign off version 2").click()  # not confirmed
    expect(page).to_have_title(re.compile("^Error: "))
    page.locator(".govuk-error-summary").get_by_role("link").click()
    assert focused_id(page) == "confirm"
    page.get_by_label("I have reviewed this return").check()
    page.get_by_role("button", name="Sign off version 2").click()
    expect(page.locator(".govuk-panel__title")).to_have_text("Signed off")
    expect(
        page.get_by_text("Next, a sign-off member who signs for the Board submits it")
    ).to_be_visible()

    page.get_by_role("link", name="Go to the return").click()
    page.get_by_role("button", name="Reopen").click()  # no reason given
    expect(page).to_have_title(re.compile("^Error: "))
    expect(page.get_by_text("That could not be done")).to_have_count(0)
    page.locator(".govuk-error-summary").get_by_role("link").click()
    assert focused_id(page) == "reopen-reason"


# 13. Jargon and internals.


def test_13_abbreviations_are_explained_and_no_internals_are_shown(page: Page, live_server, demo):
    sign_in(page, live_server.url, "officer.norfolk")
    page.goto(f"{live_server.url}{NORFOLK_Q3}/")
    expect(page.locator('abbr[title="income and expenditure"]').first).to_have_text("I&E")
    expect(page.locator('abbr[title="payment for performance"]').first).to_have_text("P4P")
    page.get_by_role("link", name="Glossary of abbreviations").click()
    expect(page.get_by_text("non-elective admission", exact=False).first).to_be_visible()
    page.goto(f"{live_server.url}{NORFOLK_Q3}/checklist/")
    body = page.locator("main").inner_text()
    assert "<>" not in body
    assert ">=" not in body
    page.goto(f"{live_server.url}{NORFOLK_Q3}/history/")
    body = page.locator("main").inner_text()
    assert "budget_s75_previous" not in body
    assert not re.search(r"\brevision\b", body)
    expect(page.get_by_label("Question id")).to_have_count(0)
    page.goto(f"{live_server.url}{NORFOLK_Q3}/")
    page.get_by_role("button", name="Export workbook").click()
    expect(page.get_by_role("link", name=re.compile("^Download "))).to_be_visible()
    assert "SHA-256" not in page.locator("main").inner_text()


# 14. Buttons that lead nowhere.


def test_14_no_button_offers_what_cannot_be_done(page: Page, live_server, demo):
    sign_in(page, live_server.url, "officer.other")
    page.goto(f"{live_server.url}{BORSETSHIRE_Q3}/")
    ready = page.get_by_role("button", name="Mark ready for sign-off")
    expect(ready).to_be_disabled()
    expect(ready).to_have_class(re.compile("govuk-button--secondary"))
    expect(page.get_by_text("You cannot mark it ready yet")).to_be_visible()
    page.get_by_role("button", name="Sign out").click()

    sign_in(page, live_server.url, "officer.norfolk")
    page.goto(f"{live_server.url}/areas/E10000020/")
    for year in ("2013/14", "2014/15"):  # years before the fund
        expect(page.get_by_role("button", name=f"Start the {year} plan")).to_have_count(0)
    page.goto(f"{live_server.url}{NORFOLK_PLAN}/schemes/")
    expect(page.get_by_text("Copy a scheme from 2015/16")).to_have_count(0)  # it has none
    page.goto(f"{live_server.url}{NORFOLK_PLAN}/")
    expect(page.get_by_role("button", name="Mark ready for signing")).to_be_disabled()


# 15. Form patterns.


def test_15_gov_uk_form_patterns(page: Page, live_server, demo):
    page.goto(f"{live_server.url}/sign-in/")
    page.get_by_role("button", name="Sign in").click()  # both boxes empty
    expect(page.get_by_text("This field is required.")).to_have_count(0)
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter your username")
    sign_in(page, live_server.url, "officer.other")
    page.goto(f"{live_server.url}{BORSETSHIRE_Q3}/sections/cover/")
    expect(page.get_by_label("E-Mail")).to_have_attribute("type", "email")
    expect(page.get_by_label("E-Mail")).to_have_attribute("autocomplete", "email")
    expect(page.get_by_label("Contact Number")).to_have_attribute("type", "tel")
    page.goto(f"{live_server.url}{BORSETSHIRE_Q3}/sections/metrics/")
    expect(page.locator("main")).to_contain_text("Not given yet: it comes from Borsetshire’s plan")
    progress = page.get_by_role("group", name=re.compile("residential", re.I)).first
    expect(progress.get_by_role("radio")).to_have_count(4)  # radios, not a select
    page.goto(f"{live_server.url}{BORSETSHIRE_Q3}/sections/national-conditions/")
    page.get_by_label("1) Are the plans still jointly agreed?", exact=True).select_option("No")
    date = page.get_by_role("group", name=re.compile(r"^1\) .* Date the condition will be met"))
    for box in ("Day", "Month", "Year"):  # GOV.UK's date input, each box its own word
        expect(date.get_by_label(box, exact=True)).to_be_visible()


# 8 of issue 31. Wide grids.

SECTIONS_Q3 = ("budget-arrangements", "national-conditions", "non-elective-and-p4p",
               "income-and-expenditure", "metrics", "new-integration-metrics")  # fmt: skip


@pytest.mark.parametrize("width", [1280, 375])
def test_wide_grids_fit_their_page_at_both_widths(browser, live_server, demo, width):
    """The data-sharing matrix was 1,858 pixels wide in a 960-pixel page at 1280, three of its
    six columns in view; at 375 the I&E tables showed one quarter. Each now fits, stacked
    where it must be, every cell still named by its column."""
    viewport = {"width": width, "height": 900}
    sections = f"{live_server.url}{NORFOLK_Q3}/sections/"
    with signed_in_page(browser, live_server.url, "officer.norfolk", viewport=viewport) as page:
        for slug in SECTIONS_Q3:
            page.goto(sections + slug + "/")
            too_wide = page.evaluate(
                "[...document.querySelectorAll('.portal-return-table:not(.portal-previous-table)')]"
                ".filter(t => t.scrollWidth > t.parentElement.clientWidth + 1)"
                ".map(t => t.caption.textContent.trim() + ': ' + t.scrollWidth)"
            )
            assert too_wide == [], (slug, too_wide)
        page.goto(sections + "new-integration-metrics/")
        cell = page.locator("td:has(#nim_sharing_gp_to_hospital)")
        assert cell.evaluate("td => getComputedStyle(td, '::before').content") == '"To Hospital"'
