"""Calculations and conditions over a return's values, as data.

A definition says `Sub(Ref("a"), Ref("b"))` rather than running code, so the
same tree can be evaluated here, checked for references to unknown ids, and
written out as a live Excel formula by the workbook writer.

Evaluation is exact: whole numbers stay Python ints (exact, and many times quicker than
fractions: a return's page works out its ~130 calculations on every request), anything
else is a `fractions.Fraction`, and a division always gives a Fraction. `Round` rounds half
away from zero, as Excel's ROUND does. A calculation that needs a value nobody has entered is
blank (None), not zero: the portal does not show a P4P payment worked out from
a missing count.
"""

from abc import ABC, abstractmethod
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

Values = Mapping[str, object]


def _number(value) -> int | Fraction | None:
    if value is None or value == "":
        return None
    if type(value) is int or isinstance(value, Fraction):
        return value
    if isinstance(value, Decimal):
        return Fraction(value)
    return Fraction(value)


def round_half_away(value: int | Fraction, places: int = 0) -> int | Fraction:
    if type(value) is int and places >= 0:
        return value  # a whole number is rounded already
    scale = Fraction(10) ** places
    scaled = abs(value) * scale
    rounded = int(scaled + Fraction(1, 2))  # floor of x + ½ for x >= 0
    return (rounded if value >= 0 else -rounded) / scale


class Expr(ABC):
    """A number computed from other values."""

    def refs(self) -> set[str]:
        return set().union(*(part.refs() for part in self.parts()))

    def parts(self) -> tuple["Expr", ...]:
        return ()

    @abstractmethod
    def evaluate(self, values: Values) -> Fraction | None: ...


@dataclass(frozen=True)
class Ref(Expr):
    id: str

    def refs(self) -> set[str]:
        return {self.id}

    def evaluate(self, values):
        return _number(values.get(self.id))


@dataclass(frozen=True)
class Const(Expr):
    value: int

    def evaluate(self, values):
        return self.value if type(self.value) is int else Fraction(self.value)


@dataclass(frozen=True)
class _Many(Expr):
    terms: tuple[Expr, ...]

    def parts(self):
        return self.terms

    def evaluate(self, values):
        numbers = [term.evaluate(values) for term in self.terms]
        if any(number is None for number in numbers):
            return None
        return self.combine(numbers)


class Sum(_Many):
    def __init__(self, *terms: Expr):
        object.__setattr__(self, "terms", tuple(terms))

    def combine(self, numbers):
        return sum(numbers)


class Max(Sum):
    def combine(self, numbers):
        return max(numbers)


class Min(Sum):
    def combine(self, numbers):
        return min(numbers)


class Sub(Sum):
    def combine(self, numbers):
        first, second = numbers
        return first - second


class Mul(Sum):
    def combine(self, numbers):
        first, second = numbers
        return first * second


class Div(Sum):
    """a / b; blank when b is 0 (nothing to divide by)."""

    def combine(self, numbers):
        first, second = numbers
        return None if second == 0 else Fraction(first) / second


@dataclass(frozen=True)
class Round(Expr):
    term: Expr
    places: int = 0

    def parts(self):
        return (self.term,)

    def evaluate(self, values):
        number = self.term.evaluate(values)
        return None if number is None else round_half_away(number, self.places)


@dataclass(frozen=True)
class IfPositive(Expr):
    """`then` when `test` > 0, else `otherwise`."""

    test: Expr
    then: Expr
    otherwise: Expr

    def parts(self):
        return (self.test, self.then, self.otherwise)

    def evaluate(self, values):
        number = self.test.evaluate(values)
        if number is None:
            return None
        return (self.then if number > 0 else self.otherwise).evaluate(values)


# Conditions: "required when …", "applicable only when …", checklist rules.


class Cond(ABC):
    def refs(self) -> set[str]:
        return set().union(*(part.refs() for part in self.parts()))

    @abstractmethod
    def describe(self, label) -> str:
        """In words, for the checklist: `label(id)` names a question."""

    def to_json(self) -> dict | None:
        """The condition for the page's script, which shows a question as soon as it applies;
        None when only the server decides it (a comparison of calculated numbers)."""
        return None

    def parts(self) -> tuple:
        return ()

    @abstractmethod
    def holds(self, values: Values) -> bool: ...


def _given(value) -> bool:
    return value is not None and value != ""


@dataclass(frozen=True)
class Given(Cond):
    """The question has a value."""

    id: str

    def refs(self):
        return {self.id}

    def holds(self, values):
        return _given(values.get(self.id))

    def to_json(self):
        return {"given": self.id}

    def describe(self, label):
        return f"‘{label(self.id)}’ is answered"


