"""Exporting from the browser (a job on the worker) and importing with a preview."""

import datetime
import hashlib
import html
import io
import re

import openpyxl
import pytest
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from returns import exports
from returns.models import Answer, ExportStatus, ReturnStatus, WorkbookExport, WorkbookUpload
from returns.selectors import return_answers
from returns.services import answers_save

from .test_workbook_import import REFUSALS, edited

NORFOLK, PERIOD = "E10000020", "fy1516_q3"


def url(name: str, *args) -> str:
    return reverse(name, args=[NORFOLK, PERIOD, *args])


@pytest.fixture
def export_now(django_capture_on_commit_callbacks):
    """Start an export as the page does and let the (eager) task run once the request commits."""

    def start(client):
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(url("return-export-start"))
        assert response.status_code == 302
        return WorkbookExport.objects.get(pk=response["Location"].rstrip("/").split("/")[-1])

    return start


def test_an_analyst_exports_and_downloads_the_workbook(signed_in, export_now, norfolk):
    norfolk.status = ReturnStatus.SIGNED_OFF
    norfolk.save(update_fields=["status"])
    client = signed_in("analyst")
    export = export_now(client)
    assert export.status == ExportStatus.READY
    page = client.get(url("return-export", export.pk))
    assertContains(page, "Download BCF-Q3-2015-16-Norfolk.xlsx")
    assertNotContains(page, "This is a draft")
    assertNotContains(page, 'http-equiv="refresh"')
    download = client.get(url("return-export-download", export.pk))
    content = b"".join(download.streaming_content)
    assert download["Content-Disposition"] == 'attachment; filename="BCF-Q3-2015-16-Norfolk.xlsx"'
    assert hashlib.sha256(content).hexdigest() == export.sha256
    book = openpyxl.load_workbook(io.BytesIO(content), data_only=True)
    assert book["4. Non-Elective and P4P"]["AB8"].value == 4_866_340
    assert book["1. Cover"]["B2"].value is None


def test_a_drafts_workbook_says_draft_on_its_page_its_cover_and_its_name(
    signed_in, export_now, norfolk
):
    client = signed_in("officer.norfolk")
    draft = export_now(client)
    assert draft.draft
    page = client.get(url("return-export", draft.pk))
    assertContains(page, "NHS England workbook (draft)")
    assertContains(page, "This is a draft: the return was not signed off when this file was made")
    assertContains(page, "Download BCF-Q3-2015-16-Norfolk-DRAFT.xlsx")
    download = client.get(url("return-export-download", draft.pk))
    assert "BCF-Q3-2015-16-Norfolk-DRAFT.xlsx" in download["Content-Disposition"]
    book = openpyxl.load_workbook(io.BytesIO(b"".join(download.streaming_content)))
    assert book["1. Cover"]["B2"].value.startswith("DRAFT: this return has not been signed off")
    assert book.properties.title.startswith("DRAFT ")
    # Signed off at the same revision: exporting again makes a new file, not the draft's.
    norfolk.status = ReturnStatus.SIGNED_OFF
    norfolk.save(update_fields=["status"])
    signed = export_now(client)
    assert (signed.pk != draft.pk, signed.draft, signed.revision) == (True, False, draft.revision)


def test_exporting_an_unchanged_return_again_reuses_the_file(signed_in, export_now, norfolk):
    client = signed_in("officer.norfolk")
    first = export_now(client)
    assert export_now(client).pk == first.pk
    answers_save(quarterly_return=norfolk, values={"cover_completed_by": "Someone"}, user=None,
                 source="form")  # fmt: skip
    second = export_now(client)
    assert second.pk != first.pk
    assert second.revision == first.revision + 1


def test_a_queued_export_says_so_and_refreshes_itself(signed_in, norfolk):
    client = signed_in("analyst")
    response = client.post(url("return-export-start"))  # no commit in this test: not run yet
    page = client.get(response["Location"])
    assertContains(page, "Queued")
    assertContains(page, 'http-equiv="refresh" content="2"')
    download = client.get(f"{response['Location']}download/")
    assert download.status_code == 302  # not ready: back to the status page


