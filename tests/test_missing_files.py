"""A file the database knows and the file store has lost (a database restored without its
media) is a page that says so and offers to make it again, never a 500."""

import pytest
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from conftest import demo_user
from national.models import NationalExport
from plans.models import PlanExport
from returns import workflow
from returns.models import ExportStatus, QuarterlyReturn, WorkbookExport

pytestmark = pytest.mark.django_db
NORFOLK, PERIOD = "E10000020", "fy1516_q3"


def lost(export) -> None:
    """The file deleted from the file store, its record kept."""
    export.file.storage.delete(export.file.name)


def made(client, start_url: str, data: dict, model, capture):
    with capture(execute=True):
        client.post(start_url, data)
    export = model.objects.latest("created_at")
    assert export.status == ExportStatus.READY
    return export


EXPORTS = {  # how it is started, its page, its download
    "return": (
        WorkbookExport, reverse("return-export-start", args=[NORFOLK, PERIOD]), {},
        lambda pk: reverse("return-export", args=[NORFOLK, PERIOD, pk]),
        lambda pk: reverse("return-export-download", args=[NORFOLK, PERIOD, pk]),
    ),
    "plan": (
        PlanExport, reverse("plan-export-start", args=[NORFOLK, 2016]), {},
        lambda pk: reverse("plan-export", args=[NORFOLK, 2016, pk]),
        lambda pk: reverse("plan-export-download", args=[NORFOLK, 2016, pk]),
    ),
    "national": (
        NationalExport, reverse("national-start", args=[PERIOD]), {"include_drafts": "yes"},
        lambda pk: reverse("national-export", args=[pk]),
        lambda pk: reverse("national-export-download", args=[pk]),
    ),
}  # fmt: skip


@pytest.mark.parametrize("kind", EXPORTS)
def test_a_lost_export_says_so_and_is_made_again(
    signed_in, django_capture_on_commit_callbacks, kind
):
    model, start, data, page_url, download_url = EXPORTS[kind]
    client = signed_in("analyst")
    export = made(client, start, data, model, django_capture_on_commit_callbacks)
    lost(export)
    download = client.get(download_url(export.pk))
    assert download.status_code == 302  # to its page, which says what happened
    assert download["Location"] == page_url(export.pk)
    page = client.get(page_url(export.pk))
    assertContains(page, "The file is missing")
    assertContains(page, "Make it again")
    assertNotContains(page, download_url(export.pk))  # no download offered
    again = made(client, start, data, model, django_capture_on_commit_callbacks)
    assert again.pk != export.pk  # a new file, not the lost one reused
    assert client.get(download_url(again.pk)).status_code == 200


def test_a_lost_submitted_workbook_says_so_and_offers_one_made_from_the_version(signed_in):
    norfolk = QuarterlyReturn.objects.get(hwb_area__ons_code=NORFOLK, period__quarter=3)
    workflow.return_mark_ready(quarterly_return=norfolk, user=demo_user("officer.norfolk"))
    workflow.return_sign_off(quarterly_return=norfolk, user=demo_user("signoff.norfolk"),
                             on_behalf_of="The Board")  # fmt: skip
    norfolk.refresh_from_db()
    workflow.return_submit(quarterly_return=norfolk, user=demo_user("signoff.norfolk"))
    submission = norfolk.versions.get().submission
    lost(submission)
    client = signed_in("analyst")
    url = reverse("return-version-workbook", args=[NORFOLK, PERIOD, 1])
    page = client.get(url)
    assertContains(page, "The submitted workbook is missing", status_code=404)
    assertContains(page, submission.sha256, status_code=404)
    remade = client.get(f"{url}?made=yes")
    assert remade.status_code == 200
    assert remade["Content-Disposition"].startswith("attachment")
