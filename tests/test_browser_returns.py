"""In a real browser: officers fill in quarterly returns, make mistakes, fix them, and
watch the checklist turn green; with JavaScript and without."""

from contextlib import contextmanager

import pytest
from django.conf import settings
from django.test import Client
from playwright.sync_api import Page, expect

from conftest import demo_user
from returns.definitions import Kind
from returns.interchange import return_to_json
from returns.models import Answer, QuarterlyReturn

from .test_browser import browser_type_launch_args  # noqa: F401 - the fixture

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

BORSETSHIRE_Q3 = "/areas/E99999001/returns/fy1516_q3"
NORFOLK_Q3 = "/areas/E10000020/returns/fy1516_q3"


@contextmanager
def signed_in_page(browser, base_url: str, username: str, **options):
    """A page of a browser context of its own (`options`: no JavaScript, a viewport…),
    signed in as `username`; the context is closed after."""
    context = browser.new_context(**options)
    try:
        page = context.new_page()
        sign_in(page, base_url, username)
        yield page
    finally:
        context.close()


def sign_in(page: Page, base_url: str, username: str) -> None:
    """Signed in as `username`, on the home page: a session is made for them and its cookie
    given to the browser (half a second quicker than the form; tests/test_browser.py signs
    in with the form, by keyboard)."""
    client = Client()
    client.force_login(demo_user(username))
    session = client.cookies[settings.SESSION_COOKIE_NAME]
    page.context.add_cookies([{
        "name": session.key, "value": session.value, "url": base_url,
        "httpOnly": True, "sameSite": "Lax",
    }])  # fmt: skip
    page.goto(base_url + "/")
    expect(
        page.get_by_role("heading", name="Your Health and Wellbeing Board areas")
    ).to_be_visible()


def test_an_officer_fixes_a_mistake_and_the_cover_turns_green(page: Page, live_server, demo):
    sign_in(page, live_server.url, "officer.other")
    page.goto(f"{live_server.url}{BORSETSHIRE_Q3}/sections/cover/")
    page.get_by_label("Completed by").fill("Pat Example")
    page.get_by_label("E-Mail").fill("pat.example")  # the mistake
    page.get_by_label("Contact Number").fill("01234 567890")
    page.get_by_label("Who has signed off the report").fill("Chair of the Borsetshire HWB")
    page.get_by_role("button", name="Save and stay on this page").click()

    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text("There is a problem")
    expect(summary).to_be_focused()  # GOV.UK's script moves focus to the summary
    summary.get_by_role("link", name="E-Mail: Enter an e-mail address").click()
    expect(page.get_by_label("E-Mail")).to_be_focused()
    expect(page.get_by_label("Completed by")).to_have_value("Pat Example")  # nothing lost

    page.get_by_label("E-Mail").fill("pat.example@borsetshire.gov.uk")
    page.get_by_role("button", name="Save and stay on this page").click()
    expect(page.get_by_text("1. Cover saved.")).to_be_visible()

    expect(page.locator("#section-status")).to_have_text("Status: Completed")
    page.goto(f"{live_server.url}{BORSETSHIRE_Q3}/checklist/")
    cover = page.locator("#section-cover")
    expect(cover.locator("caption")).to_contain_text("Completed")
    expect(cover.locator(".govuk-tag--green", has_text="Yes")).to_have_count(5)


def test_conditional_questions_and_totals_follow_what_is_typed(page: Page, live_server, demo):
    sign_in(page, live_server.url, "officer.other")
    page.goto(f"{live_server.url}{BORSETSHIRE_Q3}/sections/national-conditions/")
    date = page.locator("#nc1_date")
    expect(date).to_be_hidden()
    page.select_option("#nc1_status", "No - In Progress")
    expect(date).to_be_visible()  # before any save
    page.select_option("#nc1_status", "Yes")
    expect(date).to_be_hidden()

    page.goto(f"{live_server.url}{BORSETSHIRE_Q3}/sections/income-and-expenditure/")
    for quarter, amount in zip(
        ("q1", "q2", "q3", "q4"), ("£1,000", "2000", "3,000", "4000"), strict=True
    ):
        page.locator(f"#ie_income_forecast_{quarter}").fill(amount)
    expect(page.locator("#ie_income_forecast_total")).to_have_text("£10,000")


