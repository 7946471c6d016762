"""State × reader: every cell of the plan's table of words, as each kind of demo user reads
Norfolk's 2016/17 plan. No one is told they can change a plan they cannot."""

import pytest
from django.urls import reverse
from django.utils.html import escape
from pytest_django.asserts import assertContains, assertNotContains

from conftest import demo_user
from plans.models import Plan, PlanStatus
from plans.wording import BOARD, EDITOR, NOTICES, PARTNER, READER, reader_part, state_notice

pytestmark = pytest.mark.django_db

READERS = {"officer.norfolk": EDITOR, "signoff.norfolk": BOARD, "signoff.ncc": PARTNER,
           "analyst": READER}  # fmt: skip
PLAN = reverse("plan", args=["E10000020", 2016])


@pytest.mark.parametrize("status", list(PlanStatus))
@pytest.mark.parametrize("username", list(READERS))
def test_the_state_notice_fits_the_state_and_the_reader(signed_in, username, status):
    plan = Plan.objects.get(hwb_area__ons_code="E10000020", financial_year__start_year=2016)
    plan.status = status
    plan.save(update_fields=["status"])
    user = demo_user(username)
    assert reader_part(user, plan) == READERS[username]
    expected = NOTICES[(status, READERS[username])].format(area="Norfolk")
    page = signed_in(username).get(PLAN)
    assertContains(page, f'id="state-notice">{escape(expected)}</p>', html=False)
    assert state_notice(user, plan) == expected
    if status != PlanStatus.DRAFT:
        assertNotContains(page, "can change it")
        assertNotContains(page, "Mark ready for signing")


def test_every_state_and_reader_has_its_own_words():
    assert len(set(NOTICES.values())) == len(NOTICES) == len(PlanStatus) * 4
