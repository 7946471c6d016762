"""Analysts' national batch: a zip of every readable return's workbook plus one dataset."""

import csv
import hashlib
import io
import zipfile

import openpyxl
import pandas as pd
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from pytest_django.asserts import assertContains

from national import exports as national
from national.models import NationalExport
from returns.interchange import return_to_json
from returns.models import ExportStatus, ReturnStatus
from returns.services import answers_save
from returns.tests.norfolk import Q3


@pytest.fixture
def build(django_capture_on_commit_callbacks):
    """Start the national export as the page does; the (eager) task runs once it commits."""

    def start(client, period="fy1516_q3", include_drafts=True):
        """The demo's returns are drafts, so by default these tests ask for drafts too."""
        data = {"include_drafts": "yes"} if include_drafts else {}
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(reverse("national-start", args=[period]), data)
        assert response.status_code == 302
        return NationalExport.objects.latest("created_at")

    return start


def contents(export) -> zipfile.ZipFile:
    with export.file.open("rb") as f:
        return zipfile.ZipFile(io.BytesIO(f.read()))


def test_an_analyst_gets_every_granted_areas_workbook_and_one_dataset(signed_in, build, norfolk):
    client = signed_in("analyst")
    assertContains(client.get(reverse("home")), "National exports")
    export = build(client)
    assert (export.status, export.done, export.total) == (ExportStatus.READY, 2, 2)
    archive = contents(export)
    assert sorted(archive.namelist()) == [
        "dataset-fy1516_q3.csv",
        "dataset-fy1516_q3.xlsx",
        "workbooks/BCF-Q3-2015-16-Borsetshire-DRAFT.xlsx",
        "workbooks/BCF-Q3-2015-16-Norfolk-DRAFT.xlsx",
    ]
    dataset = pd.read_csv(archive.open("dataset-fy1516_q3.csv"))
    assert list(dataset.columns) == ["hwb_name", "ons_code", "status", "revision"] + [
        q.id for q in Q3.questions
    ]
    assert list(dataset["hwb_name"]) == ["Borsetshire", "Norfolk"]
    row = dataset[dataset["ons_code"] == "E10000020"].iloc[0]
    expected = return_to_json(quarterly_return=norfolk)["answers"]
    assert row["p4p_total_fund"] == expected["p4p_total_fund"] == 4_866_340
    assert row["nea_plan_pct_change"] == 3.5
    assert row["narrative"] == expected["narrative"]
    excel = pd.read_excel(archive.open("dataset-fy1516_q3.xlsx"))
    assert excel.shape == (2, 4 + len(Q3.questions))
    page = client.get(reverse("national-export", args=[export.pk]))
    assertContains(page, "2 of 2 returns (100%)")
    assertContains(page, "Download BCF-Q3-2015-16-national-with-DRAFTS.zip")
    assertContains(page, "This export includes returns that are not signed off")


def test_by_default_the_national_export_holds_signed_off_returns_only(signed_in, build, norfolk):
    norfolk.status = ReturnStatus.SIGNED_OFF
    norfolk.save(update_fields=["status"])
    client = signed_in("analyst")
    home = client.get(reverse("national"))
    assertContains(home, "Include drafts, labelled DRAFT")
    export = build(client, include_drafts=False)
    assert (export.done, export.total, export.include_drafts) == (1, 1, False)
    archive = contents(export)
    assert "workbooks/BCF-Q3-2015-16-Norfolk.xlsx" in archive.namelist()
    assert not any("Borsetshire" in name for name in archive.namelist())
    dataset = pd.read_csv(archive.open("dataset-fy1516_q3.csv"))
    assert list(dataset["status"]) == ["signed_off"]
    signed = openpyxl.load_workbook(archive.open("workbooks/BCF-Q3-2015-16-Norfolk.xlsx"))
    assert signed["1. Cover"]["B2"].value is None
    page = client.get(reverse("national-export", args=[export.pk]))
    assertContains(page, "Download BCF-Q3-2015-16-national.zip")
    assertContains(page, "Signed-off and submitted returns only.")
    with_drafts = contents(build(client))
    draft = openpyxl.load_workbook(
        with_drafts.open("workbooks/BCF-Q3-2015-16-Borsetshire-DRAFT.xlsx")
    )
    assert draft["1. Cover"]["B2"].value.startswith("DRAFT: this return has not been signed off")


