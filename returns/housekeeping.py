"""Files kept no longer than they are needed (run daily by Celery beat).

After FILE_RETENTION_DAYS days, these go, file and record:

- an uploaded workbook whose changes were never confirmed;
- a workbook, plan workbook or national export that failed, or that a newer ready one of
  the same return, plan, or analyst and period has superseded.

Kept for good: every submission to NHS England (its own copy of what was sent, not an
export: `governance.Submission`), the newest ready file of each return, plan, and analyst's
period, and uploads whose changes were confirmed (the record of an import).
"""

import datetime
from collections.abc import Callable

from django.conf import settings
from django.db.models import OuterRef, QuerySet, Subquery
from django.utils import timezone

from governance.models import ExportStatus
from plans.models import PlanExport

from .models import WorkbookExport, WorkbookUpload

# Files the apps above returns keep, purged by the same daily task: their name, and what
# deletes theirs made before a cut-off (the national side adds its exports).
_purged_above: dict[str, Callable[[datetime.datetime], int]] = {}


def add_purge(name: str, purge: Callable[[datetime.datetime], int]) -> None:
    _purged_above[name] = purge


def _newest_ready(queryset: QuerySet, *by: str) -> Subquery:
    """The newest ready file's id of the same subject (`by`: the fields naming it)."""
    return Subquery(
        queryset.model.objects.filter(status=ExportStatus.READY, **{f: OuterRef(f) for f in by})
        .order_by("-created_at", "-pk")
        .values("pk")[:1]
    )


def superseded(queryset: QuerySet, cutoff: datetime.datetime, *by: str) -> QuerySet:
    """Files made before `cutoff` that failed, or that are not the newest ready one."""
    old = queryset.filter(created_at__lt=cutoff)
    failed = old.filter(status=ExportStatus.FAILED)
    replaced = old.filter(status=ExportStatus.READY).exclude(pk=_newest_ready(queryset, *by))
    return failed | replaced


def records_delete(queryset: QuerySet) -> int:
    count = 0
    for record in queryset:
        if record.file:
            record.file.delete(save=False)
        record.delete()
        count += 1
    return count


def files_purge(*, now: datetime.datetime | None = None) -> dict[str, int]:
    """Delete what is no longer needed; how many of each kind went."""
    cutoff = (now or timezone.now()) - datetime.timedelta(days=settings.FILE_RETENTION_DAYS)
    return {
        "uploads": records_delete(
            WorkbookUpload.objects.filter(applied_at__isnull=True, created_at__lt=cutoff)
        ),
        "workbooks": records_delete(
            superseded(WorkbookExport.objects.all(), cutoff, "quarterly_return")
        ),
        "plan workbooks": records_delete(superseded(PlanExport.objects.all(), cutoff, "plan")),
        **{name: purge(cutoff) for name, purge in _purged_above.items()},
    }
