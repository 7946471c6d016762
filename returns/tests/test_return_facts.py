"""What a save keeps beside the answers for the national pages (`return_facts_save`): the
checks the return passes and every numeric value, worked out from the answers; and only what
differs is written, so a save of one answer touches its figure and those worked out from it,
not the return's sixty-odd rows (issue 33)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from returns.models import QuarterlyReturn
from returns.selectors import return_state
from returns.services import answers_save, numeric_values

pytestmark = pytest.mark.django_db


def figures(quarterly_return) -> dict:
    return {f.question_id: (f.pk, f.value) for f in quarterly_return.figures.all()}


def test_one_answer_saved_rewrites_only_the_figures_it_changes(norfolk):
    before = figures(norfolk)
    assert len(before) > 50
    with CaptureQueriesContext(connection) as queries:
        answers_save(quarterly_return=norfolk, values={"nea_actual_fy1516_q3": 23_000},
                     user=None, source="form")  # fmt: skip
    after = figures(norfolk)
    changed = {id_ for id_ in after if after[id_][1] != before[id_][1]}
    assert "nea_actual_fy1516_q3" in changed
    assert len(changed) < 20  # the figure and what P4P works out from it
    assert {id_: pk for id_, (pk, _) in after.items()} == {
        id_: pk for id_, (pk, _) in before.items()
    }  # fmt: skip (rows kept, not re-inserted)
    assert not any(q["sql"].startswith("DELETE") for q in queries.captured_queries)
    state = return_state(quarterly_return=norfolk)
    assert {id_: value for id_, (_, value) in after.items()} == numeric_values(
        state.definition, state.values)  # fmt: skip
    assert QuarterlyReturn.objects.get(pk=norfolk.pk).checks_passed == state.checklist.answered


def test_a_figure_removed_and_given_again_follows_the_answer(norfolk):
    answers_save(quarterly_return=norfolk, values={"nea_actual_fy1516_q3": None}, user=None,
                 source="form")  # fmt: skip
    assert "nea_actual_fy1516_q3" not in figures(norfolk)
    answers_save(quarterly_return=norfolk, values={"nea_actual_fy1516_q3": 1}, user=None,
                 source="form")  # fmt: skip
    assert figures(norfolk)["nea_actual_fy1516_q3"][1] == 1
