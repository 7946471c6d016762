"""Calculations and conditions of a definition written as Excel formulas.

The formulas keep the portal's meaning exactly, so a workbook recalculated in
Excel or LibreOffice shows what the portal shows:

- a number that is missing is not 0: every reference reads
  `IF(ISNUMBER(x),x,NA())`, the error travels through the arithmetic, and a
  calculated cell catches it as blank (`IFERROR(…,"")`), as the portal leaves a
  calculation with a missing input blank;
- `ROUND` rounds half away from zero in both Excel and LibreOffice, as the
  portal does;
- a condition on numbers holds only when both are numbers.

`ref(id)` gives the cell a question occupies, e.g. `'4. Non-Elective and P4P'!$O$8`.
"""

from collections.abc import Callable
from functools import singledispatch

from .logic import (
    AllOf,
    AnyOf,
    Blank,
    Const,
    Differs,
    Div,
    Equals,
    Exceeds,
    Expr,
    Given,
    IfPositive,
    Max,
    Min,
    Mul,
    Not,
    Ref,
    Round,
    Same,
    Sub,
    Sum,
)

RefFn = Callable[[str], str]


def _text(value: str) -> str:
    return '"' + value.replace('"', '""') + '"'


@singledispatch
def number(expr: Expr, ref: RefFn) -> str:
    """The expression as a formula fragment that is #N/A when any number is missing."""
    raise TypeError(f"No Excel form for {type(expr).__name__}")


@number.register
def _(expr: Ref, ref):
    cell = ref(expr.id)
    return f"IF(ISNUMBER({cell}),{cell},NA())"


@number.register
def _(expr: Const, ref):
    return str(expr.value)


@number.register
def _(expr: Sum, ref):
    operator = {Sum: "+", Sub: "-", Mul: "*"}.get(type(expr))
    parts = [number(term, ref) for term in expr.terms]
    if operator:
        return "(" + operator.join(parts) + ")"
    if isinstance(expr, Div):
        first, second = parts
        return f"IF({second}=0,NA(),{first}/{second})"
    function = {Max: "MAX", Min: "MIN"}[type(expr)]
    return f"{function}({','.join(parts)})"


@number.register
def _(expr: Round, ref):
    return f"ROUND({number(expr.term, ref)},{expr.places})"


@number.register
def _(expr: IfPositive, ref):
    test, then, otherwise = (number(part, ref) for part in expr.parts())
    return f"IF({test}>0,{then},{otherwise})"


def calculation(expr: Expr, ref: RefFn) -> str:
    """A calculated cell's formula: blank when an input is missing."""
    return f'=IFERROR({number(expr, ref)},"")'


@singledispatch
def condition(cond, ref: RefFn) -> str:
    """The condition as a formula fragment that is TRUE or FALSE (never an error)."""
    raise TypeError(f"No Excel form for {type(cond).__name__}")


@condition.register
def _(cond: Given, ref):
    if isinstance(cond, Blank):
        return f"LEN({ref(cond.id)})=0"
    return f"LEN({ref(cond.id)})>0"


@condition.register
def _(cond: Equals, ref):
    cell = ref(cond.id)
    return "OR(" + ",".join(f"{cell}={_text(option)}" for option in cond.options) + ")"


@condition.register
def _(cond: Same, ref):
    first, second = ref(cond.first), ref(cond.second)
    return f"AND(LEN({first})>0,LEN({second})>0,{first}={second})"


@condition.register
def _(cond: Differs, ref):
    first, second = number(cond.first, ref), number(cond.second, ref)
    compare = ">" if isinstance(cond, Exceeds) else "<>"
    return f"IF(AND(ISNUMBER({first}),ISNUMBER({second})),{first}{compare}{second},FALSE)"


@condition.register
def _(cond: Not, ref):
    return f"NOT({condition(cond.cond, ref)})"


@condition.register
def _(cond: AnyOf, ref):
    function = "AND" if isinstance(cond, AllOf) else "OR"
    return f"{function}(" + ",".join(condition(part, ref) for part in cond.conds) + ")"


def checker(cond, ref: RefFn) -> str:
    """A checklist cell: Yes when the rule holds, else No."""
    return f'=IF({condition(cond, ref)},"Yes","No")'
