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
from plans.part_html import plan_tasks_html

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
    tasks = context["tasks"]
    new = plan_tasks_html(
        plan=plan, tasks=tasks, checklist=checklist, can_edit=can_edit, can_ready=can_ready
    )
    new += "\n"  # the include's line end
    assert "Parts of the plan" in new
    assert new == old


BODY = (Path(__file__).parent / "plan_body_include.html").read_text()


def _page_context(plan, *, in_full: bool, can_edit: bool) -> dict:
    from django.contrib.auth import get_user_model

    from plans.views import plan_context

    request = RequestFactory().get("/")
    request.user = get_user_model().objects.get(username="officer.norfolk")
    return {**plan_context(request, plan, in_full=in_full), "can_edit": can_edit}


def _oddly_filled(plan) -> None:
    """Totals above and below the pooled fund, a condition not answered and others with
    every status, text that needs escaping everywhere, and no quarters of the fund."""
    import datetime

    from metrics.models import PlanMetric

    Plan.objects.filter(pk=plan.pk).update(
        pooled_fund_total=1, expenditure_comment=f"{ODD}\nsecond line", shared_vision=ODD,
        case_for_change="",
    )  # fmt: skip
    plan.refresh_from_db()
    plan.fund_quarters.all().delete()
    plan.planned_expenditure.all().update(amount=10**9)  # above the pooled fund; contributions too
    statements = list(plan.condition_statements.order_by("pk"))
    statements[0].delete()
    for statement, status in zip(statements[1:], ("Yes", "No - In Progress", ""), strict=False):
        statement.status, statement.narrative = status, (ODD if status else "")
        statement.target_date = datetime.date(2017, 3, 31) if status == "Yes" else None
        statement.save()
    PlanMetric.objects.filter(plan=plan).update(description=f"{ODD} ")


@pytest.mark.parametrize("in_full", [False, True])
@pytest.mark.parametrize("can_edit", [False, True])
@pytest.mark.parametrize("plan_kind", ["norfolk", "oddly filled", "below its fund", "empty"])
def test_the_plans_parts_are_what_the_include_wrote(demo, in_full, can_edit, plan_kind):
    """The funding, expenditure, conditions, metrics and narrative, on the page and printed,
    for one who may change them and one who may not: Norfolk's plan as the demo has it, one
    whose totals differ from its pooled fund both ways with every kind of condition status
    and text that needs escaping, and a plan with nothing in it."""
    from plans.body_html import plan_body
    from plans.tests.factories import PlanFactory

    if plan_kind == "empty":
        plan = PlanFactory()
    else:
        plan = Plan.objects.get(hwb_area__ons_code="E10000020", financial_year__start_year=2016)
        if plan_kind == "oddly filled":
            _oddly_filled(plan)
        elif plan_kind == "below its fund":
            Plan.objects.filter(pk=plan.pk).update(pooled_fund_total=10**12)
            plan.refresh_from_db()
    context = _page_context(plan, in_full=in_full, can_edit=can_edit)
    old = engines["django"].from_string(BODY).render(context, RequestFactory().get("/"))
    new = plan_body(context)
    if plan_kind == "oddly filled":
        assert "more than the pooled fund" in new
        assert "I&amp;E &quot;&lt;b&gt;" in new
        assert "Not answered" in new
    if plan_kind == "below its fund":
        assert "less than the pooled fund" in new
    if plan_kind == "norfolk":
        assert "add up to the pooled fund." in new
    assert new == old
