"""An analyst's table of periods on the home page, written in Python (issue 33): its dates
and links are Django's own."""

import datetime

from django.urls import reverse
from django.utils import dateformat, timezone
from hypothesis import given, settings
from hypothesis import strategies as st

from returns.home_html import long_day, period_rows
from returns.models import ReportingPeriod
from returns.selectors import PeriodState


@settings(max_examples=300, deadline=None)
@given(st.datetimes(datetime.datetime(2000, 1, 1), datetime.datetime(2099, 12, 31),
                    timezones=st.just(datetime.UTC)))  # fmt: skip
def test_a_deadlines_day_is_djangos_date_format(moment):
    zone = timezone.get_current_timezone()
    expected = dateformat.format(timezone.localtime(moment, zone), "j F Y")
    assert long_day(moment, zone) == expected


def test_each_period_links_to_its_round(db):
    from returns.selectors import period_by_code

    period = period_by_code("fy1516_q3") or ReportingPeriod.objects.first()
    if period is None:
        from django.core.management import call_command

        call_command("load_reference_data", verbosity=0)
        period = period_by_code("fy1516_q3")
    row = str(period_rows([PeriodState(period, 2, {}, 0)]))
    assert f'href="{reverse("round-status", args=[period.code])}"' in row
    zone = timezone.get_current_timezone()
    assert f"Deadline {long_day(period.submission_deadline, zone)}" in row
