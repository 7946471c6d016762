"""The national batch for analysts: every return of a period they may read, as one zip of
workbooks plus one dataset (a row per HWB area, a column per question id) in CSV and XLSX.

The returns are rendered in chunks by as many workers as there are, then put together by
one task; each chunk adds its returns to the progress (`done` of `total`) the page shows.
"""

import contextlib
import hashlib
import io
import json
import time
import zipfile
import zlib
from collections.abc import Iterator

from django.contrib.auth.models import AbstractBaseUser
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db.models import F
from django.utils import timezone

from governance.jobs import export_failed
from governance.outbox import task_send
from governance.selectors import hwb_areas_for_user
from governance.storage import Written, storing
from governance.zips import Joined, ZipWriter, deflated_piece, local_header
from returns.models import SIGNED_STATUSES, ExportStatus, QuarterlyReturn, ReportingPeriod
from returns.selectors import return_states, returns_for_user
from returns.workbook import state_workbook_bytes

from .dataset import (
    SheetRows,
    csv_lines,
    dataset_columns,
    dataset_xlsx,
    row_texts,
    sheet_rows,
    state_answer_texts,
)
from .models import NationalExport

SIGNED_OFF = SIGNED_STATUSES
FAILED_MESSAGE = (
    "The national export could not be made. This is a fault in the portal: try again, and if "
    "it fails again tell your portal administrator."
)


def national_request(
    *, period: ReportingPeriod, user: AbstractBaseUser, include_drafts: bool = False
) -> NationalExport:
    export = NationalExport.objects.create(
        period=period, requested_by=user, include_drafts=include_drafts
    )
    task_send("returns.export_national", export.pk)
    return export


def national_still_readable(*, export: NationalExport) -> bool:
    """Whether the requester may still read every area the export holds (access is checked
    again on every download: an analyst who loses an area loses its files too)."""
    if export.areas is None or export.requested_by is None:
        return False
    readable = hwb_areas_for_user(user=export.requested_by).values_list("pk", flat=True)
    return set(export.areas) <= set(readable)


def national_returns(*, export: NationalExport):
    """The returns of the period in the areas the requesting analyst may read: signed off
    (or submitted) only, unless the export asked for drafts too."""
    if export.requested_by is None:
        return QuarterlyReturn.objects.none()
    returns = returns_for_user(user=export.requested_by).filter(period=export.period)
    if not export.include_drafts:
        returns = returns.filter(status__in=SIGNED_OFF)
    return returns.select_related("hwb_area", "period__financial_year").order_by("hwb_area__name")


def _with_requester(export_id: int) -> NationalExport:
    """The export, with its requester: who may still read the areas is asked again by the
    task that plans the batch and by each chunk, and a query of its own was a round trip
    more on a batch's way."""
    return NationalExport.objects.select_related("period__financial_year", "requested_by").get(
        pk=export_id
    )


# Returns per worker task. 150 or 152 areas make four tasks: two for each process of the
# worker DEPLOY.md runs, so one still takes over from the other if that is busy. A task
# costs about 10 ms beyond its renders (its queries, storing and counting its part, Celery's
# messages); 25 made six, and the two workers' batch took about 4% longer (issue 33).
CHUNK = 38


def national_run(*, export_id: int, queue: str | None = None) -> NationalExport:
    """Start the batch: split the returns into chunks the workers render side by side, then
    one task puts the parts together (a Celery chord)."""
    from celery import chord, signature

    export = _with_requester(export_id)
    if export.status in (ExportStatus.READY, ExportStatus.FAILED):
        return export  # delivered again: finished, or failed (its worker died)
    rows = list(national_returns(export=export).values_list("pk", "hwb_area_id"))
    ids = [pk for pk, _ in rows]
    NationalExport.objects.filter(pk=export.pk).update(
        status=ExportStatus.RUNNING, total=len(ids), done=0, updated_at=timezone.now(),
        areas=sorted(area for _, area in rows),
    )  # fmt: skip
    starts = range(0, len(ids), CHUNK)
    routing = {"queue": queue} if queue else {}
    # The tasks by name (national/tasks.py): what runs a task is not imported by what sends it.
    # Each chunk is told the dataset row its returns start at (the header is row 1).
    chord(
        (
            signature(
                "returns.export_national_chunk",
                args=(export_id, number, ids[start : start + CHUNK], FIRST_ROW + start),
                **routing,
            )
            for number, start in enumerate(starts)
        ),
        signature("returns.export_national_finish", args=(export_id,), **routing),
    ).delay()
    export.refresh_from_db()
    return export


