"""The packet format: what sheets and columns a packet has, and the canonical form of values.

A packet is an ordinary ``.xlsx``:

- ``封面`` (cover): office, period, export time, clerk, sequence number, rows per register, the
  key fingerprint, and a note that edits are detected;
- one sheet per register (named by its Chinese name) with Chinese headers in row 1 and one record
  per row: 编号 (id), the register's fields, then 所属单位, 版本, 已删除, 创建时间, 修改时间;
- ``_数据包信息`` (hidden): the machine part, JSON in column A: format and schema version,
  office, sequence, previous packet's hash, content hash, public key, signature, the column keys
  of each sheet, and a compressed copy of the exported values (so an edited cell can be named
  with its old and new value).

Every value has a *canonical* text form by field type (dates ISO, decimals at their declared
places, codes not labels, lists as JSON). The content hash is a SHA-256 over the canonical
rows; it is computed from what the cells mean, so a re-save by Excel, WPS or LibreOffice (which
rewrites the file) does not change it, while an edited value does.
"""

from __future__ import annotations

import hashlib
import json
import math
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from itertools import repeat
from json.encoder import encode_basestring as _json_str  # a str as json.dumps(ensure_ascii=False) writes it
from operator import methodcaller
from pathlib import Path
from typing import Any, cast

from desktop import validation
from desktop.fields import DATE_MIN, LIST_SEPARATORS, TEXT_MAX, Field, FieldError, FieldType, Kind
from desktop.messages import shorten
from desktop.registers import REGISTRY
from desktop.validation import Reason

__all__ = ["FORMAT", "FORMAT_VERSION", "COVER", "META_SHEET", "LISTS_SHEET", "META_COLUMNS",
           "Column", "sheet_columns", "canonical", "canonical_line", "cell_to_value",
           "cell_parser", "column_parser", "PACKET_KINDS", "EXCLUDED_KINDS", "ContentDigest",
           "file_sha256"]

FORMAT = "giledger-packet"
FORMAT_VERSION = 1
COVER = "封面"
META_SHEET = "_数据包信息"
LISTS_SHEET = "_代码表"
META_CHUNK = 30_000
"""Characters of machine-part text per cell (Excel's limit is 32,767)."""
PACKET_KINDS = ("county", "restore", "reference", "receipt")
EXCLUDED_KINDS: frozenset[str] = frozenset()
"""Register kinds never carried in packets (none: every register travels)."""

YES, NO = "是", "否"


@dataclass(frozen=True)
class Column:
    """One column of a register sheet: a field, or one of the common columns."""

    key: str
    zh: str
    field: Field | None  # None for the common columns

    @property
    def width(self) -> int:
        if self.field is not None:
            return max(self.field.width, 8)
        return {"id": 17, "office_code": 9, "revision": 6, "deleted": 7}.get(self.key, 22)


META_COLUMNS: tuple[tuple[str, str], ...] = (
    ("office_code", "所属单位"), ("revision", "版本"), ("deleted", "已删除"),
    ("created_at", "创建时间"), ("updated_at", "修改时间"),
)


def sheet_columns(kind: Kind) -> list[Column]:
    """The columns of a register's sheet, in order."""
    return ([Column("id", "编号", None)] + [Column(f.key, f.zh, f) for f in kind.fields]
            + [Column(k, zh, None) for k, zh in META_COLUMNS])


def packet_kinds(level: str | None = None) -> list[Kind]:
    """The registers a packet carries, in reference order: those an office of ``level``
    keeps (:attr:`Kind.written_by`; a county's packet has no work-plan sheet), or every one."""
    return [k for k in REGISTRY.values() if k.key not in EXCLUDED_KINDS
            and (level is None or level in k.written_by)]


# ---- canonical values --------------------------------------------------------------------

def canonical(column: Column, value: Any) -> str | None:
    """The canonical text of a Python value of ``column`` (None for empty)."""
    if value is None:
        return None
    f = column.field
    if f is None:
        if column.key == "deleted":
            return "1" if value else "0"
        return str(value)
    t = f.type
    if t is FieldType.DECIMAL:
        return f"{value:.{f.decimals}f}"
    if t is FieldType.DATE:
        text: str = value.isoformat()
        return text
    if t is FieldType.BOOL:
        return "1" if value else "0"
    if t in (FieldType.MULTI, FieldType.LIST):
        return json.dumps(list(value), ensure_ascii=False)
    return str(value)


def canonical_line(kind_key: str, values: Iterable[str | None]) -> bytes:
    """One row as hashed and embedded: a compact JSON array, newline-terminated, UTF-8."""
    return (json.dumps([kind_key, *values], ensure_ascii=False, separators=(",", ":")) + "\n").encode()


