"""A return's submission is kept as a `governance.Submission`: each version recorded as
submitted (its workbook export, byte for byte) becomes submission 1, 2… of its return, with
its own copy of the file; the timeline's submitted steps point at it."""

import hashlib

from django.core.files.base import ContentFile
from django.db import migrations


def _copy(export, submission) -> None:
    """The export's file, copied under the submission's own name; a file already lost stays
    lost under its old name (its page says so), keeping the SHA-256 that was recorded."""
    storage = export.file.storage
    if export.file.name and storage.exists(export.file.name):
        with storage.open(export.file.name, "rb") as source:
            content = source.read()
        name = export.file.name.rsplit("/", 1)[-1]
        submission.file.save(name, ContentFile(content), save=False)
        submission.size = len(content)
        submission.sha256 = hashlib.sha256(content).hexdigest()
    else:
        submission.file.name = export.file.name or "submissions/missing.xlsx"


def _period(period) -> tuple[str, str]:
    """Its label and code, as `ReportingPeriod.label` and `.code` give them (a migration's
    models have no properties): `Q3 2015/16`, `fy1516_q3`."""
    start = period.financial_year.start_year
    years = f"{start % 100:02d}{(start + 1) % 100:02d}"
    return f"Q{period.quarter} {start}/{(start + 1) % 100:02d}", f"fy{years}_q{period.quarter}"


def forwards(apps, schema_editor):
    ReturnVersion = apps.get_model("returns", "ReturnVersion")
    ReturnEvent = apps.get_model("returns", "ReturnEvent")
    Submission = apps.get_model("governance", "Submission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    if not ReturnVersion.objects.exclude(submitted=None).exists():
        return
    kind, _ = ContentType.objects.get_or_create(app_label="returns", model="quarterlyreturn")
    numbers: dict[int, int] = {}
    last: dict[int, object] = {}
    versions = (
        ReturnVersion.objects.exclude(submitted=None)
        .select_related(
            "quarterly_return__hwb_area", "quarterly_return__period__financial_year", "submitted"
        )
        .order_by("quarterly_return_id", "number")
    )
    for version in versions:
        qr, export = version.quarterly_return, version.submitted
        numbers[qr.pk] = numbers.get(qr.pk, 0) + 1
        label, code = _period(qr.period)
        event = (
            ReturnEvent.objects.filter(quarterly_return=qr, kind="submitted", export=export)
            .order_by("at")
            .first()
        )
        submission = Submission(
            hwb_area=qr.hwb_area, kind="return", subject_type=kind, subject_id=qr.pk,
            number=numbers[qr.pk], title=f"{label} return", round_key=code,
            version=version.number, replaces=last.get(qr.pk), answers=version.answers,
            filename=export.file.name.rsplit("/", 1)[-1] or "workbook.xlsx",
            sha256=export.sha256, size=export.size or 0, on_behalf_of=version.on_behalf_of,
            submitted_by_id=event.user_id if event else export.requested_by_id,
            submitted_at=event.at if event else export.finished_at or export.created_at,
        )  # fmt: skip
        _copy(export, submission)
        submission.save()
        last[qr.pk] = submission
        version.submission = submission
        version.save(update_fields=["submission"])
        ReturnEvent.objects.filter(quarterly_return=qr, export=export).update(
            submission=submission
        )


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("returns", "0021_submissions_kept"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
