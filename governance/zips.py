"""Zip as it lies on disk, where zipfile's streams would do work twice.

- A zip entry's local header (its fixed 30 bytes, then its name and extra fields): what the
  upload reader checks of each part of a workbook (`governance.uploads`), and what the
  national batch reads its stored workbooks past (`national.exports`).
- An entry's bytes as they come out, checked against the directory (`entry_pieces`): each
  part of an uploaded workbook is read through it.
- `ZipWriter`: an archive of entries whose bytes are ready, stored as they are or deflated
  already, each with its CRC-32 and size known: the national batch's chunks deflate the
  dataset's rows side by side, and the one task that puts the batch together only lays the
  pieces end to end (`deflated_piece`, `DEFLATE_END`, `crc32_combine`).
"""

import struct
import time
import zipfile
import zlib
from collections.abc import Iterable, Iterator

# A local header's fixed 30 bytes: its signature, the version needed, flags, method, time,
# date, CRC-32, sizes packed and not, then its name's and extra fields' sizes.
LOCAL = struct.Struct("<4s5H3L2H")
SIGNATURE = b"PK\x03\x04"
UTF8_NAME = 0x800  # the flag of an entry whose name is UTF-8 (else code page 437)


def _local_fields(header: bytes, entry: zipfile.ZipInfo) -> tuple[int, int, int]:
    """(flags, name size, extra fields' size) of `entry`'s local header, from its fixed 30
    bytes; ValueError where they are not a local header (the archive's directory points
    elsewhere, or past the end)."""
    if len(header) < LOCAL.size or header[:4] != SIGNATURE:
        raise ValueError(f"{entry.filename} has no local header where it says.")
    _, _, flags, *_, name_size, extra_size = LOCAL.unpack_from(header)
    return flags, name_size, extra_size


def local_header(stream, entry: zipfile.ZipInfo) -> tuple[int, int]:
    """The sizes of `entry`'s name and extra fields, `stream` left where its name starts;
    ValueError where no local header is where the archive's directory says."""
    stream.seek(entry.header_offset)
    _, name_size, extra_size = _local_fields(stream.read(LOCAL.size), entry)
    return name_size, extra_size


def local_entry(content: bytes, entry: zipfile.ZipInfo) -> tuple[int, bytes]:
    """Where `entry`'s data starts in the archive `content`, and its local header's extra
    fields (zipfile reads the directory's); ValueError where no local header is where the
    directory says, or it names another part (as zipfile refuses it: readers that walk the
    local headers would read another file)."""
    at = entry.header_offset
    flags, name_size, extra_size = _local_fields(content[at : at + LOCAL.size], entry)
    at += LOCAL.size
    name = content[at : at + name_size]
    name = name.decode("ascii" if name.isascii() else "utf-8" if flags & UTF8_NAME else "cp437")
    if name != entry.orig_filename:
        raise ValueError(f"{entry.filename}'s local header names {name}.")
    at += name_size
    return at + extra_size, content[at : at + extra_size]


def entry_pieces(
    content: bytes, entry: zipfile.ZipInfo, start: int, first: int, then: int
) -> Iterator[bytes]:
    """The bytes of `entry` (stored or deflated), whose data starts at `start` in the archive
    `content`, as they come out: `first` bytes, then `then` at a time, decompressed only as
    they are asked for. The piece that ends the entry comes only once what came out is
    checked against the directory (its size and CRC-32): ValueError where it is not what
    the directory says, or the data ends early or would come out longer than declared.

    zipfile's streams do the same with more work for each part (a file object, a buffer,
    a header read again): this is what the upload reader reads each part through."""
    data = memoryview(content)[start : start + entry.compress_size]
    if len(data) != entry.compress_size:
        raise ValueError(f"{entry.filename} is cut short.")
    if entry.compress_type == zipfile.ZIP_STORED:
        inflate, pending = None, data
    elif entry.compress_type == zipfile.ZIP_DEFLATED:
        inflater = zlib.decompressobj(-zlib.MAX_WBITS)
        inflate, pending = inflater.decompress, data
    else:
        raise ValueError(f"{entry.filename} is compressed in a way zip's readers differ on.")
    crc = length = 0
    size = first
    while True:
        if inflate is None:
            piece, pending = bytes(pending[:size]), pending[size:]
            ended = not pending
        else:
            piece = inflate(pending, size)
            pending = inflater.unconsumed_tail
            # Less than asked for: the input is spent, so the stream has ended or is cut short
            # (and then less came out than the directory says).
            ended = inflater.eof or len(piece) < size
        crc, length = zlib.crc32(piece, crc), length + len(piece)
        if length > entry.file_size:
            raise ValueError(f"{entry.filename} holds more than its directory says.")
        if ended and (length, crc) != (entry.file_size, entry.CRC):
            raise ValueError(f"{entry.filename} is not what its directory says (size, CRC-32).")
        if piece:
            yield piece
        if ended:
            return
        size = then


# Deflating pieces that are laid end to end: each piece is deflated alone (nothing in it
# refers back to an earlier one) and ends on a byte with a sync flush, which closes no stream;
# the last of them is followed by DEFLATE_END, an empty final block (zlib's own ending of an
# empty stream). What comes out is one raw deflate stream, as zip holds an entry's data.


def deflated_piece(data: bytes, level: int) -> bytes:
    """`data` raw-deflated at `level` as one piece of a longer stream."""
    compressor = zlib.compressobj(level, zlib.DEFLATED, -zlib.MAX_WBITS)
    return compressor.compress(data) + compressor.flush(zlib.Z_SYNC_FLUSH)


