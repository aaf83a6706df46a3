"""The 工作目标 page (city and province): the evaluation grid, units × targets, each cell
green / amber / red with its figure and the reason as tooltip and below the grid
(:mod:`desktop.city.targets`); and the target register itself, added and edited with the
register editors."""

from __future__ import annotations

import logging
from datetime import date
from pathlib import Path

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDateEdit,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.city import targets as tg
from desktop.ledger import Ledger
from ui import i18n
from ui.flow_layout import FlowLayout
from ui.pages.register_page import RegisterPage
from ui.save_dialog import ask_save_path

__all__ = ["TargetsPage", "EvaluationView"]

log = logging.getLogger(__name__)

FILLS = {"green": QColor("#c6efce"), "amber": QColor("#ffeb9c"), "red": QColor("#ffc7ce")}
INKS = {"green": QColor("#006100"), "amber": QColor("#7a4a00"), "red": QColor("#9c0006")}


class EvaluationView(QWidget):
    """Year and as-of date, the grid and the reason of the cell chosen."""

    def __init__(self, ledger: Ledger, parent: QWidget | None = None):
        super().__init__(parent)
        self.ledger = ledger
        self.evaluation: tg.Evaluation | None = None
        layout = QVBoxLayout(self)
        bar = FlowLayout()
        bar.addWidget(QLabel(self.tr("年度"), self))
        self.year = QSpinBox(self)
        self.year.setObjectName("target_year")
        self.year.setRange(2000, 2100)
        self.year.setValue(ledger.today().year)
        bar.addWidget(self.year)
        bar.addWidget(QLabel(self.tr("统计截至"), self))
        self.as_of = QDateEdit(self)
        self.as_of.setObjectName("target_as_of")
        self.as_of.setCalendarPopup(True)
        self.as_of.setDisplayFormat("yyyy-MM-dd")
        t = ledger.today()
        self.as_of.setDate(QDate(t.year, t.month, t.day))
        bar.addWidget(self.as_of)
        self.defaults_button = self._button(bar, "add_defaults", self.tr("添加默认目标"), self.add_defaults)
        self.defaults_button.setToolTip(self.tr("按许昌、濮阳文件添加本年度的目标：一县一品、用标覆盖率80%、"
                                                "新增地理标志产品和商标各1个、示范企业10家"))
        self.print_button = self._button(bar, "print", self.tr("打印…"), self.print_preview)
        self.xlsx_button = self._button(bar, "export_xlsx", self.tr("导出 Excel…"), lambda: self.export("xlsx"))
        self.pdf_button = self._button(bar, "export_pdf", self.tr("导出 PDF…"), lambda: self.export("pdf"))
        layout.addLayout(bar)
        self.grid = QTableWidget(0, 0, self)
        self.grid.setObjectName("target_grid")
        self.grid.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.grid.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.grid.verticalHeader().setDefaultSectionSize(self.grid.fontMetrics().height() + 10)
        self.grid.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.grid.horizontalHeader().setDefaultSectionSize(130)
        self.grid.verticalHeader().setVisible(False)
        self.grid.horizontalHeader().setStretchLastSection(True)
        self.grid.currentCellChanged.connect(lambda r, c, _r, _c: self._show_reason(r, c))
        layout.addWidget(self.grid, 1)
        self.reason = QLabel(self)
        self.reason.setObjectName("target_reason")
        self.reason.setWordWrap(True)
        self.reason.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.reason.setMinimumHeight(self.fontMetrics().height() * 2 + 6)
        layout.addWidget(self.reason)
        self.year.valueChanged.connect(lambda _v: self.refresh())
        self.as_of.dateChanged.connect(lambda _d: self.refresh())
        self.refresh()

    def _button(self, bar: FlowLayout, name: str, text: str, slot: object) -> QPushButton:
        b = QPushButton(text, self)
        b.setObjectName(name)
        b.clicked.connect(slot)
        bar.addWidget(b)
        return b

    def as_of_date(self) -> date:
        d = self.as_of.date()
        return date(d.year(), d.month(), d.day())

    def refresh(self) -> None:
        lang = i18n.current()
        ev = self.evaluation = tg.evaluate(self.ledger, self.year.value(), self.as_of_date())
        heads = [self.tr("单位")]
        for t in ev.targets:
            scope = self.tr("全市") if t.scope == "city_total" else self.tr("每个单位")
            label = tg.short_label(t.measure, lang)
            heads.append(f"{label}\n≥ {t.threshold:g}（{scope}）" if lang == "zh"
                         else f"{label}\n≥ {t.threshold:g} ({scope})")
        self.grid.clear()
        self.grid.setColumnCount(len(heads))
        self.grid.setHorizontalHeaderLabels(heads)
        self.grid.setRowCount(len(ev.units) + 1)
        for r, u in enumerate(ev.units):
            self.grid.setItem(r, 0, QTableWidgetItem(u.name))
            for c, t in enumerate(ev.targets, start=1):
                self.grid.setItem(r, c, self._cell(t, ev.marks[(u.code, t.id)], lang))
        total = QTableWidgetItem(self.tr("全市"))
        font = total.font()
        font.setBold(True)
        total.setFont(font)
        self.grid.setItem(len(ev.units), 0, total)
        for c, t in enumerate(ev.targets, start=1):
            item = self._cell(t, ev.totals[t.id], lang)
            item.setFont(font)
            self.grid.setItem(len(ev.units), c, item)
        self.grid.setColumnWidth(0, 100)
        for c, t in enumerate(ev.targets, start=1):
            self.grid.horizontalHeaderItem(c).setToolTip(  # type: ignore[union-attr]  # just set
                f"{tg.measure_label(t.measure, lang)}\n{t.source or ''}")
        if ev.targets:
            self.reason.setText(self.tr("点选单元格查看数字和原因。绿：达标；黄：未达标，期限未到；"
                                        "红：未达标且已过期限，或未报送。只计已合并的数据。"))
        else:
            self.reason.setText(self.tr("{0} 年还没有工作目标：点“添加默认目标”，或在“目标列表”中新增。").format(
                self.year.value()))

    def _cell(self, t: tg.Target, m: tg.Mark, lang: str) -> QTableWidgetItem:
        if m.value is None:
            text = self.tr("未报送") if m.status == "red" and m.reason_zh.startswith("未报送") else "—"
        elif t.measure == "coverage_pct":
            text = f"{m.value:.1f}%"
        else:
            text = f"{m.value:g}"
        item = QTableWidgetItem(text)
        item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
        item.setToolTip(m.reason(lang))
        item.setData(Qt.ItemDataRole.UserRole, m.reason(lang))
        if m.status:
            item.setBackground(QBrush(FILLS[m.status]))
            item.setForeground(QBrush(INKS[m.status]))
        return item

    def _show_reason(self, row: int, column: int) -> None:
        if self.evaluation is None or row < 0 or column < 1:
            return
        item = self.grid.item(row, column)
        head = self.grid.horizontalHeaderItem(column)
        unit = self.grid.item(row, 0)
        if item is None or head is None or unit is None:
            return
        self.reason.setText(f"{unit.text()} · {head.text().splitlines()[0]}：{item.data(Qt.ItemDataRole.UserRole)}")

    def add_defaults(self) -> None:
        year = self.year.value()
        try:
            added = tg.add_defaults(self.ledger, year)
        except (tg.TargetError, ValueError) as e:
            QMessageBox.warning(self, self.tr("添加默认目标"), i18n.shown(e))
            return
        self.refresh()
        QMessageBox.information(self, self.tr("添加默认目标"),
                                self.tr("已添加 {0} 年的 {1} 项目标。").format(year, len(added)))

    def _write(self, path: Path) -> bool:
        assert self.evaluation is not None
        try:
            tg.write(self.ledger, self.evaluation, path)
        except (OSError, ValueError) as e:
            QMessageBox.warning(self, self.tr("工作目标"), self.tr("无法保存文件：{0}").format(i18n.shown(e)))
            return False
        return True

    def export(self, suffix: str) -> Path | None:
        """Save the grid as ``.xlsx`` or ``.pdf`` (asks where); returns the file."""
        target = ask_save_path(self, self.tr("导出工作目标"), f"工作目标-{self.year.value()}.{suffix}", suffix)
        return target if target is not None and self._write(target) else None

    def print_preview(self) -> None:
        from ui.printing.preview import PreviewDialog
        from ui.printing.run import spool_dir

        path = spool_dir() / f"targets-{self.year.value()}-{id(self)}.pdf"
        if not self._write(path):
            return
        dialog = PreviewDialog(path, self.tr("工作目标"), self, remove_file=True,
                               suggested_name=f"工作目标-{self.year.value()}.pdf")
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()


