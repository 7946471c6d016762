"""A return's lifecycle: draft → ready for sign-off → signed off → submitted; sent back;
reopened — the steps of the portal's one workflow (`governance.workflow`).

Each step is refused with a plain message, changing nothing, or it moves the return
and records the step on its timeline. A signed-off or submitted return is locked:
`services.answers_save` refuses every change until it is reopened, which starts a
new version and keeps the old one.
"""

from django.contrib.auth.models import AbstractBaseUser
from django.utils import timezone

from governance.rules import Action
from governance.workflow import Step, TransitionRefused, Workflow, given_text

from .models import (
    EventKind,
    ExportStatus,
    QuarterlyReturn,
    ReturnEvent,
    ReturnStatus,
    ReturnVersion,
    WorkbookExport,
)
from .selectors import (
    return_cautions,
    return_state,
    round_closed_message,
    stored_answers,
    unconfirmed,
)

__all__ = ["RETURN_WORKFLOW", "TransitionRefused"]

DRAFT, READY = ReturnStatus.DRAFT, ReturnStatus.READY
SIGNED_OFF, SUBMITTED = ReturnStatus.SIGNED_OFF, ReturnStatus.SUBMITTED


def _round_still_open(quarterly_return) -> None:
    closed = round_closed_message(quarterly_return)
    if closed:
        raise TransitionRefused(closed)


class FiguresToConfirm(TransitionRefused):
    """Marking ready waits for the figures an "are you sure?" check asks about."""

    def __init__(self, asked: list):
        self.asked = asked
        count = len(asked)
        super().__init__(
            f"{count} figure{'s' if count != 1 else ''} still to confirm: say why each is "
            "right before the return goes for sign-off."
        )


def _complete(quarterly_return, user) -> dict:
    _round_still_open(quarterly_return)
    state = return_state(quarterly_return=quarterly_return)
    checklist = state.checklist
    if not checklist.complete:
        failing = checklist.total - checklist.answered
        raise TransitionRefused(
            f"The checklist is not all Yes: {failing} question{'s' if failing != 1 else ''} "
            "still fail. Only a complete return goes for sign-off."
        )
    if asked := unconfirmed(return_cautions(state=state)):
        raise FiguresToConfirm(asked)
    # Its own snapshot: what the signer reviews, and what they compare against if they
    # send it back and it comes again.
    return {"answers": stored_answers(quarterly_return)}


def _sent_back(quarterly_return, user, *, reason: str) -> dict:
    return {"reason": given_text(reason, "the reason it is sent back")}


def _signed_off(quarterly_return, user, *, on_behalf_of: str) -> dict:
    """Keeps the answers as this version."""
    _round_still_open(quarterly_return)
    on_behalf_of = given_text(on_behalf_of, "the body on whose behalf you sign", limit=255)
    ReturnVersion.objects.create(
        quarterly_return=quarterly_return,
        number=quarterly_return.version,
        revision=quarterly_return.revision,
        answers=stored_answers(quarterly_return),
        signed_off_by=user,
        on_behalf_of=on_behalf_of,
        signed_off_at=timezone.now(),
    )
    return {"on_behalf_of": on_behalf_of}


def _submitted(quarterly_return, user, *, export: WorkbookExport) -> dict:
    """The workbook sent to NHS England is kept, byte for byte, with its SHA-256."""
    if (
        export.quarterly_return_id != quarterly_return.pk
        or export.status != ExportStatus.READY
        or export.revision != quarterly_return.revision
    ):
        raise TransitionRefused(
            "Export the workbook of the signed-off return first, then record it as submitted."
        )
    ReturnVersion.objects.filter(
        quarterly_return=quarterly_return, number=quarterly_return.version
    ).update(submitted=export)
    return {"export": export}


def _reopened(quarterly_return, user, *, reason: str) -> dict:
    """Back to draft as a new version; the signed-off version stays readable."""
    reason = given_text(reason, "the reason it is reopened")
    quarterly_return.version += 1
    return {"reason": reason}


RETURN_WORKFLOW = Workflow(
    model=QuarterlyReturn,
    event_model=ReturnEvent,
    subject_field="quarterly_return",
    noun="return",
    related=("hwb_area", "period__financial_year"),
    notify="returns.notify",
    step_list=(
        Step("ready", Action.MARK_READY, (DRAFT,), READY, EventKind.READY,
             "marked ready for sign-off", _complete),
        Step("send-back", Action.SEND_BACK, (READY,), DRAFT, EventKind.SENT_BACK,
             "sent back", _sent_back),
        Step("sign-off", Action.SIGN_OFF, (READY,), SIGNED_OFF, EventKind.SIGNED_OFF,
             "signed off", _signed_off),
        Step("submit", Action.SUBMIT, (SIGNED_OFF,), SUBMITTED, EventKind.SUBMITTED,
             "recorded as submitted", _submitted),
        Step("reopen", Action.REOPEN, (SIGNED_OFF, SUBMITTED), DRAFT, EventKind.REOPENED,
             "reopened", _reopened),
    ),
)  # fmt: skip


def return_mark_ready(*, quarterly_return: QuarterlyReturn, user: AbstractBaseUser) -> ReturnEvent:
    return RETURN_WORKFLOW.perform(quarterly_return, "ready", user)


def return_send_back(*, quarterly_return, user, reason: str) -> ReturnEvent:
    return RETURN_WORKFLOW.perform(quarterly_return, "send-back", user, reason=reason)


def return_sign_off(*, quarterly_return, user, on_behalf_of: str) -> ReturnEvent:
    """Sign off on behalf of a body (e.g. the Board's BCF sub-group): locks the return."""
    return RETURN_WORKFLOW.perform(quarterly_return, "sign-off", user, on_behalf_of=on_behalf_of)


def return_submit(*, quarterly_return, user, export: WorkbookExport) -> ReturnEvent:
    return RETURN_WORKFLOW.perform(quarterly_return, "submit", user, export=export)


def return_reopen(*, quarterly_return, user, reason: str) -> ReturnEvent:
    return RETURN_WORKFLOW.perform(quarterly_return, "reopen", user, reason=reason)