# A part's dataset rows, as dataset.py writes them: the CSV's lines and the sheet's rows with
# their numbers marked, each as it is; the lines deflated as a piece of the CSV; and where the
# chunk was told its first row, the rows numbered and deflated as a piece of the sheet, with
# that row's number, their CRC-32 and size (`dataset.SheetRows`).
ROWS_CSV, ROWS_XML, CSV_PIECE = "rows.csv", "rows.xml", "rows.csv.z"
SHEET_PIECE, SHEET_PIECE_INFO = "sheet-rows.z", "sheet-rows.json"
WORKBOOKS = "workbooks/"
FIRST_ROW = 2  # the dataset's first row of answers: the header is row 1
CSV_LEVEL = 6  # zlib's default, as zipfile deflated the CSV


def national_chunk(
    *, export_id: int, number: int, return_ids: list[int], first_row: int | None = None
) -> dict | None:
    """Render some of the returns into a zip part in storage: their workbooks, and their
    dataset rows beside them (the rows never go through the broker: the finish task reads
    them from the part), written as the dataset's CSV lines and XLSX rows, and deflated as
    pieces of those files where the chunk knows its `first_row`. Progress is counted once,
    when the part is stored."""
    export = _with_requester(export_id)
    if export.status == ExportStatus.FAILED:
        return None
    try:
        returns = (
            national_returns(export=export)
            .filter(pk__in=return_ids)
            .prefetch_related("confirmations__user")  # for the cautions they confirmed
        )
        part, count = io.BytesIO(), 0
        with zipfile.ZipFile(part, "w", zipfile.ZIP_STORED) as archive:
            lines, xml = [], []
            # Their answers in one query of plain rows (who changed them is not in a workbook).
            for state in return_states(returns=list(returns)):
                quarterly_return = state.quarterly_return
                area = quarterly_return.hwb_area
                # An .xlsx file is a zip already: deflating it again gains nothing.
                archive.writestr(
                    f"workbooks/{quarterly_return.workbook_filename}",
                    state_workbook_bytes(state=state),
                )
                head = [
                    area.name,
                    area.ons_code,
                    quarterly_return.status,
                    quarterly_return.revision,
                ]
                line, row = row_texts(head, state_answer_texts(state))
                lines.append(line)
                xml.append(row)
                count += 1
            # Stored as they are: the finish reads them back alone, after the last chunk.
            csv_text, xml_text = "".join(lines).encode(), "".join(xml)
            archive.writestr(ROWS_CSV, csv_text)
            archive.writestr(ROWS_XML, xml_text)
            archive.writestr(CSV_PIECE, deflated_piece(csv_text, CSV_LEVEL))
            if first_row is not None:
                rows = sheet_rows(xml_text, first_row)
                archive.writestr(SHEET_PIECE, rows.piece)
                archive.writestr(SHEET_PIECE_INFO, json.dumps(
                    {"first_row": first_row, "crc": rows.crc, "size": rows.size}
                ))  # fmt: skip
        with storing():
            stored = default_storage.save(
                f"national/parts/{export_id}-{number}.zip", ContentFile(part.getvalue())
            )
        NationalExport.objects.filter(pk=export.pk).update(
            done=F("done") + count, updated_at=timezone.now()
        )
    except Exception as error:
        _failed(export_id, error)
        return None
    return {"part": stored, "count": count}


def national_finish(*, export_id: int, parts: list[dict | None]) -> NationalExport:
    """Put the parts together: every workbook, then the dataset as CSV and XLSX."""
    export = NationalExport.objects.select_related("period__financial_year").get(pk=export_id)
    try:
        if export.status != ExportStatus.FAILED and all(p is not None for p in parts):
            _assemble(export, parts)
    except Exception as error:
        _failed(export_id, error)
    finally:
        for part in parts:
            if part is not None:
                default_storage.delete(part["part"])
    export.refresh_from_db()
    return export


def _failed(export_id: int, error: Exception) -> None:
    export_failed(NationalExport, export_id, error, FAILED_MESSAGE)


