"""The 报送情况 page (city and province): for a chosen period, each unit's last packet, whether
its statistics row arrived, on time or overdue, and the rates (:mod:`desktop.city.completeness`);
printed through the preview, exported as Excel or PDF."""

from __future__ import annotations

import logging
from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QComboBox,
    QLabel,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop.city import completeness as cp
from desktop.ledger import Ledger
from ui import i18n
from ui.flow_layout import FlowLayout
from ui.packets.common import cell, read_only_table
from ui.save_dialog import ask_save_path

__all__ = ["CompletenessPage", "default_period"]

log = logging.getLogger(__name__)

RED = QColor("#b00020")
FILLS = {"red": QColor("#ffc7ce"), "amber": QColor("#ffeb9c"), "green": QColor("#c6efce")}


def default_period(today: date) -> tuple[str, int, int]:
    """The last quarter that has ended: ``("quarter", year, quarter)``."""
    q = (today.month - 1) // 3
    return ("quarter", today.year, q) if q else ("quarter", today.year - 1, 4)


class CompletenessPage(QWidget):
    """Period picker, the table of units (overdue in red), the rates, print and export."""

    def __init__(self, ledger: Ledger, parent: QWidget | None = None):
        super().__init__(parent)
        self.ledger = ledger
        self.view: cp.Completeness | None = None
        layout = QVBoxLayout(self)
        if ledger.mode == "county":
            note = QLabel(self.tr("报送情况用于市级、省级台账：查看各下级单位的数据包和统计表报送情况。"), self)
            note.setWordWrap(True)
            layout.addWidget(note)
            layout.addStretch(1)
            self.table = None
            return
        bar = FlowLayout()
        bar.addWidget(QLabel(self.tr("报送期间"), self))
        self.kind = QComboBox(self)
        self.kind.setObjectName("period_kind")
        for code, text in (("year", self.tr("年度")), ("quarter", self.tr("季度")), ("month", self.tr("月份"))):
            self.kind.addItem(text, code)
        self.year = QSpinBox(self)
        self.year.setObjectName("period_year")
        self.year.setRange(2000, 2100)
        self.part = QComboBox(self)
        self.part.setObjectName("period_part")
        self.grace = QSpinBox(self)
        self.grace.setObjectName("grace_days")
        self.grace.setRange(0, 365)
        self.grace.setValue(cp.DEFAULT_GRACE)
        self.grace.setSuffix(self.tr(" 天"))
        self.grace.setToolTip(self.tr("期末后宽限的天数：期末加宽限为报送期限"))
        for w in (self.kind, self.year, self.part):
            bar.addWidget(w)
        bar.addWidget(QLabel(self.tr("宽限"), self))
        bar.addWidget(self.grace)
        self.print_button = self._button(bar, "print", self.tr("打印…"), self.print_preview)
        self.xlsx_button = self._button(bar, "export_xlsx", self.tr("导出 Excel…"), lambda: self.export("xlsx"))
        self.pdf_button = self._button(bar, "export_pdf", self.tr("导出 PDF…"), lambda: self.export("pdf"))
        layout.addLayout(bar)
        self.summary = QLabel(self)
        self.summary.setObjectName("completeness_summary")
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        self.table = read_only_table(self, [
            self.tr("序号"), self.tr("单位"), self.tr("最近数据包"), self.tr("最近接收日期"),
            self.tr("本期统计表"), self.tr("到达日期"), self.tr("按时"), self.tr("状态")],
            stretch=1, name="completeness_table")
        layout.addWidget(self.table, 1)
        legend = QLabel(self.tr("已报：本期（期间内截止日期最晚的）统计表已合并。"
                                "按时：该统计表所在数据包在报送期限前收到。"
                                "逾期（红色）：报送期限已过，期间开始至期限内未收到数据包。"), self)
        legend.setWordWrap(True)
        legend.setStyleSheet("color: #555;")
        layout.addWidget(legend)
        kind, year, part = default_period(ledger.today())
        self.kind.setCurrentIndex(self.kind.findData(kind))
        self.year.setValue(year)
        self._fill_parts()
        self.part.setCurrentIndex(part - 1)
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self.year.valueChanged.connect(lambda _v: self.refresh())
        self.part.currentIndexChanged.connect(lambda _i: self.refresh())
        self.grace.valueChanged.connect(lambda _v: self.refresh())
        self.refresh()

    def _button(self, bar: FlowLayout, name: str, text: str, slot: object) -> QPushButton:
        b = QPushButton(text, self)
        b.setObjectName(name)
        b.clicked.connect(slot)
        bar.addWidget(b)
        return b

    def _kind_changed(self, _index: int) -> None:
        self._fill_parts()
        self.refresh()

    def _fill_parts(self) -> None:
        kind = self.kind.currentData()
        self.part.blockSignals(True)
        self.part.clear()
        if kind == "quarter":
            for q in range(1, 5):
                self.part.addItem(self.tr("第{0}季度").format(q), q)
        elif kind == "month":
            for m in range(1, 13):
                self.part.addItem(self.tr("{0}月").format(m), m)
        self.part.setVisible(kind != "year")
        self.part.blockSignals(False)

    def period_text(self) -> str:
        """The period picked, as :func:`desktop.city.completeness.parse_period` reads it."""
        kind, year = self.kind.currentData(), self.year.value()
        part = self.part.currentData() or 1
        return f"{year}" if kind == "year" else f"{year}Q{part}" if kind == "quarter" else f"{year}-{part:02d}"

    def set_period(self, text: str) -> None:
        """Pick ``text`` (``2024``, ``2024Q2``, ``2024-05``)."""
        p = cp.parse_period(text)
        kind = "year" if len(p.label) == 4 else "quarter" if "Q" in p.label else "month"
        self.kind.setCurrentIndex(self.kind.findData(kind))
        self.year.setValue(p.start.year)
        if kind != "year":
            self.part.setCurrentIndex((p.start.month - 1) // 3 if kind == "quarter" else p.start.month - 1)
        self.refresh()

    def refresh(self) -> None:
        if self.table is None:
            return
        lang = i18n.current()
        view = self.view = cp.completeness(self.ledger, self.period_text(), grace=self.grace.value())
        self.table.setRowCount(len(view.units))
        for r, u in enumerate(view.units):
            last = self.tr("第 {0} 号").format(u.last_sequence) if u.last_sequence is not None else ""
            values = [str(u.position), f"{u.name}（{u.code}）" if lang == "zh" else f"{u.name} ({u.code})", last,
                      _iso(u.last_received), _iso(u.stats_as_of), _iso(u.arrived),
                      self.tr("是") if u.on_time else self.tr("否"), cp.status_text(u.status, lang)]
            tip = self.tr("统计表 {0}，第 {1} 版").format(u.stats_id, u.stats_revision) if u.stats_id else ""
            for c, text in enumerate(values):
                item = cell(text, tip=tip)
                if u.overdue or u.status == "never":
                    item.setForeground(QBrush(RED))
                self.table.setItem(r, c, item)
            status = self.table.item(r, 7)
            assert status is not None
            fill = ("red" if u.overdue or u.status == "never" else "green" if u.on_time
                    else "amber" if u.status in ("late", "missing_row") else None)
            if fill:
                status.setBackground(QBrush(FILLS[fill]))
            if u.overdue:
                status.setText(status.text() + self.tr("（逾期）") if u.status != "overdue" else status.text())
        self.summary.setText(self.tr(
            "报送期限 {0}（期末 {1} 后 {2} 天）。应报 {3} 个单位，已报 {4} 个，报送率 {5}；"
            "按时 {6} 个，按时报送率 {7}；逾期 {8} 个。").format(
            view.deadline.isoformat(), view.period.end.isoformat(), view.grace, view.expected,
            view.reported, _pct(view.reporting_rate), view.on_time, _pct(view.on_time_rate), view.overdue))

    def _write(self, path: Path) -> bool:
        assert self.view is not None
        try:
            cp.write(self.ledger, self.view, path)
        except (OSError, ValueError) as e:
            QMessageBox.warning(self, self.tr("报送情况"), self.tr("无法保存文件：{0}").format(i18n.shown(e)))
            return False
        return True

    def export(self, suffix: str) -> Path | None:
        """Save the table as ``.xlsx`` or ``.pdf`` (asks where); returns the file."""
        if self.view is None:
            return None
        target = ask_save_path(self, self.tr("导出报送情况"), f"报送情况-{self.view.period.label}.{suffix}", suffix)
        return target if target is not None and self._write(target) else None

    def print_preview(self) -> None:
        """The table as a PDF in the print preview (打印, 另存为)."""
        if self.view is None:
            return
        from ui.printing.preview import PreviewDialog
        from ui.printing.run import spool_dir

        path = spool_dir() / f"completeness-{self.view.period.label}-{id(self)}.pdf"
        if not self._write(path):
            return
        dialog = PreviewDialog(path, self.tr("报送情况"), self, remove_file=True,
                               suggested_name=f"报送情况-{self.view.period.label}.pdf")
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()


def _iso(d: date | None) -> str:
    return d.isoformat() if d is not None else ""


def _pct(rate: float | None) -> str:
    return "—" if rate is None else f"{rate * 100:.1f}%"
