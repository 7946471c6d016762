"""NHS England's 2016/17 quarterly template in its four forms, Q1 to Q4 (`q2-2016-17.md`).

The first year under the 2016/17 Policy Framework: eight national conditions in
twelve parts, no P4P, a Supporting Metrics tab, and at Q4 a year-end feedback tab.
Only the start of the guidance sheets has been read: nearly every question is
reconstructed, and marked so. The quarters differ in the conditions played back,
the I&E actuals asked, and (Q4) the feedback tab.
"""

from ..carry import CarryForward
from ..enquiries import return_enquiries
from ..provenance import Mark
from ..q3_2015_16.charts import fund_charts
from ..q3_2015_16.sections_1_3 import BUDGET, COVER, national_conditions
from ..q3_2015_16.sections_4_5 import income_and_expenditure
from ..q3_2015_16.sections_6_9 import INTEGRATION_METRICS, metrics_section, narrative
from ..q4_2015_16 import SUPPORTING_METRICS
from ..q4_2015_16 import TEMPLATE as Q4_2015_16
from ..q4_2015_16.feedback import year_end_feedback
from ..q4_2015_16.text import NARRATIVE_HINT, SUPPORTING_METRICS_INTRO
from ..series import quarter_measures
from ..sources import FirstOf, PlanCondition, previous
from ..structure import Template
from .text import CONDITIONS, CONDITIONS_INTRO, PLAN_KEY, VERIFIED_CONDITIONS, guidance, ie_intro

YEAR = "fy1617"


def _status_source(key: str, field: str):
    """The status of a condition: the previous return's of the year, else the plan's."""
    if field != "status":
        return None
    return FirstOf((previous(f"{key}_status"), PlanCondition(PLAN_KEY[key], "status")))


def _conditions_marks(playback) -> tuple:
    marks = [(f"{key}_{p}", Mark.I_M) for key in CONDITIONS for p in playback]
    for key in CONDITIONS:
        # A condition's wording seen in a secondary source (V-P) asks as Q3 did (I-H);
        # a part the spec reconstructs is I-M throughout. Comments are reworded: I-M.
        question = Mark.I_H if key in VERIFIED_CONDITIONS else Mark.I_M
        marks += [(f"{key}_status", question), (f"{key}_date", question),
                  (f"{key}_comment", Mark.I_M)]  # fmt: skip
    return tuple(marks)


def quarterly(quarter: int) -> Template:
    playback = tuple(f"{YEAR}_q{q}" for q in range(1, quarter))
    numbered = [
        COVER.shared(1, "1. Cover", mark=Mark.I_H),
        BUDGET.shared(2, "2. Budget Arrangements", mark=Mark.I_H,
                      marked=((("budget_s75_previous", Mark.I_M),))),
        national_conditions(CONDITIONS, playback, intro=CONDITIONS_INTRO, mark=Mark.I_M,
                            status_source=_status_source, marked=_conditions_marks(playback)),
        income_and_expenditure(4, YEAR, quarter, intro=ie_intro(quarter), mark=Mark.I_H,
                               marked=tuple((f"ie_{f}_plan_{q}", Mark.I_M)
                                            for f in ("income", "expenditure")
                                            for q in ("q1", "q2", "q3", "q4", "total"))),
        metrics_section(5, "5. Supporting Metrics", "supporting-metrics", SUPPORTING_METRICS,
                        intro=SUPPORTING_METRICS_INTRO, mark=Mark.I_M),
        INTEGRATION_METRICS.shared(6, "6. Additional Measures", "additional-measures",
                                   mark=Mark.I_M),
    ]  # fmt: skip
    if quarter == 4:
        numbered.append(year_end_feedback(7, "2016/17", mark=Mark.I_L))
    numbered.append(narrative(len(numbered) + 1, hint=NARRATIVE_HINT, mark=Mark.I_H))
    sections = tuple(numbered)
    before = TEMPLATES_BY_QUARTER.get(quarter - 1, Q4_2015_16)
    return Template(
        version=f"bcf-q{quarter}-2016-17",
        name=f"Better Care Fund Template Q{quarter} 2016/17",
        period=f"{YEAR}_q{quarter}",
        guidance=guidance(quarter),
        sections=sections,
        tabs=("Guidance", "Checklist", *(section.title for section in sections), "Lists"),
        charts=fund_charts(YEAR, quarter),
        measures=quarter_measures(quarter, SUPPORTING_METRICS),
        carry=_carry(quarter, before),
        enquiries=return_enquiries(sections),
        spec_checks={1: 136, 2: 138, 3: 140, 4: 153}[quarter],
        spec="q2-2016-17.md",
    )


def _carry(quarter: int, before: Template) -> CarryForward:
    """Within the year the ids carry as they are. Into Q1 nothing plays back (a new year),
    but the mapping still says what became of every id of Q4 2015/16."""
    if quarter > 1:
        return CarryForward(after=before.version)
    parts = ("status", "date", "comment")
    return CarryForward(
        after=before.version,
        split=tuple((f"nc3_{part}", (f"nc3a_{part}", f"nc3b_{part}")) for part in parts),
        retired=(
            *(q.id for q in before.questions if "_fy1516_q" in q.id),  # last year's playback
            "yef_*",  # asked at year end only
            *(f"ie_{f}_actual_{q}" for f in ("income", "expenditure")
              for q in ("q2", "q3", "q4", "total")),  # actuals come quarter by quarter
        ),
    )  # fmt: skip


TEMPLATES_BY_QUARTER: dict[int, Template] = {}
for _quarter in (1, 2, 3, 4):
    TEMPLATES_BY_QUARTER[_quarter] = quarterly(_quarter)
TEMPLATES = tuple(TEMPLATES_BY_QUARTER.values())
