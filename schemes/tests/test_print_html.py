"""The printable plan's schemes, written in Python (issue 33), are the HTML its template loop
wrote: that loop is kept here as the oracle, for Norfolk's 21 schemes and for awkward ones."""

from pathlib import Path

import pytest
from django.template import engines

from plans.models import Plan
from schemes.models import Milestone, Scheme
from schemes.print_html import printed_schemes
from schemes.selectors import schemes_in_full
from schemes.tests.factories import InvestmentLineFactory, SchemeFactory

pytestmark = pytest.mark.django_db

# templates/plans/plan_print.html's loop, as it was before it was written in Python.
LOOP = (Path(__file__).parent / "printed_schemes_loop.html").read_text()


def looped(schemes) -> str:
    return engines["django"].from_string(LOOP).render({"schemes": schemes})


def test_norfolks_schemes_print_as_the_loop_wrote_them(demo):
    plan = Plan.objects.get(hwb_area__ons_code="E10000020", financial_year__start_year=2016)
    schemes = list(schemes_in_full(plan=plan))
    assert len(schemes) == 21
    assert printed_schemes(schemes) == looped(schemes)


def test_awkward_schemes_print_as_the_loop_wrote_them():
    odd = SchemeFactory(
        reference="R&D<1>", name='"Home" first <script>alert(1)</script>',
        theme="crisis_response", status="operational",
        strategic_objective="\uf0b7 First & foremost\n\uf0a7 then 'this'",
        overview="  Starts with spaces\r\nand <b>tags</b>",
    )  # fmt: skip
    for amount in (None, 1234567, None, 0):
        InvestmentLineFactory(scheme=odd, amount=amount, description=f"Line <{amount}>")
    Milestone.objects.create(scheme=odd, position=1, description="Go & live", timescale="")
    Milestone.objects.create(scheme=odd, position=2, description="Review", timescale="Q4 '16")
    plain = SchemeFactory(plan=odd.plan, reference="Z9", lead_partner=odd.lead_partner)
    one_unknown = SchemeFactory(plan=odd.plan, reference="M1", lead_partner=odd.lead_partner)
    InvestmentLineFactory(scheme=one_unknown, amount=None)
    schemes = list(schemes_in_full(plan=odd.plan))
    assert [s.reference for s in schemes] == ["M1", "R&D<1>", "Z9"]
    assert plain.investment_lines.count() == 0
    assert printed_schemes(schemes) == looped(schemes)
    assert "plus 2 amounts not known" in printed_schemes(schemes)
    assert "plus 1 amount not known" in printed_schemes(schemes)


def test_a_plan_without_schemes_says_so():
    assert printed_schemes(Scheme.objects.none()) == looped(Scheme.objects.none())
    assert "This plan has no schemes yet." in printed_schemes([])
