"""Sections 6–9 of the Q3 2015/16 template: metrics, support, integration, narrative."""

from ..logic import Blank, Const, Div, Equals, Mul, Ref, Round
from ..sources import AreaPopulation, FirstOf, PlanMetricText, previous
from ..structure import Fields, Question, Section, Table
from ..values import INT, LONG_TEXT, MONTH_OR_LIVE, PCT, TEXT, TEXT750, YES_NO, choice
from .common import CALC, INPUT, PREPOP, C, cell
from .text import INTRO

# 6. Metrics -------------------------------------------------------------------------------

PROGRESS = choice(
    "metric_progress",
    "On track to meet target",
    "On track for improved performance, but not to meet full target",
    "No improvement in performance",
    "Data not available to assess progress",
)
METRICS = {
    # key: (the plan's metric, heading)
    "nea": ("non_elective_admissions", "Non-elective admissions"),
    "dtoc": ("delayed_transfers_of_care", "Delayed transfers of care"),
    "residential": ("residential_admissions", "Admissions to residential care"),
    "reablement": ("reablement", "Reablement"),
    "local": ("local", "Local performance metric"),
    "patient": ("patient_experience", "Patient experience metric"),
}
Q3_METRICS = ("residential", "reablement", "local", "patient")


def _metric(key: str, row: int) -> tuple[Question, ...]:
    plan_metric, heading = METRICS[key]
    questions = [
        Question(
            f"metric_{key}_desc",
            PREPOP,
            TEXT,
            f"{heading}: the metric",
            cell(C, row),
            source=FirstOf((PlanMetricText(plan_metric), previous(f"metric_{key}_desc"))),
        ),
    ]
    if key == "patient":
        questions.append(
            Question(
                "metric_patient_specify",
                INPUT,
                TEXT750,
                "If no local defined patient experience metric has been specified, please give "
                "details of the local defined patient experience metric now being used",
                cell(C, row + 1),
                required=Blank("metric_patient_desc"),
                applicable_when=Blank("metric_patient_desc"),
                short_label=f"{heading}: if no metric, please specify",
            )
        )
    questions += [
        Question(
            f"metric_{key}_progress",
            INPUT,
            PROGRESS,
            f"{heading}: please provide an update on indicative progress against the metric",
            cell(C + 1, row),
            required=True,
            short_label=f"{heading}: progress",
        ),
        Question(
            f"metric_{key}_comment",
            INPUT,
            TEXT750,
            f"{heading}: commentary on progress",
            cell(C + 2, row),
            required=True,
            short_label=f"{heading}: commentary",
        ),
    ]
    return tuple(questions)  # fmt: skip


def metrics_section(
    number: int, title: str, slug: str, keys: tuple[str, ...], *, intro: str, **section
) -> Section:
    """A metrics tab: per metric (two rows each, from row 7), the plan's description (grey),
    progress and commentary."""
    rows = {key: 7 + 2 * i for i, key in enumerate(keys)}
    return Section(
        number,
        title,
        slug,
        intro=intro,
        sheet_text=(
            ("C6", "Metric"),
            ("D6", "Please provide an update on indicative progress against the metric?"),
            ("E6", "Commentary on progress"),
            *((cell(2, rows[key]), METRICS[key][1]) for key in keys),
        ),
        items=tuple(q for key in keys for q in _metric(key, rows[key])),
        blocks=tuple(
            Fields(tuple(q.id for q in _metric(key, rows[key])), heading=METRICS[key][1])
            for key in keys
        ),
        **section,
    )


METRICS_SECTION = metrics_section(6, "6. Metrics", "metrics", Q3_METRICS, intro=INTRO["metrics"])


# 7. Understanding support needs -----------------------------------------------------------

THEMES = {
    "t1": "1. Leading and Managing successful better care implementation",
    "t2": "2. Delivering excellent on the ground care centred around the individual",
    "t3": "3. Developing underpinning integrated datasets and information systems",
    "t4": "4. Aligning systems and sharing benefits and risks",
    "t5": "5. Measuring success",
    "t6": "6. Developing organisations to enable effective collaborative health and social "
    "care working relationships",
}
MEDIA = choice(
    "support_medium",
    "Central guidance or tools",
    "Case studies or examples of good practice",
    "Peer to peer learning",
    "Workshops or events",
    "Other",
)