@dataclass(frozen=True)
class Blank(Given):
    def holds(self, values):
        return not super().holds(values)

    def to_json(self):
        return {"not": {"given": self.id}}

    def describe(self, label):
        return f"‘{label(self.id)}’ is empty"


@dataclass(frozen=True)
class Equals(Cond):
    """The question's value is one of `options`."""

    id: str
    options: tuple[str, ...]

    def refs(self):
        return {self.id}

    def holds(self, values):
        return values.get(self.id) in self.options

    def to_json(self):
        return {"id": self.id, "in": list(self.options)}

    def describe(self, label):
        return f"‘{label(self.id)}’ is {' or '.join(f'‘{o}’' for o in self.options)}"


@dataclass(frozen=True)
class Same(Cond):
    """Both questions are answered, with the same answer."""

    first: str
    second: str

    def refs(self):
        return {self.first, self.second}

    def holds(self, values):
        first, second = values.get(self.first), values.get(self.second)
        return _given(first) and _given(second) and first == second

    def describe(self, label):
        return f"‘{label(self.first)}’ and ‘{label(self.second)}’ are the same"


@dataclass(frozen=True)
class Differs(Cond):
    """Both numbers are known and differ."""

    first: Expr
    second: Expr

    def parts(self):
        return (self.first, self.second)

    def holds(self, values):
        first, second = self.first.evaluate(values), self.second.evaluate(values)
        return first is not None and second is not None and first != second

    def describe(self, label):
        def name(expr: Expr) -> str:
            return f"‘{label(expr.id)}’" if isinstance(expr, Ref) else "0"

        return f"{name(self.first)} differs from {name(self.second)}"


@dataclass(frozen=True)
class Exceeds(Differs):
    """Both numbers are known and the first is larger."""

    def holds(self, values):
        first, second = self.first.evaluate(values), self.second.evaluate(values)
        return first is not None and second is not None and first > second


def _percent(share: Fraction) -> str:
    return f"{float(share * 100):g}%"


@dataclass(frozen=True)
class FarFrom(Differs):
    """Both numbers are known, the second is not 0, and the first differs from it by more
    than `share` of it: an actual far from its plan."""

    share: Fraction = Fraction(1, 10)

    def holds(self, values):
        first, second = self.first.evaluate(values), self.second.evaluate(values)
        if first is None or second is None or second == 0:
            return False
        return abs(first - second) > self.share * abs(second)

    def describe(self, label):
        return (f"‘{label(self.first.id)}’ differs from ‘{label(self.second.id)}’ by more than "
                f"{_percent(self.share)} of it")  # fmt: skip


@dataclass(frozen=True)
class TimesOver(Differs):
    """Both numbers are known and not 0, and one is `factor` times the other or more: a
    figure ten times the previous quarter's (or a tenth of it), as a slip of a digit gives."""

    factor: int = 10

    def holds(self, values):
        first, second = self.first.evaluate(values), self.second.evaluate(values)
        if not first or not second:
            return False
        ratio = abs(Fraction(first) / second)
        return ratio >= self.factor or ratio <= Fraction(1, self.factor)

    def describe(self, label):
        return (f"‘{label(self.first.id)}’ is {self.factor} times ‘{label(self.second.id)}’ or "
                f"more, or a {self.factor}th of it or less")  # fmt: skip


@dataclass(frozen=True)
class Not(Cond):
    cond: Cond

    def parts(self):
        return (self.cond,)

    def holds(self, values):
        return not self.cond.holds(values)

    def to_json(self):
        inner = self.cond.to_json()
        return None if inner is None else {"not": inner}

    def describe(self, label):
        return f"it is not so that {self.cond.describe(label)}"


@dataclass(frozen=True)
class AnyOf(Cond):
    conds: tuple[Cond, ...]

    def parts(self):
        return self.conds

    def holds(self, values):
        return any(cond.holds(values) for cond in self.conds)

    def to_json(self):
        return _combined("any", self.conds)

    def describe(self, label):
        return " or ".join(cond.describe(label) for cond in self.conds)


@dataclass(frozen=True)
class AllOf(AnyOf):
    def holds(self, values):
        return all(cond.holds(values) for cond in self.conds)

    def to_json(self):
        return _combined("all", self.conds)

    def describe(self, label):
        return " and ".join(cond.describe(label) for cond in self.conds)


def _combined(key: str, conds) -> dict | None:
    parts = [cond.to_json() for cond in conds]
    return None if any(part is None for part in parts) else {key: parts}


def answered_unless_not_needed(id_: str, required_when: Cond | None) -> Cond:
    """The checklist rule of a required question: given, or not needed."""
    if required_when is None:
        return Given(id_)
    return AnyOf((Not(required_when), Given(id_)))
