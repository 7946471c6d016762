"""NHS England's "Better Care Fund Template Q3 2015/16", defined once.

Every id, type, choice list, rule and cell address is from
`../shared/spec/q3-2015-16.md` (and `p4p.md` for the calculations). Cells the
spec does not place are laid out like the source's tabs: labels in column B,
answers from column C, one row per question or table row.
"""

from ..enquiries import return_enquiries
from ..series import Measure, quarter_measures
from ..structure import Template
from .charts import CHARTS, SPREAD
from .sections_1_3 import BUDGET, COVER, NATIONAL_CONDITIONS
from .sections_4_5 import INCOME_AND_EXPENDITURE, P4P
from .sections_6_9 import (
    INTEGRATION_METRICS,
    METRICS_SECTION,
    NARRATIVE,
    Q3_METRICS,
    SUPPORT,
)
from .text import GUIDANCE

SECTIONS = (
    COVER,
    BUDGET,
    NATIONAL_CONDITIONS,
    P4P,
    INCOME_AND_EXPENDITURE,
    METRICS_SECTION,
    SUPPORT,
    INTEGRATION_METRICS,
    NARRATIVE,
)
TEMPLATE = Template(
    version="bcf-q3-2015-16",
    name="Better Care Fund Template Q3 2015/16",
    period="fy1516_q3",
    guidance=GUIDANCE,
    sections=SECTIONS,
    tabs=("Guidance", "Checklist", *(section.title for section in SECTIONS), "Lists"),
    charts=CHARTS,
    spread=SPREAD,
    measures=(
        *quarter_measures(3, Q3_METRICS),
        Measure("nea_plan", "nea_plan_fy1516_q3"),
        Measure("nea_actual", "nea_actual_fy1516_q3"),
    ),
    enquiries=return_enquiries(SECTIONS),
    spec_checks=142,
    spec="q3-2015-16.md",
)
