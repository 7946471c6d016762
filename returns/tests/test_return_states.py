"""A return's state: its figures as previously returned are worked out again only when an
amendment changed one. (Many returns' states at once, `return_states`: the national
demo's tests, `demo/tests/test_national_demo.py`.)"""

from returns.definitions.evaluation import calculate
from returns.selectors import return_state


def test_figures_as_previously_returned_are_worked_out_again_only_when_amended(norfolk):
    state = return_state(quarterly_return=norfolk)
    assert state.previous_values is state.values  # nothing amended: the same values
    amended_id = next(iter(state.previous), None) or next(
        q.id for q in state.definition.inputs if q.type.widget == "number"
    )
    norfolk.prefilled = {**norfolk.prefilled, amended_id: "123"}
    amended = return_state(quarterly_return=norfolk)
    expected = calculate(amended.definition, {**amended.answers, **amended.previous})
    assert amended.previous_values == expected
    assert amended.previous_values[amended_id] != amended.values.get(amended_id)
