"""Reading a spreadsheet the clerk picked: ``.xlsx``, ``.xls`` or ``.csv``, each checked
before a reader loads it.

- ``.xlsx``: the packets' protections (:mod:`desktop.packets.reading`): the path, size, zip
  container (zip bombs, members, encryption), every XML part checked for a DTD, then the
  sheet's XML streamed once (:func:`scan.scan_sheet`) with :data:`BOUNDS`, so a stray cell at
  XFD1048576 is refused before calamine would allocate the whole grid.
- ``.xls``: its size, then the BIFF records' extent (:mod:`.xls_extent`) within :data:`BOUNDS`.
- ``.csv``: :mod:`.csvfile` (encoding, delimiter, size and row limits).
"""

from __future__ import annotations

import hashlib
import logging
import zipfile
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any

from python_calamine import CalamineWorkbook

from desktop.packets.reading.container import open_zip, workbook_sheets
from desktop.packets.reading.refusal import LIMITS, WHAT_A_PACKET_IS, PacketRefused, check_input
from desktop.packets.reading.scan import Bounds, column_letters, scan_sheet
from desktop.tables.csvfile import read_csv
from desktop.tables.model import Grid, SheetInfo, TableRefused
from desktop.tables.xls_extent import Extent, XlsDamaged, sheet_extents

__all__ = ["SUFFIXES", "BOUNDS", "FILE_BYTES", "list_sheets", "read_grid", "file_format"]

log = logging.getLogger(__name__)

SUFFIXES = (".xlsx", ".xls", ".csv")
BOUNDS = Bounds(rows=100_000, columns=52)
"""How far a sheet's cells may reach (row 100,000, column AZ): a register's table is far
smaller, and calamine's grid of that size stays within a few hundred MB."""
FILE_BYTES = 100 * 1024 * 1024


_PACKET_WORDS = (
    ("。" + WHAT_A_PACKET_IS[0], ""), (". " + WHAT_A_PACKET_IS[1], ""),
    ("请对方删除这些单元格，或在地标台账中重新导出数据包", "请删除这些单元格后再导入"),
    ("ask the office to delete those cells or to export the packet again", "delete those cells and import again"),
    ("请选择导出的 .xlsx 数据包文件", "请选择要导入的表格文件"),
    ("choose the exported .xlsx packet", "choose the spreadsheet"),
    ("数据包文件", "表格文件"), ("packet file", "spreadsheet"),
)
"""What the packets' refusals say of packets, as said of a spreadsheet."""


def _reworded(text: str) -> str:
    for old, new in _PACKET_WORDS:
        text = text.replace(old, new)
    return text


def _refused(path: Path, e: PacketRefused) -> TableRefused:
    return TableRefused(f"“{path.name}”：{_reworded(e.zh)}", f"{path.name}: {_reworded(e.en)}")


def file_format(path: Path | str) -> str:
    """``xlsx``, ``xls`` or ``csv`` by the name's ending; refuses any other."""
    suffix = Path(path).suffix.lower()
    if suffix not in SUFFIXES:
        raise TableRefused(f"“{Path(path).name}”不是可导入的表格：只能导入 .xlsx、.xls 或 .csv 文件",
                           f"{Path(path).name} cannot be imported: use an .xlsx, .xls or .csv file")
    return suffix[1:]


def _checked(path: Path | str) -> Path:
    try:
        checked = check_input(path)
    except PacketRefused as e:
        raise TableRefused(_reworded(e.zh), _reworded(e.en)) from e
    size = checked.stat().st_size
    if size > FILE_BYTES:
        raise TableRefused(f"文件“{checked.name}”过大（{size // 1048576} MB，上限 {FILE_BYTES // 1048576} MB）",
                           f"file {checked.name!r} is too large ({size} bytes; limit {FILE_BYTES})")
    return checked


def _not_a_workbook(path: Path, what: str) -> TableRefused:
    return TableRefused(f"“{path.name}”不是有效的 {what} 工作簿，或文件已损坏/不完整",
                        f"{path.name} is not a valid {what} workbook, or it is damaged or incomplete")


def list_sheets(path: Path | str) -> list[SheetInfo]:
    """The sheets of the file, in workbook order (a CSV: one, named after the file).
    Raises :class:`desktop.tables.model.TableRefused`."""
    fmt = file_format(path)
    checked = _checked(path)
    if fmt == "csv":
        return [SheetInfo(checked.stem)]
    if fmt == "xlsx":
        return [SheetInfo(s.name, s.state != "visible") for s in _xlsx_sheets(checked)[1]]
    _xls_extents(checked)
    try:
        wb = CalamineWorkbook.from_path(str(checked))
        return [SheetInfo(m.name, str(m.visible) != "SheetVisibleEnum.Visible") for m in wb.sheets_metadata]
    except Exception as e:
        raise _not_a_workbook(checked, ".xls") from e


