"""Every refusal is a page, never a server error: a save or an import confirmation that finds
the return locked after its page checked it was a draft (someone marked it ready or signed
it off in between) is refused with the reason, and what was typed or uploaded is kept.

The race is made certain here by moving the return on just after the view's own check;
`test_concurrency.py` runs it for real, on two PostgreSQL connections."""

import pytest
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from conftest import demo_user
from returns import views, workbook_views, workflow
from returns.exports import upload_receive
from returns.models import QuarterlyReturn, ReturnStatus
from returns.selectors import return_answers
from returns.workbook import return_workbook_bytes

from .test_section_pages import posted, section_url
from .test_workbook_import import edited

BODY = "BCF sub-group of the Norfolk Health and Wellbeing Board"
LOCKED = {
    "ready": "ready for sign-off: it can only be changed after a sign-off member sends it back",
    "sign-off": "signed off and locked: it can only be changed after a sign-off member reopens",
}


def moved_on(quarterly_return: QuarterlyReturn, step: str) -> None:
    """Mark the return ready, and sign it off too for "sign-off", as two other people would."""
    workflow.return_mark_ready(quarterly_return=quarterly_return,
                               user=demo_user("officer.norfolk"))  # fmt: skip
    if step == "sign-off":
        workflow.return_sign_off(quarterly_return=quarterly_return,
                                 user=demo_user("signoff.norfolk"), on_behalf_of=BODY)  # fmt: skip


@pytest.fixture
def moved_on_after_the_check(monkeypatch, norfolk):
    """`require_editable` passes, then the return is moved on by `step` before the save."""

    def arrange(module, step: str) -> None:
        checked = module.require_editable

        def check_then_move_on(request, quarterly_return):
            checked(request, quarterly_return)
            moved_on(quarterly_return, step)

        monkeypatch.setattr(module, "require_editable", check_then_move_on)

    return arrange


@pytest.mark.parametrize("step", ["ready", "sign-off"])
def test_a_save_that_finds_the_return_locked_is_a_page_that_keeps_the_typing(
    signed_in, norfolk, moved_on_after_the_check, step
):
    moved_on_after_the_check(views, step)
    before = return_answers(quarterly_return=norfolk)
    page = signed_in("officer.norfolk").post(
        section_url("cover"), posted("cover", cover_completed_by="Typed just now")
    )
    assertContains(page, "Nothing was saved", status_code=409)
    assertContains(page, LOCKED[step], status_code=409)
    assertContains(page, 'value="Typed just now"', status_code=409)  # kept, to copy
    assertNotContains(page, "Save and continue", status_code=409)  # not offered: it is locked
    assert return_answers(quarterly_return=norfolk) == before


@pytest.mark.parametrize("step", ["ready", "sign-off"])
def test_an_import_confirmed_as_the_return_is_locked_is_a_page_and_the_upload_is_kept(
    signed_in, norfolk, moved_on_after_the_check, step
):
    workbook = edited(return_workbook_bytes(quarterly_return=norfolk), **{"1. Cover!C7": "Import"})
    upload = upload_receive(quarterly_return=norfolk, content=workbook, name="x.xlsx", user=None)
    moved_on_after_the_check(workbook_views, step)
    url = reverse("return-upload", args=["E10000020", "fy1516_q3", upload.pk])
    page = signed_in("officer.norfolk").post(url, {"revision": norfolk.revision})
    assertContains(page, "Nothing was imported", status_code=409)
    assertContains(page, LOCKED[step], status_code=409)
    assertNotContains(page, "Save these changes", status_code=409)
    upload.refresh_from_db()
    assert upload.applied_at is None  # kept: it can be confirmed once the return is a draft
    assert return_answers(quarterly_return=norfolk)["cover_completed_by"] != "Import"
    norfolk.refresh_from_db()
    assert norfolk.status != ReturnStatus.DRAFT
