"""The scheme register as a spreadsheet: exported, imported back unchanged, and refused
cell by cell (sheet, row, column) with nothing applied unless the whole file is valid."""

import io

import openpyxl
import pytest
from django.urls import reverse
from pytest_django.asserts import assertContains

from conftest import demo_user
from governance.models import RecordChange
from plans.models import Plan
from schemes.models import InvestmentLine, Scheme
from schemes.register import (
    RegisterProblems,
    WorkbookRefused,
    register_import,
    register_workbook_bytes,
)

pytestmark = pytest.mark.django_db

NORFOLK = "E10000020"


@pytest.fixture
def plan(demo):
    return Plan.objects.get(hwb_area__ons_code=NORFOLK, financial_year__start_year=2016)


def _book(plan):
    return openpyxl.load_workbook(io.BytesIO(register_workbook_bytes(plan=plan)))


def _bytes(book) -> bytes:
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _snapshot(plan):
    return (
        list(Scheme.objects.filter(plan=plan).order_by("pk").values()),
        list(InvestmentLine.objects.filter(scheme__plan=plan).order_by("pk").values()),
    )


def test_one_row_per_scheme_and_one_per_investment_line(plan):
    book = _book(plan)
    schemes, lines = book["Schemes"], book["Investment lines"]
    assert schemes.max_row - 1 == 21
    assert [c.value for c in schemes[1]][:5] == [
        "Reference",
        "Name",
        "Lead partner",
        "Theme",
        "Status",
    ]
    nch2 = [row for row in lines.iter_rows(min_row=2, values_only=True) if row[0] == "NCH2"]
    assert [row[2] for row in nch2] == [63424, 805000, 4557000, "?"]


def test_the_register_imported_back_changes_nothing(plan):
    before = _snapshot(plan)
    changes = RecordChange.objects.count()
    officer = demo_user("officer.norfolk")
    content = register_workbook_bytes(plan=plan)
    outcome = register_import(plan=plan, content=content, user=officer, revision=plan.revision)
    assert (len(outcome.unchanged), outcome.created, outcome.updated) == (21, [], [])
    assert _snapshot(plan) == before
    assert RecordChange.objects.count() == changes


def test_an_edited_file_adds_and_changes_schemes_and_replaces_their_lines(plan):
    book = _book(plan)
    book["Schemes"].append(["NCH9", "Discharge to assess", "NCH", "Falls prevention", "Planned"])
    book["Investment lines"].append(["NCH9", "Beds", "£120,000", ""])
    lines = book["Investment lines"]
    for row in lines.iter_rows(min_row=2):
        if row[0].value == "NCH2" and row[2].value == "?":
            row[2].value = 1000
    officer = demo_user("officer.norfolk")
    outcome = register_import(plan=plan, content=_bytes(book), user=officer, revision=plan.revision)
    assert (outcome.created, outcome.updated) == (["NCH9"], ["NCH2"])
    new = Scheme.objects.get(plan=plan, reference="NCH9")
    assert (new.theme, new.status, new.investment_lines.get().amount) == (
        "falls_prevention", "planned", 120_000)  # fmt: skip
    assert not InvestmentLine.objects.filter(scheme__reference="NCH2", amount=None).exists()
    assert RecordChange.objects.filter(source="import").exists()


def test_every_problem_is_reported_by_sheet_row_and_column_and_nothing_is_applied(plan):
    book = _book(plan)
    schemes = book["Schemes"]
    schemes["C3"] = "XYZ"  # not a partner
    schemes["D4"] = "Everything"  # not a theme
    schemes["A5"] = schemes["A2"].value  # a duplicate reference
    schemes["B6"] = None  # no name
    book["Investment lines"].append(["NOPE1", "Something", "12.50", ""])
    book["Investment lines"].append([schemes["A2"].value, "Negative", -5, ""])
    before = _snapshot(plan)
    with pytest.raises(RegisterProblems) as refused:
        register_import(plan=plan, content=_bytes(book), user=None, revision=None)
    found = [str(p) for p in refused.value.problems]
    assert found[0].startswith(
        "Schemes, row 3, column C (Lead partner): “XYZ” is not a partner of Norfolk."
    )
    assert "Schemes, row 4, column D (Theme): “Everything” is not one of:" in found[1]
    assert found[2:] == [
        "Schemes, row 6, column B (Name): this is needed.",
        "Investment lines, row 12, column C (Amount): “12.50” is not an amount: enter pounds, "
        "like 1234, or ? if not known.",
        "Investment lines, row 13, column C (Amount): an amount cannot be negative.",
        f"Schemes, row 5, column A (Reference): {schemes['A2'].value} is also on row 2.",
        "Investment lines, row 12, column A (Scheme reference): NOPE1 is not on the Schemes sheet.",
    ]
    assert _snapshot(plan) == before


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"reference,name\nNCH9,x\n", "This is not an Excel workbook"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100, "old-style Excel file"),
    ],
)
def test_a_file_that_is_not_a_workbook_is_refused(plan, content, message):
    with pytest.raises(WorkbookRefused, match=message):
        register_import(plan=plan, content=content, user=None, revision=None)


