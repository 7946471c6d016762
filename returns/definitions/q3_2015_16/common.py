"""Helpers shared by the sections of the Q3 2015/16 definition: cell addresses, quarter names."""

from ..structure import Kind

INPUT, PREPOP, CALC = Kind.INPUT, Kind.PREPOP, Kind.CALC
C = 3  # column C: where answers start on every tab


def column(number: int) -> str:
    """1 -> A, 27 -> AA."""
    letters = ""
    while number:
        number, rest = divmod(number - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def cell(col: int, row: int) -> str:
    return f"{column(col)}{row}"


def quarter_label(code: str) -> str:
    """`fy1516_q3` -> `Q3 2015/16`."""
    years, quarter = code.removeprefix("fy").split("_q")
    return f"Q{quarter} 20{years[:2]}/{years[2:]}"
