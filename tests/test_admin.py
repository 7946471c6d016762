"""The Django admin: administrators manage every model; nobody else gets in."""

import pytest
from django.contrib import admin
from django.urls import reverse
from pytest_django.asserts import assertContains

from governance.models import PeriodicRun, RecordChange
from national.models import NationalExport
from plans.models import Plan
from returns.models import (
    Answer,
    QuarterlyReturn,
    ReportingPeriod,
    WorkbookExport,
    WorkbookUpload,
)
from schemes.models import Scheme

pytestmark = pytest.mark.django_db

REGISTERED = sorted(admin.site._registry, key=lambda model: model._meta.label)


def admin_url(model, view: str, *args) -> str:
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


@pytest.mark.parametrize("model", REGISTERED, ids=lambda m: m._meta.label)
def test_administrator_can_list_and_add_every_model(signed_in, model):
    client = signed_in("admin")
    assert client.get(admin_url(model, "changelist")).status_code == 200
    # Returns, answers, exports and uploads are made only through the services; sign-in
    # attempts only by signing in (django-axes); scheduled tasks' runs by the tasks.
    made_elsewhere = (
        Answer, NationalExport, PeriodicRun, QuarterlyReturn, RecordChange, WorkbookExport,
        WorkbookUpload,
    )  # fmt: skip
    addable = model not in made_elsewhere and model._meta.app_label != "axes"
    assert client.get(admin_url(model, "add")).status_code == (200 if addable else 403)


@pytest.mark.parametrize("model", [Plan, Scheme, QuarterlyReturn], ids=lambda m: m._meta.label)
def test_administrator_can_open_a_plan_and_a_scheme_with_their_parts(signed_in, model):
    obj = model.objects.order_by("pk").first()
    assert signed_in("admin").get(admin_url(model, "change", obj.pk)).status_code == 200


@pytest.mark.parametrize("username", ["officer.norfolk", "signoff.norfolk", "analyst"])
def test_no_one_else_gets_into_the_admin(signed_in, username):
    response = signed_in(username).get(reverse("admin:index"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))


def test_admin_refuses_a_second_plan_for_an_area_and_year_in_plain_english(signed_in):
    existing = Plan.objects.order_by("pk").first()
    plans_before = Plan.objects.count()
    response = signed_in("admin").post(
        admin_url(Plan, "add"),
        {
            "hwb_area": existing.hwb_area_id,
            "financial_year": existing.financial_year_id,
            **{
                f"{prefix}-{field}": value
                for prefix in [
                    "contributions",
                    "planned_expenditure",
                    "condition_statements",
                    "sign_off_blocks",
                ]
                for field, value in [("TOTAL_FORMS", 0), ("INITIAL_FORMS", 0)]
            },
        },
    )
    assert response.status_code == 200
    assertContains(response, "This HWB area already has a plan for this year.")
    assert Plan.objects.count() == plans_before


def test_an_administrator_adds_a_reporting_period_only_for_a_template_the_portal_defines(
    signed_in,
):
    from governance.models import FinancialYear

    year = FinancialYear.objects.get(start_year=2014)  # a year the reference data gives no period
    client = signed_in("admin")
    period = {
        "financial_year": year.pk, "quarter": 4,
        "submission_deadline_0": "27/05/2016", "submission_deadline_1": "12:00:00",
        "extensions-TOTAL_FORMS": 0, "extensions-INITIAL_FORMS": 0,  # the inline of extensions
    }  # fmt: skip
    unknown = client.post(admin_url(ReportingPeriod, "add"), {**period, "template_version": "x"})
    assertContains(unknown, "Select a valid choice")
    assert not ReportingPeriod.objects.filter(financial_year=year).exists()
    known = client.post(
        admin_url(ReportingPeriod, "add"), {**period, "template_version": "bcf-q3-2015-16"}
    )
    assert known.status_code == 302
    assert ReportingPeriod.objects.get(financial_year=year).submission_deadline.month == 5
