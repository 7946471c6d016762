"""A return's answers are worked out once for the same answers (`selectors.worked_out`):
every page of it then shows the values and checklist worked out afresh would give, a change
to any answer is worked out again, and a page's values are its own."""

from returns.definitions.evaluation import calculate, checklist
from returns.models import QuarterlyReturn
from returns.selectors import return_state


def afresh(state) -> tuple:
    values = calculate(state.definition, state.answers)
    return values, checklist(state.definition, values)


def test_the_same_answers_are_worked_out_once_and_as_afresh(norfolk):
    first = return_state(quarterly_return=norfolk)
    again = return_state(quarterly_return=QuarterlyReturn.objects.get(pk=norfolk.pk))
    assert first.worked is again.worked
    assert (first.values, first.checklist) == afresh(first)


def test_a_changed_answer_is_worked_out_again(norfolk):
    before = return_state(quarterly_return=norfolk)
    norfolk.answers.filter(question_id="cover_completed_by").update(value="Someone Else")
    norfolk.answers.filter(question_id="cover_hwb").delete()
    after = return_state(quarterly_return=norfolk)
    assert after.worked is not before.worked
    assert after.values["cover_completed_by"] == "Someone Else"
    assert after.values.get("cover_hwb") is None
    assert (after.values, after.checklist) == afresh(after)
    assert after.checklist != before.checklist


def test_a_pages_values_are_its_own(norfolk):
    one, other = return_state(quarterly_return=norfolk), return_state(quarterly_return=norfolk)
    one.values["cover_hwb"] = "changed by one page"
    one.answers["cover_hwb"] = "changed by one page"
    assert other.values["cover_hwb"] != "changed by one page"
    assert other.answers["cover_hwb"] != "changed by one page"


def test_a_batch_of_returns_is_worked_out_once_like_each_return_alone(norfolk):
    """The national batch reads many returns at once (`return_states`): a return whose
    answers were worked out, by a page or by the last batch, is not worked out again, and
    a batch of every HWB area (152) fits in what is kept."""
    from returns.selectors import return_states, worked_out

    alone = return_state(quarterly_return=norfolk)
    batch = return_states(returns=[QuarterlyReturn.objects.get(pk=norfolk.pk)])[0]
    assert batch.worked is alone.worked
    assert (batch.values, batch.checklist) == afresh(batch)
    assert worked_out.cache_info().maxsize >= 152


def test_the_same_answers_in_any_order_are_worked_out_once(norfolk):
    """The batch reads answers in whatever order the database finds them; a page reads them
    sorted by the database's collation. Either way the same answers are one key."""
    from returns.selectors import _answer_rows, _state

    rows = list(_answer_rows(norfolk))
    assert _state(norfolk, rows[::-1]).worked is return_state(quarterly_return=norfolk).worked
