"""JSON interchange: export keyed by question id, import through the same validators."""

import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from hypothesis import HealthCheck, given, settings

from returns.definitions import Kind
from returns.interchange import return_from_json, return_to_json
from returns.models import Answer, QuarterlyReturn
from returns.selectors import return_answers
from returns.services import AnswersRefused, answers_save

from .norfolk import Q3, norfolk_file
from .strategies import RETURN_VALUES

NORFOLK = "E10000020"


@pytest.fixture
def norfolk_return(norfolk):
    return norfolk


def test_norfolks_export_is_its_answers_plus_the_computed_values(norfolk_return):
    exported = return_to_json(quarterly_return=norfolk_return)
    source = norfolk_file()
    assert exported["template"] == "bcf-q3-2015-16"
    assert exported["hwb"] == source["hwb"]
    assert exported["period"] == "fy1516_q3"
    assert set(exported["answers"]) == {q.id for q in Q3.questions}  # every id, null when blank
    given_ = {id_: v for id_, v in exported["answers"].items() if v is not None}
    calculated = {id_: v for id_, v in given_.items() if Q3.question(id_).kind is Kind.CALC}
    assert {id_: v for id_, v in given_.items() if id_ not in calculated} == source["answers"]
    expected = source["expected"]
    assert calculated["p4p_total_fund"] == expected["p4p_total_fund"]
    assert calculated["nea_plan_pct_change"] == 3.5
    assert calculated["nim_phb_rate"] == expected["nim_phb_rate"]
    assert calculated["p4p_max_payment_fy1516_q3"] == expected["p4p_max_payment"][3]
    assert exported["answers"]["nc1_date"] is None


def test_an_import_with_any_invalid_value_changes_nothing_and_lists_every_problem(
    norfolk_return,
):
    before = list(Answer.objects.order_by("pk").values_list("question_id", "value", "updated_at"))
    document = {
        "answers": {
            "cover_completed_by": "Someone else",  # valid, but must not land either
            "nea_actual_fy1516_q3": "-5",
            "nc3_date": "31/02/2016",
            "nc3_status": "Perhaps",
            "no_such_question": "x",
        }
    }
    with pytest.raises(AnswersRefused) as refused:
        return_from_json(quarterly_return=norfolk_return, document=document, user=None)
    assert {p.question_id for p in refused.value.problems} == {
        "nea_actual_fy1516_q3", "nc3_date", "nc3_status", "no_such_question"
    }  # fmt: skip
    after = list(Answer.objects.order_by("pk").values_list("question_id", "value", "updated_at"))
    assert after == before


@pytest.mark.parametrize(
    ("document", "problem"),
    [
        pytest.param({"template": "bcf-q4-2015-16", "answers": {}}, "template", id="template"),
        pytest.param({"period": "fy1516_q2", "answers": {}}, "period", id="period"),
        pytest.param({"hwb": {"ons_code": "E99999001"}, "answers": {}}, "hwb", id="other area"),
        pytest.param({"answers": ["not", "an", "object"]}, "answers", id="answers not a map"),
        pytest.param([1, 2], "(file)", id="not an object"),
    ],
)
def test_a_file_for_another_return_is_refused(norfolk_return, document, problem):
    with pytest.raises(AnswersRefused) as refused:
        return_from_json(quarterly_return=norfolk_return, document=document, user=None)
    assert [p.question_id for p in refused.value.problems] == [problem]


def test_grey_cells_are_set_only_when_asked(norfolk_return):
    document = {"answers": {"nim_population": 1}}
    assert return_from_json(quarterly_return=norfolk_return, document=document, user=None) == []
    assert return_answers(quarterly_return=norfolk_return)["nim_population"] == 882_569
    return_from_json(
        quarterly_return=norfolk_return, document=document, user=None, prepopulated=True
    )
    assert return_answers(quarterly_return=norfolk_return)["nim_population"] == 1


def test_the_commands_export_and_import_through_files(norfolk_return, tmp_path, capsys):
    out = tmp_path / "norfolk.json"
    call_command("export_return", hwb=NORFOLK, period="fy1516_q3", format="json", output=out)
    document = json.loads(out.read_text())
    document["answers"]["cover_completed_by"] = "A. N. Other"
    out.write_text(json.dumps(document))
    call_command("import_return", str(out), hwb=NORFOLK, period="fy1516_q3")
    assert "1 answer(s) changed" in capsys.readouterr().out
    assert return_answers(quarterly_return=norfolk_return)["cover_completed_by"] == "A. N. Other"


def test_the_import_command_fails_listing_each_problem_by_id(norfolk_return, tmp_path, capsys):
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"answers": {"cover_email": "nope", "nim_phb_new": "lots"}}))
    with pytest.raises(CommandError, match="Nothing was imported: 2 problem"):
        call_command("import_return", str(bad), hwb=NORFOLK, period="fy1516_q3")
    err = capsys.readouterr().err
    assert "cover_email: Enter an e-mail address" in err
    assert "nim_phb_new: Enter a whole number" in err


