"""One sign-off workflow for everything the portal signs off: quarterly returns and plans.

A workflow is data: the model it moves, the table its timeline is kept in, and its
steps. A step names the action the rules must grant (`governance.rules`), the states
it starts from, the state it moves to (or lets its effect decide), and an effect that
checks what else it needs (a complete checklist, a reason, a block to sign) and does
what the step does besides moving the status.

`Workflow.perform` is the only way a status moves. Under the subject's row lock, it
checks, in this order: that the user may (a 404 or 403 otherwise), that the subject is
in a state the step starts from, and the step's own needs. A refusal raises
`TransitionRefused` with a message a user can act on, changing nothing; otherwise the
subject moves and the step is recorded on its timeline, and whoever acts next is told
once the transaction commits (unless the steps are replayed `without_notifications()`,
as the demo loader replays its history).
"""

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import InitVar, dataclass, field
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.db import models, transaction

from . import rules
from .models import StepEvent
from .outbox import task_send
from .refused import Refused
from .text import required_text

REASON_LIMIT = 2000

_notifying: ContextVar[bool] = ContextVar("notifying", default=True)


@contextmanager
def without_notifications() -> Iterator[None]:
    """Steps performed inside tell no one: history being loaded, not news."""
    token = _notifying.set(False)
    try:
        yield
    finally:
        _notifying.reset(token)


def notifying() -> bool:
    """False inside `without_notifications()`: what is done there tells no one."""
    return _notifying.get()


class TransitionRefused(Refused):
    """The step is not allowed now; the message says why, in words a user can act on."""


def given_text(value: str | None, what: str, limit: int = REASON_LIMIT) -> str:
    """A reason (or a name) the step needs: refused when empty or too long."""
    return required_text(value, limit=limit, empty=f"Give {what}.",
                         too_long=f"Keep {what} to {{limit:,}} characters.",
                         refuse=TransitionRefused)  # fmt: skip


# An effect gets the locked subject, the user and the step's inputs; it raises
# TransitionRefused, or returns the event's extra fields ("status" and "kind" override the
# step's `to` and `event`: the last block signed signs the plan off).
Effect = Callable[..., dict[str, Any]]


@dataclass(frozen=True)
class Step:
    name: str  # as in URLs: "send-back"
    action: rules.Action
    starts_from: tuple[str, ...]
    to: str | None  # None: the status stays unless the effect gives one
    event: str  # the kind of event recorded
    doing: str  # "sent back", for "it cannot be sent back now"
    effect: Effect | None = None


@dataclass(frozen=True)
class Workflow:
    model: type[models.Model]  # has hwb_area, status, version, updated_at
    event_model: type[StepEvent]  # with its kind and a key to the subject
    subject_field: str
    noun: str  # "return", "plan"
    step_list: InitVar[tuple[Step, ...]]
    related: tuple[str, ...] = ("hwb_area",)
    notify: str | None = None  # the task that tells whoever acts next, given the event's id
    steps: dict[str, Step] = field(init=False)  # by name, as URLs give them

    def __post_init__(self, step_list: tuple[Step, ...]) -> None:
        object.__setattr__(self, "steps", {step.name: step for step in step_list})

    @transaction.atomic
    def perform(self, subject, name: str, user: AbstractBaseUser | None, **inputs):
        step = self.steps[name]
        subject = (
            self.model.objects.select_for_update().select_related(*self.related).get(pk=subject.pk)
        )
        rules.require(user, step.action, subject.hwb_area)
        if subject.status not in step.starts_from:
            raise TransitionRefused(
                f"This {self.noun} is {subject.get_status_display().lower()}: it cannot be "
                f"{step.doing} now."
            )
        outcome = step.effect(subject, user, **inputs) if step.effect else {}
        subject.status = outcome.pop("status", step.to or subject.status)
        subject.save(update_fields=["status", "version", "updated_at"])
        event = self.event_model.objects.create(
            **{self.subject_field: subject},
            kind=outcome.pop("kind", step.event),
            version=subject.version,
            user=user if user is not None and user.is_authenticated else None,
            **outcome,
        )
        if self.notify is not None and _notifying.get():
            task_send(self.notify, event.pk)  # sent once the step commits
        return event
