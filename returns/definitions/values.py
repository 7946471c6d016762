"""Value types of template questions: how a value is cleaned, stored, exchanged and shown.

One type object per kind of cell (`q3-2015-16.md`, "Common value types"). Every
way data arrives — a form, a JSON import, a workbook import — calls `clean()`,
so they refuse the same values with the same plain-English messages.

Python values: `int` (counts, money), `Decimal` (percentages), `datetime.date`,
`str` (text, choices, months). Stored as canonical text in `Answer.value`.
"""

import datetime
import functools
import re
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.core.validators import validate_email

from governance.money import bounded_int, format_pounds
from governance.text import text_problem

NUMBER_LIMIT = 100_000_000  # NHS England: every numeric input is 0 … 100,000,000


def _text(raw) -> str:
    return "" if raw is None else str(raw).strip()


@dataclass(frozen=True)
class ValueType:
    """Base: free text with a length limit."""

    name: str
    max_length: int = 255
    widget: str = "text"  # text | textarea | number | select | date | month

    def clean(self, raw):
        """`raw` (a form string, a JSON value) -> the Python value, or None when blank."""
        text = _text(raw) if not isinstance(raw, str) else raw.strip()
        if "\r" in text:  # Browsers send line breaks as CR LF: one character, as in Excel.
            text = text.replace("\r\n", "\n").replace("\r", "\n")
        if text == "":
            return None
        if problem := text_problem(text):
            raise ValidationError(problem)
        if len(text) > self.max_length:
            raise ValidationError(
                f"Enter at most {self.max_length:,} characters (you entered {len(text):,})."
            )
        return self.check(text)

    def check(self, value):
        return value

    def to_db(self, value) -> str:
        return str(value)

    def from_db(self, text: str):
        return text

    def to_json(self, value):
        return value

    def display(self, value) -> str:
        return "" if value is None else str(value)

    def to_form(self, value) -> str:
        return self.display(value)

    def shown(self, text: str) -> str:
        """Stored text as the template shows it (`23268` -> `23,268`); empty stays empty."""
        return self.display(self.from_db(text)) if text else ""

    @property
    def choices(self) -> tuple[str, ...]:
        return ()


@dataclass(frozen=True)
class Email(ValueType):
    def check(self, value):
        try:
            validate_email(value)
        except ValidationError:
            raise ValidationError(
                "Enter an e-mail address in the right format, like name@example.gov.uk."
            ) from None
        return value


UK_PHONE = re.compile(r"^(\+44\s?)?[\d ]+$")


@dataclass(frozen=True)
class Phone(ValueType):
    def check(self, value):
        digits = re.sub(r"\D", "", value)
        if not UK_PHONE.match(value) or not 10 <= len(digits) <= 13:
            raise ValidationError(
                "Enter a UK telephone number, like 01603 223062 or +44 1603 223062."
            )
        return value


@dataclass(frozen=True)
class Choice(ValueType):
    """One of a fixed list; `aliases` maps other spellings to a choice."""

    options: tuple[str, ...] = ()
    aliases: dict = field(default_factory=dict)
    widget: str = "select"

    @property
    def choices(self) -> tuple[str, ...]:
        return self.options

    @functools.cached_property
    def by_folded(self) -> dict[str, str]:
        """Each option by its casefolded spelling (kept: a definition's types live as long as
        the process)."""
        return {option.casefold(): option for option in self.options}

    def check(self, value):
        value = self.aliases.get(value, value)
        found = self.by_folded.get(value.casefold())
        if found is None:
            listed = ", ".join(f"‘{option}’" for option in self.options)
            raise ValidationError(f"Choose one of {listed}.")
        return found


@dataclass(frozen=True)
class Date(ValueType):
    widget: str = "date"

    def clean(self, raw):
        if isinstance(raw, datetime.date):  # a workbook's date cell: the same limits as typed
            return self._in_range(raw)
        return super().clean(raw)

    def check(self, value):
        try:
            date = datetime.datetime.strptime(value, "%d/%m/%Y").date()
        except ValueError:
            raise ValidationError(
                "Enter a real date as DD/MM/YYYY, like 31/03/2016.", code="date"
            ) from None
        return self._in_range(date)

    @staticmethod
    def _in_range(date: datetime.date) -> datetime.date:
        if not 2000 <= date.year <= 2099:
            raise ValidationError(
                "Enter a date between 01/01/2000 and 31/12/2099.", code="date_range"
            )
        return date

    def to_db(self, value) -> str:
        return value.isoformat()

    def from_db(self, text: str):
        return datetime.date.fromisoformat(text)

    def to_json(self, value):
        return value.strftime("%d/%m/%Y")

    def display(self, value) -> str:
        return "" if value is None else value.strftime("%d/%m/%Y")


