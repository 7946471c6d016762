"""Home is a to-do list: an officer's returns in progress (and the periods not started) with
their deadlines, what awaits a sign-off member, and for an analyst how each period stands
across their areas."""

import datetime
import re

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


def to_do(client) -> dict[str, tuple[str, str]]:
    """The home page's "Waiting for you" list: {title: (hint, status)}."""
    page = client.get(HOME).content.decode()
    items = re.findall(
        r'govuk-task-list__link"[^>]*>([^<]+)</a>\s*<div class="govuk-task-list__hint"[^>]*>'
        r'([^<]+)</div>.*?<strong class="govuk-tag [^"]*">([^<]+)</strong>',
        page,
        re.S,
    )
    return {title: (hint, status) for title, hint, status in items}


def test_an_officer_sees_the_return_in_progress_its_deadline_and_that_it_is_overdue(signed_in):
    client = signed_in("officer.norfolk")
    assertContains(client.get(HOME), "Waiting for you")
    items = to_do(client)
    hint, status = items["Norfolk’s Q3 2015/16 return"]
    assert "Deadline 26 February 2016, 12:00" in hint
    assert status == "Overdue"
    assert not any("Borsetshire" in title for title in items)  # not their area
    deadline_in(10)
    assert to_do(client)["Norfolk’s Q3 2015/16 return"][1] == "In progress"


def test_a_period_the_officers_area_has_not_started_is_on_their_list(signed_in):
    ReportingPeriod.objects.filter(financial_year__start_year=2015, quarter=4).update(
        submission_deadline=timezone.now() + datetime.timedelta(days=30)
    )
    items = to_do(signed_in("officer.other"))
    hint, status = items["Borsetshire’s Q4 2015/16 return"]
    assert hint.startswith("Not started: start it from the area’s page. Deadline ")
    assert status == "Not started"
    assert list(items).index("Borsetshire’s Q4 2015/16 return") == len(items) - 1  # due last
    page = signed_in("officer.other").get(HOME)
    assertContains(page, f'href="{reverse("hwb-area", args=["E99999001"])}#returns"')


def test_a_sign_off_member_sees_what_awaits_their_sign_off(signed_in):
    assert not any("return" in title for title in to_do(signed_in("signoff.norfolk")))
    workflow.return_mark_ready(quarterly_return=norfolk_return(), user=demo_user("officer.norfolk"))
    client = signed_in("signoff.norfolk")
    assertContains(client.get(HOME), f'href="{REVIEW}"')
    hint, status = to_do(client)["Review and sign off Norfolk’s Q3 2015/16 return"]
    assert (hint, status) == ("Ready for sign-off. Deadline 26 February 2016, 12:00", "Overdue")
    officer = to_do(signed_in("officer.norfolk"))
    assert "Norfolk’s Q3 2015/16 return" not in officer  # nothing for the officer while it waits


def test_an_analyst_sees_each_period_across_their_areas(signed_in):
    page = signed_in("analyst").get(HOME)
    assertContains(page, "Returns across your areas")
    assertContains(page, "in the 2 HWB areas you may read")
    assertContains(page, 'govuk-tag--red">2 overdue', html=False)
    assertNotContains(page, "Waiting for you")  # an analyst changes and signs nothing
    deadline_in(10)
    (state,) = [s for s in period_states(user=demo_user("analyst")) if s.period.code == "fy1516_q3"]
    assert (state.areas, state.not_started, state.by_status, state.overdue) == (
        2, 0, {"draft": 2}, 0,
    )  # fmt: skip


def test_each_periods_row_links_its_round_with_its_deadline_and_counts(signed_in):
    """The rows are written in Python (issue 33), as the template wrote them."""
    page = signed_in("analyst").get(HOME).content.decode()
    table = page.split('id="period-states"', 1)[1].split("</tbody>", 1)[0]
    q3 = table.split('href="/national/rounds/fy1516_q3/">Q3 2015/16', 1)[1].split("</tr>", 1)[0]
    assert "Deadline 26 February 2016</span></th>" in q3
    numbers = '<td class="govuk-table__cell govuk-table__cell--numeric">'
    assert q3.split("</th>", 1)[1] == (
        f"{numbers}0</td>{numbers}2</td>{numbers}0</td>{numbers}0</td>{numbers}0</td>"
        f'{numbers}<strong class="govuk-tag govuk-tag--red">2 overdue</strong></td>'
    )  # not started, draft, ready, signed off, submitted, overdue
    q1 = table.split('href="/national/rounds/fy1617_q1/">Q1 2016/17', 1)[1].split("</tr>", 1)[0]
    assert "Assumed date</strong></span></th>" in q1  # no source gives its deadline
    assert q1.split("</th>", 1)[1].startswith(f"{numbers}2</td>")  # neither area started


def test_someone_with_nothing_to_do_sees_no_empty_list(signed_in):
    administrator = signed_in("admin").get(HOME)  # reads no area's returns
    assertNotContains(administrator, "Waiting for you")
    assertNotContains(administrator, "Returns across your areas")


def test_the_questions_left_come_from_the_count_each_save_keeps(signed_in):
    from returns.models import QuarterlyReturn
    from returns.selectors import checks_left, return_state

    for quarterly_return in QuarterlyReturn.objects.all():  # Norfolk's complete, Borsetshire's not
        assert (
            checks_left(quarterly_return)
            == return_state(quarterly_return=quarterly_return).checklist.to_do
        )
    hint, _ = to_do(signed_in("officer.other"))["Borsetshire’s Q3 2015/16 return"]
    borsetshire = QuarterlyReturn.objects.get(hwb_area__ons_code="E99999001")
    assert hint.startswith(f"Draft. {checks_left(borsetshire)} questions still to do.")


def test_an_analyst_who_neither_edits_nor_signs_reads_no_return_for_the_list(demo):
    """Their home grew with every period open: each readable draft was read, and then left
    out (issue 33)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from returns.selectors import returns_to_do

    with CaptureQueriesContext(connection) as queries:
        assert returns_to_do(user=demo_user("analyst.national")) == []
    assert not [q for q in queries.captured_queries if "returns_quarterlyreturn" in q["sql"]]


def test_a_sign_off_member_sees_the_returns_they_signed_off_and_an_officer_does_not(signed_in):
    signed = '<h2 class="govuk-heading-m" id="signed">Returns you signed off</h2>'
    workflow.return_mark_ready(quarterly_return=norfolk_return(), user=demo_user("officer.norfolk"))
    workflow.return_sign_off(quarterly_return=norfolk_return(), user=demo_user("signoff.norfolk"),
                             on_behalf_of="BCF sub-group of the Norfolk HWB")  # fmt: skip
    page = signed_in("signoff.norfolk").get(HOME)
    assertContains(page, signed, html=False)
    assertContains(page, "Norfolk’s Q3 2015/16 return, version 1")
    assertNotContains(signed_in("officer.norfolk").get(HOME), signed, html=False)
