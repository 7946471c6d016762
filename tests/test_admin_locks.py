"""Nothing changes a signed-off return or plan, or what is recorded of them, except the
audited services: the admin walks every model it manages against them (add, change,
delete, bulk delete) and every table that holds them is the same afterwards."""

import pytest
from django.contrib import admin
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.urls import reverse

from demo.norfolk import norfolk_q3_sign_off
from governance import models as governance
from governance.models import RecordChange
from metrics.models import MetricDefinition, MetricValue, PlanMetric, ValueKind
from national.models import NationalExport
from plans import models as plans
from plans.services import plan_narrative_save
from returns import models as returns
from returns.exports import export_request, export_run, upload_receive
from schemes import models as schemes

pytestmark = pytest.mark.django_db

NORFOLK = "E10000020"
# Every table that holds a return or plan, its parts and what is recorded of them.
KEPT = [
    returns.QuarterlyReturn, returns.Answer, returns.AnswerChange, returns.ReturnEvent,
    returns.ReturnVersion, returns.WorkbookExport, returns.WorkbookUpload, plans.Plan,
    plans.Contribution, plans.PlannedExpenditure, plans.SignOffBlock,
    plans.NationalConditionStatement, plans.PooledFundQuarter, plans.PlanEvent, schemes.Scheme,
    schemes.InvestmentLine, schemes.Milestone, schemes.Outcome, schemes.Risk,
    schemes.DeliveryChainEntry, PlanMetric, MetricValue, RecordChange, governance.HwbArea,
    governance.Partner, governance.FinancialYear, returns.ReportingPeriod, plans.NationalCondition,
    MetricDefinition,
]  # fmt: skip


def kept():
    tables = {model._meta.label: list(model.objects.order_by("pk").values()) for model in KEPT}
    files = sorted(e.file.name for e in returns.WorkbookExport.objects.all())
    return (
        tables,
        files,
        [f for f in files if not returns.WorkbookExport.file.field.storage.exists(f)],
    )


@pytest.fixture
def locked(demo):
    """Norfolk's Q3 return signed off (with an export and an upload kept from before), and its
    2016/17 plan signed off; what is kept of both, and the objects the admin is tried on."""
    quarterly_return = returns.QuarterlyReturn.objects.get(
        hwb_area__ons_code=NORFOLK, period__quarter=3
    )
    export = export_run(export_id=export_request(quarterly_return=quarterly_return, user=None).pk)
    with export.file.open("rb") as f:
        upload_receive(quarterly_return=quarterly_return, content=f.read(), name="x.xlsx",
                       user=None)  # fmt: skip
    norfolk_q3_sign_off()
    plan = plans.Plan.objects.get(hwb_area__ons_code=NORFOLK, financial_year__start_year=2016)
    plan_narrative_save(plan=plan, user=None, revision=None, values={"shared_vision": "Ours"})
    # Signed off, as its timeline says (its own tests take it through every step).
    plans.PlanEvent.objects.create(plan=plan, kind=plans.PlanEventKind.SIGNED_OFF, version=1)
    plans.Plan.objects.filter(pk=plan.pk).update(status=plans.PlanStatus.SIGNED_OFF)
    MetricValue.objects.get_or_create(
        hwb_area=plan.hwb_area, definition=MetricDefinition.objects.first(),
        financial_year=plan.financial_year, quarter=1, kind=ValueKind.PLAN,
        defaults={"value": 100},
    )  # fmt: skip
    signer = governance.Membership.objects.get(user__username="signoff.norfolk").user
    samples = {
        returns.QuarterlyReturn: quarterly_return,
        returns.Answer: quarterly_return.answers.first(),
        returns.WorkbookExport: export,
        returns.WorkbookUpload: quarterly_return.uploads.first(),
        plans.Plan: plan,
        schemes.Scheme: plan.schemes.first(),
        PlanMetric: plan.metrics.first() or PlanMetric.objects.create(
            plan=plan, definition=MetricDefinition.objects.first(), description="x"),
        MetricValue: MetricValue.objects.filter(hwb_area=plan.hwb_area, kind=ValueKind.PLAN,
                                                financial_year=plan.financial_year).first(),
        RecordChange: RecordChange.objects.first(),
        # What the locked records stand on.
        governance.HwbArea: plan.hwb_area,
        governance.Partner: plan.contributions.first().partner,
        governance.FinancialYear: plan.financial_year,
        returns.ReportingPeriod: quarterly_return.period,
        plans.NationalCondition: plan.condition_statements.first().condition,
        MetricDefinition: MetricDefinition.objects.first(),
        governance.Membership.user.field.related_model: signer,
        NationalExport: NationalExport.objects.create(
            period=quarterly_return.period, requested_by=signer),
    }  # fmt: skip
    return quarterly_return, plan, samples