def file_sha256(path: Path) -> str:
    """SHA-256 of a file, read a megabyte at a time (how received packets are archived)."""
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


_DIGEST = methodcaller("digest")


class ContentDigest:
    """The content hash of a packet: SHA-256 over the sorted SHA-256 of each canonical row.

    Independent of row order, so a sheet sorted or filtered in Excel (the packet has an
    autofilter) is not an edit, while any changed, added or removed row is."""

    def __init__(self) -> None:
        self._rows: list[bytes] = []

    def update(self, line: bytes) -> None:
        self._rows.append(hashlib.sha256(line).digest())

    def update_many(self, lines: Iterable[bytes]) -> None:
        """:meth:`update` with each line."""
        self._rows.extend(map(_DIGEST, map(hashlib.sha256, lines)))

    def hexdigest(self) -> str:
        self._rows.sort()
        return hashlib.sha256(b"giledger-content-1\n" + b"".join(self._rows)).hexdigest()


# ---- cells -------------------------------------------------------------------------------

def cell_text(column: Column, value: Any) -> Any:
    """What a cell shows for a Python value: labels for codes, 是/否, joined lists."""
    if value is None:
        return None
    f = column.field
    if f is None:
        if column.key == "deleted":
            return YES if value else NO
        return value
    t = f.type
    if t is FieldType.CHOICE:
        return f.choice(value).zh
    if t is FieldType.MULTI:
        return "；".join(f.choice(v).zh for v in value)
    if t is FieldType.LIST:
        return "；".join(value)
    if t is FieldType.BOOL:
        return YES if value else NO
    return value


def _plain(value: Any) -> Any:
    """A spreadsheet number that stands for text (a code typed as a number) back to text."""
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    return value


def cell_to_value(column: Column, raw: Any) -> Any:
    """A cell as read from a packet → the Python value of ``column``.

    Raises :class:`FieldError` (naming the field) for a value that cannot be read.
    """
    if raw is None or (isinstance(raw, str) and raw == ""):
        return None
    f = column.field
    if f is None:
        key = column.key
        if key == "deleted":
            text = str(raw).strip()
            if text in (YES, "1", "TRUE", "True", "true"):
                return True
            if text in (NO, "0", "FALSE", "False", "false", ""):
                return False
            raise FieldError(key, column.zh, key, Reason(f"应为“是”或“否”，而不是“{shorten(raw)}”",
                                                          f"must be 是 or 否, not {shorten(raw)!r}"))
        if key == "revision":
            try:
                number = float(raw)  # (an int or a float as calamine reads it, or text)
            except OverflowError:  # an int past any float
                number = math.inf
            except (TypeError, ValueError):
                raise FieldError(key, column.zh, key, Reason("应为整数", "must be a whole number")) from None
            if number >= 10 ** 15:  # as every whole-number field (Field._check_range); SQLite holds < 2**63
                raise FieldError(key, column.zh, key, Reason(
                    "数值过大：最多15位有效数字（Excel 只保留15位）",
                    "too large: at most 15 significant digits (spreadsheets keep 15)"))
            if not number.is_integer() or number < 1:
                raise FieldError(key, column.zh, key, Reason("应为正整数", "must be a positive whole number"))
            return int(number)
        if isinstance(raw, datetime):
            return raw.isoformat()
        return str(_plain(raw)).strip()
    t = f.type
    if t in (FieldType.TEXT, FieldType.LONGTEXT, FieldType.USCC, FieldType.PHONE,
             FieldType.DIVISION, FieldType.REF, FieldType.LIST, FieldType.CHOICE, FieldType.MULTI):
        raw = _plain(raw)
        if isinstance(raw, (date, datetime)):
            raw = raw.isoformat()
    if t is FieldType.BOOL and isinstance(raw, bool):
        return raw
    return f.coerce(raw)


_REFUSED_CHARACTERS = validation.REFUSED_CHARACTERS  # what check_text refuses, length aside


