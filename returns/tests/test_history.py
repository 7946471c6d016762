"""A return's history: every change since it was created, filterable; a diff of versions."""

from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from conftest import demo_user
from returns.models import AnswerChange, QuarterlyReturn
from returns.selectors import return_answers
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
    # Rows link to their question's field; the filter offers questions by label, not id.
    assertNotContains(by_question, 'sections/cover/#cover_hwb"')
    assertContains(by_question, '<option value="cover_hwb">Health and Well Being Board</option>')
    by_section = client.get(url, {"section": "cover"})
    assertContains(by_section, 'sections/cover/#cover_hwb"')
    assertNotContains(by_section, 'sections/non-elective-and-p4p/#nea_actual_fy1516_q3"')


def test_history_and_diff_show_whole_values_with_the_changed_words_marked(signed_in, norfolk):
    narrative = return_answers(quarterly_return=norfolk)["narrative"]
    added = "A sentence added at the very end, after everything else."
    answers_save(quarterly_return=norfolk, values={"narrative": f"{narrative} {added}"},
                 user=demo_user("officer.norfolk"), source="form")  # fmt: skip
    client = signed_in("analyst")
    history = client.get(
        reverse("return-history", args=[NORFOLK, PERIOD]), {"section": "narrative"}
    )
    text = history.content.decode()
    assert len(narrative) > 300  # longer than where the pages used to cut it
    assert "<ins>A sentence added at the very end, after everything else.</ins>" in text
    assert narrative[-60:].replace("\n", "<br>") in text.replace("&#x27;", "'")  # whole, not cut
    assert ">narrative<" not in text
    assert "revision" not in text
    diff = client.get(reverse("return-diff", args=[NORFOLK, PERIOD]), {"from": "current"})
    assertContains(diff, "The two are the same")


def test_the_history_comes_a_page_of_fifty_changes_at_a_time(signed_in):
    client = signed_in("analyst")
    norfolk = QuarterlyReturn.objects.get(hwb_area__ons_code="E10000020", period__quarter=3)
    assert norfolk.changes.count() > 50  # the demo's answers, each recorded
    url = reverse("return-history", args=["E10000020", "fy1516_q3"])
    first = client.get(url).content.decode()
    assert first.count('<tr class="govuk-table__row">') == 1 + 50  # the header row and 50
    assert 'rel="next"' in first
    assert 'rel="prev"' in client.get(f"{url}?page=2").content.decode()
