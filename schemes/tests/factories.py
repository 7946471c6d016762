"""Factories for schemes and their repeating parts."""

import factory

from plans.tests.factories import PartnerFactory, PlanFactory
from schemes.models import InvestmentLine, Risk, Scheme


class SchemeFactory(factory.django.DjangoModelFactory):
    """A scheme of a new plan, led by a new partner."""

    class Meta:
        model = Scheme

    plan = factory.SubFactory(PlanFactory)
    reference = factory.Sequence(lambda n: f"S{n}")
    name = factory.Sequence(lambda n: f"Scheme {n}")
    lead_partner = factory.SubFactory(PartnerFactory)


class InvestmentLineFactory(factory.django.DjangoModelFactory):
    """A £10,000 investment line, numbered in order within its scheme."""

    class Meta:
        model = InvestmentLine

    scheme = factory.SubFactory(SchemeFactory)
    position = factory.Sequence(lambda n: n + 1)
    description = "Care co-ordinators"
    amount = 10_000


class RiskFactory(factory.django.DjangoModelFactory):
    """A risk scored 3 × 3."""

    class Meta:
        model = Risk

    scheme = factory.SubFactory(SchemeFactory)
    position = factory.Sequence(lambda n: n + 1)
    risk = "Recruitment is slow."
    likelihood = 3
    impact = 3
