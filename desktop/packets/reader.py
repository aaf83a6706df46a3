"""Reading a packet safely: container checks, the machine part, every cell, the content hash.

Untrusted files are checked before any parser sees them: size (compressed and uncompressed),
compression ratio (zip bombs), the zip structure, XML with a DTD (entity expansion), and formula
cells (never evaluated: a formula in a register sheet is a problem of its cell). Values are read
with python-calamine; every cell is turned into its field's value (labels back to codes, dates,
numbers) and its canonical form, so the content hash can be recomputed and compared.
"""

from __future__ import annotations

import base64
import hashlib
import json
import logging
import re
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from defusedxml import ElementTree as SafeET
from python_calamine import CalamineError, CalamineWorkbook

from desktop.fields import FieldError
from desktop.jobs import CancelCheck, Progress, check_cancel, never_cancelled, no_progress
from desktop.packets import format as fmt
from desktop.packets.writer import canonical_meta
from desktop.registers import REGISTRY

__all__ = ["PacketRefused", "Problem", "CellEdit", "ParsedRow", "Packet", "read_packet", "LIMITS"]

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Limits:
    """What a packet may be at most. A county packet of a large county is about 25 MB."""

    file_bytes: int = 300 * 1024 * 1024
    uncompressed_bytes: int = 3 * 1024 * 1024 * 1024
    members: int = 5000
    ratio: int = 200
    """Largest compression ratio for members over 1 MB (a zip bomb goes far beyond)."""


LIMITS = Limits()


class PacketRefused(Exception):
    """The file is not a packet that can be read; the message says why (Chinese and English)."""

    def __init__(self, zh: str, en: str):
        self.zh, self.en = zh, en
        super().__init__(f"{zh}\n{en}")


@dataclass(frozen=True)
class Problem:
    """A cell (or row) that cannot be taken: where it is, its value and why."""

    sheet: str
    row: int
    column: str
    value: str
    reason_zh: str
    reason_en: str
    kind: str = ""
    field: str = ""

    def describe(self) -> str:
        where = f"{self.sheet} 第{self.row}行" + (f"「{self.column}」" if self.column else "")
        value = f"“{self.value}”" if self.value else ""
        return f"{where}{value}：{self.reason_zh} / {self.reason_en}"


@dataclass(frozen=True)
class CellEdit:
    """A cell changed after export: where, what it was, what it is now."""

    sheet: str
    row: int
    column: str
    old: str
    new: str

    def describe(self) -> str:
        return f"{self.sheet} 第{self.row}行「{self.column}」：“{self.old}” → “{self.new}”"


@dataclass
class ParsedRow:
    """One record as read from a register sheet."""

    kind: str
    row: int  # Excel row number (header is 1)
    id: str | None
    office_code: str | None
    revision: int | None
    deleted: bool
    created_at: str | None
    updated_at: str | None
    values: dict[str, Any]
    canon: list[str | None]
    ok: bool = True


@dataclass
class Packet:
    """A packet as read: its machine part, rows, and what differs from what was exported."""

    path: Path
    file_hash: str
    meta: dict[str, Any]
    rows: dict[str, list[ParsedRow]] = field(default_factory=dict)
    content_hash: str = ""
    signature_ok: bool = False
    problems: list[Problem] = field(default_factory=list)
    edits: list[CellEdit] = field(default_factory=list)
    added_rows: list[tuple[str, int]] = field(default_factory=list)
    removed_rows: list[tuple[str, str]] = field(default_factory=list)

    @property
    def edited(self) -> bool:
        return self.content_hash != self.meta.get("content_hash")

    @property
    def office(self) -> str:
        return str(self.meta.get("office") or self.meta.get("from_office") or "")

    @property
    def sequence(self) -> int:
        return int(self.meta.get("sequence") or 0)

    def total_rows(self) -> int:
        return sum(len(v) for v in self.rows.values())


# ---- container ----------------------------------------------------------------------------

