"""Reading a packet safely: container checks, the machine part, every cell, the content hash.

Untrusted files are checked before any parser sees them: size (compressed and uncompressed),
compression ratio (zip bombs), the zip structure, XML with a DTD (entity expansion), and formula
cells (never evaluated; in a packet whose content is not what was signed, a formula in a register
sheet is a problem of its cell: see :class:`_FormulaScan`). Values are read
with python-calamine; every cell is turned into its field's value (labels back to codes, dates,
numbers) and its canonical form, so the content hash can be recomputed and compared.
"""

from __future__ import annotations

import base64
import contextlib
import gc
import json
import logging
import re
import threading
import zipfile
import zlib
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import islice, repeat
from json.encoder import encode_basestring as _json_str  # a str as json.dumps(ensure_ascii=False) writes it
from operator import itemgetter
from pathlib import Path
from typing import Any

from defusedxml import ElementTree as SafeET
from python_calamine import CalamineError, CalamineWorkbook

from desktop.fields import FieldError, FieldType
from desktop.jobs import CancelCheck, Progress, check_cancel, never_cancelled, no_progress
from desktop.packets import format as fmt
from desktop.packets.writer import canonical_meta
from desktop.registers import REGISTRY

__all__ = ["PacketRefused", "WHAT_A_PACKET_IS", "not_a_packet", "Problem", "CellEdit", "where_zh",
           "where_en", "ParsedRow", "RowChunk", "Packet", "PacketStream", "read_packet",
           "open_packet", "name_edits", "sort_problems", "LIMITS"]

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


WHAT_A_PACKET_IS = (
    "数据包是地标台账“导出数据包”生成的 .xlsx 文件：第一页是“封面”，另有隐藏的校验部分（供程序读取的签名和数据）。"
    "普通的 Excel 表格（自己制作的，或从其他系统导出的）目前不能在这里导入：请对方在地标台账中导出数据包后发来，"
    "或在地标台账中逐条录入",
    "A packet is the .xlsx file that GI Ledger's Export packet makes: a 封面 (cover) sheet first and a "
    "hidden machine part (signature and data for the program to read). An ordinary spreadsheet (made "
    "by hand or exported by another system) cannot be imported here yet: ask the office to export a "
    "packet from GI Ledger and send it, or type the records in")
"""What a packet is (Chinese, English): said whenever a file is refused as not being one."""


def not_a_packet(zh: str, en: str) -> PacketRefused:
    """The refusal of a file that is not a packet at all: what it is, and what a packet is."""
    return PacketRefused(f"{zh}。{WHAT_A_PACKET_IS[0]}", f"{en}. {WHAT_A_PACKET_IS[1]}")


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

    def describe(self, lang: str | None = None) -> str:
        """Where, the value and why: in Chinese (``zh``), English (``en``) or both (None)."""
        value = f"“{self.value}”" if self.value else ""
        zh = f"{where_zh(self.sheet, self.row, self.column)}{value}：{self.reason_zh}"
        en = (f"{where_en(self.sheet, self.row, self.column, self.kind, self.field)}"
              f"{' ' + value if value else ''}: {self.reason_en}")
        return en if lang == "en" else zh if lang == "zh" else f"{zh} / {self.reason_en}"


@dataclass(frozen=True)
class CellEdit:
    """A cell changed after export: where, what it was, what it is now."""

    sheet: str
    row: int
    column: str
    old: str
    new: str

    def describe(self, lang: str | None = None) -> str:
        """Where, and the value before and after, in Chinese (``zh``, also for None) or English."""
        where = where_en(self.sheet, self.row, self.column) if lang == "en" else \
            where_zh(self.sheet, self.row, self.column)
        return f"{where}{': ' if lang == 'en' else '：'}“{self.old}” → “{self.new}”"


_COMMON_EN = {"编号": "ID", "所属单位": "office", "版本": "revision", "已删除": "deleted",
              "创建时间": "created", "修改时间": "modified"}


def where_zh(sheet: str, row: int, column: str) -> str:
    """``资源普查 第5行「产品名称」``: a cell (or row) of a packet, as the Chinese report names it."""
    return f"{sheet} 第{row}行" + (f"「{column}」" if column else "")


def where_en(sheet: str, row: int, column: str, kind: str = "", field: str = "") -> str:
    """``Resource survey row 5 (product name)``: the same in English (register and field labels;
    the sheet and header as they are if the program does not know them)."""
    found = REGISTRY.get(kind) or next((k for k in REGISTRY.values() if k.zh == sheet), None)
    label = found.en[:1].upper() + found.en[1:] if found is not None else f"sheet “{sheet}”"
    name = column
    if found is not None and field and found.has_field(field):
        name = found.field(field).en
    elif column in _COMMON_EN:
        name = _COMMON_EN[column]
    elif found is not None:
        name = next((f.en for f in found.fields if f.zh == column), column)
    return f"{label} row {row}" + (f" ({name})" if name else "")


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
    stored: dict[str, Any] | None = None
    """Every field of the register (those the sheet lacks as None) as stored in SQLite
    (:func:`desktop.record.to_columns` of ``values``), when the row is ``ok``; None when not."""


