"""No lost updates: two people saving the same section, one after the other or at once."""

import threading

import pytest
from django.db import connection
from pytest_django.asserts import assertContains

from returns.models import AnswerChange, QuarterlyReturn
from returns.selectors import return_answers
from returns.services import SaveConflict, answers_save

from .test_section_pages import posted, section_url


def test_the_second_save_of_a_section_is_refused_with_what_changed(signed_in, norfolk):
    first, second = signed_in("officer.norfolk"), None
    opened_at = norfolk.revision  # both opened the Cover at this revision
    saved = first.post(section_url("cover"), {**posted("cover", cover_email="first@norfolk.gov.uk"),
                                              "revision": opened_at})  # fmt: skip
    assert saved.status_code == 302, saved.content.decode()[:3000]
    from django.test import Client

    second = Client()
    second.force_login(norfolk.hwb_area.memberships.get(user__username="officer.norfolk").user)
    page = second.post(section_url("cover"), {**posted("cover", cover_completed_by="Second Person"),
                                              "revision": opened_at})  # fmt: skip
    assert page.status_code == 409
    assertContains(page, "Someone else saved this section", status_code=409)
    assertContains(page, "now first@norfolk.gov.uk (officer.norfolk", status_code=409)
    assertContains(page, 'value="Second Person"', status_code=409)  # kept, to re-apply
    answers = return_answers(quarterly_return=norfolk)
    assert (answers["cover_email"], answers["cover_completed_by"]) == (
        "first@norfolk.gov.uk", "Sera Hall"
    )  # fmt: skip
    norfolk.refresh_from_db()
    retry = {**posted("cover", cover_completed_by="Second Person"), "revision": norfolk.revision}
    again = second.post(section_url("cover"), retry)
    assert again.status_code == 302
    assert return_answers(quarterly_return=norfolk)["cover_completed_by"] == "Second Person"


def test_saves_to_other_sections_do_not_conflict(signed_in, norfolk):
    client = signed_in("officer.norfolk")
    opened_at = norfolk.revision
    answers_save(quarterly_return=norfolk, values={"narrative": "Elsewhere"}, user=None,
                 source="form")  # fmt: skip
    response = client.post(section_url("cover"), {**posted("cover", cover_completed_by="X"),
                                                   "revision": opened_at})  # fmt: skip
    assert response.status_code == 302


def test_every_change_is_recorded_with_who_how_and_old_and_new(signed_in, norfolk):
    client = signed_in("officer.norfolk")
    client.post(section_url("cover"), {**posted("cover", cover_completed_by="Pat"),
                                       "revision": norfolk.revision})  # fmt: skip
    change = AnswerChange.objects.get(question_id="cover_completed_by", source="form")
    assert (change.old_value, change.new_value, change.user.username) == (
        "Sera Hall", "Pat", "officer.norfolk"
    )  # fmt: skip


@pytest.mark.django_db(transaction=True)
def test_two_real_connections_saving_at_once_one_wins_and_none_is_lost(demo):
    if connection.vendor != "postgresql":
        pytest.skip("Row locks need PostgreSQL: SQLite serialises whole-database writes.")
    norfolk = QuarterlyReturn.objects.get(hwb_area__ons_code="E10000020")
    opened_at, barrier, outcomes = norfolk.revision, threading.Barrier(2), []

    def save(value):
        from django.db import connections

        try:
            barrier.wait()
            answers_save(quarterly_return=norfolk, values={"cover_completed_by": value}, user=None,
                         source="form", base_revision=opened_at)  # fmt: skip
            outcomes.append(("saved", value))
        except SaveConflict:
            outcomes.append(("conflict", value))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=save, args=(name,)) for name in ("Alex", "Sam")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert sorted(kind for kind, _ in outcomes) == ["conflict", "saved"]
    (winner,) = [value for kind, value in outcomes if kind == "saved"]
    assert return_answers(quarterly_return=norfolk)["cover_completed_by"] == winner
    assert AnswerChange.objects.filter(question_id="cover_completed_by", source="form").count() == 1
