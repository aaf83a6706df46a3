"""A layout that places widgets left to right and wraps them onto new lines when narrow.

A row of filter buttons in a ``QHBoxLayout`` makes the window at least as wide as all of
them together (1,494 px for the English 检查记录 page); in a :class:`FlowLayout` they take
as many lines as the width needs, and the window keeps a small minimum width. Items that
expand horizontally (a search box) share the space left on their line.
"""

from __future__ import annotations

from PySide6.QtCore import QMargins, QPoint, QRect, QSize, Qt
from PySide6.QtWidgets import QLayout, QLayoutItem, QWidget

__all__ = ["FlowLayout", "elided"]


def elided(widget: QWidget, text: str, max_width: int) -> str:
    """``text`` cut with "…" to at most ``max_width`` pixels in ``widget``'s font."""
    return widget.fontMetrics().elidedText(text, Qt.TextElideMode.ElideRight, max_width)


class FlowLayout(QLayout):
    """Items in lines, wrapped at the layout's width (height for width)."""

    def __init__(self, parent: QWidget | None = None, h_spacing: int = 6, v_spacing: int = 4):
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self._h = h_spacing
        self._v = v_spacing
        self.setContentsMargins(QMargins(0, 0, 0, 0))

    # ---- QLayout ------------------------------------------------------------------

    def addItem(self, item: QLayoutItem) -> None:
        self._items.append(item)

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def expandingDirections(self) -> Qt.Orientation:
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return self._arrange(QRect(0, 0, width, 0), apply=False)

    def setGeometry(self, rect: QRect) -> None:
        super().setGeometry(rect)
        self._arrange(rect, apply=True)

    def sizeHint(self) -> QSize:
        """Everything on one line."""
        items = self._shown()
        m = self.contentsMargins()
        width = sum(i.sizeHint().width() for i in items) + self._h * max(0, len(items) - 1)
        height = max((i.sizeHint().height() for i in items), default=0)
        return QSize(width + m.left() + m.right(), height + m.top() + m.bottom())

    def minimumSize(self) -> QSize:
        """As wide as the widest item's minimum: everything else can wrap."""
        m = self.contentsMargins()
        items = self._shown()
        width = max((i.minimumSize().width() for i in items), default=0)
        height = max((i.minimumSize().height() for i in items), default=0)
        return QSize(width + m.left() + m.right(), height + m.top() + m.bottom())

    # ---- placing ------------------------------------------------------------------

    def _shown(self) -> list[QLayoutItem]:
        return [i for i in self._items if not i.isEmpty()]

    def _arrange(self, rect: QRect, apply: bool) -> int:
        """Place the items in ``rect`` (or only measure); returns the height used."""
        m = self.contentsMargins()
        area = rect.adjusted(m.left(), m.top(), -m.right(), -m.bottom())
        available = max(1, area.width())
        lines: list[list[tuple[QLayoutItem, int]]] = [[]]
        used = 0
        for item in self._shown():
            width = max(item.minimumSize().width(), min(item.sizeHint().width(), available))
            needed = width if not lines[-1] else used + self._h + width
            if lines[-1] and needed > available:
                lines.append([])
                needed = width
            lines[-1].append((item, width))
            used = needed
        y = area.y()
        for n, line in enumerate(lines):
            if not line:
                continue
            widths = self._share_space(line, available)
            heights = [self._height(item, w) for (item, _w), w in zip(line, widths, strict=True)]
            line_height = max(heights)
            if apply:
                x = area.x()
                for (item, _w), w, h in zip(line, widths, heights, strict=True):
                    item.setGeometry(QRect(QPoint(x, y + (line_height - h) // 2), QSize(w, h)))
                    x += w + self._h
            y += line_height + (self._v if n < len(lines) - 1 else 0)
        return y - area.y() + m.top() + m.bottom()

    def _share_space(self, line: list[tuple[QLayoutItem, int]], available: int) -> list[int]:
        """The items' widths on a line, the space left given to those that expand."""
        widths = [w for _i, w in line]
        left = available - sum(widths) - self._h * (len(line) - 1)
        growing = [n for n, (item, _w) in enumerate(line)
                   if item.expandingDirections() & Qt.Orientation.Horizontal]
        while left > 0 and growing:  # each round adds at least a pixel, or drops a full item
            share = max(1, left // len(growing))
            still = []
            for n in growing:
                add = max(0, min(share, left, line[n][0].maximumSize().width() - widths[n]))
                widths[n] += add
                left -= add
                if widths[n] < line[n][0].maximumSize().width():
                    still.append(n)
            growing = still
        return widths

    @staticmethod
    def _height(item: QLayoutItem, width: int) -> int:
        return item.heightForWidth(width) if item.hasHeightForWidth() else item.sizeHint().height()
