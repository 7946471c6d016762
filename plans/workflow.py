"""A plan's sign-off, as steps of the portal's one workflow (`governance.workflow`):

draft → ready (being signed) → signed off, when the last block is signed; sent back
to draft, or reopened as the next version, with a reason.

Marked ready only when the plan's checklist passes. Each partner's sign-off member
signs that partner's block, and the Board's member the HWB's (`rules.require_block`):
by, position, date. A plan being signed or signed off is locked
(`services.plan_editing`). Sending back or reopening clears the signatures, which the
timeline keeps.
"""

import datetime

from django.contrib.auth.models import AbstractBaseUser
from django.utils import timezone

from governance import rules
from governance.rules import Action
from governance.submissions import NothingChanged, submission_make
from governance.workflow import Step, TransitionRefused, Workflow, given_text

from .checks import plan_checklist
from .models import Plan, PlanEvent, PlanEventKind, PlanStatus, SignOffBlock
from .submission import plan_sent

__all__ = ["PLAN_WORKFLOW", "TransitionRefused"]

DRAFT, READY, SIGNED_OFF = PlanStatus.DRAFT, PlanStatus.READY, PlanStatus.SIGNED_OFF


def _complete(plan: Plan, user) -> dict:
    failing = plan_checklist(plan=plan).failing
    if failing:
        raise TransitionRefused(
            f"The plan's checklist has {len(failing)} problem{'s' if len(failing) != 1 else ''} "
            f"to fix first, starting with: {failing[0].message}"
        )
    return {}


def _signed(plan: Plan, user, *, block: SignOffBlock, signed_by: str, position: str,
            signed_on: datetime.date | None) -> dict:  # fmt: skip
    block = SignOffBlock.objects.select_for_update().get(pk=block.pk, plan=plan)
    rules.require_block(user, plan.hwb_area, block.partner_id, block.on_behalf_of)
    if block.is_signed:
        raise TransitionRefused(f"The block for {block.on_behalf_of} is already signed.")
    signed_by = given_text(signed_by, "the name of the person signing", limit=200)
    position = given_text(position, "the position of the person signing", limit=200)
    if signed_on is None:
        raise TransitionRefused("Give the date of signing, like 21/04/2016.")
    if signed_on > timezone.localdate():
        raise TransitionRefused("The date of signing cannot be in the future.")
    block.signed_by, block.position, block.signed_on = signed_by, position, signed_on
    block.signed_by_user = user
    block.save()
    outcome = {
        "on_behalf_of": block.on_behalf_of,
        "signature": f"{signed_by}, {position}, {signed_on:%d/%m/%Y}",
    }
    if all(b.is_signed for b in plan.sign_off_blocks.all()):
        outcome.update(status=SIGNED_OFF, kind=PlanEventKind.SIGNED_OFF)
    return outcome


def _unsign(plan: Plan) -> None:
    plan.sign_off_blocks.update(signed_by="", position="", signed_on=None, signed_by_user=None)


def _sent_back(plan: Plan, user, *, reason: str) -> dict:
    reason = given_text(reason, "the reason it is sent back")
    _unsign(plan)
    return {"reason": reason}


def _sent(plan: Plan, user, *, draft: bool) -> dict:
    """Sent to NHS England: a draft (the plan stays a draft, editable) or, signed off, the
    plan; refused, changing nothing, when it is exactly what was sent last."""
    board = next((b.on_behalf_of for b in plan.sign_off_blocks.all() if b.partner_id is None), "")
    try:
        submission = submission_make(sent=plan_sent(plan, draft=draft), user=user,
                                     on_behalf_of="" if draft else board)  # fmt: skip
    except NothingChanged as refused:
        raise TransitionRefused(str(refused)) from refused
    return {"submission": submission}


def _reopened(plan: Plan, user, *, reason: str) -> dict:
    reason = given_text(reason, "the reason it is reopened")
    _unsign(plan)
    plan.version += 1
    return {"reason": reason}


PLAN_WORKFLOW = Workflow(
    model=Plan,
    event_model=PlanEvent,
    subject_field="plan",
    noun="plan",
    related=("hwb_area", "financial_year"),
    notify="plans.notify",
    step_list=(
        Step("ready", Action.MARK_READY, (DRAFT,), READY, PlanEventKind.READY,
             "marked ready for signing", _complete),
        Step("sign", Action.SIGN_BLOCK, (READY,), None, PlanEventKind.SIGNED,
             "signed", _signed),
        Step("send-back", Action.SEND_BACK, (READY,), DRAFT, PlanEventKind.SENT_BACK,
             "sent back", _sent_back),
        Step("reopen", Action.REOPEN, (SIGNED_OFF,), DRAFT, PlanEventKind.REOPENED,
             "reopened", _reopened),
        Step("submit-draft", Action.SUBMIT_DRAFT, (DRAFT,), None,
             PlanEventKind.DRAFT_SUBMITTED, "sent to NHS England as a draft",
             lambda plan, user: _sent(plan, user, draft=True)),
        Step("submit", Action.SUBMIT, (SIGNED_OFF,), None, PlanEventKind.SUBMITTED,
             "submitted to NHS England", lambda plan, user: _sent(plan, user, draft=False)),
    ),
)  # fmt: skip


def plan_mark_ready(*, plan: Plan, user: AbstractBaseUser) -> PlanEvent:
    return PLAN_WORKFLOW.perform(plan, "ready", user)


def plan_sign_block(*, plan: Plan, user, block: SignOffBlock, signed_by: str, position: str,
                    signed_on: datetime.date | None) -> PlanEvent:  # fmt: skip
    return PLAN_WORKFLOW.perform(plan, "sign", user, block=block, signed_by=signed_by,
                                 position=position, signed_on=signed_on)  # fmt: skip


def plan_send_back(*, plan: Plan, user, reason: str) -> PlanEvent:
    return PLAN_WORKFLOW.perform(plan, "send-back", user, reason=reason)


def plan_reopen(*, plan: Plan, user, reason: str) -> PlanEvent:
    return PLAN_WORKFLOW.perform(plan, "reopen", user, reason=reason)


def plan_submit_draft(*, plan: Plan, user) -> PlanEvent:
    """Send NHS England a draft of the plan, as it stands: it stays a draft."""
    return PLAN_WORKFLOW.perform(plan, "submit-draft", user)


def plan_submit(*, plan: Plan, user) -> PlanEvent:
    """Send NHS England the signed-off plan, for the Board."""
    return PLAN_WORKFLOW.perform(plan, "submit", user)