def test_the_csv_does_not_let_a_comment_run_as_a_formula(signed_in, build, norfolk):
    answers_save(quarterly_return=norfolk, values={"ie_commentary": '=HYPERLINK("http://x")'},
                 user=None, source="form")  # fmt: skip
    archive = contents(build(signed_in("analyst")))
    csv = pd.read_csv(archive.open("dataset-fy1516_q3.csv"))
    assert (
        csv.loc[csv.ons_code == "E10000020", "ie_commentary"].item() == '\'=HYPERLINK("http://x")'
    )
    excel = pd.read_excel(archive.open("dataset-fy1516_q3.xlsx"))
    assert (
        excel.loc[excel.ons_code == "E10000020", "ie_commentary"].item() == '=HYPERLINK("http://x")'
    )


@pytest.mark.parametrize(
    "text", ["\uff1d1+1", " =1+1", "\uff0bSUM(A1)", "\uff0d1", "\uff20SUM(A1)", "\n=1"], ids=repr
)
def test_full_width_and_spaced_formula_starts_are_neutralised_too(signed_in, build, norfolk, text):
    answers_save(quarterly_return=norfolk, values={"ie_commentary": text}, user=None,
                 source="form")  # fmt: skip
    archive = contents(build(signed_in("analyst")))
    csv = pd.read_csv(archive.open("dataset-fy1516_q3.csv"), keep_default_na=False)
    stored = return_to_json(quarterly_return=norfolk)["answers"]["ie_commentary"]
    assert csv.loc[csv.ons_code == "E10000020", "ie_commentary"].item() == "'" + stored


@pytest.mark.parametrize(
    ("chunk", "seen_before_each", "updates"), [(10, [0, 0], 1), (1, [0, 1], 2)]
)
def test_progress_is_counted_once_per_part_not_once_per_return(
    signed_in, build, monkeypatch, chunk, seen_before_each, updates
):
    seen = []
    real = national.state_workbook_bytes

    def watching(*, state):
        seen.append(NationalExport.objects.latest("created_at").done)
        return real(state=state)

    monkeypatch.setattr(national, "state_workbook_bytes", watching)
    monkeypatch.setattr(national, "CHUNK", chunk)
    client = signed_in("analyst")
    with CaptureQueriesContext(connection) as queries:
        export = build(client)
    progress = [
        q["sql"] for q in queries if q["sql"].startswith("UPDATE") and '"done" = (' in q["sql"]
    ]
    assert (seen, len(progress), export.done, export.total) == (seen_before_each, updates, 2, 2)


def test_a_chunk_reads_in_six_queries_whatever_its_size_and_none_sorts_the_answers(
    signed_in, build, monkeypatch
):
    """The export with its requester; the areas they may still read; the returns; their
    confirmations; their answers, in the order the database finds them (each return's put in
    order in Python); and the progress. A query is a round trip a chunk waits on, and a
    batch of 150 areas makes four chunks (issue 33)."""
    chunks = []
    real = national.national_chunk

    def watched(**kwargs):
        with CaptureQueriesContext(connection) as queries:
            chunks.append((real(**kwargs), queries))
        return chunks[-1][0]

    from national import tasks

    monkeypatch.setattr(tasks, "national_chunk", watched)
    assert build(signed_in("analyst")).status == ExportStatus.READY
    [(result, queries)] = chunks
    assert result["count"] == 2
    assert len(queries) == 6
    [answers] = [q["sql"] for q in queries if 'FROM "returns_answer"' in q["sql"]]
    assert "ORDER BY" not in answers


def test_a_parts_dataset_rows_stay_in_storage_not_in_the_task_result(signed_in, build, monkeypatch):
    results = []
    real = national.national_chunk
    monkeypatch.setattr(
        national, "national_chunk", lambda **kw: results.append(real(**kw)) or results[-1]
    )
    from national import tasks

    monkeypatch.setattr(tasks, "national_chunk", national.national_chunk)
    build(signed_in("analyst"))
    assert [sorted(result) for result in results] == [["count", "part"]]
    assert results[0]["count"] == 2


