"""The city dashboard (全市看板), a tab of the home page in city and province mode: per-unit
bars for the city table's columns, the cultivation pipeline per stage, mark-use coverage
against 80%, and each unit's packets with the cross-county duplicates waiting for review.

The figures are :func:`desktop.city.dashboard.compute_city_dashboard` (computed in the
background on a large file, as the home page's); the charts are :class:`ui.charts.BarChart`,
each with a button that saves it as a PNG for a report.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.city import dashboard as citydash
from desktop.city.dashboard import COVERAGE_TARGET, TABLE_COLUMNS, CityDashboard
from desktop.ledger import Ledger
from ui import i18n
from ui.background import is_large, read_in_background
from ui.cases_dashboard import CityCasesBox
from ui.charts import PALETTE, BarChart, LegendEntry, Series
from ui.editors.i18n import language

__all__ = ["CityDashboardView"]

log = logging.getLogger(__name__)

GREEN, AMBER, RED, BLUE = "#2e7d32", "#f9a825", "#c62828", "#1f77b4"


class CityDashboardView(QWidget):
    """The city dashboard's charts and packet table, in a scroll area."""

    scroll: QScrollArea  # type: ignore[assignment]  # shadows QWidget.scroll(dx, dy), which nothing calls

    def __init__(self, ledger: Ledger, parent: QWidget | None = None):
        super().__init__(parent)
        self.ledger = ledger
        self.data: CityDashboard | None = None
        self._generation = 0
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        self.scroll = QScrollArea(self)
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        outer.addWidget(self.scroll)
        body = QWidget()
        self.body = QVBoxLayout(body)
        self.header = QLabel(body)
        self.header.setObjectName("city_dashboard_header")
        self.header.setWordWrap(True)
        self.body.addWidget(self.header)
        self.column = QComboBox(body)
        self.column.setObjectName("city_table_column")
        for key, zh, en in TABLE_COLUMNS:
            self.column.addItem(en[:1].upper() + en[1:] if language() == "en" else zh, key)
        self.column.currentIndexChanged.connect(lambda _i: self._draw_table_chart())
        self.charts: dict[str, BarChart] = {}
        self.body.addWidget(self._chart_box("table", self.tr("统计表各栏（各单位）"), self.column))
        self.body.addWidget(self._chart_box("pipeline", self.tr("培育名录各阶段（各单位）")))
        self.body.addWidget(self._chart_box("coverage", self.tr("用标覆盖率（各单位，目标 80%）")))
        self.body.addWidget(self._packets_box())
        self.cases = CityCasesBox(body)  # 行政保护案件 per unit, year and act (ui.cases_dashboard)
        self.body.addWidget(self.cases)
        self.body.addStretch(1)
        self.scroll.setWidget(body)

    # ---- building -----------------------------------------------------------------

    def _chart_box(self, key: str, title: str, extra: QWidget | None = None) -> QGroupBox:
        box = QGroupBox(title)
        layout = QVBoxLayout(box)
        row = QHBoxLayout()
        if extra is not None:
            row.addWidget(extra)
        row.addStretch(1)
        export = QPushButton(self.tr("导出图片"), box)
        export.setObjectName(f"export_{key}")
        export.setToolTip(self.tr("把图表保存为 PNG 图片，用于报告"))
        export.clicked.connect(lambda: self.export_chart(key))
        row.addWidget(export)
        layout.addLayout(row)
        chart = BarChart(title, box)
        chart.setObjectName(f"chart_{key}")
        self.charts[key] = chart
        layout.addWidget(chart)
        return box

    def _packets_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("数据包与跨县重复"))
        layout = QVBoxLayout(box)
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("超过以下天数未收到数据包即为逾期："), box))
        self.days = QSpinBox(box)
        self.days.setObjectName("overdue_days")
        self.days.setRange(1, 3660)
        self.days.setSuffix(self.tr(" 天"))
        self.days.setValue(citydash.overdue_days(self.ledger))
        self.days.editingFinished.connect(self._days_changed)
        row.addWidget(self.days)
        row.addStretch(1)
        layout.addLayout(row)
        self.duplicates = QLabel(box)
        self.duplicates.setObjectName("duplicates")
        self.duplicates.setWordWrap(True)
        layout.addWidget(self.duplicates)
        self.packets = QTableWidget(0, 6, box)
        self.packets.setObjectName("unit_packets")
        self.packets.setHorizontalHeaderLabels([
            self.tr("单位"), self.tr("最后一期"), self.tr("合并日期"), self.tr("距今（天）"),
            self.tr("状态"), self.tr("待核重复")])
        for n in range(self.packets.columnCount()):  # a title cut short reads whole here
            header = self.packets.horizontalHeaderItem(n)
            if header is not None:
                header.setToolTip(header.text())
        self.packets.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.packets.verticalHeader().hide()
        self.packets.verticalHeader().setDefaultSectionSize(22)
        self.packets.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.packets.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        layout.addWidget(self.packets)
        return box

    # ---- data ---------------------------------------------------------------------

    def refresh(self) -> None:
        """Compute the figures again (in the background on a large file) and redraw."""
        self._generation += 1
        if not is_large(self.ledger) or self.ledger.path is None:
            self.show_data(citydash.compute_city_dashboard(self.ledger))
            return
        self.header.setText(self.tr("正在统计全市看板（数据库较大，统计在后台进行）……"))
        today, generation = self.ledger.today(), self._generation
        read_in_background(self, self.ledger.path,
                           lambda worker: citydash.compute_city_dashboard(worker, today),
                           lambda result: self._computed(generation, result), name="city-dashboard")

    def _computed(self, generation: int, result: object) -> None:
        if generation != self._generation:
            return
        if isinstance(result, CityDashboard):
            self.show_data(result)
        else:
            self.header.setText(self.tr("全市看板统计失败：{0}").format(result))

    def show_data(self, d: CityDashboard) -> None:
        """Draw ``d``."""
        self.data = d
        missing = d.missing_stats
        text = self.tr("<b>全市看板</b>　截至 {0}；统计表数据为 {1} 前各单位最新的统计行").format(
            d.as_of.isoformat(), d.stats_as_of.isoformat())
        if missing:
            text += self.tr("；{0} 个单位未报送").format(len(missing))
        self.header.setText(text)
        names = [u.name for u in d.units]
        codes = [u.code for u in d.units]
        self._draw_table_chart()
        pipeline = [Series(s.en if language() == "en" else s.zh, PALETTE[n % len(PALETTE)],
                           [d.pipeline[c].get(s.code, 0) or None for c in codes])
                    for n, s in enumerate(d.stages)]
        self.charts["pipeline"].set_data(names, pipeline, stacked=True, missing_label=self.tr("无"))
        ratios = [d.coverage[c].ratio for c in codes]
        colors = [None if r is None else (GREEN if r >= COVERAGE_TARGET else AMBER) for r in ratios]
        self.charts["coverage"].set_data(
            names, [Series(self.tr("用标覆盖率"), GREEN, ratios, colors)], percent=True,
            reference=COVERAGE_TARGET, missing_label=self.tr("无应报年报用户"),
            legend=[LegendEntry(self.tr("达到目标"), GREEN), LegendEntry(self.tr("未达目标"), AMBER),
                    LegendEntry(self.tr("目标 80%"), RED, line=True)])
        self._fill_packets(d)
        self.cases.show_figures(d.cases)

    def _draw_table_chart(self) -> None:
        d = self.data
        if d is None:
            return
        key = str(self.column.currentData())
        values = [d.table[key][u.code] for u in d.units]
        label = self.column.currentText()
        self.charts["table"].title = self.tr("{0}（各单位，{1} 前最新统计行）").format(
            label, d.stats_as_of.isoformat())
        self.charts["table"].set_data([u.name for u in d.units], [Series(label, BLUE, values)],
                                      missing_label=self.tr("未报送"))

    def _fill_packets(self, d: CityDashboard) -> None:
        dup = {kind: sum(per_unit.values()) for kind, per_unit in d.duplicates.items()}
        text = self.tr("跨县重复待核：用标主体 {0} 户（统一社会信用代码相同），普查资源 {1} 项（产品名称相同）")
        self.duplicates.setText(text.format(dup.get("mark-user", 0), dup.get("resource", 0)))
        self.packets.setRowCount(len(d.units))
        for row, unit in enumerate(d.units):
            p = d.packets[unit.code]
            status = self.tr("逾期") if p.overdue else self.tr("按时")
            cells = [unit.name, "" if p.last_sequence is None else str(p.last_sequence),
                     p.last_merged.isoformat() if p.last_merged else self.tr("未收到"),
                     "" if p.days_since is None else str(p.days_since), status,
                     str(d.duplicates_of(unit.code) or "")]
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if col == 4 and p.overdue:
                    item.setForeground(Qt.GlobalColor.red)
                if col in (1, 3, 5):
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.packets.setItem(row, col, item)
        height = self.packets.horizontalHeader().height() + 2 + sum(
            self.packets.rowHeight(r) for r in range(self.packets.rowCount()))
        self.packets.setFixedHeight(height)

    def _days_changed(self) -> None:
        days = self.days.value()
        if days == citydash.overdue_days(self.ledger):
            return
        try:
            citydash.set_overdue_days(self.ledger, days)
        except citydash.OverdueDaysError as e:
            QMessageBox.warning(self, self.tr("无法保存"), i18n.shown(e))
            return
        self.refresh()

    # ---- export -------------------------------------------------------------------

    def export_chart(self, key: str, path: Path | str | None = None) -> Path | None:
        """Save a chart as PNG (asks where unless ``path`` is given); the file, or None."""
        chart = self.charts[key]
        if path is None:
            chosen, _filter = QFileDialog.getSaveFileName(
                self, self.tr("导出图片"), f"{chart.title}.png", self.tr("PNG 图片 (*.png)"))
            if not chosen:
                return None
            path = chosen
        target = Path(path)
        if target.suffix.lower() != ".png":
            target = target.with_name(target.name + ".png")
        if not chart.save_png(target):
            QMessageBox.warning(self, self.tr("导出图片"), self.tr("无法写入 {0}").format(target))
            return None
        return target
