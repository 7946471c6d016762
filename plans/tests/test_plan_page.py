"""The plan page shows what the plan holds, in the plan's own terms."""

import pytest
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from plans.models import Plan
from plans.tests.factories import MembershipFactory, PlanFactory

pytestmark = pytest.mark.django_db

NORFOLK = "E10000020"


@pytest.fixture
def norfolk_plan_page(signed_in):
    return signed_in("officer.norfolk").get(reverse("plan", args=[NORFOLK, 2016]))


def test_contributions_total_63_573_469_against_62_461_000_last_year(norfolk_plan_page):
    assertContains(
        norfolk_plan_page,
        '<td class="govuk-table__cell govuk-table__cell--numeric" id="contributions-total">'
        "£63,573,469</td>",
        html=True,
    )
    assertContains(norfolk_plan_page, "£62,461,000")
    assertContains(norfolk_plan_page, "£1,112,469")  # the change, this year on last
    assertContains(norfolk_plan_page, "Contributions add up to the pooled fund.")


def test_each_partner_row_shows_this_year_last_year_and_the_change(norfolk_plan_page):
    # NHS North Norfolk CCG is the one partner whose contribution fell.
    assertContains(
        norfolk_plan_page,
        '<tr class="govuk-table__row"><th scope="row" class="govuk-table__header">'
        "NHS North Norfolk CCG</th>"
        '<td class="govuk-table__cell govuk-table__cell--numeric">£11,472,003</td>'
        '<td class="govuk-table__cell govuk-table__cell--numeric">£11,553,000</td>'
        '<td class="govuk-table__cell govuk-table__cell--numeric">-£80,997</td></tr>',
        html=True,
    )


def test_lists_the_21_schemes_each_linking_to_its_page(norfolk_plan_page):
    plan = Plan.objects.get(hwb_area__ons_code=NORFOLK, financial_year__start_year=2016)
    for scheme in plan.schemes.all():
        assertContains(
            norfolk_plan_page, reverse("scheme", args=[NORFOLK, 2016, scheme.pk]), count=1
        )
    assert plan.schemes.count() == 21
    assertContains(norfolk_plan_page, "Crisis Response Service")


def test_flags_a_scheme_with_an_unknown_amount(norfolk_plan_page):
    assertContains(norfolk_plan_page, "£5,425,424")
    assertContains(norfolk_plan_page, "1 unknown")


def test_shows_the_eight_conditions_of_2016_17_with_their_narratives(norfolk_plan_page):
    assertContains(norfolk_plan_page, "Agreement on a local action plan to reduce delayed")
    assertContains(norfolk_plan_page, "Agreement on this element is being progressed")
    assertContains(norfolk_plan_page, "Not answered", count=8)  # the draft gives no status


def test_shows_every_sign_off_block_unsigned(norfolk_plan_page):
    assertContains(norfolk_plan_page, "Norfolk Health and Wellbeing Board")
    assertContains(norfolk_plan_page, "NHS West Norfolk Clinical Commissioning Group")
    assertContains(norfolk_plan_page, "Not signed", count=7)


def test_blank_planned_expenditure_says_so(norfolk_plan_page):
    assertContains(norfolk_plan_page, "No planned expenditure has been entered for 2016/17 yet.")


def test_2015_16_planned_expenditure_and_its_difference_from_the_pooled_fund(signed_in):
    page = signed_in("officer.norfolk").get(reverse("plan", args=[NORFOLK, 2015]))
    assertContains(page, "£37,099,000")
    assertContains(page, "£62,462,000")
    assertContains(page, "£1,000 more than the pooled fund of £62,461,000")
    assertContains(page, "Not known", count=7)  # 2014/15 contributions: six and the total


def test_an_empty_plan_has_sensible_empty_states(client):
    plan = PlanFactory(pooled_fund_total=None)
    membership = MembershipFactory(hwb_area=plan.hwb_area)
    client.force_login(membership.user)
    page = client.get(reverse("plan", args=[plan.hwb_area.ons_code, 2016]))
    assertContains(page, "Not agreed yet")
    assertContains(page, "No contributions have been entered for this plan yet.")
    assertContains(page, "This plan has no schemes yet.")
    assertContains(page, "There is no catalogue of national conditions for 2016/17.")
    # No comparison with a pooled fund that is not set: the checklist asks for the fund.
    assertNotContains(page, "add up to the pooled fund.")
    assertNotContains(page, "than the pooled fund")
    assertContains(page, "Give the pooled fund total.")


