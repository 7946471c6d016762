"""A return's history: every change since it was created, filterable; a diff of versions."""

from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from conftest import demo_user
from returns import workflow
from returns.models import AnswerChange
from returns.services import answers_save

NORFOLK, PERIOD = "E10000020", "fy1516_q3"


def test_the_history_starts_when_the_return_was_created(signed_in, norfolk):
    created = AnswerChange.objects.filter(quarterly_return=norfolk, source="created")
    assert created.filter(question_id="cover_hwb", old_value="", new_value="Norfolk").exists()
    url = reverse("return-history", args=[NORFOLK, PERIOD])
    page = signed_in("analyst").get(url, {"question": "cover_hwb"})
    assertContains(page, "Pre-populated when the return was created")
    # The demo then loads NHS England's playback and Norfolk's answers, as an import.
    assertContains(signed_in("analyst").get(url), "JSON import")


def test_the_history_filters_by_section_and_question(signed_in, norfolk):
    answers_save(quarterly_return=norfolk, values={"nea_actual_fy1516_q3": 23300},
                 user=demo_user("officer.norfolk"), source="form")  # fmt: skip
    client = signed_in("analyst")
    url = reverse("return-history", args=[NORFOLK, PERIOD])
    by_question = client.get(url, {"question": "nea_actual_fy1516_q3"})
    assertContains(by_question, "23,268")
    assertContains(by_question, "23,300")
    assertContains(by_question, "officer.norfolk")
    assertNotContains(by_question, "cover_hwb")
    by_section = client.get(url, {"section": "cover"})
    assertContains(by_section, "cover_hwb")
    assertNotContains(by_section, "nea_actual_fy1516_q3")


def test_a_diff_between_the_signed_off_version_and_now(signed_in, norfolk):
    workflow.return_mark_ready(quarterly_return=norfolk, user=demo_user("officer.norfolk"))
    workflow.return_sign_off(quarterly_return=norfolk, user=demo_user("signoff.norfolk"),
                             on_behalf_of="The Board")  # fmt: skip
    workflow.return_reopen(
        quarterly_return=norfolk, user=demo_user("signoff.norfolk"), reason="Fix"
    )
    answers_save(quarterly_return=norfolk, values={"nea_actual_fy1516_q3": 23300,
                 "narrative": None}, user=None, source="form")  # fmt: skip
    page = signed_in("analyst").get(reverse("return-diff", args=[NORFOLK, PERIOD]),
                                    {"from": "1", "to": "current"})  # fmt: skip
    assertContains(page, "2 answers differ")
    assertContains(page, "Actual Q3 15/16 NEAs")
    assertContains(page, "23,268")
    assertContains(page, "23,300")
    same = signed_in("analyst").get(reverse("return-diff", args=[NORFOLK, PERIOD]),
                                    {"from": "1", "to": "1"})  # fmt: skip
    assertContains(same, "The two are the same")