class RowChunk:
    """Rows of one register sheet read together, held column by column (no object per row).

    Row ``i`` is Excel row ``numbers[i]``; its common columns are ``ids[i]``, ``offices[i]`` ...;
    its field values ``values[key][i]`` (the fields the sheet has), its stored (SQLite) values
    ``stored[n][i]`` for the register's ``n``-th field (None for the fields the sheet lacks) and
    its canonical texts ``canon[c][i]`` for the sheet's ``c``-th column. Rows in ``failed`` have
    a cell that could not be read (listed in the packet's problems). :meth:`rows` makes
    :class:`ParsedRow` s of them."""

    __slots__ = (
        "canon",
        "created",
        "deleted",
        "failed",
        "ids",
        "kind",
        "numbers",
        "offices",
        "revisions",
        "stored",
        "updated",
        "values",
    )

    def __init__(self, kind: str, numbers: list[int], common: list[Sequence[Any]],
                 values: dict[str, Sequence[Any]], stored: list[Sequence[Any]],
                 canon: list[Sequence[str | None]], failed: set[int]):
        self.kind, self.numbers = kind, numbers
        ids, self.offices, self.revisions, deleted, self.created, self.updated = common
        self.ids: list[str | None] = [x or None for x in ids] if "" in ids else list(ids)
        self.deleted: list[bool] = list(map(bool, deleted)) if None in deleted else list(deleted)
        self.values, self.stored, self.canon, self.failed = values, stored, canon, failed

    def __len__(self) -> int:
        return len(self.numbers)

    def rows(self) -> list[ParsedRow]:
        """The rows as :class:`ParsedRow` s (``stored`` as a dict, None for a failed row)."""
        keys = list(self.values)
        stored_keys = [f.key for f in REGISTRY[self.kind].fields]
        out = []
        failed = self.failed
        for i, (number, rid, office, revision, deleted, created, updated, values, canon, stored) in \
                enumerate(zip(self.numbers, self.ids, self.offices, self.revisions, self.deleted,
                              self.created, self.updated, zip(*self.values.values()) if keys else
                              repeat(()), zip(*self.canon), zip(*self.stored))):
            ok = i not in failed
            out.append(ParsedRow(self.kind, number, rid, office, revision, deleted, created, updated,
                                 dict(zip(keys, values)), list(canon), ok,
                                 dict(zip(stored_keys, stored)) if ok else None))
        return out


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
_FORMULA_TAG = re.compile(rb"<f[ >/]")
"""What every match of _FORMULA ends with: a block without it holds no formula."""
_TAG_ENDS = frozenset(b" >/")


def _has_formula_tag(data: bytes) -> bool:
    """Whether ``data`` holds a match of _FORMULA_TAG, found by the letter f: rare in a sheet's
    XML (Chinese text, numbers, tags without an f), and bytes.find looks for one byte many
    times faster than any search for a pattern. Text with many an f falls back to the pattern."""
    find = data.find
    at = find(b"f")
    seen = 0
    while at >= 0:
        if at and data[at - 1] == 0x3C and at + 1 < len(data) and data[at + 1] in _TAG_ENDS:
            return True
        seen += 1
        if seen > 1000:
            return _FORMULA_TAG.search(data, at - 1) is not None
        at = find(b"f", at + 1)
    return False


_DTD = re.compile(rb"<!DOCTYPE|<!ENTITY", re.IGNORECASE)


def _open_zip(path: Path, limits: Limits) -> zipfile.ZipFile:
    size = path.stat().st_size
    if size > limits.file_bytes:
        raise PacketRefused(f"文件过大（{size // 1048576} MB，上限 {limits.file_bytes // 1048576} MB）",
                            f"file too large ({size} bytes; limit {limits.file_bytes})")
    if not zipfile.is_zipfile(path):
        raise not_a_packet("这个文件不是 Excel 数据包（.xlsx）文件，或文件已损坏/不完整",
                           "this file is not an .xlsx packet, or it is damaged or incomplete")
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
        raise not_a_packet("这个文件不是 Excel 工作簿（缺少 xl/workbook.xml）", "this file is not an Excel workbook")
    return zf


def _sheet_members(zf: zipfile.ZipFile) -> dict[str, str]:
    """Sheet name → zip member, read with defusedxml (entity expansion refused)."""
    names = zf.namelist()
    if "xl/_rels/workbook.xml.rels" not in names:
        raise not_a_packet("这个文件不是 Excel 工作簿（缺少 xl/_rels/workbook.xml.rels）",
                           "this file is not an Excel workbook")
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
    except Exception as e:  # defusedxml raises several kinds
        raise PacketRefused("工作簿结构无法读取", f"the workbook structure cannot be read: {e}") from e
    targets = {r.get("Id"): r.get("Target", "") for r in rels}
    out = {}
    for sheet in book.iterfind("m:sheets/m:sheet", ns):
        target = targets.get(sheet.get(f"{{{ns['r']}}}id"), "")
        target = target.lstrip("/")
        out[sheet.get("name", "")] = target if target.startswith("xl/") else "xl/" + target
    return out


_SCAN_BLOCK = 1 << 20
"""XML inflated at a time by the formula scan (its memory stays bounded)."""


def _formula_cells(zf: zipfile.ZipFile, member: str) -> list[str]:
    """Cell references holding a formula in one worksheet (streamed, bounded memory)."""
    found: list[str] = []
    tail = b""
    with zf.open(member) as fh:
        first = True
        for block in iter(lambda: fh.read(_SCAN_BLOCK), b""):
            if first and _DTD.search(block[:4096]):
                raise PacketRefused("工作表含有 XML 文档类型定义（DTD），拒绝读取", "XML with a DTD is refused")
            first = False
            # The block is searched as it is (no copy of it), the seam with the one before too
            if _has_formula_tag(block) or _has_formula_tag(tail[-8:] + block[:8]):
                found.extend(m.decode() for m in _FORMULA.findall(tail + block))
            tail = (tail + block[-512:])[-512:]
    return list(dict.fromkeys(found))


