"""Norfolk's 2016/17 plan typed in through the services, as an officer's forms do: the
source's figures (`norfolk-plan-2016-17.json`) go in, the portal's totals come out."""

from demo.building import area_sync, partners_sync
from demo.reference import financial_year, reference_data_load
from demo.sync import fixture
from governance.models import Partner
from plans.models import SignOffBlock
from plans.services import ContributionInput, plan_create, plan_funding_save
from schemes.services import scheme_save


def norfolk_plan_entered(*, user=None):
    """A new Norfolk area (no demo) whose 2016/17 plan is entered through the services."""
    reference_data_load()
    source = fixture("norfolk-plan-2016-17.json")
    details = fixture("norfolk-plan-2016-17-details.json")
    area = area_sync(name="Norfolk", ons_code=source["hwb"]["ons_code"], population=None)
    partners = partners_sync(area=area, partners=source["partners"] + details["providers"])
    plan = plan_create(hwb_area=area, financial_year=financial_year(2016), user=user)
    for order, partner in enumerate(source["partners"], start=2):
        SignOffBlock.objects.create(
            plan=plan, partner=partners[partner["code"]], order=order, on_behalf_of=partner["name"]
        )
    plan_funding_save(
        plan=plan, user=user, revision=plan.revision,
        pooled_fund_total=source["pooled_fund_total_2016_17"],
        contributions=[
            ContributionInput(partners[p["code"]], p["contribution_2016_17"],
                              p["contribution_2015_16"])
            for p in source["partners"]
        ],
    )  # fmt: skip
    full = {scheme["reference"]: scheme for scheme in details["schemes"]}
    for listed in source["schemes"]:
        reference = listed["reference"]
        scheme = full.get(reference, {})
        plan.refresh_from_db()
        scheme_save(
            plan=plan, user=user, revision=plan.revision, scheme=None,
            fields={
                "reference": reference,
                "name": listed["name"],
                "lead_partner": partners[listed["lead_partner"]],
                "theme": details["scheme_themes"].get(reference, ""),
                **{k: v for k, v in scheme.items() if k in _TEXT},
            },
            parts={
                "investment_lines": source["investment_lines_examples"].get(reference, []),
                "milestones": scheme.get("milestones", []),
                "outcomes": scheme.get("outcomes", []),
                "risks": scheme.get("risks", []),
                "delivery_chain": [
                    {**entry, "partner": Partner.objects.filter(code=entry.get("partner")).first()}
                    for entry in scheme.get("delivery_chain", [])
                ],
            },
        )  # fmt: skip
    plan.refresh_from_db()
    return plan


_TEXT = {
    "strategic_objective", "overview", "measuring_outcomes", "key_success_factors",
    "evidence_base", "delivery_chain_summary", "investment_note", "integration_contribution",
    "patient_satisfaction", "stakeholder_engagement", "whole_system_approach",
    "early_help_and_prevention",
}  # fmt: skip
