"""The plan page's timeline, written in Python (issue 33), is the HTML its template include
wrote: the include is kept here as the oracle (`plan_timeline_loop.html`), for a plan with
no step yet and for one with every kind of entry: its steps (a block signed on behalf of a
partner, a reason over several lines with text that needs escaping, a step by the portal),
a draft sent to NHS England, NHS England's query and its outcome."""

from pathlib import Path

import pytest
from django.template import engines
from django.test import RequestFactory

from conftest import demo_user
from national.assurance import outcome_record
from plans.additions import timeline
from plans.models import Plan, PlanEvent
from plans.part_html import plan_timeline
from plans.workflow import plan_submit_draft

from .test_assurance import OFFICER, REVIEWER, query

pytestmark = pytest.mark.django_db

INCLUDE = (Path(__file__).parent / "plan_timeline_loop.html").read_text()
ODD = "I&E \"<b>bold</b>\" 'quoted'"


def pages(plan) -> tuple[str, str]:
    """The timeline as the include wrote it, and as it is written now."""
    context = {"events": timeline(plan), "plan": plan}
    request = RequestFactory().get("/")
    old = engines["django"].from_string(INCLUDE).render(context, request)
    return old, f"{plan_timeline(context['events'], plan)}\n"  # and the include's line end


@pytest.fixture
def plan(demo):
    return Plan.objects.get(hwb_area__ons_code="E10000020", financial_year__start_year=2016)


def test_a_plan_with_no_step_yet_says_so_as_the_include_did(plan):
    old, new = pages(plan)
    assert "Nothing yet" in new
    assert new == old


def test_every_kind_of_entry_is_what_the_include_wrote(plan):
    officer = demo_user(OFFICER)
    PlanEvent.objects.create(plan=plan, kind="ready", version=1, user=officer)
    PlanEvent.objects.create(plan=plan, kind="signed", version=1, user=None,
                             on_behalf_of=ODD, signature=f"{ODD}, Director, 1/4/2016")  # fmt: skip
    PlanEvent.objects.create(plan=plan, kind="sent_back", version=1, user=officer,
                             reason=f"First line\r\nSecond: {ODD}\rthird")  # fmt: skip
    draft = plan_submit_draft(plan=plan, user=officer).submission
    query(draft, text=ODD, about="")
    outcome_record(submission=draft, outcome="feedback", note=ODD, user=demo_user(REVIEWER))
    old, new = pages(plan)
    for part in ("On behalf of I&amp;E", "Second: I&amp;E", "<br>", "Submission 1</a>",
                 "NHS England query", "NHS England: feedback given", "by the portal"):  # fmt: skip
        assert part in new, part
    assert new == old
