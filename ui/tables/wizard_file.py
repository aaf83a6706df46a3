"""Step 1 of 导入表格: the file, its sheet, the header row, and a preview of the first rows."""

from __future__ import annotations

import logging
from datetime import date, datetime
from typing import Any

from PySide6.QtCore import QTimer, Signal
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.tables.model import Grid, SheetInfo, Table, column_letter
from ui.packets.common import read_only_table

__all__ = ["FilePage", "PREVIEW_ROWS", "cell_text"]

log = logging.getLogger(__name__)

PREVIEW_ROWS = 15
"""Sheet rows shown in the preview (the header row among them)."""
HEADER_DELAY_MS = 400
"""A pause after the header row number changes, so typing "12" reads the table once."""
HEADER_COLOUR = "#dcebfb"
SKIPPED_COLOUR = "#eeeeee"


def cell_text(value: Any) -> str:
    """A cell as the preview shows it (dates as ``2021-05-03``)."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == datetime.min.time() else value.isoformat(" ")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    return str(value)


class FilePage(QWidget):
    """The file chosen, the sheet and header row picked, the first rows shown.

    Emits ``choose_file()`` (选择文件…), ``sheet_chosen(name)`` and ``header_chosen(row)``;
    the wizard reads the file and calls :meth:`show_sheets` and :meth:`show_table`.
    """

    choose_file = Signal()
    sheet_chosen = Signal(str)
    header_chosen = Signal(int)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._filling = False
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        hint = QLabel(self.tr("选择要导入的表格文件（Excel .xlsx、旧版 Excel .xls 或 CSV）。程序会找出表头所在的行，"
                              "如果找错了，可以改“表头所在行”。这一步只读取文件，不写入任何数据。"), self)
        hint.setWordWrap(True)
        layout.addWidget(hint)

        row = QHBoxLayout()
        self.path_edit = QLineEdit(self)
        self.path_edit.setObjectName("file_path")
        self.path_edit.setReadOnly(True)
        self.path_edit.setPlaceholderText(self.tr("尚未选择文件"))
        row.addWidget(self.path_edit, 1)
        self.choose_button = QPushButton(self.tr("选择文件…"), self)
        self.choose_button.setObjectName("choose_file")
        self.choose_button.clicked.connect(self.choose_file.emit)
        row.addWidget(self.choose_button)
        layout.addLayout(row)

        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("工作表："), self))
        self.sheet_combo = QComboBox(self)
        self.sheet_combo.setObjectName("sheet")
        self.sheet_combo.setMinimumContentsLength(16)
        self.sheet_combo.currentIndexChanged.connect(self._sheet_changed)
        row.addWidget(self.sheet_combo)
        row.addSpacing(12)
        row.addWidget(QLabel(self.tr("表头所在行："), self))
        self.header_spin = QSpinBox(self)
        self.header_spin.setObjectName("header_row")
        self.header_spin.setRange(1, 1)
        self._header_timer = QTimer(self, singleShot=True, interval=HEADER_DELAY_MS)
        self._header_timer.timeout.connect(self._header_changed)
        self.header_spin.valueChanged.connect(self._header_stepped)
        row.addWidget(self.header_spin)
        row.addSpacing(12)
        self.encoding_label = QLabel(self)
        self.encoding_label.setObjectName("encoding")
        row.addWidget(self.encoding_label)
        row.addStretch(1)
        layout.addLayout(row)

        self.found_label = QLabel(self)
        self.found_label.setObjectName("found_by")
        self.found_label.setWordWrap(True)
        layout.addWidget(self.found_label)

        self.preview = read_only_table(self, [], name="preview")
        self.preview.verticalHeader().setVisible(True)
        self.preview.setSelectionMode(QTableWidget.SelectionMode.NoSelection)
        layout.addWidget(self.preview, 1)

        self.error_label = QLabel(self)
        self.error_label.setObjectName("file_error")
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet("color: #c62828;")
        self.error_label.hide()
        layout.addWidget(self.error_label)

    # ---- what the wizard shows -----------------------------------------------------

    def show_path(self, text: str) -> None:
        self.path_edit.setText(text)
        self.path_edit.setToolTip(text)

    def show_sheets(self, sheets: list[SheetInfo], current: str) -> None:
        """The workbook's sheets (a CSV's one sheet: the combo disabled)."""
        self._filling = True
        self.sheet_combo.clear()
        for s in sheets:
            label = s.name + (self.tr("（隐藏）") if s.hidden else "")
            self.sheet_combo.addItem(label, s.name)
        index = self.sheet_combo.findData(current)
        self.sheet_combo.setCurrentIndex(max(index, 0))
        self.sheet_combo.setEnabled(len(sheets) > 1)
        self._filling = False

    def show_grid(self, grid: Grid) -> None:
        """The encoding and delimiter of a CSV (a workbook: its format)."""
        if grid.file_format == "csv":
            delimiter = {"\t": self.tr("制表符"), ",": self.tr("逗号"), ";": self.tr("分号")}.get(
                grid.delimiter or "", grid.delimiter or "")
            self.encoding_label.setText(self.tr("CSV 编码：{0}；分隔符：{1}").format(
                (grid.encoding or "?").upper(), delimiter))
        else:
            self.encoding_label.setText(self.tr("文件格式：{0}").format(grid.file_format))

    def show_table(self, table: Table, found: str) -> None:
        """The header row found (or chosen) and the first rows, the header row marked."""
        grid = table.grid
        self._filling = True
        self.header_spin.setRange(1, max(1, len(grid.rows)))
        self.header_spin.setValue(table.header_row)
        self._filling = False
        self.found_label.setText(found)
        self.show_error("")
        shown = grid.rows[:max(PREVIEW_ROWS, min(table.header_row + 8, len(grid.rows)))]
        width = max((len(r) for r in shown), default=0)
        self.preview.clear()
        self.preview.setColumnCount(width)
        self.preview.setRowCount(len(shown))
        self.preview.setHorizontalHeaderLabels([column_letter(c) for c in range(width)])
        self.preview.setVerticalHeaderLabels([str(n + 1) for n in range(len(shown))])
        skipped = {s.number for s in table.skipped}
        bold = QFont(self.preview.font())
        bold.setBold(True)
        for r, cells in enumerate(shown):
            number = r + 1
            for c in range(width):
                text = cell_text(cells[c]) if c < len(cells) else ""
                item = QTableWidgetItem(text[:60] + ("…" if len(text) > 60 else ""))
                if len(text) > 60:
                    item.setToolTip(text)
                if number == table.header_row:
                    item.setBackground(QBrush(QColor(HEADER_COLOUR)))
                    item.setFont(bold)
                elif number < table.header_row or number in skipped:
                    item.setForeground(QBrush(QColor("#888888")))
                    item.setBackground(QBrush(QColor(SKIPPED_COLOUR)))
                self.preview.setItem(r, c, item)
        for c in range(width):  # a long title cell must not make its column huge
            self.preview.setColumnWidth(c, min(self.preview.sizeHintForColumn(c) + 12, 220))

    def show_error(self, text: str) -> None:
        self.error_label.setText(text)
        self.error_label.setVisible(bool(text))

    def clear_table(self) -> None:
        self.preview.clear()
        self.preview.setRowCount(0)
        self.preview.setColumnCount(0)
        self.found_label.setText("")

    # ---- the clerk's choices ---------------------------------------------------------

    def _sheet_changed(self, index: int) -> None:
        if not self._filling and index >= 0:
            self.sheet_chosen.emit(str(self.sheet_combo.itemData(index)))

    def _header_stepped(self, _value: int) -> None:
        if not self._filling:  # typing "12" is one choice, not "1" then "12"
            self._header_timer.start()

    def _header_changed(self) -> None:
        self.header_chosen.emit(self.header_spin.value())

    def set_header_row(self, row: int) -> None:
        """Choose the header row as the clerk would (at once)."""
        self._filling = True
        self.header_spin.setValue(row)
        self._filling = False
        self._header_timer.stop()
        self.header_chosen.emit(row)

    def current_header_row(self) -> int:
        return self.header_spin.value()