def test_a_failed_export_says_why_and_can_be_tried_again(
    signed_in, export_now, monkeypatch, django_capture_on_commit_callbacks
):
    def broken(**kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(exports, "return_workbook_bytes", broken)
    client = signed_in("analyst")
    failed = export_now(client)
    assert failed.status == ExportStatus.FAILED
    page = client.get(url("return-export", failed.pk))
    assertContains(page, "The export failed")
    assertContains(page, "This is a fault in the portal, not in your return")
    assertNotContains(page, "disk full")  # the reason for the log, not for the user
    monkeypatch.undo()
    with django_capture_on_commit_callbacks(execute=True):
        again = client.post(url("return-export-again", failed.pk))
    retried = WorkbookExport.objects.exclude(pk=failed.pk).get()
    assert again["Location"].endswith(f"/exports/{retried.pk}/")
    assert retried.status == ExportStatus.READY


def _as_if_minutes_passed(export, minutes: int) -> None:
    type(export).objects.filter(pk=export.pk).update(
        updated_at=export.updated_at - datetime.timedelta(minutes=minutes)
    )


def test_an_export_no_worker_started_fails_in_time_and_export_makes_a_new_one(
    signed_in, export_now, norfolk
):
    client = signed_in("signoff.norfolk")
    response = client.post(url("return-export-start"))  # not run: no worker took it
    stuck = WorkbookExport.objects.get()
    assert client.get(response["Location"]).status_code == 200
    assert export_now(client).pk == stuck.pk  # still waiting, within its time: reused
    _as_if_minutes_passed(stuck, 4)
    page = client.get(response["Location"])
    assertContains(page, "The export failed")
    assertContains(page, "No worker started making the file within 3 minutes")
    fresh = export_now(client)
    assert fresh.pk != stuck.pk
    assert fresh.status == ExportStatus.READY


def test_the_periodic_sweep_fails_every_kind_of_job_whose_worker_died(demo, norfolk):
    from governance.tasks import expire_stale_jobs
    from national.models import NationalExport
    from plans.models import Plan, PlanExport

    plan = Plan.objects.get(hwb_area=norfolk.hwb_area, financial_year__start_year=2016)
    jobs = [
        WorkbookExport.objects.create(quarterly_return=norfolk, revision=0, status="running"),
        PlanExport.objects.create(plan=plan, revision=0, status="running"),
        NationalExport.objects.create(period=norfolk.period, status="running"),
    ]
    recent = WorkbookExport.objects.create(quarterly_return=norfolk, revision=0, status="running")
    assert expire_stale_jobs() == 0
    for job in jobs:
        _as_if_minutes_passed(job, 15)
    assert expire_stale_jobs() == 3
    for job in jobs:
        job.refresh_from_db()
        assert (job.status, job.error.startswith("The file was not finished")) == ("failed", True)
    recent.refresh_from_db()
    assert recent.status == "running"  # alive: within its time limit


def test_an_officer_uploads_a_workbook_sees_the_change_and_confirms_it(
    signed_in, exported, norfolk
):
    client = signed_in("officer.norfolk")
    changed = edited(exported, **{"4. Non-Elective and P4P!O8": 23300})
    response = client.post(url("return-workbook-upload"), {"workbook": _file(changed)})
    assert response.status_code == 302
    preview = client.get(response["Location"])
    assertContains(preview, "1 answer would change")
    assertContains(preview, "23,268")
    assertContains(preview, "23,300")
    assert return_answers(quarterly_return=norfolk)["nea_actual_fy1516_q3"] == 23268  # not yet
    norfolk.refresh_from_db()
    confirmed = client.post(response["Location"], {"revision": norfolk.revision}, follow=True)
    assertContains(confirmed, "Workbook imported: 1 answer(s) changed.")
    assert return_answers(quarterly_return=norfolk)["nea_actual_fy1516_q3"] == 23300


def test_an_upload_is_read_once_and_its_preview_and_confirmation_use_what_was_read(
    signed_in, exported, norfolk, monkeypatch
):
    client = signed_in("officer.norfolk")
    changed = edited(exported, **{"4. Non-Elective and P4P!O8": 23300})
    response = client.post(url("return-workbook-upload"), {"workbook": _file(changed)})
    upload = WorkbookUpload.objects.get()
    assert upload.values["nea_actual_fy1516_q3"] == "23300"

    def read_again(*args, **kwargs):
        raise AssertionError("the upload was read again")

    monkeypatch.setattr("governance.uploads.reader.Reader.book", read_again)
    upload.file.delete()  # nothing reads the file after the upload
    for _ in range(2):
        assertContains(client.get(response["Location"]), "1 answer would change")
    norfolk.refresh_from_db()
    client.post(response["Location"], {"revision": norfolk.revision})
    assert return_answers(quarterly_return=norfolk)["nea_actual_fy1516_q3"] == 23300


def test_an_upload_kept_without_its_values_asks_for_the_file_again(signed_in, exported, norfolk):
    client = signed_in("officer.norfolk")
    response = client.post(url("return-workbook-upload"), {"workbook": _file(exported)})
    WorkbookUpload.objects.update(values=None)  # as uploads kept before issue 11 are
    before = norfolk.revision
    for page in (client.get(response["Location"]),
                 client.post(response["Location"], {"revision": before})):  # fmt: skip
        assertContains(page, "Upload the workbook again", status_code=410)
    norfolk.refresh_from_db()
    assert norfolk.revision == before


def test_a_confirmation_after_someone_else_saved_shows_the_changes_again(
    signed_in, exported, norfolk
):
    client = signed_in("officer.norfolk")
    workbook = _file(edited(exported, **{"1. Cover!C7": "X"}))
    response = client.post(url("return-workbook-upload"), {"workbook": workbook})
    stale = norfolk.revision
    answers_save(quarterly_return=norfolk, values={"narrative": "Changed meanwhile"}, user=None,
                 source="form")  # fmt: skip
    page = client.post(response["Location"], {"revision": stale})
    assertContains(page, "Someone saved the return since you looked", status_code=409)
    assert return_answers(quarterly_return=norfolk)["cover_completed_by"] == "Sera Hall"


def test_an_unchanged_workbook_has_nothing_to_confirm(signed_in, exported):
    client = signed_in("officer.norfolk")
    response = client.post(url("return-workbook-upload"), {"workbook": _file(exported)})
    assertContains(client.get(response["Location"]), "The workbook matches the return")


def test_bad_cells_are_listed_by_tab_with_the_question(signed_in, exported):
    client = signed_in("officer.norfolk")
    bad = edited(exported, **{"5. I&E!C14": "lots"})
    page = client.post(url("return-workbook-upload"), {"workbook": _file(bad)})
    assert page.status_code == 400
    assertContains(
        page, "5. I&amp;E!C14</strong> — Enter a whole number of pounds", status_code=400
    )
    assertContains(page, "Forecast income into the fund Q1 2015/16", status_code=400)


def test_no_file_is_asked_for(signed_in):
    page = signed_in("officer.norfolk").post(url("return-workbook-upload"), {})
    assertContains(page, "Choose the workbook file to upload", status_code=400)


@pytest.mark.parametrize(("make", "message"), REFUSALS)
def test_a_refused_file_is_explained_and_changes_nothing(signed_in, exported, make, message):
    before = list(Answer.objects.values_list("question_id", "value", "updated_at"))
    page = signed_in("officer.norfolk").post(
        url("return-workbook-upload"), {"workbook": _file(make(exported), "x.xlsx")}
    )
    assert page.status_code == 400
    assert re.search(message, html.unescape(page.content.decode()))
    assert list(Answer.objects.values_list("question_id", "value", "updated_at")) == before
    assert not WorkbookUpload.objects.exists()


def test_another_areas_workbook_is_refused_in_plain_english(signed_in, demo):
    from returns.models import QuarterlyReturn
    from returns.workbook import return_workbook_bytes

    borsetshire = return_workbook_bytes(
        quarterly_return=QuarterlyReturn.objects.get(hwb_area__ons_code="E99999001")
    )
    page = signed_in("officer.norfolk").post(
        url("return-workbook-upload"), {"workbook": _file(borsetshire)}
    )
    assertContains(page, "This workbook is for another HWB area", status_code=400)


@pytest.mark.parametrize("username", ["signoff.norfolk", "analyst"])
def test_only_officers_import(signed_in, exported, username):
    client = signed_in(username)
    assertContains(client.get(url("return-workbook-upload")), "Only a commissioning officer")
    response = client.post(url("return-workbook-upload"), {"workbook": _file(exported)})
    assert response.status_code == 403


@pytest.mark.parametrize("name", ["return-export-start", "return-workbook-upload"])
def test_another_areas_officer_cannot_post_to_norfolks_workbook_pages(signed_in, name):
    assert signed_in("officer.other").post(url(name)).status_code == 404


def _file(content: bytes, name: str = "BCF-Q3-2015-16-Norfolk.xlsx"):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, content)
