"""load_reference_data: every HWB area of 2015/16, and the reporting periods with their
deadlines, from the files in fixtures/ (whose note gives their sources)."""

import datetime
import io
from collections import Counter
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command

from demo.reference import hwb_areas
from governance.models import HwbArea
from returns.models import ReportingPeriod

pytestmark = pytest.mark.django_db


def load() -> str:
    out = io.StringIO()
    call_command("load_reference_data", stdout=out)
    return out.getvalue()


def test_it_loads_the_151_hwb_areas_the_bcf_counted_in_2015_16():
    assert "151 HWB areas" in load()
    areas = HwbArea.objects.all()
    assert areas.count() == 151
    # The counts fixtures/hwb-areas-2015-16.md gives.
    assert Counter(areas.values_list("kind", flat=True)) == {
        "county": 27, "unitary": 55, "metropolitan district": 36, "London borough": 33
    }  # fmt: skip
    assert Counter(areas.values_list("region", flat=True)) == {
        "North": 50, "Midlands and East": 35, "London": 33, "South": 33
    }  # fmt: skip
    norfolk = HwbArea.objects.get(ons_code="E10000020")
    assert (norfolk.name, norfolk.get_kind_display(), norfolk.region) == (
        "Norfolk", "County", "Midlands and East"
    )  # fmt: skip
    # The choices the note explains: Cornwall with Scilly; the City of London on its own.
    assert HwbArea.objects.get(ons_code="E06000052").name == "Cornwall and Isles of Scilly"
    assert not HwbArea.objects.filter(ons_code="E06000053").exists()
    assert {"E09000001", "E09000012"} <= set(areas.values_list("ons_code", flat=True))
    for area in areas:
        area.full_clean()  # every code well-formed, every kind and region a known one


def test_each_period_has_its_template_and_deadline_in_uk_time():
    load()
    london = ZoneInfo("Europe/London")
    periods = {
        p.code: (p.template_version, p.submission_deadline, p.deadline_assumed)
        for p in ReportingPeriod.objects.all()
    }
    assert periods == {
        "fy1516_q3": ("bcf-q3-2015-16", datetime.datetime(2016, 2, 26, 12, tzinfo=london), False),
        "fy1516_q4": ("bcf-q4-2015-16", datetime.datetime(2016, 5, 27, 12, tzinfo=london), False),
        "fy1617_q1": ("bcf-q1-2016-17", datetime.datetime(2016, 8, 26, 12, tzinfo=london), True),
        "fy1617_q2": ("bcf-q2-2016-17", datetime.datetime(2016, 11, 25, 12, tzinfo=london), False),
        "fy1617_q3": ("bcf-q3-2016-17", datetime.datetime(2017, 2, 24, 12, tzinfo=london), True),
        "fy1617_q4": ("bcf-q4-2016-17", datetime.datetime(2017, 5, 31, 12, tzinfo=london), False),
    }
    for period in ReportingPeriod.objects.all():
        assert period.deadline_source  # where the date comes from, or why it was assumed
        assert period.deadline_source.startswith("Assumed") == period.deadline_assumed
        assert period.closes_at is None  # no source gives one: an administrator sets it


def test_a_closing_date_an_administrator_set_survives_loading_again():
    load()
    closes = datetime.datetime(2016, 6, 30, 12, tzinfo=ZoneInfo("Europe/London"))
    ReportingPeriod.objects.filter(quarter=4).update(closes_at=closes)
    load()
    assert set(ReportingPeriod.objects.filter(quarter=4).values_list("closes_at", flat=True)) == {
        closes
    }


def test_running_it_again_changes_nothing():
    load()
    before = list(HwbArea.objects.order_by("pk").values())
    load()
    assert list(HwbArea.objects.order_by("pk").values()) == before


def test_an_area_renamed_in_the_file_is_renamed_not_duplicated(monkeypatch):
    load()
    renamed = [
        {**area, "name": "Norfolk (renamed)"} if area["ons_code"] == "E10000020" else area
        for area in hwb_areas()
    ]
    monkeypatch.setattr("demo.reference.hwb_areas", lambda: renamed)
    load()
    assert HwbArea.objects.count() == 151
    assert HwbArea.objects.get(ons_code="E10000020").name == "Norfolk (renamed)"


def test_the_demo_keeps_its_two_areas_and_gains_the_others_empty(demo):
    assert HwbArea.objects.count() == 152  # the 151, and fictional Borsetshire
    others = HwbArea.objects.exclude(ons_code__in=["E10000020", "E99999001"])
    assert not others.filter(plans__isnull=False).exists()
    assert not others.filter(returns__isnull=False).exists()
    assert not others.filter(memberships__isnull=False).exists()
