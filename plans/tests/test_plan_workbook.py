"""The plan workbook: made on the worker as return workbooks are, with the plan's figures
and the scheme register's own sheets."""

import io

import openpyxl
import pytest
from django.urls import reverse

from governance.models import ExportStatus
from plans.models import Plan

pytestmark = pytest.mark.django_db

NORFOLK = "E10000020"


@pytest.fixture
def export(django_capture_on_commit_callbacks):
    """Ask for the plan workbook; the task runs (eagerly) once the request commits."""

    def ask(client):
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(reverse("plan-export-start", args=[NORFOLK, 2016]))
        return client.get(response["Location"])  # the export's page, the task having run

    return ask


def test_an_officer_exports_the_plan_and_downloads_its_workbook(signed_in, export):
    client = signed_in("officer.norfolk")
    assert export(client).status_code == 200
    plan = Plan.objects.get(hwb_area__ons_code=NORFOLK, financial_year__start_year=2016)
    made = plan.exports.get()
    assert made.status == ExportStatus.READY
    assert len(made.sha256) == 64
    # Asked again with nothing changed: the same file.
    export(client)
    assert plan.exports.count() == 1
    download = client.get(reverse("plan-export-download", args=[NORFOLK, 2016, made.pk]))
    assert download["Content-Disposition"] == (
        'attachment; filename="BCF-plan-2016-17-Norfolk.xlsx"'
    )
    book = openpyxl.load_workbook(io.BytesIO(b"".join(download.streaming_content)))
    assert book.sheetnames == ["Plan", "Contributions", "Fund by quarter", "Expenditure",
                               "Conditions", "Narrative", "Metrics", "Schemes",
                               "Investment lines"]  # fmt: skip
    contributions = list(book["Contributions"].iter_rows(values_only=True))
    assert contributions[-1][:3] == ("Total", 63_573_469, 62_461_000)
    assert book["Schemes"].max_row == 22
    assert book["Conditions"].max_row == 9  # eight conditions
    plan_sheet = dict(book["Plan"].iter_rows(min_row=2, values_only=True))
    assert plan_sheet["Pooled fund total"] == 63_573_469
    assert plan_sheet["Signed on behalf of Norfolk Health and Wellbeing Board"] == "Not signed"


def test_a_changed_plan_gets_a_new_file(signed_in, export):
    from plans.services import plan_narrative_save

    client = signed_in("officer.norfolk")
    export(client)
    plan = Plan.objects.get(hwb_area__ons_code=NORFOLK, financial_year__start_year=2016)
    plan_narrative_save(plan=plan, user=None, revision=None, values={"shared_vision": "New"})
    export(client)
    assert list(plan.exports.values_list("revision", flat=True)) == [1, 0]


def test_a_failure_is_told_in_plain_english_and_can_be_retried(signed_in, monkeypatch, export):
    from plans import exports

    def broken(*, plan):
        raise RuntimeError("disk full")

    monkeypatch.setattr(exports, "plan_workbook_bytes", broken)
    client = signed_in("analyst")
    response = export(client)
    assert b"The plan workbook could not be made" in response.content
    assert b"Try again" in response.content
