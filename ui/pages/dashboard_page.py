"""The dashboard (首页): the registers in numbers, and what needs the clerk's attention.

Every number that stands for records is a link: a count opens its register filtered to
those records (``filter_requested``), an attention item opens exactly the records behind
it (``navigate``).

In city and province mode a unit selector (全市 / one unit) scopes every number, the whole
city's page lists each unit's numbers (double-click a unit to scope the page to it), and a
second tab holds the city dashboard (:mod:`ui.city_dashboard`). A count clicked while the
page is scoped opens its register filtered to that unit too (:class:`desktop.browse.UnitScoped`).

The numbers are whole-file aggregates: 5 s on a city of 22 large counties (3.2 million
records). On a large file (:func:`ui.background.is_large`) they are computed on a thread of
their own, on a connection of their own, while the page says so: the window is drawn at once
and the clerk can work meanwhile. A smaller file is counted at once (well under a second).
"""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.browse import UnitScoped
from desktop.city.dashboard import UnitLine, unit_breakdown
from desktop.city.unit_labels import unit_labels
from desktop.dashboard import Count, Coverage, Dashboard, compute_dashboard
from desktop.ledger import Ledger
from desktop.registers import REGISTRY
from ui.background import is_large, read_in_background
from ui.cases_dashboard import case_box
from ui.editors.i18n import language
from ui.i18n import gap
from ui.pinyin_filter import searchable_combo

__all__ = ["DashboardPage"]

log = logging.getLogger(__name__)


def _l(item: Any) -> str:
    """The Chinese or English label of a count, stage, choice or attention item."""
    return str(item.en if language() == "en" else item.zh)


def _percent(c: Coverage) -> str:
    return "—" if c.ratio is None else f"{c.ratio:.0%}"


