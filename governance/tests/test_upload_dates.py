"""The upload reader's date rules are openpyxl's, written out so that reading does not import
openpyxl: checked against openpyxl itself, for every built-in format, formats people write,
any format code and any serial number."""

import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st
from openpyxl.styles.numbers import BUILTIN_FORMATS
from openpyxl.styles.numbers import is_date_format as openpyxl_is_date
from openpyxl.utils.datetime import MAC_EPOCH as OPENPYXL_MAC
from openpyxl.utils.datetime import WINDOWS_EPOCH as OPENPYXL_WINDOWS
from openpyxl.utils.datetime import from_excel as openpyxl_from_excel

from governance.uploads.dates import (
    BUILTIN_DATE_FORMATS,
    MAC_EPOCH,
    WINDOWS_EPOCH,
    from_excel,
    is_date_format,
)

WRITTEN = ["dd/mm/yyyy", "[$-809]dd mmmm yyyy", '"Due "d-mmm', "[Red]0.00", "[h]:mm:ss",
           "0.00_);[Red](0.00)", "#,##0", '£#,##0;[Red]-£#,##0', "\\d0", "_d0", "General",
           "[mm]:ss", "yyyy-mm-dd hh:mm", "@", '0" days"', "[<=9999999]###-####"]  # fmt: skip


def test_the_built_in_date_formats_are_openpyxls():
    assert {i for i, code in BUILTIN_FORMATS.items() if openpyxl_is_date(code)} == (
        BUILTIN_DATE_FORMATS
    )
    assert (WINDOWS_EPOCH, MAC_EPOCH) == (OPENPYXL_WINDOWS, OPENPYXL_MAC)


@pytest.mark.parametrize("code", WRITTEN)
def test_formats_people_write_are_dates_exactly_when_openpyxl_says(code):
    assert is_date_format(code) == openpyxl_is_date(code)


@given(st.text(alphabet='dmyhsDMYHS0#.,;:[]"\\_-@ $£<=>Redt/', max_size=30))
def test_any_format_code_is_a_date_exactly_when_openpyxl_says(code):
    assert is_date_format(code) == openpyxl_is_date(code)


def _outcome(convert, value, epoch):
    try:
        return convert(value, epoch)
    except (OverflowError, ValueError) as error:
        return type(error)


@given(st.one_of(st.floats(min_value=-1e6, max_value=3e6, allow_nan=False),
                 st.integers(min_value=-1000, max_value=3_000_000),
                 st.sampled_from([0, 0.5, 59, 60, 61, 0.999999999, 1e300])),
       st.sampled_from([WINDOWS_EPOCH, MAC_EPOCH]))  # fmt: skip
def test_any_serial_number_is_the_date_openpyxl_gives(value, epoch):
    assert _outcome(from_excel, value, epoch) == _outcome(openpyxl_from_excel, value, epoch)


def test_a_serial_below_1_is_a_time_and_1900s_leap_day_is_skipped():
    assert from_excel(0.5) == datetime.time(12, 0)
    assert from_excel(59) == datetime.datetime(1900, 2, 28)
    assert from_excel(61) == datetime.datetime(1900, 3, 1)
