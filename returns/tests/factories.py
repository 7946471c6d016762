"""Factories for reporting periods and returns."""

import datetime

import factory

from plans.tests.factories import FinancialYearFactory, HwbAreaFactory
from returns.models import QuarterlyReturn, ReportingPeriod


class ReportingPeriodFactory(factory.django.DjangoModelFactory):
    """Q3 2015/16 in the bcf-q3-2015-16 template (get-or-create on year and quarter)."""

    class Meta:
        model = ReportingPeriod
        django_get_or_create = ["financial_year", "quarter"]

    financial_year = factory.SubFactory(FinancialYearFactory, start_year=2015)
    quarter = 3
    template_version = "bcf-q3-2015-16"
    submission_deadline = datetime.datetime(2016, 2, 26, 12, tzinfo=datetime.UTC)


class QuarterlyReturnFactory(factory.django.DjangoModelFactory):
    """An empty Q3 2015/16 return of a new area (no pre-populated cells: see return_create)."""

    class Meta:
        model = QuarterlyReturn

    hwb_area = factory.SubFactory(HwbAreaFactory)
    period = factory.SubFactory(ReportingPeriodFactory)
    template_version = factory.SelfAttribute("period.template_version")
