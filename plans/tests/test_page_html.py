"""The plan page's content, written in Python (issue 33), is the HTML its template wrote:
the template's content is kept here as the oracle (`plan_page_content.html`), for the plan
in each state a user meets it in, with each step offered, a step refused (its error
summary, and its reason or signature given back), blocks signed and to sign, no deadline
and one passed, no schemes and no sign-off blocks, and text that needs escaping."""

import datetime
from pathlib import Path

import pytest
from django.template import engines
from django.test import RequestFactory
from django.urls import reverse

from plans.models import Plan
from plans.page_html import plan_page
from plans.part_html import plan_tasks_html, plan_timeline, scheme_rows

pytestmark = pytest.mark.django_db

CONTENT = (Path(__file__).parent / "plan_page_content.html").read_text()
ODD = "I&E \"<b>bold</b>\" 'quoted'"
NORFOLK = "E10000020"


def _context(plan, username: str = "officer.norfolk", **changes) -> dict:
    from django.contrib.auth import get_user_model

    from plans.views import plan_context

    request = RequestFactory().get("/")
    request.user = get_user_model().objects.get(username=username)
    context = {**plan_context(request, plan), "csrf_token": "a-token&<'\"", **changes}
    return context


def _both(context) -> tuple[str, str]:
    """(the template's content, the content written in Python) for the same variables."""
    written = {
        "tasks_html": plan_tasks_html(
            plan=context["plan"], tasks=context["tasks"], checklist=context["checklist"],
            can_edit=bool(context.get("can_edit")), can_ready=bool(context.get("can_ready")),
        ),
        "scheme_rows_html": scheme_rows(context["plan"], context["schemes"]),
        "timeline_html": plan_timeline(context["events"], context["plan"]),
    }  # fmt: skip
    request = RequestFactory().get("/")
    old = engines["django"].from_string(CONTENT).render({**context, **written}, request)
    return old, plan_page(context)


@pytest.fixture
def norfolk(demo):
    return Plan.objects.get(hwb_area__ons_code=NORFOLK, financial_year__start_year=2016)


def _blocks(plan, *, signed: int, can_sign: bool) -> list:
    """The plan's sign-off blocks, the first `signed` of them signed (by someone whose name
    needs escaping), the rest to sign by this user or not."""
    blocks = list(plan.sign_off_blocks.select_related("partner"))
    for block in blocks[:signed]:
        block.signed_by, block.position = ODD, f"Director of {ODD}"
        block.signed_on = datetime.date(2016, 4, 1)
    blocks[-1].on_behalf_of = ODD
    return [(block, can_sign and n >= signed) for n, block in enumerate(blocks)]


def test_the_demo_plan_as_its_officer_opens_it(norfolk):
    context = _context(norfolk)
    old, new = _both(context)
    assert "Mark ready for signing" in new
    assert 'name="csrfmiddlewaretoken" value="a-token&amp;&lt;&#x27;&quot;"' in new
    assert new == old


@pytest.mark.parametrize("complete", [True, False])
def test_a_plan_to_mark_ready_complete_or_not(norfolk, complete):
    from dataclasses import replace

    from plans.checks import PlanChecklist

    context = _context(norfolk, can_ready=True)
    checklist = context["checklist"]
    if complete:
        checks = [replace(check, ok=True, message="") for check in checklist.checks]
    else:  # one check fails: "1 check still fails"
        checks = [replace(check, ok=n != 0) for n, check in enumerate(checklist.checks)]
    context["checklist"] = PlanChecklist(checks=checks, has_schemes=checklist.has_schemes)
    old, new = _both(context)
    assert ("still fails" in new) is not complete
    assert new == old


@pytest.mark.parametrize("step", ["ready", "send-back", "reopen", "submit", "submit-draft"])
def test_every_step_offered_and_refused_with_its_reason_given_back(norfolk, step):
    norfolk.status = "ready" if step == "send-back" else "signed_off"
    context = _context(
        norfolk, can_ready=True, can_send_back=True, can_submit_draft=True, can_submit=True,
        can_reopen=True, workflow_error=f"Refused: {ODD}", workflow_step=step,
        posted={"reason": f"Because {ODD}\nand more"},
        sign_off_blocks=_blocks(norfolk, signed=5, can_sign=False),
        state_notice=f"A notice with {ODD}", deadline_passed=True,
    )  # fmt: skip
    old, new = _both(context)
    assert f'href="#step-{step}"' in new
    assert "Refused: I&amp;E" in new
    assert new == old


@pytest.mark.parametrize("refused", [False, True])
def test_blocks_signed_and_to_sign_with_a_signature_refused_given_back(norfolk, refused):
    norfolk.status = "ready"
    blocks = _blocks(norfolk, signed=2, can_sign=True)
    posted = {"block": str(blocks[3][0].pk), "signed_by": ODD, "position": ODD,
              "signed_on": "31/02/2017"}  # fmt: skip
    changes = {"workflow_error": "Enter a real date", "workflow_step": "sign", "posted": posted}
    context = _context(
        norfolk, sign_off_blocks=blocks, signer_name=f"Signer {ODD}", **(changes if refused else {})
    )
    old, new = _both(context)
    assert new.count('name="signed_by"') == len(blocks) - 2
    assert ('value="31/02/2017"' in new) is refused
    assert new == old


def test_a_plan_with_nothing_in_it_and_no_deadline(demo):
    from governance.models import HwbArea
    from plans.tests.factories import MembershipFactory, PlanFactory

    plan = PlanFactory(pooled_fund_total=None, hwb_area=HwbArea.objects.create(
        ons_code="E99000001", name=f"Area {ODD}"))  # fmt: skip
    plan.financial_year.plan_deadline = None
    membership = MembershipFactory(hwb_area=plan.hwb_area)
    context = _context(plan, username=membership.user.username)
    old, new = _both(context)
    assert "This plan has no sign-off blocks." in new
    assert "This plan has no schemes yet." in new
    assert 'id="plan-deadline"' not in new
    assert new == old


def test_the_page_shows_what_plan_page_writes(signed_in, norfolk):
    """The page itself is the frame around `plan_page`'s content."""
    page = signed_in("officer.norfolk").get(reverse("plan", args=[NORFOLK, 2016]))
    html = page.content.decode()
    assert html.count('id="state-notice"') == 1
    assert '<h2 class="govuk-heading-m" id="sign-off">Authorisation and sign-off</h2>' in html
    assert "Timeline" in html or "timeline" in html
