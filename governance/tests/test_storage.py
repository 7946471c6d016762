"""Files are written whole or not at all: a file store that fails part way (the disk full)
leaves no file, and every job and page that keeps a file says why in plain words."""

import errno
import io

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from pytest_django.asserts import assertContains

from governance.storage import WholeFileSystemStorage, Written
from national.models import NationalExport
from returns.models import (
    ExportStatus,
    QuarterlyReturn,
    WorkbookExport,
    WorkbookUpload,
)


class DiskFullStorage(WholeFileSystemStorage):
    """A file store whose disk fills up half way through every file it writes."""

    def _write(self, content, target) -> None:
        data = content.read()
        target.write(data[: len(data) // 2])
        raise OSError(errno.ENOSPC, "No space left on device")


class FullAtTheEndStorage(WholeFileSystemStorage):
    """A file store whose disk fills up half way through a file written where it is kept
    (`Written`: a national batch's zip), after every part before it was stored."""

    def _write(self, content, target) -> None:
        if not isinstance(content, Written):
            return super()._write(content, target)

        class Filling:
            def __init__(self):
                self.room = 1000

            def write(self, data):
                if len(data) > self.room:
                    raise OSError(errno.ENOSPC, "No space left on device")
                self.room -= len(data)
                target.write(data)

        content.write(Filling())


class ReadOnlyStorage(WholeFileSystemStorage):
    def _write(self, content, target) -> None:
        raise PermissionError(errno.EACCES, "Permission denied")


def files_under(root) -> list[str]:
    return sorted(str(path.relative_to(root)) for path in root.rglob("*") if path.is_file())


@pytest.fixture
def disk_full(settings):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": f"{__name__}.DiskFullStorage"},
    }
    return settings.MEDIA_ROOT


def test_a_file_is_put_in_place_whole_and_never_over_another(tmp_path):
    storage = WholeFileSystemStorage(location=tmp_path)
    first = storage.save("exports/a.xlsx", ContentFile(b"first"))
    second = storage.save("exports/a.xlsx", ContentFile(b"second"))
    assert first == "exports/a.xlsx"
    assert second != first
    assert [storage.open(n).read() for n in (first, second)] == [b"first", b"second"]
    assert files_under(tmp_path) == sorted([first, second])  # no temporary file left


@pytest.mark.parametrize("storage", [DiskFullStorage, ReadOnlyStorage])
def test_a_failure_part_way_leaves_nothing_under_the_name_or_beside_it(tmp_path, storage):
    with pytest.raises(OSError, match=r"No space left|Permission denied"):
        storage(location=tmp_path).save("exports/a.xlsx", ContentFile(b"x" * 100_000))
    assert files_under(tmp_path) == []


def test_an_export_on_a_full_disk_fails_at_once_with_the_true_reason(
    signed_in, disk_full, django_capture_on_commit_callbacks
):
    client = signed_in("analyst")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("return-export-start", args=["E10000020", "fy1516_q3"]))
    export = WorkbookExport.objects.get()
    assert export.status == ExportStatus.FAILED  # not "being made" until the sweep
    assert "the server's disk is full" in export.error
    page = client.get(reverse("return-export", args=["E10000020", "fy1516_q3", export.pk]))
    assertContains(page, "The file could not be stored: the server&#x27;s disk is full")
    assert files_under(disk_full) == []


def test_an_upload_on_a_full_disk_is_a_clear_page_and_keeps_nothing(signed_in, disk_full):
    from returns.workbook import return_workbook_bytes

    norfolk = QuarterlyReturn.objects.get(hwb_area__ons_code="E10000020", period__quarter=3)
    workbook = io.BytesIO(return_workbook_bytes(quarterly_return=norfolk))
    workbook.name = "norfolk.xlsx"
    page = signed_in("officer.norfolk").post(
        reverse("return-workbook-upload", args=["E10000020", "fy1516_q3"]), {"workbook": workbook}
    )
    assertContains(page, "The file could not be stored: the server&#x27;s disk is full",
                   status_code=503)  # fmt: skip
    assert not WorkbookUpload.objects.exists()
    assert files_under(disk_full) == []


def test_a_national_export_on_a_full_disk_fails_with_the_reason_and_leaves_no_part(
    signed_in, disk_full, django_capture_on_commit_callbacks
):
    client = signed_in("analyst")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("national-start", args=["fy1516_q3"]), {"include_drafts": "yes"})
    export = NationalExport.objects.get()
    assert export.status == ExportStatus.FAILED
    assert "the server's disk is full" in export.error
    assert files_under(disk_full) == []


def test_a_file_written_where_it_is_kept_is_put_in_place_whole_or_not_at_all(tmp_path):
    storage = WholeFileSystemStorage(location=tmp_path)
    name = storage.save("exports/a.zip", Written(lambda target: target.write(b"whole")))
    assert storage.open(name).read() == b"whole"

    def failing(target):
        target.write(b"half")
        raise OSError(errno.ENOSPC, "No space left on device")

    with pytest.raises(OSError, match="No space left"):
        storage.save("exports/b.zip", Written(failing))
    assert files_under(tmp_path) == [name]  # nothing under b.zip, nor beside it


def test_a_national_export_whose_zip_fills_the_disk_fails_with_the_reason_and_keeps_nothing(
    signed_in, settings, django_capture_on_commit_callbacks
):
    settings.STORAGES = {
        **settings.STORAGES, "default": {"BACKEND": f"{__name__}.FullAtTheEndStorage"},
    }  # fmt: skip
    client = signed_in("analyst")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("national-start", args=["fy1516_q3"]), {"include_drafts": "yes"})
    export = NationalExport.objects.get()
    assert (export.status, export.file.name) == (ExportStatus.FAILED, "")
    assert "the server's disk is full" in export.error
    assert files_under(settings.MEDIA_ROOT) == []  # neither the zip nor the chunks' parts


@pytest.mark.django_db
def test_files_a_killed_process_left_half_written_are_deleted_after_a_day(settings):
    import os
    import time

    from governance.tasks import tidy_up

    folder = settings.MEDIA_ROOT / "exports"
    folder.mkdir(parents=True, exist_ok=True)
    old, new, kept = (folder / ".incomplete-old.part", folder / ".incomplete-new.part",
                      folder / "a.xlsx")  # fmt: skip
    for path in (old, new, kept):
        path.write_bytes(b"x")
    two_days_ago = time.time() - 2 * 86400
    os.utime(old, (two_days_ago, two_days_ago))
    os.utime(kept, (two_days_ago, two_days_ago))
    assert tidy_up()["incomplete files"] == 1
    assert (old.exists(), new.exists(), kept.exists()) == (False, True, True)


@pytest.mark.django_db
def test_verify_files_names_each_file_missing_or_changed(
    signed_in, django_capture_on_commit_callbacks
):
    from django.core.management import CommandError, call_command

    client = signed_in("analyst")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("return-export-start", args=["E10000020", "fy1516_q3"]))
        client.post(reverse("plan-export-start", args=["E10000020", 2016]))
    out = io.StringIO()
    call_command("verify_files", stdout=out)
    assert out.getvalue() == "2 kept files checked: each is whole, as recorded.\n"
    workbook = WorkbookExport.objects.get()
    with workbook.file.storage.open(workbook.file.name, "wb") as changed:
        changed.write(b"not the workbook")
    with pytest.raises(CommandError, match="1 of 2 kept files are missing or changed"):
        call_command("verify_files", stdout=out, stderr=io.StringIO())