def test_a_parts_dataset_rows_are_stored_as_they_are(signed_in, build, monkeypatch):
    """The finish reads every part's rows alone, after the last chunk: rows stored as they
    are cost it no inflating, nor the chunk any deflating (a part lives moments)."""
    from django.core.files.storage import default_storage

    parts = []
    monkeypatch.setattr(default_storage, "delete", parts.append)  # kept to be looked at
    assert build(signed_in("analyst")).status == ExportStatus.READY
    with default_storage.open(parts[0], "rb") as stored, zipfile.ZipFile(stored) as part:
        rows = [part.getinfo(name) for name in (national.ROWS_CSV, national.ROWS_XML)]
        assert [entry.compress_type for entry in rows] == [zipfile.ZIP_STORED] * 2
        rows = list(csv.reader(io.StringIO(part.read(national.ROWS_CSV).decode())))
        assert [row[:2] for row in rows] == [["Borsetshire", "E99999001"], ["Norfolk", "E10000020"]]


def chunks_as(monkeypatch, change):
    """Every chunk's keyword arguments passed through `change` first; the sheet rows the
    batch numbers (`dataset.sheet_rows`), each by who numbers them and their first row."""
    from national import tasks

    numbered, by = [], ["chunk"]
    real_chunk, real_rows, real_finish = (
        national.national_chunk, national.sheet_rows, national.national_finish
    )  # fmt: skip

    def finish(**kw):
        by[0] = "finish"
        return real_finish(**kw)

    def rows(text, first):
        numbered.append((by[0], first))
        return real_rows(text, first)

    monkeypatch.setattr(tasks, "national_chunk", lambda **kw: real_chunk(**change(kw)))
    monkeypatch.setattr(tasks, "national_finish", finish)
    monkeypatch.setattr(national, "sheet_rows", rows)
    monkeypatch.setattr(national, "CHUNK", 1)  # Borsetshire, then Norfolk
    return numbered


def dataset_rows(export) -> tuple[list, list, int]:
    """The dataset's CSV rows and XLSX rows (area and code), and the sheet's last row."""
    with export.file.open("rb") as kept:
        data = kept.read()
    assert (export.sha256, export.size) == (hashlib.sha256(data).hexdigest(), len(data))
    archive = contents(export)
    lines = list(csv.reader(io.StringIO(archive.read("dataset-fy1516_q3.csv").decode())))
    sheet = openpyxl.load_workbook(archive.open("dataset-fy1516_q3.xlsx")).active
    cells = [[cell.value for cell in row[:2]] for row in sheet.iter_rows()]
    assert archive.testzip() is None  # every entry's CRC-32 as it says
    return [line[:2] for line in lines], cells, sheet.max_row


HEADED = [["hwb_name", "ons_code"], ["Borsetshire", "E99999001"], ["Norfolk", "E10000020"]]


def test_each_chunk_numbers_and_deflates_its_own_rows_and_the_finish_lays_them_together(
    signed_in, build, monkeypatch
):
    numbered = chunks_as(monkeypatch, lambda kw: kw)
    export = build(signed_in("analyst"))
    assert numbered == [("chunk", 2), ("chunk", 3)]  # each told its first row
    assert dataset_rows(export) == (HEADED, HEADED, 3)


def test_a_return_gone_between_the_plan_and_its_chunk_leaves_no_gap_in_the_dataset(
    signed_in, build, monkeypatch
):
    gone = {"return_ids": [], "number": 0}  # Borsetshire's chunk finds no return
    numbered = chunks_as(monkeypatch, lambda kw: {**kw, **gone} if kw["number"] == 0 else kw)
    export = build(signed_in("analyst"))
    # Each chunk numbered its rows as planned (Borsetshire's none from row 2, Norfolk's from
    # row 3); the finish numbers Norfolk's row 2 itself.
    assert numbered == [("chunk", 2), ("chunk", 3), ("finish", 2)]
    assert dataset_rows(export) == ([HEADED[0], HEADED[2]], [HEADED[0], HEADED[2]], 2)


def test_chunks_queued_before_they_were_told_their_first_row_are_numbered_by_the_finish(
    signed_in, build, monkeypatch
):
    """A batch planned before an upgrade sends chunks without `first_row`."""
    numbered = chunks_as(monkeypatch, lambda kw: {**kw, "first_row": None})
    export = build(signed_in("analyst"))
    assert numbered == [("finish", 2), ("finish", 3)]  # the chunks being told nothing
    assert dataset_rows(export) == (HEADED, HEADED, 3)


