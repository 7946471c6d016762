"""Factories for the core: areas, partners, years, people and their roles."""

import factory
from django.contrib.auth import get_user_model

from governance.models import FinancialYear, HwbArea, Membership, Partner, PartnerKind, Role


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