# ---- reading ------------------------------------------------------------------------------

def _meta(wb: CalamineWorkbook | _Workbook) -> dict[str, Any]:
    if fmt.META_SHEET not in wb.sheet_names:
        if fmt.COVER in wb.sheet_names:  # a packet's sheets copied or re-saved without the hidden one
            raise not_a_packet(
                f"这个表格不是完整的地标台账数据包：有“{fmt.COVER}”，但没有隐藏的校验部分"
                "（可能是复制工作表或另存时丢失了），无法核对签名",
                f"this workbook is not a whole GI Ledger packet: it has a {fmt.COVER} sheet but not the "
                "hidden machine part (lost when sheets were copied or saved elsewhere), so its "
                "signature cannot be checked")
        raise not_a_packet("这个表格不是地标台账数据包，而是一个普通的 Excel 表格：没有“封面”，也没有隐藏的校验部分",
                           "this workbook is not a GI Ledger packet but an ordinary spreadsheet: it has "
                           "no 封面 (cover) sheet and no hidden machine part")
    try:
        cells = wb.get_sheet_by_name(fmt.META_SHEET).to_python()
    except CalamineError as e:  # the sheet is there but cannot be read: a damaged file
        raise PacketRefused("文件已损坏，无法读取", f"the file cannot be read: {e}") from e
    column = [row[0] if row else "" for row in cells]
    if not column or column[0] != fmt.FORMAT:
        raise not_a_packet("这个表格不是地标台账数据包（隐藏部分的标识不符）",
                           "this workbook is not a GI Ledger packet (wrong marker in the hidden part)")
    try:
        meta = json.loads("".join(str(c) for c in column[1:] if c))
    except json.JSONDecodeError as e:
        raise PacketRefused("数据包信息已损坏", f"the machine part is damaged: {e}") from e
    if not isinstance(meta, dict) or meta.get("format") != fmt.FORMAT:
        raise not_a_packet("这个表格不是地标台账数据包（隐藏部分的格式不符）",
                           "this workbook is not a GI Ledger packet (the hidden part's format)")
    if int(meta.get("format_version", 0)) > fmt.FORMAT_VERSION:
        raise PacketRefused("数据包由更新版本的地标台账生成，请先升级",
                            "the packet was made by a newer GI Ledger; upgrade first")
    return meta


def _sheet_order(meta: dict[str, Any], names: list[str]) -> list[str]:
    """The register sheets in the order they will be read (those that are there); [] if the
    machine part is too odd to tell (it is refused later, where the sheets are read)."""
    try:
        return [s["name"] for s in meta.get("sheets") or []
                if isinstance(s.get("name"), str) and s["name"] in names]
    except Exception:  # noqa: BLE001 - only a guess for reading ahead
        return []


