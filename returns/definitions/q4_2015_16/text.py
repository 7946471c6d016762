"""The words of the Q4 2015/16 template that the spec records, and our own where it has none.

GUIDANCE follows the Q3 guidance with what `q4-2015-16.md` verified of Q4's
(S1, S2): its quarter, "non-elective admissions" in place of "payment for
performance" in its focus, and its deadline. The section introductions of tabs
the spec reconstructs are ours, in plain words, not NHS England's.
"""

GUIDANCE = (
    "This Excel data collection template for Q4 2015-16 focuses on budget arrangements, the "
    "national conditions, non-elective admissions, income and expenditure to and from the "
    "fund, and performance on BCF metrics. To accompany the quarterly data collection Health "
    "& Wellbeing Boards are required to provide a written narrative into the final tab to "
    "contextualise the information provided in this report and build on comments included "
    "elsewhere in the submission. The completed return will require sign off by the Health & "
    "Wellbeing Board. A completed return must be submitted to the Better Care Support Team "
    "inbox (england.bettercaresupport@nhs.net) by midday on 27th May 2016. Throughout this "
    "template cells requiring a numerical input are restricted to values between 0 and "
    "100,000,000."
)

IE_INTRO = (
    "Figures should reflect the position by the end of each quarter. It is expected that "
    "planned income and planned expenditure figures for Q4 2015-16 should equal the total "
    "pooled budget for the Health and Wellbeing Board. Actual figures should be based on the "
    "best available information held by Health and Wellbeing Boards. At year end, enter the "
    "actual income and expenditure of Q4 too: the full-year actual is their sum."
)

SUPPORTING_METRICS_INTRO = (
    "Progress on the metrics of your approved BCF plan: non-elective admissions, delayed "
    "transfers of care, admissions to residential care, reablement, the locally set metric "
    "and the locally defined patient experience metric. If the information is not available "
    "to indicate performance on a metric, there is a drop-down option to say so."
)

NARRATIVE_HINT = (
    "Please provide a brief narrative on overall progress in delivering your Better Care Fund "
    "plan at the current point in time, please also make reference to performance on any "
    "metrics not directly reported on within this template."
)
