"""The task × unit grid on paper and in Excel: a landscape A4 PDF with the forms' layout kit
(:mod:`desktop.forms`) and a styled ``.xlsx`` (openpyxl).

The PDF has two parts: the grid (a row per task, a column per unit, each cell the status and
the date of the latest report, ``—`` where the task is not the unit's, ``未报`` where nothing
arrived), then the details (each report's full text), since 22 unit columns leave no room for
text in a cell. The workbook holds the whole cell (status, date and text) in the grid, coloured
by status. Both files are written beside the target and renamed when complete.
"""

from __future__ import annotations

import logging
from datetime import datetime
from pathlib import Path
from typing import Any

from db import meta
from desktop import tempfiles
from desktop.city.tasks import NOT_APPLICABLE, NOT_REPORTED, STATUS_COLOURS, TaskGrid, status_label
from desktop.city.units import Unit
from desktop.forms.fieldgrid import table_grid
from desktop.forms.fonts import SETTING, load_fonts
from desktop.forms.kit import Block, Cell, Grid, Row, Spacer, TextBlock, mm
from desktop.forms.sheet import Header, Sheet, bureau_name
from desktop.ledger import Ledger

__all__ = ["write_grid", "write_pdf", "write_xlsx", "grid_title"]

log = logging.getLogger(__name__)

FORM_NO = "地标任06表"


def grid_title(grid: TaskGrid) -> str:
    return f"{grid.plan.values.get('name') or ''}任务进展情况表"


def _subtitle(grid: TaskGrid, today: str) -> str:
    doc = grid.plan.values.get("document_no")
    return "；".join(x for x in (f"文号：{doc}" if doc else "", f"{grid.plan.values.get('year')}年度",
                                 f"截至 {today}") if x)


def _short_date(iso: str | None) -> str:
    return iso[5:] if iso and len(iso) == 10 else (iso or "")


def write_grid(ledger: Ledger, grid: TaskGrid, out: Path | str) -> Path:
    """Write the grid as ``.pdf`` or ``.xlsx`` (by the file's suffix)."""
    out = Path(out)
    suffix = out.suffix.lower()
    if suffix == ".pdf":
        return write_pdf(ledger, grid, out)
    if suffix == ".xlsx":
        return write_xlsx(ledger, grid, out)
    raise ValueError(f"只能写 .pdf 或 .xlsx 文件：{out.name}\nthe grid is written as .pdf or .xlsx, not {out.name}")


UNITS_PER_PART = 11
"""Unit columns on one width of the page; more units are printed in parts, the task column
repeated (22 columns would leave 9 mm a cell)."""


def _matrix(sheet: Sheet, grid: TaskGrid, units: list[Unit]) -> Grid:
    ts, width = sheet.ts, sheet.width
    n = len(units)
    size = 8.0
    number_w = 9 * mm
    task_w = max(60 * mm, width - number_w - n * 30 * mm)
    unit_w = (width - number_w - task_w) / max(n, 1)
    widths = [number_w, task_w, *([unit_w] * n)]
    head = Row([Cell(text="序号", size=size, align="centre", shaded=True),
                Cell(text="工作任务", size=size, align="centre", shaded=True),
                *(Cell(text=u.name, size=size, align="centre", shaded=True) for u in units)],
               min_height=9 * mm)
    rows = [head]
    for t in grid.tasks:
        cells = [Cell(text=str(t.values.get("number") or ""), size=size, align="centre"),
                 Cell(text=str(t.values.get("text") or ""), size=size, splittable=True)]
        for u in units:
            c = grid.cell(t.id, u.code)
            if not c.applies:
                text = NOT_APPLICABLE
            elif c.progress is None:
                text = NOT_REPORTED[0]
            else:
                text = f"{status_label(c.progress.status)}\n{_short_date(c.progress.report_date)}"
            cells.append(Cell(text=text, size=size, align="centre", shaded=c.status == "difficulty"))
        rows.append(Row(cells, min_height=9 * mm))
    return Grid(ts, widths, rows, header=1)


def _matrices(sheet: Sheet, grid: TaskGrid) -> list[Block]:
    parts = [grid.units[i:i + UNITS_PER_PART] for i in range(0, len(grid.units), UNITS_PER_PART)] or [[]]
    out: list[Block] = []
    for n, units in enumerate(parts, 1):
        if len(parts) > 1:
            if n > 1:
                out.append(Spacer(5 * mm))
            out.append(TextBlock(sheet.ts, sheet.width, f"（{n}）{units[0].name}至{units[-1].name}",
                                 size=10, bold=True))
        out.append(_matrix(sheet, grid, units))
    return out