def test_without_javascript_a_conditional_question_appears_after_saving(browser, live_server, demo):
    with signed_in_page(
        browser, live_server.url, "officer.other", java_script_enabled=False
    ) as page:
        page.goto(f"{live_server.url}{BORSETSHIRE_Q3}/sections/national-conditions/")
        expect(page.locator("#nc1_date")).to_be_hidden()
        page.select_option("#nc1_status", "No")
        page.get_by_role("button", name="Save and stay on this page").click()
        expect(page.get_by_text("3. National Conditions saved.")).to_be_visible()
        expect(page.locator("#nc1_date")).to_be_visible()


@pytest.mark.slow
def test_norfolks_return_completed_in_the_browser_equals_the_source(page: Page, live_server, demo):
    norfolk = QuarterlyReturn.objects.get(hwb_area__ons_code="E10000020", period__quarter=3)
    expected = return_to_json(quarterly_return=norfolk)["answers"]
    from returns.definitions import template

    definition = template(norfolk.template_version)
    inputs = {q.id for q in definition.questions if q.kind is Kind.INPUT}
    # An empty return: only NHS England's playback (the grey cells) is there.
    Answer.objects.filter(quarterly_return=norfolk, question_id__in=inputs).delete()

    sign_in(page, live_server.url, "officer.norfolk")
    page.goto(f"{live_server.url}{NORFOLK_Q3}/")
    # Only Budget Arrangements is complete: the playback says the funds were pooled before.
    completed = page.locator(".govuk-task-list__status", has_text="Completed")
    expect(completed).to_have_count(1)
    for section in definition.sections:
        page.goto(f"{live_server.url}{NORFOLK_Q3}/sections/{section.slug}/")
        for question in section.inputs:
            value = expected[question.id]
            if value is None:
                continue
            shown = question.type.to_form(question.type.clean(value))
            radios = page.locator(f'input[type="radio"][name="{question.id}"]')
            boxes = page.locator(f'input[name="{question.id}_day"]')
            if boxes.count():  # GOV.UK's date input: day, month and year
                day, month, year = shown.split("/")
                for box, part in (("day", day), ("month", month), ("year", year)):
                    page.locator(f'input[name="{question.id}_{box}"]').fill(part)
            elif radios.count():
                radios.and_(page.locator(f'[value="{shown}"]')).check()  # a real click
            elif question.type.widget == "select":
                page.select_option(f"#{question.id}", shown)
            else:
                page.locator(f"#{question.id}").fill(shown)
        page.get_by_role("button", name="Save and continue").click()
        expect(page.locator(".govuk-notification-banner--success")).to_contain_text(section.title)

    # Save and continue after the last section leads back to the task list.
    expect(page.get_by_role("heading", name="Q3 2015/16 quarterly return")).to_be_visible()
    expect(completed).to_have_count(9)
    expect(page.get_by_text("All 9 sections completed")).to_be_visible()
    norfolk.refresh_from_db()
    assert return_to_json(quarterly_return=norfolk)["answers"] == expected


