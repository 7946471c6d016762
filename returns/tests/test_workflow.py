"""The lifecycle of a return: each transition allowed and refused, and a signed-off return
locked on every path."""

import json

import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import call_command
from django.core.management.base import CommandError
from django.http import Http404
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from conftest import demo_user
from returns import workflow
from returns.interchange import return_from_json
from returns.models import Answer, QuarterlyReturn, ReturnStatus
from returns.services import ReturnLocked, answers_save
from returns.workbook import workbook_import_apply, workbook_read

from .test_workbook_import import edited

NORFOLK, PERIOD = "E10000020", "fy1516_q3"
BODY = "BCF sub-group of the Norfolk Health and Wellbeing Board"


def step(client, name, **data):
    return client.post(reverse("return-step", args=[NORFOLK, PERIOD, name]), data)


def signed_off(norfolk) -> QuarterlyReturn:
    workflow.return_mark_ready(quarterly_return=norfolk, user=demo_user("officer.norfolk"))
    workflow.return_sign_off(quarterly_return=norfolk, user=demo_user("signoff.norfolk"),
                             on_behalf_of=BODY)  # fmt: skip
    norfolk.refresh_from_db()
    return norfolk


def snapshot():
    return list(Answer.objects.order_by("pk").values_list("question_id", "value", "updated_at"))


def test_a_complete_return_goes_through_sign_off_to_submission(norfolk):
    signed_off(norfolk)
    assert norfolk.status == ReturnStatus.SIGNED_OFF
    version = norfolk.versions.get()
    assert version.answers == dict(norfolk.answers.values_list("question_id", "value"))
    assert (version.on_behalf_of, version.signed_off_by.username) == (BODY, "signoff.norfolk")
    workflow.return_submit(quarterly_return=norfolk, user=demo_user("signoff.norfolk"))
    norfolk.refresh_from_db()
    assert norfolk.status == ReturnStatus.SUBMITTED
    submission = norfolk.versions.get().submission
    assert (submission.number, submission.replaces, submission.answers) == (
        1,
        None,
        version.answers,
    )
    assert [e.kind for e in norfolk.events.all()] == ["ready", "signed_off", "submitted"]
    assert norfolk.events.get(kind="submitted").submission == submission


def test_a_partners_signer_cannot_act_for_the_board_on_a_return(signed_in, norfolk):
    """signoff.ncc signs Norfolk County Council's block of the plan, not the Board's return."""
    partner_signer = signed_in("signoff.ncc")
    workflow.return_mark_ready(quarterly_return=norfolk, user=demo_user("officer.norfolk"))
    for name, data in (("sign-off", {"on_behalf_of": BODY}), ("send-back", {"reason": "No"})):
        refused = step(partner_signer, name, **data)
        assertContains(refused, "who signs for the Norfolk Board", status_code=403)
    workflow.return_sign_off(quarterly_return=norfolk, user=demo_user("signoff.norfolk"),
                             on_behalf_of=BODY)  # fmt: skip
    assertContains(step(partner_signer, "reopen", reason="Mine"), "who signs for",
                   status_code=403)  # fmt: skip
    norfolk.refresh_from_db()
    assert norfolk.status == ReturnStatus.SIGNED_OFF
    page = partner_signer.get(reverse("return", args=[NORFOLK, PERIOD]))
    assertNotContains(page, ">Reopen", html=False)  # not offered either


def test_an_incomplete_return_cannot_be_marked_ready(demo):
    borsetshire = QuarterlyReturn.objects.get(hwb_area__ons_code="E99999001")
    with pytest.raises(
        workflow.TransitionRefused, match=r"The checklist is not all Yes: \d+ questions still fail"
    ):
        workflow.return_mark_ready(quarterly_return=borsetshire, user=demo_user("officer.other"))
    borsetshire.refresh_from_db()
    assert borsetshire.status == ReturnStatus.DRAFT


@pytest.mark.parametrize(
    ("username", "refusal"),
    [
        ("officer.norfolk", PermissionDenied),
        ("analyst", PermissionDenied),
        ("signoff.other", Http404),
    ],
)
def test_only_a_sign_off_member_of_the_area_signs_off(norfolk, username, refusal):
    workflow.return_mark_ready(quarterly_return=norfolk, user=demo_user("officer.norfolk"))
    with pytest.raises(refusal):
        workflow.return_sign_off(
            quarterly_return=norfolk, user=demo_user(username), on_behalf_of=BODY
        )
    norfolk.refresh_from_db()
    assert norfolk.status == ReturnStatus.READY


