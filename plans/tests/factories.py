"""Factories for plans (and, for tests that build a plan's world, the core's: areas,
partners, years, people)."""

import factory

from governance.tests.factories import (  # noqa: F401 (used by tests through this module)
    FinancialYearFactory,
    HwbAreaFactory,
    MembershipFactory,
    PartnerFactory,
    UserFactory,
)
from plans.models import Contribution, Plan, PlannedExpenditure


class PlanFactory(factory.django.DjangoModelFactory):
    """A plan of a new area for 2016/17, with a pooled fund of £1,000,000."""

    class Meta:
        model = Plan

    hwb_area = factory.SubFactory(HwbAreaFactory)
    financial_year = factory.SubFactory(FinancialYearFactory)
    pooled_fund_total = 1_000_000


class ContributionFactory(factory.django.DjangoModelFactory):
    """A partner's £500,000 contribution to a plan."""

    class Meta:
        model = Contribution

    plan = factory.SubFactory(PlanFactory)
    partner = factory.SubFactory(PartnerFactory)
    amount = 500_000
    amount_last_year = 450_000


class PlannedExpenditureFactory(factory.django.DjangoModelFactory):
    """£250,000 of planned social care spend."""

    class Meta:
        model = PlannedExpenditure

    plan = factory.SubFactory(PlanFactory)
    area_of_spend = "social_care"
    amount = 250_000
