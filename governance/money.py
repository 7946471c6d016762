"""Whole pounds sterling: how amounts are stored, constrained and shown.

Money is a whole number of pounds everywhere in the BCF (the template's rule),
stored in a BigIntegerField and shown as `£1,234,567`.
"""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import models

NOT_WHOLE_POUNDS = "Enter a whole number of pounds, without pence."
# The most a plan or scheme amount may be, however it arrives (a form, the register import):
# under a trillion pounds. A return's figures have the template's own, lower, limit.
POUNDS_LIMIT = 10**12
TOO_MANY_POUNDS = "enter an amount below £1,000,000,000,000"


def bounded_int(text: str) -> int:
    """An int from digits with an optional minus sign, clamped at ±10**18: more digits than
    that are beyond every limit the portal has (and Python refuses to read thousands)."""
    sign = -1 if text.startswith("-") else 1
    digits = text.lstrip("-").lstrip("0") or "0"
    return sign * (10**18 if len(digits) > 18 else int(digits))


class PoundsField(models.BigIntegerField):
    """Whole pounds sterling. Refuses pence rather than silently dropping them."""

    description = "Whole pounds sterling"

    @staticmethod
    def _has_pence(value) -> bool:
        return isinstance(value, float | Decimal) and value != int(value)

    def to_python(self, value):
        if self._has_pence(value):
            raise ValidationError(NOT_WHOLE_POUNDS, code="pence")
        return super().to_python(value)

    def get_prep_value(self, value):
        if self._has_pence(value):
            raise ValueError(f"{value} is not a whole number of pounds.")
        return super().get_prep_value(value)


def non_negative(*fields: str) -> list[models.CheckConstraint]:
    """Database checks that each money field holds whole pounds >= 0 (or is empty)."""
    return [
        models.CheckConstraint(
            condition=models.Q(**{f"{field}__gte": 0}) | models.Q(**{f"{field}__isnull": True}),
            name=f"%(app_label)s_%(class)s_{field}_not_negative",
            violation_error_message=f"{field.replace('_', ' ').capitalize()} cannot be negative.",
        )
        for field in fields
    ]


def format_pounds(amount: int | None, *, empty: str = "") -> str:
    """`1234567` -> `£1,234,567`; `-426` -> `-£426`; None -> `empty`."""
    if amount is None:
        return empty
    sign = "-" if amount < 0 else ""
    return f"{sign}£{abs(int(amount)):,}"
