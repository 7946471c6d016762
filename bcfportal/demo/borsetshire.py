"""A fictional second HWB area, with its own users, to show that areas are kept apart."""

from plans.models import HwbArea

from .building import area_sync, partners_sync, plan_sync, scheme_sync, sign_off_blocks_sync
from .reference import financial_year, start_year_of
from .sync import fixture

BORSETSHIRE_FIXTURE = "demo-borsetshire.json"
BORSETSHIRE_ONS_CODE = "E99999001"  # fictional: no real ONS code starts E99


def borsetshire_load() -> HwbArea:
    source = fixture(BORSETSHIRE_FIXTURE)
    area = area_sync(**source["hwb"])
    partners = partners_sync(area=area, partners=source["partners"])
    pooling = [partners[p["code"]] for p in source["partners"] if "contribution" in p]
    amounts = {p["code"]: p for p in source["partners"]}
    plan = plan_sync(
        area=area,
        year=financial_year(start_year_of(source["financial_year"])),
        pooled_fund_total=source["pooled_fund_total"],
        contributions={
            partner: (
                amounts[partner.code]["contribution"],
                amounts[partner.code]["contribution_last_year"],
            )
            for partner in pooling
        },
        planned_expenditure=source["planned_expenditure"],
    )
    sign_off_blocks_sync(plan=plan, signatories=source["signatories"], partners=pooling)
    for scheme in source["schemes"]:
        scheme_sync(plan=plan, partners=partners, data=scheme)
    return area
