"""The exported workbook: NHS England's tabs, names on every cell, live formulas with the
portal's values stored, validations, protection; recalculated by LibreOffice."""

import io
import shutil
import subprocess

import openpyxl
import pytest

from conftest import service_missing
from returns.definitions import Kind
from returns.interchange import return_to_json
from returns.services import answers_save
from returns.workbook import return_workbook_bytes

from .norfolk import Q3

pytestmark = pytest.mark.django_db


@pytest.fixture
def workbook_file(exported):
    return exported


def opened(content: bytes, **options):
    return openpyxl.load_workbook(io.BytesIO(content), **options)


def cell_of(book, id_: str):
    (sheet, address), *_ = book.defined_names[id_].destinations
    return book[sheet][address.replace("$", "")]


def test_the_tabs_are_nhs_englands_in_order_with_lists_hidden(workbook_file):
    book = opened(workbook_file)
    assert book.sheetnames == list(Q3.tabs)
    assert book["Lists"].sheet_state == "hidden"
    assert "midday on 26th February 2016" in book["Guidance"]["B4"].value


def test_every_question_has_a_defined_name_at_its_cell(workbook_file):
    book = opened(workbook_file)
    for question in Q3.questions:
        ((sheet, address),) = book.defined_names[question.id].destinations
        assert sheet == Q3.section_of(question.id).title
        assert address.replace("$", "") == question.cell
    p4p = book["4. Non-Elective and P4P"]
    assert p4p["O8"].value == 23268  # actual Q3 NEAs
    assert p4p["F19"].value == 0  # the locally agreed Q3 payment
    assert p4p["F34"].value == "acute care"
    assert p4p["AR8"].value.startswith("=")  # the suggested Q3 payment, live


def test_stored_values_are_the_portals_for_readers_that_do_not_recalculate(norfolk, workbook_file):
    book = opened(workbook_file, data_only=True)
    exported = return_to_json(quarterly_return=norfolk)["answers"]
    for question in Q3.questions:
        value = cell_of(book, question.id).value
        if question.type.name == "date" and value is not None:
            value = value.strftime("%d/%m/%Y")
        # A blank calculation is stored as the empty text its formula gives.
        assert (None if value == "" else value) == exported[question.id], question.id
    assert book["4. Non-Elective and P4P"]["AB8"].value == 4_866_340


def test_the_checklist_and_cover_are_formulas_with_their_values(workbook_file):
    formulas, values = opened(workbook_file), opened(workbook_file, data_only=True)
    checks = list(formulas["Checklist"].iter_rows(min_row=5, min_col=4, max_col=4))
    assert len([c for (c,) in checks if c.value]) == 142
    assert all(c.value.startswith("=IF(") for (c,) in checks if c.value)
    assert {c.value for (c,) in values["Checklist"].iter_rows(min_row=5, min_col=4, max_col=4)
            if c.value} == {"Yes"}  # fmt: skip
    cover = values["1. Cover"]
    assert [cover.cell(row, 3).value for row in range(15, 24)] == [5, 1, 24, 5, 17, 9, 13, 67, 1]
    assert [cover.cell(row, 5).value for row in range(15, 24)] == ["Yes"] * 9
    link = formulas["Checklist"]["C5"].hyperlink
    assert link.location == "'1. Cover'!$C$5"


def test_every_input_is_validated_and_only_inputs_are_unlocked(workbook_file):
    book = opened(workbook_file)
    for section in Q3.sections:
        sheet = book[section.title]
        assert sheet.protection.sheet, section.title
        validated = set()
        for validation in sheet.data_validations.dataValidation:
            for bounds in validation.sqref.ranges:
                validated.add(bounds.coord)
            if validation.type == "whole":
                assert (validation.formula1, validation.formula2) == ("0", "100000000")
        for question in section.questions:
            cell = sheet[question.cell]
            assert cell.protection.locked is (not question.is_input), question.id
            if question.is_input:
                assert question.cell in validated, question.id
    fills = {q.kind: book[Q3.section_of(q.id).title][q.cell].fill.fgColor.rgb for q in Q3.questions}
    assert fills[Kind.INPUT].endswith("FFFF99")
    assert fills[Kind.PREPOP].endswith("D9D9D9")


def test_money_and_dates_are_formatted_as_the_template_shows_them(workbook_file):
    book = opened(workbook_file)
    assert cell_of(book, "ie_income_actual_q1").number_format == "£#,##0;-£#,##0"
    assert cell_of(book, "nc3_date").number_format == "dd/mm/yyyy"


