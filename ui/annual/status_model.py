"""The table model of the 报送情况 tab: one row per user of the year (20,000 on a large county
are shown at once: a model, not an item per cell)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from desktop.annual import status as st
from desktop.registers import REGISTRY

__all__ = ["StatusModel", "OVERDUE"]

OVERDUE = QColor("#ffc7ce")

Index = QModelIndex | QPersistentModelIndex


class StatusModel(QAbstractTableModel):
    """Rows of :class:`desktop.annual.status.UserStatus`: id, name, USCC, user status, report
    status, report id, deadline, overdue; overdue rows filled red."""

    def __init__(self, headers: Sequence[str], overdue: str, listed: str, parent: Any = None):
        super().__init__(parent)
        self.headers = list(headers)
        self.overdue_text, self.listed_text = overdue, listed
        self.rows: list[st.UserStatus] = []
        self.zh = True
        self._brush = QBrush(OVERDUE)
        self._user_status = REGISTRY["mark-user"].field("status")

    def set_rows(self, rows: Sequence[st.UserStatus], zh: bool) -> None:
        self.beginResetModel()
        self.rows, self.zh = list(rows), zh
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self.headers)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.headers[section]
        return None

    def text(self, row: int, column: int) -> str:
        u = self.rows[row]
        if column == 0:
            return u.user_id
        if column == 1:
            return u.name
        if column == 2:
            return u.uscc or ""
        if column == 3:
            return self._user_status.display(u.user_status, "zh" if self.zh else "en")
        if column == 4:
            label = st.status_label(u.status)
            return label.zh if self.zh else label.en
        if column == 5:
            return u.report_id or ""
        if column == 6:
            return u.deadline.isoformat()
        return (self.overdue_text + (self.listed_text if u.listed else "")) if u.overdue else ""

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.text(index.row(), index.column())
        if role == Qt.ItemDataRole.BackgroundRole and self.rows[index.row()].overdue:
            return self._brush
        return None
