"""Where the portal keeps files: media written whole or not at all, and static files.

**Media** (exported workbooks, uploads, national exports and their parts) go through
`WholeFileSystemStorage`: each file is written under a hidden temporary name beside its own,
flushed to disk, then linked in under its name, which is never overwritten. A failure part
way (the disk full, a permission taken away) leaves nothing under the name and removes the
temporary file, so no reader ever finds half a workbook. `storing()` turns the storage's
error into `FileNotStored`, whose message says what happened in words for users; jobs record
it as their reason, and upload pages show it.
"""

import contextlib
import errno
import hashlib
import logging
import os
import tempfile
import time
from collections.abc import Callable, Iterator
from datetime import timedelta
from pathlib import Path
from typing import BinaryIO

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from whitenoise.storage import CompressedManifestStaticFilesStorage

logger = logging.getLogger(__name__)

INCOMPLETE = ".incomplete-"  # a file being written: never a name the portal gives


class WholeFileSystemStorage(FileSystemStorage):
    def _save(self, name: str, content) -> str:
        full_path = self.path(name)
        directory = os.path.dirname(full_path)
        os.makedirs(directory, exist_ok=True)
        fd, temporary = tempfile.mkstemp(dir=directory, prefix=INCOMPLETE, suffix=".part")
        try:
            with os.fdopen(fd, "wb") as target:
                self._write(content, target)
                target.flush()
                os.fsync(target.fileno())
            os.chmod(temporary, self.file_permissions_mode or 0o644)
            while True:
                try:
                    os.link(temporary, full_path)  # refused, never overwriting, if taken
                    break
                except FileExistsError:
                    name = self.get_available_name(name)
                    full_path = self.path(name)
        finally:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(temporary)
        self._ensure_location_group_id(full_path)
        return os.path.relpath(full_path, self.location).replace("\\", "/")

    def _write(self, content, target) -> None:
        if isinstance(content, Written):
            content.write(target)
            return
        for chunk in content.chunks():  # from the start (File.chunks seeks to 0)
            target.write(chunk if isinstance(chunk, bytes) else chunk.encode())


class Written:
    """What `WholeFileSystemStorage.save` stores by calling `write(file)` on the temporary
    file it links in under the name: a file written once, where it is kept, rather than
    made aside then copied in (a national batch's zip, megabytes). Whole or not at all, as
    any file it saves."""

    name = None

    def __init__(self, write: Callable[[BinaryIO], None]):
        self.write = write

    def chunks(self):
        raise TypeError("A Written file writes itself where it is stored: it has no chunks.")


def incomplete_files_purge(*, older_than: timedelta) -> int:
    """Delete temporary files older than this: a process killed while writing left them."""
    cutoff, count = time.time() - older_than.total_seconds(), 0
    for path in Path(settings.MEDIA_ROOT).rglob(f"{INCOMPLETE}*"):
        if path.is_file() and path.stat().st_mtime < cutoff:
            path.unlink(missing_ok=True)
            count += 1
    return count


def kept_files_verify() -> tuple[int, list[str]]:
    """Every file a record keeps with its SHA-256 (exports ready, uploads), read back from the
    file store and hashed: (how many were checked, what is wrong, one line each). What a
    restore from backups is checked with (`manage.py verify_files`)."""
    from django.apps import apps

    checked, problems = 0, []
    for model in apps.get_models():
        names = {field.name for field in model._meta.get_fields()}
        if not {"file", "sha256"} <= names:
            continue
        kept = model.objects.exclude(file="").exclude(sha256="").order_by("pk")
        for record in kept.iterator():
            checked += 1
            where = f"{model._meta.verbose_name} {record.pk} ({record.file.name})"
            if not record.file.storage.exists(record.file.name):
                problems.append(f"{where}: missing from the file store")
                continue
            with record.file.storage.open(record.file.name, "rb") as kept_file:
                digest = hashlib.file_digest(kept_file, "sha256")
            if digest.hexdigest() != record.sha256:
                problems.append(f"{where}: its SHA-256 is not the one recorded")
    return checked, problems


class FileNotStored(Exception):
    """The file could not be written; `message` says why, for the person waiting on it."""

    def __init__(self, error: OSError):
        self.error = error
        super().__init__(_reason(error))

    @property
    def message(self) -> str:
        return str(self)


def _reason(error: OSError) -> str:
    if error.errno in (errno.ENOSPC, errno.EDQUOT):
        why = "the server's disk is full"
    elif error.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        why = "the portal may not write to its file store"
    else:
        why = f"the server's file store failed ({error.strerror or error})"
    return (
        f"The file could not be stored: {why}. Nothing was kept. Try again later, and tell "
        "your portal administrator."
    )


@contextlib.contextmanager
def storing() -> Iterator[None]:
    """Saving or reading files in the block: the storage's OSError as FileNotStored."""
    try:
        yield
    except OSError as error:
        logger.error("File store failed", exc_info=error)
        raise FileNotStored(error) from error


class StaticFilesStorage(CompressedManifestStaticFilesStorage):
    # static/js/init.mjs imports GOV.UK Frontend as an ES module; rewrite that import
    # to the hashed file name too, so both can be cached for ever.
    support_js_module_import_aggregation = True
