"""Factories for areas, partners, people and plans."""

import factory
from django.contrib.auth import get_user_model

from plans.models import (
    Contribution,
    FinancialYear,
    HwbArea,
    Membership,
    Partner,
    PartnerKind,
    Plan,
    PlannedExpenditure,
    Role,
)


class HwbAreaFactory(factory.django.DjangoModelFactory):
    """An HWB area with a well-formed, unique (fictional) ONS code."""

    class Meta:
        model = HwbArea

    name = factory.Sequence(lambda n: f"Area {n}")
    ons_code = factory.Sequence(lambda n: f"E99{n:06d}")
    population = 500_000


class PartnerFactory(factory.django.DjangoModelFactory):
    """A CCG serving the areas given as `hwb_areas=[...]`."""

    class Meta:
        model = Partner
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"NHS Partner {n} CCG")
    code = factory.Sequence(lambda n: f"P{n}")
    kind = PartnerKind.CCG_ICB

    @factory.post_generation
    def hwb_areas(self, create, areas, **kwargs):
        if create and areas:
            self.hwb_areas.add(*areas)


class FinancialYearFactory(factory.django.DjangoModelFactory):
    """A financial year; 2016/17 unless told otherwise (get-or-create on the start year)."""

    class Meta:
        model = FinancialYear
        django_get_or_create = ["start_year"]

    start_year = 2016


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


class UserFactory(factory.django.DjangoModelFactory):
    """A user who can sign in with the password `password`."""

    class Meta:
        model = get_user_model()
        django_get_or_create = ["username"]

    username = factory.Sequence(lambda n: f"user{n}")
    password = factory.django.Password("password")


class MembershipFactory(factory.django.DjangoModelFactory):
    """A commissioning officer's membership of a new area."""

    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    role = Role.COMMISSIONING_OFFICER
    hwb_area = factory.SubFactory(HwbAreaFactory)
