"""Value types: what a form, a JSON file or a workbook may put in a cell, and what is refused."""

import datetime
import re
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from returns.definitions.values import (
    DATE,
    EMAIL,
    INT,
    LONG_TEXT,
    MONEY,
    MONTH_OR_LIVE,
    NC_STATUS,
    PCT,
    PHONE,
    TEXT750,
)


@pytest.mark.parametrize(
    ("type_", "raw", "value"),
    [
        pytest.param(MONEY, "£1,234", 1234, id="money with £ and comma"),
        pytest.param(MONEY, "1234", 1234, id="money plain"),
        pytest.param(MONEY, 0, 0, id="money zero"),
        pytest.param(MONEY, "100,000,000", 100_000_000, id="money at the limit"),
        pytest.param(INT, " 23,268 ", 23268, id="count with comma and spaces"),
        pytest.param(INT, 5.0, 5, id="count as a whole float (JSON)"),
        pytest.param(INT, "", None, id="blank is no answer"),
        pytest.param(DATE, "30/04/2017", datetime.date(2017, 4, 30), id="date DD/MM/YYYY"),
        pytest.param(MONTH_OR_LIVE, "04/16", "04/16", id="month MM/YY"),
        pytest.param(MONTH_OR_LIVE, "live", "Live", id="month Live"),
        pytest.param(MONTH_OR_LIVE, "N/A", "n/a", id="month n/a"),
        pytest.param(NC_STATUS, "No \u2010 In Progress", "No - In Progress", id="template dash"),
        pytest.param(NC_STATUS, "yes", "Yes", id="choice any case"),
        pytest.param(PCT, "98", Decimal(98), id="pct whole"),
        pytest.param(PCT, 12.5, Decimal("12.5"), id="pct one place"),
        pytest.param(PCT, "12.5%", Decimal("12.5"), id="pct with sign"),
        pytest.param(EMAIL, "Sera.Hall@norfolk.gov.uk", "Sera.Hall@norfolk.gov.uk", id="email"),
        pytest.param(PHONE, "01603 223062", "01603 223062", id="phone"),
        pytest.param(PHONE, "+44 1603 223062", "+44 1603 223062", id="phone +44"),
        pytest.param(TEXT750, "x" * 750, "x" * 750, id="750 characters"),
        pytest.param(LONG_TEXT, "x" * 32_767, "x" * 32_767, id="one Excel cell"),
        pytest.param(TEXT750, "a\r\nb\rc", "a\nb\nc", id="line breaks as one character"),
        pytest.param(TEXT750, "x\r\n" * 375, ("x\n" * 375).strip(), id="750 with CR LF breaks"),
    ],
)
def test_accepted(type_, raw, value):
    assert type_.clean(raw) == value


@pytest.mark.parametrize(
    ("type_", "raw", "message"),
    [
        pytest.param(MONEY, "£12.50", "without pence", id="money with pence"),
        pytest.param(MONEY, 12.5, "without pence", id="money float with pence"),
        pytest.param(MONEY, "-1", "between £0 and £100,000,000", id="money negative"),
        pytest.param(MONEY, "100000001", "between £0 and £100,000,000", id="money over limit"),
        pytest.param(INT, "twelve", "whole number", id="count in words"),
        pytest.param(INT, True, "whole number", id="count as true"),
        pytest.param(DATE, "31/02/2016", "real date", id="date that does not exist"),
        pytest.param(DATE, "2016-03-31", "DD/MM/YYYY", id="date ISO"),
        pytest.param(DATE, "01/01/0031", "between 01/01/2000 and 31/12/2099", id="year 31"),
        pytest.param(MONTH_OR_LIVE, "13/16", "MM/YY", id="month 13"),
        pytest.param(NC_STATUS, "Maybe", "Choose one of ‘Yes’, ‘No’, ‘No - In Progress’",
                     id="not a choice"),
        pytest.param(PCT, "101", "between 0 and 100", id="pct over 100"),
        pytest.param(PCT, "12.25", "at most 1 decimal place", id="pct two places"),
        pytest.param(PCT, "NaN", "between 0 and 100", id="pct NaN"),
        pytest.param(EMAIL, "sera.hall", "e-mail address", id="email without domain"),
        pytest.param(PHONE, "123", "UK telephone number", id="phone too short"),
        pytest.param(TEXT750, "a\x00b", "control character", id="NUL"),
        pytest.param(TEXT750, "a\x06b", "control character", id="ACK pasted from elsewhere"),
        pytest.param(TEXT750, "x" * 751, "at most 750 characters (you entered 751)",
                     id="751 characters"),
    ],
)  # fmt: skip
def test_refused_in_plain_english(type_, raw, message):
    with pytest.raises(ValidationError, match=re.escape(message)):
        type_.clean(raw)


@pytest.mark.parametrize(
    ("type_", "value"),
    [
        (MONEY, 1234),
        (DATE, datetime.date(2016, 3, 31)),
        (PCT, Decimal("12.5")),
        (MONTH_OR_LIVE, "Live"),
    ],
)
def test_stored_text_reads_back_as_the_same_value(type_, value):
    assert type_.from_db(type_.to_db(value)) == value
    assert type_.clean(type_.to_json(value)) == value