@pytest.mark.parametrize(
    ("transition", "message"),
    [
        (lambda qr, who: workflow.return_sign_off(quarterly_return=qr, user=who,
                                                  on_behalf_of=BODY),
         "draft: it cannot be signed off"),
        (lambda qr, who: workflow.return_send_back(quarterly_return=qr, user=who, reason="x"),
         "draft: it cannot be sent back"),
        (lambda qr, who: workflow.return_reopen(quarterly_return=qr, user=who, reason="x"),
         "draft: it cannot be reopened"),
    ],
)  # fmt: skip
def test_a_draft_cannot_skip_a_step(norfolk, transition, message):
    with pytest.raises(workflow.TransitionRefused, match=message):
        transition(norfolk, demo_user("signoff.norfolk"))


def test_sending_back_needs_a_reason_and_returns_it_to_draft(norfolk):
    workflow.return_mark_ready(quarterly_return=norfolk, user=demo_user("officer.norfolk"))
    with pytest.raises(workflow.TransitionRefused, match="Give the reason it is sent back"):
        workflow.return_send_back(
            quarterly_return=norfolk, user=demo_user("signoff.norfolk"), reason=" "
        )
    event = workflow.return_send_back(
        quarterly_return=norfolk, user=demo_user("signoff.norfolk"), reason="NC3 date is wrong"
    )
    norfolk.refresh_from_db()
    assert (norfolk.status, event.reason) == (ReturnStatus.DRAFT, "NC3 date is wrong")


def test_reopening_starts_a_new_version_and_keeps_the_old_one(norfolk):
    signed_off(norfolk)
    with pytest.raises(workflow.TransitionRefused, match="Give the reason it is reopened"):
        workflow.return_reopen(
            quarterly_return=norfolk, user=demo_user("signoff.norfolk"), reason=""
        )
    workflow.return_reopen(quarterly_return=norfolk, user=demo_user("signoff.norfolk"),
                           reason="NHS England found an error")  # fmt: skip
    norfolk.refresh_from_db()
    assert (norfolk.status, norfolk.version) == (ReturnStatus.DRAFT, 2)
    answers_save(quarterly_return=norfolk, values={"nea_actual_fy1516_q3": 1}, user=None,
                 source="form")  # fmt: skip
    assert norfolk.versions.get(number=1).answers["nea_actual_fy1516_q3"] == "23268"


def test_an_analyst_no_longer_submits_for_the_board(norfolk):
    """Submitting is the act of sending, on behalf of the Board: its sign-off members'."""
    signed_off(norfolk)
    with pytest.raises(PermissionDenied):
        workflow.return_submit(quarterly_return=norfolk, user=demo_user("analyst"))
    norfolk.refresh_from_db()
    assert norfolk.status == ReturnStatus.SIGNED_OFF


# A signed-off return is locked: every path refuses, and the data is byte-identical after.


@pytest.fixture
def locked(norfolk):
    signed_off(norfolk)
    return norfolk, snapshot()


def test_a_locked_return_refuses_a_form_save(signed_in, locked):
    _, before = locked
    client = signed_in("officer.norfolk")
    page = client.get(reverse("return-section", args=[NORFOLK, PERIOD, "cover"]))
    assertNotContains(page, ">Save</button>", html=False)
    response = client.post(reverse("return-section", args=[NORFOLK, PERIOD, "cover"]),
                           {"cover_completed_by": "Changed"})  # fmt: skip
    assert response.status_code == 403
    assert snapshot() == before


def test_a_locked_return_refuses_the_services_and_the_json_import(locked):
    norfolk, before = locked
    with pytest.raises(ReturnLocked, match="signed off and locked"):
        answers_save(quarterly_return=norfolk, values={"cover_completed_by": "X"}, user=None,
                     source="form")  # fmt: skip
    with pytest.raises(ReturnLocked):
        return_from_json(quarterly_return=norfolk, document={"answers": {"narrative": "X"}},
                         user=None)  # fmt: skip
    assert snapshot() == before


def test_a_locked_return_refuses_the_import_command(locked, tmp_path):
    _, before = locked
    file = tmp_path / "change.json"
    file.write_text(json.dumps({"answers": {"narrative": "Changed"}}))
    with pytest.raises(CommandError, match="Nothing was imported"):
        call_command("import_return", str(file), hwb=NORFOLK, period=PERIOD)
    assert snapshot() == before


