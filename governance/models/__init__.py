"""The core's models. Areas, partners, years and memberships were first part of `plans`, and
the record of changes of the project package: their tables keep those names."""

from .areas import ONS_CODE, AreaKind, FinancialYear, HwbArea, NhsRegion, Partner, PartnerKind
from .conversations import Comment, Conversation
from .outbox import OutboxTask
from .people import Invitation, Membership, Role
from .records import (
    ChangeAction,
    ChangeSource,
    ExportFile,
    ExportStatus,
    RecordChange,
    StepEvent,
    export_folder,
)
from .schedule import PeriodicRun
from .submissions import Submission, SubmissionKind, SubmissionUnchangeable
from .throttle import Attempt

__all__ = [
    "ONS_CODE",
    "AreaKind",
    "Attempt",
    "ChangeAction",
    "ChangeSource",
    "Comment",
    "Conversation",
    "ExportFile",
    "ExportStatus",
    "FinancialYear",
    "HwbArea",
    "Invitation",
    "Membership",
    "NhsRegion",
    "OutboxTask",
    "Partner",
    "PartnerKind",
    "PeriodicRun",
    "RecordChange",
    "Role",
    "StepEvent",
    "Submission",
    "SubmissionKind",
    "SubmissionUnchangeable",
    "export_folder",
]
