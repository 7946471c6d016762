"""Words of the 2016/17 templates: the conditions as `q2-2016-17.md` records them, and the
guidance with what it verified of each quarter's (S3–S6). Introductions are ours."""

CONDITIONS = {
    "nc1": "1) Plans to be jointly agreed",
    "nc2": "2) Maintain provision of social care services",
    "nc3a": "3i) Agreement for the delivery of 7-day services across health and social care "
    "to prevent unnecessary non-elective admissions to acute settings and to facilitate "
    "transfer to alternative care settings when clinically appropriate",
    "nc3b": "3ii) Are support services, in hospital and in primary, community and mental "
    "health settings, available seven days a week so that the next steps of the daily "
    "consultant-led review can be taken (Standard 9)?",
    "nc4a": "4i) Is the NHS Number being used as the consistent identifier for health and "
    "social care services?",
    "nc4b": "4ii) Are you pursuing Open APIs (i.e. systems that speak to each other)?",
    "nc4c": "4iii) Are the appropriate Information Governance controls in place for "
    "information sharing in line with the revised Caldicott Principles and guidance?",
    "nc4d": "4iv) Have you ensured that people have clarity about how data about them is "
    "used, who may have access and how they can exercise their legal rights?",
    "nc5": "5) Joint approach to assessments and care planning; an accountable professional "
    "where funding is used for integrated packages of care",
    "nc6": "6) Agreement on the consequential impact of the changes on the providers "
    "predicted to be substantially affected",
    "nc7": "7) Agreement to invest in NHS commissioned out-of-hospital services (or retain a "
    "proportion pending release under a local risk-sharing agreement)",
    "nc8": "8) Agreement on a local action plan to reduce delayed transfers of care (DTOC)",
}
# Conditions whose wording a secondary source gives (V-P); the others are I-M.
VERIFIED_CONDITIONS = ("nc1", "nc2", "nc3a", "nc5", "nc6", "nc7", "nc8")
# The 2016/17 plan answers each of the eight conditions whole; the return asks some in parts.
PLAN_KEY = {key: key[:3] for key in CONDITIONS}

CONDITIONS_INTRO = (
    "Whether each national condition, as set out in the BCF Policy Framework 16-17 and BCF "
    "planning guidance, is on track as per your final BCF plan: ‘Yes’, ‘No’ or ‘No - In "
    "Progress’. If not ‘Yes’, the date when you expect it to be met, and in the comment why "
    "it was not met in the quarter and how it is being addressed. Each status starts as your "
    "previous return of the year gave it, else as your plan does: check it."
)

DEADLINES = {2: "midday on 25th November 2016", 4: "midday on 31st May 2017"}


def guidance(quarter: int) -> str:
    focus = "non-elective admissions, " if quarter == 4 else ""  # V at Q4 (S5), absent at Q2
    deadline = DEADLINES.get(quarter)
    by = (
        f"by {deadline}"
        if deadline
        else "by the deadline NHS England set for the quarter (no source found gives it)"
    )
    return (
        f"This Excel data collection template for Q{quarter} 2016-17 focuses on budget "
        f"arrangements, the national conditions, {focus}income and expenditure to and from the "
        "fund, and performance on BCF metrics. To accompany the quarterly data collection "
        "Health & Wellbeing Boards are required to provide a written narrative into the final "
        "tab to contextualise the information provided in this report and build on comments "
        "included elsewhere in the submission. The completed return will require sign off by "
        "the Health & Wellbeing Board. A completed return must be submitted to the Better Care "
        f"Support Team inbox (england.bettercaresupport@nhs.net) {by}. Throughout this "
        "template cells requiring a numerical input are restricted to values between 0 and "
        "100,000,000."
    )


def ie_intro(quarter: int) -> str:
    return (
        "Figures should reflect the position by the end of each quarter. Planned income and "
        "planned expenditure come from your final 2016/17 planning return, and should equal "
        "the 2016/17 pooled fund. Actual figures should be based on the best available "
        f"information held by Health and Wellbeing Boards, for each quarter to Q{quarter}."
    )
