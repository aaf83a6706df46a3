"""A printable table of the city's views (报送情况, 工作目标): one styled ``.xlsx`` sheet
(openpyxl) and a landscape A4 PDF drawn with the forms' layout kit (:mod:`desktop.forms`).

A view describes its table once as a :class:`Table` (title, lines under it, header, rows,
a colour per cell that needs one, lines at the end); both writers take it. Files are written
as ``PATH.<pid>.part`` and renamed at the end (:func:`desktop.tempfiles.partial_path`), so a
failed write leaves nothing at the destination.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from db import meta
from desktop import tempfiles
from desktop.forms.fieldgrid import signature_block
from desktop.forms.fonts import SETTING, load_fonts
from desktop.forms.kit import Cell, Grid, Row, Spacer, TextBlock, mm
from desktop.forms.sheet import Header, Sheet, bureau_name
from desktop.ledger import Ledger

__all__ = ["Table", "COLOURS", "write_xlsx", "write_pdf", "write_table", "TableFormatError"]

log = logging.getLogger(__name__)

COLOURS: dict[str, str] = {"green": "C6EFCE", "amber": "FFEB9C", "red": "FFC7CE"}
"""Cell fills of the statuses (Excel's own good / neutral / bad colours)."""
_FONT_COLOURS = {"green": "006100", "amber": "9C5700", "red": "9C0006"}


class TableFormatError(ValueError):
    """The output file's name does not say .xlsx or .pdf."""

    def __init__(self, path: Path):
        super().__init__(f"输出文件应为 .xlsx 或 .pdf：{path}\nthe output file must end in .xlsx or .pdf: {path}")


@dataclass
class Table:
    """A table to print."""

    title: str
    header: list[str]
    rows: list[list[str | int | float | None]]
    weights: list[float]
    """Relative column widths (the xlsx takes them as character widths)."""
    subtitle: str = ""
    footer: list[str] = field(default_factory=list)
    colours: dict[tuple[int, int], str] = field(default_factory=dict)
    """(row, column) of ``rows`` → ``green``/``amber``/``red``."""
    sheet_name: str = "报表"
    centred: tuple[int, ...] = ()
    form_no: str = ""


def _text(value: str | int | float | None) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


def write_xlsx(table: Table, path: Path) -> Path:
    """The table as a styled workbook: title, lines under it, a bold shaded header that stays
    in view, thin borders, status fills, lines at the end; numbers stay numbers."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
    from openpyxl.utils import get_column_letter

    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = table.sheet_name
    n = len(table.header)
    thin = Side(style="thin", color="808080")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    ws.cell(row=1, column=1, value=table.title).font = Font(size=14, bold=True)
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=n)
    ws.cell(row=1, column=1).alignment = Alignment(horizontal="center", vertical="center")
    ws.row_dimensions[1].height = 26
    r = 2
    if table.subtitle:
        ws.cell(row=r, column=1, value=table.subtitle).alignment = Alignment(horizontal="left", wrap_text=True)
        ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=n)
        r += 1
    head_row = r
    for c, text in enumerate(table.header, start=1):
        cell = ws.cell(row=r, column=c, value=text)
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="DDEBF7")
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        cell.border = border
    ws.row_dimensions[r].height = 30
    for i, values in enumerate(table.rows):
        r += 1
        for c, value in enumerate(values, start=1):
            cell = ws.cell(row=r, column=c, value=value)
            cell.border = border
            cell.alignment = Alignment(horizontal="center" if (c - 1) in table.centred else "left",
                                       vertical="center", wrap_text=True)
            colour = table.colours.get((i, c - 1))
            if colour:
                cell.fill = PatternFill("solid", fgColor=COLOURS[colour])
                cell.font = Font(color=_FONT_COLOURS[colour], bold=colour == "red")
    r += 1
    for line in table.footer:
        r += 1
        ws.cell(row=r, column=1, value=line)
        ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=n)
    for c, w in enumerate(table.weights, start=1):
        ws.column_dimensions[get_column_letter(c)].width = max(6.0, float(w))
    ws.freeze_panes = ws.cell(row=head_row + 1, column=1)
    ws.print_options.horizontalCentered = True
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_title_rows = f"{head_row}:{head_row}"
    path = Path(path)
    with tempfiles.writing(path) as partial:
        wb.save(partial)
    log.info("wrote %s (%d rows)", path, len(table.rows))
    return path


def write_pdf(ledger: Ledger, table: Table, path: Path) -> Path:
    """The table on landscape A4 pages with the forms' header, the header row repeated on each
    page, coloured cells shaded and their status in words, then the lines at the end and the
    signature block."""
    path = Path(path)
    fonts = load_fonts(meta.get_setting(ledger.db, SETTING))
    with tempfiles.writing(path) as part, Sheet(part, fonts, wide=True, title=table.title,
                                                author=ledger.office.name) as sheet:
        sheet.add_form(_header(ledger, table), _blocks(sheet, table))
    log.info("printed %s: %d page(s)", path, sheet.pages)
    return path


def _header(ledger: Ledger, table: Table) -> Header:
    return Header(form_no=table.form_no, title=table.title, office=bureau_name(ledger.office.name), code=None,
                  printed_at=datetime.now().strftime("%Y-%m-%d %H:%M"), fill_line=False,
                  subtitle=table.subtitle)


def _blocks(sheet: Sheet, table: Table) -> list[Grid | Spacer | TextBlock]:
    """The table's grid, its closing lines and the signature block."""
    ts, width = sheet.ts, sheet.width
    total = sum(table.weights)
    widths = [width * w / total for w in table.weights]
    size = 8.5
    head = Row([Cell(text=h, size=size, align="centre", shaded=True, bold=True) for h in table.header],
               min_height=8 * mm)
    body = [Row([Cell(text=_text(v), size=size, align="centre" if c in table.centred else "left",
                      shaded=(i, c) in table.colours and table.colours[(i, c)] != "green",
                      bold=table.colours.get((i, c)) == "red", splittable=True)
                 for c, v in enumerate(values)], min_height=7 * mm)
            for i, values in enumerate(table.rows)]
    blocks: list[Grid | Spacer | TextBlock] = [Grid(ts, widths, [head, *body], header=1), Spacer(3 * mm)]
    blocks += [TextBlock(ts, width, line, size=9) for line in table.footer]
    blocks += [Spacer(4 * mm), signature_block(ts, width)]
    return blocks


def write_table(ledger: Ledger, table: Table, path: Path) -> Path:
    """Write ``table`` as ``.xlsx`` or ``.pdf``, as the file's name says."""
    suffix = Path(path).suffix.lower()
    if suffix == ".xlsx":
        return write_xlsx(table, path)
    if suffix == ".pdf":
        return write_pdf(ledger, table, path)
    raise TableFormatError(Path(path))

