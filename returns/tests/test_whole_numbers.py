"""Calculations keep whole numbers as ints (issue 33: fractions cost a return's page a
third of its time), and give what they gave when every number was a Fraction: the same
values, of the same types, the same checklist and the same "are you sure?" checks, for
every template and any values the forms accept."""

from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from returns.definitions import Kind, all_templates
from returns.definitions.evaluation import calculate, checklist, tripped

from .strategies import _strategy


def _values(definition):
    stored = [q for q in definition.questions if q.kind is not Kind.CALC]
    return st.fixed_dictionaries({q.id: st.one_of(st.none(), _strategy(q)) for q in stored}).map(
        lambda values: {k: definition.question(k).type.clean(v) for k, v in values.items()}
    )


def _as_fractions(values: dict) -> dict:
    """Every whole number a Fraction: how every calculation ran before."""
    return {k: Fraction(v) if type(v) is int else v for k, v in values.items()}


def _typed(values: dict) -> dict:
    return {k: (type(v), v) for k, v in values.items()}


def _every_part(expr):
    yield expr
    for part in expr.parts():
        yield from _every_part(part)


@pytest.mark.parametrize("definition", all_templates(), ids=lambda d: d.version)
def test_whole_numbers_calculate_as_fractions_did(definition):
    @settings(max_examples=60, deadline=None)
    @given(_values(definition))
    def check(values):
        quick, exact = calculate(definition, values), calculate(definition, _as_fractions(values))
        calculated = [q.id for q in definition.calc_order]
        assert _typed({k: quick[k] for k in calculated}) == _typed(
            {k: exact[k] for k in calculated}
        )
        assert checklist(definition, quick) == checklist(definition, exact)
        assert tripped(definition, quick) == tripped(definition, exact)
        # Exact all the way down: no part of a calculation ever gives a float.
        for question in definition.calc_order:
            for part in _every_part(question.calc):
                assert type(part.evaluate(quick)) in (type(None), int, Fraction), part

    check()