class DashboardPage(QWidget):
    """Counts per tier, category, stage, type and status; coverage; attention items."""

    navigate = Signal(str, object, str)
    filter_requested = Signal(str, str, object)
    """kind, field key, value: open the register with this column filter."""

    scroll: QScrollArea  # type: ignore[assignment]  # shadows QWidget.scroll(dx, dy), which nothing calls

    def __init__(self, ledger: Ledger, parent: QWidget | None = None):
        super().__init__(parent)
        self.ledger = ledger
        self.dashboard: Dashboard | None = None
        self.breakdown: list[UnitLine] | None = None
        """City and province mode, the whole city's page: each unit's numbers."""
        self.by_unit = ledger.mode != "county"
        self.office_scope: str | None = None
        """City and province mode: the unit the page counts (None: all of them)."""
        self.city_view: QWidget | None = None
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        self.scroll = QScrollArea(self)
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        if self.by_unit:
            outer.addLayout(self._scope_bar())
            self.tabs = QTabWidget(self)
            self.tabs.setObjectName("home_tabs")
            self.tabs.addTab(self.scroll, self.tr("概况"))
            self.city_holder = QWidget()
            QVBoxLayout(self.city_holder).setContentsMargins(0, 0, 0, 0)
            province = ledger.mode == "province"
            self.tabs.addTab(self.city_holder, self.tr("全省看板") if province else self.tr("全市看板"))
            self.tabs.currentChanged.connect(self._tab_changed)
            outer.addWidget(self.tabs)
        else:
            outer.addWidget(self.scroll)
        self.attention_labels: dict[str, QLabel] = {}
        self._generation = 0
        self.refresh()

    # ---- city and province mode: the unit selector and the city dashboard ----------

    def _scope_bar(self) -> QHBoxLayout:
        bar = QHBoxLayout()
        bar.setContentsMargins(6, 6, 6, 0)
        bar.addWidget(QLabel(self.tr("单位："), self))
        self.scope = QComboBox(self)
        self.scope.setObjectName("unit_scope")
        whole = self.tr("全省（全部单位）") if self.ledger.mode == "province" else self.tr("全市（全部单位）")
        self.scope.addItem(whole, None)
        labels = unit_labels(self.ledger)
        for code in labels.order:
            self.scope.addItem(labels.label(code), code)
        searchable_combo(self.scope)  # a unit found by name or pinyin (ui.pinyin_filter)
        self.scope.currentIndexChanged.connect(lambda _i: self.set_scope(self.scope.currentData()))
        bar.addWidget(self.scope)
        bar.addStretch(1)
        return bar

    def set_scope(self, office_code: str | None) -> None:
        """Count only one unit's records (None: every unit's)."""
        if office_code == self.office_scope:
            return
        self.office_scope = office_code
        index = self.scope.findData(office_code) if office_code is not None else 0
        if index >= 0 and index != self.scope.currentIndex():
            self.scope.blockSignals(True)
            self.scope.setCurrentIndex(index)
            self.scope.blockSignals(False)
        self.refresh()

    def _tab_changed(self, index: int) -> None:
        if index == 1:
            self.city_dashboard().refresh()

    def city_dashboard(self) -> Any:
        """The city dashboard tab's view, built the first time it is shown."""
        if self.city_view is None:
            from ui.city_dashboard import CityDashboardView

            self.city_view = CityDashboardView(self.ledger, self.city_holder)
            layout = self.city_holder.layout()
            assert layout is not None
            layout.addWidget(self.city_view)
        return self.city_view

    def _value(self, code: str) -> object:
        """What a count's link asks the register page to filter: in city mode with the unit."""
        if not self.by_unit:
            return code
        return UnitScoped(code, (self.office_scope,) if self.office_scope else ())

    def in_background(self) -> bool:
        """Whether the numbers are computed off the GUI thread (a large file)."""
        return is_large(self.ledger)

    def refresh(self) -> None:
        """Recompute from the database and redraw (in the background on a large file: the
        page says so meanwhile, and the last refresh asked for is the one shown)."""
        self._generation += 1
        if self.city_view is not None and self.tabs.currentIndex() == 1:
            self.city_dashboard().refresh()
        scope, whole_city = self.office_scope, self.by_unit and self.office_scope is None
        if not self.in_background() or self.ledger.path is None:
            self.breakdown = unit_breakdown(self.ledger) if whole_city else None
            self._show(compute_dashboard(self.ledger, office_code=scope))
            return
        if self.dashboard is None:
            waiting = QLabel(self.tr("正在统计首页数据（数据库较大，统计在后台进行，可先使用其他页面）……"))
            waiting.setObjectName("dashboard_waiting")
            waiting.setAlignment(Qt.AlignmentFlag.AlignCenter)
            waiting.setWordWrap(True)
            self.scroll.setWidget(waiting)
        today, generation = self.ledger.today(), self._generation
        if not self.by_unit:
            read_in_background(self, self.ledger.path, lambda worker: compute_dashboard(worker, today=today),
                               lambda result: self._computed(generation, result), name="dashboard")
            return

        def both(worker: Ledger) -> tuple[Dashboard, list[UnitLine] | None]:
            return (compute_dashboard(worker, today=today, office_code=scope),
                    unit_breakdown(worker, today) if whole_city else None)

        read_in_background(self, self.ledger.path, both,
                           lambda result: self._computed(generation, result), name="dashboard")

    def _computed(self, generation: int, result: object) -> None:
        if generation != self._generation:
            return  # a later refresh is on its way
        if isinstance(result, tuple) and isinstance(result[0], Dashboard):
            self.breakdown = result[1]
            result = result[0]
        if isinstance(result, Dashboard):
            self._show(result)
            return
        failed = QLabel(self.tr("首页数据统计失败：{0}").format(result))
        failed.setObjectName("dashboard_failed")
        failed.setWordWrap(True)
        self.scroll.setWidget(failed)

    def _show(self, d: Dashboard) -> None:
        self.dashboard = d
        body = QWidget()
        grid = QGridLayout(body)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        office = self.ledger.office
        name = office.name
        if self.by_unit and self.office_scope is not None:
            name = f"{office.name} · {self.scope.itemText(self.scope.currentIndex())}"
        title = QLabel(self.tr("<h2>{0}</h2><p>截至 {1}</p>").format(name, d.as_of.isoformat()), body)
        title.setObjectName("dashboard_title")
        grid.addWidget(title, 0, 0, 1, 2)
        grid.addWidget(self._attention_box(d, body), 1, 0, 1, 2)
        grid.addWidget(self._counts_box(self.tr("普查资源：培育层级"), "resource", "tier", d.tiers, body), 2, 0)
        grid.addWidget(self._counts_box(self.tr("普查资源：产品类别"), "resource", "category",
                                        d.categories, body), 2, 1)
        grid.addWidget(self._stages_box(d, body), 3, 0)
        grid.addWidget(self._counts_box(self.tr("已保护地理标志"), "gi", "gi_type", d.gi_types, body), 3, 1)
        grid.addWidget(self._users_box(d, body), 4, 0, 1, 2)
        if self.by_unit and self.office_scope is None and self.breakdown is not None:
            grid.addWidget(self._breakdown_box(self.breakdown, body), 5, 0, 1, 2)
        if d.cases is not None:  # 行政保护案件 (ui.cases_dashboard)
            grid.addWidget(case_box(d.cases, body, lambda code: self.filter_requested.emit(
                "case", "act", self._value(code))), 6, 0, 1, 2)
        grid.setRowStretch(7, 1)
        self.scroll.setWidget(body)

    # ---- boxes --------------------------------------------------------------------

    def _link_label(self, parent: QWidget, html: str) -> QLabel:
        label = QLabel(html, parent)
        label.setTextFormat(Qt.TextFormat.RichText)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.LinksAccessibleByMouse
                                      | Qt.TextInteractionFlag.LinksAccessibleByKeyboard)
        label.setWordWrap(True)
        return label

    def _counts_box(self, title: str, kind: str, key: str, counts: list[Count],
                    parent: QWidget) -> QGroupBox:
        box = QGroupBox(title, parent)
        layout = QVBoxLayout(box)
        total = sum(c.n for c in counts)
        rows = [self.tr("合计 <b>{0}</b>").format(total)]
        for c in counts:
            rows.append(f"<a href='{c.code}'>{_l(c)}</a> <b>{c.n}</b>" if c.n else f"{_l(c)} 0")
        label = self._link_label(box, gap().join(rows))
        label.setObjectName(f"counts_{kind}_{key}")
        label.linkActivated.connect(lambda code: self.filter_requested.emit(kind, key, self._value(code)))
        layout.addWidget(label)
        return box

    def _stages_box(self, d: Dashboard, parent: QWidget) -> QGroupBox:
        box = QGroupBox(self.tr("培育名录：各阶段"), parent)
        layout = QVBoxLayout(box)
        lines: dict[str, list[str]] = {}
        for s in d.stages:
            if s.n:
                lines.setdefault(s.route, []).append(f"<a href='{s.stage_code}'>{_l(s)}</a> <b>{s.n}</b>")
        if not lines:
            layout.addWidget(QLabel(self.tr("暂无培育对象"), box))
        route_field = REGISTRY["candidate"].field("route")
        for route, parts in lines.items():
            label = self._link_label(box, _l(route_field.choice(route)) + self.tr("：") + gap().join(parts))
            label.linkActivated.connect(
                lambda code: self.filter_requested.emit("candidate", "stage", self._value(code)))
            layout.addWidget(label)
        return box

    def _users_box(self, d: Dashboard, parent: QWidget) -> QGroupBox:
        box = QGroupBox(self.tr("专用标志使用"), parent)
        layout = QVBoxLayout(box)
        parts = [f"<a href='{c.code}'>{_l(c)}</a> <b>{c.n}</b>" if c.n else f"{_l(c)} 0"
                 for c in d.user_statuses]
        label = self._link_label(box, self.tr("用标主体：") + gap().join(parts))
        label.setObjectName("counts_mark-user_status")
        label.linkActivated.connect(
            lambda code: self.filter_requested.emit("mark-user", "status", self._value(code)))
        layout.addWidget(label)
        cp, cu = d.coverage_products, d.coverage_users
        coverage = QLabel(self.tr(
            "用标覆盖率（地理标志）：<b>{0}</b>（{1}/{2} 个地理标志有已核准用标主体）<br>"
            "用标覆盖率（用标主体）：<b>{3}</b>（{4}/{5} 户上年度实际使用专用标志）").format(
                _percent(cp), cp.numerator, cp.denominator, _percent(cu), cu.numerator, cu.denominator),
            box)
        coverage.setObjectName("coverage")
        layout.addWidget(coverage)
        return box

    def _attention_box(self, d: Dashboard, parent: QWidget) -> QGroupBox:
        box = QGroupBox(self.tr("需要关注"), parent)
        layout = QVBoxLayout(box)
        self.attention_labels.clear()
        for item in d.attention:
            if item.ids:
                html = (f"<a href='{item.key}' style='color:#b00020'>{_l(item)}</a> "
                        f"<b>{len(item.ids)}</b> " + self.tr("条"))
            else:
                html = _l(item) + self.tr("：") + self.tr("无")
            label = self._link_label(box, html)
            label.setObjectName(f"attention_{item.key}")
            label.linkActivated.connect(lambda _k, it=item: self.navigate.emit(it.kind, it.ids, _l(it)))
            self.attention_labels[item.key] = label
            layout.addWidget(label)
            if item.key == "annual_overdue" and item.ids and self.ledger.mode == "county":
                from ui.annual.proposal import proposal_link

                layout.addWidget(proposal_link(box, self.ledger, item.ids, self.refresh))
        return box

    def _breakdown_box(self, lines: list[UnitLine], parent: QWidget) -> QGroupBox:
        """Each unit's numbers (double-click a unit: the page counts that unit only)."""
        box = QGroupBox(self.tr("各单位（双击单位查看其首页）"), parent)
        layout = QVBoxLayout(box)
        headers = [self.tr("单位"), self.tr("普查资源"), self.tr("培育对象"), self.tr("已保护地理标志"),
                   self.tr("已核准用标主体"), self.tr("用标覆盖率"), self.tr("未报上年度年报")]
        table = QTableWidget(len(lines), len(headers), box)
        table.setObjectName("unit_breakdown")
        table.setHorizontalHeaderLabels(headers)
        for n in range(len(headers)):  # a title cut short on a narrow screen reads whole here
            header = table.horizontalHeaderItem(n)
            if header is not None:
                header.setToolTip(header.text())
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.verticalHeader().hide()
        table.verticalHeader().setDefaultSectionSize(22)
        table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        table.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        for row, line in enumerate(lines):
            cells = [line.name, line.resources, line.candidates, line.gis, line.users_approved,
                     _percent(line.coverage_users), line.users_without_report]
            for col, value in enumerate(cells):
                item = QTableWidgetItem(str(value))
                item.setData(Qt.ItemDataRole.UserRole, line.code)
                if col:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                table.setItem(row, col, item)
        table.cellDoubleClicked.connect(lambda r, _c: self._scope_to_row(table, r))
        table.setFixedHeight(table.horizontalHeader().sizeHint().height() + 4
                             + sum(table.rowHeight(r) for r in range(len(lines))))
        layout.addWidget(table)
        return box

    def _scope_to_row(self, table: QTableWidget, row: int) -> None:
        item = table.item(row, 0)
        if item is not None:
            self.set_scope(item.data(Qt.ItemDataRole.UserRole))
