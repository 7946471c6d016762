"""NHS England's own words in the Q3 2015/16 template: guidance and section introductions.

Transcribed from the source (`../shared/seeds/002_6173919e0da4dfc5.txt`, the
"Quarterly Reporting Template - Guidance" and the National Conditions tab).
Where the source text is cut off, an ellipsis says so.
"""

GUIDANCE = (
    "This Excel data collection template for Q3 2015-16 focuses on budget arrangements, the "
    "national conditions, payment for performance, income and expenditure to and from the "
    "fund, and performance on BCF metrics. To accompany the quarterly data collection Health "
    "& Wellbeing Boards are required to provide a written narrative into the final tab to "
    "contextualise the information provided in this report and build on comments included "
    "elsewhere in the submission. The completed return will require sign off by the Health & "
    "Wellbeing Board. A completed return must be submitted to the Better Care Support Team "
    "inbox (england.bettercaresupport@nhs.net) by midday on 26th February 2016. Throughout "
    "this template cells requiring a numerical input are restricted to values between 0 and "
    "100,000,000."
)

INTRO = {
    "cover": "Who completed the report, their e-mail and contact number in case any queries "
    "arise, and who signed it off on behalf of the Health and Well Being Board.",
    "budget": "This plays back to you your response to the question regarding Section 75 "
    "agreements from the Q1 and Q2 2015-16 submissions. Please answer as at the time of "
    "completion. If you answered ‘Yes’ previously the 2 further questions are not applicable "
    "and are not required to be answered.",
    "conditions": "Please confirm by selecting ‘Yes’, ‘No’ or ‘No - In Progress’ against the "
    "relevant condition as to whether these are on track as per your final BCF plan. If ‘No’ "
    "or ‘No - In Progress’ is selected please provide a target date when you expect the "
    "condition to be met, and detail in the comments box what the issues are and the actions "
    "that are being taken to meet the condition. ‘No - In Progress’ should be used when a "
    "condition has not been fully met but work is underway to achieve it by 31st March.",
    "p4p": "This section tracks performance against NEL ambitions and associated P4P payments. "
    "The latest figures for planned activity and costs are provided along with a calculation "
    "of the payment for performance payment that should have been made for Q4 - Q2. Input "
    "actual Q3 2015-16 Non-Elective Admissions, the actual value of P4P payment agreed "
    "locally, and what any unreleased funds were used for.",
    "ie": "Figures should reflect the position by the end of each quarter. It is expected that "
    "planned income and planned expenditure figures for Q4 2015-16 should equal the total "
    "pooled budget for the Health and Wellbeing Board. Actual figures should be based on the "
    "best available information held by Health and Wellbeing Boards.",
    "metrics": "Performance against the two national supporting metrics, the locally set "
    "metric, and the locally defined patient experience metric submitted in approved BCF "
    "plans. If the information is not available to provide an indication of performance on a "
    "measure at this point in time then there is a drop-down option to indicate this.",
    "support": "What the key barrier to integration is locally and what support might be "
    "required in meeting the six key areas of integration.",
    "nim": "New metrics on local progress against some key elements of person-centred, "
    "co-ordinated care. If an Open API is installed and live in a given setting, please state "
    "‘Live’ in the projected ‘go-live’ date field. For integrated care teams, choose your "
    "answers based on the proportion of your localities within which Multi-Disciplinary/"
    "Integrated Care Teams are in use.",
    "narrative": "A brief narrative on overall progress in delivering your Better Care Fund "
    "plan at the current point in time, with reference to the information provided within "
    "this return.",
}

P4P_FOOTNOTE = (
    "The key steps to calculating the quarterly payment are: a. take the cumulative activity "
    "reduction against the baseline at quarter end and divide it by the cumulative target "
    "reduction; b. multiply that by the size of the performance pot available; and c. "
    "subtract any performance payments made for the year to date. The minimum payment in a "
    "quarter is £0 (there will not be a negative payment or ‘claw back’ mechanism) and the "
    "maximum paid out by the end of each quarter cannot exceed the planned cumulative "
    "performance pot available for release each quarter. Unreleased funds are funds withheld "
    "by the CCG and not released into the pooled budget; a negative quarter value indicates "
    "the use of surplus funds from previous quarters."
)

