"""A plan sent to NHS England: drafts by its officers from a draft plan (as Norfolk sent two
drafts of its 2016/17 plan), the plan staying editable; the final one, once signed off, by a
signer for the Board. And the key lines NHS England asks of a plan, each turning red on the
data that should make it red and green on the data that should make it green."""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from pytest_django.asserts import assertContains

from conftest import demo_user
from governance.models import Submission
from metrics.additions import TARGETS
from metrics.models import MetricDefinition, PlanMetric
from plans.models import PlanEventKind, PlanStatus
from plans.services import plan_narrative_save
from plans.submission import FINANCE, PLAN_ENQUIRIES, plan_enquiries
from plans.workflow import TransitionRefused, plan_mark_ready, plan_submit, plan_submit_draft
from schemes.additions import FUNDED
from schemes.models import InvestmentLine, Scheme

from .test_plan_workflow import SIGNERS, _plan, _sign, complete  # noqa: F401

pytestmark = pytest.mark.django_db
OFFICER = "officer.norfolk"


def test_officers_send_drafts_and_the_plan_stays_a_draft(demo):
    plan = _plan()
    event = plan_submit_draft(plan=plan, user=demo_user(OFFICER))
    first = event.submission
    assert (event.kind, first.kind, first.number, first.title) == (
        PlanEventKind.DRAFT_SUBMITTED, "plan_draft", 1, "2016/17 plan (draft)")  # fmt: skip
    assert first.round_key == "plan_2016"
    assert "Norfolk County Council" in [
        v for k, v in first.answers.items() if k.startswith("Contributions!")
    ]
    assert first.file.read()[:2] == b"PK"
    assert _plan().status == PlanStatus.DRAFT
    with pytest.raises(TransitionRefused, match="Nothing has changed since submission 1"):
        plan_submit_draft(plan=_plan(), user=demo_user(OFFICER))
    plan_narrative_save(plan=_plan(), user=demo_user(OFFICER), revision=None,
                        values={"shared_vision": "Rewritten after feedback"})  # fmt: skip
    second = plan_submit_draft(plan=_plan(), user=demo_user(OFFICER)).submission
    assert (second.number, second.replaces) == (2, first)
    with pytest.raises(PermissionDenied):  # a signer submits the signed-off plan, not drafts
        plan_submit_draft(plan=_plan(), user=demo_user("signoff.norfolk"))


def test_the_final_plan_is_submitted_once_signed_off_by_a_signer_for_the_board(complete):  # noqa: F811
    plan_submit_draft(plan=complete, user=demo_user(OFFICER))
    with pytest.raises(TransitionRefused, match="cannot be submitted to NHS England now"):
        plan_submit(plan=_plan(), user=demo_user("signoff.norfolk"))
    plan_mark_ready(plan=_plan(), user=demo_user(OFFICER))
    for username, block in zip(SIGNERS, _plan().sign_off_blocks.order_by("order"), strict=True):
        _sign(_plan(), username, block)
    with pytest.raises(PermissionDenied):
        plan_submit(plan=_plan(), user=demo_user("signoff.ncc"))  # a partner's signer
    final = plan_submit(plan=_plan(), user=demo_user("signoff.norfolk")).submission
    assert (final.kind, final.number, final.title) == ("plan", 2, "2016/17 plan")
    assert final.on_behalf_of == "Norfolk Health and Wellbeing Board"
    assert final.replaces.kind == "plan_draft"
    assert all(check["passed"] for check in final.checklist)
    with pytest.raises(TransitionRefused, match="Nothing has changed"):
        plan_submit(plan=_plan(), user=demo_user("signoff.norfolk"))


def test_the_plan_page_offers_each_sending_to_whoever_may(signed_in):
    url = reverse("plan", args=["E10000020", 2016])
    assertContains(signed_in(OFFICER).get(url), "Send a draft to NHS England")
    page = signed_in("signoff.norfolk").get(url).content.decode()
    assert "Send a draft to NHS England" not in page
    sent = signed_in(OFFICER).post(reverse("plan-step", args=["E10000020", 2016, "submit-draft"]),
                                   follow=True)  # fmt: skip
    assertContains(sent, "Draft sent to NHS England")
    assert Submission.objects.filter(kind="plan_draft").count() == 1


def test_a_plan_declares_its_key_lines_in_order():
    keys = [e.key for e in plan_enquiries()]
    assert keys == ["contributions", "conditions", "targets", "schemes-funded", "finance"]
    assert FINANCE.evaluate is None  # the reviewer judges the financial position


def line(key):
    return next(e for e in PLAN_ENQUIRIES if e.key == key)


def test_contributions_green_when_they_equal_the_fund_red_when_not(demo):
    plan = _plan()  # Norfolk's: £63,573,469 from six partners, the pooled fund
    assert line("contributions").evaluate(plan).rating == "green"
    plan.pooled_fund_total += 1
    red = line("contributions").evaluate(plan)
    assert red.rating == "red"
    assert "£1 less than the pooled fund" in red.finding


def test_conditions_green_when_met_amber_when_dated_red_when_not_given(complete):  # noqa: F811
    plan = complete
    assert line("conditions").evaluate(plan).rating == "green"
    statement = plan.condition_statements.first()
    statement.status, statement.target_date = "No - In Progress", None
    statement.save()
    assert line("conditions").evaluate(plan).rating == "red"
    statement.target_date = "2016-09-30"
    statement.save()
    statement.refresh_from_db()
    amber = line("conditions").evaluate(plan)
    assert (amber.rating, "by 30/09/2016" in amber.finding) == ("amber", True)


def test_targets_red_while_a_metric_has_none_green_once_each_has(demo):
    plan = _plan()  # Norfolk's describes four of the six metrics
    red = TARGETS.evaluate(plan)
    assert red.rating == "red"
    assert "Local" in red.finding
    for definition in MetricDefinition.objects.exclude(pk__in=plan.metrics.values("definition")):
        PlanMetric.objects.create(plan=plan, definition=definition, description="A target.")
    assert TARGETS.evaluate(plan).rating == "green"


def test_schemes_red_with_no_investment_amber_with_an_unknown_green_when_funded(demo):
    plan = _plan()
    assert FUNDED.evaluate(plan).rating == "red"  # most of Norfolk's schemes give none
    for scheme in Scheme.objects.filter(plan=plan):
        lines = scheme.investment_lines
        if not lines.exists():
            InvestmentLine.objects.create(scheme=scheme, position=1, description="Staff",
                                          amount=1000)  # fmt: skip
    amber = FUNDED.evaluate(plan)  # NCH2 has one line of unknown amount
    assert (amber.rating, "NCH2" in amber.finding) == ("amber", True)
    InvestmentLine.objects.filter(scheme__plan=plan, amount=None).update(amount=5)
    assert FUNDED.evaluate(plan).rating == "green"
