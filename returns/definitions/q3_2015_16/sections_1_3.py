"""Sections 1–3 of the Q3 2015/16 template: Cover, Budget Arrangements, National Conditions.

The later templates share the Cover and Budget Arrangements as they are, and build their
National Conditions with `national_conditions` from their own list of conditions.
"""

from ..logic import AllOf, AnyOf, Equals, Given, Not
from ..sources import AreaName, Source, earlier, previous
from ..structure import Check, Fields, Question, Section, Table, Text
from ..values import DATE, EMAIL, NC_STATUS, PHONE, TEXT, TEXT750, YES_NO
from .common import INPUT, PREPOP, C, cell, quarter_label
from .text import CONDITION_GUIDANCE, INTRO

# 1. Cover ---------------------------------------------------------------------------------

COVER = Section(
    1,
    "1. Cover",
    "cover",
    intro=INTRO["cover"],
    blocks=(
        Fields(("cover_hwb", "cover_completed_by", "cover_email", "cover_contact_number",
                "cover_signed_off_by")),
    ),
    items=(
        Question("cover_hwb", PREPOP, TEXT, "Health and Well Being Board", "C5",
                 source=AreaName(), required=True),
        Question("cover_completed_by", INPUT, TEXT, "Completed by", "C7", required=True),
        Question("cover_email", INPUT, EMAIL, "E-Mail", "C8", required=True),
        Question("cover_contact_number", INPUT, PHONE, "Contact Number", "C9", required=True,
                 hint="A UK telephone number, like 01603 223062."),
        Question("cover_signed_off_by", INPUT, TEXT,
                 "Who has signed off the report on behalf of the Health and Well Being Board",
                 "C10", required=True),
    ),
)  # fmt: skip


# 2. Budget Arrangements -------------------------------------------------------------------

# The spec asks the two questions "only when budget_s75_previous is No". Our rule: also when
# no earlier answer is held (a blank playback), or the officer could never answer at all.
S75_NOT_POOLED_BEFORE = Not(Equals("budget_s75_previous", ("Yes",)))
BUDGET = Section(
    2,
    "2. Budget Arrangements",
    "budget-arrangements",
    intro=INTRO["budget"],
    items=(
        Question("budget_s75_previous", PREPOP, YES_NO,
                 "Have the funds been pooled via a s.75 pooled budget?", "D6",
                 source=previous("budget_s75_confirm", "budget_s75_previous")),
        Question("budget_s75_confirm", INPUT, YES_NO,
                 "If it has not been previously stated that the funds had been pooled can you "
                 "now confirm that they have?", "D7",
                 applicable_when=S75_NOT_POOLED_BEFORE),
        Question("budget_s75_date", INPUT, DATE,
                 "If the answer to the above is ‘No’ please indicate when this will happen",
                 "D8", hint="For example, 31 3 2016.",
                 applicable_when=AllOf((S75_NOT_POOLED_BEFORE,
                                        Equals("budget_s75_confirm", ("No",))))),
        Check(
            "budget_s75",
            "S.75 pooled budget in the Q4 data collection? and all dates needed",
            target="budget_s75_confirm",
            rule=AnyOf((
                Equals("budget_s75_previous", ("Yes",)),
                Equals("budget_s75_confirm", ("Yes",)),
                AllOf((Equals("budget_s75_confirm", ("No",)), Given("budget_s75_date"))),
            )),
            message="Confirm whether the funds have been pooled, and if not, when they will be.",
        ),
    ),
    blocks=(Fields(("budget_s75_previous", "budget_s75_confirm", "budget_s75_date")),),
)  # fmt: skip


# 3. National Conditions -------------------------------------------------------------------

