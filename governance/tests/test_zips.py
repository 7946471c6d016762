"""An archive written from entries whose bytes are ready (`governance.zips.ZipWriter`) is
one that zipfile reads back whole, every entry's CRC-32 as it says; pieces deflated apart,
laid end to end, inflate to the whole they were cut from."""

import io
import zipfile
import zlib

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from governance import zips
from governance.zips import DEFLATE_END, Joined, ZipWriter, crc32_combine

PIECES = st.lists(st.binary(max_size=3000) | st.text(max_size=500).map(str.encode), max_size=6)


@settings(max_examples=300, deadline=None)
@given(first=st.binary(max_size=5000), second=st.binary(max_size=70_000))
def test_two_pieces_crcs_combine_into_the_crc_of_the_two_joined(first, second):
    combined = crc32_combine(zlib.crc32(first), zlib.crc32(second), len(second))
    assert combined == zlib.crc32(first + second)


@settings(max_examples=200, deadline=None)
@given(pieces=PIECES, level=st.sampled_from([0, 1, 6, 9]))
def test_pieces_deflated_apart_and_joined_inflate_to_the_whole(pieces, level):
    joined = Joined()
    for piece in pieces:
        joined.deflate(piece, level)
    whole = b"".join(pieces)
    inflater = zlib.decompressobj(-zlib.MAX_WBITS)
    assert inflater.decompress(b"".join([*joined.pieces, DEFLATE_END])) == whole
    assert inflater.eof  # the stream ends where it says
    assert not inflater.unused_data
    assert (joined.crc, joined.size) == (zlib.crc32(whole), len(whole))


def written(*entries) -> zipfile.ZipFile:
    target = io.BytesIO()
    archive = ZipWriter(target)
    for add in entries:
        add(archive)
    archive.close()
    return zipfile.ZipFile(io.BytesIO(target.getvalue()))


def stored(name, data, **kw):
    return lambda archive: archive.add(name, [data[:3], data[3:]], crc=zlib.crc32(data),
                                       size=len(data), deflated=False, **kw)  # fmt: skip


def test_zipfile_reads_back_every_entry_stored_or_deflated_named_and_dated():
    lines = Joined()
    for line in (b"hwb_name,ons_code\n", b"Norfolk,E10000020\n" * 300, b""):
        lines.deflate(line, 6)
    read = written(
        stored(
            "workbooks/BCF-Q3-2015-16-Norfolk.xlsx",
            b"PK\x03\x04 a workbook",
            date_time=(2026, 12, 7, 11, 30, 15),
        ),
        lambda archive: archive.add_joined("dataset.csv", lines, (2015, 12, 31, 23, 59, 58)),
        stored("Bristol – Weston-super-Mare é.txt", b"a name zip keeps in UTF-8"),
        stored("empty", b""),
    )
    assert read.testzip() is None
    assert [(entry.filename, entry.compress_type) for entry in read.infolist()] == [
        ("workbooks/BCF-Q3-2015-16-Norfolk.xlsx", zipfile.ZIP_STORED),
        ("dataset.csv", zipfile.ZIP_DEFLATED),
        ("Bristol – Weston-super-Mare é.txt", zipfile.ZIP_STORED),
        ("empty", zipfile.ZIP_STORED),
    ]
    assert read.read("dataset.csv") == b"hwb_name,ons_code\n" + b"Norfolk,E10000020\n" * 300
    assert read.read("workbooks/BCF-Q3-2015-16-Norfolk.xlsx") == b"PK\x03\x04 a workbook"
    dates = [entry.date_time for entry in read.infolist()[:2]]
    assert dates == [(2026, 12, 7, 11, 30, 14), (2015, 12, 31, 23, 59, 58)]  # to two seconds


def test_a_wrong_crc_is_what_zipfile_finds():
    """The writer trusts what it is told (its callers' own files, written moments before):
    zipfile, reading, says so where a CRC-32 is wrong."""
    read = written(lambda archive: archive.add("x", [b"data"], crc=1, size=4, deflated=False))
    assert read.testzip() == "x"


def test_an_archive_that_would_need_zip64_is_refused(monkeypatch):
    monkeypatch.setattr(zips, "ZIP32_MOST", 10)
    with pytest.raises(ValueError, match="Zip64"):
        written(stored("big", b"eleven byte"))
