"""Workbook files of a return: exports made on the worker (request, run, retry), and
uploads, read once and kept with their values until their changes are confirmed.

A request reuses a ready (or still running) export of the same revision of the
answers; otherwise it queues a new one and sends its id to the Celery task once
the transaction commits (`governance.outbox`: kept, and sent again, while the broker does
not answer), so the worker never looks for a row not yet saved.
"""

import hashlib
import logging

from django.contrib.auth.models import AbstractBaseUser
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from governance.jobs import file_make, stale_expire
from governance.outbox import task_send
from governance.storage import storing

from .definitions import template
from .models import ExportStatus, QuarterlyReturn, WorkbookExport, WorkbookUpload
from .workbook import (
    WorkbookImport,
    return_workbook_bytes,
    workbook_changes,
    workbook_import_apply,
    workbook_read,
)

logger = logging.getLogger(__name__)

FAILED_MESSAGE = (
    "The workbook could not be made. This is a fault in the portal, not in your return: "
    "try again, and if it fails again tell your portal administrator."
)


def export_request(
    *, quarterly_return: QuarterlyReturn, user: AbstractBaseUser | None
) -> WorkbookExport:
    """The export of the return as it stands now: an existing one when nothing has changed
    (and its worker has not died)."""
    stale_expire(quarterly_return.exports.all())
    reusable = (
        quarterly_return.exports.filter(
            revision=quarterly_return.revision, draft=not quarterly_return.is_signed_off
        )
        .exclude(status=ExportStatus.FAILED)
        .first()
    )
    if reusable is not None and not reusable.file_missing:
        return reusable
    return _queue(quarterly_return=quarterly_return, user=user)


def export_retry(*, export: WorkbookExport, user: AbstractBaseUser | None) -> WorkbookExport:
    """A new attempt after a failure (of the return as it stands now)."""
    return export_request(quarterly_return=export.quarterly_return, user=user)


def _queue(*, quarterly_return: QuarterlyReturn, user) -> WorkbookExport:
    user = user if user is not None and user.is_authenticated else None
    export = WorkbookExport.objects.create(
        quarterly_return=quarterly_return,
        revision=quarterly_return.revision,
        draft=not quarterly_return.is_signed_off,
        requested_by=user,
    )
    task_send("returns.export_workbook", export.pk)
    return export


def _return_workbook(export: WorkbookExport) -> tuple[bytes, int]:
    quarterly_return = QuarterlyReturn.objects.select_related(
        "hwb_area", "period__financial_year"
    ).get(pk=export.quarterly_return_id)
    content = return_workbook_bytes(quarterly_return=quarterly_return, draft=export.draft)
    return content, quarterly_return.revision


def export_run(*, export_id: int) -> WorkbookExport:
    """Make the file of a queued return export (what the task does)."""
    return file_make(WorkbookExport, export_id, _return_workbook, FAILED_MESSAGE)


def upload_receive(
    *, quarterly_return: QuarterlyReturn, content: bytes, name: str, user
) -> WorkbookUpload:
    """Read an uploaded workbook, once: refused (WorkbookRefused / WorkbookProblems), or kept
    with the values it holds until its changes are confirmed. The preview and the
    confirmation use those values; the file is not parsed again."""
    values = workbook_read(quarterly_return=quarterly_return, content=content)
    definition = template(quarterly_return.template_version)
    upload = WorkbookUpload(
        quarterly_return=quarterly_return,
        uploaded_by=user if user is not None and user.is_authenticated else None,
        original_name=name[:255],
        sha256=hashlib.sha256(content).hexdigest(),
        values={
            id_: None if value is None else definition.question(id_).type.to_db(value)
            for id_, value in values.items()
        },
    )
    with storing():  # FileNotStored, and nothing kept, when the file store fails
        upload.file.save(f"{upload.sha256}.xlsx", ContentFile(content), save=False)
    upload.save()
    return upload


def upload_values(*, upload: WorkbookUpload) -> dict[str, object]:
    """The values the uploaded workbook holds, as they were read when it was uploaded."""
    definition = template(upload.quarterly_return.template_version)
    return {
        id_: None if text is None else definition.question(id_).type.from_db(text)
        for id_, text in (upload.values or {}).items()
    }


def upload_preview(*, upload: WorkbookUpload) -> WorkbookImport:
    """What the upload would change in its return as the return is now."""
    return workbook_changes(
        quarterly_return=upload.quarterly_return, values=upload_values(upload=upload)
    )


@transaction.atomic
def upload_apply(*, upload: WorkbookUpload, user, base_revision: int) -> list[str]:
    """Apply the upload's changes as they were shown at `base_revision`, once; SaveConflict
    when any of its questions changed since (checked and written under the row locks)."""
    upload = (
        WorkbookUpload.objects.select_for_update()
        .select_related("quarterly_return")
        .get(pk=upload.pk)
    )
    if upload.applied_at is not None:
        return []
    changed = workbook_import_apply(
        quarterly_return=upload.quarterly_return,
        values=upload_values(upload=upload),
        user=user,
        base_revision=base_revision,
    )
    upload.applied_at = timezone.now()
    upload.save(update_fields=["applied_at"])
    return changed
