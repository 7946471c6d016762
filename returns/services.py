"""Writes for returns: creating one from its definition, saving and importing answers.

Every way answers arrive (a section form, a JSON import, later a workbook)
goes through `answers_clean` and `answers_save`: the same validators, the same
"all or nothing", the same revision count.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from governance.bulk import insert
from governance.models import HwbArea
from governance.prepared import Prepared, PreparedIn, PreparedModels
from governance.refused import Refused
from governance.text import required_text

from .definitions import Kind, Template, is_numeric, template
from .definitions.evaluation import caution_figures, tripped
from .models import (
    Answer,
    AnswerChange,
    AnswerSource,
    Confirmation,
    QuarterlyReturn,
    ReportingPeriod,
    ReturnFigure,
    ReturnStatus,
)
from .selectors import return_state, source_data


@dataclass(frozen=True)
class Problem:
    """Why one value was refused, by question id."""

    question_id: str
    message: str

    def __str__(self) -> str:
        return f"{self.question_id}: {self.message}"


class AnswersRefused(Refused):
    """Nothing was changed, because of these problems."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("; ".join(str(p) for p in problems))


class SaveConflict(Refused):
    """Someone else changed these answers since the page was opened; nothing was saved."""

    def __init__(self, changes: list):
        self.changes = changes
        super().__init__(
            f"Someone else changed {len(changes)} of these answers since the page was opened."
        )


class ReturnLocked(AnswersRefused):
    """The return is not a draft: nothing in it changes until it is one again."""

    def __init__(self, quarterly_return: QuarterlyReturn):
        super().__init__([Problem("(return)", locked_message(quarterly_return))])

    @property
    def message(self) -> str:
        return self.problems[0].message


def locked_message(quarterly_return: QuarterlyReturn) -> str:
    """Why a return that is not a draft cannot be changed, and what would let it be."""
    if quarterly_return.status == ReturnStatus.READY:
        return (
            "This return is ready for sign-off: it can only be changed after a sign-off member "
            "sends it back."
        )
    status = quarterly_return.get_status_display().lower()
    return (
        f"This return is {status} and locked: it can only be changed after a sign-off member "
        "reopens it."
    )


@transaction.atomic
def return_create(
    *, hwb_area: HwbArea, period: ReportingPeriod, user: AbstractBaseUser | None = None
) -> QuarterlyReturn:
    """A new return, its grey cells pre-populated and its amendable inputs pre-filled."""
    definition = template(period.template_version)
    quarterly_return = QuarterlyReturn.objects.create(
        hwb_area=hwb_area, period=period, template_version=definition.version
    )
    data = source_data(hwb_area=hwb_area, period=period)
    values = {}
    for question in definition.questions:
        if question.source is None:
            continue
        raw = question.source.resolve(data)
        try:
            value = question.type.clean(raw)
        except ValidationError:
            value = None  # data held elsewhere that this cell cannot take is left for a person
        if value is not None:
            values[question.id] = value
    answers_save(
        quarterly_return=quarterly_return,
        values=values,
        user=user,
        source=AnswerSource.CREATED,
        prepopulated=True,
    )
    quarterly_return.prefilled = {
        id_: definition.question(id_).type.to_db(value)
        for id_, value in values.items()
        if definition.question(id_).is_input
    }
    quarterly_return.save(update_fields=["prefilled"])
    if not values:  # nothing to save, so nothing saved its facts: an empty return has them too
        return_facts_save(quarterly_return=quarterly_return)
        quarterly_return.refresh_from_db(fields=["checks_passed"])
    return quarterly_return


def return_made_once(
    *, hwb_area: HwbArea, period: ReportingPeriod, user: AbstractBaseUser | None
) -> tuple[QuarterlyReturn, bool]:
    """The area's return for the period, made if it has none: (it, whether made now). The
    area's row lock is held while looking and making, so two at once (a round opened twice,
    an officer starting the return meanwhile) make it once, and the other finds it."""
    with transaction.atomic():
        HwbArea.objects.select_for_update().only("pk").get(pk=hwb_area.pk)
        existing = QuarterlyReturn.objects.filter(hwb_area=hwb_area, period=period).first()
        if existing is not None:
            return existing, False
        return return_create(hwb_area=hwb_area, period=period, user=user), True


def return_get_or_create(
    *, hwb_area: HwbArea, period: ReportingPeriod, user: AbstractBaseUser | None = None
) -> QuarterlyReturn:
    return return_made_once(hwb_area=hwb_area, period=period, user=user)[0]


