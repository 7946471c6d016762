"""Norfolk's real figures (the April 2016 HWB papers) as demo data.

Sources, copied into `fixtures/`: `norfolk-plan-2016-17.json` (partners,
contributions, planned expenditure, schemes), `norfolk-q3-2015-16.json` (the
Q3 2015/16 return: NEA figures and metric descriptions), and
`norfolk-plan-2016-17-details.json` (transcribed from the source: two schemes
in full, the condition narratives, the named providers).
"""

from governance.models import FinancialYear, HwbArea
from governance.text import readable
from metrics.models import MetricDefinition, MetricValue, PlanMetric, ValueKind
from plans.models import AreaOfSpend, Plan, PooledFundQuarter
from returns.definitions import template
from returns.interchange import return_from_json
from returns.models import QuarterlyReturn, ReturnStatus
from returns.selectors import period_by_code
from returns.services import return_get_or_create

from .building import (
    area_sync,
    condition_statements_sync,
    partners_sync,
    plan_sync,
    scheme_sync,
    sign_off_blocks_sync,
)
from .reference import financial_year
from .sync import fixture, sync, sync_keyed

NORFOLK_ONS_CODE = "E10000020"

# What the 2016/17 plan says of each national metric (plan-2016-17.md §E).
METRICS_2016_17 = {
    "non_elective_admissions": "Measured on SUS data from 2016/17 (MAR data in 2015/16, when the "
    "target was a 3.5% reduction on the 2014 baseline).",
    "residential_admissions": "Permanent admissions of older people to residential and nursing "
    "care: at most 1,308 admissions in 2016/17 (5% below the 2015/16 forecast of 1,377).",
    "reablement": "Proportion of people 65+ still at home 91 days after discharge into "
    "reablement: target 90% (January 2016: 91.4%; family group average 83%).",
    "delayed_transfers_of_care": "2015/16 target a 4% reduction on the 2014 baseline of 28,388 "
    "delayed days.",
}

# The return's metric description cells, by metric (q3-2015-16.md §6).
RETURN_METRIC_DESCRIPTIONS = {
    "residential_admissions": "metric_residential_desc",
    "reablement": "metric_reablement_desc",
    "local": "metric_local_desc",
    "patient_experience": "metric_patient_desc",
}


def as_typed_here(value):
    """The transcription with Word's Symbol-font bullets, as the source pasted them, turned
    into bullets, as the portal's own forms store a paste from Word."""
    if isinstance(value, str):
        return readable(value)
    if isinstance(value, list):
        return [as_typed_here(item) for item in value]
    if isinstance(value, dict):
        return {key: as_typed_here(item) for key, item in value.items()}
    return value


def norfolk_load() -> HwbArea:
    source = fixture("norfolk-plan-2016-17.json")
    details = as_typed_here(fixture("norfolk-plan-2016-17-details.json"))
    q3_answers = fixture("norfolk-q3-2015-16.json")["answers"]

    area = area_sync(
        name=source["hwb"]["name"],
        ons_code=source["hwb"]["ons_code"],
        population=source["hwb"]["population_mid_2015"],
    )
    partners = partners_sync(area=area, partners=source["partners"] + details["providers"])
    pooling = [partners[p["code"]] for p in source["partners"]]
    contributions = {p["code"]: p for p in source["partners"]}

    fy1516, fy1617 = financial_year(2015), financial_year(2016)
    plan_1516 = plan_sync(
        area=area,
        year=fy1516,
        pooled_fund_total=source["pooled_fund_total_2015_16"],
        contributions={
            partner: (contributions[partner.code]["contribution_2015_16"], None)
            for partner in pooling
        },
        planned_expenditure=_areas_of_spend(source["planned_expenditure_2015_16"]),
    )
    plan_1617 = plan_sync(
        area=area,
        year=fy1617,
        pooled_fund_total=source["pooled_fund_total_2016_17"],
        contributions={
            partner: (
                contributions[partner.code]["contribution_2016_17"],
                contributions[partner.code]["contribution_2015_16"],
            )
            for partner in pooling
        },
        # The draft plan leaves 2016/17 planned expenditure blank.
        planned_expenditure={},
    )
    sign_off_blocks_sync(plan=plan_1617, signatories=source["signatories"], partners=pooling)
    condition_statements_sync(plan=plan_1617, narratives=details["condition_narratives_2016_17"])
    _schemes_sync(plan_1617, partners, source, details)

    _plan_metrics_sync(
        plan_1516,
        {key: q3_answers[cell] for key, cell in RETURN_METRIC_DESCRIPTIONS.items()},
    )
    _plan_metrics_sync(plan_1617, METRICS_2016_17)
    _fund_quarters_sync(plan_1516, q3_answers)
    _nea_values_sync(area, q3_answers)
    _q3_return_sync(area, q3_answers)
    _q4_return_start(area)
    return area


