"""Deadline reminders: officers of areas not yet ready, and the Board's sign-off members of
returns awaiting them, are e-mailed N days before the deadline and on its day, each once,
and the return's timeline says so."""

import datetime

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from pytest_django.asserts import assertContains

from conftest import demo_user
from national.models import Reminder
from national.reminders import reminders_send
from returns import workflow
from returns.models import QuarterlyReturn, ReportingPeriod

pytestmark = pytest.mark.django_db

DEADLINE = datetime.datetime(2016, 2, 26, 12, 0, tzinfo=timezone.get_current_timezone())


def at(days_before: float) -> datetime.datetime:
    return DEADLINE - datetime.timedelta(days=days_before)


def subjects() -> list[str]:
    return sorted(message.subject for message in mail.outbox)


def test_officers_are_reminded_n_days_before_and_on_the_day_each_once(demo, settings):
    settings.REMINDER_DAYS_BEFORE = 7
    assert (
        ReportingPeriod.objects.get(quarter=3, financial_year__start_year=2015).submission_deadline
        == DEADLINE
    )
    assert reminders_send(now=at(8)) == 0  # too early
    sent = reminders_send(now=at(7))
    # Norfolk's officer and Borsetshire's: both returns are drafts. The 150 areas with no
    # members are looked at again next time, in case someone has joined.
    assert sent == 2
    assert subjects() == [
        "Reminder: Borsetshire’s Q3 2015/16 return is due by 26 February 2016, 12:00",
        "Reminder: Norfolk’s Q3 2015/16 return is due by 26 February 2016, 12:00",
    ]
    norfolk = next(m for m in mail.outbox if "Norfolk" in m.subject)
    assert norfolk.to == ["officer.norfolk@example.org"]
    assert "Every section is completed: send it for sign-off." in norfolk.body
    assert "/areas/E10000020/returns/fy1516_q3/" in norfolk.body
    assert reminders_send(now=at(6)) == 0  # the next hour, the next day: nothing again
    assert reminders_send(now=at(1)) == 0
    assert reminders_send(now=at(0.2)) == 2  # the deadline's day, 09:12
    assert reminders_send(now=at(0.1)) == 0
    assert Reminder.objects.count() == 4
    assert reminders_send(now=at(-1)) == 0  # after the day: no more


def test_a_return_awaiting_sign_off_reminds_the_boards_signers_not_the_officers(demo):
    norfolk = QuarterlyReturn.objects.get(hwb_area__ons_code="E10000020", period__quarter=3)
    workflow.return_mark_ready(quarterly_return=norfolk, user=demo_user("officer.norfolk"))
    mail.outbox.clear()
    reminders_send(now=at(3))
    message = next(m for m in mail.outbox if "Norfolk" in m.subject)
    assert message.subject == "Reminder: Norfolk’s Q3 2015/16 return awaits your sign-off"
    assert message.to == ["signoff.norfolk@example.org"]  # not the partners' signers
    assert "/areas/E10000020/returns/fy1516_q3/sign-off/" in message.body
    workflow.return_sign_off(quarterly_return=norfolk, user=demo_user("signoff.norfolk"),
                             on_behalf_of="The Board")  # fmt: skip
    mail.outbox.clear()
    reminders_send(now=at(0))
    assert not any("Norfolk" in m.subject for m in mail.outbox)  # signed off: no reminder


def test_each_reminder_is_on_the_returns_timeline(signed_in):
    reminders_send(now=at(7))
    page = signed_in("officer.norfolk").get(reverse("return", args=["E10000020", "fy1516_q3"]))
    assertContains(page, "Reminder sent before the deadline")
    assertContains(page, "by the portal, to the commissioning officers (1 person)")


def test_beat_runs_the_reminders_every_hour(settings):
    assert settings.CELERY_BEAT_SCHEDULE["send-reminders"] == {
        "task": "returns.send_reminders", "schedule": 3600.0,
    }  # fmt: skip
    from national.tasks import send_reminders

    assert send_reminders.name == "returns.send_reminders"