def test_a_locked_return_refuses_a_workbook_import(signed_in, locked, exported):
    norfolk, before = locked
    values = workbook_read(quarterly_return=norfolk,
                           content=edited(exported, **{"1. Cover!C7": "X"}))  # fmt: skip
    with pytest.raises(ReturnLocked):
        workbook_import_apply(quarterly_return=norfolk, values=values, user=None,
                              base_revision=norfolk.revision)  # fmt: skip
    upload = signed_in("officer.norfolk").get(
        reverse("return-workbook-upload", args=[NORFOLK, PERIOD])
    )
    assertContains(upload, "Only a commissioning officer")  # no upload form on a locked return
    assert snapshot() == before


def test_a_locked_return_refuses_an_admin_edit(signed_in, locked):
    norfolk, before = locked
    client = signed_in("admin")
    url = reverse("admin:returns_quarterlyreturn_change", args=[norfolk.pk])
    assertNotContains(client.get(url), 'name="status"')  # shown, not editable
    assert client.post(url, {"status": "draft", "hwb_area": norfolk.hwb_area_id}).status_code == 403
    norfolk.refresh_from_db()
    assert norfolk.status == ReturnStatus.SIGNED_OFF
    assert snapshot() == before


def test_the_admin_shows_a_returns_answers_as_one_table_escaped(signed_in, norfolk):
    Answer.objects.filter(quarterly_return=norfolk, question_id="cover_completed_by").update(
        value='<script>alert("x")</script>'
    )
    page = signed_in("admin").get(reverse("admin:returns_quarterlyreturn_change",
                                          args=[norfolk.pk]))  # fmt: skip
    assertContains(page, '<th scope="col">Question</th>', count=1)
    assertContains(page, '<tr><th scope="row">', count=norfolk.answers.count())
    assertContains(page, "<td>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;</td>")
    assertNotContains(page, 'name="answers-TOTAL_FORMS"')  # no inline of 240 rows


def test_the_overview_offers_each_user_only_their_steps(signed_in, norfolk):
    page = signed_in("officer.norfolk").get(reverse("return", args=[NORFOLK, PERIOD]))
    assertContains(page, "Mark ready for sign-off")
    assertNotContains(page, ">Review and sign off</a>", html=False)
    step(signed_in("officer.norfolk"), "ready")
    page = signed_in("signoff.norfolk").get(reverse("return", args=[NORFOLK, PERIOD]))
    assertContains(page, ">Review and sign off</a>", html=False)
    review = signed_in("signoff.norfolk").get(reverse("return-review", args=[NORFOLK, PERIOD]))
    assertContains(review, BODY)
    assertContains(review, ">Sign off version 1</button>", html=False)
    assertNotContains(signed_in("analyst").get(reverse("return", args=[NORFOLK, PERIOD])),
                      ">Review and sign off</a>", html=False)  # fmt: skip


def test_a_refused_step_is_explained_and_keeps_what_was_typed(signed_in, norfolk):
    step(signed_in("officer.norfolk"), "ready")
    page = step(signed_in("signoff.norfolk"), "send-back", reason="")
    assertContains(page, "Give the reason it is sent back", status_code=400)
    page = step(signed_in("officer.norfolk"), "sign-off", on_behalf_of=BODY)
    assert page.status_code == 403
    assert step(signed_in("signoff.other"), "sign-off", on_behalf_of=BODY).status_code == 404


def test_the_timeline_and_versions_show_on_the_page(signed_in, norfolk):
    step(signed_in("officer.norfolk"), "ready")
    step(signed_in("signoff.norfolk"), "send-back", reason="Check NC3")
    step(signed_in("officer.norfolk"), "ready")
    step(signed_in("signoff.norfolk"), "sign-off", on_behalf_of=BODY, confirm="yes")
    page = signed_in("analyst").get(reverse("return", args=[NORFOLK, PERIOD]))
    for words in ("Marked ready for sign-off", "Sent back", "Reason: Check NC3", "Signed off",
                  f"On behalf of {BODY}", "Version 1</a>", "locked"):  # fmt: skip
        assertContains(page, words, html=False)
    version = signed_in("analyst").get(reverse("return-version", args=[NORFOLK, PERIOD, 1]))
    assertContains(version, "23,268")
    workbook = signed_in("analyst").get(
        reverse("return-version-workbook", args=[NORFOLK, PERIOD, 1])
    )
    assert workbook["Content-Disposition"].endswith('-v1.xlsx"')


def test_a_return_awaiting_sign_off_says_it_must_be_sent_back_to_change(norfolk):
    workflow.return_mark_ready(quarterly_return=norfolk, user=demo_user("officer.norfolk"))
    with pytest.raises(ReturnLocked, match=r"ready for sign-off: .* after a sign-off member sends"):
        answers_save(quarterly_return=norfolk, values={"narrative": "x"}, user=None, source="form")
