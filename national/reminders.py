"""Reminders of a period's deadline, sent by Celery beat (`returns.send_reminders`).

`REMINDER_DAYS_BEFORE` days before a period's deadline, and again on the deadline's day,
the commissioning officers of each area whose return is not yet ready (or not started) are
reminded, and the Board's sign-off members of each area whose return awaits their
sign-off. Each is sent once: a `Reminder` row per area, period, moment and audience, made
in the transaction that sends it, so running the task again (every hour) sends nothing new.
Every reminder shows on the return's timeline.
"""

import datetime

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from governance.mail import area_recipients, send_each
from governance.models import HwbArea, Role
from returns.models import SIGNED_STATUSES, QuarterlyReturn, ReportingPeriod, ReturnStatus
from returns.selectors import checks_left, deadline_words

from .models import Reminder, ReminderAudience, ReminderMoment


def reminder_moment(period: ReportingPeriod, now: datetime.datetime, days: int) -> str | None:
    """Which reminder is due for the period now: on the deadline's day, in the days before
    it, or none."""
    deadline_day = timezone.localtime(period.submission_deadline).date()
    today = timezone.localtime(now).date()
    if today == deadline_day:
        return ReminderMoment.DEADLINE
    if deadline_day - datetime.timedelta(days=days) <= today < deadline_day:
        return ReminderMoment.BEFORE
    return None


def reminder_message(*, area, period, quarterly_return, audience: str, moment: str):
    name = f"{area.name}’s {period.label} return"
    due = f"due by {deadline_words(period.submission_deadline)}"
    when = "today" if moment == ReminderMoment.DEADLINE else due
    if audience == ReminderAudience.SIGNERS:
        subject = f"Reminder: {name} awaits your sign-off"
        body = (f"{name} is ready for sign-off and is {due}. Review it and sign it off on "
                "behalf of the Board, or send it back with your reasons:")  # fmt: skip
        page = reverse("return-review", args=[area.ons_code, period.code])
    else:
        subject = f"Reminder: {name} is {'due today' if when == 'today' else due}"
        if quarterly_return is None:
            state = "It has not been started."
            page = reverse("hwb-area", args=[area.ons_code]) + "#returns"
        else:
            left = checks_left(quarterly_return)
            state = (f"It is a draft with {left} question{'s' if left != 1 else ''} still to do."
                     if left else "Every section is completed: send it for sign-off.")  # fmt: skip
            page = reverse("return", args=[area.ons_code, period.code])
        body = f"{name} is {due}. {state} You can finish it here:"
    return subject, f"{body}\n\n{settings.PORTAL_URL}{page}"


def reminders_send(*, now: datetime.datetime | None = None) -> int:
    """Send every reminder due now and not yet sent; how many went out (e-mails)."""
    now = now or timezone.now()
    days = settings.REMINDER_DAYS_BEFORE
    sent = 0
    for period in ReportingPeriod.objects.select_related("financial_year"):
        moment = reminder_moment(period, now, days)
        if moment is None:
            continue
        returns = {r.hwb_area_id: r for r in QuarterlyReturn.objects.filter(period=period)}
        done = set(Reminder.objects.filter(period=period, moment=moment).values_list(
            "hwb_area", "audience"))  # fmt: skip
        for area in HwbArea.objects.order_by("name"):
            quarterly_return = returns.get(area.pk)
            status = quarterly_return.status if quarterly_return else None
            if status in SIGNED_STATUSES:
                continue
            audience = (ReminderAudience.SIGNERS if status == ReturnStatus.READY
                        else ReminderAudience.OFFICERS)  # fmt: skip
            if (area.pk, audience) in done:
                continue
            to = (area_recipients(area, (Role.SIGN_OFF_MEMBER,), partners=False)
                  if audience == ReminderAudience.SIGNERS
                  else area_recipients(area, (Role.COMMISSIONING_OFFICER,)))  # fmt: skip
            if not to:
                continue  # no one to remind yet: looked at again on the next run
            with transaction.atomic():
                _, created = Reminder.objects.get_or_create(
                    hwb_area=area, period=period, moment=moment, audience=audience,
                    defaults={"sent_to": len(to)},
                )  # fmt: skip
                if created:
                    sent += send_each(*reminder_message(
                        area=area, period=period, quarterly_return=quarterly_return,
                        audience=audience, moment=moment,
                    ), to)  # fmt: skip
    return sent