def _theme(key: str, row: int) -> tuple[Question, ...]:
    interested = Equals(f"support_{key}_interested", ("Yes",))
    return (
        Question(f"support_{key}_interested", INPUT, YES_NO,
                 f"{THEMES[key]}: interested in support?", cell(C + 1, row), required=True,
                 short_label=f"Theme {key[1]}: interested in support?"),
        Question(f"support_{key}_medium", INPUT, MEDIA,
                 f"{THEMES[key]}: preferred support medium", cell(C + 2, row),
                 required=interested, applicable_when=interested,
                 short_label=f"Theme {key[1]}: preferred support medium"),
    )  # fmt: skip


_THEME_QUESTIONS = {key: _theme(key, 10 + i) for i, key in enumerate(THEMES)}
SUPPORT = Section(
    7,
    "7. Understanding support needs",
    "understanding-support-needs",
    intro=INTRO["support"],
    items=(
        Question("support_greatest_challenge", INPUT, choice("theme", *THEMES.values()),
                 "Which area of integration do you see as the greatest challenge or barrier to "
                 "the successful implementation of your Better Care plan?", "C6", required=True),
        *(q for questions in _THEME_QUESTIONS.values() for q in questions),
        Question("support_comments", INPUT, TEXT750, "Please highlight any other support needs "
                 "you may have which the Better Care Support Team may be able to help with",
                 "C18", hint="Optional."),
    ),
    blocks=(
        Fields(("support_greatest_challenge",)),
        Table("Support you would like, by area of integration",
              columns=("Interested in support?", "Preferred support medium"),
              row_header="Area of integration",
              rows=tuple((THEMES[key], tuple(q.id for q in qs))
                         for key, qs in _THEME_QUESTIONS.items())),
        Fields(("support_comments",)),
    ),
)  # fmt: skip


# 8. New Integration Metrics ---------------------------------------------------------------

SETTINGS = {
    "gp": "GP",
    "hospital": "Hospital",
    "social_care": "Social Care",
    "community": "Community",
    "mental_health": "Mental health",
    "palliative": "Specialised palliative",
}
SHARING = choice(
    "sharing",
    "Shared via Open API",
    "Shared via interim solution",
    "Not currently shared digitally",
)
OPEN_API = choice("open_api", "Live", "In development", "Unavailable")
DICR = choice("dicr", "Pilot currently underway", "Pilot being planned", "No pilot underway")
TEAMS = choice(
    "integrated_care_teams",
    "Yes - throughout the Health and Wellbeing Board area",
    "Yes - in most of the Health and Wellbeing Board area",
    "Yes - in parts of the Health and Wellbeing Board area",
    "No - but planned",
    "No",
)
NHS_NUMBER = {
    "correspondence": "NHS Number is used as the consistent identifier on all relevant "
    "correspondence relating to the provision of health and care services to an individual",
    "retrieval": "Staff in this setting can retrieve relevant information about a service "
    "user's care from their local system using the NHS Number",
}


def _by_setting(prefix, type_, label, row) -> tuple[Question, ...]:
    return tuple(
        Question(f"{prefix}_{key}", INPUT, type_, f"{label}: {name}", cell(C + i, row),
                 required=True)
        for i, (key, name) in enumerate(SETTINGS.items())
    )  # fmt: skip