def _q4_return_start(area: HwbArea) -> None:
    """Norfolk's Q4 2015/16 return, started as its officers would start it: pre-filled from
    its Q3 return and its plans, and nothing more (the source holds no Q4 answers)."""
    return_get_or_create(hwb_area=area, period=period_by_code("fy1516_q4"))


def _q3_return_sync(area: HwbArea, answers: dict) -> None:
    """Norfolk's real Q3 2015/16 return, loaded as an administrator loads NHS England's
    playback (grey cells included). The I&E "previously returned data" of the source equals
    the amended figures, except the Q3 actuals, which had not been returned before."""
    definition = template("bcf-q3-2015-16")
    period = period_by_code(definition.period)
    quarterly_return = return_get_or_create(hwb_area=area, period=period)
    if quarterly_return.status != ReturnStatus.DRAFT:
        return  # signed off on an earlier run: locked, and already holding these answers
    previous = {
        id_: value
        for id_, value in answers.items()
        if id_.startswith("ie_")
        and definition.question(id_).is_input
        and definition.question(id_).source is not None
    }
    return_from_json(
        quarterly_return=quarterly_return,
        document={"answers": answers, "previous": previous},
        user=None,
        prepopulated=True,
    )


def _areas_of_spend(by_label: dict[str, int]) -> dict[str, int]:
    """{"Mental Health": 1938000} -> {"mental_health": 1938000}."""
    value_of = {label: value for value, label in AreaOfSpend.choices}
    return {value_of[label]: amount for label, amount in by_label.items()}


def _schemes_sync(plan: Plan, partners, source, details) -> None:
    full = {scheme["reference"]: scheme for scheme in details["schemes"]}
    for scheme in source["schemes"]:
        reference = scheme["reference"]
        scheme_sync(
            plan=plan,
            partners=partners,
            data={
                **scheme,
                **full.get(reference, {}),
                "theme": details["scheme_themes"].get(reference, ""),
                "investment_lines": source["investment_lines_examples"].get(reference, []),
            },
        )


def _plan_metrics_sync(plan: Plan, descriptions: dict[str, str]) -> None:
    definitions = MetricDefinition.objects.in_bulk(list(descriptions), field_name="key")
    sync_keyed(
        PlanMetric,
        {"plan": plan},
        "definition",
        {definitions[key]: {"description": text} for key, text in descriptions.items()},
    )


def _fund_quarters_sync(plan: Plan, answers: dict) -> None:
    """The 2015/16 plan's quarterly I&E profile, as the Q3 return plays it back."""
    sync_keyed(
        PooledFundQuarter,
        {"plan": plan},
        "quarter",
        {
            q: {flow: answers.get(f"ie_{flow}_plan_q{q}") for flow in ("income", "expenditure")}
            for q in range(1, 5)
        },
    )


def _nea_values_sync(area: HwbArea, answers: dict) -> None:
    """Every `nea_<kind>_<quarter code>` figure of the return, as a metric value."""
    nea = MetricDefinition.objects.get(key="non_elective_admissions")
    for year in FinancialYear.objects.all():
        for quarter in range(1, 5):
            for kind in ValueKind.values:
                cell = f"nea_{kind}_{year.quarter_code(quarter)}"
                if cell in answers:
                    sync(
                        MetricValue,
                        {
                            "hwb_area": area,
                            "definition": nea,
                            "financial_year": year,
                            "quarter": quarter,
                            "kind": kind,
                        },
                        {"value": answers[cell]},
                    )


