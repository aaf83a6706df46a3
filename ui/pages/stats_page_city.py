"""The city table on the 统计表 page of a city (or province): the table live, with its total
row, the units that have not reported marked, the as-of date, export to ``.xlsx``/PDF (on a
worker thread), and the records behind a cell (:func:`desktop.city.table.records_behind`).

Everything it shows is computed by :mod:`desktop.city.table`; this is only the Qt around it.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QDate, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetrics
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.city.table import COLUMNS, GI_COLUMNS, Behind, CityTable, TableRow, compute, records_behind, write
from desktop.forms import get_print_font
from desktop.ledger import Ledger
from desktop.stats import as_of_default
from ui.flow_layout import FlowLayout
from ui.i18n import shown
from ui.operations import Job, run_job

__all__ = ["CityTableModel", "CityTablePanel", "BehindDialog"]

log = logging.getLogger(__name__)

_MISSING_BG = QColor("#fff3c4")
_RED = QColor("#b00020")
_NAMED = 8
"""Units not reported named in the summary line (the table marks every one)."""
Index = QModelIndex | QPersistentModelIndex


class CityTableModel(QAbstractTableModel):
    """The table's rows and its total row; column 0 序号, 1 unit, 2-6 figures, 7 备注."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.table: CityTable | None = None
        self.headers = [self.tr("序号"), self.tr("单位"), self.tr("有效注册商标"), self.tr("驰名商标"),
                        self.tr("地理标志商标"), self.tr("地理标志保护产品\n产品数量"),
                        self.tr("地理标志保护产品\n已使用专用标志产品数量"), self.tr("备注")]

    def set_table(self, table: CityTable) -> None:
        self.beginResetModel()
        self.table = table
        if table.level == "province":
            self.headers[1] = self.tr("市")
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 (Qt's default argument)
        return 0 if parent.isValid() or self.table is None else len(self.table.rows) + 1

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 (Qt's default argument)
        return 0 if parent.isValid() else len(self.headers)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role in (Qt.ItemDataRole.DisplayRole,
                                                                 Qt.ItemDataRole.ToolTipRole):
            return self.headers[section]
        return None

    def unit_row(self, row: int) -> TableRow | None:
        """The unit of a row (None: the total row)."""
        assert self.table is not None
        return self.table.rows[row] if row < len(self.table.rows) else None

    @staticmethod
    def column_key(column: int) -> str | None:
        return COLUMNS[column - 2] if 2 <= column < 2 + len(COLUMNS) else None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or self.table is None:
            return None
        r, col = index.row(), index.column()
        unit = self.unit_row(r)
        key = self.column_key(col)
        if role == Qt.ItemDataRole.DisplayRole:
            if unit is None:
                figures = self.table.total
                values = ["小计", self.table.total_name, *(figures[k] or "" for k in COLUMNS), self.table.total_note]
            else:
                values = [unit.position, unit.name, *(unit.figures[k] or "" for k in COLUMNS), unit.note]
            return values[col]
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignVCenter | (Qt.AlignmentFlag.AlignLeft if col == 7
                                                       else Qt.AlignmentFlag.AlignCenter))
        if role == Qt.ItemDataRole.FontRole and (unit is None or (unit.missing and col == 7)):
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.BackgroundRole and unit is not None and unit.missing:
            return QBrush(_MISSING_BG)
        if role == Qt.ItemDataRole.ForegroundRole and unit is not None:
            differs = key is not None and any(k == key for k, _t, _c in unit.disagreements)
            if differs or (col == 7 and (unit.missing or unit.disagreements)):
                return QBrush(_RED)
        if role == Qt.ItemDataRole.ToolTipRole and unit is not None:
            if unit.missing:
                return self.tr("{0} 截止日期前没有统计行（未报送），不计入小计").format(unit.name)
            if key in GI_COLUMNS:
                return self.tr("填报 {0}，台账 {1}；点击查看记录").format(unit.figures[key] or 0, unit.counted[key])
            return self.tr("点击查看记录")
        return None


class BehindDialog(QDialog):
    """The records behind a cell; double-click or 打开 opens one (``open_record(kind, id)``)."""

    open_record = Signal(str, str)

    def __init__(self, title: str, records: list[Behind], parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.records = records
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("共 {0} 条记录").format(len(records)) if records
                                else self.tr("没有记录（未报送）"), self))
        self.list = QTableWidget(len(records), 3, self)
        self.list.setObjectName("behind_records")
        self.list.setHorizontalHeaderLabels([self.tr("编号"), self.tr("名称"), self.tr("说明")])
        self.list.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.list.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.verticalHeader().setVisible(False)
        self.list.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        for n, b in enumerate(records):
            title, detail = b.title, b.detail
            if b.kind == "stats":
                title = self.tr("{0} 统计行（截止 {1}）").format(b.title, b.as_of)
                detail = self.tr("版本 {0}").format(b.revision)
            for col, text in enumerate((b.id, title, detail)):
                self.list.setItem(n, col, QTableWidgetItem(text))
        self.list.resizeColumnToContents(0)
        if records:
            self.list.selectRow(0)
        self.list.doubleClicked.connect(lambda _i: self.open_selected())
        layout.addWidget(self.list, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.open_button = buttons.addButton(self.tr("打开"), QDialogButtonBox.ButtonRole.ActionRole)
        self.open_button.setEnabled(bool(records))
        self.open_button.clicked.connect(self.open_selected)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(640, 360)

    def open_selected(self) -> None:
        row = self.list.currentRow()
        if 0 <= row < len(self.records):
            b = self.records[row]
            self.accept()
            self.open_record.emit(b.kind, b.id)


class CityTablePanel(QWidget):
    """The city table with its as-of date, export buttons and the summary of who is missing."""

    open_record = Signal(str, str)

    def __init__(self, ledger: Ledger, parent: QWidget | None = None):
        super().__init__(parent)
        self.ledger = ledger
        self.job: Job | None = None
        self.last_export: Path | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        bar = FlowLayout()
        bar.addWidget(QLabel(self.tr("统计截止日期"), self))
        self.as_of = QDateEdit(self)
        self.as_of.setObjectName("as_of")
        self.as_of.setCalendarPopup(True)
        self.as_of.setDisplayFormat("yyyy-MM-dd")
        d = as_of_default(ledger.today())
        self.as_of.setDate(QDate(d.year, d.month, d.day))
        self.as_of.dateChanged.connect(lambda _d: self.refresh())
        bar.addWidget(self.as_of)
        self.units_button = self._button(bar, self.tr("单位列表…"), self.edit_units)
        self.xlsx_button = self._button(bar, self.tr("导出 Excel…"), lambda: self.choose_export(".xlsx"))
        self.pdf_button = self._button(bar, self.tr("导出 PDF…"), lambda: self.choose_export(".pdf"))
        holder = QWidget(self)
        holder.setLayout(bar)
        layout.addWidget(holder)
        self.title = QLabel(self)
        self.title.setObjectName("city_table_title")
        self.title.setWordWrap(True)
        self.title.setStyleSheet("font-weight: bold;")
        layout.addWidget(self.title)
        self.summary = QLabel(self)
        self.summary.setObjectName("city_table_summary")
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        self.model = CityTableModel(self)
        self.view = QTableView(self)
        self.view.setObjectName("city_table")
        self.view.setModel(self.model)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.verticalHeader().setVisible(False)
        self.view.verticalHeader().setDefaultSectionSize(self.view.fontMetrics().height() + 8)
        header = self.view.horizontalHeader()
        header.setTextElideMode(Qt.TextElideMode.ElideNone)  # eliding cuts a two-line title's last line
        header.setStretchLastSection(True)
        self.view.clicked.connect(self.show_behind)
        layout.addWidget(self.view, 1)
        self.table: CityTable | None = None
        self.refresh()
        self.view.resizeColumnsToContents()
        bold = QFont(header.font())
        bold.setBold(True)  # some styles draw the header bold
        metrics = QFontMetrics(bold)
        for col, text in enumerate(self.model.headers[:-1]):
            needed = max(metrics.horizontalAdvance(line) for line in text.split("\n")) + 14
            self.view.setColumnWidth(col, max(self.view.columnWidth(col), needed))

    def _button(self, bar: FlowLayout, text: str, slot: Any) -> QPushButton:
        b = QPushButton(text, self)
        b.clicked.connect(slot)
        bar.addWidget(b)
        return b

    def as_of_date(self) -> Any:
        return self.as_of.date().toPython()

    def refresh(self) -> None:
        """Compute the table again (a few aggregate queries: fast enough for the GUI thread)."""
        self.table = compute(self.ledger, self.as_of_date())
        self.model.set_table(self.table)
        self.title.setText(self.table.title)
        t = self.table
        reported = len(t.rows) - len(t.missing)
        text = self.tr("{0} 个单位，已报送 {1}，未报送 {2}").format(len(t.rows), reported, len(t.missing))
        if t.missing:
            names = "、".join(r.name for r in t.missing[:_NAMED])
            more = self.tr(" 等 {0} 个").format(len(t.missing)) if len(t.missing) > _NAMED else ""
            text += self.tr("（未计入小计）：") + names + more
        text += "<br>" + self.tr("小计：") + " ".join(str(t.total[k]) for k in COLUMNS)
        if t.disagreeing:
            text += "<br><span style='color:#b00020'>" + self.tr("与台账不一致：") + "；".join(
                f"{r.name} {r.note}" for r in t.disagreeing) + "</span>"
        self.summary.setText(text)

    def show_behind(self, index: QModelIndex) -> BehindDialog | None:
        """The dialog of the records behind a cell (shown; returned for the tests)."""
        if self.table is None or not index.isValid():
            return None
        unit = self.model.unit_row(index.row())
        key = self.model.column_key(index.column())
        records = records_behind(self.ledger, self.table, unit.code if unit else None, key)
        name = unit.name if unit is not None else self.table.total_name
        column = self.model.headers[index.column()].replace("\n", " ")
        dialog = BehindDialog(self.tr("{0} · {1}：记录").format(name, column), records, self)
        dialog.open_record.connect(self.open_record)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()
        return dialog

    def edit_units(self) -> None:
        from ui.pages.units_dialog import UnitsDialog

        dialog = UnitsDialog(self.ledger, self)
        dialog.exec()
        self.refresh()

    def choose_export(self, suffix: str) -> None:
        assert self.table is not None
        name = f"{self.table.title}{suffix}"
        kind = self.tr("Excel 工作簿 (*.xlsx)") if suffix == ".xlsx" else self.tr("PDF 文件 (*.pdf)")
        chosen, _filter = QFileDialog.getSaveFileName(self, self.tr("统计表保存到"), name, kind)
        if chosen:
            if not chosen.lower().endswith(suffix):
                chosen += suffix
            self.export_to(Path(chosen))

    def export_to(self, path: Path) -> Job:
        """Write the table shown to ``path`` on a worker thread (it needs no database)."""
        assert self.table is not None
        table, font = self.table, get_print_font(self.ledger)

        def job(_progress: Any, _cancelled: Any) -> Path:
            return write(table, path, font)

        self.xlsx_button.setEnabled(False)
        self.pdf_button.setEnabled(False)
        self.job = run_job(self, self.tr("导出统计表"), job, self._exported, self._failed)
        return self.job

    def _exported(self, path: Path) -> None:
        self._idle()
        self.last_export = path
        self.summary.setText(self.summary.text() + "<br>" + self.tr("已导出：{0}").format(path))

    def _failed(self, error: BaseException) -> None:
        self._idle()
        QMessageBox.warning(self, self.tr("导出统计表"), self.tr("未能导出：{0}").format(
            shown(error) if not isinstance(error, OSError) else (error.strerror or str(error))))

    def _idle(self) -> None:
        self.xlsx_button.setEnabled(True)
        self.pdf_button.setEnabled(True)
