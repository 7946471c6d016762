"""The invariants the database itself holds: each one violated once, and refused.

Each case also checks that model validation (what the admin and forms run)
refuses the same row with a sentence a person can act on.
"""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from governance.models import Membership, Role
from plans.models import Contribution, Plan, PlannedExpenditure, SignOffBlock
from plans.tests.factories import (
    ContributionFactory,
    HwbAreaFactory,
    PartnerFactory,
    PlanFactory,
    UserFactory,
)
from schemes.models import DeliveryChainEntry, InvestmentLine, Risk, Scheme
from schemes.tests.factories import SchemeFactory

pytestmark = pytest.mark.django_db


def second_plan_same_area_and_year():
    plan = PlanFactory()
    return Plan(hwb_area=plan.hwb_area, financial_year=plan.financial_year)


def second_contribution_same_partner():
    first = ContributionFactory()
    return Contribution(plan=first.plan, partner=first.partner, amount=1)


def negative_contribution():
    return Contribution(plan=PlanFactory(), partner=PartnerFactory(), amount=-1)


def negative_contribution_last_year():
    return Contribution(plan=PlanFactory(), partner=PartnerFactory(), amount=1, amount_last_year=-5)


def negative_pooled_fund():
    return Plan(
        hwb_area=HwbAreaFactory(), financial_year=PlanFactory().financial_year, pooled_fund_total=-1
    )


def negative_planned_expenditure():
    return PlannedExpenditure(plan=PlanFactory(), area_of_spend="acute", amount=-100)


def unknown_area_of_spend():
    return PlannedExpenditure(plan=PlanFactory(), area_of_spend="hospitality", amount=100)


def negative_investment_line():
    return InvestmentLine(scheme=SchemeFactory(), description="x", amount=-1)


def duplicate_scheme_reference():
    first = SchemeFactory(reference="NN2")
    return Scheme(plan=first.plan, reference="NN2", name="Another", lead_partner=first.lead_partner)


def empty_scheme_reference():
    return Scheme(plan=PlanFactory(), reference="", name="x", lead_partner=PartnerFactory())


def second_hwb_sign_off_block():
    plan = PlanFactory()
    SignOffBlock.objects.create(plan=plan, on_behalf_of="The HWB")
    return SignOffBlock(plan=plan, on_behalf_of="The HWB again")


def risk_scored_six():
    return Risk(scheme=SchemeFactory(), risk="x", likelihood=6, impact=1)


def delivery_entry_naming_no_one():
    return DeliveryChainEntry(scheme=SchemeFactory(), role="provider")


def officer_without_area():
    return Membership(user=UserFactory(), role=Role.COMMISSIONING_OFFICER)


def administrator_with_area():
    return Membership(user=UserFactory(), role=Role.ADMINISTRATOR, hwb_area=HwbAreaFactory())


def sign_off_member_without_area():
    return Membership(user=UserFactory(), role=Role.SIGN_OFF_MEMBER)


@pytest.mark.parametrize(
    ("make_invalid_row", "message"),
    [
        pytest.param(
            second_plan_same_area_and_year,
            "already has a plan for this year",
            id="one plan per HWB area and year",
        ),
        pytest.param(
            second_contribution_same_partner,
            "already has a contribution",
            id="one contribution per partner per plan",
        ),
        pytest.param(negative_contribution, "cannot be negative", id="contribution >= 0"),
        pytest.param(
            negative_contribution_last_year,
            "cannot be negative",
            id="last year's contribution >= 0",
        ),
        pytest.param(negative_pooled_fund, "cannot be negative", id="pooled fund >= 0"),
        pytest.param(
            negative_planned_expenditure, "cannot be negative", id="planned expenditure >= 0"
        ),
        pytest.param(unknown_area_of_spend, "not a valid choice", id="area of spend from the list"),
        pytest.param(negative_investment_line, "cannot be negative", id="investment line >= 0"),
        pytest.param(
            duplicate_scheme_reference,
            "already has a scheme with this reference",
            id="scheme reference unique per plan",
        ),
        pytest.param(empty_scheme_reference, "reference", id="scheme reference given"),
        pytest.param(
            second_hwb_sign_off_block,
            "already has the HWB's sign-off block",
            id="one HWB sign-off block per plan",
        ),
        pytest.param(risk_scored_six, "scored from 1 to 5", id="risk scores 1 to 5"),
        pytest.param(
            delivery_entry_naming_no_one,
            "partner, an organisation or a person",
            id="delivery chain entry names someone",
        ),
        pytest.param(officer_without_area, "needs one", id="area roles need an area"),
        pytest.param(administrator_with_area, "national", id="administrators are national"),
        pytest.param(sign_off_member_without_area, "needs one", id="only analysts may be national"),
    ],
)
def test_invariant_is_refused_by_the_database_and_by_validation(make_invalid_row, message):
    row = make_invalid_row()

    with pytest.raises(ValidationError) as refused:
        row.full_clean()
    assert message in str(refused.value)

    with pytest.raises(IntegrityError), transaction.atomic():
        row.save()


def test_same_scheme_reference_is_fine_in_another_plan():
    first = SchemeFactory(reference="NN2")
    other = SchemeFactory(reference="NN2", lead_partner=first.lead_partner)
    assert first.plan != other.plan


@pytest.mark.parametrize(
    "amount",
    [pytest.param(12.5, id="float pence"), pytest.param("1234.01", id="decimal string pence")],
)
def test_pence_are_refused_not_dropped(amount):
    from decimal import Decimal

    value = Decimal(amount) if isinstance(amount, str) else amount
    contribution = Contribution(plan=PlanFactory(), partner=PartnerFactory(), amount=value)
    with pytest.raises(ValidationError, match="whole number of pounds"):
        contribution.full_clean()
    with pytest.raises(ValueError, match="not a whole number of pounds"), transaction.atomic():
        contribution.save()
    assert not Contribution.objects.exists()


def test_whole_pounds_given_as_decimal_are_stored_exactly():
    from decimal import Decimal

    contribution = ContributionFactory(amount=Decimal("63573469"))
    contribution.refresh_from_db()
    assert contribution.amount == 63_573_469


def test_a_plan_answers_only_its_own_years_conditions():
    from plans.models import NationalCondition, NationalConditionStatement
    from plans.tests.factories import FinancialYearFactory

    plan = PlanFactory(financial_year=FinancialYearFactory(start_year=2016))
    condition_1516 = NationalCondition.objects.create(
        financial_year=FinancialYearFactory(start_year=2015), key="nc1", number=1, title="x"
    )
    statement = NationalConditionStatement(plan=plan, condition=condition_1516, status="Yes")
    with pytest.raises(ValidationError, match="belongs to 2015/16"):
        statement.full_clean()


def test_a_membership_partner_must_serve_the_area():
    area, elsewhere = HwbAreaFactory(), HwbAreaFactory()
    partner = PartnerFactory(hwb_areas=[elsewhere])
    membership = Membership(
        user=UserFactory(), role=Role.COMMISSIONING_OFFICER, hwb_area=area, partner=partner
    )
    with pytest.raises(ValidationError, match="does not serve"):
        membership.full_clean()
