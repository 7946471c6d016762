"""The national batch for analysts: every return of a period they may read, as one zip of
workbooks plus one dataset (a row per HWB area, a column per question id) in CSV and XLSX.

The task reports progress as it goes (`done` of `total`), so the page can show it.
"""

import hashlib
import io
import logging
import tempfile
import zipfile

import pandas as pd
from django.contrib.auth.models import AbstractBaseUser
from django.core.files import File
from django.db import OperationalError, transaction
from django.utils import timezone

from .definitions import template
from .interchange import answers_json
from .models import ExportStatus, NationalExport, QuarterlyReturn, ReportingPeriod
from .selectors import ReturnState, return_answers, returns_for_user
from .workbook import state_workbook_bytes

logger = logging.getLogger(__name__)

FAILED_MESSAGE = (
    "The national export could not be made. This is a fault in the portal: try again, and if "
    "it fails again tell your portal administrator."
)
# Spreadsheet programs run CSV text that starts with these as a formula (OWASP: CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def national_request(*, period: ReportingPeriod, user: AbstractBaseUser) -> NationalExport:
    from .tasks import export_national

    export = NationalExport.objects.create(period=period, requested_by=user)
    transaction.on_commit(lambda: export_national.delay(export.pk))
    return export


def national_returns(*, export: NationalExport):
    """The returns of the period in the areas the requesting analyst may read."""
    if export.requested_by is None:
        return QuarterlyReturn.objects.none()
    return (
        returns_for_user(user=export.requested_by)
        .filter(period=export.period)
        .select_related("hwb_area", "period__financial_year")
        .prefetch_related("answers")
        .order_by("hwb_area__name")
    )


def national_dataset(*, rows: list[dict], period: ReportingPeriod) -> pd.DataFrame:
    """One row per HWB area, one column per question id of the period's template."""
    ids = [q.id for q in template(period.template_version).questions]
    columns = ["hwb_name", "ons_code", "status", "revision", *ids]
    return pd.DataFrame(rows, columns=columns)


def _csv_safe(frame: pd.DataFrame) -> pd.DataFrame:
    def safe(value):
        if isinstance(value, str) and value.startswith(FORMULA_STARTS):
            return "'" + value
        return value

    return frame.map(safe)


def national_run(*, export_id: int) -> NationalExport:
    export = NationalExport.objects.select_related("period__financial_year").get(pk=export_id)
    if export.status == ExportStatus.READY:
        return export
    returns = list(national_returns(export=export))
    NationalExport.objects.filter(pk=export.pk).update(
        status=ExportStatus.RUNNING, total=len(returns), done=0
    )
    try:
        with tempfile.TemporaryFile() as spool:
            _write_zip(spool, export, returns)
            spool.seek(0)
            digest = hashlib.sha256()
            for chunk in iter(lambda: spool.read(1 << 20), b""):
                digest.update(chunk)
            size = spool.tell()
            spool.seek(0)
            export.refresh_from_db()
            export.file.save(export.filename, File(spool), save=False)
    except Exception as error:
        logger.exception("National export %s failed", export_id)
        NationalExport.objects.filter(pk=export.pk).update(
            status=ExportStatus.FAILED, error=FAILED_MESSAGE, finished_at=timezone.now()
        )
        if isinstance(error, OperationalError):
            raise
        export.refresh_from_db()
        return export
    export.sha256, export.size = digest.hexdigest(), size
    export.status, export.finished_at = ExportStatus.READY, timezone.now()
    export.save()
    return export


def _write_zip(spool, export: NationalExport, returns: list[QuarterlyReturn]) -> None:
    rows = []
    prefix = export.filename.removesuffix("-national.zip")
    with zipfile.ZipFile(spool, "w", zipfile.ZIP_DEFLATED) as archive:
        for done, quarterly_return in enumerate(returns, start=1):
            state = ReturnState(
                quarterly_return,
                template(quarterly_return.template_version),
                return_answers(quarterly_return=quarterly_return),
            )
            area = quarterly_return.hwb_area
            name = "-".join(area.name.split())
            archive.writestr(f"workbooks/{prefix}-{name}.xlsx", state_workbook_bytes(state=state))
            rows.append(
                {
                    "hwb_name": area.name,
                    "ons_code": area.ons_code,
                    "status": quarterly_return.status,
                    "revision": quarterly_return.revision,
                    **answers_json(state=state),
                }
            )
            NationalExport.objects.filter(pk=export.pk).update(done=done)
        dataset = national_dataset(rows=rows, period=export.period)
        code = export.period.code
        archive.writestr(f"dataset-{code}.csv", _csv_safe(dataset).to_csv(index=False))
        workbook = io.BytesIO()
        with pd.ExcelWriter(
            workbook, engine="xlsxwriter",
            engine_kwargs={"options": {"strings_to_formulas": False, "strings_to_urls": False}},
        ) as writer:  # fmt: skip
            dataset.to_excel(writer, index=False, sheet_name=code)
        archive.writestr(f"dataset-{code}.xlsx", workbook.getvalue())
