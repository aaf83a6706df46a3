"""The extent of an old Excel (``.xls``, BIFF8) sheet, read before calamine loads it.

calamine holds a sheet as one grid from its first to its last cell, so one stray cell at
IV65536 makes it allocate the whole grid. ``olefile`` is not installed, so this reads the
compound file itself (header, FAT, mini FAT, directory: the ``Workbook`` or ``Book``
stream) and walks the BIFF records of every sheet (found by the offsets its BOUNDSHEET
record gives): the cell records (NUMBER, LABELSST, RK, MULRK, BLANK, MULBLANK, FORMULA,
LABEL, BOOLERR, RSTRING), the ROW and the DIMENSIONS records each name rows and columns; the
largest of each is the sheet's extent. Every chain is bounded by the file's sector count (a loop ends the walk as a
refusal), so a crafted file cannot make this loop or allocate more than the file's size."""

from __future__ import annotations

import struct
from dataclasses import dataclass
from typing import Any

__all__ = ["Extent", "XlsDamaged", "sheet_extents", "workbook_stream"]

_MAGIC = bytes.fromhex("D0CF11E0A1B11AE1")
_END = 0xFFFFFFFE
_FREE = 0xFFFFFFFF
_BOF, _EOF = 0x0809, 0x000A
_SINGLE = frozenset({0x0006, 0x00FD, 0x0203, 0x027E, 0x0201, 0x0204, 0x0205, 0x00D6})
"""Records that start with row (2 bytes) and column (2 bytes) of one cell."""
_MULTI = frozenset({0x00BD, 0x00BE})
"""MULRK and MULBLANK: row, first column, …, last column (the record's last 2 bytes)."""
_ROW, _DIMENSIONS, _BOUNDSHEET = 0x0208, 0x0200, 0x0085


class XlsDamaged(Exception):
    """The file is not a compound document that can be read (or a chain in it is broken)."""


@dataclass(frozen=True)
class Extent:
    """The last row and column (1-based) a sheet's records reach (0: empty)."""

    rows: int
    columns: int


def _chain(table: list[int], start: int, limit: int) -> list[int]:
    out: list[int] = []
    sector = start
    while sector not in (_END, _FREE):
        if sector >= len(table) or len(out) > limit:
            raise XlsDamaged(f"broken sector chain at {sector}")
        out.append(sector)
        sector = table[sector]
    return out