CONDITIONS = {
    "nc1": "1) Are the plans still jointly agreed?",
    "nc2": "2) Are Social Care Services (not spending) being protected?",
    "nc3": "3) Are the 7 day services to support patients being discharged and prevent "
    "unnecessary admission at weekends in place and delivering?",
    "nc4a": "4) In respect of data sharing - i) Is the NHS Number being used as the primary "
    "identifier for health and care services?",
    "nc4b": "ii) Are you pursuing open APIs (i.e. systems that speak to each other)?",
    "nc4c": "iii) Are the appropriate Information Governance controls in place for "
    "information sharing in line with Caldicott 2?",
    "nc5": "5) Is a joint approach to assessments and care planning taking place and where "
    "funding is being used for integrated packages of care, is there an accountable "
    "professional?",
    "nc6": "6) Is an agreement on the consequential impact of changes in the acute sector in "
    "place?",
}
PLAYBACK = ("fy1415_q4", "fy1516_q1", "fy1516_q2")
NOT_YES = ("No", "No - In Progress")


def _condition_questions(
    key: str, title: str, row: int, playback: tuple[str, ...], status_source
) -> tuple[Question, ...]:
    not_met = Equals(f"{key}_status", NOT_YES)
    past = tuple(
        Question(f"{key}_{period}", PREPOP, NC_STATUS, f"{title} ({quarter_label(period)} "
                 "submission response)", cell(C + 1 + i, row),
                 source=earlier(period, f"{key}_status"))
        for i, period in enumerate(playback)
    )  # fmt: skip
    current = (
        Question(f"{key}_status", INPUT, NC_STATUS, title, cell(7, row), required=True,
                 short_label=f"{key.upper()}: Yes, No or No - In Progress",
                 source=status_source(key, "status")),
        Question(f"{key}_date", INPUT, DATE, f"{title} Date the condition will be met",
                 cell(8, row), required=not_met, applicable_when=not_met,
                 short_label=f"{key.upper()}: date if not Yes",
                 hint="The date by which the condition will be met. For example, 31 3 2016.",
                 source=status_source(key, "date")),
        Question(f"{key}_comment", INPUT, TEXT750, f"{title} Comment", cell(9, row),
                 required=not_met, applicable_when=not_met,
                 short_label=f"{key.upper()}: comment if not Yes",
                 hint="What the issues are and the actions being taken to meet the condition."),
    )  # fmt: skip
    return past + current


def _no_source(key: str, field: str) -> Source | None:
    return None


def national_conditions(
    conditions: dict[str, str],
    playback: tuple[str, ...],
    *,
    intro: str = INTRO["conditions"],
    guidance: dict[str, str] | None = None,
    status_source=_no_source,
    **section,
) -> Section:
    """Tab 3: per condition (part), the answers played back from earlier returns, and now:
    Yes, No or No - In Progress, with a date and a comment when not Yes. `status_source(key,
    field)` pre-fills the status and date (from the year's plan), or gives None."""
    questions = {
        key: _condition_questions(key, title, 8 + i, playback, status_source)
        for i, (key, title) in enumerate(conditions.items())
    }
    return Section(
        3,
        "3. National Conditions",
        "national-conditions",
        intro=intro,
        sheet_text=(
            ("H7", "If the answer is ‘No’ or ‘No - In Progress’: estimated date when the "
                   "condition will be met (DD/MM/YYYY)"),
            ("I7", "Comment: the issues and the actions being taken"),
        ),
        items=tuple(q for qs in questions.values() for q in qs),
        blocks=(
            Table(
                "Answers given before, and now",
                columns=(*(f"{quarter_label(p)} response" for p in playback), "Now"),
                row_header="Condition",
                rows=tuple(
                    (conditions[key], (*(f"{key}_{p}" for p in playback), f"{key}_status"))
                    for key in conditions
                ),
            ),
            *(
                Fields((f"{key}_date", f"{key}_comment"), heading=f"If condition "
                       f"{key[2:]} is not met: when it will be, and what is being done")
                for key in conditions
            ),
            *(Text(f"Guidance on condition {key[2:]}", text)
              for key, text in (guidance or {}).items()),
        ),
        **section,
    )  # fmt: skip


NATIONAL_CONDITIONS = national_conditions(CONDITIONS, PLAYBACK, guidance=CONDITION_GUIDANCE)