def test_an_analyst_exports_and_an_officer_imports_the_workbook(
    page: Page, live_server, demo, tmp_path
):
    import io

    import openpyxl

    sign_in(page, live_server.url, "analyst")
    page.goto(f"{live_server.url}{NORFOLK_Q3}/")
    page.get_by_role("button", name="Export workbook").click()
    expect(page.get_by_text("Ready")).to_be_visible()
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download BCF-Q3-2015-16-Norfolk-DRAFT.xlsx").click()
    download = download_info.value
    assert download.suggested_filename == "BCF-Q3-2015-16-Norfolk-DRAFT.xlsx"
    exported = tmp_path / download.suggested_filename
    download.save_as(exported)
    page.get_by_role("button", name="Sign out").click()

    sign_in(page, live_server.url, "officer.norfolk")
    page.goto(f"{live_server.url}{NORFOLK_Q3}/workbook/")
    page.get_by_label("Upload a filled-in workbook").set_input_files(exported)
    page.get_by_role("button", name="Check the workbook").click()
    expect(page.get_by_text("The workbook matches the return")).to_be_visible()

    book = openpyxl.load_workbook(exported)
    book["4. Non-Elective and P4P"]["O8"].value = 23300
    edited = io.BytesIO()
    book.save(edited)
    page.goto(f"{live_server.url}{NORFOLK_Q3}/workbook/")
    page.get_by_label("Upload a filled-in workbook").set_input_files(
        {"name": "edited.xlsx", "mimeType": "application/octet-stream", "buffer": edited.getvalue()}
    )
    page.get_by_role("button", name="Check the workbook").click()
    changes = page.locator("table tbody tr")
    expect(changes).to_have_count(1)
    expect(changes).to_contain_text("Actual Q3 15/16 NEAs")
    expect(changes).to_contain_text("23,268")
    expect(changes).to_contain_text("23,300")
    page.get_by_role("button", name="Save these changes").click()
    expect(page.get_by_text("Workbook imported: 1 answer(s) changed.")).to_be_visible()


def test_the_send_back_loop_shows_why_and_what_changed(page: Page, live_server, demo):
    overview = f"{live_server.url}{NORFOLK_Q3}/"
    sign_in(page, live_server.url, "officer.norfolk")
    page.goto(overview)
    page.get_by_role("button", name="Mark ready for sign-off").click()
    expect(page.locator(".govuk-panel__title")).to_have_text("Sent for sign-off")
    expect(page.locator("#told")).to_contain_text("its HWB sign-off members")
    page.get_by_role("button", name="Sign out").click()

    sign_in(page, live_server.url, "signoff.norfolk")
    page.goto(overview)
    page.get_by_role("button", name="Review and sign off").click()
    expect(page.locator("#checklist-result + p")).to_contain_text("checklist questions pass")
    page.get_by_role("link", name="send it back to the officers").click()
    reason = page.get_by_label("Why are you sending it back?")
    reason.fill("Please check the NC3 date with the CCGs")
    page.get_by_role("button", name="Send back").click()
    expect(page.locator(".govuk-panel__title")).to_have_text("Sent back to the officers")
    page.get_by_role("button", name="Sign out").click()

    sign_in(page, live_server.url, "officer.norfolk")  # lands on the home page
    banner = page.locator("#returned-banner")
    expect(banner).to_contain_text("Please check the NC3 date with the CCGs")
    banner.get_by_role("link", name="Norfolk’s Q3 2015/16 return was sent back").click()
    expect(page.locator("#returned-banner")).to_contain_text("Please check the NC3 date")
    page.goto(f"{overview}sections/national-conditions/")
    page.locator('input[name="nc3_date_day"]').fill("31")
    page.locator('input[name="nc3_date_month"]').fill("3")
    page.locator('input[name="nc3_date_year"]').fill("2017")
    page.get_by_role("button", name="Save and stay on this page").click()
    expect(page.get_by_text("3. National Conditions saved.")).to_be_visible()
    page.goto(overview)
    page.get_by_role("button", name="Mark ready for sign-off").click()
    page.get_by_role("button", name="Sign out").click()

    sign_in(page, live_server.url, "signoff.norfolk")
    page.goto(overview)
    expect(page.locator("#returned-banner")).to_have_count(0)
    page.get_by_role("button", name="Review and sign off").click()
    since = page.locator("#since-sent-back + p")
    expect(since).to_contain_text("1 answer changed since signoff.norfolk sent it back")
    expect(page.locator("table").filter(has_text="As sent back")).to_contain_text("31/03/2017")
    page.get_by_role("button", name="Sign off version 1").click()  # not confirmed yet
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_be_focused()
    summary.get_by_role("link", name="Confirm that you have reviewed").click()
    expect(page.get_by_label("I have reviewed this return")).to_be_focused()
    page.keyboard.press("Space")
    page.get_by_role("button", name="Sign off version 1").click()
    expect(page.locator(".govuk-panel__title")).to_have_text("Signed off")
    page.get_by_role("link", name="Go to the return").click()
    expect(page.locator("#return-status")).to_have_text("Signed off")
    timeline = page.locator(".portal-timeline__item h3")
    expect(timeline).to_have_text(
        ["Marked ready for sign-off", "Sent back", "Marked ready for sign-off", "Signed off"]
    )
    expect(page.get_by_text("Reason: Please check the NC3 date with the CCGs")).to_be_visible()


