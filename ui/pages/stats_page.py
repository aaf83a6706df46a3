"""The 统计表 page.

A county sees its statistics rows, with the GI columns counted from the registers beside them.
A city (or province) sees the city table (:mod:`ui.pages.stats_page_city`) live, and its
statistics rows in a second tab.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QGroupBox, QLabel, QTabWidget, QVBoxLayout, QWidget

from desktop import stats
from desktop.ledger import Ledger
from ui.editors.i18n import field_label
from ui.pages.register_page import RegisterPage

__all__ = ["StatsPage"]

CITY_LEVELS = ("city", "province")


class StatsPage(QWidget):
    """The statistics register plus what the registers say the GI columns should be; at a city,
    the city table. ``open_record(kind, id)`` asks the window to open a record."""

    open_record = Signal(str, str)

    def __init__(self, ledger: Ledger, register: RegisterPage, parent: QWidget | None = None):
        super().__init__(parent)
        self.ledger = ledger
        self.register = register
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.city = None
        self.derived: QLabel | None = None
        if ledger.office.level in CITY_LEVELS:
            from ui.pages.stats_page_city import CityTablePanel

            self.tabs = QTabWidget(self)
            self.tabs.setObjectName("stats_tabs")
            self.city = CityTablePanel(ledger, self.tabs)
            self.city.open_record.connect(self.open_record)
            self.tabs.addTab(self.city, self.tr("全市统计表") if ledger.office.level == "city"
                             else self.tr("全省统计表"))
            self.tabs.addTab(register, self.tr("各单位统计行"))
            layout.addWidget(self.tabs)
            return
        box = QGroupBox(self.tr("台账统计（自动计算，供核对）"), self)
        inner = QVBoxLayout(box)
        self.derived = QLabel(box)
        self.derived.setObjectName("derived_counts")
        self.derived.setWordWrap(True)
        inner.addWidget(self.derived)
        layout.addWidget(box)
        layout.addWidget(register, 1)
        self.refresh()

    def refresh(self) -> None:
        if self.city is not None:
            self.city.refresh()
            self.register.refresh()
            return
        assert self.derived is not None
        d = stats.derive(self.ledger)
        text = self.tr("地理标志商标 {0} 件；地理标志保护产品 {1} 个，其中已使用专用标志 {2} 个。").format(
            d.gi_trademarks, d.gi_products, d.gi_products_using_mark)
        row = stats.latest_row(self.ledger)
        if row is not None:
            diffs = stats.disagreements(row, d)
            if diffs:
                parts = "；".join(self.tr("{0}填报 {1}，台账 {2}").format(field_label(row.kind.field(k)), a, b)
                                 for k, a, b in diffs)
                text += "<br><span style='color:#b00020'>" + self.tr(
                    "与 {0} 的统计行不一致：").format(row.values["as_of"].isoformat()) + parts + "</span>"
            else:
                text += "<br><span style='color:#1b5e20'>" + self.tr(
                    "与 {0} 的统计行一致。").format(row.values["as_of"].isoformat()) + "</span>"
        self.derived.setText(text)
        self.register.refresh()
