"""The error workbook of an annual-report import: bad cells filled and commented, a 问题清单
sheet first, as the spreadsheet import's error workbook (:mod:`desktop.tables.errorbook`: the
same sheet name, headers, fill and comment author).

When the problems are in one returned file, the error workbook is a copy of that file (its
hidden part kept, so the enterprise can correct it); when several files have problems, it holds
the values of each bad sheet, one sheet each, named after the file's number in the listing."""

from __future__ import annotations

import logging
from collections import defaultdict
from pathlib import Path
from typing import Any

from desktop import tempfiles
from desktop.annual.returned import AnnualImport, FilePlan
from desktop.tables.errorbook import AUTHOR, BAD_FILL, LISTING_HEADERS, LISTING_SHEET, sheet_title, sheets_within_bounds
from desktop.tables.model import Problem, cell_text

__all__ = ["write_error_workbook"]

log = logging.getLogger(__name__)


def _open(path: Path) -> Any | None:
    from openpyxl import load_workbook

    if path.suffix.lower() != ".xlsx" or not sheets_within_bounds(path):
        return None
    try:
        return load_workbook(path, data_only=True)
    except Exception:  # noqa: BLE001 - a file openpyxl cannot read: its problems are listed only
        log.warning("error workbook: %s not read by openpyxl", path.name)
        return None


def _mark(ws: Any, problems: list[Problem]) -> None:
    from openpyxl.cell.cell import MergedCell
    from openpyxl.comments import Comment
    from openpyxl.styles import PatternFill

    fill = PatternFill("solid", fgColor=BAD_FILL)
    notes: dict[tuple[int, int], list[Problem]] = defaultdict(list)
    for p in problems:
        notes[(p.row or 1, (p.column or 0) + 1)].append(p)
    for (row, column), found in notes.items():
        cell = ws.cell(row=row, column=column)
        if isinstance(cell, MergedCell):
            continue
        cell.fill = fill
        cell.comment = Comment("\n".join(f"{p.reason.zh}\n{p.reason.en}" for p in found)[:30000], AUTHOR,
                               width=320, height=140)


def _copy_values(source: Any, target: Any) -> None:
    for row in source.iter_rows():
        for c in row:
            if c.value is not None and type(c).__name__ != "MergedCell":
                target.cell(row=c.row, column=c.column, value=c.value)
    for letter, dim in source.column_dimensions.items():
        target.column_dimensions[letter].width = dim.width


def write_error_workbook(plan: AnnualImport, target: Path | str) -> Path:
    """Write the error workbook of ``plan`` at ``target`` (through :func:`desktop.tempfiles.writing`)."""
    from openpyxl import Workbook

    found = plan.problems()
    by_file: dict[Path, list[Problem]] = defaultdict(list)
    plans: dict[Path, FilePlan] = {}
    for fp, p in found:
        by_file[fp.path].append(p)
        plans[fp.path] = fp
    book: Any = None
    if len(by_file) == 1:
        (path, problems), = by_file.items()
        book = _open(path)
        if book is not None:
            for name in {p.sheet for p in problems if p.sheet and p.row}:
                if name in book.sheetnames:
                    _mark(book[name], [p for p in problems if p.sheet == name and p.row])
            if LISTING_SHEET in book.sheetnames:
                del book[LISTING_SHEET]
    if book is None:
        book = Workbook()
        assert book.active is not None
        book.remove(book.active)
        for n, (path, problems) in enumerate(by_file.items(), 1):
            source = _open(path)
            for name in sorted({p.sheet for p in problems if p.sheet and p.row}):
                if source is None or name not in source.sheetnames:
                    continue
                ws = book.create_sheet(sheet_title(f"{n}-{name}"))
                _copy_values(source[name], ws)
                _mark(ws, [p for p in problems if p.sheet == name and p.row])
    listing = book.create_sheet(LISTING_SHEET, 0)
    listing.append(["文件", *LISTING_HEADERS])
    for n, (path, problems) in enumerate(by_file.items(), 1):
        for p in problems:
            listing.append([f"{n}. {path.name}", p.sheet or None, p.row or None, p.letter or None, p.header or None,
                            None if p.value is None else cell_text(p.value), p.reason.zh, p.reason.en])
    for letter, width in zip("ABCDEFGH", (28, 20, 6, 6, 18, 20, 60, 60), strict=True):
        listing.column_dimensions[letter].width = width
    listing.freeze_panes = "A2"
    book.active = 0
    for ws in book.worksheets:
        ws.sheet_view.tabSelected = ws.title == LISTING_SHEET
    target = Path(target)
    with tempfiles.writing(target) as partial:
        book.save(partial)
    log.info("annual-report error workbook %s: %d problems", target, len(found))
    return target