def workbook_stream(data: bytes) -> bytes:
    """The ``Workbook`` (or ``Book``) stream of a compound document. Raises :class:`XlsDamaged`."""
    if len(data) < 512 or data[:8] != _MAGIC:
        raise XlsDamaged("not a compound document")
    shift, mini_shift = struct.unpack_from("<HH", data, 0x1E)
    if shift not in (9, 12) or mini_shift != 6:
        raise XlsDamaged("odd sector sizes")
    size, mini_size = 1 << shift, 1 << mini_shift
    sectors = (len(data) - size) // size + 1
    first_dir, = struct.unpack_from("<I", data, 0x30)
    cutoff, first_mini_fat, _n_mini, first_difat, n_difat = struct.unpack_from("<IIIII", data, 0x38)

    def sector(n: int) -> bytes:
        at = (n + 1) * size
        if n >= sectors or at + size > len(data) + size:
            raise XlsDamaged(f"sector {n} outside the file")
        return data[at:at + size]

    difat = [v for v in struct.unpack_from("<109I", data, 0x4C) if v not in (_END, _FREE)]
    next_difat, seen = first_difat, 0
    while next_difat not in (_END, _FREE) and seen < n_difat:
        if seen > sectors:
            raise XlsDamaged("DIFAT loop")
        values = struct.unpack(f"<{size // 4}I", sector(next_difat))
        difat += [v for v in values[:-1] if v not in (_END, _FREE)]
        next_difat, seen = values[-1], seen + 1
    fat: list[int] = []
    for n in difat[:sectors]:
        fat += struct.unpack(f"<{size // 4}I", sector(n))

    def read(start: int, length: int | None = None) -> bytes:
        out = b"".join(sector(n) for n in _chain(fat, start, sectors))
        return out if length is None else out[:length]

    directory = read(first_dir)
    entries = []
    for at in range(0, len(directory) - 127, 128):
        name_length, kind = struct.unpack_from("<HB", directory, at + 0x40)
        name = directory[at:at + max(0, min(name_length, 64) - 2)].decode("utf-16-le", "replace")
        start, length = struct.unpack_from("<II", directory, at + 0x74)
        entries.append((name, kind, start, length))
    if not entries or entries[0][1] != 5:
        raise XlsDamaged("no root entry")
    for wanted in ("Workbook", "Book"):
        for name, kind, start, length in entries:
            if kind != 2 or name != wanted:
                continue
            if length > len(data):
                raise XlsDamaged("stream longer than the file")
            if length >= cutoff:
                return read(start, length)
            mini_fat_raw = read(first_mini_fat) if first_mini_fat not in (_END, _FREE) else b""
            mini_fat = list(struct.unpack(f"<{len(mini_fat_raw) // 4}I", mini_fat_raw))
            mini_stream = read(entries[0][2], entries[0][3])
            chain = _chain(mini_fat, start, len(mini_stream) // mini_size + 1)
            return b"".join(mini_stream[n * mini_size:(n + 1) * mini_size] for n in chain)[:length]
    raise XlsDamaged("no Workbook stream")


def _sheet_name(body: bytes) -> str:
    """The name in a BOUNDSHEET record (BIFF8: a short unicode string after 6 bytes)."""
    if len(body) < 8:
        return ""
    count, flags = body[6], body[7]
    raw = body[8:8 + count * (2 if flags & 1 else 1)]
    return raw.decode("utf-16-le" if flags & 1 else "latin-1", "replace")


def sheet_extents(data: bytes) -> dict[str, Extent]:
    """Sheet name → the extent its substream's records reach (the sheets the workbook's
    BOUNDSHEET records list, found by their stream offset; a chart embedded in a sheet counts
    for nothing). Raises :class:`XlsDamaged`."""
    stream = workbook_stream(data)
    names: dict[int, str] = {}
    out: dict[str, Extent] = {}
    frames: list[list[Any]] = []  # [name or None, rows, columns] per open substream
    at = 0
    while at + 4 <= len(stream):
        kind, length = struct.unpack_from("<HH", stream, at)
        body = stream[at + 4:at + 4 + length]
        start, at = at, at + 4 + length
        if kind == _BOF:
            if len(frames) > 64:
                raise XlsDamaged("substreams nested too deep")
            frames.append([names.get(start), 0, 0])
            continue
        if not frames:
            continue
        frame = frames[-1]
        if kind == _EOF:
            frames.pop()
            if frame[0] is not None:
                out[frame[0]] = Extent(frame[1], frame[2])
            continue
        if kind == _BOUNDSHEET and len(body) >= 4:
            offset, = struct.unpack_from("<I", body)
            names[offset] = _sheet_name(body)
        elif kind in _SINGLE and len(body) >= 4:
            r, c = struct.unpack_from("<HH", body)
            frame[1], frame[2] = max(frame[1], r + 1), max(frame[2], c + 1)
        elif kind in _MULTI and len(body) >= 6:
            r, _first = struct.unpack_from("<HH", body)
            last, = struct.unpack_from("<H", body, len(body) - 2)
            frame[1], frame[2] = max(frame[1], r + 1), max(frame[2], last + 1)
        elif kind == _ROW and len(body) >= 6:
            r, _first, after = struct.unpack_from("<HHH", body)
            frame[1], frame[2] = max(frame[1], r + 1), max(frame[2], after)
        elif kind == _DIMENSIONS and len(body) >= 12:
            _r0, after_row, _c0, after_col = struct.unpack_from("<IIHH", body)
            frame[1], frame[2] = max(frame[1], after_row), max(frame[2], after_col)
    for name, rows, columns in frames:  # a stream cut short: what was read counts
        if name is not None:
            out[name] = Extent(rows, columns)
    return out
