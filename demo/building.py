"""Building blocks shared by the demo areas' loaders: areas, partners, plans, schemes."""

from typing import Any

from governance.models import FinancialYear, HwbArea, Partner
from plans.models import (
    Contribution,
    NationalCondition,
    NationalConditionStatement,
    Plan,
    PlannedExpenditure,
    SignOffBlock,
)
from schemes.models import (
    DeliveryChainEntry,
    InvestmentLine,
    Milestone,
    Outcome,
    Risk,
    Scheme,
)

from .sync import sync, sync_keyed, sync_rows

HWB_SUFFIX = "Health and Wellbeing Board"


def area_sync(*, name: str, ons_code: str, population: int | None) -> HwbArea:
    return sync(HwbArea, {"ons_code": ons_code}, {"name": name, "population": population})


def partners_sync(*, area: HwbArea, partners: list[dict[str, Any]]) -> dict[str, Partner]:
    """The area's partners, keyed by code."""
    by_code = {}
    for p in partners:
        partner = sync(Partner, {"code": p["code"]}, {"name": p["name"], "kind": p["kind"]})
        partner.hwb_areas.add(area)
        by_code[p["code"]] = partner
    return by_code


def plan_sync(
    *,
    area: HwbArea,
    year: FinancialYear,
    pooled_fund_total: int | None,
    contributions: dict[Partner, tuple[int, int | None]],
    planned_expenditure: dict[str, int],
) -> Plan:
    """A plan with exactly these contributions (this year, last year) and planned spend."""
    plan = sync(
        Plan, {"hwb_area": area, "financial_year": year}, {"pooled_fund_total": pooled_fund_total}
    )
    sync_keyed(
        Contribution,
        {"plan": plan},
        "partner",
        {
            partner: {"amount": amount, "amount_last_year": last_year}
            for partner, (amount, last_year) in contributions.items()
        },
    )
    sync_keyed(
        PlannedExpenditure,
        {"plan": plan},
        "area_of_spend",
        {
            area_of_spend: {"amount": amount}
            for area_of_spend, amount in planned_expenditure.items()
        },
    )
    return plan


def sign_off_blocks_sync(*, plan: Plan, signatories: list[str], partners: list[Partner]) -> None:
    """One unsigned block per signatory; a signatory that is no partner is the HWB itself."""
    by_name = {partner_formal_name(p): p for p in partners}
    blocks = {}
    for order, name in enumerate(signatories, start=1):
        if name not in by_name and not name.endswith(HWB_SUFFIX):
            raise ValueError(f"Signatory {name!r} is neither a partner nor the HWB.")
        blocks[by_name.get(name)] = {"on_behalf_of": name, "order": order}
    sync_keyed(SignOffBlock, {"plan": plan}, "partner", blocks)


def partner_formal_name(partner: Partner) -> str:
    """How sign-off blocks name a partner: CCGs in full."""
    return partner.name.replace(" CCG", " Clinical Commissioning Group")


def condition_statements_sync(*, plan: Plan, narratives: dict[str, str]) -> None:
    conditions = NationalCondition.objects.filter(financial_year=plan.financial_year)
    sync_keyed(
        NationalConditionStatement,
        {"plan": plan},
        "condition",
        {c: {"narrative": narratives[c.key]} for c in conditions if c.key in narratives},
    )


def scheme_sync(*, plan: Plan, partners: dict[str, Partner], data: dict[str, Any]) -> Scheme:
    """A scheme with every text field of `data` and exactly its repeating parts."""
    scheme = sync(
        Scheme,
        {"plan": plan, "reference": data["reference"]},
        {
            "name": data["name"],
            "lead_partner": partners[data["lead_partner"]],
            "theme": data.get("theme", ""),
            **{field: data.get(field, "") for field in Scheme.narrative_fields()},
        },
    )
    parent = {"scheme": scheme}
    sync_rows(InvestmentLine, parent, data.get("investment_lines", []))
    sync_rows(Milestone, parent, data.get("milestones", []))
    sync_rows(Outcome, parent, data.get("outcomes", []))
    sync_rows(Risk, parent, data.get("risks", []))
    sync_rows(
        DeliveryChainEntry,
        parent,
        [
            {
                "role": entry["role"],
                "partner": partners.get(entry.get("partner")),
                "organisation": entry.get("organisation", ""),
                "person": entry.get("person", ""),
                "job_title": entry.get("job_title", ""),
            }
            for entry in data.get("delivery_chain", [])
        ],
    )
    return scheme