MONTH = re.compile(r"^(0[1-9]|1[0-2])/\d{2}$")


@dataclass(frozen=True)
class Month(ValueType):
    """An Open API go-live month `MM/YY`, or `Live`, or `n/a`."""

    widget: str = "month"

    def check(self, value):
        for word in ("Live", "n/a"):
            if value.casefold() == word.casefold():
                return word
        if not MONTH.match(value):
            raise ValidationError("Enter a month as MM/YY (like 04/16), or ‘Live’, or ‘n/a’.")
        return value


@dataclass(frozen=True)
class Whole(ValueType):
    """A whole number 0 … 100,000,000; `money` shows and accepts `£1,234`."""

    money: bool = False
    widget: str = "number"

    def clean(self, raw):
        if isinstance(raw, bool):
            raise ValidationError(self._whole_message)
        if isinstance(raw, int):
            return self.check(raw)
        if isinstance(raw, float):
            if not raw.is_integer():
                raise ValidationError(self._whole_message)
            return self.check(int(raw))
        return super().clean(raw)

    @property
    def _whole_message(self) -> str:
        if self.money:
            return "Enter a whole number of pounds, like £1,234 or 1234, without pence."
        return "Enter a whole number, like 1234."

    def check(self, value):
        if isinstance(value, str):
            text = value.replace(",", "").replace(" ", "")
            if self.money and text.startswith("£"):
                text = text[1:]
            if not re.fullmatch(r"-?\d+", text):
                raise ValidationError(self._whole_message)
            value = bounded_int(text)
        if not 0 <= value <= NUMBER_LIMIT:
            unit = "£" if self.money else ""
            raise ValidationError(f"Enter a number between {unit}0 and {unit}100,000,000.")
        return value

    def from_db(self, text: str):
        return int(text)

    def display(self, value) -> str:
        if value is None:
            return ""
        return format_pounds(value) if self.money else f"{int(value):,}"

    def to_form(self, value) -> str:
        if value is None:
            return ""
        return f"{int(value):,}" if self.money else str(value)


@dataclass(frozen=True)
class Percent(ValueType):
    """A percentage 0 … 100 as a number of percent (`3.5` is 3.5%), at most `places` decimals."""

    places: int = 1
    widget: str = "number"

    def clean(self, raw):
        if isinstance(raw, bool):
            raise ValidationError("Enter a percentage, like 98 or 12.5.")
        if isinstance(raw, int | float | Decimal):
            return self.check(str(raw))
        return super().clean(raw)

    def check(self, value):
        try:
            number = Decimal(value.rstrip("%").strip())
        except InvalidOperation:
            raise ValidationError("Enter a percentage, like 98 or 12.5.") from None
        if not number.is_finite() or not 0 <= number <= 100:
            raise ValidationError("Enter a percentage between 0 and 100.")
        if number != number.quantize(Decimal(1).scaleb(-self.places), rounding=ROUND_HALF_UP):
            raise ValidationError(f"Enter a percentage with at most {self.places} decimal place.")
        return normalise(number)

    def to_db(self, value) -> str:
        return str(normalise(Decimal(value)))

    def from_db(self, text: str):
        return Decimal(text)

    def to_json(self, value):
        value = normalise(Decimal(value))
        return int(value) if value == value.to_integral_value() else float(value)

    def display(self, value) -> str:
        return "" if value is None else f"{normalise(Decimal(value))}%"

    def to_form(self, value) -> str:
        return "" if value is None else str(normalise(Decimal(value)))


def normalise(number: Decimal) -> Decimal:
    """`Decimal('98.0')` -> `98`; `Decimal('3.50')` -> `3.5` (never `1E+2`, nor `-0`)."""
    if number == 0:
        return Decimal(0)
    if number == number.to_integral_value():
        return number.quantize(Decimal(1))
    return number.normalize()


# The types of q3-2015-16.md, "Common value types".
TEXT = ValueType("text")
TEXT750 = ValueType("text750", max_length=750, widget="textarea")
LONG_TEXT = ValueType("long_text", max_length=32_767, widget="textarea")
EMAIL = Email("email")
PHONE = Phone("phone")
YES_NO = Choice("yes_no", options=("Yes", "No"))
NC_STATUS = Choice(
    "nc_status",
    options=("Yes", "No", "No - In Progress"),
    aliases={
        "No \u2010 In Progress": "No - In Progress",  # the template's hyphen
        "No \u2013 In Progress": "No - In Progress",
    },
)
DATE = Date("date")
MONTH_OR_LIVE = Month("month")
INT = Whole("int")
MONEY = Whole("money", money=True)
PCT = Percent("pct")


def choice(name: str, *options: str) -> Choice:
    return Choice(name, options=options)
