"""The main window: for now the office, the database and the size of each register."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QLabel,
    QMainWindow,
    QVBoxLayout,
    QWidget,
)

from desktop.ledger import Ledger
from desktop.registers import REGISTRY

__all__ = ["MainWindow"]

MODE_ZH = {"county": "县级", "city": "市级", "province": "省级"}


class MainWindow(QMainWindow):
    """The window opened on one database (the full navigation comes with the desktop-client issue)."""

    def __init__(self, ledger: Ledger, parent: QWidget | None = None):
        super().__init__(parent)
        self.ledger = ledger
        office = ledger.office
        self.setWindowTitle(f"地标台账 — {office.name}（{office.code}）")
        self.resize(900, 600)
        central = QWidget(self)
        layout = QVBoxLayout(central)
        header = QLabel(f"<h2>{office.name}</h2>"
                        f"<p>单位代码 {office.code} · {MODE_ZH.get(office.level, office.level)}模式 · "
                        f"经办人 {ledger.actor.clerk}</p>"
                        f"<p style='color:#666'>数据库：{ledger.path}</p>", central)
        header.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(header)
        box = QGroupBox("台账概况", central)
        form = QFormLayout(box)
        self.count_labels: dict[str, QLabel] = {}
        for kind in REGISTRY.values():
            label = QLabel(str(ledger.count(kind.key)), box)
            label.setObjectName(f"count_{kind.key}")
            self.count_labels[kind.key] = label
            form.addRow(f"{kind.zh}：", label)
        layout.addWidget(box)
        layout.addStretch(1)
        self.setCentralWidget(central)
        self.statusBar().showMessage(f"共 {sum(int(x.text()) for x in self.count_labels.values())} 条记录")