class TargetsPage(QWidget):
    """Two tabs: 完成情况 (the grid) and 目标列表 (the register ``target``)."""

    def __init__(self, ledger: Ledger, register: RegisterPage | None, parent: QWidget | None = None):
        super().__init__(parent)
        self.ledger = ledger
        self.register = register
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.evaluation: EvaluationView | None = None
        if ledger.mode == "county" or register is None:
            note = QLabel(self.tr("工作目标由市局、省局制定和考核；县级台账不显示。"), self)
            note.setWordWrap(True)
            layout.addWidget(note)
            layout.addStretch(1)
            self.tabs = None
            return
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("tabs_targets")
        self.evaluation = EvaluationView(ledger, self.tabs)
        self.tabs.addTab(self.evaluation, self.tr("完成情况"))
        self.tabs.addTab(register, self.tr("目标列表"))
        self.tabs.currentChanged.connect(lambda _i: self.refresh())
        layout.addWidget(self.tabs)

    def current_register(self) -> RegisterPage | None:
        """The target register when its tab is in front."""
        if self.tabs is not None and self.tabs.currentWidget() is self.register:
            return self.register
        return None

    def refresh(self) -> None:
        if self.evaluation is not None:
            self.evaluation.refresh()
        if self.register is not None:
            self.register.refresh()
