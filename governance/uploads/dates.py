"""Dates in a workbook: which number formats show a number as a date, and the date a serial
number stands for. These are openpyxl's rules (`openpyxl.styles.numbers.is_date_format`,
`BUILTIN_FORMATS` and `openpyxl.utils.datetime.from_excel`, MIT licence), written out here so
that reading an upload does not import openpyxl, and numpy with it: that was 0.13 to 0.2 s
and 15 MB in each web process's first upload. `governance/tests/test_upload_dates.py` checks
them against openpyxl itself."""

import datetime
import re

WINDOWS_EPOCH = datetime.datetime(1899, 12, 30)
MAC_EPOCH = datetime.datetime(1904, 1, 1)

# The built-in number formats (by id) that are dates or times: d-mmm-yy, h:mm and the rest.
BUILTIN_DATE_FORMATS = frozenset({14, 15, 16, 17, 18, 19, 20, 21, 22, 45, 46, 47})

# Quoted text, and bracketed parts other than elapsed time ([h], [mm], [ss]): colours,
# conditions and locales, whose letters are not date parts.
_STRIPPED = re.compile(r'".*?"|\[(?!hh?\]|mm?\]|ss?\])[^\]]*\]')
_DATE_PART = re.compile(r"(?<![_\\])[dmhysDMHYS]")


def is_date_format(code: str | None) -> bool:
    """Whether a number format code shows a date or a time (its first section decides)."""
    if code is None:
        return False
    return _DATE_PART.search(_STRIPPED.sub("", code.split(";")[0])) is not None


def from_excel(value: float, epoch: datetime.datetime = WINDOWS_EPOCH):
    """The datetime a serial number stands for (a time of day, below 1). Excel's 1900 system
    counts 29 February 1900, which never was: serials below 60 are a day late."""
    day, fraction = divmod(value, 1)
    diff = datetime.timedelta(milliseconds=round(fraction * 86400 * 1000))
    if 0 <= value < 1 and diff.days == 0:
        minutes, seconds = divmod(diff.seconds, 60)
        hours, minutes = divmod(minutes, 60)
        return datetime.time(hours, minutes, seconds, diff.microseconds)
    if 0 < value < 60 and epoch == WINDOWS_EPOCH:
        day += 1
    return epoch + datetime.timedelta(days=day) + diff
