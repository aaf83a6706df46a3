"""Writing packets with xlsxwriter (constant memory: rows streamed, never all in memory).

:func:`write_packet` is the one writer behind county packets, restore packets, reference packets
and receipts: the caller says which records go in and what the machine part says.
"""

from __future__ import annotations

import base64
import json
import logging
import zlib
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import Any, TypeVar

import xlsxwriter
import xlsxwriter.exceptions

from desktop import practice, tempfiles
from desktop.fields import FieldType, Kind
from desktop.jobs import CancelCheck, Progress, check_cancel, never_cancelled, no_progress
from desktop.packets import format as fmt
from desktop.packets.sheetxml import SheetRows, cell_plan
from desktop.record import Record

__all__ = ["PacketContent", "WrittenPacket", "write_packet", "canonical_meta", "close_workbook"]

_T = TypeVar("_T")

log = logging.getLogger(__name__)

BATCH_ROWS = 1000
"""Records written (and checked for a cancel) at a time."""


@dataclass
class PacketContent:
    """What goes into a packet: the meta fields, the cover lines, and the records per kind."""

    meta: dict[str, Any]
    """Everything of the machine part except sheets, content hash, data and signature."""
    cover_title: str
    cover_lines: list[tuple[str, str]]
    records: Mapping[str, Callable[[], Iterable[Record]]] = field(default_factory=dict)
    """kind key → a function giving its records (called once, while writing)."""
    counts: Mapping[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class WrittenPacket:
    path: Path
    content_hash: str
    meta: dict[str, Any]
    rows: int


def canonical_meta(meta: Mapping[str, Any]) -> bytes:
    """The bytes a packet's signature covers: the machine part without signature and data."""
    signed = {k: v for k, v in meta.items() if k not in ("signature", "data")}
    return json.dumps(signed, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode()


class _Formats:
    def __init__(self, wb: xlsxwriter.Workbook):
        self.header = wb.add_format({"bold": True, "bg_color": "#DCE6F1", "border": 1,
                                     "text_wrap": True, "valign": "vcenter"})
        self.required = wb.add_format({"bold": True, "bg_color": "#DCE6F1", "border": 1,
                                       "font_color": "#9C0006", "text_wrap": True, "valign": "vcenter"})
        self.text = wb.add_format({"num_format": "@"})
        self.date = wb.add_format({"num_format": "yyyy-mm-dd"})
        self.int = wb.add_format({"num_format": "0"})
        self.decimals = {d: wb.add_format({"num_format": "0." + "0" * d if d else "0"}) for d in range(0, 7)}
        self.wrap = wb.add_format({"num_format": "@", "text_wrap": False})
        self.title = wb.add_format({"bold": True, "font_size": 16})
        self.label = wb.add_format({"bold": True})
        self.note = wb.add_format({"font_color": "#666666", "text_wrap": True})
        self.banner = wb.add_format({"bold": True, "font_size": 14, "font_color": "#FFFFFF",
                                     "bg_color": "#C00000", "text_wrap": True, "valign": "vcenter"})
        # Style numbers in a fixed order (xlsxwriter numbers them as first used), so the same
        # packet content always makes the same file.
        for style in (self.header, self.required, self.text, self.date, self.int,
                      *self.decimals.values(), self.wrap, self.title, self.label, self.note,
                      self.banner):
            style._get_xf_index()


def write_packet(path: Path, content: PacketContent, sign: Callable[[bytes], str], *,
                 progress: Progress = no_progress, cancelled: CancelCheck = never_cancelled) -> WrittenPacket:
    """Write a packet to ``path`` (as ``PATH.<pid>.part``, renamed at the end).

    ``sign(message) -> signature`` signs the canonical meta. Returns the content hash and meta.
    The worksheets' temporary files go into a folder of this process's own
    (:mod:`desktop.tempfiles`), removed at the end whatever happens; partial files of ``path``
    that a killed process left are removed first. A destination that cannot be written (no such
    folder, no permission) raises :class:`OSError` naming it, before any row is written.
    """
    path = Path(path)
    tempfiles.clean_partials_beside(path)
    partial = tempfiles.partial_path(path)
    try:
        partial.touch()  # fails now, not once every row is written, if the folder cannot take it
    except OSError as e:
        raise type(e)(e.errno, e.strerror, str(path)) from None
    with tempfiles.temp_folder("export-") as scratch:
        wb = xlsxwriter.Workbook(str(partial), {
            "constant_memory": True, "strings_to_formulas": False, "strings_to_urls": False,
            "strings_to_numbers": False, "default_date_format": "yyyy-mm-dd", "tmpdir": str(scratch)})
        try:
            result = close_workbook(wb, lambda: _write(wb, content, sign, progress, cancelled))
        except BaseException:
            partial.unlink(missing_ok=True)
            raise
    partial.replace(path)
    return WrittenPacket(path, result[0], result[1], result[2])



def close_workbook(wb: xlsxwriter.Workbook, fill: Callable[[], _T]) -> _T:
    """Run ``fill()`` and close ``wb``; the error of either is raised as it is (an OSError for a
    file that cannot be created), after closing ``wb`` so its temporary files are let go."""
    try:
        result = fill()
        try:
            wb.close()
        except xlsxwriter.exceptions.FileCreateError as e:  # the OSError, without the wrapper
            cause = e.args[0] if e.args and isinstance(e.args[0], OSError) else OSError(str(e))
            raise cause from None
    except BaseException:
        try:
            wb.close()
        except Exception:  # noqa: BLE001 - the first error is the one to report
            pass
        raise
    return result

def _write(wb: xlsxwriter.Workbook, content: PacketContent, sign: Callable[[bytes], str],
           progress: Progress, cancelled: CancelCheck) -> tuple[str, dict[str, Any], int]:
    f = _Formats(wb)
    mark = practice.packet_practice(content.meta)
    wb.set_properties({"title": practice.cover_title(mark, content.cover_title),
                       "author": str(content.meta.get("clerk", "")),
                       "company": str(content.meta.get("office_name", "")),
                       "comments": "GI Ledger packet"})
    cover = wb.add_worksheet(fmt.COVER)
    kinds = [k for k in fmt.packet_kinds() if k.key in content.records]
    sheets = {k.key: wb.add_worksheet(k.zh) for k in kinds}
    lists = wb.add_worksheet(fmt.LISTS_SHEET)
    meta_ws = wb.add_worksheet(fmt.META_SHEET)
    lists.hide()
    meta_ws.hide()
    cover.activate()
    if mark is not None:  # every sheet shows it: a red tab, and a header on every printed page
        for ws in (cover, *sheets.values()):
            ws.set_tab_color("#C00000")
            ws.set_header(f"&C&14&\"-,Bold\"{practice.cover_title(mark, '不是真实台账，不得用于报送')}")

    list_refs = _write_lists(lists, kinds)
    total = sum(content.counts.values()) or 0
    digest = fmt.ContentDigest()
    packer = zlib.compressobj(1)  # speed over size: the copy is ~1/5 of the file
    packed: list[bytes] = []
    done = 0
    sheet_meta = []
    for kind in kinds:
        columns = fmt.sheet_columns(kind)
        ws = sheets[kind.key]
        rows = _write_sheet(ws, kind, columns, content.records[kind.key](), f, list_refs,
                            digest, packer, packed)
        n = 0
        for written in rows:
            n += written
            done += written
            progress(done, total)
            check_cancel(cancelled)
        sheet_meta.append({"kind": kind.key, "name": kind.zh, "columns": [c.key for c in columns],
                           "rows": n})
    packed.append(packer.flush())
    content_hash = digest.hexdigest()
    meta = dict(content.meta)
    meta.update(format=fmt.FORMAT, format_version=fmt.FORMAT_VERSION, sheets=sheet_meta,
                content_hash=content_hash)
    meta["signature"] = sign(canonical_meta(meta))
    meta["data"] = base64.b64encode(b"".join(packed)).decode("ascii")
    _write_cover(cover, content, sheet_meta, f, mark)
    _write_meta(meta_ws, meta)
    progress(done, total)
    return content_hash, meta, done


def _write_lists(ws: Any, kinds: list[Kind]) -> dict[tuple[str, str], str]:
    """One column of labels per coded field (for dropdowns); returns field → range reference."""
    refs: dict[tuple[str, str], str] = {}
    col = 0
    for kind in kinds:
        for fld in kind.fields:
            labels: list[str] = []
            if fld.type is FieldType.CHOICE:
                labels = [c.zh for c in fld.choices]
            elif fld.type is FieldType.BOOL:
                labels = [fmt.YES, fmt.NO]
            if not labels:
                continue
            refs[(kind.key, fld.key)] = (
                f"='{fmt.LISTS_SHEET}'!${xlsxwriter.utility.xl_col_to_name(col)}$2:"
                f"${xlsxwriter.utility.xl_col_to_name(col)}${len(labels) + 1}")
            ws.write_string(0, col, f"{kind.key}.{fld.key}")
            for r, label in enumerate(labels, start=1):
                ws.write_string(r, col, label)
            col += 1
    return refs


def _stored_row(item: Any, columns: list[fmt.Column]) -> list[Any]:
    """A record (typed :class:`Record`, or :class:`db.records.StoredRecord` straight from the
    database) as stored values in column order."""
    if isinstance(item, Record):
        values = {c.key: c.field.to_db(item.values.get(c.key)) for c in columns if c.field is not None}
    else:
        values = item.values
    common = {"id": item.id, "office_code": item.office_code, "revision": item.revision,
              "deleted": bool(item.deleted), "created_at": item.created_at,
              "updated_at": item.updated_at}
    return [values.get(c.key) if c.field is not None else common[c.key] for c in columns]


def _write_sheet(ws: Any, kind: Kind, columns: list[fmt.Column], records: Iterable[Any],
                 f: _Formats, list_refs: Mapping[tuple[str, str], str], digest: Any, packer: Any,
                 packed: list[bytes]) -> Iterator[int]:
    """Write one register sheet a batch of records at a time; yields the number of records
    of each batch written."""
    for c, column in enumerate(columns):
        fld = column.field
        header = column.zh + ("*" if fld is not None and fld.required else "")
        ws.write_string(0, c, header, f.required if fld is not None and fld.required else f.header)
        ws.set_column(c, c, min(max(column.width, len(column.zh) * 2 + 2), 60))
    ws.set_row(0, 32)
    ws.freeze_panes(1, 1)
    rows = SheetRows(ws, [cell_plan(c, f, fmt.YES, fmt.NO) for c in columns])
    rows.start()
    head = "[" + json.dumps(kind.key, ensure_ascii=False) + ","
    dumps = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode
    iterator = iter(records)
    while True:
        batch = [_stored_row(item, columns) for item in islice(iterator, BATCH_ROWS)]
        if not batch:
            break
        canons = rows.write(batch)
        # canonical_line() of each row: '["kind",' + the JSON of each canonical text + ']\n'
        lines = [(head + dumps(row)[1:] + "\n").encode() for row in zip(*canons, strict=True)]
        for line in lines:
            digest.update(line)
        chunk = packer.compress(b"".join(lines))
        if chunk:
            packed.append(chunk)
        yield len(batch)
    row = rows.finish()
    last = max(row, 1) + 1000  # room for rows a clerk adds by hand
    for c, column in enumerate(columns):
        ref = list_refs.get((kind.key, column.key))
        if ref is not None:
            ws.data_validation(1, c, last, c, {"validate": "list", "source": ref,
                                               "error_type": "warning"})
        elif column.key == "deleted":
            ws.data_validation(1, c, last, c, {"validate": "list", "source": [fmt.YES, fmt.NO],
                                               "error_type": "warning"})
    ws.autofilter(0, 0, max(row, 1), len(columns) - 1)


def _write_cover(ws: Any, content: PacketContent, sheet_meta: list[dict[str, Any]],
                 f: _Formats, mark: str | None) -> None:
    ws.set_column(0, 0, 22)
    ws.set_column(1, 1, 60)
    ws.write_string(0, 0, practice.cover_title(mark, content.cover_title), f.title)
    if mark is not None:  # a demo or training database's packet: said before anything else
        ws.merge_range(1, 0, 1, 1, practice.cover_banner(mark), f.banner)
        ws.set_row(1, 44)
    row = 2
    for label, value in content.cover_lines:
        ws.write_string(row, 0, label, f.label)
        ws.write_string(row, 1, value, f.text)
        row += 1
    row += 1
    ws.write_string(row, 0, "台账", f.header)
    ws.write_string(row, 1, "条数（含已删除）", f.header)
    for s in sheet_meta:
        row += 1
        ws.write_string(row, 0, s["name"])
        ws.write_number(row, 1, s["rows"])
    row += 2
    ws.write_string(row, 0, "说明", f.label)
    ws.write_string(row, 1, "本数据包由地标台账导出，带有数字签名。请勿修改各台账表中的内容："
                    "导出后的任何改动都会在导入时被发现并逐格列出。如需更正，请在地标台账中修改后重新导出。",
                    f.note)
    ws.set_row(row, 48)


def _write_meta(ws: Any, meta: Mapping[str, Any]) -> None:
    """The machine part: JSON split over cells of column A (each under Excel's cell limit)."""
    text = json.dumps(meta, ensure_ascii=False, separators=(",", ":"))
    ws.write_string(0, 0, fmt.FORMAT)
    for n, start in enumerate(range(0, len(text), fmt.META_CHUNK), start=1):
        ws.write_string(n, 0, text[start:start + fmt.META_CHUNK])
