"""A return's lifecycle: draft → ready for sign-off → signed off → submitted; sent back;
reopened — the steps of the portal's one workflow (`governance.workflow`).

Each step is refused with a plain message, changing nothing, or it moves the return
and records the step on its timeline. A signed-off or submitted return is locked:
`services.answers_save` refuses every change until it is reopened, which starts a
new version and keeps the old one.
"""

from django.contrib.auth.models import AbstractBaseUser
from django.utils import timezone

from governance.models import SubmissionKind
from governance.rules import Action
from governance.submissions import NothingChanged, Sent, found, submission_make
from governance.workflow import Step, TransitionRefused, Workflow, given_text

from .models import EventKind, QuarterlyReturn, ReturnEvent, ReturnStatus, ReturnVersion
from .selectors import (
    return_cautions,
    return_state,
    round_closed_message,
    stored_answers,
    unconfirmed,
)
from .workbook import state_workbook_bytes, workbook_data

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


def _submitted(quarterly_return, user) -> dict:
    """Sent to NHS England: the signed-off version, its workbook byte for byte with its
    SHA-256, its checklist, its confirmed figures and its key lines of enquiry, kept as a
    submission that replaces the one before; refused if nothing changed since that one."""
    state = return_state(quarterly_return=quarterly_return)
    version = quarterly_return.versions.get(number=quarterly_return.version)
    data = workbook_data(state=state, draft=False)
    sent = Sent(
        subject=quarterly_return, kind=SubmissionKind.RETURN,
        title=f"{quarterly_return.period.label} return", round_key=quarterly_return.period.code,
        version=version.number, answers=version.answers,
        content=state_workbook_bytes(state=state, draft=False),
        filename=quarterly_return.workbook_filename_as(draft=False),
        checklist=[{"label": s.section.title, "passed": s.answered == s.total,
                    "detail": f"{s.answered} of {s.total} questions answered"}
                   for s in state.checklist.sections],
        warnings=[{"ask": ask, "confirmed": by} for ask, by in data.confirmations],
        enquiries=found(state.definition.enquiries, state.values),
    )  # fmt: skip
    try:
        submission = submission_make(sent=sent, user=user, on_behalf_of=version.on_behalf_of)
    except NothingChanged as refused:
        raise TransitionRefused(str(refused)) from refused
    version.submission = submission
    version.save(update_fields=["submission"])
    return {"submission": submission}


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
             "submitted", _submitted),
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


def return_submit(*, quarterly_return, user) -> ReturnEvent:
    """Send the signed-off return to NHS England, in the portal (`_submitted`)."""
    return RETURN_WORKFLOW.perform(quarterly_return, "submit", user)


def return_reopen(*, quarterly_return, user, reason: str) -> ReturnEvent:
    return RETURN_WORKFLOW.perform(quarterly_return, "reopen", user, reason=reason)
