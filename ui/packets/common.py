"""Small pieces the packet dialogs and the 数据包 page share (no translatable strings here)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from desktop import divisions
from ui.editors.history import local_time
from ui.editors.i18n import language

__all__ = ["open_path", "read_only_table", "cell", "office_text", "local_time"]


def open_path(path: Path) -> bool:
    """Open a file or folder with the program the system associates with it."""
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


def read_only_table(parent: QWidget, headers: Sequence[str], stretch: int | None = None,
                    name: str = "") -> QTableWidget:
    """A table of whole-row selection, no editing, columns sized to their contents."""
    table = QTableWidget(0, len(headers), parent)
    if name:
        table.setObjectName(name)
    table.setHorizontalHeaderLabels(list(headers))
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setAlternatingRowColors(True)
    table.verticalHeader().setVisible(False)
    table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 10)
    table.setWordWrap(False)
    head = table.horizontalHeader()
    head.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    if stretch is not None:
        head.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    else:
        head.setStretchLastSection(True)
    return table


def cell(text: object, *, number: bool = False, tip: str = "") -> QTableWidgetItem:
    """A read-only cell; numbers are right-aligned."""
    item = QTableWidgetItem("" if text is None else str(text))
    if number:
        item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    if tip:
        item.setToolTip(tip)
    return item


def office_text(code: str, name: str = "") -> str:
    """``行唐县（130125）`` (``行唐县 (130125)`` in English); the division list names an office
    the packet did not."""
    if not name:
        found = divisions.lookup(code) if code and code != "?" else None
        name = found.name if found else ""
    if not name:
        return code
    return f"{name} ({code})" if language() == "en" else f"{name}（{code}）"
