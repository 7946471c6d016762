"""Files are kept only as long as they are needed: uploads never applied and superseded or
failed exports go after FILE_RETENTION_DAYS; submitted workbooks and the newest file of each
return, plan and analyst's period stay."""

import datetime

import pytest
from django.utils import timezone

from conftest import demo_user
from national.exports import national_request, national_run
from national.models import NationalExport
from plans.exports import plan_export_run
from plans.models import Plan, PlanExport
from returns import workflow
from returns.exports import export_run, upload_receive
from returns.models import WorkbookExport, WorkbookUpload
from returns.tasks import purge_old_files

pytestmark = pytest.mark.django_db
BODY = "BCF sub-group of the Norfolk Health and Wellbeing Board"


def aged(*records, days=31):
    """Made `days` ago, each a minute after the one before."""
    start = timezone.now() - datetime.timedelta(days=days)
    for minutes, record in enumerate(records):
        type(record).objects.filter(pk=record.pk).update(
            created_at=start + datetime.timedelta(minutes=minutes)
        )


def exists(record) -> bool:
    return type(record).objects.filter(pk=record.pk).exists() and (
        not record.file or record.file.storage.exists(record.file.name)
    )


def workbook(norfolk):
    export = WorkbookExport.objects.create(quarterly_return=norfolk, revision=norfolk.revision)
    return export_run(export_id=export.pk)


def test_old_uploads_never_applied_and_superseded_files_go(norfolk, settings):
    settings.FILE_RETENTION_DAYS = 30
    source = workbook(norfolk)
    content = source.file.read()
    never_applied, recent = (
        upload_receive(quarterly_return=norfolk, content=content, name=n, user=None)
        for n in ("old.xlsx", "new.xlsx")
    )
    applied = upload_receive(quarterly_return=norfolk, content=content, name="a.xlsx", user=None)
    WorkbookUpload.objects.filter(pk=applied.pk).update(applied_at=timezone.now())
    first, failed, newest = workbook(norfolk), workbook(norfolk), workbook(norfolk)
    WorkbookExport.objects.filter(pk=failed.pk).update(status="failed")
    plan = Plan.objects.get(hwb_area=norfolk.hwb_area, financial_year__start_year=2016)
    plan_old, plan_new = (
        plan_export_run(export_id=PlanExport.objects.create(plan=plan, revision=0).pk)
        for _ in range(2)
    )
    analyst = demo_user("analyst")
    national = [national_request(period=norfolk.period, user=analyst) for _ in range(2)]
    for export in national:
        national_run(export_id=export.pk)
    national = [NationalExport.objects.get(pk=e.pk) for e in national]
    # Each older than the next: `newest` is the newest workbook, `plan_new` the newest plan's.
    aged(never_applied, applied, source, first, failed, newest, plan_old, plan_new, *national)

    removed = purge_old_files()

    assert removed == {"uploads": 1, "workbooks": 3, "plan workbooks": 1, "national exports": 1}
    for gone in (never_applied, source, first, failed, plan_old, national[0]):
        assert not exists(gone), gone
    for kept in (recent, applied, newest, plan_new, national[1]):
        assert exists(kept), kept  # recent, confirmed, or the newest of its kind


def test_a_submitted_workbook_is_kept_for_good(norfolk, settings):
    """A submission keeps its own copy of the workbook: no purge of exports touches it."""
    settings.FILE_RETENTION_DAYS = 30
    workflow.return_mark_ready(quarterly_return=norfolk, user=demo_user("officer.norfolk"))
    workflow.return_sign_off(quarterly_return=norfolk, user=demo_user("signoff.norfolk"),
                             on_behalf_of=BODY)  # fmt: skip
    norfolk.refresh_from_db()
    exported, later = workbook(norfolk), workbook(norfolk)
    workflow.return_submit(quarterly_return=norfolk, user=demo_user("signoff.norfolk"))
    submission = norfolk.versions.get().submission
    aged(exported, later, days=400)
    purge_old_files()
    assert not exists(exported)  # superseded by the newer export
    assert exists(later)
    assert submission.file.storage.exists(submission.file.name)