def answers_clean(
    *, definition: Template, raw: Mapping[str, object], prepopulated: bool = False
) -> dict[str, object]:
    """`raw` values by id -> Python values, or AnswersRefused listing every problem.

    Inputs are taken; calculated ids are ignored (they are worked out, never
    stored); grey cells are taken only when `prepopulated` (an administrator
    loading NHS England's playback), and otherwise ignored, so a file exported
    from a return imports back into it.
    """
    values, problems = {}, []
    for id_, value in raw.items():
        if not definition.has(id_):
            problems.append(Problem(id_, f"There is no question ‘{id_}’ in {definition.name}."))
            continue
        question = definition.question(id_)
        if question.kind is Kind.CALC or (question.kind is Kind.PREPOP and not prepopulated):
            continue
        try:
            values[id_] = question.type.clean(value)
        except ValidationError as error:
            problems.extend(Problem(id_, message) for message in error.messages)
    if problems:
        raise AnswersRefused(problems)
    return values


# A save's reads, compiled once (a save is an eighth of deadline day's requests): the return,
# locked (answers_save is atomic, so the lock holds to its end), and the answers it changes,
# locked too, by the number of them (a section's questions).
_LOCKED = PreparedModels(
    lambda pk: QuarterlyReturn.objects.select_for_update().filter(pk=pk), pk=int
)


def _locked(quarterly_return: QuarterlyReturn) -> QuarterlyReturn:
    """The return as it stands, locked until the transaction ends (as `select_for_update()
    .get()` would find it, DoesNotExist included)."""
    locked = _LOCKED(pk=quarterly_return.pk)
    if not locked:
        raise QuarterlyReturn.DoesNotExist("No such return.")
    return locked[0]


_LOCKED_ANSWERS = PreparedIn(
    lambda ids, return_id: Answer.objects.select_for_update().filter(
        quarterly_return_id=return_id, question_id__in=ids
    ),
    models=True,
    of=str,
    return_id=int,
)
_FIGURES = Prepared(
    lambda return_id: (
        ReturnFigure.objects.filter(quarterly_return_id=return_id)
        .order_by()
        .values_list("question_id", "value")
    ),
    return_id=int,
)


@transaction.atomic
def answers_save(
    *,
    quarterly_return: QuarterlyReturn,
    values: Mapping[str, object],
    user: AbstractBaseUser | None,
    source: str,
    prepopulated: bool = False,
    base_revision: int | None = None,
    guarded: Iterable[str] = (),
) -> list[str]:
    """Store clean values (None removes an answer); returns the ids that changed.

    Only what differs is written, each change recorded (who, when, how, old →
    new), and the return's revision goes up once when anything did. With
    `base_revision` (the revision the person saw), a save is refused with
    SaveConflict when any of these questions, or of the `guarded` ones (the
    whole section they edited), changed since: no lost updates.
    """
    current = _locked(quarterly_return)
    if current.status != ReturnStatus.DRAFT:
        raise ReturnLocked(current)
    definition = template(quarterly_return.template_version)
    for id_ in values:
        kind = definition.question(id_).kind
        if kind is Kind.CALC or (kind is Kind.PREPOP and not prepopulated):
            raise ValueError(f"{id_} is a {kind} cell and cannot be saved here.")
    stored = {
        answer.question_id: answer
        for answer in (_LOCKED_ANSWERS([list(values)], return_id=quarterly_return.pk)
                       if values else [])
    }  # fmt: skip
    if base_revision is not None and base_revision != current.revision:
        since = list(
            current.changes.filter(
                revision__gt=base_revision, question_id__in={*values, *guarded}
            ).select_related("user")
        )
        if since:
            raise SaveConflict(since)
    user = user if user is not None and user.is_authenticated else None
    # New rows are given their keys, not the objects: they are only written (`insert`).
    return_id, user_id = quarterly_return.pk, (user.pk if user is not None else None)
    create, update, delete, history = [], [], [], []
    for id_, value in values.items():
        text = None if value is None else definition.question(id_).type.to_db(value)
        answer = stored.get(id_)
        old = answer.value if answer is not None else ""
        if text is None:
            if answer is not None:
                delete.append(answer.pk)
        elif answer is None:
            create.append(
                Answer(
                    quarterly_return_id=return_id,
                    question_id=id_,
                    value=text,
                    source=source,
                    updated_by_id=user_id,
                )
            )
        elif answer.value != text:
            answer.value, answer.source, answer.updated_by = text, source, user
            update.append(answer)
        else:
            continue
        if old != (text or ""):
            history.append(
                AnswerChange(
                    quarterly_return_id=return_id, question_id=id_, old_value=old,
                    new_value=text or "", revision=current.revision + 1,
                    version=current.version, user_id=user_id, source=source,
                )
            )  # fmt: skip
    Answer.objects.filter(pk__in=delete).delete()
    insert(create)
    for answer in update:
        answer.save(update_fields=["value", "source", "updated_by", "updated_at"])
    insert(history)
    changed = sorted(change.question_id for change in history)
    if changed:
        QuarterlyReturn.objects.filter(pk=quarterly_return.pk).update(
            revision=F("revision") + 1, updated_at=timezone.now()
        )
        return_facts_save(quarterly_return=current)
        quarterly_return.refresh_from_db(fields=["revision", "updated_at", "checks_passed"])
    return changed


