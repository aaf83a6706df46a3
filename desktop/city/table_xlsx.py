"""The city table as an ``.xlsx`` (openpyxl), in the layout of the attachment of
石市监函〔2024〕15号: the title over the table, a two-row merged header (地理标志保护产品 over
产品数量 and 已使用专用标志产品数量), one row per unit, ``小计``/``全市`` last; figures as
numbers, a zero as a blank cell. A second sheet, 数据来源, names each unit's statistics row and
the packet that brought it. Landscape A4, fitted to the page width.
"""

from __future__ import annotations

import logging
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.worksheet.worksheet import Worksheet

from desktop import tempfiles
from desktop.city.table import COLUMNS, CityTable

__all__ = ["write_xlsx", "HEADER", "SOURCE_HEADER", "SOURCES_SHEET", "TABLE_SHEET"]

log = logging.getLogger(__name__)

TABLE_SHEET = "统计表"
SOURCES_SHEET = "数据来源"
HEADER: tuple[str, ...] = ("序号", "", "有效注册商标", "驰名商标", "地理标志商标", "地理标志保护产品", "", "备注")
"""The first header row (column B is the unit header, ``各县（市、区）`` or ``各市``)."""
SUB_HEADER = ("产品数量", "已使用专用标志产品数量")
SOURCE_HEADER: tuple[str, ...] = ("序号", "单位代码", "单位名称", "统计表编号", "统计截止日期", "版本",
                                  "数据包序号", "导出日期", "内容校验", "签名公钥指纹", "备注")
_WIDTHS = (7, 16, 14, 10, 14, 12, 24, 34)
_SOURCE_WIDTHS = (7, 10, 12, 18, 13, 6, 11, 12, 68, 42, 16)
_THIN = Side(style="thin", color="000000")
_BOX = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_CENTRE = Alignment(horizontal="center", vertical="center", wrap_text=True)
_LEFT = Alignment(horizontal="left", vertical="center", wrap_text=True)
_HEAD_FILL = PatternFill("solid", fgColor="E8EEF7")
_FONT = "宋体"


def _blank_zero(value: int | None) -> int | None:
    """A figure as its cell holds it: a zero (or nothing) is a blank cell, as in the seed."""
    return value if value else None


def _table_sheet(ws: Worksheet, table: CityTable) -> None:
    ws.title = TABLE_SHEET
    last_col = len(HEADER)
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=last_col)
    title = ws.cell(1, 1, table.title)
    title.font = Font(name=_FONT, size=15, bold=True)
    title.alignment = _CENTRE
    ws.row_dimensions[1].height = 42
    head = list(HEADER)
    head[1] = table.unit_header
    for col, text in enumerate(head, start=1):
        if text:
            ws.cell(2, col, text)
    for col, text in enumerate(SUB_HEADER, start=6):
        ws.cell(3, col, text)
    for col in (1, 2, 3, 4, 5, 8):
        ws.merge_cells(start_row=2, start_column=col, end_row=3, end_column=col)
    ws.merge_cells(start_row=2, start_column=6, end_row=2, end_column=7)
    for r in (2, 3):
        ws.row_dimensions[r].height = 24
        for col in range(1, last_col + 1):
            c = ws.cell(r, col)
            c.font = Font(name=_FONT, size=11, bold=True)
            c.alignment = _CENTRE
            c.border = _BOX
            c.fill = _HEAD_FILL
    r = 4
    for row in table.rows:
        values: list[object] = [row.position, row.name, *(_blank_zero(row.figures[k]) for k in COLUMNS),
                                row.note or None]
        _body_row(ws, r, values, missing=row.missing, noted=bool(row.disagreements))
        r += 1
    _body_row(ws, r, ["小计", table.total_name, *(_blank_zero(table.total[k]) for k in COLUMNS),
                      table.total_note or None], bold=True)
    for col, width in enumerate(_WIDTHS, start=1):
        ws.column_dimensions[chr(64 + col)].width = width
    ws.freeze_panes = "C4"
    ws.print_title_rows = "2:3"
    _print_setup(ws)


def _body_row(ws: Worksheet, r: int, values: list[object], *, missing: bool = False, noted: bool = False,
              bold: bool = False) -> None:
    ws.row_dimensions[r].height = 20
    for col, value in enumerate(values, start=1):
        c = ws.cell(r, col, value)
        c.border = _BOX
        c.alignment = _LEFT if col == len(values) else _CENTRE
        red = col == len(values) and (missing or noted)
        c.font = Font(name=_FONT, size=11, bold=bold or (missing and col == len(values)),
                      color="C00000" if red else None)
        if missing and col > 2:
            c.fill = PatternFill("solid", fgColor="FFF2CC")


def _print_setup(ws: Worksheet) -> None:
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = ws.page_margins.right = 0.5
    ws.page_margins.top = ws.page_margins.bottom = 0.6


def _sources_sheet(ws: Worksheet, table: CityTable) -> None:
    ws.title = SOURCES_SHEET
    for col, text in enumerate(SOURCE_HEADER, start=1):
        c = ws.cell(1, col, text)
        c.font = Font(name=_FONT, size=11, bold=True)
        c.alignment = _CENTRE
        c.border = _BOX
        c.fill = _HEAD_FILL
    for r, row in enumerate(table.rows, start=2):
        s = row.source
        values: list[object] = [row.position, row.code, row.name]
        if s is None:
            values += [None] * 7 + [row.note if row.missing else None]
        else:
            no_packet = "未找到送来该行的数据包" if s.packet_sequence is None else None
            values += [s.stats_id, s.as_of, s.revision, s.packet_sequence, s.export_date or None,
                       s.content_hash, s.fingerprint, no_packet]
        for col, value in enumerate(values, start=1):
            c = ws.cell(r, col, value)
            c.border = _BOX
            c.font = Font(name=_FONT, size=10)
            c.alignment = _CENTRE if col not in (9, 10, 11) else _LEFT
    for col, width in enumerate(_SOURCE_WIDTHS, start=1):
        ws.column_dimensions[chr(64 + col)].width = width
    ws.freeze_panes = "D2"
    _print_setup(ws)


def write_xlsx(table: CityTable, out: Path) -> Path:
    """Write ``table`` to ``out`` (through a partial file renamed at the end, so a failed write
    leaves no half file); returns ``out``. ``OSError`` when it cannot be written."""
    out = Path(out)
    wb = Workbook()
    ws = wb.active
    assert ws is not None  # a new workbook has its first sheet
    _table_sheet(ws, table)
    _sources_sheet(wb.create_sheet(SOURCES_SHEET), table)
    wb.properties.title = table.title
    wb.properties.creator = "GI Ledger 地标台账"
    with tempfiles.writing(out) as part:
        wb.save(part)
    log.info("city table written to %s", out)
    return out
