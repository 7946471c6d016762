"""Hypothesis strategies for a return's values: any that the forms would accept."""

import datetime
from decimal import Decimal

from hypothesis import strategies as st

from returns.definitions import Kind
from returns.definitions.values import Choice, Date, Month, Percent, Whole

from .norfolk import Q3

# Any text a form could hold: line breaks arrive as CR LF and are kept as LF.
TEXT = st.text(
    # What a value keeps (governance.text): no surrogates, controls, U+FFFE or U+FFFF.
    alphabet=st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\ufffe\uffff")
    | st.sampled_from("\t\n\r"),
    max_size=60,
)


def _strategy(question):
    type_ = question.type
    if isinstance(type_, Choice):
        return st.sampled_from(type_.options)
    if isinstance(type_, Whole):
        return st.integers(0, 100_000_000)
    if isinstance(type_, Percent):
        return st.integers(0, 1000).map(lambda n: Decimal(n) / 10)
    if isinstance(type_, Date):
        return st.dates(datetime.date(2000, 1, 1), datetime.date(2099, 12, 31))
    if isinstance(type_, Month):
        return st.sampled_from(["Live", "n/a", "01/16", "12/99"])
    if type_.name == "email":
        return st.just("someone@example.gov.uk")
    if type_.name == "phone":
        return st.just("+44 1603 223062")
    if type_.max_length > 750:
        return st.one_of(TEXT, st.just("x" * type_.max_length))
    return st.one_of(TEXT, st.just("y" * type_.max_length), st.just("=SUM(A1) and ‘quotes’"))


STORED = [q for q in Q3.questions if q.kind is not Kind.CALC]
RETURN_VALUES = st.fixed_dictionaries(
    {q.id: st.one_of(st.none(), _strategy(q)) for q in STORED}
).map(lambda values: {k: Q3.question(k).type.clean(v) for k, v in values.items()})
