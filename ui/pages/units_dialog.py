"""单位列表: the city's reporting units — add, remove, reorder, rename — through
:mod:`desktop.city.units` (every change audited; the first one stores the defaults)."""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.city import units
from desktop.fields import FieldError, ValidationFailed
from desktop.ledger import Ledger, NotOwner
from ui.i18n import shown
from ui.pinyin_filter import division_completer

__all__ = ["UnitsDialog"]

log = logging.getLogger(__name__)


class UnitsDialog(QDialog):
    """The unit list as a table, with the changes beside it."""

    def __init__(self, ledger: Ledger, parent: QWidget | None = None):
        super().__init__(parent)
        self.ledger = ledger
        self.setWindowTitle(self.tr("单位列表"))
        layout = QVBoxLayout(self)
        self.state = QLabel(self)
        self.state.setWordWrap(True)
        layout.addWidget(self.state)
        row = QHBoxLayout()
        self.table = QTableWidget(0, 3, self)
        self.table.setObjectName("units")
        self.table.setHorizontalHeaderLabels([self.tr("序号"), self.tr("单位代码"), self.tr("单位名称")])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        row.addWidget(self.table, 1)
        side = QVBoxLayout()
        self.up_button = self._button(side, self.tr("上移"), lambda: self._move(-1))
        self.down_button = self._button(side, self.tr("下移"), lambda: self._move(1))
        self.rename_button = self._button(side, self.tr("改名…"), self._rename)
        self.remove_button = self._button(side, self.tr("移除"), self._remove)
        side.addStretch(1)
        row.addLayout(side)
        layout.addLayout(row, 1)
        add = QHBoxLayout()
        self.code = QLineEdit(self)
        self.code.setPlaceholderText(self.tr("单位代码，如 130181"))
        self.name = QLineEdit(self)
        self.name.setPlaceholderText(self.tr("名称（可不填）"))
        division_completer(self.code, ledger.office.code, lambda _code, name: self.name.setText(name))
        add.addWidget(self.code)
        add.addWidget(self.name)
        self.add_button = self._button(add, self.tr("添加"), self._add)
        layout.addLayout(add)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(520, 600)
        self.reload()

    def _button(self, layout: QVBoxLayout | QHBoxLayout, text: str, slot: Callable[[], None]) -> QPushButton:
        b = QPushButton(text, self)
        b.clicked.connect(slot)
        layout.addWidget(b)
        return b

    def reload(self, select: str | None = None) -> None:
        listed = units.current_units(self.ledger)
        stored = units.stored(self.ledger)
        self.state.setText(self.tr("统计表按此顺序列出各单位。") if stored
                           else self.tr("统计表按此顺序列出各单位。尚未修改，显示默认列表。"))
        self.table.setRowCount(len(listed))
        for n, u in enumerate(listed):
            for col, text in enumerate((str(u.position), u.code, u.name)):
                self.table.setItem(n, col, QTableWidgetItem(text))
            if u.code == select:
                self.table.selectRow(n)
        self.table.resizeColumnToContents(0)
        self.table.resizeColumnToContents(1)

    def selected_code(self) -> str | None:
        row = self.table.currentRow()
        item = self.table.item(row, 1) if row >= 0 else None
        return item.text() if item is not None else None

    def _run(self, change: Callable[[], object], select: str | None) -> bool:
        try:
            change()
        except (units.UnitError, NotOwner, ValidationFailed, FieldError) as e:
            QMessageBox.warning(self, self.tr("单位列表"), shown(e))
            return False
        self.reload(select)
        return True

    def _move(self, step: int) -> None:
        code = self.selected_code()
        if code is not None:
            self.move_to(code, self.table.currentRow() + 1 + step)

    def move_to(self, code: str, position: int) -> bool:
        return self._run(lambda: units.move_unit(self.ledger, code, position), code)

    def remove_code(self, code: str) -> bool:
        return self._run(lambda: units.remove_unit(self.ledger, code), None)

    def add_code(self, code: str, name: str | None = None) -> bool:
        return self._run(lambda: units.add_unit(self.ledger, code, name), code)

    def _rename(self) -> None:
        code = self.selected_code()
        if code is None:
            return
        current = self.table.item(self.table.currentRow(), 2)
        name, ok = QInputDialog.getText(self, self.tr("改名"), self.tr("{0} 的显示名称").format(code),
                                        text=current.text() if current else "")
        if ok and name.strip():
            self.rename(code, name.strip())

    def rename(self, code: str, name: str) -> bool:
        return self._run(lambda: units.rename_unit(self.ledger, code, name), code)

    def _remove(self) -> None:
        code = self.selected_code()
        if code is None:
            return
        answer = QMessageBox.question(self, self.tr("移除单位"), self.tr(
            "从统计表中移除 {0}？其记录保留，只是不再列出。").format(code))
        if answer == QMessageBox.StandardButton.Yes:
            self.remove_code(code)

    def _add(self) -> None:
        code = self.code.text().strip()
        if not code:
            return
        name = self.name.text().strip() or None
        if self.add_code(code, name):
            self.code.clear()
            self.name.clear()
