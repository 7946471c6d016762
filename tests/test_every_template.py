"""Every consumer of a definition, over every definition: the forms and the checklist, JSON
in and out, the workbook (live formulas with the portal's values stored), its import (bad
cells named by tab and cell), a lossless round trip, LibreOffice's recalculation and the
national batch. Written once, parametrised by template: a new definition is tested by
these as soon as it is found."""

import io
import zipfile

import openpyxl
import pandas as pd
import pytest
from django.core.management import call_command

from conftest import demo_user
from national import exports as national
from plans.tests.factories import HwbAreaFactory
from returns.definitions import Kind, all_templates
from returns.definitions.evaluation import calculate, checklist
from returns.forms import SectionForm
from returns.interchange import return_from_json, return_to_json
from returns.models import AnswerSource, ExportStatus, QuarterlyReturn
from returns.selectors import period_by_code, return_answers, return_state
from returns.services import answers_save, return_create
from returns.tests.complete import calculated, complete_values
from returns.tests.test_workbook_export import checklist_noes, recalculated, without_stored_values
from returns.tests.test_workbook_import import edited
from returns.workbook import (
    return_workbook_bytes,
    workbook_import_apply,
    workbook_import_preview,
)
from returns.workbook.reader import WorkbookProblems

pytestmark = pytest.mark.django_db
DEFINITIONS = [pytest.param(d, id=d.version) for d in all_templates()]


@pytest.fixture
def complete(demo):
    """A complete return of the definition's period, in an area of its own."""

    def make(definition, area_name="Wessex") -> QuarterlyReturn:
        area = HwbAreaFactory(name=area_name)
        made = return_create(hwb_area=area, period=period_by_code(definition.period))
        answers_save(quarterly_return=made, values=complete_values(definition), user=None,
                     source=AnswerSource.IMPORT, prepopulated=True)  # fmt: skip
        made.refresh_from_db()
        return made

    return make


@pytest.mark.parametrize("definition", DEFINITIONS)
def test_a_complete_return_passes_every_check_and_each_blank_fails_its_own(definition):
    values = complete_values(definition)
    assert checklist(definition, calculate(definition, values)).complete
    for question in definition.questions:
        check = question.check()
        if check is None or not question.is_input or question.required_when is not None:
            continue
        result = checklist(definition, calculate(definition, {**values, question.id: None}))
        failing = [r.check.key for s in result.sections for r in s.results if not r.passed]
        assert failing == [check.key], question.id


@pytest.mark.parametrize("definition", DEFINITIONS)
def test_every_section_form_takes_its_answers_and_every_page_shows(definition, complete, signed_in):
    quarterly_return = complete(definition)
    values = return_state(quarterly_return=quarterly_return).values
    for section in definition.sections:
        posted = {q.id: q.type.to_form(values.get(q.id)) for q in section.inputs}
        form = SectionForm(posted, section=section, values=values)
        assert form.is_valid(), (section.title, form.errors)
        assert form.changed_values() == {}, section.title  # nothing lost on the way
    client = signed_in("analyst.national")
    base = f"/areas/{quarterly_return.hwb_area.ons_code}/returns/{definition.period}/"
    for path in ("", "checklist/", *(f"sections/{s.slug}/" for s in definition.sections)):
        assert client.get(base + path).status_code == 200, path


@pytest.mark.parametrize("definition", DEFINITIONS)
def test_json_out_and_back_in_is_lossless(definition, complete):
    source = complete(definition)
    document = return_to_json(quarterly_return=source)
    assert document["template"] == definition.version
    assert set(document["answers"]) == {q.id for q in definition.questions}
    target = complete(definition, area_name="Mercia")
    answers_save(quarterly_return=target, values={q.id: None for q in definition.questions
                                                  if q.is_input}, user=None,
                 source=AnswerSource.FORM)  # fmt: skip
    document["hwb"] = {"name": "Mercia", "ons_code": target.hwb_area.ons_code}
    return_from_json(quarterly_return=target, document=document, user=None)
    assert return_answers(quarterly_return=target) == return_answers(quarterly_return=source)


