"""Zip-level mutations of the packet campaign: bytes, whole members, the container's structure.

A packet is read as a list of members (name, bytes) and written back with the same order and
compression, so a mutation changes only what it names. The byte family works on the file's
bytes directly, knowing where each structure lies (local headers, compressed data, central
directory, end record).
"""

from __future__ import annotations

import random
import struct
import warnings
import zipfile
from dataclasses import dataclass
from pathlib import Path

__all__ = ["Members", "read_members", "write_members", "Layout", "layout", "mutate_bytes"]

Members = list[tuple[str, bytes]]

_STAMP = (2026, 1, 1, 0, 0, 0)
"""Every member's time: the same trial makes the same bytes."""


def read_members(path: Path) -> Members:
    """The members of the zip ``path``, in order."""
    with zipfile.ZipFile(path) as z:
        return [(info.filename, z.read(info)) for info in z.infolist()]


def write_members(members: Members, dest: Path) -> None:
    """Write ``members`` as a deflated zip (duplicate names allowed: a mutation may add one)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # zipfile warns about a duplicate name
        with zipfile.ZipFile(dest, "w", zipfile.ZIP_DEFLATED) as z:
            for name, data in members:
                z.writestr(zipfile.ZipInfo(name, date_time=_STAMP), data, compress_type=zipfile.ZIP_DEFLATED)


@dataclass(frozen=True)
class Entry:
    """Where one member lies in the file."""

    name: str
    local: int
    """Offset of its local header."""
    data: int
    """Offset of its compressed data."""
    size: int
    """Compressed size."""
    central: int
    """Offset of its central directory entry."""


@dataclass(frozen=True)
class Layout:
    """Where the structures of a zip file lie."""

    entries: list[Entry]
    central: int
    """Offset of the central directory."""
    end: int
    """Offset of the end-of-central-directory record."""


def layout(data: bytes) -> Layout:
    """Locate the members, central directory and end record of the zip ``data``."""
    end = data.rfind(b"PK\x05\x06")
    count, _, cd_offset = struct.unpack_from("<HII", data, end + 10)
    entries, pos = [], cd_offset
    for _ in range(count):
        name_len, extra_len, comment_len = struct.unpack_from("<HHH", data, pos + 28)
        size = struct.unpack_from("<I", data, pos + 20)[0]
        local = struct.unpack_from("<I", data, pos + 42)[0]
        name = data[pos + 46: pos + 46 + name_len].decode("utf-8", "replace")
        l_name, l_extra = struct.unpack_from("<HH", data, local + 26)
        entries.append(Entry(name, local, local + 30 + l_name + l_extra, size, pos))
        pos += 46 + name_len + extra_len + comment_len
    return Layout(entries, cd_offset, end)


def _put(buf: bytearray, offset: int, fmt: str, value: int) -> None:
    struct.pack_into(fmt, buf, offset, value & ((1 << (8 * struct.calcsize(fmt))) - 1))


def _pick_entry(rng: random.Random, lay: Layout) -> Entry:
    """A member: the machine part and register sheets more often than the rest."""
    sheets = [e for e in lay.entries if e.name.startswith("xl/worksheets/")]
    return rng.choice(sheets) if sheets and rng.random() < 0.6 else rng.choice(lay.entries)


def mutate_bytes(data: bytes, rng: random.Random) -> tuple[bytes, str]:
    """One byte-level change of the zip ``data``: (new bytes, what was done)."""
    lay = layout(data)
    buf = bytearray(data)
    entry = _pick_entry(rng, lay)
    op = rng.choice(["flip-data", "flip-local", "flip-central", "flip-end", "flip-any", "truncate",
                     "append", "prepend", "zero-data", "zero-any", "crc", "encrypted", "method",
                     "version", "sizes", "offset", "insert", "count"])
    label = f"{op} {entry.name}"
    if op.startswith("flip"):
        start, stop = {"flip-data": (entry.data, entry.data + entry.size),
                       "flip-local": (entry.local, entry.data),
                       "flip-central": (lay.central, lay.end),
                       "flip-end": (lay.end, len(buf)),
                       "flip-any": (0, len(buf))}[op]
        for _ in range(rng.choice([1, 1, 1, 2, 8])):
            at = rng.randrange(start, max(start + 1, stop))
            bit = rng.randrange(8)
            buf[at] ^= 1 << bit
            label += f" @{at}.{bit}"
    elif op == "truncate":
        cut = rng.choice([rng.randrange(len(buf)), lay.central, lay.end, entry.data + entry.size // 2,
                          len(buf) - rng.randrange(1, 23)])
        del buf[cut:]
        label += f" at {cut}"
    elif op == "append":
        junk = rng.randbytes(rng.choice([1, 100, 10_000])) if rng.random() < 0.7 else data[: rng.randrange(1, 4096)]
        buf += junk
        label += f" {len(junk)} bytes"
    elif op == "prepend":
        junk = rng.randbytes(rng.choice([1, 64, 5000]))
        buf[0:0] = junk
        label += f" {len(junk)} bytes"
    elif op == "insert":
        at = rng.randrange(entry.data, entry.data + max(1, entry.size))
        junk = rng.randbytes(rng.choice([1, 7, 300]))
        buf[at:at] = junk
        label += f" {len(junk)} bytes @{at}"
    elif op.startswith("zero"):
        start, stop = (entry.data, entry.data + entry.size) if op == "zero-data" else (0, len(buf))
        at = rng.randrange(start, max(start + 1, stop))
        n = rng.choice([4, 64, 1024, 100_000])
        buf[at: at + n] = bytes(len(buf[at: at + n]))
        label += f" {n} @{at}"
    else:
        where = "central" if op == "offset" else "local" if op == "count" else \
            rng.choice(["local", "central", "both"])
        label += f" ({where})"
        spots = ([entry.local] if where != "central" else []) + ([entry.central] if where != "local" else [])
        for spot in spots:
            central = spot == entry.central
            shift = 2 if central else 0  # the central entry has "version made by" first
            if op == "crc":
                _put(buf, spot + 14 + shift, "<I", rng.getrandbits(32))
            elif op == "encrypted":
                flags = struct.unpack_from("<H", buf, spot + 6 + shift)[0]
                _put(buf, spot + 6 + shift, "<H", flags | 1)
            elif op == "method":
                method = rng.choice([0, 1, 6, 9, 12, 14, 93, 95, 99, 0xFFFF])
                _put(buf, spot + 8 + shift, "<H", method)
                label += f" method {method}"
            elif op == "version":
                version = rng.choice([45, 63, 99, 255, 0xFFFF])
                _put(buf, spot + 4 + shift, "<H", version)
                label += f" version {version}"
            elif op == "sizes":
                field = rng.choice([18, 22])  # compressed or uncompressed size
                value = rng.choice([0, 1, 0xFFFFFFFF, rng.getrandbits(31)])
                _put(buf, spot + field + shift, "<I", value)
                label += f" size@{field}={value}"
            elif op == "offset" and central:
                value = rng.choice([0, len(buf) - 1, rng.randrange(len(buf)), 0xFFFFFFFF])
                _put(buf, spot + 42, "<I", value)
                label += f" local offset={value}"
            elif op == "count":  # once: the end record's entry counts
                value = rng.choice([0, 1, 0xFFFF])
                _put(buf, lay.end + rng.choice([8, 10]), "<H", value)
                label += f" entries={value}"
    return bytes(buf), label