def test_an_officer_only_gets_their_own_areas_and_no_national_page(signed_in):
    client = signed_in("officer.norfolk")
    assert client.get(reverse("national")).status_code == 403
    assert client.post(reverse("national-start", args=["fy1516_q3"])).status_code == 403


def test_an_analysts_export_is_theirs_alone(signed_in, build, demo):
    export = build(signed_in("analyst"))
    from django.contrib.auth import get_user_model

    from governance.models import Membership, Role

    other = get_user_model().objects.create_user("analyst.two", password="x")
    Membership.objects.create(user=other, role=Role.ANALYST, hwb_area=export.requested_by
                              .memberships.first().hwb_area)  # fmt: skip
    client = signed_in("analyst.two")
    assert client.get(reverse("national-export", args=[export.pk])).status_code == 404
    assert client.get(reverse("national-export-download", args=[export.pk])).status_code == 404


def test_a_failed_national_export_says_so(signed_in, build, monkeypatch):
    def broken(*, state):
        raise RuntimeError("boom")

    monkeypatch.setattr(national, "state_workbook_bytes", broken)
    client = signed_in("analyst")
    export = build(client)
    assert export.status == ExportStatus.FAILED
    assertContains(client.get(reverse("national-export", args=[export.pk])), "The export failed")


def test_an_analyst_who_loses_an_area_cannot_download_the_export_that_holds_it(signed_in, build):
    from governance.models import Membership

    client = signed_in("analyst")
    export = build(client)
    download = reverse("national-export-download", args=[export.pk])
    assert client.get(download).status_code == 200
    Membership.objects.filter(user__username="analyst", hwb_area__ons_code="E99999001").delete()
    client = signed_in("analyst")  # the next request reads the user's areas afresh
    refused = client.get(download)
    assertContains(refused, "can no longer see every HWB area", status_code=403)
    page = client.get(reverse("national-export", args=[export.pk]))
    assertContains(page, "Build a new export")
    fresh = build(client)
    assert fresh.areas == [export.requested_by.memberships.get().hwb_area_id]
    assert client.get(reverse("national-export-download", args=[fresh.pk])).status_code == 200


def test_a_returns_dataset_row_is_written_once_for_the_same_answers(norfolk):
    """A worker's next batch writes the answer columns only of returns changed since: the
    same answers give the same texts, kept; a changed answer is written again."""
    from national.dataset import answer_texts, state_answer_texts
    from returns.interchange import answers_json
    from returns.models import QuarterlyReturn
    from returns.selectors import return_states

    def state():
        return return_states(returns=[QuarterlyReturn.objects.get(pk=norfolk.pk)])[0]

    first = state_answer_texts(state())
    assert state_answer_texts(state()) is first
    answers = answers_json(state=state())
    assert first == answer_texts([answers[q.id] for q in state().definition.questions])
    norfolk.answers.filter(question_id="cover_completed_by").update(value="Someone Else")
    changed = state_answer_texts(state())
    assert changed is not first
    assert "Someone Else" in changed[0]


def test_the_finish_takes_each_stored_workbook_as_it_lies_in_its_part():
    """The finish reads a chunk's workbooks past their local headers, as stored; anything
    else in a part (deflated, or cut short) is refused, not copied wrong."""
    content = b"PK\x03\x04 an .xlsx is a zip already" * 50
    part = io.BytesIO()
    with zipfile.ZipFile(part, "w", zipfile.ZIP_STORED) as archive:
        archive.writestr("workbooks/first.xlsx", b"first")
        archive.writestr(zipfile.ZipInfo("workbooks/Ñorfolk – long name.xlsx"), content)
        archive.writestr("rows.csv", "a,b\n" * 100, compress_type=zipfile.ZIP_DEFLATED)
    with zipfile.ZipFile(part) as archive:
        first, second, rows = archive.infolist()
        assert national._stored_bytes(part, second) == content
        assert national._stored_bytes(part, first) == b"first"
        with pytest.raises(ValueError, match="not stored"):
            national._stored_bytes(part, rows)
    cut = io.BytesIO(part.getvalue()[: second.header_offset + 100])
    with pytest.raises(ValueError, match="cut short"):
        national._stored_bytes(cut, second)
    second.header_offset += 1
    with pytest.raises(ValueError, match="no local header"):
        national._stored_bytes(part, second)
