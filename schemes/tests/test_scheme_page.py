"""The scheme page shows every field of the scheme record."""

import pytest
from django.urls import reverse
from django.utils.html import escape
from pytest_django.asserts import assertContains

from schemes.models import Scheme

pytestmark = pytest.mark.django_db


def scheme_page(signed_in, reference):
    scheme = Scheme.objects.get(reference=reference, plan__hwb_area__ons_code="E10000020")
    url = reverse("scheme", args=["E10000020", 2016, scheme.pk])
    return scheme, signed_in("officer.norfolk").get(url)


@pytest.mark.parametrize("reference", ["NCH1", "NCH2"])
def test_every_text_field_and_every_repeating_part_is_shown(signed_in, reference):
    scheme, page = scheme_page(signed_in, reference)
    assert len(Scheme.narrative_fields()) == 12  # the source's free-text headings
    for field in ["name", *Scheme.narrative_fields()]:
        if value := getattr(scheme, field):
            assertContains(page, escape(value))
    for part in ["outcomes", "milestones", "investment_lines", "risks", "delivery_chain"]:
        rows = list(getattr(scheme, part).all())
        assert rows, f"{reference} should have {part} in the demo"
    for outcome in scheme.outcomes.all():
        assertContains(page, escape(outcome.objective))
    for milestone in scheme.milestones.all():
        assertContains(page, milestone.timescale)
    for entry in scheme.delivery_chain.all():
        assertContains(page, entry.person or entry.organisation_name)
    assertContains(page, scheme.lead_partner.name)
    assertContains(page, scheme.get_theme_display())


def test_nch1_investment_lines_and_total(signed_in):
    _, page = scheme_page(signed_in, "NCH1")
    assertContains(page, "£610,676")
    assertContains(page, "Risk stratification annual fee")
    assertContains(
        page,
        '<td class="govuk-table__cell govuk-table__cell--numeric" id="investment-total">'
        "£982,676</td>",
        html=True,
    )


def test_nch2_unknown_amount_is_flagged_and_left_out_of_the_total(signed_in):
    _, page = scheme_page(signed_in, "NCH2")
    assertContains(page, "Unknown")
    assertContains(page, "£5,425,424")
    assertContains(page, "Excludes 1 line whose amount is not yet known.")
    assertContains(page, "Excludes Mental Health project costs.")


def test_risk_is_scored_likelihood_times_impact(signed_in):
    _, page = scheme_page(signed_in, "NCH1")
    assertContains(
        page, '<td class="govuk-table__cell govuk-table__cell--numeric">9</td>', html=True
    )


def test_a_scheme_with_only_a_name_says_what_is_missing(signed_in):
    _, page = scheme_page(signed_in, "NN2")
    assertContains(page, "Crisis Response Service")
    assertContains(page, "No investment lines given.")
    assertContains(page, "No milestones given.")
    assertContains(page, "Not given")


def test_a_scheme_and_its_parts_are_read_in_six_compiled_queries(demo, django_assert_num_queries):
    """`scheme_page` reads the scheme with its lead partner and each repeating part in order
    (a delivery chain's partners joined): the rows the scheme's relations hold, the
    investment `scheme_investment` sums. Another plan's scheme is not found through this one."""
    from plans.models import Plan
    from schemes.selectors import scheme_investment
    from schemes.selectors import scheme_page as read

    nch2 = Scheme.objects.select_related("plan", "lead_partner").get(
        reference="NCH2", plan__hwb_area__ons_code="E10000020"
    )
    with django_assert_num_queries(6):
        page = read(plan=nch2.plan, pk=nch2.pk)
        assert page["scheme"].lead_partner.name == nch2.lead_partner.name
        assert all(entry.partner is None or entry.partner.name for entry in page["delivery_chain"])
    assert page["investment"] == scheme_investment(scheme=nch2)
    assert page["investment"].unknown_count == 1
    for part in ["outcomes", "milestones", "investment_lines", "risks", "delivery_chain"]:
        assert [row.pk for row in page[part]] == [row.pk for row in getattr(nch2, part).all()]
        assert all(row.scheme is page["scheme"] for row in page[part])
    other = Plan.objects.exclude(pk=nch2.plan_id).first()
    assert read(plan=other, pk=nch2.pk) is None


def test_a_plans_schemes_from_a_compiled_query_are_those_the_queryset_finds(demo):
    """The plan page, the register and the printable plan list the plan's schemes from a
    query compiled once: the schemes, totals and lead partners `schemes_for_plan` finds."""
    from plans.checks import plan_has_schemes
    from plans.models import Plan
    from plans.selectors import previous_plan
    from schemes.selectors import plan_schemes, schemes_for_plan

    plan = Plan.objects.get(hwb_area__ons_code="E10000020", financial_year__start_year=2016)

    def shown(schemes):
        return [(s.pk, s.reference, s.investment_total, s.unknown_amounts, s.lead_partner.name)
                for s in schemes]  # fmt: skip

    ours = plan_schemes(plan=plan)
    assert len(ours) == 21
    assert shown(ours) == shown(schemes_for_plan(plan=plan))
    assert all(scheme.plan is plan for scheme in ours)
    assert plan_has_schemes(plan)
    last_year = previous_plan(plan)
    assert last_year.financial_year.start_year == 2015
    assert plan_has_schemes(last_year) == last_year.schemes.exists()
    assert previous_plan(last_year) is None
