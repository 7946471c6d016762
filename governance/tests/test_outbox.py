"""A broker that is down strands nothing: every task the portal sends after a commit (return,
plan and national exports, e-mails about steps and password resets, a round's opening) is
kept when the broker refuses it, the request answers as usual, and the sweep sends it once
the broker is back."""

from datetime import timedelta

import pytest
from celery import current_app
from django.urls import reverse

from conftest import demo_user
from governance.models import OutboxTask
from governance.outbox import outbox_send_all
from national.models import NationalExport
from plans.models import PlanExport
from returns.models import (
    ExportStatus,
    QuarterlyReturn,
    ReportingPeriod,
    WorkbookExport,
)

pytestmark = pytest.mark.django_db

REFUSING = "redis://127.0.0.1:1/0"  # nothing listens on port 1: the connection is refused


def _fresh_connections() -> None:
    """Celery keeps its broker connections: made again from the settings now in force."""
    current_app._pool = None
    current_app.amqp._producer_pool = None


@pytest.fixture
def broker_down(monkeypatch):
    """Tasks go to a broker that refuses the connection, as with Redis stopped. Returns a
    function that brings it back (tasks then run in-process, as the test settings do)."""
    monkeypatch.setitem(current_app.conf, "task_always_eager", False)
    monkeypatch.setitem(current_app.conf, "broker_write_url", REFUSING)  # what tasks go to
    _fresh_connections()

    def back() -> None:
        monkeypatch.undo()
        _fresh_connections()

    yield back
    back()


def _export_return(client):
    client.post(reverse("return-export-start", args=["E10000020", "fy1516_q3"]))
    return lambda: WorkbookExport.objects.get().status


def _export_plan(client):
    client.post(reverse("plan-export-start", args=["E10000020", 2016]))
    return lambda: PlanExport.objects.get().status


def _export_national(client):
    client.post(reverse("national-start", args=["fy1516_q3"]), {"include_drafts": "yes"})
    return lambda: NationalExport.objects.get().status


ACTIONS = {  # what is asked for, as whom, and what says it was done in the end
    "return export": ("analyst", _export_return),
    "plan export": ("analyst", _export_plan),
    "national export": ("analyst", _export_national),
}


@pytest.mark.parametrize("action", ACTIONS)
def test_an_export_asked_for_while_the_broker_is_down_is_made_once_it_is_back(
    signed_in, broker_down, django_capture_on_commit_callbacks, action
):
    username, ask = ACTIONS[action]
    client = signed_in(username)
    with django_capture_on_commit_callbacks(execute=True):
        status = ask(client)  # no 500: the page answers as usual
    assert status() == ExportStatus.QUEUED
    (kept,) = OutboxTask.objects.all()
    assert kept.attempts == 1
    assert outbox_send_all(older_than=timedelta(0)) == 0  # still down: kept for later
    broker_down()  # back
    assert outbox_send_all(older_than=timedelta(0)) == 1
    assert status() == ExportStatus.READY
    assert not OutboxTask.objects.exists()


def test_e_mails_and_a_rounds_opening_wait_for_the_broker_too(
    signed_in, broker_down, django_capture_on_commit_callbacks, mailoutbox
):
    from returns import workflow

    norfolk = QuarterlyReturn.objects.get(hwb_area__ons_code="E10000020", period__quarter=3)
    period = ReportingPeriod.objects.get(quarter=3, financial_year__start_year=2015)
    with django_capture_on_commit_callbacks(execute=True):
        workflow.return_mark_ready(quarterly_return=norfolk, user=demo_user("officer.norfolk"))
    with django_capture_on_commit_callbacks(execute=True):
        signed_in("admin").post(
            reverse("admin:returns_reportingperiod_changelist"),
            {"action": "open_round", "_selected_action": [period.pk]},
        )
    with django_capture_on_commit_callbacks(execute=True):
        response = signed_in("officer.norfolk").post(
            reverse("password_reset"), {"email": demo_user("officer.norfolk").email}
        )
    assert response.status_code == 302
    assert sorted(OutboxTask.objects.values_list("name", flat=True)) == [
        "governance.send_password_reset", "returns.notify", "returns.open_round",
    ]  # fmt: skip
    assert mailoutbox == []
    assert QuarterlyReturn.objects.filter(period=period).count() == 2
    broker_down()  # back
    assert outbox_send_all(older_than=timedelta(0)) == 3
    assert QuarterlyReturn.objects.filter(period=period).count() == 152
    subjects = [message.subject for message in mailoutbox]
    assert "Ready for sign-off: Norfolk's Q3 2015/16 return" in subjects
    assert "Set a new password for the BCF portal" in subjects


def test_the_sweep_leaves_what_a_request_is_still_sending(broker_down):
    OutboxTask.objects.create(name="governance.health_check")
    broker_down()
    assert outbox_send_all() == 0  # too new: its own request may still be sending it
    assert outbox_send_all(older_than=timedelta(0)) == 1