def _details(sheet: Sheet, grid: TaskGrid) -> list[Block]:
    rows: list[list[str]] = []
    for t in grid.tasks:
        for u in grid.units:
            c = grid.cell(t.id, u.code)
            if c.progress is not None:
                p = c.progress
                rows.append([str(t.values.get("number") or ""), u.name, status_label(p.status),
                             p.report_date, p.text or ""])
    if not rows:
        return []
    return [Spacer(5 * mm), TextBlock(sheet.ts, sheet.width, "各单位最新进展情况", size=11, bold=True),
            table_grid(sheet.ts, sheet.width, ["序号", "单位", "状态", "报告日期", "进展情况"], rows,
                       [9, 18, 12, 18, 160], size=8.5, centred=(0, 2, 3))]


def write_pdf(ledger: Ledger, grid: TaskGrid, out: Path | str) -> Path:
    """The grid as a landscape A4 PDF; returns the file written."""
    out = Path(out)
    fonts = load_fonts(meta.get_setting(ledger.db, SETTING))
    title = grid_title(grid)
    header = Header(form_no=FORM_NO, title=title, office=bureau_name(ledger.office.name), code=None,
                    printed_at=datetime.now().strftime("%Y-%m-%d %H:%M"), fill_line=False,
                    subtitle=_subtitle(grid, ledger.today().isoformat()))
    with tempfiles.writing(out) as part, Sheet(part, fonts, wide=True, title=title,
                                               author=ledger.office.name) as sheet:
        legend = TextBlock(sheet.ts, sheet.width, f"说明：“{NOT_APPLICABLE}”表示该任务不由该单位承担；"
                           f"“{NOT_REPORTED[0]}”表示尚未收到该单位的进展报告；日期为最新报告日期（月-日）。",
                           size=8.5)
        blocks: list[Block] = [*_matrices(sheet, grid), Spacer(2 * mm), legend, *_details(sheet, grid)]
        sheet.add_form(header, blocks)
    log.info("wrote the task grid of %s to %s (%d pages)", grid.plan.id, out, sheet.pages)
    return out


def write_xlsx(ledger: Ledger, grid: TaskGrid, out: Path | str) -> Path:
    """The grid as a styled workbook (one sheet); returns the file written."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
    from openpyxl.utils import get_column_letter

    out = Path(out)
    wb = Workbook()
    ws: Any = wb.active
    ws.title = "任务进展"
    n = len(grid.units)
    last = get_column_letter(2 + n)
    thin = Side(style="thin")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    wrap = Alignment(wrap_text=True, vertical="top")
    centre = Alignment(horizontal="center", vertical="center", wrap_text=True)
    ws.merge_cells(f"A1:{last}1")
    ws["A1"] = grid_title(grid)
    ws["A1"].font = Font(size=14, bold=True)
    ws["A1"].alignment = centre
    ws.merge_cells(f"A2:{last}2")
    ws["A2"] = _subtitle(grid, ledger.today().isoformat())
    ws["A2"].alignment = centre
    heads = ["序号", "工作任务", *(u.name for u in grid.units)]
    for col, text in enumerate(heads, 1):
        cell = ws.cell(row=3, column=col, value=text)
        cell.font = Font(bold=True)
        cell.alignment = centre
        cell.border = border
        cell.fill = PatternFill("solid", fgColor="D9D9D9")
    for r, t in enumerate(grid.tasks, 4):
        for col, value in ((1, t.values.get("number")), (2, t.values.get("text"))):
            cell = ws.cell(row=r, column=col, value=value)
            cell.alignment = wrap
            cell.border = border
        for col, u in enumerate(grid.units, 3):
            c = grid.cell(t.id, u.code)
            cell = ws.cell(row=r, column=col, value=c.text())
            cell.border = border
            cell.alignment = centre if not c.progress else wrap
            if c.applies:
                cell.fill = PatternFill("solid", fgColor=STATUS_COLOURS[c.status or "none"])
    ws.column_dimensions["A"].width = 6
    ws.column_dimensions["B"].width = 40
    for col in range(3, 3 + n):
        ws.column_dimensions[get_column_letter(col)].width = 16
    ws.freeze_panes = "C4"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.print_title_rows = "3:3"
    with tempfiles.writing(out) as part:
        wb.save(part)
    log.info("wrote the task grid of %s to %s", grid.plan.id, out)
    return out