@contextlib.contextmanager
def gc_paused() -> Iterator[None]:
    """No cyclic garbage collection meanwhile (restored after, if it was on).

    Reading a packet makes a few objects per cell and keeps most of them; a full collection
    walks them all again, and collections set off by the growing heap took more time than
    the reading itself. Reading makes next to no cyclic garbage."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


def read_packet(path: Path | str, *, limits: Limits = LIMITS, progress: Progress = no_progress,
                cancelled: CancelCheck = never_cancelled) -> Packet:
    """Read and check a packet file, every row kept in :attr:`Packet.rows`. Raises
    :class:`PacketRefused` for a file that is not a readable packet; cell-level problems and
    edits are listed on the returned :class:`Packet`. (Large packets are merged with
    :func:`open_packet`, which holds one chunk of rows at a time.)"""
    with gc_paused(), open_packet(path, limits=limits, progress=progress, cancelled=cancelled) as stream:
        rows: dict[str, list[ParsedRow]] = {}
        for kind_key, chunk in stream.chunks():
            rows.setdefault(kind_key, []).extend(chunk.rows())
        packet = stream.packet
    order = [s.get("kind") for s in packet.meta.get("sheets") or []]
    packet.rows = {k: rows[k] for k in sorted(rows, key=order.index)}
    sort_problems(packet)
    if packet.edited:
        name_edits(packet, packet.rows.items())
    return packet


@contextlib.contextmanager
def open_packet(path: Path | str, *, limits: Limits = LIMITS, progress: Progress = no_progress,
                cancelled: CancelCheck = never_cancelled) -> Iterator[PacketStream]:
    """Open a packet for reading its rows a chunk at a time (:meth:`PacketStream.chunks`).

    The container, the machine part and the signature are checked on entry (raising
    :class:`PacketRefused`); the cells as the rows are read. ``progress`` counts rows."""
    path = Path(path)
    if not path.is_file():
        raise PacketRefused(f"找不到文件：{path}", f"no such file: {path}")
    zf = _open_zip(path, limits)
    book: _Workbook | None = None
    try:
        try:
            members = _sheet_members(zf)
            listed = set(zf.namelist())
            scan = _FormulaScan(zf, {name: member for name, member in members.items() if member in listed
                                     and name not in (fmt.META_SHEET, fmt.LISTS_SHEET)})
            sizes = {name: zf.getinfo(member).file_size for name, member in members.items()
                     if member in listed}
        except (zipfile.BadZipFile, zlib.error, EOFError, OSError) as e:  # a damaged member (CRC)
            raise PacketRefused("文件已损坏，无法读取", f"the file is damaged: {e}") from e
        if not scan.checked():
            scan.finish()  # its DTD check comes before calamine reads anything
        # Every part calamine reads has been checked for a DTD now. A damaged part the scan
        # finds is refused before anything calamine or the machine part has against the file.
        book = _Workbook(path, sizes)
        try:
            # The largest sheet is read from the start (a register's, as far as a packet goes;
            # the machine part, read meanwhile, tells which sheets are the registers)
            others = (fmt.META_SHEET, fmt.LISTS_SHEET, fmt.COVER)
            book.read_ahead(sorted((n for n in sizes if n not in others), key=sizes.__getitem__)[-1:])
            meta = _meta(book)
            registers = _sheet_order(meta, book.sheet_names)
            book.read_ahead(registers)
            scan.defer(registers)
            scan.finish()  # the other sheets (the cover ...): small
            packet = Packet(path=path, file_hash=fmt.file_sha256(path), meta=meta)
            packet.signature_ok = _signature_ok(meta)
        except PacketRefused:
            scan.result()
            raise
        yield PacketStream(book, packet, scan, progress, cancelled)
    finally:
        if book is not None:
            book.close()
        zf.close()


class PacketStream:
    """An open packet: its machine part (:attr:`packet`) and its rows, a chunk at a time."""

    def __init__(self, book: _Workbook, packet: Packet, scan: _FormulaScan,
                 progress: Progress, cancelled: CancelCheck):
        self._book, self.packet, self._scan = book, packet, scan
        self._progress, self._cancelled = progress, cancelled

    def chunks(self) -> Iterator[tuple[str, RowChunk]]:
        """``(register key, rows)`` of every register sheet the machine part lists, a chunk of
        up to :data:`CHUNK_ROWS` rows at a time; then :attr:`Packet.content_hash` is set.

        Sheets come in the order the workers finish reading them (the first listed that is
        ready), each sheet's chunks one after another. Problems found in the cells go to
        :attr:`Packet.problems` (:func:`sort_problems` puts them in sheet and row order). If
        sheets are refused, the refusal of the first listed of them is raised, whatever order
        they were read in."""
        wb, packet = self._book, self.packet
        names = set(wb.sheet_names)
        sheets = packet.meta.get("sheets") or []
        state = _Progress(sum(int(s.get("rows", 0)) for s in sheets), self._progress, self._cancelled)
        digest = fmt.ContentDigest()
        pending = list(range(len(sheets)))
        try:
            while pending:
                j = pending.pop(wb.pick([str(sheets[k].get("name")) for k in pending]))
                try:
                    for rows in _read_sheet(wb, sheets[j], names, digest, state, packet.problems):
                        yield str(sheets[j]["kind"]), rows
                except PacketRefused as e:
                    refusal = e
                    for k in sorted(k for k in pending if k < j):  # a sheet listed before may be refused too
                        try:
                            for _rows in _read_sheet(wb, sheets[k], names, digest, state, []):
                                pass
                        except PacketRefused as earlier:
                            refusal = earlier
                            break
                    raise refusal from None
            packet.content_hash = digest.hexdigest()
            # A formula in a register sheet matters only where the content is not what was
            # signed: elsewhere it can only repeat a signed value (its cached value is what is
            # read; it is never evaluated), so those sheets are scanned only then.
            found = self._scan.result() if packet.edited else {}
        except PacketRefused:
            self._scan.result()  # what the formula scan refuses comes first
            raise
        # Before the problems of the cells: sort_problems() keeps them first in their row.
        packet.problems[:0] = [p for sheet in sheets for p in _formula_problems(sheet, found)]
        self._progress(state.done, state.total)


def sort_problems(packet: Packet) -> None:
    """Put :attr:`Packet.problems` in the order of the listed sheets, then rows (stable: the
    problems of one row stay in the order they were found)."""
    order = {s.get("name"): n for n, s in enumerate(packet.meta.get("sheets") or [])}
    packet.problems.sort(key=lambda p: (order.get(p.sheet, len(order)), p.row))


class _FormulaScan:
    """The formula cells of sheets (:func:`_formula_cells`), in workbook order; refuses a
    damaged member (CRC). The register sheets are scanned only when the result is asked for
    (:meth:`defer`): calamine checks their data itself when it reads them, and a formula there
    matters only in a packet whose content is not what was signed."""

    def __init__(self, zf: zipfile.ZipFile, members: dict[str, str]):
        self._zf = zf
        self._pending = deque(members.items())
        self._later: deque[tuple[str, str]] = deque()
        self.found: dict[str, list[str]] = {}

    def checked(self) -> bool:
        """Whether :func:`_sheet_members` checked every member to scan for a DTD (as the scan
        would, in its first block)."""
        return all(member.endswith(_CHECKED_PARTS) for _name, member in (*self._pending, *self._later))

    def defer(self, names: Iterable[str]) -> None:
        """Scan these sheets only when :meth:`result` is asked for."""
        names = set(names)
        self._later.extend(item for item in self._pending if item[0] in names)
        self._pending = deque(item for item in self._pending if item[0] not in names)

    def step(self) -> bool:
        """Scan the next sheet not deferred; False if none is left."""
        if not self._pending:
            return False
        name, member = self._pending.popleft()
        try:
            self.found[name] = _formula_cells(self._zf, member)
        except (zipfile.BadZipFile, zlib.error, EOFError, OSError) as e:  # a damaged member (CRC)
            self._pending.clear()
            self._later.clear()
            raise PacketRefused("文件已损坏，无法读取", f"the file is damaged: {e}") from e
        except BaseException:
            self._pending.clear()
            self._later.clear()
            raise
        return True

    def finish(self) -> None:
        """Scan what is left but the deferred sheets."""
        while self.step():
            pass

    def result(self) -> dict[str, list[str]]:
        """The formula cells by sheet, every sheet scanned; raises what the scan raises."""
        self._pending.extend(self._later)
        self._later.clear()
        self.finish()
        return self.found


def _signature_ok(meta: dict[str, Any]) -> bool:
    from desktop import keys

    key, signature = meta.get("public_key"), meta.get("signature")
    return bool(key and signature and keys.verify(key, signature, canonical_meta(meta)))


@dataclass
class _Progress:
    total: int
    progress: Progress
    cancelled: CancelCheck
    done: int = 0


def _read_sheet(wb: _Workbook, sheet: dict[str, Any], names: set[str], digest: fmt.ContentDigest,
                state: _Progress, problems: list[Problem]) -> Iterator[RowChunk]:
    """The rows of one register sheet, a chunk at a time; its canonical lines go to ``digest``
    and its problems to ``problems``. A sheet that cannot be read is refused before any row."""
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
    iterator: Iterator[list[Any]] = iter(wb.get_sheet_by_name(name).iter_rows())
    header = next(iterator, [])
    labels = [str(h).rstrip("*") for h in header[:len(columns)]]
    if labels != [c.zh for c in columns]:
        raise PacketRefused(f"工作表“{name}”的表头被改动（列被插入、删除或改名）",
                            f"the header row of sheet {name!r} was changed")
    parser = _SheetParser(kind_key, name, columns)
    excel_row = 1
    while True:
        cells = list(islice(iterator, CHUNK_ROWS))
        if not cells:
            break
        numbers = list(range(excel_row + 1, excel_row + 1 + len(cells)))
        excel_row += len(cells)
        # Blank rows are skipped (a row is read if its first cell, or any cell, is filled)
        firsts = [c[0] if c else None for c in cells] if min(map(len, cells)) == 0 else \
            list(map(_FIRST, cells))
        blank = [] if "" not in firsts and None not in firsts else \
            [i for i, c in enumerate(cells) if all(x in _EMPTY for x in c)]
        if blank:
            skip = set(blank)
            numbers = [r for i, r in enumerate(numbers) if i not in skip]
            cells = [c for i, c in enumerate(cells) if i not in skip]
            if not cells:
                continue
        rows, lines = parser.parse(numbers, cells, problems)
        del cells
        digest.update_many(lines)
        state.done += len(rows)
        state.progress(state.done, state.total)
        check_cancel(state.cancelled)
        yield rows


def _formula_problems(sheet: dict[str, Any], found: dict[str, list[str]]) -> list[Problem]:
    """A problem for each formula cell the scan found in a register sheet (as listed in the
    machine part, which :func:`_read_sheet` has checked)."""
    name, kind_key = sheet.get("name"), sheet.get("kind")
    refs = found.get(str(name), [])
    if not refs or kind_key not in REGISTRY:
        return []
    expected = {c.key: c for c in fmt.sheet_columns(REGISTRY[kind_key])}
    columns = [expected.get(k) for k in sheet.get("columns") or []]
    out = []
    for ref in refs:
        letters = re.sub(r"[0-9]", "", ref)
        index = 0
        for ch in letters:
            index = index * 26 + ord(ch) - 64
        column = columns[index - 1] if 0 < index <= len(columns) else None
        out.append(Problem(str(name), int(re.sub(r"[A-Z]", "", ref)), column.zh if column else ref, "",
                           "单元格含有公式，数据包中不接受公式（不会计算）",
                           "the cell holds a formula; packets take values only "
                           "(formulas are never evaluated)", str(kind_key)))
    return out


_EMPTY = ("", None)
"""What an empty cell reads as."""
_FIRST = itemgetter(0)


_CHECKED_PARTS = (".xml", ".rels", ".vml")
"""Zip members :func:`_sheet_members` checks for a DTD."""


class _Workbook:
    """The packet as calamine reads it, on worker threads.

    calamine reads a sheet without holding the GIL, so the sheets are read from the file while
    the cells of those read before are checked (and, from the start, while the formula scan
    runs). Each worker has a calamine workbook of its own (calamine takes one caller at a
    time), so a large sheet is read while the smaller ones before it are read and checked.
    Only the workers touch their workbooks until :meth:`close`. An error is raised to whoever
    asks for what failed, as if read right then. Sheets are read ahead in the order given to
    :meth:`read_ahead`, while those read and not yet taken are smaller than ``AHEAD_BYTES`` of
    XML; a sheet asked for is read next."""

    AHEAD_BYTES = 64 * 1024 * 1024
    WORKERS = 2

    def __init__(self, path: Path, sizes: dict[str, int]):
        self._sizes = sizes
        self._cv = threading.Condition()
        self._order: deque[str] = deque()
        self._ready: dict[str, deque[tuple[BaseException | None, Any]]] = {}
        self._held = 0
        self._loading: set[str] = set()
        self._wanted: str | None = None
        self._asked_for: set[str] = set()
        self._closing = False
        self._opened: tuple[BaseException | None, list[str]] | None = None
        self._books: list[CalamineWorkbook] = []
        self._threads = [threading.Thread(target=self._work, args=(str(path), n == 0), daemon=True,
                                          name=f"packet-reader-{n}") for n in range(self.WORKERS)]
        for thread in self._threads:
            thread.start()

    def _work(self, path: str, first: bool) -> None:
        try:
            wb = CalamineWorkbook.from_path(path)
            opened: tuple[BaseException | None, list[str]] = (None, list(wb.sheet_names))
        except BaseException as e:  # noqa: BLE001 - raised to the reader by sheet_names
            wb, opened = None, (e, [])
        with self._cv:
            if wb is not None:
                self._books.append(wb)
            if first:  # what the first worker found is what the reader is told
                self._opened = opened
            self._cv.notify_all()
        if wb is None:
            return
        while True:
            with self._cv:
                while not self._closing and (not self._order or (
                        self._held >= self.AHEAD_BYTES and self._order[0] != self._wanted)):
                    self._cv.wait()
                if self._closing:
                    return
                name = self._order.popleft()
                self._loading.add(name)
            try:
                result: tuple[BaseException | None, Any] = (None, wb.get_sheet_by_name(name))
            except BaseException as e:  # noqa: BLE001 - raised to the reader by get_sheet_by_name()
                result = (e, None)
            with self._cv:
                self._ready.setdefault(name, deque()).append(result)
                self._held += self._sizes.get(name, 0)
                self._loading.discard(name)
                self._cv.notify_all()

    @property
    def sheet_names(self) -> list[str]:
        with self._cv:
            while self._opened is None:
                self._cv.wait()
            error, names = self._opened
        if error is not None:
            if isinstance(error, CalamineError):
                raise PacketRefused("文件已损坏，无法读取", f"the file cannot be read: {error}") from error
            raise error
        return names

    def read_ahead(self, names: list[str]) -> None:
        """Read these sheets ahead (those not asked for before), the largest first: its rows
        can be checked only once it is read whole, and it takes longest, so the others are read
        and checked meanwhile."""
        with self._cv:
            self._order.extend(sorted((n for n in names if n not in self._asked_for),
                                      key=lambda name: -self._sizes.get(name, 0)))
            self._asked_for.update(names)
            self._cv.notify_all()

    def pick(self, names: list[str]) -> int:
        """Which of ``names`` to check next: the first one read already, waiting until one is
        (or the first one that is not being read ahead: asking for it reads it)."""
        self.sheet_names  # noqa: B018 - raises if the workbook could not be opened
        with self._cv:
            while True:
                for i, name in enumerate(names):
                    if self._ready.get(name):
                        return i
                for i, name in enumerate(names):
                    if name not in self._order and name not in self._loading:
                        return i
                if self._closing:
                    return 0
                self._cv.wait()

    def get_sheet_by_name(self, name: str) -> Any:
        """The sheet, as from calamine's workbook; raises what reading it raised (a calamine
        error as :class:`PacketRefused`: the file is damaged)."""
        self.sheet_names  # noqa: B018 - raises if the workbook could not be opened
        with self._cv:
            if not self._ready.get(name) and name not in self._loading:
                if name in self._order:
                    self._order.remove(name)
                self._order.appendleft(name)
            self._wanted = name
            self._cv.notify_all()
            while not self._ready.get(name):
                self._cv.wait()
            self._wanted = None
            error, sheet = self._ready[name].popleft()
            self._held -= self._sizes.get(name, 0)
            self._cv.notify_all()
        if isinstance(error, CalamineError):
            raise PacketRefused("文件已损坏，无法读取", f"sheet {name!r} cannot be read: {error}") from error
        if error is not None:
            raise error
        return sheet

    def close(self) -> None:
        """Stop reading ahead, wait for the workers, close the workbooks."""
        with self._cv:
            self._closing = True
            self._cv.notify_all()
        for thread in self._threads:
            thread.join()
        for wb in self._books:
            wb.close()


CACHE_LIMIT = 20_000
"""Distinct cell values remembered per column: codes, dates and numbers repeat down a column,
so most cells are parsed once per packet instead of once per row."""

CHUNK_ROWS = 2048
"""Rows read from calamine and checked column by column at a time (bounds the memory held)."""

_NUMBERS = frozenset({bool, int, float})
_TYPED = "typed"
_COMMON = ("id", "office_code", "revision", "deleted", "created_at", "updated_at")
"""The columns that are not fields of the register (:attr:`RowChunk.ids`, ``offices`` ...)."""


class _SheetParser:
    """Turns the cells of one register sheet into :class:`RowChunk` s and canonical lines.

    Work goes column by column over a chunk of rows: each distinct cell value of a column is
    parsed once (:func:`format.cell_parser`), then looked up for every cell that holds it. The
    results are those of :func:`format.cell_to_value` and :func:`format.canonical` cell by
    cell; a refused cell is a :class:`Problem`, listed in row then column order."""

    def __init__(self, kind_key: str, sheet: str, columns: list[fmt.Column]):
        self.kind_key, self.sheet, self.columns = kind_key, sheet, columns
        self.keys = keys = [c.key for c in columns]
        self.parsers = [fmt.cell_parser(c) for c in columns]
        # Columns whose cells are mostly all different (ids, names, amounts) are parsed a chunk
        # at a time once that shows (fmt.column_parser), not value by value through the cache.
        self.batch = [fmt.column_parser(c) for c in columns]
        self.direct = [False for _ in columns]
        self.lists = [c.field is not None and c.field.type in (FieldType.MULTI, FieldType.LIST)
                      for c in columns]
        # Per column, by the one kind of number its cells hold (1, 1.0 and True are equal keys
        # but different cells), or _TYPED with (type, value) keys when they mix:
        # value -> (value, canonical text, its JSON) and value -> (error, canonical text, its JSON).
        self.caches: list[dict[Any, tuple[dict[Any, Any], dict[Any, Any]]]] = [{} for _ in columns]
        # canonical_line() of a row is '["kind",' + the JSON of each canonical text + ']\n'
        self.head = "[" + _json_str(kind_key) + ","
        # Where the common columns are. A sheet lists each column once, unless forged; then the
        # last of a key's columns counts (as when a row's cells are put in a dict one by one).
        last = {k: n for n, k in enumerate(keys)}
        self.fields = [n for n, k in enumerate(keys) if k not in _COMMON]
        self.common = [last.get(k) for k in _COMMON]
        # The stored (SQLite) form of each field of the register, from its column: the canonical
        # text for dates and lists (Field.to_db makes the same), 1/0 for flags, else the value.
        kind = REGISTRY[kind_key]
        self.stored_plan = [(last.get(f.key),
                             "text" if f.type in (FieldType.DATE, FieldType.MULTI, FieldType.LIST)
                             else "flag" if f.type is FieldType.BOOL else "value")
                            for f in kind.fields]

    def _learn(self, n: int, keys: Any, typed: bool, cache: dict[Any, Any],
               refused: dict[Any, Any]) -> None:
        """Parse the values of column ``n`` not seen yet."""
        parse = self.parsers[n]
        # set.difference(dict) looks up each of the chunk's values in the dict (difference_update
        # would go through the whole dict, up to CACHE_LIMIT entries, for every chunk)
        new = set(keys).difference(cache)
        if refused:
            new = new.difference(refused)
        batch = self.batch[n]
        if batch is not None and len(new) * 2 > len(keys):
            self.direct[n] = True
        if batch is not None and not typed and len(new) > 16:
            # Many new values (ids referred to, names): parsed together when every one is plain
            fresh = list(new)
            got = batch(fresh)
            if got is not None:
                texts = got[1]
                cache.update(zip(fresh, zip(got[0], texts, ["null" if t is None else _json_str(t)
                                                            for t in texts])))
                return
        for key in new:
            raw = key[1] if typed else key
            try:
                value, text = parse(raw)
            except FieldError as e:
                text = None if raw in ("", None) else f"\u0000{raw}"  # keeps the hash honest
                refused[key] = (e, text, "null" if text is None else _json_str(text))
                continue
            cache[key] = (value, text, "null" if text is None else _json_str(text))

    def _caches(self, n: int, selector: Any) -> tuple[dict[Any, Any], dict[Any, Any]]:
        """Column ``n``'s caches (parsed, refused) for cells of one kind of number (or none)."""
        caches = self.caches[n].get(selector)
        if caches is None:
            caches = self.caches[n][selector] = ({}, {})
        return caches

    def _refusal(self, n: int, raw: Any) -> FieldError | None:
        """Why column ``n`` refuses this cell (None if it does not)."""
        try:
            self.parsers[n](raw)
        except FieldError as e:
            return e
        return None

    def _column(self, n: int, column: tuple[Any, ...], numbers: list[int],
                bad: list[tuple[int, int, Problem]]) -> tuple[Any, ...]:
        """(value, canonical text, its JSON) of each cell of column ``n``."""
        if self.direct[n]:
            got = self.batch[n](column)  # type: ignore[misc]  # direct columns hold a one-argument parser
            if got is not None:
                values, texts = got
                if None in texts:
                    return values, texts, ["null" if t is None else _json_str(t) for t in texts]
                return values, texts, list(map(_json_str, texts))
        first = column[0]
        if (first is None or type(first) is str) and column[-1] == first \
                and column.count(first) == len(column):
            # One text (or nothing) all down the chunk: an office code, a status, a time stamp.
            # Only a str equals a str (and None None), so these are one cell, looked up once.
            count = len(column)
            caches = self._caches(n, None)
            hit = caches[0].get(first)
            if hit is None and first not in caches[1]:
                self._learn(n, column, False, *caches)
                hit = caches[0].get(first)
            if hit is not None:
                return (hit[0],) * count, (hit[1],) * count, (hit[2],) * count
        types = set(map(type, column))
        typed = len(types & _NUMBERS) > 1
        keys: Any = list(zip(map(type, column), column)) if typed else column
        selector = _TYPED if typed else next(iter(types & _NUMBERS), None)
        cache, refused = self._caches(n, selector)
        try:
            results = list(map(cache.__getitem__, keys))
        except KeyError:
            self._learn(n, keys, typed, cache, refused)
            if refused and not refused.keys().isdisjoint(keys):
                results = []
                where = self.columns[n]
                for i, key in enumerate(keys):
                    hit = cache.get(key)
                    if hit is None:
                        error, text, js = refused[key]
                        raw = column[i]
                        if type(raw) is float and raw == 0:  # -0.0 has the entry of 0.0: quote the cell
                            error = self._refusal(n, raw) or error
                        bad.append((i, n, Problem(self.sheet, numbers[i], where.zh,
                                                  "" if raw is None else str(raw), error.reason.zh,
                                                  error.reason.en, self.kind_key, where.key)))
                        hit = (None, text, js)
                    results.append(hit)
            else:
                results = list(map(cache.__getitem__, keys))
        if len(cache) > CACHE_LIMIT:
            cache.clear()
        if len(refused) > CACHE_LIMIT:
            refused.clear()
        return tuple(zip(*results))

    def parse(self, numbers: list[int], cells: list[list[Any]],
              problems: list[Problem]) -> tuple[RowChunk, list[bytes]]:
        """The rows ``cells`` (on Excel rows ``numbers``) and their canonical lines."""
        width, count = len(self.columns), len(cells)
        if min(map(len, cells)) < width:
            cells = [c if len(c) >= width else [*c, *([""] * (width - len(c)))] for c in cells]
        by_column = list(zip(*cells))
        values: list[Any] = []
        texts: list[Any] = []
        jsons: list[Any] = []
        bad: list[tuple[int, int, Problem]] = []
        for n in range(width):
            v, t, j = self._column(n, by_column[n], numbers, bad)
            if self.lists[n]:  # every row gets a list of its own
                v = [None if x is None else list(x) for x in v]
            values.append(v)
            texts.append(t)
            jsons.append(j)
        del by_column
        failed: set[int] = set()
        if bad:
            bad.sort(key=lambda b: (b[0], b[1]))
            problems.extend(b[2] for b in bad)
            failed = {b[0] for b in bad}
        # canonical_line() of each row: '["kind",' + the JSON of its canonical texts + ']\n'. JSON
        # escapes CR and LF inside strings, so the lines of the chunk are split at its newlines.
        head = self.head
        lines = (head + ("]\n" + head).join(map(",".join, zip(*jsons))) + "]\n").encode().splitlines(True)
        nothing = (None,) * count
        stored: list[Sequence[Any]] = []
        for at, how in self.stored_plan:
            if at is None:
                stored.append(nothing)
            elif how == "text":
                stored.append(texts[at])
            elif how == "flag":
                stored.append([None if x is None else int(x) for x in values[at]])
            else:
                stored.append(values[at])
        fields: dict[str, Sequence[Any]] = {}
        for n in self.fields:  # a column listed twice (a forged sheet): the last one counts
            fields[self.keys[n]] = values[n]
        common = [nothing if n is None else values[n] for n in self.common]
        return RowChunk(self.kind_key, numbers, common, fields, stored, texts, failed), lines


