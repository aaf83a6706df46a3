"""The layout kit of the printed forms: bordered grids of cells, check boxes, ruled lines,
text blocks, and pagination with continuation pages.

A form is a list of blocks; :func:`paginate` splits them over pages (between rows; a long text
row is split between its lines and continues, labelled ``（续）``, on the next page; a table's
header rows repeat on every page). :mod:`desktop.forms.sheet` draws the pages with their
header and footer.
"""

from __future__ import annotations

import logging
from collections import deque
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from reportlab.lib.units import mm as _reportlab_mm
from reportlab.pdfgen.canvas import Canvas

from desktop.forms.text import Typesetter

__all__ = ["Cell", "Row", "Grid", "PageBreak", "Spacer", "TextBlock", "Block", "Drawn", "paginate", "mm",
           "LABEL_SIZE", "VALUE_SIZE"]

log = logging.getLogger(__name__)


LABEL_SIZE = 9.5
VALUE_SIZE = 10.0
mm: float = _reportlab_mm
"""A millimetre in PDF points: reportlab's, typed here (reportlab has no type information)."""
PAD_X = 1.8 * mm
PAD_Y = 1.5 * mm
LINE_W = 0.6
OUTER_W = 1.1
_SHADE = 0.88


@dataclass
class Cell:
    """One cell: text (wrapped), check-box options, ruled lines for handwriting, or nothing.

    ``options`` with ``checked`` draws ``□ 选项`` boxes aligned in columns, the chosen ones
    ticked; ``ruled`` draws that many writing lines; ``continued`` is what the cell shows on a
    continuation row (a label gets ``（续）``)."""

    text: str = ""
    size: float = VALUE_SIZE
    align: str = "left"  # left, centre, right
    options: Sequence[str] = ()
    checked: frozenset[int] = frozenset()
    ruled: int = 0
    shaded: bool = False
    bold: bool = False
    span: int = 1
    splittable: bool = False
    continued: str = ""
    lines: list[str] | None = None  # wrapped text, set by layout

    def leading(self) -> float:
        return self.size * 1.45


@dataclass
class Row:
    """A row of cells over the grid's columns (spans add up to the column count)."""

    cells: list[Cell]
    min_height: float = 0.0
    keep_with_next: bool = False
    height: float = 0.0
    _layout: list[tuple[float, float]] = field(default_factory=list)  # (x, width) per cell


@dataclass
class PageBreak:
    """Start the next block on a new page."""


