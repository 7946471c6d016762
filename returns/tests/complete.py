"""A complete set of answers for any template definition: every question given, the
checklist all Yes. For the tests that run every consumer over every definition."""

import datetime
from decimal import Decimal

from returns.definitions import Kind, Template
from returns.definitions.evaluation import calculate
from returns.definitions.values import Choice, Date, Month, Percent, Whole


def _value(question):
    type_ = question.type
    if isinstance(type_, Choice):
        # The first choice, except a second pick that must differ from the first.
        return type_.options[1 if question.id.endswith("_2") else 0]
    if isinstance(type_, Whole):
        if question.id.startswith("p4p_"):
            return 0  # no P4P paid: never more than the suggested payments
        if question.id.startswith("ie_"):
            return 100  # a quarter's plan, forecast or actual: four make the pooled fund
        return 400 if question.id.endswith("pooled_fund") else 12
    if isinstance(type_, Percent):
        return Decimal("12.5")
    if isinstance(type_, Date):
        return datetime.date(2016, 3, 31)
    if isinstance(type_, Month):
        return "Live"
    if type_.name == "email":
        return "officer@example.gov.uk"
    if type_.name == "phone":
        return "01603 223062"
    return f"Answer to {question.id}"


def complete_values(definition: Template) -> dict[str, object]:
    """Every question that is stored (inputs and grey cells), given a value it takes."""
    values = {q.id: _value(q) for q in definition.questions if q.kind is not Kind.CALC}
    for question in definition.questions:
        if question.id in values:
            values[question.id] = question.type.clean(values[question.id])
    return values


def calculated(definition: Template) -> dict[str, object]:
    return calculate(definition, complete_values(definition))


def halves(definition: Template) -> list[dict[str, object]]:
    """A return's answers three ways: none, complete, and the first half of them."""
    complete = complete_values(definition)
    half = dict(list(complete.items())[: len(complete) // 2])
    return [{}, complete, half]