def cell_parser(column: Column) -> Callable[[Any], tuple[Any, str | None]]:
    """A function ``raw → (value, canonical text)`` for the cells of ``column``: the same
    results, and the same :class:`FieldError`, as :func:`cell_to_value` then :func:`canonical`.

    The cells a packet is made of (text without line breaks, numbers within range, plain
    dates) take a short path; anything else, including every value that is refused, goes
    through :func:`cell_to_value` itself, so a refusal reads exactly the same.
    """

    def slow(raw: Any) -> tuple[Any, str | None]:
        value = cell_to_value(column, raw)
        return value, canonical(column, value)

    f = column.field
    if f is None:
        if column.key in ("deleted", "revision"):
            return slow

        def common(raw: Any) -> tuple[Any, str | None]:  # ids, office code, times
            if type(raw) is str:
                if raw == "":
                    return None, None
                value = raw.strip()
                return value, value
            return slow(raw)

        return common
    t = f.type
    check_text = validation.check_text
    search = _REFUSED_CHARACTERS.search

    def fits(text: str, limit: int) -> bool:  # check_text(text, limit) is None
        if len(text) * 2 <= limit:  # as UTF-16 units, at most twice the characters
            return not search(text)
        return check_text(text, limit) is None

    if t is FieldType.TEXT:
        limit = f.text_limit()

        def line(raw: Any) -> tuple[Any, str | None]:
            if type(raw) is str and "\n" not in raw and "\r" not in raw:
                value = raw.strip()
                if value == "":
                    return None, None
                if fits(value, limit):
                    return value, value
            return slow(raw)

        return line
    if t is FieldType.LONGTEXT:
        limit = f.text_limit()

        def long(raw: Any) -> tuple[Any, str | None]:
            if type(raw) is str and "\r" not in raw:
                if raw.strip() == "":
                    return None, None
                if fits(raw, limit):
                    return raw, raw
            return slow(raw)

        return long
    if t in (FieldType.REF, FieldType.PHONE, FieldType.USCC, FieldType.DIVISION):
        check: Callable[[str], Any] = {
            FieldType.REF: lambda v: None if fits(v, 40) else check_text(v, 40),
            FieldType.PHONE: validation.check_phone,
            FieldType.USCC: validation.check_uscc,
            FieldType.DIVISION: validation.check_division_code,
        }[t]
        upper = t is FieldType.USCC

        def code(raw: Any) -> tuple[Any, str | None]:
            if type(raw) is str:
                value = raw.strip()
                if value == "":
                    return None, None
                if upper:
                    value = value.upper()
                if check(value) is None:
                    return value, value
            return slow(raw)

        return code
    low, high = f.minimum, f.maximum
    if t in (FieldType.INT, FieldType.YEAR):

        def whole(raw: Any) -> tuple[Any, str | None]:
            if type(raw) is float and raw.is_integer():
                number = int(raw)
                if (abs(number) < 10 ** 15 and (low is None or not number < low)
                        and (high is None or not number > high)):
                    return number, str(number)
            return slow(raw)

        return whole
    if t is FieldType.DECIMAL:
        places = f.decimals
        scale = 10 ** places
        isfinite = math.isfinite

        def decimal(raw: Any) -> tuple[Any, str | None]:
            if type(raw) is float and isfinite(raw):
                number = round(raw, places)
                if (not abs(number) * scale >= 10 ** 15 and (low is None or not number < low)
                        and (high is None or not number > high)):
                    value = number + 0.0
                    return value, f"{value:.{places}f}"
            return slow(raw)

        return decimal
    if t is FieldType.DATE:

        def day(raw: Any) -> tuple[Any, str | None]:
            if type(raw) is date and not raw < DATE_MIN:
                return raw, raw.isoformat()
            return slow(raw)

        return day
    if t is FieldType.LIST:
        split = LIST_SEPARATORS.split

        def items(raw: Any) -> tuple[Any, str | None]:  # Field._items of a plain cell
            if type(raw) is str:
                text = raw.strip()
                if text == "":
                    return None, None
                if text[0] != "[":
                    parts = [part for part in map(str.strip, split(text)) if part]
                    if not parts:
                        return None, None
                    if all(fits(part, TEXT_MAX) for part in parts):
                        # canonical(): json.dumps of the list, its items as json.dumps writes them
                        return parts, "[" + ", ".join(map(_json_str, parts)) + "]"
            return slow(raw)

        return items
    return slow  # choices and flags: few distinct values per column


ColumnParser = Callable[[Sequence[Any]], "tuple[list[Any], list[str | None]] | None"]


