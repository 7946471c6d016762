"""People and rounds in the portal, and a home page for every role: an officer invites people
to the area with a role and everyone there sees who belongs; an administrator opens a round
after a page that says what it does, and sees the open rounds, the overdue areas and the
people with no role; a sign-off member sees the returns they signed."""

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from pytest_django.asserts import assertContains, assertNotContains

from conftest import demo_user
from governance.models import HwbArea, Invitation, Membership, Role
from returns import workflow
from returns.models import QuarterlyReturn, ReportingPeriod

pytestmark = pytest.mark.django_db

NORFOLK = "E10000020"
PEOPLE = reverse("area-people", args=[NORFOLK])


def test_everyone_in_the_area_sees_who_belongs(signed_in, demo):
    page = signed_in("analyst").get(PEOPLE)
    assertContains(page, "Who belongs to Norfolk")
    assertContains(page, "signoff.norfolk@example.org")
    assertContains(page, "HWB sign-off member, for Norfolk County Council")
    assertNotContains(page, "Send the invitation")  # analysts do not invite
    assert signed_in("officer.other").get(PEOPLE).status_code == 404


def test_an_officer_invites_someone_to_the_area_with_a_role(signed_in, demo, posting):
    response = posting(signed_in("officer.norfolk"), PEOPLE, {
        "email": "Jo.Bloggs@norfolk.gov.uk", "first_name": "Jo", "last_name": "Bloggs",
        "role": Role.SIGN_OFF_MEMBER,
    })  # fmt: skip
    assert response.status_code == 302
    membership = Membership.objects.get(user__email="Jo.Bloggs@norfolk.gov.uk")
    assert (membership.hwb_area.ons_code, membership.role) == (NORFOLK, Role.SIGN_OFF_MEMBER)
    assert Invitation.objects.get(membership=membership).invited_by.username == "officer.norfolk"
    assert mail.outbox[-1].to == ["Jo.Bloggs@norfolk.gov.uk"]
    page = signed_in("officer.norfolk").get(PEOPLE)
    assertContains(page, "Invitation sent to Jo.Bloggs@norfolk.gov.uk")
    assertContains(page, "Invited")


def test_an_invitation_with_a_mistake_is_refused_in_words(signed_in, demo, posting):
    officer = signed_in("officer.norfolk")
    empty = posting(officer, PEOPLE, {"email": "", "role": ""})
    assertContains(empty, "Enter their e-mail address.", status_code=400)
    assertContains(empty, "Choose the role.", status_code=400)
    assert (
        posting(
            signed_in("signoff.norfolk"), PEOPLE, {"email": "a@b.org", "role": "analyst"}
        ).status_code
        == 403
    )
    assert not Invitation.objects.exists()


def test_an_administrator_opens_a_round_after_being_told_what_it_does(signed_in, demo, posting):
    admin = signed_in("admin")
    rounds = admin.get(reverse("rounds"))
    assertContains(rounds, "Open the round<span class=\"govuk-visually-hidden\"> for Q2 2016/17",
                   html=False)  # fmt: skip
    confirm = admin.get(reverse("round-open", args=["fy1617_q2"]))
    assertContains(confirm, "Open the Q2 2016/17 round?")
    assertContains(confirm, "This makes a return for each of the")
    assert not QuarterlyReturn.objects.filter(
        period__quarter=2, period__financial_year__start_year=2016
    ).exists()
    done = posting(admin, reverse("round-open", args=["fy1617_q2"]), {})
    assert done["Location"] == reverse("round-status", args=["fy1617_q2"])
    period = ReportingPeriod.objects.get(quarter=2, financial_year__start_year=2016)
    assert period.opened_at is not None
    assert QuarterlyReturn.objects.filter(period=period).count() == HwbArea.objects.count()
    assert signed_in("officer.norfolk").get(reverse("rounds")).status_code == 403
    assert signed_in("analyst").post(reverse("round-open", args=["fy1617_q2"])).status_code == 403


def test_an_administrators_home_shows_rounds_overdue_areas_and_people_with_no_role(signed_in, demo):
    get_user_model().objects.create_user("nobody", "nobody@example.org", "x")
    home = signed_in("admin").get(reverse("home"))
    assertContains(home, "Open rounds")
    assertContains(home, "areas overdue")  # Q3 2015/16's deadline has long passed
    assertContains(home, "People with no role")
    assertContains(home, "nobody@example.org")
    chosen = signed_in("admin").get(reverse("area-people-choose"), {"area": NORFOLK})
    assert chosen["Location"] == PEOPLE
    assertContains(signed_in("admin").get(PEOPLE), "Send the invitation")


def test_a_sign_off_members_home_shows_the_returns_they_signed(signed_in, demo):
    norfolk = QuarterlyReturn.objects.get(hwb_area__ons_code=NORFOLK, period__quarter=3)
    home = signed_in("signoff.norfolk").get(reverse("home"))
    assertNotContains(home, "Returns you signed off")
    workflow.return_mark_ready(quarterly_return=norfolk, user=demo_user("officer.norfolk"))
    workflow.return_sign_off(quarterly_return=norfolk, user=demo_user("signoff.norfolk"),
                             on_behalf_of="The Board")  # fmt: skip
    home = signed_in("signoff.norfolk").get(reverse("home"))
    assertContains(home, "Returns you signed off")
    assertContains(home, "Norfolk’s Q3 2015/16 return, version 1")
    assertContains(home, f"Signed off {timezone.localtime():%-d %B %Y} on behalf of The Board")
    assertNotContains(signed_in("officer.norfolk").get(reverse("home")), "Returns you signed off")