_FORMULA = re.compile(rb'<c r="([A-Z]{1,3}[0-9]{1,7})"[^>]*>(?:<v>[^<]*</v>)?<f[ >/]')
_DTD = re.compile(rb"<!DOCTYPE|<!ENTITY", re.IGNORECASE)


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def _open_zip(path: Path, limits: Limits) -> zipfile.ZipFile:
    size = path.stat().st_size
    if size > limits.file_bytes:
        raise PacketRefused(f"文件过大（{size // 1048576} MB，上限 {limits.file_bytes // 1048576} MB）",
                            f"file too large ({size} bytes; limit {limits.file_bytes})")
    if not zipfile.is_zipfile(path):
        raise PacketRefused("不是 Excel 数据包（.xlsx）文件，或文件已损坏/不完整",
                            "not an .xlsx packet, or the file is damaged or incomplete")
    try:
        zf = zipfile.ZipFile(path)
        infos = zf.infolist()
    except (zipfile.BadZipFile, OSError) as e:
        raise PacketRefused("文件已损坏，无法读取", f"the file is damaged: {e}") from e
    if len(infos) > limits.members:
        raise PacketRefused("文件结构异常（条目过多）", "suspicious file: too many zip members")
    total = 0
    for info in infos:
        total += info.file_size
        if info.file_size > 1024 * 1024 and info.file_size > limits.ratio * max(info.compress_size, 1):
            raise PacketRefused("文件压缩比异常（疑似压缩炸弹），拒绝读取",
                                f"suspicious compression ratio in {info.filename} (zip bomb?)")
    if total > limits.uncompressed_bytes:
        raise PacketRefused("文件解压后过大，拒绝读取", f"uncompressed size {total} exceeds the limit")
    names = set(zf.namelist())
    if "xl/workbook.xml" not in names:
        raise PacketRefused("不是 Excel 工作簿（缺少 xl/workbook.xml）", "not an Excel workbook")
    return zf


def _sheet_members(zf: zipfile.ZipFile) -> dict[str, str]:
    """Sheet name → zip member, read with defusedxml (entity expansion refused)."""
    names = zf.namelist()
    if "xl/_rels/workbook.xml.rels" not in names:
        raise PacketRefused("不是 Excel 工作簿（缺少 xl/_rels/workbook.xml.rels）", "not an Excel workbook")
    # Every XML part, not only those read here: calamine reads shared strings and styles, and
    # the error workbook (report.py) opens the whole file with openpyxl.
    for name in names:
        if not name.endswith((".xml", ".rels", ".vml")):
            continue
        with zf.open(name) as fh:
            head = fh.read(4096)
        if _DTD.search(head):
            raise PacketRefused("文件含有 XML 文档类型定义（DTD），拒绝读取", "XML with a DTD is refused")
    ns = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
          "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships"}
    try:
        book = SafeET.fromstring(zf.read("xl/workbook.xml"))
        rels = SafeET.fromstring(zf.read("xl/_rels/workbook.xml.rels"))
    except Exception as e:  # noqa: BLE001 - defusedxml raises several kinds
        raise PacketRefused("工作簿结构无法读取", f"the workbook structure cannot be read: {e}") from e
    targets = {r.get("Id"): r.get("Target", "") for r in rels}
    out = {}
    for sheet in book.iterfind("m:sheets/m:sheet", ns):
        target = targets.get(sheet.get(f"{{{ns['r']}}}id"), "")
        target = target.lstrip("/")
        out[sheet.get("name", "")] = target if target.startswith("xl/") else "xl/" + target
    return out


def _formula_cells(zf: zipfile.ZipFile, member: str) -> list[str]:
    """Cell references holding a formula in one worksheet (streamed, bounded memory)."""
    found: list[str] = []
    tail = b""
    with zf.open(member) as fh:
        first = True
        for block in iter(lambda: fh.read(1 << 20), b""):
            if first and _DTD.search(block[:4096]):
                raise PacketRefused("工作表含有 XML 文档类型定义（DTD），拒绝读取", "XML with a DTD is refused")
            first = False
            data = tail + block
            found.extend(m.decode() for m in _FORMULA.findall(data))
            tail = data[-512:]
    return list(dict.fromkeys(found))


# ---- reading ------------------------------------------------------------------------------

def _meta(wb: CalamineWorkbook) -> dict[str, Any]:
    if fmt.META_SHEET not in wb.sheet_names:
        raise PacketRefused(f"不是地标台账数据包（缺少“{fmt.META_SHEET}”工作表）",
                            f"not a GI Ledger packet (no {fmt.META_SHEET} sheet)")
    try:
        cells = wb.get_sheet_by_name(fmt.META_SHEET).to_python()
    except CalamineError as e:  # the sheet is there but cannot be read: a damaged file
        raise PacketRefused("文件已损坏，无法读取", f"the file cannot be read: {e}") from e
    column = [row[0] if row else "" for row in cells]
    if not column or column[0] != fmt.FORMAT:
        raise PacketRefused("不是地标台账数据包（标识不符）", "not a GI Ledger packet (wrong marker)")
    try:
        meta = json.loads("".join(str(c) for c in column[1:] if c))
    except json.JSONDecodeError as e:
        raise PacketRefused("数据包信息已损坏", f"the machine part is damaged: {e}") from e
    if not isinstance(meta, dict) or meta.get("format") != fmt.FORMAT:
        raise PacketRefused("不是地标台账数据包（格式不符）", "not a GI Ledger packet (format)")
    if int(meta.get("format_version", 0)) > fmt.FORMAT_VERSION:
        raise PacketRefused("数据包由更新版本的地标台账生成，请先升级",
                            "the packet was made by a newer GI Ledger; upgrade first")
    return meta


