"""The national conditions page's fieldsets, written in Python (issue 33), are the HTML its
template loop wrote: the loop is kept here as the oracle (`conditions_loop.html`), for
conditions with and without parts and guidance, with what the checklist asks, with errors,
and with text that needs escaping."""

from pathlib import Path

import pytest
from django.template import engines
from django.template.loader import get_template
from django.test import RequestFactory

from plans.checks import plan_checklist
from plans.forms import ConditionsForm
from plans.models import NationalCondition, Plan

pytestmark = pytest.mark.django_db

LOOP = (Path(__file__).parent / "conditions_loop.html").read_text()
ODD = "I&E \"<b>bold</b>\" 'quoted'"


def looped(form, problems) -> str:
    template = engines["django"].from_string(LOOP)
    context = {"form": form, "problems": problems, "plan": form.plan}
    return template.render(context, RequestFactory().get("/"))


def written(form, problems) -> str:
    """The page's part as its template now writes it (`{% condition_rows %}`)."""
    context = {"form": form, "problems": problems, "plan": form.plan}
    return get_template("plans/parts/conditions.html").render(context, RequestFactory().get("/"))


@pytest.fixture
def plan(demo):
    plan = Plan.objects.get(hwb_area__ons_code="E10000020", financial_year__start_year=2016)
    NationalCondition.objects.create(
        financial_year=plan.financial_year, key="nc9a", number=9, part="i", title=ODD,
        guidance=f"BCF and I&E: {ODD}",
    )  # fmt: skip
    return plan


def test_the_page_as_it_opens_is_what_the_loop_wrote(plan):
    form = ConditionsForm(plan=plan)
    problems = plan_checklist(plan=plan).for_part("conditions")
    assert any(check.target == "nc9a" for check in problems)
    html = written(form, problems)
    assert "Still to do for condition 9i, I&amp;E &quot;&lt;b&gt;" in html
    assert "Guidance on condition 9 (i)" in html
    assert html == looped(form, problems)


def test_a_page_refused_with_errors_is_what_the_loop_wrote(plan):
    data = {f"{c.key}_status": "" for c in NationalCondition.objects.all()} | {
        "revision": plan.revision, "nc9a_status": "No", "nc9a_narrative": ODD,
        "nc9a_date_0": "31", "nc9a_date_1": "2", "nc9a_date_2": "2017",
    }  # fmt: skip
    form = ConditionsForm(data, plan=plan)
    assert not form.is_valid()
    problems = plan_checklist(plan=plan).for_part("conditions")
    html = written(form, problems)
    assert "govuk-form-group--error" in html
    assert html == looped(form, problems)


def test_a_year_without_conditions_says_so_as_the_loop_did():
    from plans.tests.factories import PlanFactory

    form = ConditionsForm(plan=PlanFactory())
    assert "There is no catalogue of national conditions" in written(form, [])
    assert written(form, []) == looped(form, [])


SCHEME_LOOP = (Path(__file__).parent / "scheme_list_loop.html").read_text()


def test_the_plan_pages_list_of_schemes_is_what_the_loop_wrote(demo):
    """Every scheme of the plan, one with no lines (no investment), one with text that needs
    escaping, with and without a theme and unknown amounts."""
    from plans.part_html import scheme_rows
    from schemes.models import Scheme
    from schemes.selectors import plan_schemes

    plan = Plan.objects.get(hwb_area__ons_code="E10000020", financial_year__start_year=2016)
    first = Scheme.objects.filter(plan=plan).order_by("reference").first()
    Scheme.objects.filter(pk=first.pk).update(name=ODD, reference="A&1", theme="")
    first.lead_partner.__class__.objects.filter(pk=first.lead_partner_id).update(name=ODD)
    first.investment_lines.all().delete()
    schemes = plan_schemes(plan=plan)
    assert any(s.theme for s in schemes)
    assert any(s.unknown_amounts for s in schemes)
    assert schemes[0].investment_total is None
    looped = (
        engines["django"]
        .from_string(SCHEME_LOOP)
        .render({"plan": plan, "schemes": schemes}, RequestFactory().get("/"))
    )
    written = scheme_rows(plan, schemes)
    assert "I&amp;E &quot;&lt;b&gt;" in written
    assert f"    {written}\n" == looped  # the loop's indent and line end are the template's


CHECKLIST = (Path(__file__).parent / "plan_checklist_loop.html").read_text()


@pytest.mark.parametrize(
    ("status", "can_edit", "can_ready", "complete"),
    [("draft", True, False, False), ("draft", False, False, False),
     ("draft", True, True, True), ("draft", True, False, True), ("ready", False, False, True),
     ("ready", True, False, False), ("draft", True, False, None), ("draft", False, True, None)],
)  # fmt: skip
def test_the_plan_pages_task_list_is_what_the_include_wrote(
    demo, status, can_edit, can_ready, complete
):
    """Every part with its status and its link (to its edit page, the register, or its part
    of the page), sending for signing in each of its states, and what is missing, with text
    that needs escaping."""
    from dataclasses import replace

    from plans.checks import PlanChecklist
    from plans.selectors import plan_tasks
    from plans.views import plan_parts

    plan = Plan.objects.get(hwb_area__ons_code="E10000020", financial_year__start_year=2016)
    plan.status = status
    checklist = plan_checklist(plan=plan)
    odd = [replace(check, label=f"{check.label} {ODD}", message=ODD, target=check.target or "")
           for check in checklist.checks]  # fmt: skip
    if complete:  # every check passes
        odd = [replace(check, ok=True, message="") for check in odd]
    elif complete is None:  # every check fails, the schemes' and the signing's too
        odd = [replace(check, ok=False) for check in odd]
        assert {"schemes", "signing"} <= {check.part for check in odd}
    checklist = PlanChecklist(checks=odd, has_schemes=checklist.has_schemes)
    context = {"plan": plan, "checklist": checklist, "can_edit": can_edit,
               "can_ready": can_ready,
               "tasks": plan_tasks(plan=plan, checklist=checklist, parts=plan_parts())}  # fmt: skip
    request = RequestFactory().get("/")
    old = engines["django"].from_string(CHECKLIST).render(context, request)
    new = get_template("plans/includes/plan_checklist.html").render(context, request)
    assert "Parts of the plan" in new
    assert new == old
