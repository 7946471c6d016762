"""The permission rules: what each role may do in its own areas, and what others get."""

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404

from conftest import demo_user
from governance.models import HwbArea, Role
from governance.rules import GRANTS, Action, allows, require, roles

pytestmark = pytest.mark.django_db

NORFOLK, BORSETSHIRE = "E10000020", "E99999001"

# The table, written out: who may do what in their own area.
EXPECTED = {
    # Sends NHS England a draft of the plan; the Board's signer submits.
    "officer.norfolk": {Action.READ, Action.EDIT, Action.EXPORT, Action.MARK_READY,
                        Action.COMMENT, Action.INVITE, Action.SUBMIT_DRAFT},
    "signoff.norfolk": {Action.READ, Action.EXPORT, Action.MARK_READY, Action.SIGN_OFF,
                        Action.SIGN_BLOCK, Action.SEND_BACK, Action.REOPEN, Action.SUBMIT,
                        Action.COMMENT},
    # Signs Norfolk County Council's block of the plan; nothing on behalf of the Board.
    "signoff.ncc": {Action.READ, Action.EXPORT, Action.SIGN_BLOCK},
    # Submitting is sending, for the Board: no longer an analyst's.
    "analyst": {Action.READ, Action.EXPORT, Action.NATIONAL_EXPORT},
    # Granted national scope: an analyst's actions, in every area, from one membership.
    "analyst.national": {Action.READ, Action.EXPORT, Action.NATIONAL_EXPORT},
    # NHS England: Norfolk's regional reviewer (Midlands and East), and the national team:
    # they assure what areas submit.
    "nhse.midlandseast": {Action.READ, Action.EXPORT, Action.ASSURE},
    "nhse.national": {Action.READ, Action.EXPORT, Action.ASSURE},
    # National: manages the portal, and may reopen a signed-off return from the admin.
    "admin": {Action.MANAGE, Action.NATIONAL_EXPORT, Action.REOPEN},
}  # fmt: skip


@pytest.mark.parametrize("username", sorted(EXPECTED))
@pytest.mark.parametrize("action", list(Action))
def test_each_role_may_do_exactly_its_actions_in_its_own_area(demo, username, action):
    norfolk = HwbArea.objects.get(ons_code=NORFOLK)
    assert allows(demo_user(username), action, norfolk) is (action in EXPECTED[username])


def test_no_role_may_edit_and_sign_off():
    # The one who enters figures is never the one who signs them off.
    assert not any({Action.EDIT, Action.SIGN_OFF} <= actions for actions in GRANTS.values())


def test_analysts_never_edit():
    assert Action.EDIT not in GRANTS[Role.ANALYST]


@pytest.mark.parametrize("username", ["officer.other", "signoff.other", "admin"])
def test_outsiders_get_not_found_whatever_the_action(demo, username):
    norfolk = HwbArea.objects.get(ons_code=NORFOLK)
    for action in (Action.READ, Action.EDIT, Action.SIGN_OFF):
        with pytest.raises(Http404):
            require(demo_user(username), action, norfolk)


def test_a_member_without_the_right_is_told_who_has_it(demo):
    norfolk = HwbArea.objects.get(ons_code=NORFOLK)
    who = "Only an HWB sign-off member who signs for the Norfolk Board can sign"
    with pytest.raises(PermissionDenied, match=who):
        require(demo_user("officer.norfolk"), Action.SIGN_OFF, norfolk)
    with pytest.raises(
        PermissionDenied, match="Only a commissioning officer of Norfolk can change"
    ):
        require(demo_user("analyst"), Action.EDIT, norfolk)


def test_administrators_manage_the_portal_but_hold_no_area(demo):
    admin = demo_user("admin")
    assert allows(admin, Action.MANAGE)
    assert roles(admin, HwbArea.objects.get(ons_code=NORFOLK)) == frozenset()
    assert not allows(demo_user("analyst"), Action.MANAGE)
    with pytest.raises(Http404):  # reopening from the admin reads no area's pages
        require(admin, Action.READ, HwbArea.objects.get(ons_code=NORFOLK))


def test_only_members_who_sign_for_the_board_act_on_its_behalf(demo):
    norfolk = HwbArea.objects.get(ons_code=NORFOLK)
    for action in (Action.SIGN_OFF, Action.SEND_BACK, Action.REOPEN):
        require(demo_user("signoff.norfolk"), action, norfolk)
        with pytest.raises(PermissionDenied, match="who signs for the Norfolk Board"):
            require(demo_user("signoff.ncc"), action, norfolk)


