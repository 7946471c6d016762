"""NHS England's "Better Care Fund Template Q4 2015/16", the year-end return (`q4-2015-16.md`).

Only the start of its guidance sheet has been read, so most of it is reconstructed and
marked so. Tabs the spec calls unchanged from Q3 2015/16 are Q3's sections, shared with
this template's tab numbers and marks; the P4P tab and "Understanding support needs" are
gone, and a year-end feedback tab is new.
"""

from ..carry import CarryForward
from ..enquiries import return_enquiries
from ..provenance import Mark
from ..q3_2015_16.charts import fund_charts
from ..q3_2015_16.sections_1_3 import (
    BUDGET,
    CONDITION_GUIDANCE,
    CONDITIONS,
    COVER,
    national_conditions,
)
from ..q3_2015_16.sections_4_5 import income_and_expenditure
from ..q3_2015_16.sections_6_9 import INTEGRATION_METRICS, metrics_section, narrative
from ..series import quarter_measures
from ..structure import Template
from .feedback import year_end_feedback
from .text import GUIDANCE, IE_INTRO, NARRATIVE_HINT, SUPPORTING_METRICS_INTRO

PLAYBACK = ("fy1516_q1", "fy1516_q2", "fy1516_q3")
SUPPORTING_METRICS = ("nea", "dtoc", "residential", "reablement", "local", "patient")


def _marked(mark: Mark, *ids: str) -> tuple[tuple[str, Mark], ...]:
    return tuple((id_, mark) for id_ in ids)


FLOWS = ("income", "expenditure")
SECTIONS = (
    COVER.shared(1, "1. Cover", mark=Mark.V_Q3),
    BUDGET.shared(2, "2. Budget Arrangements", mark=Mark.V_Q3,
                  marked=_marked(Mark.I_H, "budget_s75_previous")),
    national_conditions(
        CONDITIONS, PLAYBACK, guidance=CONDITION_GUIDANCE, mark=Mark.V_Q3,
        marked=_marked(Mark.I_M, *(f"{key}_{p}" for key in CONDITIONS for p in PLAYBACK)),
    ),
    income_and_expenditure(
        4, "fy1516", 4, intro=IE_INTRO, mark=Mark.V_Q3,
        marked=(
            *_marked(Mark.I_M, *(f"ie_{f}_forecast_{q}" for f in FLOWS
                                 for q in ("q1", "q2", "q3", "q4", "total")),
                     *(f"ie_{f}_difference_comment" for f in FLOWS)),
            *_marked(Mark.I_H, *(f"ie_{f}_actual_{q}" for f in FLOWS for q in ("q4", "total"))),
        ),
    ),
    metrics_section(
        5, "5. Supporting Metrics", "supporting-metrics", SUPPORTING_METRICS,
        intro=SUPPORTING_METRICS_INTRO, mark=Mark.V_Q3,
        marked=_marked(Mark.I_M, *(f"metric_{key}_{part}" for key in ("nea", "dtoc")
                                   for part in ("desc", "progress", "comment"))),
    ),
    INTEGRATION_METRICS.shared(6, "6. Additional Measures", "additional-measures",
                               mark=Mark.I_M),
    year_end_feedback(7, "2015/16", mark=Mark.I_L),
    narrative(8, hint=NARRATIVE_HINT, mark=Mark.I_M),
)  # fmt: skip

TEMPLATE = Template(
    version="bcf-q4-2015-16",
    name="Better Care Fund Template Q4 2015/16",
    period="fy1516_q4",
    guidance=GUIDANCE,
    sections=SECTIONS,
    tabs=("Guidance", "Checklist", *(section.title for section in SECTIONS), "Lists"),
    carry=CarryForward(
        after="bcf-q3-2015-16",
        # The P4P year closed with Q3; support needs were asked every six months.
        retired=("p4p_*", "nea_*", "support_*", *(f"{key}_fy1415_q4" for key in CONDITIONS)),
    ),
    charts=fund_charts("fy1516", 4),
    measures=quarter_measures(4, SUPPORTING_METRICS),
    enquiries=return_enquiries(SECTIONS),
    spec_checks=141,
    spec="q4-2015-16.md",
)
