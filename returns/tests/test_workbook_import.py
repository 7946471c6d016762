"""Reading a filled-in workbook back: cell-level errors, refusals that change nothing, and
export-then-import changing nothing."""

import io

import openpyxl
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from hypothesis import HealthCheck, given, settings

from returns.models import Answer, QuarterlyReturn
from returns.services import answers_save
from returns.workbook import (
    WorkbookProblems,
    WorkbookRefused,
    return_workbook_bytes,
    workbook_import_apply,
    workbook_import_preview,
)
from tests.hostile import parts, zipped

from .norfolk import Q3
from .test_interchange import RETURN_VALUES

pytestmark = pytest.mark.django_db


def edited(content: bytes, **cells) -> bytes:
    """The workbook with cells changed by openpyxl: edited(x, **{"5. I&E!C14": 5})."""
    book = openpyxl.load_workbook(io.BytesIO(content))
    for address, value in cells.items():
        sheet, cell = address.split("!")
        book[sheet][cell].value = value
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def snapshot():
    return list(Answer.objects.order_by("pk").values_list("question_id", "value", "updated_at"))


def test_an_exported_workbook_imports_back_with_no_change(norfolk, exported):
    preview = workbook_import_preview(quarterly_return=norfolk, content=exported)
    assert preview.changes == []
    assert set(preview.values) == {q.id for q in Q3.questions if q.is_input}  # every input read


def test_one_edited_figure_is_exactly_the_change_shown_and_applied(norfolk, exported):
    content = edited(exported, **{"4. Non-Elective and P4P!O8": 23300})
    preview = workbook_import_preview(quarterly_return=norfolk, content=content)
    assert [(c.question.id, c.current, c.new) for c in preview.changes] == [
        ("nea_actual_fy1516_q3", "23,268", "23,300")
    ]
    before = norfolk.revision
    applied = workbook_import_apply(
        quarterly_return=norfolk, values=preview.values, user=None, base_revision=before
    )
    assert applied == ["nea_actual_fy1516_q3"]
    norfolk.refresh_from_db()
    assert norfolk.revision == before + 1
    assert Answer.objects.get(question_id="nea_actual_fy1516_q3").source == "workbook"


def test_bad_cells_are_listed_by_tab_and_cell_and_nothing_changes(norfolk, exported):
    content = edited(
        exported,
        **{"5. I&E!C14": "abc", "1. Cover!C8": "nope", "3. National Conditions!H10": "31/02/2016"},
    )
    before = snapshot()
    with pytest.raises(WorkbookProblems) as problems:
        workbook_import_preview(quarterly_return=norfolk, content=content)
    assert [str(p) for p in problems.value.problems] == [
        "1. Cover!C8 — Enter an e-mail address in the right format, like name@example.gov.uk.",
        "3. National Conditions!H10 — Enter a real date as DD/MM/YYYY, like 31/03/2016.",
        "5. I&E!C14 — Enter a whole number of pounds, like £1,234 or 1234, without pence.",
    ]
    assert problems.value.problems[0].question.label == "E-Mail"
    assert snapshot() == before


def test_values_are_found_by_address_when_the_names_were_lost(norfolk, exported):
    book = openpyxl.load_workbook(io.BytesIO(exported))
    for name in list(book.defined_names):
        if not name.startswith("bcf_"):
            del book.defined_names[name]
    book["4. Non-Elective and P4P"]["O8"].value = 1
    buffer = io.BytesIO()
    book.save(buffer)
    preview = workbook_import_preview(quarterly_return=norfolk, content=buffer.getvalue())
    assert [c.question.id for c in preview.changes] == ["nea_actual_fy1516_q3"]


def _with_macros(content: bytes) -> bytes:
    files = parts(content)
    files["xl/vbaProject.bin"] = b"\x00" * 64
    files["[Content_Types].xml"] = files["[Content_Types].xml"].replace(
        b"</Types>",
        b'<Default Extension="bin" ContentType="application/vnd.ms-office.vbaProject"/></Types>',
    )
    return zipped(files)


def _with_entities(content: bytes) -> bytes:
    files = parts(content)
    laughs = (
        b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;">]>'
    )
    name = "xl/sharedStrings.xml"
    files[name] = laughs + files[name].split(b"?>", 1)[1]
    return zipped(files)


def _zip_bomb(content: bytes) -> bytes:
    files = parts(content)
    files["xl/media/padding.xml"] = b"\x00" * (150 * 1024 * 1024)
    return zipped(files)


def _named(name: str, value: str):
    """A change to the workbook: the defined name `name` holds `value` instead."""

    def change(content: bytes) -> bytes:
        book = openpyxl.load_workbook(io.BytesIO(content))
        book.defined_names[name].attr_text = f'"{value}"'
        buffer = io.BytesIO()
        book.save(buffer)
        return buffer.getvalue()

    return change


def _not_the_template(content: bytes) -> bytes:
    book = openpyxl.Workbook()
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


