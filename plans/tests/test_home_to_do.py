"""The plans on the home page's to-do list: an officer's draft with its deadline (overdue
once it has passed), and for each partner's and the Board's signer the block they have
still to sign; and the deadline on the plan's own page."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from pytest_django.asserts import assertContains, assertNotContains

from conftest import demo_user
from governance.models import FinancialYear
from plans.workflow import plan_mark_ready
from returns.tests.test_home_to_do import to_do

from .test_plan_workflow import _plan, _sign, complete  # noqa: F401 - the fixture

pytestmark = pytest.mark.django_db

PLAN = "Norfolk’s 2016/17 BCF plan"


def test_an_officer_sees_the_draft_plan_its_deadline_and_that_it_is_overdue(signed_in):
    items = to_do(signed_in("officer.norfolk"))
    assert items[PLAN] == ("Draft. 10 checks still to fix. Deadline 3 May 2016", "Overdue")
    # 2015/16's draft has no deadline and its year is over: not something to do now.
    assert "Norfolk’s 2015/16 BCF plan" not in items
    assert next(iter(items)) == "Norfolk’s Q3 2015/16 return"  # due 26 February 2016, first
    FinancialYear.objects.filter(start_year=2016).update(
        plan_deadline=timezone.localdate() + datetime.timedelta(days=7)
    )
    assert to_do(signed_in("officer.norfolk"))[PLAN][1] == "In progress"


def test_a_complete_plan_says_it_can_be_marked_ready(signed_in, complete):  # noqa: F811
    hint, _ = to_do(signed_in("officer.norfolk"))[PLAN]
    assert hint.startswith("Draft. Every check passes: mark it ready for signing.")


def test_each_signer_sees_the_block_they_have_still_to_sign(signed_in, complete):  # noqa: F811
    plan_mark_ready(plan=complete, user=demo_user("officer.norfolk"))
    council = f"Sign {PLAN} on behalf of Norfolk County Council"
    hint, status = to_do(signed_in("signoff.ncc"))[council]
    assert (hint, status) == ("Being signed: your block is not signed yet. Deadline 3 May 2016",
                              "Overdue")  # fmt: skip
    board = f"Sign {PLAN} on behalf of Norfolk Health and Wellbeing Board"
    assert board in to_do(signed_in("signoff.norfolk"))
    assert council not in to_do(signed_in("signoff.norfolk"))
    assert PLAN not in to_do(signed_in("officer.norfolk"))  # locked while it is signed
    block = _plan().sign_off_blocks.get(partner__code="NCC")
    _sign(_plan(), "signoff.ncc", block)
    assert council not in to_do(signed_in("signoff.ncc"))


def test_the_plan_page_gives_its_deadline_and_says_when_it_has_passed(signed_in):
    page = signed_in("officer.norfolk").get(reverse("plan", args=["E10000020", 2016]))
    assertContains(page, 'id="plan-deadline">3 May 2016 <strong class="govuk-tag govuk-tag--red">'
                   "Overdue</strong>", html=False)  # fmt: skip
    FinancialYear.objects.filter(start_year=2016).update(
        plan_deadline=timezone.localdate() + datetime.timedelta(days=7)
    )
    page = signed_in("officer.norfolk").get(reverse("plan", args=["E10000020", 2016]))
    assertNotContains(page, "Overdue")
