"""Opening a reporting round: a return for every HWB area of the period, each pre-filled as
one started from its area's page; from the admin (through the worker) or the command."""

import pytest
from django.core.management import call_command
from django.urls import reverse

from governance.models import HwbArea
from returns.models import QuarterlyReturn, ReportingPeriod
from returns.selectors import return_answers
from returns.services import round_open

pytestmark = pytest.mark.django_db


def test_opening_a_round_makes_a_return_for_every_area_once(demo):
    period = ReportingPeriod.objects.get()
    before = {r.pk: r.revision for r in QuarterlyReturn.objects.all()}  # Norfolk, Borsetshire
    assert round_open(period=period) == HwbArea.objects.count() - 2 == 150
    assert QuarterlyReturn.objects.filter(period=period).count() == 152
    assert {r.pk: r.revision for r in QuarterlyReturn.objects.filter(pk__in=before)} == before
    suffolk = QuarterlyReturn.objects.get(hwb_area__ons_code="E10000029")
    assert (suffolk.status, suffolk.template_version) == ("draft", period.template_version)
    assert return_answers(quarterly_return=suffolk)["cover_hwb"] == "Suffolk"  # pre-populated
    assert round_open(period=period) == 0  # opened again: nothing more


def test_the_admin_opens_a_round_through_the_worker(signed_in, django_capture_on_commit_callbacks):
    period = ReportingPeriod.objects.get()
    client = signed_in("admin")
    changelist = reverse("admin:returns_reportingperiod_changelist")
    assert "2 of 152 areas" in client.get(changelist).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            changelist,
            {"action": "open_round", "_selected_action": [period.pk]},
            follow=True,
        )
    assert "making a return for each of the 150 HWB areas that have none" in (
        response.content.decode()
    )
    assert QuarterlyReturn.objects.filter(period=period).count() == 152
    assert "152 of 152 areas" in client.get(changelist).content.decode()


def test_the_command_opens_a_round_and_refuses_a_period_it_does_not_know(demo, capsys):
    call_command("open_round", period="fy1516_q3")
    assert capsys.readouterr().out == "Q3 2015/16: 150 returns made.\n"
    with pytest.raises(Exception, match="There is no reporting period 'fy1516_q4'"):
        call_command("open_round", period="fy1516_q4")