def read_packet(path: Path | str, *, limits: Limits = LIMITS, progress: Progress = no_progress,
                cancelled: CancelCheck = never_cancelled) -> Packet:
    """Read and check a packet file. Raises :class:`PacketRefused` for a file that is not a
    readable packet; cell-level problems and edits are listed on the returned :class:`Packet`."""
    path = Path(path)
    if not path.is_file():
        raise PacketRefused(f"找不到文件：{path}", f"no such file: {path}")
    zf = _open_zip(path, limits)
    with zf:
        try:
            members = _sheet_members(zf)
            formulas = {name: _formula_cells(zf, member) for name, member in members.items()
                        if member in zf.namelist() and name not in (fmt.META_SHEET, fmt.LISTS_SHEET)}
        except (zipfile.BadZipFile, zlib.error, EOFError, OSError) as e:  # a damaged member (CRC)
            raise PacketRefused("文件已损坏，无法读取", f"the file is damaged: {e}") from e
    try:
        wb = CalamineWorkbook.from_path(str(path))
    except CalamineError as e:
        raise PacketRefused("文件已损坏，无法读取", f"the file cannot be read: {e}") from e
    try:
        meta = _meta(wb)
        packet = Packet(path=path, file_hash=_sha256(path), meta=meta)
        packet.signature_ok = _signature_ok(meta)
        _read_sheets(wb, packet, formulas, progress, cancelled)
    finally:
        wb.close()
    _compare_with_export(packet)
    return packet


def _signature_ok(meta: dict[str, Any]) -> bool:
    from desktop import keys

    key, signature = meta.get("public_key"), meta.get("signature")
    return bool(key and signature and keys.verify(key, signature, canonical_meta(meta)))


def _read_sheets(wb: CalamineWorkbook, packet: Packet, formulas: dict[str, list[str]],
                 progress: Progress, cancelled: CancelCheck) -> None:
    digest = fmt.ContentDigest()
    names = set(wb.sheet_names)
    sheets = packet.meta.get("sheets") or []
    total = sum(int(s.get("rows", 0)) for s in sheets)
    done = 0
    for sheet in sheets:
        kind_key, name = sheet.get("kind"), sheet.get("name")
        if kind_key not in REGISTRY:
            raise PacketRefused(f"数据包含有未知的台账“{name}”", f"unknown register {kind_key!r}")
        if name not in names:
            raise PacketRefused(f"找不到工作表“{name}”（是否被改名或删除？）",
                                f"sheet {name!r} is missing (renamed or deleted?)")
        kind = REGISTRY[kind_key]
        expected = {c.key: c for c in fmt.sheet_columns(kind)}
        keys = list(sheet.get("columns") or [])
        unknown = [k for k in keys if k not in expected]
        if unknown or "id" not in keys:
            raise PacketRefused(f"工作表“{name}”的列与本程序不符（{', '.join(unknown) or '缺少编号'}）",
                                f"sheet {name!r} has columns this program does not know: {unknown}")
        columns = [expected[k] for k in keys]
        for ref in formulas.get(name, []):
            letters = re.sub(r"[0-9]", "", ref)
            index = 0
            for ch in letters:
                index = index * 26 + ord(ch) - 64
            label = columns[index - 1].zh if 0 < index <= len(columns) else ref
            packet.problems.append(Problem(name, int(re.sub(r"[A-Z]", "", ref)), label, "",
                                           "单元格含有公式，数据包中不接受公式（不会计算）",
                                           "the cell holds a formula; packets take values only "
                                           "(formulas are never evaluated)", kind_key))
        rows: list[ParsedRow] = []
        iterator: Iterator[list[Any]] = iter(wb.get_sheet_by_name(name).iter_rows())
        header = next(iterator, [])
        labels = [str(h).rstrip("*") for h in header[:len(columns)]]
        if labels != [c.zh for c in columns]:
            raise PacketRefused(f"工作表“{name}”的表头被改动（列被插入、删除或改名）",
                                f"the header row of sheet {name!r} was changed")
        caches: list[dict[Any, tuple[Any, str | None]]] = [{} for _ in columns]
        for excel_row, cells in enumerate(iterator, start=2):
            if not any(c not in ("", None) for c in cells):
                continue
            parsed = _parse_row(kind_key, name, excel_row, columns, cells, packet.problems, caches)
            rows.append(parsed)
            digest.update(fmt.canonical_line(kind_key, parsed.canon))
            done += 1
            if done % 5000 == 0:
                progress(done, total)
                check_cancel(cancelled)
        packet.rows[kind_key] = rows
    packet.content_hash = digest.hexdigest()
    progress(done, total)


