"""In a real browser, NHS England's side of a round: the Board's signer submits Norfolk's
return; the region's reviewer finds it in the queue, rates the line the portal leaves to
them and raises a query; the officer answers it; the figure must change, so the signer
reopens with the query as the reason, the return is signed off and submitted again; the
reviewer closes the query and accepts the resubmission."""

import re

import pytest
from playwright.sync_api import Page, expect

from conftest import demo_user
from governance.models import Submission
from returns import workflow
from returns.services import answers_save

from .test_browser import browser_type_launch_args  # noqa: F401 - the fixture
from .test_browser_journeys import BOARD, norfolk, signed_off
from .test_browser_returns import NORFOLK_Q3, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
QUESTION = "The Q3 non-elective admissions look low: is the figure right?"
ANSWER = "It was mistyped: we will correct it and resubmit."


def test_submit_query_answer_resubmit_accept(page: Page, live_server, demo):
    base = live_server.url
    signed_off()
    # The Board's signer submits, in the portal.
    sign_in(page, base, "signoff.norfolk")
    page.goto(f"{base}{NORFOLK_Q3}/")
    page.get_by_role("button", name="Submit to NHS England").click()
    expect(page.locator(".govuk-panel__title")).to_have_text("Submitted to NHS England")
    first = Submission.objects.get()

    # The reviewer of Norfolk's region finds it waiting, rates the narrative, and queries.
    page.context.clear_cookies()
    sign_in(page, base, "nhse.midlandseast")
    page.get_by_role("link", name="Your assurance queue").click()
    expect(page.get_by_role("heading", name="Assurance queue")).to_be_visible()
    page.get_by_role("link", name=re.compile(r"Q3 2015\/16 return, submission 1")).click()
    expect(page.get_by_role("heading", name=re.compile("Submission 1"))).to_be_visible()
    page.locator("#line-narrative").get_by_label("Amber").check()
    page.locator("#line-narrative").get_by_label(re.compile("^Why")).fill(
        "The narrative does not explain the fall in admissions."
    )
    page.locator("#line-narrative").get_by_role(
        "button", name=re.compile("Record the rating")
    ).click()
    expect(page.get_by_text("Rating recorded.")).to_be_visible()
    page.get_by_role("link", name="Raise a query").click()
    page.get_by_label("What is it about?").select_option(label="4. Non-Elective and P4P")
    page.get_by_label("Title").fill("Non-elective admissions")
    page.get_by_label("Comment").fill(QUESTION)
    page.get_by_role("button", name="Start the query").click()
    expect(page.get_by_role("heading", name="Non-elective admissions")).to_be_visible()
    query_url = page.url

    # The officer answers it; a query unlocks nothing.
    page.context.clear_cookies()
    sign_in(page, base, "officer.norfolk")
    page.goto(query_url)
    page.get_by_label("Reply").fill(ANSWER)
    page.get_by_role("button", name="Add your reply").click()
    expect(page.get_by_text(ANSWER)).to_be_visible()
    expect(page.get_by_role("button", name="Mark it resolved")).to_have_count(0)
    page.goto(f"{base}{NORFOLK_Q3}/")
    expect(page.get_by_text("NHS England query started")).to_be_visible()

    # The figure must change: reopened with the query as the reason, corrected, signed off.
    quarterly_return = norfolk()
    workflow.return_reopen(quarterly_return=quarterly_return, user=demo_user("signoff.norfolk"),
                           reason=f"NHS England's query: {QUESTION}")  # fmt: skip
    answers_save(quarterly_return=quarterly_return, values={"nea_actual_fy1516_q3": 23_368},
                 user=demo_user("officer.norfolk"), source="form")  # fmt: skip
    workflow.return_mark_ready(quarterly_return=quarterly_return, user=demo_user("officer.norfolk"))
    workflow.return_sign_off(quarterly_return=quarterly_return, user=demo_user("signoff.norfolk"),
                             on_behalf_of=BOARD)  # fmt: skip
    page.context.clear_cookies()
    sign_in(page, base, "signoff.norfolk")
    page.goto(f"{base}{NORFOLK_Q3}/")
    page.get_by_role("button", name="Submit to NHS England").click()
    expect(page.locator(".govuk-panel__title")).to_have_text("Submitted to NHS England")
    second = Submission.objects.exclude(pk=first.pk).get()
    assert (second.number, second.replaces_id) == (2, first.pk)

    # The reviewer closes the query and accepts the resubmission.
    page.context.clear_cookies()
    sign_in(page, base, "nhse.midlandseast")
    page.goto(query_url)
    page.get_by_role("button", name="Mark it resolved").click()
    page.goto(f"{base}/areas/E10000020/submissions/{first.pk}/")
    expect(page.get_by_text(re.compile("Replaced by"))).to_be_visible()
    expect(page.get_by_role("button", name="Record the outcome")).to_have_count(0)
    page.get_by_role("link", name="submission 2").click()
    page.locator("#line-narrative").get_by_label("Green").check()
    page.locator("#line-narrative").get_by_role(
        "button", name=re.compile("Record the rating")
    ).click()
    page.get_by_label("Accepted").check()
    page.get_by_role("button", name="Record the outcome").click()
    expect(page.get_by_text("Outcome recorded: Accepted.")).to_be_visible()
    page.goto(f"{base}/national/rounds/fy1516_q3/?region=Midlands+and+East")
    expect(page.locator("#round-status")).to_contain_text("Accepted by NHS England")