def test_the_import_command_creates_the_return_it_needs(demo, tmp_path):
    file = tmp_path / "borsetshire.json"
    file.write_text(json.dumps({"answers": {"cover_completed_by": "Pat"}}))
    call_command("import_return", str(file), hwb="E99999001", period="fy1516_q3")
    created = QuarterlyReturn.objects.get(hwb_area__ons_code="E99999001")
    assert return_answers(quarterly_return=created)["cover_completed_by"] == "Pat"


def test_the_commands_explain_an_unknown_area_or_period(demo, tmp_path):
    with pytest.raises(CommandError, match="no HWB area with ONS code ‘E00000000’"):
        call_command("export_return", hwb="E00000000", period="fy1516_q3")
    for period in ("fy2099_q1", "fy1517_q3", "2015-16 Q3"):  # unknown; two years; not a code
        with pytest.raises(CommandError, match=f"no reporting period ‘{period}’"):
            call_command("export_return", hwb=NORFOLK, period=period)
    (tmp_path / "x.json").write_text("{")
    with pytest.raises(CommandError, match="is not valid JSON"):
        call_command("import_return", str(tmp_path / "x.json"), hwb=NORFOLK, period="fy1516_q3")


# A property: whatever valid values a return holds, JSON export then import gives them back.


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(values=RETURN_VALUES)
def test_json_export_then_import_returns_the_same_answers(norfolk_return, values):
    answers_save(
        quarterly_return=norfolk_return, values=values, user=None, source="form", prepopulated=True
    )
    document = json.loads(json.dumps(return_to_json(quarterly_return=norfolk_return)))
    norfolk_return.answers.all().delete()
    return_from_json(
        quarterly_return=norfolk_return, document=document, user=None, prepopulated=True
    )
    assert return_answers(quarterly_return=norfolk_return) == {
        k: v for k, v in values.items() if v is not None
    }


BAD_JSON = [
    pytest.param(b'{"answers": {"narrative": "\\ud800"}}', "invisible control character",
                 id="a lone surrogate"),
    pytest.param(b'{"answers": {"\\udfff": "x"}}', "There is no question", id="a surrogate id"),
    pytest.param(b'{"answers": {"nim_phb_new": ' + b"9" * 5000 + b"}}",
                 "a number with thousands of digits", id="5,000 digits"),
    pytest.param(b'{"answers": {"nim_phb_new": 1e400}}', "Enter a whole number", id="1e400"),
    pytest.param(b"[" * 100_000 + b"]" * 100_000, "nests objects or lists too deeply",
                 id="deeply nested"),
    pytest.param(b"\xff\xfe{}", "not UTF-8", id="not UTF-8"),
    pytest.param(b'{"answers": {"narrative": "' + b"x" * (11 * 1024 * 1024) + b'"}}',
                 "larger than 10 MB", id="over 10 MB"),
    pytest.param(b'{"template": {"a": 1}, "answers": {}}', "for template", id="odd template"),
    pytest.param(b'{"hwb": ["E10000020"], "answers": {}}', "HWB area", id="odd hwb"),
]  # fmt: skip


@pytest.mark.parametrize(("content", "message"), BAD_JSON)
def test_the_import_command_refuses_a_bad_json_file_in_plain_english(
    norfolk_return, tmp_path, capsys, content, message
):
    path = tmp_path / "bad.json"
    path.write_bytes(content)
    before = list(Answer.objects.order_by("pk").values_list("question_id", "value"))
    with pytest.raises(CommandError) as refused:
        call_command("import_return", str(path), hwb=NORFOLK, period="fy1516_q3")
    assert message in str(refused.value) + capsys.readouterr().err
    assert list(Answer.objects.order_by("pk").values_list("question_id", "value")) == before


@pytest.mark.django_db(transaction=True)
def test_the_import_command_exits_with_status_1_and_no_traceback(demo, tmp_path):
    """As an administrator runs it: a process of its own, its exit status and its output."""
    import os
    import subprocess
    import sys
    from pathlib import Path

    from governance.tests.test_worker import database_url_of_the_test_database

    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "bcfportal.test_settings",
           "DATABASE_URL": database_url_of_the_test_database()}  # fmt: skip
    for name, content in [("bad.json", b'{"answers": {"narrative": "\\ud800"}}'),
                          ("bad.xlsx", b"PK\x03\x04 not a workbook")]:  # fmt: skip
        path = tmp_path / name
        path.write_bytes(content)
        done = subprocess.run(
            [sys.executable, "manage.py", "import_return", "--hwb", NORFOLK, "--period",
             "fy1516_q3", str(path)],
            cwd=Path(__file__).resolve().parents[2], env=env, capture_output=True, text=True,
            timeout=120, check=False,
        )  # fmt: skip
        assert done.returncode == 1, done.stderr
        assert "Nothing was imported" in done.stderr
        assert "Traceback" not in done.stderr