def url(model, view, *args):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


# Memberships, invitations, groups, sign-in records and scheduled tasks' runs are not
# records of a return or plan; all else is.
NOT_KEPT = {
    "governance.Membership", "governance.Invitation", "auth.Group", "axes.AccessAttempt",
    "axes.AccessLog", "axes.AccessFailureLog", "governance.PeriodicRun",
}  # fmt: skip
MODELS = sorted(
    (m for m in admin.site._registry if m._meta.label not in NOT_KEPT),
    key=lambda m: m._meta.label,
)


def test_every_model_the_admin_manages_is_walked(locked):
    _, _, samples = locked
    assert set(MODELS) == set(samples)


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m._meta.label)
def test_the_admin_changes_nothing_kept_whatever_it_is_asked(locked, admin_client, model):
    quarterly_return, plan, samples = locked
    obj, before = samples[model], kept()
    assert obj is not None
    responses = [
        admin_client.post(url(model, "change", obj.pk), {}),
        admin_client.post(url(model, "delete", obj.pk), {"post": "yes"}),
        admin_client.post(
            url(model, "changelist"),
            {"action": "delete_selected", ACTION_CHECKBOX_NAME: [obj.pk], "post": "yes"},
        ),
        admin_client.post(url(model, "add"), {
            "plan": plan.pk, "quarterly_return": quarterly_return.pk,
            "hwb_area": plan.hwb_area_id, "financial_year": plan.financial_year_id,
            "definition": MetricDefinition.objects.first().pk, "kind": ValueKind.PLAN,
            "quarter": 2, "value": 1, "description": "Added", "reference": "NEW1", "name": "New",
            "lead_partner": samples[governance.Partner].pk, "question_id": "narrative",
            "value_text": "x", "source": "admin",
        }),
    ]  # fmt: skip
    assert kept() == before, [r.status_code for r in responses]
    assert not any(r.status_code >= 500 for r in responses)


@pytest.mark.parametrize(
    "model",
    [returns.QuarterlyReturn, returns.Answer, plans.Plan, schemes.Scheme, PlanMetric, MetricValue],
    ids=lambda m: m._meta.label,
)
def test_records_of_a_locked_return_or_plan_are_shown_read_only(locked, admin_client, model):
    obj = locked[2][model]
    page = admin_client.get(url(model, "change", obj.pk))
    assert page.status_code == 200
    assert b'name="_save"' not in page.content
    assert admin_client.post(url(model, "delete", obj.pk), {"post": "yes"}).status_code == 403


def test_a_return_with_history_cannot_be_deleted_by_any_path(locked):
    from django.db.models import ProtectedError

    quarterly_return = locked[0]
    with pytest.raises(ProtectedError):
        quarterly_return.delete()
    with pytest.raises(ProtectedError):
        locked[1].delete()  # nor a plan with a timeline


def test_an_administrator_reopens_a_signed_off_return_with_a_reason(locked, admin_client):
    quarterly_return = locked[0]
    page = admin_client.get(url(returns.QuarterlyReturn, "change", quarterly_return.pk))
    reopen = url(returns.QuarterlyReturn, "reopen", quarterly_return.pk)
    assert reopen.encode() in page.content
    refused = admin_client.post(reopen, {"reason": ""})
    assert refused.status_code == 400
    assert (
        admin_client.post(reopen, {"reason": "NHS England asked for a correction"}).status_code
        == 302
    )
    quarterly_return.refresh_from_db()
    assert (quarterly_return.status, quarterly_return.version) == ("draft", 2)
    event = quarterly_return.events.get(kind="reopened")
    assert (event.reason, event.user.username) == ("NHS England asked for a correction", "admin")
