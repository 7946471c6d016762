"""A fictional second HWB area, with its own users, to show that areas are kept apart."""

from governance.models import HwbArea
from returns.selectors import period_by_code
from returns.services import return_get_or_create

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
    _q3_return_start(area)
    return area


def _q3_return_start(area: HwbArea) -> None:
    """A Q3 2015/16 return just started: pre-populated from what the portal holds, no more."""
    return_get_or_create(hwb_area=area, period=period_by_code("fy1516_q3"))
