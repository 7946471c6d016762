"""Plan services: Norfolk's plan entered through them, each check, locking, lost updates."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from governance.models import RecordChange
from plans.checks import plan_checklist
from plans.models import ConditionStatus, Plan
from plans.selectors import plan_contributions
from plans.services import (
    ConditionInput,
    ContributionInput,
    PlanConflict,
    plan_conditions_save,
    plan_expenditure_save,
    plan_funding_save,
)
from plans.tests.factories import MembershipFactory, PartnerFactory, PlanFactory
from plans.tests.norfolk_entry import norfolk_plan_entered
from schemes.selectors import scheme_investment, schemes_for_plan

pytestmark = pytest.mark.django_db


@pytest.fixture
def norfolk():
    return norfolk_plan_entered()


def test_norfolk_2016_17_entered_through_the_services_reproduces_the_source(norfolk):
    table = plan_contributions(plan=norfolk)
    assert table.total == 63_573_469
    assert table.total_last_year == 62_461_000
    assert table.difference_from_pooled_fund == 0
    schemes = {s.reference: s for s in schemes_for_plan(plan=norfolk)}
    assert len(schemes) == 21
    nch1 = scheme_investment(scheme=schemes["NCH1"])
    assert (nch1.total, nch1.unknown_count) == (982_676, 0)
    nch2 = scheme_investment(scheme=schemes["NCH2"])
    assert (nch2.total, nch2.unknown_count, nch2.line_count) == (5_425_424, 1, 4)
    assert schemes["NCH2"].milestones.count() > 0


def test_every_write_is_recorded_as_made_in_a_form(norfolk):
    changes = RecordChange.objects.filter(field="amount", new_value="12442039")
    assert changes.count() == 1
    assert changes.get().source == "form"


def _funding(plan, fund, amounts, revision=None):
    partners = [PartnerFactory(hwb_areas=[plan.hwb_area]) for _ in amounts]
    plan_funding_save(
        plan=plan, user=None, revision=plan.revision if revision is None else revision,
        pooled_fund_total=fund,
        contributions=[ContributionInput(p, a) for p, a in zip(partners, amounts, strict=True)],
    )  # fmt: skip
    plan.refresh_from_db()


def _problem(plan, label_start):
    return next(
        c.message for c in plan_checklist(plan=plan).checks if c.label.startswith(label_start)
    )


def test_contributions_must_add_up_to_the_pooled_fund():
    plan = PlanFactory(pooled_fund_total=None)
    _funding(plan, 1_000_000, [600_000, 399_531])
    assert _problem(plan, "Contributions add up") == (
        "The partners' contributions add up to £999,531, £469 less than the pooled fund of "
        "£1,000,000."
    )
    _funding(plan, 999_531, [])
    assert _problem(plan, "Contributions add up") == ""


def test_a_contribution_is_removed_when_its_amount_is_blanked():
    plan = PlanFactory()
    partner = PartnerFactory(hwb_areas=[plan.hwb_area])
    for amount in (5, None):
        plan_funding_save(plan=plan, user=None, revision=None, pooled_fund_total=5,
                          contributions=[ContributionInput(partner, amount)])  # fmt: skip
    assert not plan.contributions.exists()


def test_a_partner_from_another_area_is_refused():
    plan = PlanFactory()
    with pytest.raises(ValidationError, match="is not a partner of"):
        plan_funding_save(plan=plan, user=None, revision=None, pooled_fund_total=5,
                          contributions=[ContributionInput(PartnerFactory(), 5)])  # fmt: skip
    assert not plan.contributions.exists()


@pytest.mark.parametrize(
    ("amounts", "comment", "problem"),
    [
        ({"social_care": 600_000, "acute": 400_000}, "", ""),
        ({"social_care": 600_000}, "", "Planned expenditure adds up to £600,000, £400,000 less "
         "than the pooled fund of £1,000,000. Correct it, or explain the difference in the "
         "comment."),
        ({"social_care": 600_000}, "The rest is not yet allocated.", ""),
        ({}, "", "Give the planned expenditure by area of spend."),
    ],
)  # fmt: skip
def test_planned_expenditure_adds_up_or_a_comment_explains(amounts, comment, problem):
    plan = PlanFactory()
    plan_expenditure_save(plan=plan, user=None, revision=None, amounts=amounts, comment=comment)
    plan.refresh_from_db()
    assert _problem(plan, "Planned expenditure") == problem


def _condition(plan):
    from plans.models import NationalCondition

    return NationalCondition.objects.create(
        financial_year=plan.financial_year, key="nc1", number=1, title="Plans are jointly agreed"
    )


@pytest.mark.parametrize("status", [ConditionStatus.NO, ConditionStatus.IN_PROGRESS])
def test_a_condition_not_met_needs_a_date(status):
    plan = PlanFactory()
    condition = _condition(plan)
    with pytest.raises(ValidationError) as refused:
        plan_conditions_save(plan=plan, user=None, revision=None, statements=[
            ConditionInput(condition, status, "Being agreed", None)])  # fmt: skip
    assert refused.value.message_dict == {
        "nc1": [f"The status is “{status}”: give the date by which the condition will be met."]
    }
    assert not plan.condition_statements.exists()
    plan_conditions_save(plan=plan, user=None, revision=None, statements=[
        ConditionInput(condition, status, "Being agreed", datetime.date(2016, 9, 30))])  # fmt: skip
    assert _problem(plan, "National condition 1") == ""


def test_a_met_condition_keeps_no_date_and_an_unanswered_one_is_flagged():
    plan = PlanFactory()
    condition = _condition(plan)
    assert _problem(plan, "National condition 1") == "Give its status: Yes, No or No - In Progress."
    plan_conditions_save(plan=plan, user=None, revision=None, statements=[
        ConditionInput(condition, "Yes", "Agreed", datetime.date(2016, 9, 30))])  # fmt: skip
    assert plan.condition_statements.get().target_date is None


def test_a_form_shown_before_someone_else_saved_is_refused_and_nothing_changes():
    plan = PlanFactory(pooled_fund_total=1)
    shown = plan.revision
    _funding(plan, 2, [])
    with pytest.raises(PlanConflict, match="Someone saved this plan after you opened this page"):
        _funding(plan, 3, [], revision=shown)
    assert Plan.objects.get(pk=plan.pk).pooled_fund_total == 2


def test_only_the_areas_officers_edit():
    plan = PlanFactory()
    signoff = MembershipFactory(hwb_area=plan.hwb_area, role="signoff").user
    with pytest.raises(PermissionDenied, match="Only a commissioning officer"):
        plan_expenditure_save(plan=plan, user=signoff, revision=None, amounts={}, comment="x")
    officer = MembershipFactory(hwb_area=plan.hwb_area, role="officer").user
    plan_expenditure_save(plan=plan, user=officer, revision=None, amounts={}, comment="x")


def test_the_checklist_reads_the_same_from_a_pages_rows_as_from_its_own_queries(
    norfolk, django_assert_num_queries
):
    """An edit page reads none of the plan's rows but for its checklist, which then reads
    plain values in five narrow queries; the plan page has read the rows already."""
    from plans.models import NationalCondition, SignOffBlock
    from plans.rows import prefetch_for_page

    NationalCondition.objects.create(
        financial_year=norfolk.financial_year, key="nc9", number=9, title="Not answered yet"
    )
    partner = PartnerFactory(hwb_areas=[norfolk.hwb_area], name="A partner paying nothing")
    SignOffBlock.objects.create(plan=norfolk, partner=partner, on_behalf_of=partner.name)
    alone = Plan.objects.get(pk=norfolk.pk)
    with django_assert_num_queries(5):
        checklist = plan_checklist(plan=alone)
    failing = {c.label: c.message for c in checklist.failing}
    assert failing["Every signing partner's contribution is given"] == (
        "No contribution is given for A partner paying nothing."
    )
    assert failing["National condition 9: Not answered yet"] == (
        "Give its status: Yes, No or No - In Progress."
    )
    assert "Contributions add up to the pooled fund" not in failing
    assert plan_checklist(plan=prefetch_for_page(Plan.objects.get(pk=norfolk.pk))) == checklist
