"""The plan workbook, made on the worker through the same machinery as return workbooks
(`governance.jobs.file_make`): requested, queued after commit, made, kept with its
SHA-256; an unchanged plan reuses its file."""

from governance.jobs import file_make, stale_expire
from governance.models import ExportStatus
from governance.outbox import task_send

from .models import Plan, PlanExport
from .workbook import plan_workbook_bytes

FAILED_MESSAGE = (
    "The plan workbook could not be made. This is a fault in the portal, not in your plan: "
    "try again, and if it fails again tell your portal administrator."
)


def plan_export_request(*, plan: Plan, user) -> PlanExport:
    stale_expire(plan.exports.all())
    reusable = (
        plan.exports.filter(revision=plan.revision, status__in=[
            ExportStatus.QUEUED, ExportStatus.RUNNING, ExportStatus.READY]).first()
    )  # fmt: skip
    # A signed-off plan's file also shows its signatures: those change no revision.
    if (reusable is not None and reusable.created_at >= plan.updated_at
            and not reusable.file_missing):  # fmt: skip
        return reusable
    export = PlanExport.objects.create(
        plan=plan,
        revision=plan.revision,
        requested_by=user if user is not None and user.is_authenticated else None,
    )
    task_send("plans.export_workbook", export.pk)
    return export


def _plan_workbook(export: PlanExport) -> tuple[bytes, int]:
    plan = Plan.objects.select_related("hwb_area", "financial_year").get(pk=export.plan_id)
    return plan_workbook_bytes(plan=plan), plan.revision


def plan_export_run(*, export_id: int) -> PlanExport:
    return file_make(PlanExport, export_id, _plan_workbook, FAILED_MESSAGE)