class Grid:
    """Bordered rows over fixed columns; ``header`` rows repeat on each page it spans."""

    def __init__(self, ts: Typesetter, widths: Sequence[float], rows: list[Row], *,
                 header: int = 0, outer: bool = True, _laid: bool = False):
        self.ts = ts
        self.widths = list(widths)
        self.rows = rows
        self.header = header
        self.outer = outer
        if not _laid:
            for r in rows:
                self._lay(r)

    # ---- layout --------------------------------------------------------------------

    def _lay(self, row: Row) -> None:
        x = 0.0
        col = 0
        row._layout = []
        height = row.min_height
        for cell in row.cells:
            w = sum(self.widths[col:col + cell.span])
            row._layout.append((x, w))
            x += w
            col += cell.span
            height = max(height, self._cell_height(cell, w))
        assert col == len(self.widths), f"row spans {col} of {len(self.widths)} columns"
        row.height = height

    def _cell_height(self, cell: Cell, w: float) -> float:
        inner = w - 2 * PAD_X
        if cell.options:
            cols, _slot = self._option_grid(cell, inner)
            n_rows = -(-len(cell.options) // cols)
            return n_rows * cell.leading() + 2 * PAD_Y
        if cell.ruled:
            return cell.ruled * 8 * mm + PAD_Y
        if cell.lines is None:
            cell.lines = self.ts.wrap(cell.text, inner, cell.size) if cell.text else []
        return max(1, len(cell.lines)) * cell.leading() + 2 * PAD_Y

    def _option_grid(self, cell: Cell, inner: float) -> tuple[int, float]:
        box = cell.size * 1.25  # the gap from a box to its choice (as drawn)
        slot = self.ts.widest(cell.options, cell.size) + box + cell.size * 1.2
        cols = max(1, min(len(cell.options), int(inner // slot)))
        return cols, max(slot, inner / cols)

    @property
    def height(self) -> float:
        return sum(r.height for r in self.rows)

    def split(self, avail: float) -> tuple[Grid | None, Grid | None]:
        """The rows that fit in ``avail`` and the rest (header rows repeated)."""
        head = self.rows[:self.header]
        body = self.rows[self.header:]
        used = sum(r.height for r in head)
        fit: list[Row] = []
        for i, row in enumerate(body):
            if used + row.height <= avail:
                fit.append(row)
                used += row.height
                continue
            first, rest_row = self._split_row(row, avail - used)
            if first is not None:
                fit.append(first)
                rest = [rest_row, *body[i + 1:]]
            else:
                rest = body[i:]
            kept = len(fit)
            while kept and fit[kept - 1].keep_with_next:
                kept -= 1
            if kept:  # a heading goes over with what it heads (unless it is all there is)
                rest = fit[kept:] + rest
                fit = fit[:kept]
            if not fit:
                return None, self
            return (self._with(head + fit), self._with(head + rest))
        return self, None

    def _split_row(self, row: Row, avail: float) -> tuple[Row | None, Row]:
        tall = [c for c in row.cells if c.splittable and c.lines and len(c.lines) > 1]
        if not tall:
            return None, row
        cell = max(tall, key=lambda c: len(c.lines or ()))
        k = int((avail - 2 * PAD_Y) // cell.leading())
        lines = cell.lines or []
        if k < 2 or k >= len(lines):
            return None, row
        first_cells, rest_cells = [], []
        for c in row.cells:
            if c is cell:
                first_cells.append(replace(c, lines=lines[:k]))
                rest_cells.append(replace(c, lines=lines[k:]))
            else:
                first_cells.append(c)
                rest_cells.append(replace(c, text=c.continued, lines=None, options=(),
                                          ruled=0))
        first = Row(first_cells, keep_with_next=False)
        rest = Row(rest_cells, keep_with_next=row.keep_with_next)
        self._lay(first)
        first.min_height = first.height = min(first.height, avail)
        self._lay(rest)
        return first, rest

    def _with(self, rows: list[Row]) -> Grid:
        return Grid(self.ts, self.widths, rows, header=self.header, outer=self.outer, _laid=True)

    # ---- drawing ---------------------------------------------------------------------

    def draw(self, c: Canvas, x0: float, top: float) -> None:
        ts = self.ts
        y = top
        c.setLineWidth(LINE_W)
        for row in self.rows:
            bottom = y - row.height
            for cell, (cx, w) in zip(row.cells, row._layout, strict=True):
                left = x0 + cx
                if cell.shaded:
                    c.setFillGray(_SHADE)
                    c.rect(left, bottom, w, row.height, stroke=0, fill=1)
                    c.setFillGray(0)
                c.rect(left, bottom, w, row.height, stroke=1, fill=0)
                self._draw_cell(c, ts, cell, left, y, w, row.height)
            y = bottom
        if self.outer and self.rows:
            c.setLineWidth(OUTER_W)
            c.rect(x0, y, sum(self.widths), top - y, stroke=1, fill=0)
            c.setLineWidth(LINE_W)

    def _draw_cell(self, c: Canvas, ts: Typesetter, cell: Cell, left: float, top: float,
                   w: float, h: float) -> None:
        size = cell.size
        lead = cell.leading()
        inner = w - 2 * PAD_X
        if cell.options:
            cols, slot = self._option_grid(cell, inner)
            box_ch = ts.fonts.box
            tick_ch = ts.fonts.tick
            n_rows = -(-len(cell.options) // cols)
            first = top - (h - n_rows * lead) / 2 - size * 1.1  # the boxes centred in the cell
            gap = size * 1.25
            for r in range(n_rows):  # one row of boxes and choices at a time
                pieces: list[tuple[float, str]] = []
                for col, option in enumerate(cell.options[r * cols:(r + 1) * cols]):
                    mark = tick_ch if r * cols + col in cell.checked else box_ch
                    pieces += ((col * slot, mark), (col * slot + gap, option))
                ts.draw_pieces(c, left + PAD_X, first - r * lead, pieces, size)
            return
        if cell.ruled:
            c.setLineWidth(0.4)
            c.setDash(1, 2)
            for i in range(1, cell.ruled + 1):
                ly = top - i * 8 * mm
                c.line(left + PAD_X, ly, left + w - PAD_X, ly)
            c.setDash()
            c.setLineWidth(LINE_W)
            return
        lines = cell.lines or []
        if not lines:
            return
        block = len(lines) * lead
        # one line: centred vertically; several: from the top
        first = top - (h - block) / 2 - size * 1.1 if len(lines) == 1 else top - PAD_Y - size
        for i, line in enumerate(lines):
            by = first - i * lead
            if cell.align == "centre":
                ts.draw_centred(c, left + w / 2, by, line, size, bold=cell.bold)
            elif cell.align == "right":
                ts.draw_right(c, left + w - PAD_X, by, line, size, bold=cell.bold)
            else:
                ts.draw(c, left + PAD_X, by, line, size, bold=cell.bold)


@dataclass
class Spacer:
    """Vertical space (dropped at the top of a page)."""

    height: float

    def split(self, avail: float) -> tuple[None, None]:
        return None, None

    def draw(self, c: Canvas, x0: float, top: float) -> None:
        pass


@dataclass
class TextBlock:
    """Paragraph text without borders (填表说明); splits between lines."""

    ts: Typesetter
    width: float
    text: str
    size: float = VALUE_SIZE
    indent: float = 0.0
    lines: list[str] = field(default_factory=list)
    centred: bool = False
    bold: bool = False

    def __post_init__(self) -> None:
        if not self.lines and self.text:
            self.lines = self.ts.wrap(self.text, self.width - self.indent, self.size)

    @property
    def height(self) -> float:
        return len(self.lines) * self.size * 1.6

    def split(self, avail: float) -> tuple[TextBlock | None, TextBlock | None]:
        k = int(avail // (self.size * 1.6))
        if k <= 0:
            return None, self
        return (replace(self, lines=self.lines[:k]), replace(self, lines=self.lines[k:]))

    def draw(self, c: Canvas, x0: float, top: float) -> None:
        for i, line in enumerate(self.lines):
            y = top - self.size - i * self.size * 1.6
            if self.centred:
                self.ts.draw_centred(c, x0 + self.width / 2, y, line, self.size, bold=self.bold)
            else:
                self.ts.draw(c, x0 + (self.indent if i else 0), y, line, self.size, bold=self.bold)


Block = Grid | Spacer | TextBlock | PageBreak
Drawn = Grid | Spacer | TextBlock
"""A block that is drawn on a page (a :class:`PageBreak` only ends one)."""


def paginate(blocks: Sequence[Block], first: float, later: float) -> list[list[Drawn]]:
    """Blocks spread over pages: ``first`` and ``later`` are the frame heights."""
    pages: list[list[Drawn]] = [[]]
    avail = first
    queue: deque[Block] = deque(blocks)
    while queue:
        b = queue.popleft()
        if isinstance(b, PageBreak):
            if pages[-1]:
                pages.append([])
                avail = later
            continue
        if isinstance(b, Spacer):
            if pages[-1] and b.height <= avail:
                pages[-1].append(b)
                avail -= b.height
            continue
        h = b.height
        if h <= avail + 0.01:
            pages[-1].append(b)
            avail -= h
            continue
        part, rest = b.split(avail)
        if part is not None:
            pages[-1].append(part)
        elif not pages[-1]:  # taller than a page and not splittable: place it cut (logged)
            log.warning("a block of %.0f pt does not fit a page of %.0f pt", h, avail)
            pages[-1].append(b)
            rest = None
        if rest is not None:
            queue.appendleft(rest)
        pages.append([])
        avail = later
    if len(pages) > 1 and not pages[-1]:
        pages.pop()
    return pages