def test_an_unlikely_figure_is_confirmed_on_the_are_you_sure_page(page: Page, live_server, demo):
    overview = f"{live_server.url}{NORFOLK_Q3}/"
    sign_in(page, live_server.url, "officer.norfolk")
    page.goto(f"{overview}sections/income-and-expenditure/")
    page.locator("#ie_expenditure_actual_q3").fill("1,351,995")  # a digit short
    page.get_by_role("button", name="Save and stay on this page").click()
    page.goto(overview)
    page.get_by_role("button", name="Mark ready for sign-off").click()

    expect(page.get_by_role("heading", name="Is this figure right?")).to_be_visible()
    expect(page.get_by_text("figure 1 of 2 to check")).to_be_visible()
    expect(page.locator(".portal-interruption")).to_contain_text("£1,351,995")
    page.get_by_role("button", name="Yes, it is right: continue").click()  # no reason given
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_be_focused()
    summary.get_by_role("link", name="Say why the figure is right.").click()
    expect(page.get_by_label("If it is right, say why")).to_be_focused()
    page.keyboard.type("Most of Q3's spending was paid in Q4 this year.")
    page.get_by_role("button", name="Yes, it is right: continue").click()
    expect(page.get_by_text("figure 1 of 1 to check")).to_be_visible()
    page.get_by_label("If it is right, say why").fill("The same late payments.")
    page.get_by_role("button", name="Yes, it is right: continue").click()
    expect(page.locator(".govuk-panel__title")).to_have_text("Sent for sign-off")
    page.get_by_role("button", name="Sign out").click()

    sign_in(page, live_server.url, "signoff.norfolk")
    page.goto(f"{overview}sign-off/")
    confirmed = page.locator(".portal-cautions")
    expect(confirmed).to_contain_text("Most of Q3's spending was paid in Q4 this year.")
    expect(confirmed.locator(".govuk-tag")).to_have_text(["Confirmed", "Confirmed"])


def test_a_conversation_between_officer_and_signer(page: Page, live_server, demo):
    overview = f"{live_server.url}{NORFOLK_Q3}/"
    sign_in(page, live_server.url, "officer.norfolk")
    page.goto(f"{overview}sections/national-conditions/")
    page.get_by_role("link", name="Start a conversation about this section").click()
    expect(page.get_by_label("What is it about?")).to_have_value("section:national-conditions")
    page.get_by_label("What is it about?").select_option(
        label="National condition 3: date if not Yes"
    )
    page.get_by_label("Title").fill("The 7-day services date")
    page.get_by_label("Comment").fill("Is 31 March 2017 the date the CCGs agreed?")
    page.get_by_role("button", name="Start the conversation").click()
    expect(page.get_by_role("heading", name="The 7-day services date")).to_be_visible()
    page.get_by_role("button", name="Sign out").click()

    sign_in(page, live_server.url, "signoff.norfolk")  # the home page lists it
    page.locator("#conversations + ul").get_by_role("link", name="The 7-day services date").click()
    expect(page.get_by_text("Is 31 March 2017 the date the CCGs agreed?")).to_be_visible()
    page.get_by_label("Reply").fill("Yes: minuted at the January Board.")
    page.get_by_role("button", name="Add your reply").click()
    expect(page.locator(".portal-comment")).to_have_count(2)
    page.get_by_role("button", name="Mark it resolved").click()
    expect(page.locator("h1 + p .govuk-tag")).to_have_text("Resolved")
    page.get_by_role("link", name="Q3 2015/16 return").click()
    timeline = page.locator(".portal-timeline__item h3")
    expect(timeline).to_have_text(["Conversation started", "Conversation resolved"])
