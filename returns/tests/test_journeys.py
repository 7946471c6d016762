"""The officer's and the sign-off member's way through a return: nothing typed is lost, the
page says what the state means for whoever reads it, and buttons lead somewhere."""

import pytest
from django.urls import reverse
from django.utils.html import escape
from pytest_django.asserts import assertContains, assertNotContains, assertRedirects

from conftest import demo_user
from returns.models import ReturnStatus
from returns.selectors import return_answers
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
