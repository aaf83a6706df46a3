"""The 数据包 page. Export and import of Excel packets arrive with the packets issue; until
then the page says so and lists packet files dropped on the window, so none is lost from view."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QLabel, QListWidget, QVBoxLayout, QWidget

from desktop.ledger import Ledger

__all__ = ["PacketsPage"]


class PacketsPage(QWidget):
    """Packet export/import (placeholder until the packet format exists)."""

    def __init__(self, ledger: Ledger, parent: QWidget | None = None):
        super().__init__(parent)
        self.ledger = ledger
        layout = QVBoxLayout(self)
        note = QLabel(self.tr(
            "<h3>数据包</h3><p>县局导出 Excel 数据包报送市局、市局导入合并的功能将在下一版本提供。</p>"
            "<p>拖放到窗口上的数据包文件会列在下面。</p>"), self)
        note.setWordWrap(True)
        layout.addWidget(note)
        self.received = QListWidget(self)
        self.received.setObjectName("received_files")
        layout.addWidget(self.received, 1)

    def receive_files(self, paths: list[Path]) -> None:
        """Packet files handed over by a drop on the window."""
        for p in paths:
            self.received.addItem(str(p))