CACHE_LIMIT = 20_000
"""Distinct cell values remembered per column: codes, dates and numbers repeat down a column,
so most cells are parsed once per packet instead of once per row."""


def _parse_row(kind_key: str, sheet: str, excel_row: int, columns: list[fmt.Column],
               cells: list[Any], problems: list[Problem],
               caches: list[dict[Any, tuple[Any, str | None]]]) -> ParsedRow:
    values: dict[str, Any] = {}
    canon: list[str | None] = []
    ok = True
    for n, column in enumerate(columns):
        raw = cells[n] if n < len(cells) else ""
        cache = caches[n]
        key = (type(raw), raw)  # 1 and 1.0 and True must not share an entry
        hit = cache.get(key)
        if hit is not None:
            values[column.key] = hit[0]
            canon.append(hit[1])
            continue
        try:
            value = fmt.cell_to_value(column, raw)
        except FieldError as e:
            problems.append(Problem(sheet, excel_row, column.zh, "" if raw is None else str(raw),
                                    e.reason.zh, e.reason.en, kind_key, column.key))
            value, ok = None, False
            canon.append(None if raw in ("", None) else f"\u0000{raw}")  # keeps the hash honest
            values[column.key] = value
            continue
        values[column.key] = value
        text = fmt.canonical(column, value)
        canon.append(text)
        if len(cache) < CACHE_LIMIT and not isinstance(value, list):  # lists are mutable
            cache[key] = (value, text)
    return ParsedRow(
        kind=kind_key, row=excel_row, id=values.pop("id", None) or None,
        office_code=values.pop("office_code", None), revision=values.pop("revision", None),
        deleted=bool(values.pop("deleted", False)), created_at=values.pop("created_at", None),
        updated_at=values.pop("updated_at", None), values=values, canon=canon, ok=ok)


def _compare_with_export(packet: Packet) -> None:
    """If the content hash differs, name each edited cell from the embedded exported copy."""
    if not packet.edited:
        return
    try:
        data = zlib.decompress(base64.b64decode(packet.meta.get("data", "")))
    except (ValueError, zlib.error) as e:
        raise PacketRefused("数据包信息已损坏（原始数据无法解开）", f"the embedded copy is damaged: {e}") from e
    exported = fmt.ContentDigest()
    for line in data.splitlines(keepends=True):
        exported.update(line)
    if exported.hexdigest() != packet.meta.get("content_hash"):
        raise PacketRefused("数据包信息与签名不符（已损坏或被伪造）",
                            "the embedded copy does not match the signed hash (damaged or forged)")
    original: dict[tuple[str, str], list[str | None]] = {}
    # Lines end with "\n" only: splitlines() would also split at U+2028, U+0085, "\x1c" ...,
    # which json.dumps(ensure_ascii=False) leaves unescaped inside a value.
    for line in data.decode("utf-8").split("\n"):
        if not line:
            continue
        kind_key, *values = json.loads(line)
        original[(kind_key, str(values[0]))] = values
    seen: set[tuple[str, str]] = set()
    by_kind = {s.get("kind"): s for s in packet.meta.get("sheets", [])}
    for kind_key, rows in packet.rows.items():
        sheet = by_kind[kind_key]
        columns = {c.key: c for c in fmt.sheet_columns(REGISTRY[kind_key])}
        keys = sheet["columns"]
        for row in rows:
            if row.id is None or (kind_key, row.id) not in original:
                packet.added_rows.append((sheet["name"], row.row))
                continue
            seen.add((kind_key, row.id))
            old = original[(kind_key, row.id)]
            for n, key in enumerate(keys):
                if old[n] != row.canon[n]:
                    packet.edits.append(CellEdit(sheet["name"], row.row, columns[key].zh,
                                                 _show(old[n]), _show(row.canon[n])))
    for kind_key, rid in original:
        if (kind_key, rid) not in seen:
            packet.removed_rows.append((by_kind.get(kind_key, {}).get("name", kind_key), rid))


def _show(canon: str | None) -> str:
    if canon is None:
        return "（空）"
    return canon[1:] if canon.startswith("\u0000") else canon