def _xlsx_sheets(path: Path) -> tuple[zipfile.ZipFile, list[Any]]:
    if not zipfile.is_zipfile(path):
        raise _not_a_workbook(path, ".xlsx")
    try:
        zf = open_zip(path, LIMITS)
    except PacketRefused as e:
        raise _refused(path, e) from e
    try:
        return zf, workbook_sheets(zf)
    except PacketRefused as e:
        zf.close()
        raise _refused(path, e) from e


def _xls_extents(path: Path) -> dict[str, Extent]:
    try:
        return sheet_extents(path.read_bytes())
    except XlsDamaged as e:
        raise _not_a_workbook(path, ".xls") from e


def _pick(path: Path, names: list[str], hidden: list[bool], sheet: str | None) -> str:
    if sheet is None:
        for name, h in zip(names, hidden, strict=True):
            if not h:
                return name
        if names:
            return names[0]
        raise TableRefused(f"“{path.name}”中没有工作表", f"{path.name} has no sheets")
    if sheet not in names:
        raise TableRefused(f"“{path.name}”中没有名为“{sheet}”的工作表，现有：{'、'.join(names)}",
                           f"{path.name} has no sheet {sheet!r}; it has: {', '.join(names)}")
    return sheet


def _far(path: Path, sheet: str, rows: int, columns: int) -> TableRefused:
    return TableRefused(
        f"“{path.name}”的工作表“{sheet}”有单元格远在数据范围之外（到第 {rows} 行、第 {column_letters(columns)} 列；"
        f"最多允许到第 {BOUNDS.rows} 行、第 {column_letters(BOUNDS.columns)} 列）：可能是误输入或误设格式的单元格。"
        "读取它需要极多内存，拒绝读取；请删除这些行列后再导入",
        f"sheet {sheet!r} of {path.name} has cells far outside its data (up to row {rows}, column "
        f"{column_letters(columns)}; at most row {BOUNDS.rows}, column {column_letters(BOUNDS.columns)} "
        "allowed): cells typed or formatted by mistake. Reading them would take a huge amount of memory, "
        "so it is refused; delete those rows and columns and import again")


def read_grid(path: Path | str, sheet: str | None = None) -> Grid:
    """One sheet's cells (the first visible sheet when ``sheet`` is None), after the file's
    checks. Raises :class:`desktop.tables.model.TableRefused` naming the file and sheet."""
    fmt = file_format(path)
    checked = _checked(path)
    digest = hashlib.sha256(checked.read_bytes()).hexdigest()
    if fmt == "csv":
        lines, encoding, delimiter = read_csv(checked)
        return Grid(checked, checked.stem, fmt, tuple(tuple(r) for r in lines), encoding=encoding,
                    delimiter=delimiter, sha256=digest)
    if fmt == "xlsx":
        zf, entries = _xlsx_sheets(checked)
        with zf:
            name = _pick(checked, [s.name for s in entries], [s.state != "visible" for s in entries], sheet)
            member = next(s.member for s in entries if s.name == name)
            if member not in zf.namelist():
                raise _not_a_workbook(checked, ".xlsx")
            try:
                scan_sheet(zf, member, name, BOUNDS)
            except PacketRefused as e:
                raise _refused(checked, e) from e
    else:
        extents = _xls_extents(checked)
    try:
        wb = CalamineWorkbook.from_path(str(checked))
        metadata = wb.sheets_metadata
    except Exception as e:
        raise _not_a_workbook(checked, "." + fmt) from e
    names = [m.name for m in metadata]
    if fmt == "xls":
        name = _pick(checked, names, [str(m.visible) != "SheetVisibleEnum.Visible" for m in metadata], sheet)
        extent = extents.get(name)
        if extent is None:
            raise _not_a_workbook(checked, ".xls")
        if extent.rows > BOUNDS.rows or extent.columns > BOUNDS.columns:
            raise _far(checked, name, extent.rows, extent.columns)
    try:
        ws = wb.get_sheet_by_name(name)
        raw = ws.to_python(skip_empty_area=False)
        merged = tuple((a[0] + 1, a[1] + 1, b[0] + 1, b[1] + 1) for a, b in (ws.merged_cell_ranges or ()))
    except Exception as e:
        raise TableRefused(f"“{checked.name}”的工作表“{name}”无法读取（文件已损坏）",
                           f"sheet {name!r} of {checked.name} cannot be read (the file is damaged): {e}") from e
    rows = tuple(tuple(_cell(v) for v in r) for r in raw)
    log.info("read %s sheet %s: %d rows", checked.name, name, len(rows))
    return Grid(checked, name, fmt, rows, sha256=digest, merged=merged)


def _cell(value: Any) -> Any:
    """calamine's value as the import takes it: '' → None; a time of day alone → its text."""
    if value == "" or value is None:
        return None
    if isinstance(value, (time, timedelta)):
        return str(value)
    if isinstance(value, datetime) and value.time() == time():
        return value.date()
    if isinstance(value, date):
        return value
    return value
