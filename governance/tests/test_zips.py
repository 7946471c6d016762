"""An archive written from entries whose bytes are ready (`governance.zips.ZipWriter`) is
one that zipfile reads back whole, every entry's CRC-32 as it says; pieces deflated apart,
laid end to end, inflate to the whole they were cut from. An entry read out of an archive's
bytes (`entry_pieces`, as the upload reader reads each part) comes out whole, in pieces no
longer than asked, and only once it is what the archive's directory says."""

import copy
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


def _entries(data: bytes, level: int) -> tuple[bytes, zipfile.ZipInfo, int]:
    """An archive zipfile writes of one entry holding `data` (stored at level None), its
    directory's entry, and where its data starts."""
    buffer = io.BytesIO()
    method = zipfile.ZIP_STORED if level is None else zipfile.ZIP_DEFLATED
    with zipfile.ZipFile(buffer, "w", method, compresslevel=level) as archive:
        archive.writestr("xl/sheet.xml", data)
    content = buffer.getvalue()
    entry = zipfile.ZipFile(io.BytesIO(content)).getinfo("xl/sheet.xml")
    return content, entry, zips.local_entry(content, entry)[0]


@settings(max_examples=200, deadline=None)
@given(data=st.binary(max_size=20_000) | st.text(max_size=3000).map(str.encode),
       level=st.sampled_from([None, 1, 9]), first=st.integers(1, 5000),
       then=st.integers(1, 5000))  # fmt: skip
def test_an_entry_comes_out_whole_in_pieces_no_longer_than_asked(data, level, first, then):
    content, entry, start = _entries(data, level)
    pieces = list(zips.entry_pieces(content, entry, start, first, then))
    assert b"".join(pieces) == data
    assert all(pieces)  # no empty piece
    assert all(len(p) <= (first if n == 0 else then) for n, p in enumerate(pieces))


def _changed(entry: zipfile.ZipInfo, **fields) -> zipfile.ZipInfo:
    """A copy of the directory's `entry` with some fields said otherwise."""
    changed = copy.copy(entry)
    for name, value in fields.items():
        setattr(changed, name, value)
    return changed


@pytest.mark.parametrize("level", [None, 6])
def test_an_entry_not_what_its_directory_says_fails_at_its_last_piece(level):
    data = b"<sst>" + b"x" * 10_000 + b"</sst>"
    content, entry, start = _entries(data, level)
    for wrong in (
        {"CRC": entry.CRC ^ 1},  # a changed byte
        {"file_size": entry.file_size + 1},  # less than declared
        {"file_size": entry.file_size - 1},  # more than declared
    ):
        pieces = zips.entry_pieces(content, _changed(entry, **wrong), start, 4096, 4096)
        with pytest.raises(ValueError, match="its directory says"):
            list(pieces)
    # Cut short: the file stops before the entry's data does.
    cut = content[: start + entry.compress_size // 2]
    with pytest.raises(ValueError, match="cut short"):
        list(zips.entry_pieces(cut, entry, start, 4096, 4096))


def test_a_part_that_fits_in_its_first_piece_is_checked_before_it_comes():
    """The upload reader reads a part that may be plain in one piece and never asks again:
    that piece is the last, and comes only once checked."""
    content, entry, start = _entries(b"<Types/>", 6)
    bad = _changed(entry, CRC=entry.CRC ^ 1)
    with pytest.raises(ValueError, match="what its directory says"):
        next(zips.entry_pieces(content, bad, start, 1024, 1024))
    assert next(zips.entry_pieces(content, entry, start, 1024, 1024)) == b"<Types/>"


def test_a_local_header_must_be_where_the_directory_says_and_name_the_same_part():
    content, entry, _ = _entries(b"<a/>", 6)
    with pytest.raises(ValueError, match="no local header"):
        zips.local_entry(content, _changed(entry, header_offset=1))
    # The local header (the archive's first, its name after its fixed 30 bytes) renamed.
    renamed = content[:30] + b"xl/sheet.xmX" + content[42:]
    with pytest.raises(ValueError, match=r"names xl/sheet\.xmX"):
        zips.local_entry(renamed, entry)


def test_a_deflate_stream_without_its_end_ends_where_its_bytes_do():
    """As zipfile reads it: data deflated with a sync flush and no final block (every byte
    of it read) is whole where its size and CRC-32 say so, and is not waited on for more."""
    data = b"<row/>" * 2000
    buffer = io.BytesIO()
    writer = ZipWriter(buffer)
    writer.add("a.xml", [zips.deflated_piece(data, 6)], crc=zlib.crc32(data), size=len(data),
               deflated=True)  # fmt: skip
    writer.close()
    content = buffer.getvalue()
    entry = zipfile.ZipFile(io.BytesIO(content)).getinfo("a.xml")
    start = zips.local_entry(content, entry)[0]
    assert b"".join(zips.entry_pieces(content, entry, start, 1000, 1000)) == data


def test_an_entry_holding_more_than_declared_stops_at_the_piece_that_passes_it():
    """A bomb whose directory claims little is not inflated past what it claims."""
    content, entry, start = _entries(b" " * 1_000_000, 9)
    claimed = _changed(entry, file_size=250)
    came = []
    with pytest.raises(ValueError, match="holds more than its directory says"):
        came.extend(zips.entry_pieces(content, claimed, start, 100, 100))
    assert sum(map(len, came)) <= 250
