"""Every hostile upload of `tests/hostile.py` is refused with a plain message by every import
that reads workbooks (the return's page and command, the scheme register), never a
traceback or a 500; and the costliest are read within 10 s and 500 MB in a process of their
own."""

from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from governance.uploads import WorkbookRefused
from plans.models import Plan
from returns.models import Answer, WorkbookUpload
from returns.workbook import WorkbookProblems, return_workbook_bytes, workbook_import_preview
from schemes.register import RegisterProblems, register_read

from .hostile import CELL_VALUES, CORPUS, Hostile, read_in_a_process_of_its_own

pytestmark = pytest.mark.django_db

PROJECT = Path(__file__).resolve().parent.parent
NORFOLK = "E10000020"
_made: dict[str, bytes] = {}


def hostile_bytes(hostile: Hostile, norfolk) -> bytes:
    """The hostile file, made once per test run from Norfolk's exported workbook."""
    if hostile.id not in _made:
        _made[hostile.id] = hostile.make(return_workbook_bytes(quarterly_return=norfolk))
    return _made[hostile.id]


def snapshot():
    return list(Answer.objects.order_by("pk").values_list("question_id", "value", "updated_at"))


@pytest.fixture
def norfolk(demo):
    from returns.models import QuarterlyReturn

    return QuarterlyReturn.objects.get(hwb_area__ons_code=NORFOLK, period__quarter=3)


@pytest.mark.parametrize("hostile", CORPUS, ids=lambda h: h.id)
def test_the_return_import_refuses_it_with_a_plain_message(norfolk, hostile):
    content, before = hostile_bytes(hostile, norfolk), snapshot()
    if hostile.refused is None:
        assert workbook_import_preview(quarterly_return=norfolk, content=content).changes == []
        return
    with pytest.raises(WorkbookRefused) as refused:
        workbook_import_preview(quarterly_return=norfolk, content=content)
    assert hostile.refused in str(refused.value)
    assert snapshot() == before


@pytest.mark.parametrize(("make", "where", "message"), [c[1:] for c in CELL_VALUES],
                         ids=[c[0] for c in CELL_VALUES])  # fmt: skip
def test_a_value_no_answer_can_be_is_refused_at_its_cell(norfolk, make, where, message):
    content, before = make(return_workbook_bytes(quarterly_return=norfolk)), snapshot()
    with pytest.raises(WorkbookProblems) as problems:
        workbook_import_preview(quarterly_return=norfolk, content=content)
    assert [str(p) for p in problems.value.problems if str(p).startswith(where)] == [
        f"{where} — {problem.message}" for problem in problems.value.problems
    ]
    assert message in str(problems.value)
    assert snapshot() == before


@pytest.mark.parametrize("hostile", CORPUS, ids=lambda h: h.id)
def test_the_register_import_reads_through_the_same_bounds(norfolk, hostile):
    plan = Plan.objects.get(hwb_area__ons_code=NORFOLK, financial_year__start_year=2016)
    content = hostile_bytes(hostile, norfolk)
    # A return's workbook is not a register: at best it is refused for having no Schemes sheet.
    with pytest.raises((WorkbookRefused, RegisterProblems)) as refused:
        register_read(plan=plan, content=content)
    if hostile.refused is not None and isinstance(refused.value, WorkbookRefused):
        assert hostile.refused.replace("a return", "a scheme register") in str(refused.value)


@pytest.mark.parametrize("hostile", [h for h in CORPUS if h.refused], ids=lambda h: h.id)
def test_the_import_command_refuses_it_and_changes_nothing(norfolk, hostile, tmp_path):
    path = tmp_path / "upload.xlsx"
    path.write_bytes(hostile_bytes(hostile, norfolk))
    before = snapshot()
    with pytest.raises(CommandError, match="Nothing was imported"):
        call_command("import_return", str(path), hwb=NORFOLK, period="fy1516_q3")
    assert snapshot() == before


@pytest.mark.parametrize(
    "hostile", [h for h in CORPUS if h.costly and h.refused], ids=lambda h: h.id
)
def test_the_upload_page_refuses_it_and_keeps_nothing(signed_in, norfolk, hostile):
    client = signed_in("officer.norfolk")
    url = reverse("return-workbook-upload", args=[NORFOLK, "fy1516_q3"])
    upload = SimpleUploadedFile("return.xlsx", hostile_bytes(hostile, norfolk))
    response = client.post(url, {"workbook": upload})
    assert response.status_code == 400
    assert hostile.refused in response.content.decode().replace("&#x27;", "'")
    assert not WorkbookUpload.objects.exists()


@pytest.mark.parametrize("hostile", [h for h in CORPUS if h.costly], ids=lambda h: h.id)
def test_the_costliest_files_are_read_within_10_seconds_and_500_mb(norfolk, hostile):
    """In a process of its own (as a web worker is), so its peak memory is the file's."""
    settings = {"DJANGO_SETTINGS_MODULE": "bcfportal.test_settings"}
    measured = read_in_a_process_of_its_own(hostile_bytes(hostile, norfolk), settings)
    print(hostile.id, measured)
    assert measured["seconds"] < 10
    assert measured["peak_mb"] < 500
    assert (hostile.refused or "read") in measured["outcome"]


def test_cell_addresses_are_read_and_only_short_ones_remembered():
    from governance.uploads.parts import _position, cell_position

    assert cell_position("C14") == (14, 3)
    assert cell_position("$XFD$1048576") == (1_048_576, 16_384)
    assert cell_position("XFE1") is None  # past Excel's last column
    assert cell_position("A0") is None
    remembered = _position.cache_info().currsize
    assert cell_position("A" * 5_000_000 + "1") is None  # a file's "address" of 5 MB
    assert _position.cache_info().currsize == remembered