REFUSALS = [
        pytest.param(lambda c: b"just some text", "not an Excel workbook", id="not xlsx"),
        pytest.param(lambda c: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600,
                     r"old-style Excel file \(\.xls\)", id="xls"),
        pytest.param(lambda c: c[: len(c) // 2], "not an Excel workbook", id="truncated"),
        pytest.param(lambda c: c + b"\x00" * (10 * 1024 * 1024), "largest a return can be is 10 MB",
                     id="over 10 MB"),
        pytest.param(_zip_bomb, "expands to far more data", id="zip bomb"),
        pytest.param(_with_entities, "XML declarations", id="XML entities"),
        pytest.param(_with_macros, "contains macros", id="macros"),
        pytest.param(_named("bcf_template", "bcf-q4-2015-16"), "template ‘bcf-q4-2015-16’",
                     id="another template"),
        pytest.param(_named("bcf_period", "fy1516_q2"), "period fy1516_q2", id="another period"),
        pytest.param(_not_the_template, "has no tab ‘Guidance’", id="another workbook"),
]  # fmt: skip


@pytest.mark.parametrize(("make", "message"), REFUSALS)
def test_a_file_that_is_not_this_returns_workbook_is_refused_and_nothing_changes(
    norfolk, exported, make, message
):
    before = snapshot()
    with pytest.raises(WorkbookRefused, match=message):
        workbook_import_preview(quarterly_return=norfolk, content=make(exported))
    assert snapshot() == before


def test_another_areas_workbook_is_refused(norfolk, exported):
    borsetshire = QuarterlyReturn.objects.get(hwb_area__ons_code="E99999001")
    with pytest.raises(WorkbookRefused, match="another HWB area \\(E10000020\\)"):
        workbook_import_preview(quarterly_return=borsetshire, content=exported)


def test_the_import_command_reads_a_workbook_and_fails_like_the_json_import(
    norfolk, exported, tmp_path, capsys
):
    good = tmp_path / "norfolk.xlsx"
    good.write_bytes(edited(exported, **{"1. Cover!C7": "A. N. Other"}))
    call_command("import_return", str(good), hwb="E10000020", period="fy1516_q3")
    assert "1 answer(s) changed" in capsys.readouterr().out
    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(edited(exported, **{"5. I&E!C14": "abc"}))
    with pytest.raises(CommandError, match="Nothing was imported: 1 problem"):
        call_command("import_return", str(bad), hwb="E10000020", period="fy1516_q3")
    assert "5. I&E!C14 — Enter a whole number of pounds" in capsys.readouterr().err


def test_the_export_command_writes_the_same_workbook(norfolk, tmp_path):
    out = tmp_path / "norfolk.xlsx"
    call_command("export_return", hwb="E10000020", period="fy1516_q3", format="xlsx", output=out)
    book = openpyxl.load_workbook(out, data_only=True)
    assert book["4. Non-Elective and P4P"]["AB8"].value == 4_866_340


@settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(values=RETURN_VALUES)
def test_export_then_import_changes_nothing_for_any_return(norfolk, values):
    answers_save(
        quarterly_return=norfolk, values=values, user=None, source="form", prepopulated=True
    )
    content = return_workbook_bytes(quarterly_return=norfolk)
    preview = workbook_import_preview(quarterly_return=norfolk, content=content)
    assert preview.changes == []
    inputs = {id_ for id_ in values if id_ in preview.values}
    assert {i: preview.values[i] for i in inputs} == {i: values[i] for i in inputs}


def _round_trip(norfolk, values: dict) -> None:
    answers_save(
        quarterly_return=norfolk, values=values, user=None, source="form", prepopulated=True
    )
    content = return_workbook_bytes(quarterly_return=norfolk)
    preview = workbook_import_preview(quarterly_return=norfolk, content=content)
    assert preview.changes == []
    assert {i: preview.values[i] for i in values if i in preview.values} == {
        i: v for i, v in values.items() if i in preview.values
    }


INPUTS = [q for q in Q3.questions if q.is_input]


def test_every_choice_value_survives_the_round_trip(norfolk):
    choices = [q for q in INPUTS if q.type.choices]
    for turn in range(max(len(q.type.choices) for q in choices)):
        _round_trip(norfolk, {q.id: q.type.choices[turn % len(q.type.choices)] for q in choices})


def test_empty_and_longest_values_survive_the_round_trip(norfolk):
    _round_trip(norfolk, {q.id: None for q in INPUTS})
    texts = [q for q in INPUTS if q.type.widget == "textarea" or q.type.name == "text"]
    _round_trip(norfolk, {q.id: "=" + "x" * (q.type.max_length - 1) for q in texts})


@pytest.mark.parametrize(
    "text",
    ["_x0041_ stays as typed", "_x005F_ and _x000D_", "tab\tand\nline", "“quotes” ≠ £ €",
     "_x", "x_x0041", "emoji 🙂 and astral \U0001d518\U0001d52b"],
    ids=repr,
)  # fmt: skip
def test_any_text_a_cell_can_hold_comes_back_exactly(norfolk, text):
    _round_trip(norfolk, {"narrative": text, "cover_completed_by": text[:255]})


@pytest.mark.parametrize("text", ["\uffff", "a\ufffeb", "\x00", "\x07bell"], ids=repr)
def test_text_no_cell_can_hold_is_refused_as_it_arrives(norfolk, text):
    from returns.services import AnswersRefused, answers_import

    with pytest.raises(AnswersRefused, match="invisible control character"):
        answers_import(quarterly_return=norfolk, raw={"narrative": text}, user=None)


def test_a_minus_zero_percentage_is_stored_as_zero(norfolk):
    from returns.services import answers_import

    answers_import(quarterly_return=norfolk, raw={"nim_phb_chc_pct": "-0%"}, user=None)
    assert Answer.objects.get(question_id="nim_phb_chc_pct").value == "0"


@pytest.mark.parametrize(
    ("year", "accepted"), [(1901, False), (1999, False), (2000, True), (2099, True), (9999, False)]
)
def test_a_workbook_date_has_the_same_limits_as_a_typed_one(norfolk, exported, year, accepted):
    import datetime

    content = edited(exported, **{"3. National Conditions!H10": datetime.datetime(year, 3, 31)})
    if accepted:
        values = workbook_import_preview(quarterly_return=norfolk, content=content).values
        assert values["nc3_date"] == datetime.date(year, 3, 31)
    else:
        with pytest.raises(WorkbookProblems, match="Enter a date between 01/01/2000"):
            workbook_import_preview(quarterly_return=norfolk, content=content)