def test_text_that_looks_like_a_formula_is_written_as_text(norfolk):
    answers_save(quarterly_return=norfolk, values={"ie_commentary": "=SUM(A1:A9)",
                 "narrative": "+44 and -1 and @mention"}, user=None, source="form")  # fmt: skip
    book = opened(return_workbook_bytes(quarterly_return=norfolk))
    assert cell_of(book, "ie_commentary").value == "=SUM(A1:A9)"
    assert cell_of(book, "ie_commentary").data_type == "s"
    assert cell_of(book, "narrative").data_type == "s"


def test_the_workbook_says_which_template_period_and_area_it_is_for(workbook_file):
    names = opened(workbook_file).defined_names
    assert names["bcf_template"].attr_text == '"bcf-q3-2015-16"'
    assert names["bcf_period"].attr_text == '"fy1516_q3"'
    assert names["bcf_hwb"].attr_text == '"E10000020"'


# LibreOffice recalculates the workbook headless: the formulas must agree with the portal.

RECALCULATE_ALWAYS = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
"""  # noqa: E501


def recalculated(content: bytes, tmp_path) -> openpyxl.Workbook:
    """The workbook as LibreOffice Calc computes it."""
    return openpyxl.load_workbook(io.BytesIO(libreoffice_saved(content, tmp_path)), data_only=True)


def libreoffice_saved(content: bytes, tmp_path) -> bytes:
    """The workbook as LibreOffice Calc saves it (told to recalculate every formula).

    LibreOffice has been seen to abort while starting with a new profile (exit status 134,
    SIGABRT, once, on a machine where it had just been installed and two tests started it at
    once): a start that dies of a signal is tried once more, with a profile of its own."""
    soffice = shutil.which("soffice")
    if soffice is None:
        service_missing("LibreOffice is not installed: apt-get install -y libreoffice-calc")
    source, out = tmp_path / "in.xlsx", tmp_path / "out"
    source.write_bytes(content)
    for attempt in (1, 2):
        profile = tmp_path / f"profile-{attempt}"
        (profile / "user").mkdir(parents=True)
        (profile / "user" / "registrymodifications.xcu").write_text(RECALCULATE_ALWAYS)
        done = subprocess.run(
            [soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--norestore",
             "--convert-to", "xlsx:Calc MS Excel 2007 XML", "--outdir", str(out), str(source)],
            check=False, capture_output=True, timeout=180,
        )  # fmt: skip
        if not (done.returncode < 0 or done.returncode > 128):  # not killed by a signal
            break
    assert done.returncode == 0, (
        f"LibreOffice exited with status {done.returncode}: "
        f"{done.stdout.decode(errors='replace')}{done.stderr.decode(errors='replace')}"
    )
    return (out / "in.xlsx").read_bytes()


def without_stored_values(content: bytes, blank: str | None = None) -> bytes:
    """Saved again by openpyxl, which keeps formulas but drops every stored result."""
    book = opened(content)
    if blank:
        cell_of(book, blank).value = None
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def checklist_noes(book) -> list[str]:
    rows = book["Checklist"].iter_rows(min_row=5, min_col=3, max_col=4, values_only=True)
    return [label for label, passes in rows if label and passes != "Yes"]


def cover_flags(book) -> list[str]:
    return [book["1. Cover"].cell(row, 5).value for row in range(15, 24)]


@pytest.mark.libreoffice
def test_libreoffice_recalculates_norfolks_figures_and_an_all_yes_checklist(
    workbook_file, tmp_path
):
    book = recalculated(without_stored_values(workbook_file), tmp_path)
    assert checklist_noes(book) == []
    assert cover_flags(book) == ["Yes"] * 9
    p4p = book["4. Non-Elective and P4P"]
    assert p4p["AB8"].value == 4_866_340
    assert p4p["P8"].value == 3.5
    assert [p4p.cell(8, col).value for col in range(37, 41)] == [-426, -15, -1075, 567]
    assert book["8. New Integration Metrics"]["D28"].value == 12


@pytest.mark.libreoffice
def test_blanking_one_required_input_fails_exactly_that_check(workbook_file, tmp_path):
    book = recalculated(without_stored_values(workbook_file, blank="nc3_date"), tmp_path)
    assert checklist_noes(book) == ["NC3: date if not Yes"]
    assert cover_flags(book) == ["Yes", "Yes", "No", "Yes", "Yes", "Yes", "Yes", "Yes", "Yes"]
    assert book["1. Cover"].cell(17, 3).value == 23
