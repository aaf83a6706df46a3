"""The pipeline view of cultivation candidates: a column per stage, per route family."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from desktop.ledger import Ledger
from desktop.pipeline import pipeline
from ui.editors.i18n import choice_label, language

__all__ = ["PipelineView"]

ID_ROLE = Qt.ItemDataRole.UserRole + 1


class PipelineView(QWidget):
    """Candidates as cards in stage columns; double-click opens one (``open_record(id)``)."""

    open_record = Signal(str)

    scroll: QScrollArea  # type: ignore[assignment]  # shadows QWidget.scroll(dx, dy), which nothing calls

    def __init__(self, ledger: Ledger, parent: QWidget | None = None):
        super().__init__(parent)
        self.ledger = ledger
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        self.scroll = QScrollArea(self)
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        outer.addWidget(self.scroll)
        self.lists: dict[str, QListWidget] = {}
        self.headers: dict[str, QLabel] = {}
        self.refresh()

    def refresh(self) -> None:
        """Rebuild the columns from the database."""
        body = QWidget()
        layout = QVBoxLayout(body)
        self.lists.clear()
        self.headers.clear()
        today = self.ledger.today()
        for lane in pipeline(self.ledger):
            overdue = lane.overdue(today)
            box = QGroupBox(self.tr("{0}（{1}）").format(lane.en if language() == "en" else lane.zh,
                                                         lane.total), body)
            row = QHBoxLayout(box)
            for column in lane.columns:
                col = QVBoxLayout()
                header = QLabel(f"<b>{choice_label(column.stage)}</b><br>"
                                + self.tr("{0} 项").format(len(column.candidates)), box)
                header.setAlignment(Qt.AlignmentFlag.AlignCenter)
                header.setWordWrap(True)
                header.setMinimumWidth(110)
                self.headers[column.stage.code] = header
                items = QListWidget(box)
                items.setObjectName(f"stage_{column.stage.code}")
                items.setMinimumWidth(110)
                for cand in column.candidates:
                    item = QListWidgetItem(f"{cand.title}\n{cand.values['stage_date'].isoformat()}")
                    item.setData(ID_ROLE, cand.id)
                    item.setToolTip(cand.id)
                    if cand.id in overdue:  # as the dashboard's 下一步已逾期 counts
                        item.setForeground(QBrush(QColor("#b00020")))
                        item.setToolTip(self.tr("{0}\n下一步已逾期：{1}（期限 {2}）").format(
                            cand.id, cand.values.get("next_step") or "",
                            cand.values["next_deadline"].isoformat()))
                    items.addItem(item)
                items.itemDoubleClicked.connect(lambda it: self.open_record.emit(it.data(ID_ROLE)))
                self.lists[column.stage.code] = items
                col.addWidget(header)
                col.addWidget(items, 1)
                row.addLayout(col)
            layout.addWidget(box, 1)
        self.scroll.setWidget(body)

    def count(self, stage: str) -> int:
        return self.lists[stage].count() if stage in self.lists else 0