def test_a_workbook_without_the_sheets_says_what_is_missing(plan):
    book = openpyxl.Workbook()
    with pytest.raises(RegisterProblems, match="the workbook has no sheet “Schemes”"):
        register_import(plan=plan, content=_bytes(book), user=None, revision=None)


def test_the_upload_page_lists_the_problems_and_changes_nothing(signed_in, plan):
    from django.core.files.uploadedfile import SimpleUploadedFile

    book = _book(plan)
    book["Schemes"]["C3"] = "XYZ"
    client = signed_in("officer.norfolk")
    url = reverse("scheme-register-upload", args=[NORFOLK, 2016])
    upload = SimpleUploadedFile("register.xlsx", _bytes(book))
    response = client.post(url, {"revision": plan.revision, "file": upload})
    assertContains(response, "Schemes, row 3, column C (Lead partner)", status_code=400)
    assertContains(response, "Nothing was changed.", status_code=400)
    good = SimpleUploadedFile("register.xlsx", register_workbook_bytes(plan=plan))
    response = client.post(url, {"revision": plan.revision, "file": good})
    assert response.status_code == 302
    page = client.get(response["Location"])
    assertContains(page, "Scheme register imported: 0 added; 0 changed; 21 unchanged.")
    assert signed_in("analyst").post(url, {"revision": plan.revision}).status_code == 403


def _with_line_amount(plan, amount) -> bytes:
    """The register with one investment line's amount written as a raw cell value."""
    import re

    from tests.hostile import parts, zipped

    book = _book(plan)
    book["Investment lines"]["C2"] = 12345
    files = parts(_bytes(book))
    sheet = "xl/worksheets/sheet2.xml"
    files[sheet] = re.sub(rb'(<c r="C2"[^>]*>)<v>12345</v>', rb"\g<1><v>" + amount + rb"</v>",
                          files[sheet])  # fmt: skip
    return zipped(files)


@pytest.mark.parametrize(
    ("amount", "message"),
    [
        pytest.param(b"1e309", "below £1,000,000,000,000", id="1e309"),
        pytest.param(b"-1e309", "below £1,000,000,000,000", id="-1e309"),
        pytest.param(b"9" * 5000, "below £1,000,000,000,000", id="5,000 digits"),
        pytest.param(b"10000000000000", "below £1,000,000,000,000", id="£10 trillion"),
        pytest.param(b"NaN", "below £1,000,000,000,000", id="NaN"),
    ],
)
def test_amounts_have_the_forms_limit_whatever_the_cell_holds(plan, amount, message):
    before = _snapshot(plan)
    with pytest.raises(RegisterProblems, match=message):
        register_import(plan=plan, content=_with_line_amount(plan, amount), user=None,
                        revision=None)  # fmt: skip
    assert _snapshot(plan) == before


def test_one_import_takes_at_most_200_schemes(plan):
    book = openpyxl.Workbook()
    schemes = book.active
    schemes.title = "Schemes"
    schemes.append(["Reference", "Name", "Lead partner"])
    for n in range(5_000):
        schemes.append([f"X{n}", "A scheme", "NCC"])
    book.create_sheet("Investment lines").append(["Scheme reference", "Description", "Amount"])
    with pytest.raises(RegisterProblems, match="more than 200 rows, the most one import takes"):
        register_import(plan=plan, content=_bytes(book), user=None, revision=None)
    assert not Scheme.objects.filter(reference="X0").exists()


def test_text_no_cell_can_hold_is_refused_by_the_register_and_the_form(plan, signed_in):
    book = _book(plan)
    book["Schemes"]["B2"] = "_x0007_ bell"  # a control character, as Excel escapes it
    with pytest.raises(RegisterProblems, match=r"Schemes, row 2, column B .*invisible control"):
        register_import(plan=plan, content=_bytes(book), user=None, revision=None)
    client = signed_in("officer.norfolk")
    page = client.post(reverse("plan-edit", args=[NORFOLK, 2016, "narrative"]),
                       {"revision": plan.revision, "shared_vision": "Ours\uffff"})  # fmt: skip
    assertContains(page, "invisible control character", status_code=400)
