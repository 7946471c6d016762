"""The officer's and the sign-off member's way through a return: nothing typed is lost, the
page says what the state means for whoever reads it, and buttons lead somewhere."""

import re

import pytest
from django.urls import reverse
from django.utils.html import escape
from pytest_django.asserts import assertContains, assertNotContains, assertRedirects

from conftest import demo_user
from returns import workflow
from returns.exports import export_request, export_run
from returns.models import ReturnStatus
from returns.selectors import return_answers
from returns.services import answers_save
from returns.wording import EDITOR, NOTICES, READER, SIGNER, reader_part, state_notice

from .test_section_pages import NORFOLK, norfolk_return, posted, section_url

OVERVIEW = reverse("return", args=[NORFOLK, "fy1516_q3"])


def test_save_and_continue_saves_then_opens_the_next_section(signed_in):
    client = signed_in("officer.norfolk")
    data = posted("cover", cover_completed_by="Jo Bloggs", after="next")
    response = client.post(section_url("cover"), data)
    assertRedirects(response, section_url("budget-arrangements"))
    assert return_answers(quarterly_return=norfolk_return())["cover_completed_by"] == "Jo Bloggs"


def test_save_and_continue_on_the_last_section_returns_to_the_task_list(signed_in):
    response = signed_in("officer.norfolk").post(
        section_url("narrative"), posted("narrative", after="next")
    )
    assertRedirects(response, OVERVIEW)


def test_the_other_save_button_stays_on_the_page(signed_in):
    response = signed_in("officer.norfolk").post(
        section_url("cover"), posted("cover", after="stay")
    )
    assertRedirects(response, section_url("cover"))


def test_the_next_section_control_is_a_submit_button_not_a_link(signed_in):
    """Without JavaScript the way on is a button that saves first: no link discards typing."""
    page = signed_in("officer.norfolk").get(section_url("cover"))
    assertContains(
        page,
        '<button type="submit" class="govuk-button" data-module="govuk-button" name="after" '
        'value="next">Save and continue</button>',
        html=False,
    )
    assertNotContains(page, ">Go to 2. Budget Arrangements<", html=False)


def test_a_failed_save_and_continue_stays_with_what_was_typed(signed_in):
    data = posted("cover", cover_email="not an address", cover_completed_by="Jo", after="next")
    response = signed_in("officer.norfolk").post(section_url("cover"), data)
    assert response.status_code == 400
    assertContains(response, "There is a problem", status_code=400)
    assertContains(response, 'value="Jo"', status_code=400)


# State × reader: every cell of the table, as each demo user reads Norfolk's return.
READERS = {"officer.norfolk": EDITOR, "signoff.norfolk": SIGNER, "analyst": READER}


@pytest.mark.parametrize("status", list(ReturnStatus))
@pytest.mark.parametrize("username", list(READERS))
def test_the_state_notice_fits_the_state_and_the_reader(signed_in, username, status):
    quarterly_return = norfolk_return()
    quarterly_return.status = status
    quarterly_return.save(update_fields=["status"])
    user = demo_user(username)
    assert reader_part(user, quarterly_return) == READERS[username]
    expected = NOTICES[(status, READERS[username])].format(area="Norfolk")
    overview = signed_in(username).get(OVERVIEW)
    assertContains(overview, escape(expected))
    assert state_notice(user, quarterly_return) == expected
    if status != ReturnStatus.DRAFT:
        # No one is told a locked return can be changed "while it is a draft".
        assertNotContains(overview, "while it is a draft")
        assertNotContains(overview, "can change it")
    if status in (ReturnStatus.SIGNED_OFF, ReturnStatus.SUBMITTED):
        assertNotContains(overview, "can go to the Board for sign-off")


def test_every_state_and_reader_has_its_own_words():
    assert len(set(NOTICES.values())) == len(NOTICES) == len(ReturnStatus) * 3


def test_mark_ready_is_secondary_and_says_why_until_every_check_passes(signed_in):
    client = signed_in("officer.norfolk")
    ready = client.get(OVERVIEW)
    assertContains(ready, ">Mark ready for sign-off</button>", html=False)
    assertNotContains(ready, "You cannot mark it ready yet")
    client.post(section_url("cover"), posted("cover", cover_email=""))
    page = client.get(OVERVIEW)
    assertContains(page, "You cannot mark it ready yet: 1 question still to do.")
    assertContains(
        page,
        'class="govuk-button govuk-button--secondary" data-module="govuk-button" disabled '
        'aria-disabled="true" aria-describedby="ready-why-not">Mark ready for sign-off',
        html=False,
    )


