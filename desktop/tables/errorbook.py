"""The error workbook: the clerk's file with every bad cell marked and commented, plus a
问题清单 sheet, to fix and import again.

The packets' error workbook (:func:`desktop.packets.report.write_error_workbook`) works on a
packet's plan, not on a plain sheet, and keeps its fills private; this one marks cells with
the same colour and comment author, so the two look alike to the clerk."""

from __future__ import annotations

import logging
import re
import zipfile
from pathlib import Path
from typing import Any

from desktop import tempfiles
from desktop.packets.reading.container import ZIP_ERRORS, workbook_sheets
from desktop.packets.reading.refusal import PacketRefused
from desktop.packets.reading.scan import scan_sheet
from desktop.tables.model import ImportPlan, Problem
from desktop.tables.sources import BOUNDS

__all__ = ["write_error_workbook", "LISTING_SHEET", "LISTING_HEADERS", "BAD_FILL", "AUTHOR", "sheet_title",
           "sheets_within_bounds"]

log = logging.getLogger(__name__)

LISTING_SHEET = "问题清单"
LISTING_HEADERS = ("工作表", "行", "列", "表头", "值", "问题", "problem")
BAD_FILL = "FFC7CE"
"""The fill of a bad cell (as in the packets' error workbook)."""
AUTHOR = "地标台账"


def sheet_title(name: str) -> str:
    """``name`` as an Excel sheet title (no ``[]:*?/\\``, at most 31 characters)."""
    clean = re.sub(r"[\[\]:*?/\\]", "_", name)[:31]
    return clean or "Sheet1"


def sheets_within_bounds(path: Path) -> bool:
    """Whether every sheet of the ``.xlsx`` keeps within :data:`sources.BOUNDS` (openpyxl
    loads them all, not only the one imported)."""
    try:
        with zipfile.ZipFile(path) as zf:
            for entry in workbook_sheets(zf):
                if entry.member in zf.namelist():
                    scan_sheet(zf, entry.member, entry.name, BOUNDS)
    except PacketRefused:
        return False
    except ZIP_ERRORS:
        return False
    return True


def _load(plan: ImportPlan) -> Any:
    """The clerk's workbook (an ``.xlsx``) as openpyxl reads it, or a new workbook with the
    grid's cells (``.xls``, ``.csv``, or an ``.xlsx`` openpyxl cannot read)."""
    from openpyxl import Workbook, load_workbook

    grid = plan.table.grid
    if grid.file_format == "xlsx" and sheets_within_bounds(grid.path):
        try:
            book = load_workbook(grid.path, data_only=True)
            if grid.sheet in book.sheetnames:
                return book
        except Exception:  # noqa: BLE001 - a file openpyxl cannot read: the grid instead
            log.warning("error workbook: %s not read by openpyxl; writing the grid", grid.path.name)
    book = Workbook()
    ws = book.active
    ws.title = sheet_title(grid.sheet)
    for r, row in enumerate(grid.rows, start=1):
        for c, value in enumerate(row, start=1):
            if value is not None:
                ws.cell(row=r, column=c, value=value)
    for first_row, first_col, last_row, last_col in grid.merged:
        ws.merge_cells(start_row=first_row, start_column=first_col, end_row=last_row, end_column=last_col)
    return book


def write_error_workbook(plan: ImportPlan, target: Path | str) -> Path:
    """For an ``.xlsx``: a copy of the clerk's workbook; for ``.xls``/``.csv``: an ``.xlsx``
    of the same grid; bad cells filled and commented (every reason of the cell in one
    comment, Chinese then English; a problem of the whole row on its first cell), and the
    :data:`LISTING_SHEET` sheet first (sheet, row, column, header, value, problem in Chinese
    and in English). Written through :func:`desktop.tempfiles.writing`."""
    from openpyxl.cell.cell import MergedCell
    from openpyxl.comments import Comment
    from openpyxl.styles import PatternFill

    book = _load(plan)
    ws = book[plan.table.sheet] if plan.table.sheet in book.sheetnames else book[sheet_title(plan.table.sheet)]
    fill = PatternFill("solid", fgColor=BAD_FILL)
    problems = plan.all_problems()
    notes: dict[tuple[int, int], list[Problem]] = {}
    for p in problems:
        if p.row:
            notes.setdefault((p.row, (p.column or 0) + 1), []).append(p)
    for (row, column), found in notes.items():
        cell = ws.cell(row=row, column=column)
        if isinstance(cell, MergedCell):
            continue
        cell.fill = fill
        text = "\n".join(f"{p.reason.zh}\n{p.reason.en}" for p in found)
        cell.comment = Comment(text[:30000], AUTHOR, width=320, height=140)
    if LISTING_SHEET in book.sheetnames:
        del book[LISTING_SHEET]
    listing = book.create_sheet(LISTING_SHEET, 0)
    listing.append(list(LISTING_HEADERS))
    for p in problems:
        listing.append([p.sheet, p.row or None, p.letter or None, p.header or None,
                        None if p.value is None else str(p.value), p.reason.zh, p.reason.en])
    for letter, width in zip("ABCDEFG", (14, 6, 6, 16, 24, 60, 60), strict=True):
        listing.column_dimensions[letter].width = width
    listing.freeze_panes = "A2"
    book.active = 0
    target = Path(target)
    with tempfiles.writing(target) as partial:
        book.save(partial)
    log.info("error workbook %s: %d problems", target, len(problems))
    return target
