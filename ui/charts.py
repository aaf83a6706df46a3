"""Bar charts drawn with QPainter: horizontal bars, one per category (a unit), single or
stacked series, a value axis with grid lines, the value at each bar's end, a legend and an
optional reference line (the 80% coverage target).

No charting library: Qt Charts is in PySide6-Addons (175 MB wheel, 427 MB installed),
matplotlib with numpy adds 177 MB, pyqtgraph with numpy 84 MB (docs/architecture.md, "Charts");
the city dashboard needs only bars, and these take about 300 lines.

:meth:`BarChart.draw` paints onto any painter, so the widget on screen and the PNG for a report
(:meth:`BarChart.save_png`, drawn at twice the size for print) are the same picture.
"""

from __future__ import annotations

import logging
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QImage, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

__all__ = ["Series", "LegendEntry", "BarChart", "nice_ticks", "PALETTE"]

log = logging.getLogger(__name__)

PALETTE = ("#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2",
           "#7f7f7f", "#bcbd22", "#17becf", "#aec7e8", "#ffbb78", "#98df8a", "#ff9896",
           "#c5b0d5", "#c49c94")
"""Distinct colours for series (stages of the pipeline)."""

ROW = 20.0
"""Height of one category's row, in pixels."""
BAR = 13.0
LABEL_MAX = 130.0
"""Category labels are cut with "…" past this width."""


@dataclass(frozen=True)
class Series:
    """One series: a label for the legend, a colour, a value per category (None: no value)."""

    label: str
    color: str
    values: Sequence[float | None]
    colors: Sequence[str | None] = ()
    """Per category, a colour that overrides :attr:`color` (a unit below target)."""


@dataclass(frozen=True)
class LegendEntry:
    """A legend item: a filled box, or a dashed line (``line=True``: the reference)."""

    label: str
    color: str
    line: bool = False


@dataclass
class _Layout:
    title: QRectF
    legend: list[tuple[QRectF, LegendEntry]]
    labels: QRectF
    plot: QRectF
    axis: QRectF
    extra: dict[str, float] = field(default_factory=dict)


def nice_ticks(top: float, count: int = 5, integer: bool = False) -> list[float]:
    """Round tick values from 0 to at least ``top`` (1, 2, 2.5 or 5 times a power of ten;
    whole steps only when ``integer``, for counts)."""
    if top <= 0:
        return [0.0, 1.0]
    raw = top / count
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 2.5, 5, 10) if m * power >= raw)
    if integer:
        step = max(1.0, float(round(step)) if step >= 1 else 1.0)
    n = math.ceil(top / step - 1e-9)
    return [i * step for i in range(n + 1)]