def test_the_plan_a_url_names_is_the_one_the_users_plans_hold(demo):
    """`readable_plan` (a query compiled once, then `rules.reads`) finds, for every user of
    the demo and every plan, the plan `plans_for_user` holds, or nothing."""
    from django.contrib.auth import get_user_model

    from plans.selectors import plans_for_user, readable_plan

    plans = list(Plan.objects.select_related("hwb_area", "financial_year"))
    assert len(plans) > 1
    seen = set()
    for user in get_user_model().objects.all():
        readable = set(plans_for_user(user=user).values_list("pk", flat=True))
        for plan in plans:
            found = readable_plan(
                user=user, ons_code=plan.hwb_area.ons_code, year=plan.financial_year.start_year
            )
            assert (found and found.pk) == (plan.pk if plan.pk in readable else None)
            assert (
                found is None or found.financial_year.start_year == plan.financial_year.start_year
            )
            seen.add(found is None)
    assert seen == {True, False}  # some plans are read, some are not


def test_a_page_reads_the_plans_rows_once_as_djangos_prefetching_would(
    demo, django_assert_num_queries
):
    """`prefetch_for_page` reads each relation the plan page shows in one compiled query, and
    hands the rows over as Django's prefetching does: the same rows in the same order, each
    knowing its plan, and no query when the page reads them."""
    from django.db.models import prefetch_related_objects

    from plans.rows import PLAN_PAGE, prefetch_for_page

    def fresh():
        return Plan.objects.select_related("financial_year").get(
            hwb_area__ons_code=NORFOLK, financial_year__start_year=2016
        )

    ours = fresh()
    with django_assert_num_queries(len(PLAN_PAGE) + 1):
        prefetch_for_page(ours)
    django = fresh()
    prefetch_related_objects([django], *PLAN_PAGE, "financial_year__national_conditions")
    with django_assert_num_queries(0):
        for name in PLAN_PAGE:
            read = list(getattr(ours, name).all())
            assert [row.pk for row in read] == [row.pk for row in getattr(django, name).all()]
            assert all(row.plan is ours for row in read)
        assert [c.key for c in ours.financial_year.national_conditions.all()] == [
            c.key for c in django.financial_year.national_conditions.all()
        ]
        assert all(c.partner.name for c in ours.contributions.all())  # joined
    assert len(list(ours.contributions.all())) > 1
    assert len(list(ours.financial_year.national_conditions.all())) == 8


@pytest.mark.parametrize("name", ["plan", "plan-print"])
def test_the_plan_page_asks_the_database_nothing_twice(signed_in, monkeypatch, name):
    """Each thing the page shows is read once: what the plan says of its metrics (its
    table and its task list's status), its schemes (listed, and whether it has any, for the
    checklist), its pooled fund's quarters (with the plan's other rows)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from plans import checks

    client = signed_in("officer.norfolk")
    url = reverse(name, args=[NORFOLK, 2016])
    client.get(url)

    def asked_again(**kwargs):
        raise AssertionError("whether the plan has schemes was asked of the database")

    monkeypatch.setattr(checks, "_HAS_SCHEMES", asked_again)
    with CaptureQueriesContext(connection) as read:
        page = client.get(url)
    assert page.status_code == 200
    asked = [query["sql"] for query in read.captured_queries]
    assert len(asked) == len(set(asked))
    assertContains(page, "Schemes")
    assert page.context["checklist"].has_schemes


def test_a_plan_without_schemes_says_so_in_its_checklist(client):
    membership = MembershipFactory()
    plan = PlanFactory(hwb_area=membership.hwb_area)
    client.force_login(membership.user)
    page = client.get(reverse("plan", args=[plan.hwb_area.ons_code, 2016]))
    assert not page.context["checklist"].has_schemes
    assertContains(page, "Add the plan&#x27;s schemes to the scheme register.")
