"""A period's deadline and closing date: late after the deadline, closed after the closing date
unless an administrator granted the area an extension; several rounds open at once."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from pytest_django.asserts import assertContains, assertNotContains

from conftest import demo_user
from national.rounds import round_open, round_status
from returns import workflow
from returns.models import Extension, ReportingPeriod, ReturnStatus
from returns.selectors import period_by_code

pytestmark = pytest.mark.django_db
NORFOLK = "E10000020"


def close(days_ago: int = 1) -> ReportingPeriod:
    period = period_by_code("fy1516_q3")
    period.closes_at = timezone.now() - datetime.timedelta(days=days_ago)
    period.save()
    return period


def extend(period, days: int) -> Extension:
    from governance.models import HwbArea

    return Extension.objects.create(
        period=period, hwb_area=HwbArea.objects.get(ons_code=NORFOLK),
        until=timezone.now() + datetime.timedelta(days=days), reason="The Board met late.",
        granted_by=demo_user("admin"),
    )  # fmt: skip


def test_after_the_closing_date_a_return_cannot_be_marked_ready(norfolk):
    close()
    with pytest.raises(workflow.TransitionRefused, match=r"The Q3 2015/16 round closed on .* "
                       r"The area has no extension"):  # fmt: skip
        workflow.return_mark_ready(quarterly_return=norfolk, user=demo_user("officer.norfolk"))
    norfolk.refresh_from_db()
    assert norfolk.status == ReturnStatus.DRAFT


def test_nor_signed_off_and_an_extension_lets_the_area_finish_until_its_date(norfolk):
    workflow.return_mark_ready(quarterly_return=norfolk, user=demo_user("officer.norfolk"))
    period = close()
    signer = demo_user("signoff.norfolk")
    with pytest.raises(workflow.TransitionRefused, match="round closed"):
        workflow.return_sign_off(quarterly_return=norfolk, user=signer, on_behalf_of="The Board")
    extension = extend(period, days=-1)  # granted, but already over
    with pytest.raises(workflow.TransitionRefused, match="Its extension ended on"):
        workflow.return_sign_off(quarterly_return=norfolk, user=signer, on_behalf_of="The Board")
    extension.until = timezone.now() + datetime.timedelta(days=7)
    extension.save()
    workflow.return_sign_off(quarterly_return=norfolk, user=signer, on_behalf_of="The Board")
    norfolk.refresh_from_db()
    assert norfolk.status == ReturnStatus.SIGNED_OFF


def test_the_return_page_says_the_round_has_closed(signed_in, norfolk):
    close()
    page = signed_in("officer.norfolk").get(reverse("return", args=[NORFOLK, "fy1516_q3"]))
    assertContains(page, "Round closes")
    assertContains(page, "Only an administrator can grant one")


def test_round_status_shows_the_extended_areas(signed_in, norfolk):
    period = close()
    extend(period, days=7)
    state = round_status(period=period, user=demo_user("analyst"))
    assert state.closed
    assert state.extended == 1
    norfolk_row = next(row for row in state.rows if row.area.ons_code == NORFOLK)
    assert norfolk_row.extended_until is not None
    page = signed_in("analyst").get(reverse("round-status", args=["fy1516_q3"]))
    assertContains(page, "1 area has an extension")
    assertContains(page, "Extended to")


def test_several_rounds_are_open_at_once_and_each_shows_on_the_home_page(signed_in):
    q4, q1 = period_by_code("fy1516_q4"), period_by_code("fy1617_q1")
    now = timezone.now()
    assert not q1.is_open(now)
    round_open(period=q4)
    round_open(period=q1)
    q4.refresh_from_db()
    q1.refresh_from_db()
    assert q4.is_open(now) and q1.is_open(now)  # noqa: PT018
    q4.closes_at = now - datetime.timedelta(hours=1)
    q4.save()
    assert not q4.is_open(now) and q1.is_open(now)  # noqa: PT018
    national = signed_in("analyst").get(reverse("national")).content.decode()
    q1_row = national[national.index("Q1 2016/17<span") :][:400]
    q4_row = national[national.index("Q4 2015/16<span") :][:400]
    assert ">Open</strong>" in q1_row
    assert ">Closed</strong>" in q4_row
    home = signed_in("officer.norfolk").get(reverse("home"))
    assertContains(home, "Norfolk’s Q1 2016/17 return")
    assertContains(home, "Norfolk’s Q4 2015/16 return")


def test_an_assumed_deadline_says_so_beside_the_date(signed_in):
    round_open(period=period_by_code("fy1617_q1"))
    page = signed_in("officer.norfolk").get(reverse("return", args=[NORFOLK, "fy1617_q1"]))
    assertContains(page, "Assumed date")
    assertContains(page, "no source found gives this deadline")
    q3 = signed_in("officer.norfolk").get(reverse("return", args=[NORFOLK, "fy1516_q3"]))
    assertNotContains(q3, "Assumed date")


def test_a_return_lists_its_reconstructed_questions_and_q3_has_none(signed_in):
    round_open(period=period_by_code("fy1516_q4"))
    client = signed_in("officer.norfolk")
    page = client.get(reverse("return", args=[NORFOLK, "fy1516_q4"]))
    assertContains(page, "139 questions of this template are reconstructed")
    assertContains(page, "7. Year End Feedback")
    assertContains(page, 'Statement 1: how far you agree <span class="govuk-hint govuk-!-display-'
                   'inline">(I-L)</span>', html=False)  # fmt: skip
    q3 = client.get(reverse("return", args=[NORFOLK, "fy1516_q3"]))
    assertNotContains(q3, "reconstructed")


def test_two_rounds_due_together_each_send_their_own_reminders(demo, settings):
    from django.core import mail

    from national.reminders import reminders_send

    settings.REMINDER_DAYS_BEFORE = 7
    due = timezone.now() + datetime.timedelta(days=3)
    ReportingPeriod.objects.filter(financial_year__start_year=2015, quarter=4).update(
        submission_deadline=due
    )
    ReportingPeriod.objects.filter(financial_year__start_year=2016, quarter=1).update(
        submission_deadline=due
    )
    reminders_send(now=timezone.now())
    norfolk = sorted(m.subject for m in mail.outbox if "Norfolk" in m.subject)
    assert [s.split(" is ")[0] for s in norfolk] == [
        "Reminder: Norfolk’s Q1 2016/17 return",  # not started
        "Reminder: Norfolk’s Q4 2015/16 return",  # started from Q3 by the demo
    ]
    assert reminders_send(now=timezone.now()) == 0  # each once
