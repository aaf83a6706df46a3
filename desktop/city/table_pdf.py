"""The city table as a PDF, with the printed forms' layout kit (:mod:`desktop.forms`): landscape
A4, the same layout as the ``.xlsx`` (title with the cut-off in words, a two-row header with
地理标志保护产品 over its two sub-columns, one row per unit, ``小计``/``全市``), the Chinese
font embedded (:func:`desktop.forms.fonts.load_fonts`, the font chosen in 设置).

The kit's :class:`~desktop.forms.kit.Grid` spans columns only; :class:`TableGrid` adds the
header cells that span both header rows (序号, the units, ... 备注) and sets its rows a little
tighter than a form's, so 22 units and the total fit one page.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from datetime import datetime
from pathlib import Path

from reportlab.pdfgen.canvas import Canvas

from desktop import tempfiles
from desktop.city.table import COLUMNS, CityTable
from desktop.city.table_xlsx import HEADER, SUB_HEADER
from desktop.forms.fonts import load_fonts
from desktop.forms.kit import Cell, Grid, Row, mm
from desktop.forms.sheet import Header, Sheet, bureau_name
from desktop.forms.text import Typesetter

__all__ = ["write_pdf", "TableGrid", "FORM_NO"]

log = logging.getLogger(__name__)

FORM_NO = "地标统06表"
_WEIGHTS = (7, 16, 14, 10, 14, 12, 24, 34)
_SIZE = 9.0
_HEAD_SIZE = 9.0
_PAD = 0.7 * mm
_LEADING = 1.25
_SHADE = 0.88
_MERGED_DOWN = (0, 1, 2, 3, 4, 7)
"""The header's columns that span both header rows."""


class TableGrid(Grid):
    """A grid whose first two rows are a header in which ``merged`` columns span both rows
    (their text drawn once, centred over the two), with compact rows."""

    def __init__(self, ts: Typesetter, widths: Sequence[float], rows: list[Row], *,
                 merged: Mapping[int, str], header: int = 2, outer: bool = True, _laid: bool = False):
        self.merged = dict(merged)
        super().__init__(ts, widths, rows, header=header, outer=outer, _laid=_laid)

    def _cell_height(self, cell: Cell, w: float) -> float:
        if cell.lines is None:
            cell.lines = self.ts.wrap(cell.text, w - 2 * 1.8 * mm, cell.size) if cell.text else []
        return max(1, len(cell.lines)) * cell.size * _LEADING + 2 * _PAD

    def _with(self, rows: list[Row]) -> Grid:
        return TableGrid(self.ts, self.widths, rows, merged=self.merged, header=self.header,
                         outer=self.outer, _laid=True)

    def draw(self, c: Canvas, x0: float, top: float) -> None:
        super().draw(c, x0, top)
        if len(self.rows) < 2:
            return
        height = self.rows[0].height + self.rows[1].height
        bottom = top - height
        for col, text in self.merged.items():
            left = x0 + sum(self.widths[:col])
            w = self.widths[col]
            c.setFillGray(_SHADE)
            c.rect(left, bottom, w, height, stroke=0, fill=1)  # hides the line between the two rows
            c.setFillGray(0)
            c.rect(left, bottom, w, height, stroke=1, fill=0)
            lines = self.ts.wrap(text, w - 2 * 1.8 * mm, _HEAD_SIZE)
            lead = _HEAD_SIZE * _LEADING
            first = top - (height - len(lines) * lead) / 2 - _HEAD_SIZE * 1.05
            for i, line in enumerate(lines):
                self.ts.draw_centred(c, left + w / 2, first - i * lead, line, _HEAD_SIZE, bold=True)


def _text(value: int | None) -> str:
    """A figure as printed: a zero (or nothing) is a blank cell, as in the seed."""
    return str(value) if value else ""


def table_blocks(ts: Typesetter, width: float, table: CityTable) -> TableGrid:
    """The table as one grid of the layout kit."""
    total = sum(_WEIGHTS)
    widths = [width * w / total for w in _WEIGHTS]
    head_texts = list(HEADER)
    head_texts[1] = table.unit_header

    def head(text: str, span: int = 1) -> Cell:
        return Cell(text=text, size=_HEAD_SIZE, align="centre", shaded=True, bold=True, span=span)

    first = Row([head(""), head(""), head(""), head(""), head(""), head(head_texts[5], 2), head("")],
                min_height=6 * mm)
    second = Row([head("") for _ in range(5)] + [head(SUB_HEADER[0]), head(SUB_HEADER[1]), head("")],
                 min_height=6 * mm)
    body: list[Row] = []
    for r in table.rows:
        body.append(Row([Cell(str(r.position), _SIZE, "centre"), Cell(r.name, _SIZE, "centre"),
                         *(Cell(_text(r.figures[k]), _SIZE, "centre") for k in COLUMNS),
                         Cell(r.note, _SIZE - 1 if len(r.note) > 16 else _SIZE, bold=r.missing)]))
    body.append(Row([Cell("小计", _SIZE, "centre", bold=True), Cell(table.total_name, _SIZE, "centre", bold=True),
                     *(Cell(_text(table.total[k]), _SIZE, "centre", bold=True) for k in COLUMNS),
                     Cell(table.total_note, _SIZE - 1)]))
    merged = {col: head_texts[col] for col in _MERGED_DOWN}
    return TableGrid(ts, widths, [first, second, *body], merged=merged)


def write_pdf(table: CityTable, out: Path, font_setting: str | None = None) -> Path:
    """Write ``table`` as a landscape A4 PDF to ``out`` (through a partial file renamed at the
    end); ``font_setting`` is the font chosen in 设置 (None: search the machine). Returns ``out``."""
    out = Path(out)
    fonts = load_fonts(font_setting)
    header = Header(form_no=FORM_NO, title=table.title, office=bureau_name(table.office_name), code=None,
                    printed_at=datetime.now().strftime("%Y-%m-%d %H:%M"), fill_line=False)
    with tempfiles.writing(out) as part, Sheet(part, fonts, wide=True, title=table.title,
                                               author=table.office_name) as sheet:
        sheet.add_form(header, [table_blocks(sheet.ts, sheet.width, table)])
    log.info("city table printed to %s (%d page(s), font %s)", out, sheet.pages, fonts.description)
    return out