def test_a_partner_signs_only_its_own_block_and_the_board_only_the_hwbs(demo):
    from governance.models import Partner
    from governance.rules import require_block

    norfolk = HwbArea.objects.get(ons_code=NORFOLK)
    nch = Partner.objects.get(code="NCH")
    require_block(demo_user("signoff.nch"), norfolk, nch.pk, "NHS Norwich CCG")
    require_block(demo_user("signoff.norfolk"), norfolk, None, "the Board")
    with pytest.raises(PermissionDenied, match="Only an HWB sign-off member for NHS Norwich CCG"):
        require_block(demo_user("signoff.gyw"), norfolk, nch.pk, "NHS Norwich CCG")
    with pytest.raises(PermissionDenied, match="for the Board"):
        require_block(demo_user("signoff.nch"), norfolk, None, "the Board")
    with pytest.raises(PermissionDenied, match="Only an HWB sign-off member of Norfolk"):
        require_block(demo_user("officer.norfolk"), norfolk, nch.pk, "NHS Norwich CCG")
    with pytest.raises(Http404):
        require_block(demo_user("signoff.other"), norfolk, nch.pk, "NHS Norwich CCG")


def test_a_national_analyst_is_an_analyst_of_every_area_from_one_membership(demo):
    from governance.models import Membership
    from governance.selectors import hwb_areas_for_user

    national = demo_user("analyst.national")
    assert list(Membership.objects.filter(user=national).values_list("role", "hwb_area")) == [
        (Role.ANALYST, None)
    ]
    assert hwb_areas_for_user(user=national).count() == HwbArea.objects.count() == 152
    for area in HwbArea.objects.filter(ons_code__in=[NORFOLK, BORSETSHIRE, "E09000001"]):
        assert roles(national, area) == {Role.ANALYST}
        assert allows(national, Action.READ, area)
        assert not allows(national, Action.EDIT, area)
        with pytest.raises(PermissionDenied, match="Only a commissioning officer"):
            require(national, Action.EDIT, area)  # a member of the area: told who may
    area_analyst = demo_user("analyst")
    assert hwb_areas_for_user(user=area_analyst).count() == 2  # granted two, sees two


def test_a_users_roles_are_read_once_a_request_in_one_query_without_joins(demo):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    officer = demo_user("officer.norfolk")
    norfolk = HwbArea.objects.get(ons_code=NORFOLK)
    with CaptureQueriesContext(connection) as queries:
        assert allows(officer, Action.EDIT, norfolk)
        assert not allows(officer, Action.SIGN_OFF, norfolk)
    assert len(queries) == 1
    assert "JOIN" not in queries[0]["sql"].upper()


def test_a_regional_reviewer_reads_only_the_areas_of_their_region(demo):
    from governance.selectors import hwb_areas_for_user

    reviewer = demo_user("nhse.midlandseast")
    norfolk = HwbArea.objects.get(ons_code=NORFOLK)
    london = HwbArea.objects.filter(region="London").first()
    assert allows(reviewer, Action.READ, norfolk)
    assert not allows(reviewer, Action.READ, london)
    with pytest.raises(Http404):
        require(reviewer, Action.READ, london)
    with pytest.raises(PermissionDenied):
        require(reviewer, Action.EDIT, norfolk)  # of the region: a 403 that says who may
    areas = hwb_areas_for_user(user=reviewer)
    assert set(areas.values_list("region", flat=True)) == {"Midlands and East"}
    assert areas.count() == HwbArea.objects.filter(region="Midlands and East").count()
    assert hwb_areas_for_user(user=demo_user("nhse.national")).count() == HwbArea.objects.count()


def test_a_reviewer_holds_a_region_and_no_one_else_does(demo):
    from django.db import IntegrityError, transaction

    from governance.models import Membership

    user = demo_user("officer.norfolk")
    for bad in ({"role": Role.NHSE_REVIEWER}, {"role": Role.ANALYST, "region": "London"}):
        with pytest.raises(IntegrityError), transaction.atomic():
            Membership.objects.create(user=user, **bad)