class BarChart(QWidget):
    """A horizontal bar chart of one value (or stacked values) per category."""

    def __init__(self, title: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.title = title
        self.categories: list[str] = []
        self.series: list[Series] = []
        self.stacked = False
        self.percent = False
        self.reference: float | None = None
        self.reference_label = ""
        self.missing_label = ""
        self.legend: list[LegendEntry] = []
        self.value_text: Callable[[float], str] | None = None
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setMinimumWidth(320)

    # ---- data ---------------------------------------------------------------------

    def set_data(self, categories: Sequence[str], series: Sequence[Series], *, stacked: bool = False,
                 percent: bool = False, reference: float | None = None, reference_label: str = "",
                 missing_label: str = "", legend: Sequence[LegendEntry] | None = None) -> None:
        """What to draw. ``percent``: values are ratios (0.8 = 80%); ``reference``: a dashed
        line at that value; ``missing_label``: written where a category has no value;
        ``legend``: the legend (default: one box per series when there are several)."""
        self.categories = list(categories)
        self.series = list(series)
        self.stacked = stacked
        self.percent = percent
        self.reference = reference
        self.reference_label = reference_label
        self.missing_label = missing_label
        if legend is None:
            legend = [LegendEntry(s.label, s.color) for s in series] if len(series) > 1 else []
        self.legend = list(legend)
        self.setFixedHeight(int(self._height(self.width() or 600)))
        self.update()

    def values_text(self, v: float) -> str:
        if self.value_text is not None:
            return self.value_text(v)
        if self.percent:
            return f"{v:.0%}"
        return f"{v:,.0f}" if abs(v - round(v)) < 1e-9 else f"{v:,.1f}"

    def _totals(self) -> list[float | None]:
        out: list[float | None] = []
        for i in range(len(self.categories)):
            vals = [s.values[i] for s in self.series if i < len(s.values) and s.values[i] is not None]
            if not vals:
                out.append(None)
            else:
                out.append(sum(v for v in vals if v is not None) if self.stacked
                           else max(v for v in vals if v is not None))
        return out

    # ---- geometry -----------------------------------------------------------------

    def _fonts(self) -> tuple[QFont, QFont]:
        base = QFont(self.font())
        title = QFont(base)
        title.setBold(True)
        title.setPointSizeF(base.pointSizeF() * 1.1 if base.pointSizeF() > 0 else 11)
        return base, title

    def _legend_rows(self, width: float, metrics: QFontMetricsF, top: float,
                     left: float) -> tuple[list[tuple[QRectF, LegendEntry]], float]:
        placed: list[tuple[QRectF, LegendEntry]] = []
        x, y, h = left, top, metrics.height() + 4
        for entry in self.legend:
            w = 22 + metrics.horizontalAdvance(entry.label) + 14
            if x + w > left + width and x > left:
                x, y = left, y + h
            placed.append((QRectF(x, y, w, h), entry))
            x += w
        return placed, (y + h - top) if self.legend else 0.0

    def _layout(self, width: float) -> _Layout:
        base, title_font = self._fonts()
        m, tm = QFontMetricsF(base), QFontMetricsF(title_font)
        pad = 8.0
        title = QRectF(pad, pad, width - 2 * pad, tm.height() + 4)
        legend, legend_h = self._legend_rows(width - 2 * pad, m, title.bottom() + 2, pad)
        label_w = min(LABEL_MAX, max([m.horizontalAdvance(c) for c in self.categories] + [20.0])) + 8
        top = title.bottom() + legend_h + 8
        plot_h = max(1, len(self.categories)) * ROW
        # room on the right for the value written after the longest bar
        texts = [self.values_text(t) for t in self._totals() if t is not None] + [self.missing_label]
        right = max([m.horizontalAdvance(t) for t in texts] + [20.0]) + 10
        plot = QRectF(pad + label_w, top, max(40.0, width - 2 * pad - label_w - right), plot_h)
        axis = QRectF(plot.left(), plot.bottom(), plot.width(), m.height() + 8)
        labels = QRectF(pad, top, label_w - 6, plot_h)
        return _Layout(title, legend, labels, plot, axis)

    def _height(self, width: float) -> float:
        lay = self._layout(width)
        return lay.axis.bottom() + 8

    def sizeHint(self) -> QSize:
        return QSize(600, int(self._height(600)))

    def resizeEvent(self, event: object) -> None:
        height = int(self._height(self.width()))
        if height != self.height():
            self.setFixedHeight(height)
        super().resizeEvent(event)  # type: ignore[arg-type]  # a QResizeEvent, typed loosely for the stubs

    # ---- drawing ------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        try:
            self.draw(painter, self.width())
        finally:
            painter.end()

    def _scale_top(self) -> float:
        totals = [t for t in self._totals() if t is not None]
        top = max([*totals, self.reference or 0.0, 0.0])
        if self.percent:
            return max(1.0, top)
        return top if top > 0 else 1.0

    def draw(self, p: QPainter, width: float) -> None:
        """Paint the chart on ``p`` over ``width`` × its height (white background)."""
        lay = self._layout(width)
        base, title_font = self._fonts()
        m = QFontMetricsF(base)
        p.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        p.setRenderHint(QPainter.RenderHint.TextAntialiasing, True)
        p.fillRect(QRectF(0, 0, width, lay.axis.bottom() + 8), QColor("white"))
        p.setPen(QColor("#202020"))
        p.setFont(title_font)
        p.drawText(lay.title, int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter), self.title)
        p.setFont(base)
        self._draw_legend(p, lay, m)
        ticks = nice_ticks(self._scale_top(), integer=not self.percent)
        scale = ticks[-1] or 1.0

        def x_of(v: float) -> float:
            return lay.plot.left() + lay.plot.width() * max(0.0, v) / scale

        grid = QPen(QColor("#e0e0e0"))
        for t in ticks:
            x = x_of(t)
            p.setPen(grid)
            p.drawLine(QPointF(x, lay.plot.top()), QPointF(x, lay.plot.bottom()))
            p.setPen(QColor("#505050"))
            text = f"{t:.0%}" if self.percent else (f"{t:,.0f}" if t == int(t) else f"{t:,.1f}")
            p.drawText(QRectF(x - 40, lay.axis.top() + 2, 80, m.height()),
                       int(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop), text)
        p.setPen(QPen(QColor("#606060"), 1))
        p.drawLine(lay.plot.bottomLeft(), lay.plot.bottomRight())
        p.drawLine(lay.plot.topLeft(), lay.plot.bottomLeft())
        totals = self._totals()
        for i, category in enumerate(self.categories):
            top = lay.plot.top() + i * ROW
            label = m.elidedText(category, Qt.TextElideMode.ElideRight, lay.labels.width())
            p.setPen(QColor("#202020"))
            p.drawText(QRectF(lay.labels.left(), top, lay.labels.width(), ROW),
                       int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter), label)
            y = top + (ROW - BAR) / 2
            start = 0.0
            for s in self.series:
                v = s.values[i] if i < len(s.values) else None
                if v is None or v <= 0:
                    continue
                color = s.colors[i] if i < len(s.colors) and s.colors[i] else s.color
                left = x_of(start) if self.stacked else lay.plot.left()
                right = x_of(start + v) if self.stacked else x_of(v)
                p.fillRect(QRectF(left, y, max(1.0, right - left), BAR), QColor(color))
                if self.stacked:
                    start += v
            total = totals[i]
            text, color = ((self.values_text(total), "#202020") if total is not None
                           else (self.missing_label, "#9e9e9e"))
            end = x_of(total) if total is not None else lay.plot.left()
            p.setPen(QColor(color))
            p.drawText(QRectF(end + 4, top, 200, ROW),
                       int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter), text)
        if self.reference is not None:
            x = x_of(self.reference)
            p.setPen(QPen(QColor("#c62828"), 1.5, Qt.PenStyle.DashLine))
            p.drawLine(QPointF(x, lay.plot.top() - 4), QPointF(x, lay.plot.bottom()))

    def _draw_legend(self, p: QPainter, lay: _Layout, m: QFontMetricsF) -> None:
        for rect, entry in lay.legend:
            mid = rect.top() + rect.height() / 2
            if entry.line:
                p.setPen(QPen(QColor(entry.color), 1.5, Qt.PenStyle.DashLine))
                p.drawLine(QPointF(rect.left(), mid), QPointF(rect.left() + 16, mid))
            else:
                p.fillRect(QRectF(rect.left(), mid - 5, 16, 10), QColor(entry.color))
            p.setPen(QColor("#202020"))
            p.drawText(QRectF(rect.left() + 22, rect.top(), rect.width() - 22, rect.height()),
                       int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter), entry.label)

    # ---- export -------------------------------------------------------------------

    def image(self, scale: float = 2.0, width: int | None = None) -> QImage:
        """The chart as an image ``scale`` times its size (crisp in a printed report)."""
        w = width or max(self.width(), 600)
        h = int(self._height(w))  # the widget's height, as resizeEvent sets it
        img = QImage(int(w * scale), int(h * scale), QImage.Format.Format_ARGB32)
        img.fill(QColor("white"))
        painter = QPainter(img)
        try:
            painter.scale(scale, scale)
            self.draw(painter, w)
        finally:
            painter.end()
        return img

    def save_png(self, path: Path | str, scale: float = 2.0) -> bool:
        """Write the chart as a PNG (``.png`` added to a name without it); False (logged)
        when the file cannot be written."""
        target = Path(path)
        if target.suffix.lower() != ".png":  # Qt picks the format by the suffix
            target = target.with_name(target.name + ".png")
        ok = self.image(scale).save(str(target))
        if not ok:
            log.warning("chart %r could not be saved to %s", self.title, path)
        return bool(ok)
