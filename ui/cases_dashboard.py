"""The case register on the home pages (行政保护案件): a box on the dashboard and a box on the
city dashboard, drawn from :mod:`desktop.cases.figures`.

- :func:`case_box`: this year's cases, open cases, typical cases and this year's cases per
  act; an act with cases is a link (the page filters the case register by it).
- :class:`CityCasesBox`: per unit, cases per act as stacked bars for one filing year (or every
  year), and a table of cases per unit and year with the open ones.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.cases.figures import ACTS, CaseFigures, CityCaseFigures
from ui.charts import PALETTE, BarChart, Series
from ui.editors.i18n import language
from ui.i18n import gap

__all__ = ["case_box", "CityCasesBox"]

log = logging.getLogger(__name__)


def case_box(figures: CaseFigures, parent: QWidget, on_act: Callable[[str], None]) -> QGroupBox:
    """The dashboard's 行政保护案件 box; ``on_act(code)`` when the clerk clicks an act."""
    box = QGroupBox(QCoreApplication.translate("CaseDashboard", "行政保护案件"), parent)
    box.setObjectName("cases_box")
    layout = QVBoxLayout(box)
    head = QLabel(gap().join([
        QCoreApplication.translate("CaseDashboard", "{0} 年立案 <b>{1}</b>").format(figures.year, figures.this_year),
        QCoreApplication.translate("CaseDashboard", "未结案件 <b>{0}</b>").format(figures.open),
        QCoreApplication.translate("CaseDashboard", "典型案例 <b>{0}</b>").format(figures.typical),
        QCoreApplication.translate("CaseDashboard", "累计 <b>{0}</b>").format(figures.total)]), box)
    head.setObjectName("cases_head")
    head.setTextFormat(Qt.TextFormat.RichText)
    head.setWordWrap(True)
    layout.addWidget(head)
    en = language() == "en"
    parts = [f"<a href='{a.code}'>{a.en if en else a.zh}</a> <b>{a.n}</b>" if a.n
             else f"{a.en if en else a.zh} 0" for a in figures.by_act]
    acts = QLabel(QCoreApplication.translate("CaseDashboard", "本年各违法行为：") + gap().join(parts), box)
    acts.setObjectName("cases_by_act")
    acts.setTextFormat(Qt.TextFormat.RichText)
    acts.setTextInteractionFlags(Qt.TextInteractionFlag.LinksAccessibleByMouse
                                 | Qt.TextInteractionFlag.LinksAccessibleByKeyboard)
    acts.setWordWrap(True)
    acts.linkActivated.connect(on_act)
    layout.addWidget(acts)
    return box


class CityCasesBox(QGroupBox):
    """Cases per unit, per year and per act (the city dashboard)."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setTitle(self.tr("行政保护案件（各单位）"))
        self.setObjectName("city_cases")
        self.figures: CityCaseFigures | None = None
        layout = QVBoxLayout(self)
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("立案年度："), self))
        self.year = QComboBox(self)
        self.year.setObjectName("city_cases_year")
        self.year.currentIndexChanged.connect(lambda _i: self._draw())
        row.addWidget(self.year)
        row.addStretch(1)
        layout.addLayout(row)
        self.chart = BarChart(self.tr("各单位案件数（按违法行为）"), self)
        self.chart.setObjectName("chart_cases")
        layout.addWidget(self.chart)
        self.table = QTableWidget(0, 0, self)
        self.table.setObjectName("city_cases_table")
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(22)
        self.table.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        layout.addWidget(self.table)

    def show_figures(self, figures: CityCaseFigures | None) -> None:
        """Draw ``figures`` (None: nothing to show)."""
        self.figures = figures
        keep = self.year.currentData()
        self.year.blockSignals(True)
        self.year.clear()
        self.year.addItem(self.tr("全部年度"), None)
        years = list(reversed(figures.years)) if figures else []
        this_year = figures.as_of.year if figures else None
        if this_year is not None and this_year not in years:
            years.insert(0, this_year)
        for y in years:
            self.year.addItem(str(y), y)
        index = self.year.findData(keep if keep is not None else this_year)
        self.year.setCurrentIndex(max(index, 0))
        self.year.blockSignals(False)
        self._draw()
        self._fill_table()

    def _draw(self) -> None:
        f = self.figures
        if f is None:
            return
        year = self.year.currentData()
        en = language() == "en"
        names = [u.name for u in f.units]
        series = []
        for n, act in enumerate(ACTS):
            values = [u.acts(year).get(act.code, 0) or None for u in f.units]
            series.append(Series(act.en if en else act.zh, PALETTE[n % len(PALETTE)], values))
        self.chart.title = (self.tr("{0} 年各单位案件数（按违法行为）").format(year) if year is not None
                            else self.tr("各单位案件数（按违法行为，全部年度）"))
        self.chart.set_data(names, series, stacked=True, missing_label=self.tr("无"))

    def _fill_table(self) -> None:
        f = self.figures
        years = f.years if f else []
        self.table.setColumnCount(len(years) + 3)
        self.table.setHorizontalHeaderLabels([self.tr("单位"), *(str(y) for y in years),
                                              self.tr("合计"), self.tr("未结")])
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        units = f.units if f else []
        self.table.setRowCount(len(units) + (1 if units else 0))
        for r, u in enumerate(units):
            cells = [u.name, *(str(u.figures.per_year.get(y, 0)) for y in years), str(u.figures.total),
                     str(u.figures.open)]
            self._row(r, cells)
        if f is not None and units:
            totals = f.total_per_year()
            self._row(len(units), [self.tr("合计"), *(str(totals.get(y, 0)) for y in years),
                                   str(sum(totals.values())), str(sum(u.figures.open for u in units))])
        height = self.table.horizontalHeader().height() + 2 + sum(
            self.table.rowHeight(r) for r in range(self.table.rowCount()))
        self.table.setFixedHeight(height)

    def _row(self, r: int, cells: list[str]) -> None:
        for col, text in enumerate(cells):
            item = QTableWidgetItem(text)
            if col:
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.table.setItem(r, col, item)
