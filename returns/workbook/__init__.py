"""NHS England's submission workbook: written from, and read back through, the definition."""

import io
from dataclasses import dataclass

from django.utils import timezone
from django.utils.formats import date_format

from governance.glossary import plain
from returns.definitions import Question, template
from returns.models import AnswerSource, QuarterlyReturn
from returns.selectors import ReturnState, return_cautions, return_state
from returns.services import answers_save

from .reader import CellProblem, WorkbookProblems, WorkbookRefused, workbook_answers
from .skeleton import skeleton_write
from .writer import WorkbookData

__all__ = [
    "CellProblem",
    "WorkbookImport",
    "WorkbookProblems",
    "WorkbookRefused",
    "return_workbook_bytes",
    "state_workbook_bytes",
    "workbook_changes",
    "workbook_data",
    "workbook_import_apply",
    "workbook_import_preview",
    "workbook_read",
]


def return_workbook_bytes(*, quarterly_return: QuarterlyReturn, draft: bool | None = None) -> bytes:
    """The return as an .xlsx file, exactly as the portal holds and computes it."""
    return state_workbook_bytes(state=return_state(quarterly_return=quarterly_return), draft=draft)


def state_workbook_bytes(*, state: ReturnState, draft: bool | None = None) -> bytes:
    """The workbook of `state`; marked DRAFT on its Cover when `draft` (by default: when the
    return is not signed off). Written into the skeleton its template and period share."""
    buffer = io.BytesIO()
    skeleton_write(workbook_data(state=state, draft=draft), buffer)
    return buffer.getvalue()


def workbook_data(*, state: ReturnState, draft: bool | None = None) -> WorkbookData:
    """Everything the workbook of `state` shows."""
    quarterly_return = state.quarterly_return
    if draft is None:
        draft = not quarterly_return.is_signed_off
    return WorkbookData(
        definition=state.definition,
        hwb_name=quarterly_return.hwb_area.name,
        hwb_ons_code=quarterly_return.hwb_area.ons_code,
        period=quarterly_return.period.code,
        values=state.values,
        previous_values=state.previous_values,
        previous_ids=frozenset(state.previous),
        checklist=state.checklist,
        draft=draft,
        synthetic=quarterly_return.synthetic,
        confirmations=tuple(
            (plain(one.caution.ask), _confirmed_by(one.confirmation))
            for one in return_cautions(state=state)
            if one.confirmed
        ),
    )


def _confirmed_by(confirmation) -> str:
    who = confirmation.user.get_username() if confirmation.user else "a former user"
    when = date_format(timezone.localtime(confirmation.at), "j F Y")
    return f"Confirmed by {who} on {when}: {confirmation.explanation}"


@dataclass(frozen=True)
class Change:
    question: Question
    current: str
    new: str


@dataclass(frozen=True)
class WorkbookImport:
    """What a workbook would change in a return: applied only on confirmation."""

    values: dict[str, object]  # every input of the file, clean
    changes: list[Change]


def workbook_read(*, quarterly_return: QuarterlyReturn, content: bytes) -> dict[str, object]:
    """Every input's clean value in the file, or WorkbookRefused / WorkbookProblems."""
    return workbook_answers(
        content=content,
        definition=template(quarterly_return.template_version),
        period=quarterly_return.period.code,
        hwb_ons_code=quarterly_return.hwb_area.ons_code,
        hwb_name=quarterly_return.hwb_area.name,
    )


def workbook_import_preview(*, quarterly_return: QuarterlyReturn, content: bytes) -> WorkbookImport:
    """Read and validate the file; the changes it would make (WorkbookRefused/WorkbookProblems)."""
    values = workbook_read(quarterly_return=quarterly_return, content=content)
    return workbook_changes(quarterly_return=quarterly_return, values=values)


def workbook_changes(*, quarterly_return: QuarterlyReturn, values: dict) -> WorkbookImport:
    """What values read from a workbook would change in the return as it is now."""
    state = return_state(quarterly_return=quarterly_return)
    changes = [
        Change(
            question,
            question.type.display(state.answers.get(question.id)),
            question.type.display(values[question.id]),
        )
        for question in state.definition.questions
        if question.id in values and values[question.id] != state.answers.get(question.id)
    ]
    return WorkbookImport(values, changes)


def workbook_import_apply(
    *, quarterly_return: QuarterlyReturn, values: dict, user, base_revision: int
) -> list[str]:
    """Save the file's values, as coming from a workbook, unless any of its questions changed
    since `base_revision` (the revision its changes were shown at): SaveConflict. The check
    and the write hold the return's row lock, so what was shown is exactly what is saved."""
    return answers_save(
        quarterly_return=quarterly_return,
        values=values,
        user=user,
        source=AnswerSource.WORKBOOK,
        base_revision=base_revision,
    )
