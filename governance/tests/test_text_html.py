"""The small pieces of HTML that pages written in Python share say what Django's would."""

import datetime

import pytest
from django.template.defaultfilters import date as date_filter
from django.utils.dateformat import format as date_format
from django.utils.html import conditional_escape
from django.utils.timezone import localtime

from governance.models import HwbArea
from governance.text_html import day, formatted, shown, when
from schemes.models import Scheme


def test_a_choice_is_shown_by_its_label_as_djangos_display_shows_it_escaped():
    """Every choice of a scheme's theme and status, none chosen, and a value no choice has
    (kept before a choice was dropped): each the text `get_<name>_display()` gives, escaped."""
    for name in ("theme", "status"):
        for value in [value for value, _ in Scheme._meta.get_field(name).flatchoices] + [
            "",
            "<gone & away>",
        ]:
            scheme = Scheme(**{name: value})
            expected = conditional_escape(getattr(scheme, f"get_{name}_display")())
            assert shown(scheme, name) == expected
    assert shown(Scheme(theme="<gone & away>"), "theme") == "&lt;gone &amp; away&gt;"
    area = HwbArea(region="")
    assert shown(area, "region") == conditional_escape(area.get_region_display())


# Every day of a leap year and of another, at times that show each digit, in and out of
# summer time; dates as well as datetimes.
MOMENTS = [
    datetime.datetime(year, 1, 1, hour, minute, tzinfo=datetime.UTC) + datetime.timedelta(days=d)
    for year in (2016, 2017, 999)
    for d in range(0, 366, 7)
    for hour, minute in ((0, 0), (9, 5), (23, 59), (12, 30))
]


@pytest.mark.parametrize("fmt", ["j F Y, H:i", "j F Y", "d/m/Y", "D j M Y", "N jS, P"])
def test_a_date_is_written_as_djangos_format_writes_it(fmt):
    """The formats the pages show, written directly, and any other by Django: the same text
    for datetimes in the portal's time zone (as `when` gives them) and for dates."""
    for moment in MOMENTS:
        local = localtime(moment) if moment.year > 1000 else moment
        assert formatted(local, fmt) == date_format(local, fmt), local
        assert formatted(local.date(), fmt.split(",")[0]) == date_format(
            local.date(), fmt.split(",")[0]
        )
        assert when(moment, fmt) == conditional_escape(date_format(localtime(moment), fmt))


def test_a_day_is_shown_as_djangos_date_filter_shows_it():
    """`day` stands for `date_filter`: nothing for none or empty text, nothing for what is
    not a date, else its format."""
    for value in (None, "", "not a date", 17, datetime.date(2016, 3, 4),
                  datetime.datetime(2016, 11, 30, 8, 1)):  # fmt: skip
        for fmt in ("d/m/Y", "j F Y"):
            assert day(value, fmt) == date_filter(value, fmt), (value, fmt)
    assert day(datetime.date(2016, 3, 4), "j F Y") == "4 March 2016"
    assert when(None) == ""
