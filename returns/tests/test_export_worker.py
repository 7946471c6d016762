"""The export task, sent through the real broker to a real worker process."""

import hashlib
import time
import zipfile

import openpyxl
import pytest
from celery import Celery

from governance.tests.test_worker import broker_url, worker, worker_process  # noqa: F401
from returns.models import ExportStatus, QuarterlyReturn, WorkbookExport

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]


def test_a_real_worker_makes_norfolks_workbook(demo, worker, broker_url):  # noqa: F811
    norfolk = QuarterlyReturn.objects.get(hwb_area__ons_code="E10000020", period__quarter=3)
    export = WorkbookExport.objects.create(quarterly_return=norfolk, revision=norfolk.revision)

    client = Celery("test-client", broker=broker_url, backend=broker_url, set_as_current=False)
    status = client.send_task("returns.export_workbook", args=[export.pk], queue=worker)
    assert status.get(timeout=120) == ExportStatus.READY

    export.refresh_from_db()
    with export.file.open("rb") as f:
        content = f.read()
    assert hashlib.sha256(content).hexdigest() == export.sha256
    book = openpyxl.load_workbook(export.file.path, data_only=True)
    assert book["4. Non-Elective and P4P"]["AB8"].value == 4_866_340


def test_real_workers_build_the_national_batch_in_chunks(demo, worker, broker_url):  # noqa: F811
    from django.contrib.auth import get_user_model

    from national.models import NationalExport

    export = NationalExport.objects.create(
        period=QuarterlyReturn.objects.filter(period__quarter=3).first().period,
        requested_by=get_user_model().objects.get(username="analyst"),
        include_drafts=True,  # the demo's returns are drafts
    )
    client = Celery("test-client", broker=broker_url, backend=broker_url, set_as_current=False)
    client.send_task("returns.export_national", args=[export.pk], queue=worker).get(timeout=60)
    for _ in range(120):
        export.refresh_from_db()
        if export.status in (ExportStatus.READY, ExportStatus.FAILED):
            break
        time.sleep(0.5)
    assert (export.status, export.done, export.total) == (ExportStatus.READY, 2, 2)
    with export.file.open("rb") as f:
        names = zipfile.ZipFile(f).namelist()
    assert "workbooks/BCF-Q3-2015-16-Norfolk-DRAFT.xlsx" in names


def test_a_real_worker_makes_norfolks_plan_workbook(demo, worker, broker_url):  # noqa: F811
    """The plan workbook goes through the same machinery: its own task, the same worker."""
    from plans.models import Plan, PlanExport

    plan = Plan.objects.get(hwb_area__ons_code="E10000020", financial_year__start_year=2016)
    export = PlanExport.objects.create(plan=plan, revision=plan.revision)
    client = Celery("test-client", broker=broker_url, backend=broker_url, set_as_current=False)
    status = client.send_task("plans.export_workbook", args=[export.pk], queue=worker)
    assert status.get(timeout=120) == ExportStatus.READY
    export.refresh_from_db()
    book = openpyxl.load_workbook(export.file.path)
    assert book["Schemes"].max_row == 22


def test_a_job_whose_worker_died_is_failed_and_tried_again(
    demo,
    worker_process,  # noqa: F811
    broker_url,  # noqa: F811
    client,
):
    """The worker is killed while it makes the file (held up by a table lock the test takes),
    leaving the job running; once it is past its time limit, its page says it failed and
    why, and "Try again" makes a new one."""
    import datetime
    import os
    import signal

    from django.db import connection
    from django.urls import reverse

    from conftest import demo_user, service_missing

    if connection.vendor != "postgresql":
        service_missing("Holding the worker up mid-export needs PostgreSQL's table locks.")
    queue, process = worker_process
    norfolk = QuarterlyReturn.objects.get(hwb_area__ons_code="E10000020", period__quarter=3)
    export = WorkbookExport.objects.create(quarterly_return=norfolk, revision=norfolk.revision)
    with connection.cursor() as cursor:
        cursor.execute("BEGIN")
        cursor.execute("LOCK TABLE returns_answer IN ACCESS EXCLUSIVE MODE")
        Celery("test-client", broker=broker_url, set_as_current=False).send_task(
            "returns.export_workbook", args=[export.pk], queue=queue
        )
        for _ in range(120):  # the worker has started it, and waits for the answers
            if WorkbookExport.objects.get(pk=export.pk).status == ExportStatus.RUNNING:
                break
            time.sleep(0.5)
        os.kill(process.pid, signal.SIGKILL)
        process.wait(timeout=30)
        cursor.execute("ROLLBACK")
    assert WorkbookExport.objects.get(pk=export.pk).status == ExportStatus.RUNNING
    # Some minutes later: past the task's time limit and the margin.
    WorkbookExport.objects.filter(pk=export.pk).update(
        updated_at=export.created_at - datetime.timedelta(seconds=WorkbookExport.time_limit + 61)
    )
    client.force_login(demo_user("analyst"))
    args = ["E10000020", "fy1516_q3"]
    page = client.get(reverse("return-export", args=[*args, export.pk]))
    assert "The export failed" in page.content.decode()
    assert "the process making it stopped" in page.content.decode()
    again = client.post(reverse("return-export-again", args=[*args, export.pk]))
    retried = WorkbookExport.objects.exclude(pk=export.pk).get()
    assert again["Location"].endswith(f"/exports/{retried.pk}/")
    assert retried.status == ExportStatus.READY  # made in this process: tasks are eager here