def norfolk_q3_sign_off() -> None:
    """Norfolk's Q3 return as the source has it: signed off on behalf of the Board's BCF
    sub-group, through the same workflow as anyone (so its timeline and history show it)."""
    from django.contrib.auth import get_user_model

    from returns.workflow import return_mark_ready, return_sign_off

    quarterly_return = QuarterlyReturn.objects.get(
        hwb_area__ons_code=NORFOLK_ONS_CODE, period=period_by_code("fy1516_q3")
    )
    if quarterly_return.status != ReturnStatus.DRAFT:
        return
    users = get_user_model().objects
    return_mark_ready(quarterly_return=quarterly_return, user=users.get(username="officer.norfolk"))
    return_sign_off(
        quarterly_return=quarterly_return,
        user=users.get(username="signoff.norfolk"),
        on_behalf_of=fixture("norfolk-q3-2015-16.json")["signed_off"]["body"],
    )


# Norfolk's 2016/17 plan with NHS England, as the Board's April 2016 paper tells it (4.7-4.9):
# two drafts sent "but did not include financial allocations or risk sharing agreements",
# "submitted with the caveat that the eventual financial agreements may change the narrative
# BCF plan"; assurance said that "without financial resolution, the plan will not be
# approved"; the partners asked NHS England's BCF team for support.
RISK_SHARING = (
    "Plans have been submitted with the caveat that the eventual financial agreements may "
    "change the narrative BCF plan. To resolve the financial issues, the partners have "
    "requested external support and this support is to be provided through the BCF team at "
    "NHS England. (Norfolk Health and Wellbeing Board paper, 4.8-4.9.)"
)
FEEDBACK = (
    "The draft did not include financial allocations or risk sharing agreements. Without "
    "financial resolution, the plan will not be approved."
)
QUERY = (
    "The financial apportionment has yet to be resolved (your Board's paper, 4.7). When will "
    "the partners agree it, with the risk share?"
)
ANSWER = (
    "A meeting is planned with a view to reaching agreement, with the support of the BCF team "
    "at NHS England. A verbal update will be given to the Health and Wellbeing Board."
)


def norfolk_plan_drafts() -> None:
    """The two drafts of Norfolk's 2016/17 plan sent to NHS England, with feedback on the
    first and a query on the second that the officer has answered; once only."""
    from django.contrib.auth import get_user_model

    from governance.conversations import comment_add, conversation_start
    from governance.submissions import submissions_of
    from national.assurance import line_rate, outcome_record
    from plans.services import plan_narrative_save
    from plans.workflow import plan_submit_draft

    plan = Plan.objects.get(hwb_area__ons_code=NORFOLK_ONS_CODE, financial_year__start_year=2016)
    if submissions_of(plan).exists():
        return
    users = get_user_model().objects
    officer, reviewer = users.get(username="officer.norfolk"), users.get(
        username="nhse.midlandseast")  # fmt: skip
    first = plan_submit_draft(plan=plan, user=officer).submission
    line_rate(submission=first, line="finance", rating="red", comment=FEEDBACK, user=reviewer)
    outcome_record(submission=first, outcome="feedback", note=FEEDBACK, user=reviewer)
    plan_narrative_save(plan=plan, user=officer, revision=None,
                        values={"risk_sharing": RISK_SHARING})  # fmt: skip
    plan.refresh_from_db()
    second = plan_submit_draft(plan=plan, user=officer).submission
    query = conversation_start(subject=second, hwb_area=plan.hwb_area, about="part:funding",
                               title="Financial apportionment", text=QUERY,
                               user=reviewer)  # fmt: skip
    comment_add(conversation=query, text=ANSWER, user=officer)