BODY = "BCF sub-group of the Norfolk Health and Wellbeing Board"
REVIEW = reverse("return-review", args=[NORFOLK, "fy1516_q3"])


def step(client, name, **data):
    return client.post(reverse("return-step", args=[NORFOLK, "fy1516_q3", name]), data)


def reopened_with_a_change(norfolk):
    """Version 1 signed off, reopened, a sentence added to the narrative and marked ready."""
    workflow.return_mark_ready(quarterly_return=norfolk, user=demo_user("officer.norfolk"))
    workflow.return_sign_off(
        quarterly_return=norfolk, user=demo_user("signoff.norfolk"), on_behalf_of=BODY
    )
    workflow.return_reopen(quarterly_return=norfolk, user=demo_user("signoff.norfolk"),
                           reason="Add the January update")  # fmt: skip
    narrative = return_answers(quarterly_return=norfolk)["narrative"]
    answers_save(quarterly_return=norfolk, values={"narrative": f"{narrative} January update."},
                 user=demo_user("officer.norfolk"), source="form")  # fmt: skip
    workflow.return_mark_ready(quarterly_return=norfolk, user=demo_user("officer.norfolk"))


def test_sign_off_leads_with_what_changed_then_the_whole_return_then_who_signs(signed_in, norfolk):
    reopened_with_a_change(norfolk)
    client = signed_in("signoff.norfolk")
    page = client.get(REVIEW).content.decode()
    changed, whole, form = (
        page.index("What changed since the last signed version"),
        page.index("The return as it stands"),
        page.index('id="step-sign-off"'),
    )
    assert changed < whole < form
    assert "1 answer changed since version 1 was signed off" in page
    assert "<ins>January update.</ins>" in page
    assert "Sera Hall" in page[whole:form]  # the current answers, every section
    signer = demo_user("signoff.norfolk")
    who = f"You, <strong>{signer.get_full_name()} (signoff.norfolk)</strong>"
    assert f"{who}, are signing off version 2" in page
    assert BODY in page[form:]


def test_signing_off_without_confirming_the_review_is_refused_and_says_where(signed_in, norfolk):
    reopened_with_a_change(norfolk)
    refused = step(signed_in("signoff.norfolk"), "sign-off", on_behalf_of=BODY)
    assert refused.status_code == 400
    assertContains(refused, "<title>Error: Review and sign off", status_code=400, html=False)
    assertContains(refused, '<a href="#confirm">Confirm that you have reviewed', status_code=400,
                   html=False)  # fmt: skip
    norfolk.refresh_from_db()
    assert norfolk.status == ReturnStatus.READY
    step(signed_in("signoff.norfolk"), "sign-off", on_behalf_of=BODY, confirm="yes")
    norfolk.refresh_from_db()
    assert (norfolk.status, norfolk.versions.last().number) == (ReturnStatus.SIGNED_OFF, 2)


def test_the_first_sign_off_says_there_is_no_earlier_version(signed_in, norfolk):
    workflow.return_mark_ready(quarterly_return=norfolk, user=demo_user("officer.norfolk"))
    page = signed_in("signoff.norfolk").get(REVIEW)
    assertContains(page, "Nothing has been signed off before: this is the first version.")


@pytest.mark.parametrize(("username", "status"), [("officer.norfolk", 403), ("signoff.other", 404)])
def test_only_the_boards_signers_reach_the_review(signed_in, norfolk, username, status):
    workflow.return_mark_ready(quarterly_return=norfolk, user=demo_user("officer.norfolk"))
    assert signed_in(username).get(REVIEW).status_code == status


