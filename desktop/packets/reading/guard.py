"""The check a sheet passes on a reader's worker before calamine reads it
(:class:`SheetGuard`): its XML streamed once (:func:`scan.scan_sheet`), refused if a cell lies
outside the sheet's bounds; the formulas found are kept for the packet's report."""

from __future__ import annotations

import html
import json
import re
import threading
import zipfile
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from desktop.packets import format as fmt
from desktop.packets.reading.container import ZIP_ERRORS, member_damage
from desktop.packets.reading.refusal import Limits, PacketRefused
from desktop.packets.reading.scan import Bounds, Formula, scan_sheet

__all__ = ["SheetGuard", "fixed_bounds", "register_bounds"]

_META_HEAD = 1 << 16
_SHEETS = re.compile(rb'"sheets":(\[[^<]*?\]),"content_hash"')
"""The machine part's list of sheets in its sheet's XML (in the first cell: no tag inside)."""


def _whole_group(columns: int) -> int:
    """``columns`` up to the end of its letter group (47, AU → 52, AZ): the usual XML is
    checked a letter group at a time (:mod:`.scan`), the walker the same."""
    return columns if columns <= 26 else -(-columns // 26) * 26


def fixed_bounds(limits: Limits, name: str = fmt.META_SHEET) -> Bounds:
    """The bounds of sheet ``name`` if it is not a register: the cover and the code lists have
    :attr:`Limits.small_rows`, the others (the machine part, a sheet added by hand)
    :attr:`Limits.other_rows`, the machine part no more than its largest text fills
    (:data:`format.META_CHUNK` characters a row, within :attr:`Limits.uncompressed_bytes`)."""
    if name in (fmt.COVER, fmt.LISTS_SHEET):
        rows = limits.small_rows
    elif name == fmt.META_SHEET:
        rows = min(limits.other_rows, limits.uncompressed_bytes // fmt.META_CHUNK + 2)
    else:
        rows = limits.other_rows
    return Bounds(rows, _whole_group(limits.other_columns))


def register_bounds(meta: Mapping[str, Any], limits: Limits) -> dict[str, Bounds]:
    """Sheet name → its bounds, for each register sheet the machine part lists: the header and
    the rows it counts plus :attr:`Limits.added_rows`, its columns plus
    :attr:`Limits.added_columns` (to the end of their letter group); never more than
    :attr:`Limits.sheet_rows` rows. (The counts are read before the signature is checked: a
    forged count is refused with the signature, and the fixed limit holds meanwhile.)"""
    out: dict[str, Bounds] = {}
    sheets = meta.get("sheets")
    for sheet in sheets if isinstance(sheets, list) else []:
        if not isinstance(sheet, dict) or not isinstance(sheet.get("name"), str):
            continue
        try:
            rows = max(0, int(sheet.get("rows") or 0))
        except (TypeError, ValueError):
            rows = 0
        columns = sheet.get("columns")
        width = len(columns) if isinstance(columns, list) else 0
        out[sheet["name"]] = Bounds(min(1 + rows + limits.added_rows, limits.sheet_rows + 1),
                                    _whole_group(max(width, 1) + limits.added_columns))
    return out


class SheetGuard:
    """Checks a sheet before calamine reads it (:class:`workbook.SheetCheck`).

    The machine part's sheet and the cover have fixed bounds; a register sheet's bounds come
    from the machine part (:meth:`set_registers`), so a worker that wants one waits for them.
    Each worker scans with a zip file of its own. :attr:`formulas` are those of every sheet
    checked."""

    def __init__(self, path: Path, members: Mapping[str, str], limits: Limits):
        self._path, self._members, self._limits = path, dict(members), limits
        self._cv = threading.Condition()
        self._registers: dict[str, Bounds] | None = None
        self._closed = False
        self.formulas: dict[str, list[Formula]] = {}

    def set_registers(self, bounds: dict[str, Bounds]) -> None:
        """The bounds of the register sheets (those not listed are never read)."""
        with self._cv:
            self._registers = bounds
            self._cv.notify_all()

    def close(self) -> None:
        with self._cv:
            self._closed = True
            self._cv.notify_all()

    def _bounds(self, name: str) -> Bounds | None:
        if name in (fmt.META_SHEET, fmt.COVER):
            return fixed_bounds(self._limits, name)
        with self._cv:
            while self._registers is None and not self._closed:
                self._cv.wait()
            registers = self._registers or {}
        return registers.get(name)

    def __call__(self, name: str) -> None:
        member = self._members.get(name)
        if member is None:
            return  # not in the workbook: calamine says so
        try:
            zf = zipfile.ZipFile(self._path)
        except ZIP_ERRORS as e:  # (opened once before: the file changed under the reader)
            raise member_damage(member, e) from e
        with zf:
            early = None
            with self._cv:
                waiting = self._registers is None and name not in (fmt.META_SHEET, fmt.COVER)
            if waiting:  # the largest sheet, read ahead: scanned meanwhile with the bounds the
                early = self._provisional(zf, name)  # machine part's text gives, if they are clear
                found = scan_sheet(zf, member, name, early) if early is not None else []
            bounds = self._bounds(name)
            if bounds is None:
                raise PacketRefused(f"工作表“{name}”不是数据包的台账表，不读取",
                                    f"sheet {name!r} is not a register sheet")
            if bounds != early:  # (the same, unless the machine part's text is odd)
                found = scan_sheet(zf, member, name, bounds)
        with self._cv:
            self.formulas[name] = found

    def _provisional(self, zf: zipfile.ZipFile, name: str) -> Bounds | None:
        """The bounds of sheet ``name`` from the machine part's XML as it stands in the file
        (its list of sheets, near the start of its first cell), before calamine has read it;
        None if they cannot be told at a glance. Only a scan uses them: calamine waits for the
        machine part as read (:meth:`set_registers`)."""
        member = self._members.get(fmt.META_SHEET)
        if member is None:
            return None
        try:
            with zf.open(member) as fh:
                head = fh.read(_META_HEAD)
            found = _SHEETS.search(head)
            sheets = json.loads(html.unescape(found[1].decode("utf-8"))) if found else None
        except ZIP_ERRORS:
            return None  # said where the machine part is read
        return register_bounds({"sheets": sheets}, self._limits).get(name) if isinstance(sheets, list) else None