def _stored_bytes(stream, entry: zipfile.ZipInfo) -> bytes:
    """A workbook a chunk stored in its part, as it lies there: past the entry's local header
    (its fixed 30 bytes, then its name and extra fields, as zip lays them out), not through
    zipfile, which works out its CRC as it reads (the part is the portal's own file, written
    whole moments before: `governance.storage`); the final archive takes the CRC the part's
    directory holds, which zipfile worked out as the chunk wrote it. Reading and writing each
    workbook through zipfile's streams (its CRC twice, a reader and a writer each) was a
    third of the finish's CPU."""
    if entry.compress_type != zipfile.ZIP_STORED or entry.compress_size != entry.file_size:
        raise ValueError(f"The part's {entry.filename} is not stored as the chunks store it.")
    name_size, extra_size = local_header(stream, entry)
    stream.seek(name_size + extra_size, io.SEEK_CUR)
    data = stream.read(entry.compress_size)
    if len(data) != entry.compress_size:
        raise ValueError(f"The part's {entry.filename} is cut short.")
    return data


def _assemble(export: NationalExport, parts: list[dict]) -> None:
    """Streams: one workbook, or one part's rows, at a time, whatever the number of areas,
    written straight into the file as it is stored (`governance.storage.Written`). The rows
    were written and deflated in the chunks (`dataset.py`): here their pieces are only laid
    end to end, and nothing is deflated or checksummed again (`ZipWriter`). Each part is
    opened once, for its workbooks, then its CSV lines, then its sheet rows."""
    code = export.period.code
    columns = dataset_columns(export.period)
    now = time.localtime()[:6]
    written = []

    def write(target) -> None:
        with contextlib.ExitStack() as opened:
            streams = [opened.enter_context(default_storage.open(p["part"], "rb")) for p in parts]
            pieces = [opened.enter_context(zipfile.ZipFile(stream)) for stream in streams]
            hashed = _Hashed(target)
            archive = ZipWriter(hashed)
            for stream, piece in zip(streams, pieces, strict=True):
                for entry in piece.infolist():
                    if entry.filename.startswith(WORKBOOKS):
                        # An .xlsx file is a zip already: stored, not deflated again.
                        archive.add(entry.filename, [_stored_bytes(stream, entry)],
                                    crc=entry.CRC, size=entry.file_size, deflated=False,
                                    date_time=entry.date_time)  # fmt: skip
            lines = Joined()
            lines.deflate(csv_lines([columns]).encode(), CSV_LEVEL)
            for piece in pieces:
                _csv_piece(piece, lines)
            archive.add_joined(f"dataset-{code}.csv", lines, now)
            dataset = io.BytesIO()  # a row an area: a few hundred KB
            counts = [p["count"] for p in parts]
            dataset_xlsx(dataset, code, columns, _sheet_pieces(pieces, counts), sum(counts))
            data = dataset.getvalue()
            archive.add(f"dataset-{code}.xlsx", [data], crc=zlib.crc32(data), size=len(data),
                        deflated=False, date_time=now)  # fmt: skip
            archive.close()
            written.append((hashed.digest.hexdigest(), archive.offset))

    with storing():
        export.file.save(export.filename, Written(write), save=False)
    [(export.sha256, export.size)] = written
    export.status, export.finished_at = ExportStatus.READY, timezone.now()
    export.save(update_fields=["file", "sha256", "size", "status", "finished_at", "updated_at"])


class _Hashed:
    """A file written through, its SHA-256 worked out as it is written."""

    def __init__(self, target):
        self.target, self.digest = target, hashlib.sha256()

    def write(self, data: bytes) -> None:
        self.digest.update(data)
        self.target.write(data)


def _csv_piece(part: zipfile.ZipFile, lines: Joined) -> None:
    """A part's CSV lines, as its chunk deflated them (their CRC-32 and size are those of
    the lines stored as they are), or deflated here where a part has them only as they are."""
    stored = part.getinfo(ROWS_CSV)
    if CSV_PIECE in part.namelist():
        lines.add(part.read(CSV_PIECE), stored.CRC, stored.file_size)
    else:
        lines.deflate(part.read(ROWS_CSV), CSV_LEVEL)


def _sheet_pieces(parts: list[zipfile.ZipFile], counts: list[int]) -> Iterator[SheetRows]:
    """Each part's sheet rows, numbered from row 2 one part after another: as its chunk
    deflated them where they start at the row it was told, else numbered and deflated here
    (a return gone between the plan and the chunk moves every later part's rows)."""
    row = FIRST_ROW
    for part, count in zip(parts, counts, strict=True):
        planned = None
        if SHEET_PIECE_INFO in part.namelist():
            planned = json.loads(part.read(SHEET_PIECE_INFO))
        if planned is not None and planned["first_row"] == row:
            yield SheetRows(part.read(SHEET_PIECE), planned["crc"], planned["size"])
        else:
            yield sheet_rows(part.read(ROWS_XML).decode(), row)
        row += count