def column_parser(column: Column) -> ColumnParser | None:
    """For the types whose cells are mostly all different (ids, names, amounts): a function
    ``raws → (values, canonical texts)`` for many cells of ``column`` at once, with the results
    of :func:`cell_parser` cell by cell, or None when not every cell is plain (then parse
    them one by one). None for the other types."""
    f = column.field
    t = None if f is None else f.type
    search = _REFUSED_CHARACTERS.search
    if f is None:
        if column.key in ("deleted", "revision"):
            return None

        def common(raws: Sequence[Any]) -> tuple[list[Any], list[str | None]] | None:
            if not _all_str(raws) or "" in raws:
                return None
            values: list[Any] = list(map(str.strip, raws))
            return values, values

        return common
    if t in (FieldType.TEXT, FieldType.REF):
        limit = f.text_limit() if t is FieldType.TEXT else 40
        line = t is FieldType.TEXT

        def text(raws: Sequence[Any]) -> tuple[list[Any], list[str | None]] | None:
            if not _all_str(raws):
                return None
            if line:
                joined = "".join(raws)
                if "\n" in joined or "\r" in joined:
                    return None
            stripped = list(map(str.strip, raws))
            if not stripped or search("".join(stripped)) or max(map(len, stripped)) * 2 > limit:
                return None  # a length near the limit is counted exactly, one by one
            values = [v or None for v in stripped]
            return values, values

        return text
    if t is FieldType.LONGTEXT:
        limit = f.text_limit()

        def long(raws: Sequence[Any]) -> tuple[list[Any], list[str | None]] | None:
            if not _all_str(raws):
                return None
            joined = "".join(raws)
            if "\r" in joined or search(joined) or max(map(len, raws), default=0) * 2 > limit:
                return None
            values = [r if r.strip() else None for r in raws]
            return values, values

        return long
    if t in (FieldType.PHONE, FieldType.USCC, FieldType.DIVISION):
        check: Callable[[str], Any] = {FieldType.PHONE: validation.check_phone,
                                       FieldType.USCC: validation.check_uscc,
                                       FieldType.DIVISION: validation.check_division_code}[t]
        upper = t is FieldType.USCC
        quick = validation.phone_as_written if t is FieldType.PHONE else None  # most need no closer look

        def code(raws: Sequence[Any]) -> tuple[list[Any], list[str | None]] | None:
            if not _all_str(raws):
                return None
            values = [v or None for v in map(str.strip, raws)]
            if upper:
                values = [v and v.upper() for v in values]
            if quick is not None:  # a closer look only for the values not plainly valid
                if any(check(v) is not None for v in values if v is not None and not quick(v)):
                    return None
            elif any(v is not None and check(v) is not None for v in values):
                return None
            return values, values

        return code
    low, high = f.minimum, f.maximum
    if t in (FieldType.INT, FieldType.YEAR):

        def whole(raws: Sequence[Any]) -> tuple[list[Any], list[str | None]] | None:
            if not raws or not _all_float(raws) or not all(map(float.is_integer, raws)):
                return None
            values = list(map(int, raws))
            least, most = min(values), max(values)
            if (max(-least, most) >= 10 ** 15 or (low is not None and least < low)
                    or (high is not None and most > high)):
                return None
            return values, list(map(str, values))

        return whole
    if t is FieldType.DECIMAL:
        places = f.decimals
        scale = 10 ** places
        text_of = f"{{:.{places}f}}".format  # as f"{value:.{places}f}"

        percent = f"%.{places}f".__mod__

        def decimal(raws: Sequence[Any]) -> tuple[list[Any], list[str | None]] | None:
            if not raws or not _all_float(raws) or not all(map(math.isfinite, raws)):
                return None
            texts: list[str | None]
            if min(raws) >= 0:
                # The text of a number rounded to ``places`` is that of the number itself, and
                # the number the text reads back as is the rounded one (both correctly rounded)
                shown: list[str] = list(map(percent, raws))
                values = list(map(float, shown))
                if 0.0 in values:  # -0.0 (equal to 0.0, shown "-0.00") is kept as 0.0
                    values = [n + 0.0 for n in values]
                    shown = [t[1:] if t[0] == "-" else t for t in shown]
                texts = cast(list[str | None], shown)  # all str here; no copy
            else:
                values = list(map(round, raws, repeat(places)))
                if 0.0 in values:  # -0.0 (equal to 0.0) is kept as 0.0, as the cell-by-cell parser does
                    values = [n + 0.0 for n in values]
                texts = list(map(text_of, values))
            least, most = min(values), max(values)
            if (max(abs(least), abs(most)) * scale >= 10 ** 15 or (low is not None and least < low)
                    or (high is not None and most > high)):
                return None
            return values, texts

        return decimal
    return None


def _all_str(raws: Sequence[Any]) -> bool:
    return set(map(type, raws)) <= _STR


def _all_float(raws: Sequence[Any]) -> bool:
    return set(map(type, raws)) <= _FLOAT


_STR, _FLOAT = frozenset({str}), frozenset({float})