_SHARING = tuple(
    Question(f"nim_sharing_{source}_to_{target}", INPUT, SHARING,
             f"Information shared digitally from {SETTINGS[source]} to {SETTINGS[target]}",
             cell(C + j, 12 + i), required=True)
    for i, source in enumerate(SETTINGS)
    for j, target in enumerate(SETTINGS)
)  # fmt: skip
_PHB = (
    Question("nim_phb_start", INPUT, INT, "Total number of PHBs in place at the beginning of "
             "the quarter", "C28", required=True),
    Question("nim_phb_rate", CALC, INT, "Rate of PHBs per 100,000 population", "D28",
             calc=Round(Mul(Div(Ref("nim_phb_start"), Ref("nim_population")), Const(100_000)))),
    Question("nim_population", PREPOP, INT, "Population (mid-2015, ONS subnational "
             "projections)", "E28", source=AreaPopulation()),
    Question("nim_phb_new", INPUT, INT, "Number of new PHBs put in place during the quarter",
             "C29", required=True),
    Question("nim_phb_stopped", INPUT, INT, "Number of existing PHBs stopped during the quarter",
             "C30", required=True),
    Question("nim_phb_chc_pct", INPUT, PCT, "Of all residents using PHBs at the end of the "
             "quarter, what proportion are in receipt of NHS Continuing Healthcare (%)", "C31",
             required=True, hint="A percentage, like 98 or 12.5."),
)  # fmt: skip
_TEAMS_LABEL = (
    "Are integrated care teams (any team comprising both health and social care staff) in "
    "place and operating in the {} setting?"
)
INTEGRATION_METRICS = Section(
    8,
    "8. New Integration Metrics",
    "new-integration-metrics",
    intro=INTRO["nim"],
    sheet_text=(("D27", "Rate per 100,000 population"), ("E27", "Population (mid-2015)")),
    items=(
        *_by_setting("nim_nhsno_correspondence", YES_NO, NHS_NUMBER["correspondence"], 7),
        *_by_setting("nim_nhsno_retrieval", YES_NO, NHS_NUMBER["retrieval"], 8),
        *_SHARING,
        *_by_setting("nim_openapi_status", OPEN_API, "Progress towards installation of Open "
                     "APIs: progress status", 21),
        *_by_setting("nim_openapi_golive", MONTH_OR_LIVE, "Projected ‘go-live’ date (MM/YY)", 22),
        Question("nim_dicr_pilot", INPUT, DICR, "Is there a Digital Integrated Care Record pilot "
                 "currently underway in your Health and Wellbeing Board area?", "C25",
                 required=True),
        *_PHB,
        Question("nim_ict_non_acute", INPUT, TEAMS, _TEAMS_LABEL.format("non-acute"), "C34",
                 required=True),
        Question("nim_ict_acute", INPUT, TEAMS, _TEAMS_LABEL.format("acute"), "C35",
                 required=True),
    ),
    blocks=(
        Table("Use of the NHS Number, by setting", columns=tuple(SETTINGS.values()),
              rows=tuple((text, tuple(f"nim_nhsno_{key}_{s}" for s in SETTINGS))
                         for key, text in NHS_NUMBER.items())),
        Table("Across which settings is service-user information shared digitally?",
              columns=tuple(f"To {name}" for name in SETTINGS.values()),
              rows=tuple((f"From {SETTINGS[source]}",
                          tuple(f"nim_sharing_{source}_to_{target}" for target in SETTINGS))
                         for source in SETTINGS)),
        Table("Progress towards installation of Open APIs", columns=tuple(SETTINGS.values()),
              rows=(("Progress status", tuple(f"nim_openapi_status_{s}" for s in SETTINGS)),
                    ("Projected ‘go-live’ date (MM/YY, ‘Live’ or ‘n/a’)",
                     tuple(f"nim_openapi_golive_{s}" for s in SETTINGS)))),
        Fields(("nim_dicr_pilot",)),
        Fields(tuple(q.id for q in _PHB), heading="Personal Health Budgets"),
        Fields(("nim_ict_non_acute", "nim_ict_acute"), heading="Integrated care teams"),
    ),
)  # fmt: skip


# 9. Narrative -----------------------------------------------------------------------------

NARRATIVE_HINT = (
    "Please provide a brief narrative on overall progress in delivering your Better Care Fund "
    "plan at the current point in time, please also make reference to performance on any "
    "metrics not directly reported on within this template (i.e. DTOCs)."
)


def narrative(number: int, hint: str = NARRATIVE_HINT, **section) -> Section:
    """The last tab: the narrative, in up to 32,767 characters."""
    return Section(
        number,
        f"{number}. Narrative",
        "narrative",
        intro=INTRO["narrative"],
        items=(
            Question("narrative", INPUT, LONG_TEXT, "Brief narrative", "C6", required=True,
                     hint=hint),
        ),
        blocks=(Fields(("narrative",)),),
        **section,
    )  # fmt: skip


NARRATIVE = narrative(9)
