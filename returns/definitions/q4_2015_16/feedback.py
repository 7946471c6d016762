"""The year-end feedback tab (Q4 2015/16, and Q4 2016/17 with its year), reconstructed.

`q4-2015-16.md` section 7 recalls its structure from later, better documented
year-end tabs and paraphrases its statements: every question here is marked I-L
(provisional) by the templates that use it.
"""

from ..logic import AllOf, Given, Not, Same
from ..q3_2015_16.common import INPUT, C, cell
from ..q3_2015_16.sections_6_9 import THEMES
from ..structure import Check, Question, Section, Table
from ..values import TEXT750, choice

AGREEMENT = choice(
    "agreement", "Strongly Agree", "Agree", "Neither Agree Nor Disagree", "Disagree",
    "Strongly Disagree",
)  # fmt: skip
THEME = choice("yef_theme", *THEMES.values(), "Other")


def statements(year: str) -> dict[int, str]:
    """The spec's paraphrase of each statement, for the year `year` ("2015/16")."""
    plan = f"Delivery of our BCF plan in {year} has contributed positively to"
    return {
        1: "Delivery of the Better Care Fund has improved joint working between health and "
        "social care in our locality",
        2: f"Our BCF schemes were implemented as planned in {year}",
        3: f"Delivery of our BCF plan in {year} had a positive impact on the integration of "
        "health and social care in our locality",
        4: f"{plan} managing the levels of non-elective admissions",
        5: f"{plan} managing the levels of delayed transfers of care",
        6: f"{plan} managing the proportion of older people (aged 65 and over) who were still "
        "at home 91 days after discharge from hospital into reablement / rehabilitation "
        "services",
        7: f"{plan} managing the rate of residential and nursing care home admissions for older "
        "people (aged 65 and over)",
    }


def _statement(n: int, text: str) -> tuple[Question, ...]:
    row = 6 + n
    return (
        Question(f"yef_statement_{n}", INPUT, AGREEMENT, text, cell(C, row), required=True,
                 short_label=f"Statement {n}: how far you agree"),
        Question(f"yef_statement_{n}_comment", INPUT, TEXT750, f"{text}: comments",
                 cell(C + 1, row), hint="Optional.", short_label=f"Statement {n}: comments"),
    )  # fmt: skip


def _picks(kind: str, words: str, top: int) -> tuple[Question | Check, ...]:
    """Two areas of integration, each with a description; the second differs from the first."""
    first, second = f"yef_{kind}_1", f"yef_{kind}_2"
    items: list[Question | Check] = []
    for n, row in ((1, top), (2, top + 1)):
        items.append(
            Question(f"yef_{kind}_{n}", INPUT, THEME, f"The area of integration where you "
                     f"saw {words} ({'first' if n == 1 else 'second'})", cell(C, row),
                     required=n == 1, short_label=f"{words.capitalize()}: area {n}")
        )  # fmt: skip
        if n == 2:
            items.append(
                Check(second, f"{words.capitalize()}: area 2, not the same as area 1",
                      target=second, rule=AllOf((Given(second), Not(Same(first, second)))),
                      message="Choose a second area of integration, different from the "
                      "first.")
            )  # fmt: skip
        items.append(
            Question(f"yef_{kind}_{n}_comment", INPUT, TEXT750,
                     f"Please describe what you saw in this area ({words}, area {n})",
                     cell(C + 1, row), hint="Optional.",
                     short_label=f"{words.capitalize()}: area {n}, description")
        )  # fmt: skip
    return tuple(items)


def year_end_feedback(number: int, year: str, **section) -> Section:
    texts = statements(year)
    ids = {kind: (f"yef_{kind}_1", f"yef_{kind}_2") for kind in ("success", "challenge")}
    return Section(
        number,
        f"{number}. Year End Feedback",
        "year-end-feedback",
        intro=f"The Health and Wellbeing Board's view of the Better Care Fund in {year}: how "
        "far you agree with each statement, and the two areas of integration where you saw "
        "most success and the two where you saw most challenge.",
        sheet_text=(("C6", "Agreement"), ("D6", "Comments"), ("B15", "Most success"),
                    ("B18", "Most challenge")),
        items=(
            *(q for n, text in texts.items() for q in _statement(n, text)),
            *_picks("success", "most success", 16),
            *_picks("challenge", "most challenge", 19),
        ),
        blocks=(
            Table("How far do you agree?", columns=("Agreement", "Comments"),
                  row_header="Statement",
                  rows=tuple((text, (f"yef_statement_{n}", f"yef_statement_{n}_comment"))
                             for n, text in texts.items())),
            *(Table(f"Where you saw {words}", columns=("Area of integration", "Description"),
                    rows=tuple((f"Area {n}", (id_, f"{id_}_comment"))
                               for n, id_ in enumerate(ids[kind], start=1)))
              for kind, words in (("success", "most success"), ("challenge", "most challenge"))),
        ),
        **section,
    )  # fmt: skip
