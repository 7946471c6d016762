"""A zip entry's local header, as zip lays it out (its fixed 30 bytes, then its name and extra
fields): what the upload reader checks of each part of a workbook (`governance.uploads`),
and what the national batch reads its stored workbooks past (`national.exports`)."""

import io
import struct
import zipfile

LOCAL_HEADER = struct.Struct("<4s22x2H")  # its signature, then its name's and extra's sizes
SIGNATURE = b"PK\x03\x04"


def local_header(stream, entry: zipfile.ZipInfo) -> tuple[int, int]:
    """The sizes of `entry`'s name and extra fields, `stream` left where its name starts;
    ValueError where no local header is where the archive's directory says."""
    stream.seek(entry.header_offset)
    signature, name_size, extra_size = LOCAL_HEADER.unpack(stream.read(LOCAL_HEADER.size))
    if signature != SIGNATURE:
        raise ValueError(f"{entry.filename} has no local header where it says.")
    return name_size, extra_size


def local_extra(stream, entry: zipfile.ZipInfo) -> bytes:
    """The extra fields of `entry`'s local header (zipfile reads the directory's)."""
    name_size, extra_size = local_header(stream, entry)
    stream.seek(name_size, io.SEEK_CUR)
    return stream.read(extra_size)