def _cell(book, id_: str):
    (sheet, address), *_ = book.defined_names[id_].destinations
    return sheet, address.replace("$", "")


@pytest.mark.parametrize("definition", DEFINITIONS)
def test_the_workbook_names_every_cell_and_stores_the_portals_values(definition, complete):
    content = return_workbook_bytes(quarterly_return=complete(definition))
    formulas = openpyxl.load_workbook(io.BytesIO(content))
    cached = openpyxl.load_workbook(io.BytesIO(content), data_only=True)
    assert formulas.sheetnames == list(definition.tabs)
    expected = calculated(definition)
    for question in definition.questions:
        sheet, address = _cell(formulas, question.id)
        assert (sheet, address) == (definition.section_of(question.id).title, question.cell)
        if question.kind is Kind.CALC:
            assert str(formulas[sheet][address].value).startswith("="), question.id
            assert cached[sheet][address].value == expected[question.id], question.id
    assert checklist_noes(cached) == []
    guidance = " ".join(str(c.value) for row in cached["Guidance"].iter_rows() for c in row
                        if c.value)  # fmt: skip
    reconstructed = definition.reconstructed
    assert ("Reconstructed questions" in guidance) == bool(reconstructed)
    assert all(q.id in guidance for q in reconstructed)


@pytest.mark.parametrize("definition", DEFINITIONS)
def test_the_workbook_reads_back_with_no_change_and_bad_cells_are_named(definition, complete):
    quarterly_return = complete(definition)
    content = return_workbook_bytes(quarterly_return=quarterly_return)
    preview = workbook_import_preview(quarterly_return=quarterly_return, content=content)
    assert preview.changes == []
    assert set(preview.values) == {q.id for q in definition.questions if q.is_input}
    email = definition.question("cover_email")
    money = next(q for q in definition.questions if q.is_input and q.type.name == "money")
    tab_of = {q.id: definition.section_of(q.id).title for q in (email, money)}
    content = edited(content, **{f"{tab_of[email.id]}!{email.cell}": "nope",
                                 f"{tab_of[money.id]}!{money.cell}": "abc"})  # fmt: skip
    with pytest.raises(WorkbookProblems) as problems:
        workbook_import_preview(quarterly_return=quarterly_return, content=content)
    named = sorted(str(p).split(" — ")[0] for p in problems.value.problems)
    assert named == sorted(f"{tab_of[q.id]}!{q.cell}" for q in (email, money))


@pytest.mark.parametrize("definition", DEFINITIONS)
def test_a_return_emptied_after_its_export_gets_every_value_back_from_it(definition, complete):
    quarterly_return = complete(definition)
    before = return_answers(quarterly_return=quarterly_return)
    content = return_workbook_bytes(quarterly_return=quarterly_return)
    inputs = {q.id for q in definition.questions if q.is_input}
    answers_save(quarterly_return=quarterly_return, values=dict.fromkeys(inputs), user=None,
                 source=AnswerSource.FORM)  # fmt: skip
    quarterly_return.refresh_from_db()
    preview = workbook_import_preview(quarterly_return=quarterly_return, content=content)
    assert {c.question.id for c in preview.changes} == inputs
    workbook_import_apply(quarterly_return=quarterly_return, values=preview.values, user=None,
                          base_revision=quarterly_return.revision)  # fmt: skip
    assert return_answers(quarterly_return=quarterly_return) == before


@pytest.mark.libreoffice
@pytest.mark.parametrize("definition", DEFINITIONS)
def test_libreoffice_recalculates_what_the_portal_shows(definition, complete, tmp_path):
    content = return_workbook_bytes(quarterly_return=complete(definition))
    book = recalculated(without_stored_values(content), tmp_path)
    assert checklist_noes(book) == []
    expected = calculated(definition)
    for question in definition.of_kind(Kind.CALC):
        sheet, address = _cell(openpyxl.load_workbook(io.BytesIO(content)), question.id)
        assert book[sheet][address].value == expected[question.id], question.id