def test_a_reopen_without_a_reason_is_an_error_that_leads_to_the_reason_box(signed_in, norfolk):
    workflow.return_mark_ready(quarterly_return=norfolk, user=demo_user("officer.norfolk"))
    workflow.return_sign_off(
        quarterly_return=norfolk, user=demo_user("signoff.norfolk"), on_behalf_of=BODY
    )
    refused = step(signed_in("signoff.norfolk"), "reopen", reason="")
    assert refused.status_code == 400
    assertContains(refused, "<title>Error: ", status_code=400, html=False)
    assertContains(refused, "There is a problem", status_code=400)
    assertNotContains(refused, "That could not be done", status_code=400)
    assertContains(refused, 'href="#reopen-reason"', status_code=400)
    assertContains(refused, 'aria-describedby="reopen-reason-hint reopen-reason-error"',
                   status_code=400)  # fmt: skip


def test_contact_fields_say_what_they_hold_for_keyboards_and_autofill(signed_in):
    page = signed_in("officer.norfolk").get(section_url("cover"))
    assertContains(page, 'type="email"')
    assertContains(page, 'autocomplete="email"')
    assertContains(page, 'type="tel"')
    assertContains(page, 'autocomplete="tel"')


def test_a_question_on_its_own_with_a_few_choices_is_radios_and_grids_keep_selects(signed_in):
    client = signed_in("officer.norfolk")
    page = client.get(section_url("metrics"))
    assertContains(page, '<legend class="govuk-fieldset__legend govuk-fieldset__legend--s">',
                   count=4)  # fmt: skip
    assertContains(page, 'type="radio"', count=16)  # four progress questions, four choices
    assertContains(page, 'id="metric_residential_progress"')  # links to the question land
    grid = client.get(section_url("national-conditions"))
    assertNotContains(grid, 'type="radio"')
    assertContains(grid, '<select name="nc1_status"', html=False)
    data = posted("metrics", metric_local_progress="On track to meet target")
    client.post(section_url("metrics"), data)
    chosen = return_answers(quarterly_return=norfolk_return())["metric_local_progress"]
    assert chosen == "On track to meet target"
    page = client.get(section_url("metrics"))
    assertContains(page, 'value="On track to meet target" checked', html=False)


def test_no_page_shows_hashes_revisions_or_question_ids(signed_in, norfolk):
    client = signed_in("officer.norfolk")
    export = export_run(export_id=export_request(quarterly_return=norfolk, user=None).pk)
    pages = [
        OVERVIEW,
        reverse("return-checklist", args=[NORFOLK, "fy1516_q3"]),
        reverse("return-history", args=[NORFOLK, "fy1516_q3"]),
        reverse("return-export", args=[NORFOLK, "fy1516_q3", export.pk]),
        section_url("non-elective-and-p4p"),
    ]
    for url in pages:
        text = re.sub(r"<[^>]+>", " ", client.get(url).content.decode())  # what is shown
        assert "SHA-256" not in text, url
        assert export.sha256 not in text, url
        assert not re.search(r"\brevision\b", text), url
        assert "p4p_actual_payment_fy1516_q3" not in text, url


def test_dates_are_gov_uk_date_inputs(signed_in):
    client = signed_in("officer.norfolk")
    page = client.get(section_url("budget-arrangements"))
    for box in ("budget_s75_date_day", "budget_s75_date_month", "budget_s75_date_year"):
        assertContains(page, f'name="{box}"')
    assertContains(page, 'class="govuk-date-input"')
    assertContains(page, 'id="budget_s75_date"')  # the day box: links to the question land
    conditions = client.get(section_url("national-conditions"))
    assertContains(conditions, 'name="nc3_date_year"')
    data = posted("budget-arrangements", budget_s75_confirm="No", after="stay")
    data.pop("budget_s75_date", None)
    data |= {"budget_s75_date_day": "31", "budget_s75_date_month": "3",
             "budget_s75_date_year": "2017"}  # fmt: skip
    assert client.post(section_url("budget-arrangements"), data).status_code == 302
    saved = return_answers(quarterly_return=norfolk_return())["budget_s75_date"]
    assert saved.isoformat() == "2017-03-31"
    data |= {"budget_s75_date_day": "31", "budget_s75_date_month": "2"}
    refused = client.post(section_url("budget-arrangements"), data)
    assertContains(refused, "enter a real date, with the day, month and year", status_code=400)
    assertContains(refused, 'name="budget_s75_date_day" type="text" inputmode="numeric" '
                   'value="31"', status_code=400, html=False)  # fmt: skip
