"""A return's answers as JSON keyed by question id (the format is in docs/return-json.md).

    {"template": "bcf-q3-2015-16", "hwb": {"name": "Norfolk", "ons_code": "E10000020"},
     "period": "fy1516_q3", "answers": {"cover_hwb": "Norfolk", ...}}

Export writes every input, pre-populated and calculated id (null when blank);
import reads the same shape through the same validators as the forms.
"""

from collections.abc import Mapping

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction

from .models import QuarterlyReturn
from .selectors import ReturnState, return_state
from .services import AnswersRefused, Problem, answers_import, return_previous_set


def return_to_json(*, quarterly_return: QuarterlyReturn) -> dict:
    state = return_state(quarterly_return=quarterly_return)
    return {
        "template": state.definition.version,
        "hwb": {
            "name": quarterly_return.hwb_area.name,
            "ons_code": quarterly_return.hwb_area.ons_code,
        },
        "period": quarterly_return.period.code,
        "revision": quarterly_return.revision,
        # What the amendable inputs held before this quarter's amendments.
        "previous": {
            id_: state.definition.question(id_).type.to_json(value)
            for id_, value in state.previous.items()  # already decoded, unknown ids left out
        },
        "answers": answers_json(state=state),
    }


def answers_json(*, state: ReturnState) -> dict[str, object]:
    """Every id of the return's template with its value as JSON (None when blank)."""
    return {
        question.id: (
            None
            if state.values.get(question.id) is None
            else question.type.to_json(state.values[question.id])
        )
        for question in state.definition.questions
    }


def _document_problems(document, quarterly_return: QuarterlyReturn) -> list[Problem]:
    if not isinstance(document, Mapping):
        return [Problem("(file)", "The file must hold one JSON object, as the export writes.")]
    problems = []
    expected = {
        "template": quarterly_return.template_version,
        "period": quarterly_return.period.code,
    }
    for key, wanted in expected.items():
        if key in document and document[key] != wanted:
            problems.append(
                Problem(key, f"The file is for {key} ‘{document[key]}’; this return is ‘{wanted}’.")
            )
    hwb = document.get("hwb")
    ons_code = hwb.get("ons_code") if isinstance(hwb, Mapping) else hwb
    if ons_code not in (None, quarterly_return.hwb_area.ons_code):
        problems.append(
            Problem(
                "hwb",
                f"The file is for HWB area ‘{ons_code}’; this return is for "
                f"{quarterly_return.hwb_area} ({quarterly_return.hwb_area.ons_code}).",
            )
        )
    if not isinstance(document.get("answers"), Mapping):
        problems.append(
            Problem("answers", "The file has no ‘answers’ object keyed by question id.")
        )
    return problems


@transaction.atomic
def return_from_json(
    *,
    quarterly_return: QuarterlyReturn,
    document,
    user: AbstractBaseUser | None,
    prepopulated: bool = False,
    base_revision: int | None = None,
) -> list[str]:
    """Import a JSON document into the return: all of it, or nothing (AnswersRefused; with
    `base_revision`, SaveConflict when its questions changed since that revision)."""
    problems = _document_problems(document, quarterly_return)
    if problems:
        raise AnswersRefused(problems)
    if prepopulated and document.get("previous"):
        return_previous_set(
            quarterly_return=quarterly_return, raw=document["previous"]
        )  # refuses, changing nothing, before any answer is written
    return answers_import(
        quarterly_return=quarterly_return,
        raw=document["answers"],
        user=user,
        prepopulated=prepopulated,
        base_revision=base_revision,
    )