def test_the_areas_a_user_reads_are_exactly_hwb_areas_for_user(demo):
    """`rules.reads` (from the memberships already read, no query) stands in for
    `hwb_areas_for_user` where a page looks one return up (issue 33): the two agree for every
    demo user in every area, and for a reviewer of one region who is also a member of an
    area outside it."""
    from django.contrib.auth import get_user_model

    from demo.users import DEMO_USERS
    from governance.models import Membership, NhsRegion
    from governance.rules import reads
    from governance.selectors import areas_of, hwb_areas_for_user

    reviewer = get_user_model().objects.create(username="nhse.london")
    Membership.objects.create(user=reviewer, role=Role.NHSE_REVIEWER, region=NhsRegion.LONDON)
    outside = HwbArea.objects.get(ons_code=NORFOLK)  # in the Midlands and East
    Membership.objects.create(user=reviewer, role=Role.ANALYST, hwb_area=outside)
    users = [demo_user(user.username) for user in DEMO_USERS] + [reviewer]
    areas = list(HwbArea.objects.all())
    for user in users:
        theirs = set(hwb_areas_for_user(user=user).values_list("pk", flat=True))
        assert {area.pk for area in areas if reads(user, area)} == theirs, user.username
        # areas_of, read once a request (a compiled query for a member of a few areas)
        fresh = get_user_model().objects.get(pk=user.pk)
        assert areas_of(user=fresh) == list(hwb_areas_for_user(user=fresh)), user.username
    assert 0 < len(set(hwb_areas_for_user(user=reviewer))) < len(areas)


def test_the_areas_allowing_an_action_are_those_where_allows_says_so(demo):
    """`rules.areas_allowing` asks once of many areas what `allows` asks of each: the same
    areas, in the same order, for every demo user (a superuser too) and every action."""
    from django.contrib.auth import get_user_model

    from demo.users import DEMO_USERS
    from governance.models import Membership, NhsRegion
    from governance.rules import areas_allowing

    reviewer = get_user_model().objects.create(username="nhse.london")
    Membership.objects.create(user=reviewer, role=Role.NHSE_REVIEWER, region=NhsRegion.LONDON)
    superuser = get_user_model().objects.create(username="root", is_superuser=True)
    users = [demo_user(user.username) for user in DEMO_USERS] + [reviewer, superuser]
    areas = list(HwbArea.objects.order_by("?"))
    found_some = set()
    for user in users:
        for action in Action:
            expected = [area for area in areas if allows(user, action, area)]
            assert areas_allowing(user, action, areas) == expected, (user.username, action)
            found_some.add(bool(expected))
    assert found_some == {True, False}


def test_whose_blocks_a_member_signs_is_read_with_their_roles(demo, django_assert_num_queries):
    """The partner (or the Board) each sign-off member signs for, as their memberships say,
    from the one query that reads their roles: the plan page asks it of everyone who opens a
    plan being signed."""
    from governance.models import Membership, Partner
    from governance.rules import signs_for

    norfolk = HwbArea.objects.get(ons_code=NORFOLK)
    nch = Partner.objects.get(code="NCH")
    for username, signs in [("signoff.nch", {nch.pk}), ("signoff.norfolk", {None}),
                            ("officer.norfolk", set()), ("analyst.national", set())]:  # fmt: skip
        user = demo_user(username)
        memberships = Membership.objects.filter(
            user=user, hwb_area=norfolk, role=Role.SIGN_OFF_MEMBER
        )
        assert set(memberships.values_list("partner_id", flat=True)) == signs
        with django_assert_num_queries(1):
            assert signs_for(user, norfolk) == signs
            assert signs_for(user, norfolk) == signs
            roles(user, norfolk)


def test_a_users_roles_come_back_with_what_a_page_reads_first_in_one_wait(
    demo, django_assert_num_queries
):
    """`read_with_roles`: the page's first reads and the user's roles sent together; what
    they give is what each gives alone, and the roles are then held for the request. A
    request that holds them already, or a stranger, sends only the page's reads."""
    from django.contrib.auth.models import AnonymousUser

    from governance.prepared import Prepared
    from governance.rules import read_with_roles

    areas = Prepared(lambda code: HwbArea.objects.filter(ons_code=code).values_list("name"),
                     code=str)  # fmt: skip
    norfolk = HwbArea.objects.get(ons_code="E10000020")
    officer = demo_user("officer.norfolk")
    with django_assert_num_queries(2):
        (found,) = read_with_roles(officer, (areas, {"code": "E10000020"}))
    assert found == [("Norfolk",)]
    with django_assert_num_queries(0):
        assert allows(officer, Action.EDIT, norfolk)
        assert not allows(officer, Action.SIGN_OFF, norfolk)
    assert roles(officer, norfolk) == roles(demo_user("officer.norfolk"), norfolk)
    with django_assert_num_queries(1):
        assert read_with_roles(officer, (areas, {"code": "E10000029"})) == [[("Suffolk",)]]
    with django_assert_num_queries(1):
        assert read_with_roles(AnonymousUser(), (areas, {"code": "E10000020"}))
