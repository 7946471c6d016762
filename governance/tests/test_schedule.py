"""A dead scheduler is visible: each task of beat's schedule records its runs, and the admin's
"Scheduled tasks" page shows one overdue once its last run is older than twice its interval."""

from datetime import timedelta

import pytest
from celery import current_app
from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from pytest_django.asserts import assertContains

from governance.models import PeriodicRun

pytestmark = pytest.mark.django_db
PAGE = reverse("admin:governance_periodicrun_changelist")


def run_the_schedule_once() -> None:
    """Every task of the schedule, run as beat has the worker run it (in-process here)."""
    current_app.loader.autodiscover_tasks(["governance", "plans", "returns"])
    for entry in settings.CELERY_BEAT_SCHEDULE.values():
        current_app.tasks[entry["task"]].apply()


def row(page, name: str) -> str:
    html = page.content.decode()
    start = html.index(f'<th scope="row">{name}<br>')
    return html[start : html.index("</tr>", start)]


def test_every_scheduled_task_records_its_run_and_shows_on_time(signed_in):
    run_the_schedule_once()
    tasks = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert set(PeriodicRun.objects.exclude(finished_at=None).values_list("task", flat=True)) == (
        tasks
    )
    page = signed_in("admin").get(PAGE)
    for name in settings.CELERY_BEAT_SCHEDULE:
        assert "On time" in row(page, name), name
    assert "overdue" not in page.content.decode().split("<table")[0]


def test_with_beat_stopped_a_task_is_overdue_after_twice_its_interval(signed_in):
    run_the_schedule_once()
    every = timedelta(seconds=settings.CELERY_BEAT_SCHEDULE["send-reminders"]["schedule"])
    reminders = PeriodicRun.objects.filter(task="returns.send_reminders")
    reminders.update(finished_at=timezone.now() - 2 * every + timedelta(minutes=1))
    assert "On time" in row(signed_in("admin").get(PAGE), "send-reminders")  # not yet
    reminders.update(finished_at=timezone.now() - 2 * every - timedelta(minutes=1))
    page = signed_in("admin").get(PAGE)
    assert "<strong>Overdue</strong>" in row(page, "send-reminders")
    assertContains(page, "1 of 5 scheduled tasks overdue")


def test_a_task_never_run_is_overdue_and_a_failed_run_says_why(signed_in, monkeypatch):
    from governance import tasks

    def broken(**kwargs):
        raise RuntimeError("the database went away")

    monkeypatch.setattr(tasks, "stale_expire_all", broken)
    monkeypatch.setitem(current_app.conf, "task_eager_propagates", False)
    current_app.tasks["governance.expire_stale_jobs"].apply()
    page = signed_in("admin").get(PAGE)
    assert "Overdue</strong>: never run" in row(page, "send-outbox")
    assert "the database went away" in row(page, "expire-stale-jobs")


def test_only_administrators_see_the_schedule(signed_in):
    assert signed_in("analyst.national").get(PAGE).status_code == 302  # to the admin's sign-in
