"""A return's lifecycle: draft → ready for sign-off → signed off → submitted; sent back;
reopened. One service function per transition.

Each checks, in order: that the user may (the rules: a 404 or 403 otherwise), that the
return is in a state the transition starts from, and what else it needs (a complete
checklist, a reason, the body signed for, the workbook). It is refused with a plain
message, changing nothing, or it moves the return and records the step on its timeline.
A signed-off or submitted return is locked: `services.answers_save` refuses every
change until it is reopened, which starts a new version and keeps the old one.
"""

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils import timezone

from bcfportal import rules

from .models import (
    EventKind,
    ExportStatus,
    QuarterlyReturn,
    ReturnEvent,
    ReturnStatus,
    ReturnVersion,
    WorkbookExport,
)
from .selectors import return_state

REASON_LIMIT = 2000


class TransitionRefused(Exception):
    """The transition is not allowed now; the message says why, in words a user can act on."""


def _locked(quarterly_return: QuarterlyReturn) -> QuarterlyReturn:
    """The return's row, locked for this transaction and fresh from the database."""
    return (
        QuarterlyReturn.objects.select_for_update()
        .select_related("hwb_area", "period__financial_year")
        .get(pk=quarterly_return.pk)
    )


def _check_state(quarterly_return: QuarterlyReturn, allowed: tuple[str, ...], doing: str) -> None:
    if quarterly_return.status not in allowed:
        raise TransitionRefused(
            f"This return is {quarterly_return.get_status_display().lower()}: it cannot be "
            f"{doing} now."
        )


def _text(value: str, what: str) -> str:
    value = (value or "").strip()
    if not value:
        raise TransitionRefused(f"Give {what}.")
    if len(value) > REASON_LIMIT:
        raise TransitionRefused(f"Keep {what} to {REASON_LIMIT:,} characters.")
    return value


def _move(quarterly_return, to: str, kind: str, user, **event) -> ReturnEvent:
    from .tasks import notify_step

    quarterly_return.status = to
    quarterly_return.save(update_fields=["status", "version", "updated_at"])
    step = ReturnEvent.objects.create(
        quarterly_return=quarterly_return,
        kind=kind,
        version=quarterly_return.version,
        user=user if user is not None and user.is_authenticated else None,
        **event,
    )
    transaction.on_commit(lambda: notify_step.delay(step.pk))
    return step


@transaction.atomic
def return_mark_ready(*, quarterly_return: QuarterlyReturn, user: AbstractBaseUser) -> ReturnEvent:
    quarterly_return = _locked(quarterly_return)
    rules.require(user, rules.Action.MARK_READY, quarterly_return.hwb_area)
    _check_state(quarterly_return, (ReturnStatus.DRAFT,), "marked ready for sign-off")
    checklist = return_state(quarterly_return=quarterly_return).checklist
    if not checklist.complete:
        failing = checklist.total - checklist.answered
        raise TransitionRefused(
            f"The checklist is not all Yes: {failing} question{'s' if failing != 1 else ''} "
            "still fail. Only a complete return goes for sign-off."
        )
    return _move(quarterly_return, ReturnStatus.READY, EventKind.READY, user)


@transaction.atomic
def return_send_back(
    *, quarterly_return: QuarterlyReturn, user: AbstractBaseUser, reason: str
) -> ReturnEvent:
    quarterly_return = _locked(quarterly_return)
    rules.require(user, rules.Action.SEND_BACK, quarterly_return.hwb_area)
    _check_state(quarterly_return, (ReturnStatus.READY,), "sent back")
    reason = _text(reason, "the reason it is sent back")
    return _move(quarterly_return, ReturnStatus.DRAFT, EventKind.SENT_BACK, user, reason=reason)


@transaction.atomic
def return_sign_off(
    *, quarterly_return: QuarterlyReturn, user: AbstractBaseUser, on_behalf_of: str
) -> ReturnEvent:
    """Sign off on behalf of a body (e.g. the Board's BCF sub-group): locks the return and
    keeps its answers as this version."""
    quarterly_return = _locked(quarterly_return)
    rules.require(user, rules.Action.SIGN_OFF, quarterly_return.hwb_area)
    _check_state(quarterly_return, (ReturnStatus.READY,), "signed off")
    on_behalf_of = _text(on_behalf_of, "the body on whose behalf you sign")[:255]
    ReturnVersion.objects.create(
        quarterly_return=quarterly_return,
        number=quarterly_return.version,
        revision=quarterly_return.revision,
        answers=dict(quarterly_return.answers.values_list("question_id", "value")),
        signed_off_by=user,
        on_behalf_of=on_behalf_of,
        signed_off_at=timezone.now(),
    )
    return _move(
        quarterly_return, ReturnStatus.SIGNED_OFF, EventKind.SIGNED_OFF, user,
        on_behalf_of=on_behalf_of,
    )  # fmt: skip


@transaction.atomic
def return_submit(
    *, quarterly_return: QuarterlyReturn, user: AbstractBaseUser, export: WorkbookExport
) -> ReturnEvent:
    """Record the workbook sent to NHS England: it is kept, byte for byte, with its SHA-256."""
    quarterly_return = _locked(quarterly_return)
    rules.require(user, rules.Action.SUBMIT, quarterly_return.hwb_area)
    _check_state(quarterly_return, (ReturnStatus.SIGNED_OFF,), "recorded as submitted")
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
    return _move(quarterly_return, ReturnStatus.SUBMITTED, EventKind.SUBMITTED, user, export=export)


@transaction.atomic
def return_reopen(
    *, quarterly_return: QuarterlyReturn, user: AbstractBaseUser, reason: str
) -> ReturnEvent:
    """Back to draft as a new version; the signed-off version stays readable."""
    quarterly_return = _locked(quarterly_return)
    rules.require(user, rules.Action.REOPEN, quarterly_return.hwb_area)
    _check_state(quarterly_return, (ReturnStatus.SIGNED_OFF, ReturnStatus.SUBMITTED), "reopened")
    reason = _text(reason, "the reason it is reopened")
    quarterly_return.version += 1
    return _move(quarterly_return, ReturnStatus.DRAFT, EventKind.REOPENED, user, reason=reason)
