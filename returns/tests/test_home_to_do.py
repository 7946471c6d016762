"""Home is a to-do list: an officer's returns in progress with their deadlines, what awaits
a sign-off member, and for an analyst how each period stands across their areas."""

import datetime

from django.urls import reverse
from django.utils import timezone
from pytest_django.asserts import assertContains, assertNotContains

from conftest import demo_user
from returns import workflow
from returns.models import ReportingPeriod
from returns.selectors import period_states

from .test_section_pages import norfolk_return

HOME = reverse("home")
REVIEW = reverse("return-review", args=["E10000020", "fy1516_q3"])


def deadline_in(days: int) -> None:
    ReportingPeriod.objects.update(submission_deadline=timezone.now() + datetime.timedelta(days))


def test_an_officer_sees_the_return_in_progress_its_deadline_and_that_it_is_overdue(signed_in):
    page = signed_in("officer.norfolk").get(HOME)
    assertContains(page, "Waiting for you")
    assertContains(page, "Norfolk’s Q3 2015/16 return</a>", html=False)
    assertContains(page, "Deadline 26 February 2016, 12:00")
    assertContains(page, 'govuk-tag--red">Overdue', html=False)
    assertNotContains(page, "Borsetshire’s")  # not their area
    deadline_in(10)
    page = signed_in("officer.norfolk").get(HOME)
    assertNotContains(page, "Overdue")
    assertContains(page, 'govuk-tag--light-blue">In progress', html=False)


def test_a_sign_off_member_sees_what_awaits_their_sign_off(signed_in):
    page = signed_in("signoff.norfolk").get(HOME)
    assertNotContains(page, "Waiting for you")  # a draft is the officers' to do
    workflow.return_mark_ready(quarterly_return=norfolk_return(), user=demo_user("officer.norfolk"))
    page = signed_in("signoff.norfolk").get(HOME)
    assertContains(page, f'href="{REVIEW}"')
    assertContains(page, "Review and sign off Norfolk’s Q3 2015/16 return")
    officer = signed_in("officer.norfolk").get(HOME)
    assertNotContains(officer, "Waiting for you")  # nothing for the officer while it waits


def test_an_analyst_sees_each_period_across_their_areas(signed_in):
    page = signed_in("analyst").get(HOME)
    assertContains(page, "Returns across your areas")
    assertContains(page, "in the 2 HWB areas you may read")
    assertContains(page, 'govuk-tag--red">2 overdue', html=False)
    deadline_in(10)
    (state,) = period_states(user=demo_user("analyst"))
    assert (state.areas, state.not_started, state.by_status, state.overdue) == (
        2, 0, {"draft": 2}, 0,
    )  # fmt: skip


def test_someone_with_nothing_to_do_sees_no_empty_list(signed_in):
    page = signed_in("officer.other").get(HOME)
    assertContains(page, "Borsetshire’s Q3 2015/16 return")
    administrator = signed_in("admin").get(HOME)  # reads no area's returns
    assertNotContains(administrator, "Waiting for you")
    assertNotContains(administrator, "Returns across your areas")
