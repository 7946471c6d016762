"""The export task, sent through the real broker to a real worker process."""

import hashlib
import time
import zipfile

import openpyxl
import pytest
from celery import Celery

from bcfportal.tests.test_worker import broker_url, worker  # noqa: F401 - the fixtures
from returns.models import ExportStatus, QuarterlyReturn, WorkbookExport

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]


def test_a_real_worker_makes_norfolks_workbook(demo, worker, broker_url):  # noqa: F811
    norfolk = QuarterlyReturn.objects.get(hwb_area__ons_code="E10000020")
    export = WorkbookExport.objects.create(quarterly_return=norfolk, revision=norfolk.revision)

    client = Celery("test-client", broker=broker_url, backend=broker_url)
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

    from returns.models import NationalExport

    export = NationalExport.objects.create(
        period=QuarterlyReturn.objects.first().period,
        requested_by=get_user_model().objects.get(username="analyst"),
    )
    client = Celery("test-client", broker=broker_url, backend=broker_url)
    client.send_task("returns.export_national", args=[export.pk], queue=worker).get(timeout=60)
    for _ in range(120):
        export.refresh_from_db()
        if export.status in (ExportStatus.READY, ExportStatus.FAILED):
            break
        time.sleep(0.5)
    assert (export.status, export.done, export.total) == (ExportStatus.READY, 2, 2)
    with export.file.open("rb") as f:
        names = zipfile.ZipFile(f).namelist()
    assert "workbooks/BCF-Q3-2015-16-Norfolk.xlsx" in names


def test_a_real_worker_makes_norfolks_plan_workbook(demo, worker, broker_url):  # noqa: F811
    """The plan workbook goes through the same machinery: its own task, the same worker."""
    from plans.models import Plan, PlanExport

    plan = Plan.objects.get(hwb_area__ons_code="E10000020", financial_year__start_year=2016)
    export = PlanExport.objects.create(plan=plan, revision=plan.revision)
    client = Celery("test-client", broker=broker_url, backend=broker_url)
    status = client.send_task("plans.export_workbook", args=[export.pk], queue=worker)
    assert status.get(timeout=120) == ExportStatus.READY
    export.refresh_from_db()
    book = openpyxl.load_workbook(export.file.path)
    assert book["Schemes"].max_row == 22
