from .areas import FinancialYear, HwbArea, Partner, PartnerKind
from .people import Membership, Role
from .plans import (
    AreaOfSpend,
    ConditionStatus,
    Contribution,
    NationalCondition,
    NationalConditionStatement,
    Plan,
    PlanEvent,
    PlanEventKind,
    PlanExport,
    PlannedExpenditure,
    PlanStatus,
    PooledFundQuarter,
    SignOffBlock,
)

__all__ = [
    "AreaOfSpend",
    "ConditionStatus",
    "Contribution",
    "FinancialYear",
    "HwbArea",
    "Membership",
    "NationalCondition",
    "NationalConditionStatement",
    "Partner",
    "PartnerKind",
    "Plan",
    "PlanEvent",
    "PlanEventKind",
    "PlanExport",
    "PlanStatus",
    "PlannedExpenditure",
    "PooledFundQuarter",
    "Role",
    "SignOffBlock",
]