def return_facts_save(*, quarterly_return: QuarterlyReturn) -> None:
    """Keep, from its stored answers, what is read across areas without working each return
    out again: the checks it passes and every numeric value (`ReturnFigure`). Only what
    differs is written: a save of one answer changes its figure and those worked out from it,
    not the return's sixty-odd rows."""
    state = return_state(quarterly_return=quarterly_return)
    passed = state.checklist.answered
    if passed != quarterly_return.checks_passed:
        QuarterlyReturn.objects.filter(pk=quarterly_return.pk).update(checks_passed=passed)
    figures = numeric_values(state.definition, state.values)
    kept = quarterly_return.figures.all()
    stored = dict(_FIGURES(return_id=quarterly_return.pk))
    if gone := stored.keys() - figures.keys():
        kept.filter(question_id__in=gone).delete()
    insert([
        ReturnFigure(quarterly_return_id=quarterly_return.pk, question_id=id_, value=figure)
        for id_, figure in figures.items() if id_ not in stored
    ])  # fmt: skip
    for id_, figure in figures.items():
        if id_ in stored and stored[id_] != figure:
            kept.filter(question_id=id_).update(value=figure)


def numeric_values(definition: Template, values: Mapping[str, object]) -> dict[str, Decimal]:
    """Every numeric question's value (inputs, pre-populated and calculated) that is given,
    rounded to the eight places a figure keeps."""
    return {
        question.id: round(Decimal(values[question.id]), 8)
        for question in definition.questions
        if is_numeric(question) and values.get(question.id) is not None
    }


def answers_import(
    *,
    quarterly_return: QuarterlyReturn,
    raw: Mapping[str, object],
    user: AbstractBaseUser | None,
    source: str = AnswerSource.IMPORT,
    prepopulated: bool = False,
    base_revision: int | None = None,
) -> list[str]:
    """Clean every value, then save them all, or raise AnswersRefused and change nothing."""
    values = answers_clean(
        definition=template(quarterly_return.template_version),
        raw=raw,
        prepopulated=prepopulated,
    )
    return answers_save(
        quarterly_return=quarterly_return,
        values=values,
        user=user,
        source=source,
        prepopulated=prepopulated,
        base_revision=base_revision,
    )


def return_previous_set(*, quarterly_return: QuarterlyReturn, raw: Mapping[str, object]) -> None:
    """Set the "previously returned data" of the amendable inputs (NHS England's playback)."""
    definition = template(quarterly_return.template_version)
    problems = [
        Problem(
            id_, "Only an amendable input (one pre-filled from earlier data) has a previous value."
        )
        for id_ in raw
        if not definition.has(id_)
        or not definition.question(id_).is_input
        or definition.question(id_).source is None
    ]
    if problems:
        raise AnswersRefused(problems)
    values = answers_clean(definition=definition, raw=raw)
    prefilled = {
        id_: definition.question(id_).type.to_db(value)
        for id_, value in values.items()
        if value is not None
    }
    if prefilled != quarterly_return.prefilled:
        quarterly_return.prefilled = prefilled
        quarterly_return.save(update_fields=["prefilled", "updated_at"])


EXPLANATION_LIMIT = 1000  # a short explanation: the Board and NHS England read it


class NothingToConfirm(Refused):
    """The check does not trip on the return's figures (any more): nothing to confirm."""


@transaction.atomic
def confirmation_give(
    *, quarterly_return: QuarterlyReturn, key: str, explanation: str, user
) -> Confirmation:
    """Confirm a figure an "are you sure?" check asks about, saying why it is right. Only a
    draft's figures are confirmed; the confirmation holds the figures it was given for."""
    current = _locked(quarterly_return)
    if current.status != ReturnStatus.DRAFT:
        raise ReturnLocked(current)
    explanation = required_text(
        explanation, limit=EXPLANATION_LIMIT, empty="Say why the figure is right.",
        too_long="Keep the explanation to {limit:,} characters (it has {length:,}).",
        refuse=Refused,
    )  # fmt: skip
    state = return_state(quarterly_return=current)
    caution = next((c for c in tripped(state.definition, state.values) if c.key == key), None)
    if caution is None:
        raise NothingToConfirm("The figures no longer need confirming.")
    confirmation, _ = Confirmation.objects.update_or_create(
        quarterly_return=current,
        key=key,
        defaults={
            "explanation": explanation,
            "figures": caution_figures(caution, state.values),
            "user": user,
            "at": timezone.now(),
            "version": current.version,
        },
    )
    return confirmation