def name_edits(packet: Packet, rows: Iterable[tuple[str, RowChunk | Iterable[ParsedRow]]]) -> None:
    """Name each edited cell, added row and removed row of an edited packet, from the embedded
    exported copy: ``rows`` are the packet's rows again, ``(register key, rows)`` in any order
    and chunking. Raises :class:`PacketRefused` if the embedded copy is not the signed one."""
    try:
        data = zlib.decompress(base64.b64decode(packet.meta.get("data", "")))
    except (ValueError, zlib.error) as e:
        raise PacketRefused("数据包信息已损坏（原始数据无法解开）", f"the embedded copy is damaged: {e}") from e
    exported = fmt.ContentDigest()
    for raw in data.splitlines(keepends=True):
        exported.update(raw)
    if exported.hexdigest() != packet.meta.get("content_hash"):
        raise PacketRefused("数据包信息与签名不符（已损坏或被伪造）",
                            "the embedded copy does not match the signed hash (damaged or forged)")
    # Each exported line as it is, parsed only for a row that differs. Lines end with "\n" only:
    # splitlines() would also split at U+2028, U+0085, "\x1c" ..., which json.dumps(ensure_ascii=
    # False) leaves unescaped inside a value.
    original: dict[tuple[str, str], str] = {}
    for text in data.decode("utf-8").split("\n"):
        if text:
            kind_key, rid, *_values = json.loads(text)
            original[(kind_key, str(rid))] = text
    del data
    seen: set[tuple[str, str]] = set()
    by_kind = {s.get("kind"): s for s in packet.meta.get("sheets", [])}
    for kind_key, chunk in rows:
        sheet = by_kind[kind_key]
        columns = {c.key: c for c in fmt.sheet_columns(REGISTRY[kind_key])}
        keys = sheet["columns"]
        found: Iterable[tuple[str | None, int, Sequence[str | None]]] = (
            zip(chunk.ids, chunk.numbers, zip(*chunk.canon)) if isinstance(chunk, RowChunk)
            else ((row.id, row.row, row.canon) for row in chunk))
        for rid, number, canon in found:
            line = original.get((kind_key, rid or ""))
            if rid is None or line is None:
                packet.added_rows.append((sheet["name"], number))
                continue
            seen.add((kind_key, rid))
            old = json.loads(line)[1:]
            if old == list(canon):
                continue
            for n, key in enumerate(keys):
                if old[n] != canon[n]:
                    packet.edits.append(CellEdit(sheet["name"], number, columns[key].zh,
                                                 _show(old[n]), _show(canon[n])))
    for kind_key, rid in original:
        if (kind_key, rid) not in seen:
            packet.removed_rows.append((by_kind.get(kind_key, {}).get("name", kind_key), rid))


def _show(canon: str | None) -> str:
    if canon is None:
        return "（空）"
    return canon[1:] if canon.startswith("\u0000") else canon