DEFLATE_END = zlib.compressobj(wbits=-zlib.MAX_WBITS).flush()

# CRC-32 of two pieces joined, from each one's CRC and the second's length: zlib's
# crc32_combine (not in Python's zlib), with its polynomial arithmetic modulo the CRC's.
_POLYNOMIAL = 0xEDB88320  # reflected, as zlib's


def _times(a: int, b: int) -> int:
    """a times b modulo the polynomial (both reflected, x^0 in the top bit)."""
    product, bit = 0, 1 << 31
    while a:
        if a & bit:
            product ^= b
            a ^= bit
        bit >>= 1
        b = (b >> 1) ^ _POLYNOMIAL if b & 1 else b >> 1
    return product


_X_TO_2_TO_THE = [1 << 30]  # x^(2^k) modulo the polynomial: x^1, x^2, x^4, ...
for _ in range(63):
    _X_TO_2_TO_THE.append(_times(_X_TO_2_TO_THE[-1], _X_TO_2_TO_THE[-1]))


def crc32_combine(first: int, second: int, second_length: int) -> int:
    """The CRC-32 of two pieces joined, where `first` and `second` are theirs."""
    power, k, n = 1 << 31, 3, second_length  # x^(8 n): n bytes are 2^3 n bits
    while n:
        if n & 1:
            power = _times(_X_TO_2_TO_THE[k], power)
        n >>= 1
        k += 1
    return _times(power, first) ^ second


class Joined:
    """One entry's data in pieces deflated apart (`deflated_piece`), as they are joined: the
    pieces, and the CRC-32 and size of what they hold once inflated."""

    def __init__(self):
        self.pieces: list[bytes] = []
        self.crc = self.size = 0

    def add(self, piece: bytes, crc: int, size: int) -> None:
        """A piece deflated already, holding `size` bytes whose CRC-32 is `crc`."""
        self.pieces.append(piece)
        self.crc, self.size = crc32_combine(self.crc, crc, size), self.size + size

    def deflate(self, data: bytes, level: int) -> None:
        self.add(deflated_piece(data, level), zlib.crc32(data), len(data))


CENTRAL = struct.Struct("<4s6H3L5H2L")
END = struct.Struct("<4s4H2LH")
ZIP32_MOST = 0xFFFFFFFF  # past this (sizes, offsets), or 0xFFFF entries, zip needs Zip64
VERSION = 20  # what zip's version 2.0 reads: stored and deflated entries
UNIX = 3 << 8  # "made by" a Unix system: the top half of the external attributes are its mode


class ZipWriter:
    """Writes an archive to `target` (written from the start) whose entries' bytes are
    ready: each stored as it is or deflated already, with its CRC-32 and size, so nothing is
    compressed or checksummed again. Without Zip64: an archive that would need it (past
    4 GiB or 65,535 entries) is refused, ValueError."""

    def __init__(self, target):
        self.target, self.offset, self.directory = target, 0, []

    def add(self, name: str, data: Iterable[bytes], *, crc: int, size: int, deflated: bool,
            date_time: tuple | None = None) -> None:  # fmt: skip
        """An entry of `data` (pieces written one after another), which is `size` bytes
        with this `crc` once inflated (where `deflated`) or as it is."""
        pieces = list(data)
        packed = sum(map(len, pieces))
        if max(packed, size, self.offset) > ZIP32_MOST or len(self.directory) >= 0xFFFF:
            raise ValueError("The archive would need Zip64, which it is not written with.")
        encoded, flags = name.encode(), 0 if name.isascii() else UTF8_NAME
        day, clock = _dos_time(date_time or time.localtime()[:6])
        method = zipfile.ZIP_DEFLATED if deflated else zipfile.ZIP_STORED
        fields = (flags, method, clock, day, crc, packed, size, len(encoded))
        self.directory.append((fields, self.offset, encoded))
        self._write(LOCAL.pack(SIGNATURE, VERSION, *fields, 0) + encoded)
        for piece in pieces:
            self._write(piece)

    def add_joined(self, name: str, joined: Joined, date_time: tuple | None = None) -> None:
        """An entry of the pieces joined, the deflate stream ended after them."""
        self.add(name, [*joined.pieces, DEFLATE_END], crc=joined.crc, size=joined.size,
                 deflated=True, date_time=date_time)  # fmt: skip

    def close(self) -> None:
        """The central directory and its end."""
        start = self.offset
        for fields, offset, encoded in self.directory:
            flags, method, clock, day, crc, packed, size, name_size = fields
            self._write(CENTRAL.pack(b"PK\x01\x02", UNIX | VERSION, VERSION, flags, method,
                                     clock, day, crc, packed, size, name_size, 0, 0, 0, 0,
                                     0o644 << 16, offset) + encoded)  # fmt: skip
        if self.offset > ZIP32_MOST:
            raise ValueError("The archive would need Zip64, which it is not written with.")
        entries = len(self.directory)
        self._write(END.pack(b"PK\x05\x06", 0, 0, entries, entries, self.offset - start, start,
                             0))  # fmt: skip

    def _write(self, data: bytes) -> None:
        self.target.write(data)
        self.offset += len(data)


def _dos_time(date_time: tuple) -> tuple[int, int]:
    """(date, time) as zip keeps them: to two seconds, from 1980."""
    year, month, day, hour, minute, second = date_time[:6]
    year = max(year, 1980)
    return (year - 1980) << 9 | month << 5 | day, hour << 11 | minute << 5 | second // 2