CUMULATIVE_PAYMENTS_MESSAGE = (
    "Cumulative quarterly Actual Payments exceed Cumulative suggested quarterly payments. "
    "This is not permitted - please see the BCF guidance"
)

CONDITION_GUIDANCE = {
    "nc1": "1) Plans to be jointly agreed. The Better Care Fund Plan, covering a minimum of the "
    "pooled fund specified in the Spending Round, and potentially extending to the totality of "
    "the health and care spend in the Health and Wellbeing Board area, should be signed off by "
    "the Health and Wellbeing Board itself, and by the constituent Councils and Clinical "
    "Commissioning Groups. In agreeing the plan, CCGs and councils should engage with all "
    "providers likely to be affected by the use of the fund in order to achieve the best "
    "outcomes for local people. They should develop a shared view of the future shape of "
    "services. This should include an assessment of future capacity and workforce "
    "requirements across the system. The implications for local providers should be set out "
    "clearly for Health and Wellbeing Boards so that their agreement for the deployment of the "
    "fund includes recognition of the service change consequences.",
    "nc2": "2) Protection for social care services (not spending). Local areas must include an "
    "explanation of how local adult social care services will be protected within their "
    "plans. The definition of protecting services is to be agreed locally. It should be "
    "consistent with 2012 Department of Health guidance to NHS England on the funding "
    "transfer from the NHS to social care in 2013/14.",
    "nc3": "3) As part of agreed local plans, 7-day services in health and social care to "
    "support patients being discharged and prevent unnecessary admissions at weekends. Local "
    "areas are asked to confirm how their plans will provide 7-day services to support "
    "patients being discharged and prevent unnecessary admissions at weekends. If they are "
    "not able to provide such plans, they must explain why. There will not be a nationally "
    "defined level of 7-day services to be provided. This will be for local determination and "
    "agreement. There is clear evidence that many patients are not discharged from hospital "
    "at weekends when they are clinically fit to be discharged because the supporting "
    "services are not available to facilitate it. The recent national review of urgent and "
    "emergency care sponsored by Sir Bruce Keogh for NHS England provided guidance on "
    "establishing effective 7-day services within existing resources.",
    "nc4": "4) Better data sharing between health and social care, based on the NHS number. "
    "The safe, secure sharing of data in the best interests of people who use care and "
    "support is essential to the provision of safe, seamless care. The use of the NHS number "
    "as a primary identifier is an important element of this, as is progress towards systems "
    "and processes that allow the safe and timely sharing of information. It is also vital "
    "that the right cultures, behaviours and leadership are … Local areas should: confirm "
    "that they are using the NHS Number as the primary identifier for health and care "
    "services, and if they are not, when they plan to; confirm that they are pursuing open "
    "APIs (i.e. systems that speak to each other); and ensure they have the appropriate "
    "Information Governance controls in place for information sharing in line with Caldicott "
    "2, and if not, when they plan for it to be in place. NHS England has already produced "
    "guidance that relates to both of these areas. (It is recognised that progress on this "
    "issue will require the resolution of some Information Governance issues by DH).",
    "nc5": "5) Ensure a joint approach to assessments and care planning and ensure that, where "
    "funding is used for integrated packages of care, there will be an accountable "
    "professional. Local areas should identify which proportion of their population will be "
    "receiving case management and a lead accountable professional, and which proportions "
    "will be receiving self-management help - following the principles of person-centred care "
    "planning. Dementia services will be a particularly important priority for better "
    "integrated health and social care services, supported by accountable professionals. The "
    "Government has set out an ambition in the Mandate that GPs should be accountable for "
    "co-ordinating patient-centred care for older people and those with complex needs.",
    "nc6": "6) Agreement on the consequential impact of changes in the acute sector. Local "
    "areas should identify, provider-by-provider, what the impact will be in their local "
    "area, including if the impact goes beyond the acute sector. Assurance will also be "
    "sought on public and patient and service user engagement in this planning, as well as "
    "plans for political buy-in. Ministers have indicated that, in line with the Mandate "
    "requirements on achieving parity of esteem for mental health, plans must not have a "
    "negative impact on the level and quality of mental health services.",
}
