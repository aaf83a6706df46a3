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
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from desktop.fields import Field, FieldError, FieldType, Kind
from desktop.registers import REGISTRY
from desktop.validation import Reason

__all__ = ["FORMAT", "FORMAT_VERSION", "COVER", "META_SHEET", "LISTS_SHEET", "META_COLUMNS",
           "Column", "sheet_columns", "canonical", "canonical_line", "cell_to_value",
           "PACKET_KINDS", "EXCLUDED_KINDS", "ContentDigest"]

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


def packet_kinds() -> list[Kind]:
    """The registers a packet carries, in reference order."""
    return [k for k in REGISTRY.values() if k.key not in EXCLUDED_KINDS]


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
        return value.isoformat()
    if t is FieldType.BOOL:
        return "1" if value else "0"
    if t in (FieldType.MULTI, FieldType.LIST):
        return json.dumps(list(value), ensure_ascii=False)
    return str(value)


def canonical_line(kind_key: str, values: Iterable[str | None]) -> bytes:
    """One row as hashed and embedded: a compact JSON array, newline-terminated, UTF-8."""
    return (json.dumps([kind_key, *values], ensure_ascii=False, separators=(",", ":")) + "\n").encode()


class ContentDigest:
    """The content hash of a packet: SHA-256 over the sorted SHA-256 of each canonical row.

    Independent of row order, so a sheet sorted or filtered in Excel (the packet has an
    autofilter) is not an edit, while any changed, added or removed row is."""

    def __init__(self) -> None:
        self._rows: list[bytes] = []

    def update(self, line: bytes) -> None:
        self._rows.append(hashlib.sha256(line).digest())

    def hexdigest(self) -> str:
        total = hashlib.sha256(b"giledger-content-1\n")
        for row in sorted(self._rows):
            total.update(row)
        return total.hexdigest()


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
            raise FieldError(key, column.zh, key, Reason(f"应为“是”或“否”，而不是“{raw}”",
                                                          f"must be 是 or 否, not {raw!r}"))
        if key == "revision":
            try:
                number = float(raw)
            except (TypeError, ValueError):
                raise FieldError(key, column.zh, key, Reason("应为整数", "must be a whole number")) from None
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