@pytest.mark.parametrize("definition", DEFINITIONS)
def test_the_national_batch_holds_each_workbook_and_the_dataset(
    definition, complete, demo, django_capture_on_commit_callbacks
):
    made = complete(definition)
    analyst = demo_user("analyst.national")
    with django_capture_on_commit_callbacks(execute=True):
        export = national.national_request(period=made.period, user=analyst, include_drafts=True)
    export.refresh_from_db()
    assert export.status == ExportStatus.READY
    with export.file.open("rb") as f:
        archive = zipfile.ZipFile(io.BytesIO(f.read()))
    code = definition.period
    assert any(name.endswith("Wessex-DRAFT.xlsx") for name in archive.namelist())
    dataset = pd.read_csv(archive.open(f"dataset-{code}.csv"))
    assert list(dataset.columns) == national.dataset_columns(made.period)
    row = dataset[dataset["hwb_name"] == "Wessex"].iloc[0]
    money = next(q for q in definition.questions if q.is_input and q.type.name == "money")
    assert row[money.id] == calculated(definition)[money.id]


@pytest.mark.parametrize("definition", DEFINITIONS)
def test_export_return_and_import_return_work_for_every_period(definition, complete, tmp_path):
    made = complete(definition)
    area, period = made.hwb_area.ons_code, definition.period
    for fmt in ("json", "xlsx"):
        out = tmp_path / f"return.{fmt}"
        call_command("export_return", hwb=area, period=period, format=fmt, output=out)
        before = return_answers(quarterly_return=made)
        answers_save(quarterly_return=made, values={"cover_completed_by": "Someone else"},
                     user=None, source=AnswerSource.FORM)  # fmt: skip
        call_command("import_return", str(out), hwb=area, period=period)
        assert return_answers(quarterly_return=made) == before, fmt


def test_opening_the_q2_2016_17_round_gives_every_area_a_pre_filled_return(demo, capsys):
    from governance.models import HwbArea

    call_command("open_round", period="fy1617_q2")
    assert capsys.readouterr().out == f"Q2 2016/17: {HwbArea.objects.count()} returns made.\n"
    made = QuarterlyReturn.objects.filter(period=period_by_code("fy1617_q2"))
    assert made.count() == HwbArea.objects.count()
    assert {r.template_version for r in made} == {"bcf-q2-2016-17"}
    norfolk = return_answers(quarterly_return=made.get(hwb_area__ons_code="E10000020"))
    assert norfolk["cover_hwb"] == "Norfolk"
    assert norfolk["ie_income_pooled_fund"] == 63_573_469  # Norfolk's 2016/17 plan
    assert all(return_answers(quarterly_return=r)["cover_hwb"] == r.hwb_area.name
               for r in made.select_related("hwb_area")[:20])  # fmt: skip


@pytest.mark.parametrize("definition", DEFINITIONS)
def test_the_national_and_area_pages_of_every_period_show(definition, complete, signed_in):
    made = complete(definition)
    client = signed_in("analyst.national")
    code, ons = definition.period, made.hwb_area.ons_code
    for url in (
        f"/national/rounds/{code}/",
        f"/national/figures/{code}/",
        f"/national/figures/{code}/?drafts=yes",
        f"/areas/{ons}/metrics/?period={code}",
    ):
        assert client.get(url).status_code == 200, url  # fmt: skip
    page = client.get(f"/national/figures/{code}/?drafts=yes").content.decode()
    assert "Total pooled fund" in page
    pooled = QuarterlyReturn.objects.filter(
        period=made.period, figures__question_id="ie_income_pooled_fund"
    ).count()
    assert f"from {pooled} area{'s' * (pooled != 1)}" in page  # Wessex's, and any other's
    for chart in definition.charts:
        download = client.get(f"/national/figures/{code}/{chart.id}.csv?drafts=yes")
        assert download.status_code == 200, chart.id
        assert download.content.decode("utf-8-sig").splitlines()[0].endswith(",areas")
