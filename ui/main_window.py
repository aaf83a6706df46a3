"""The main window: navigation on the left, one page per register on the right."""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QByteArray, QSettings, Qt, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QDragEnterEvent, QDropEvent, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMenuBar,
    QMessageBox,
    QSplitter,
    QStackedWidget,
    QStatusBar,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from db import meta
from desktop.integrity import IntegrityReport, maintenance_due
from desktop.ledger import Ledger
from desktop.messages import pick
from desktop.practice import TRAINING_SETTING
from desktop.registers import REGISTRY
from ui.editors.i18n import kind_label
from ui.integrity_check import BackgroundCheck, add_banner
from ui.operations import running_jobs, stop_all
from ui.pages.register_page import RegisterPage
from ui.settings import app_settings
from ui.undo import LedgerUndo

__all__ = ["MainWindow", "NAVIGATION"]

log = logging.getLogger(__name__)

NAVIGATION: tuple[tuple[str, str, str], ...] = (
    ("home", "首页", "Home"),
    ("resource", "资源普查", "Resource survey"),
    ("candidate", "培育名录", "Cultivation list"),
    ("gi", "已保护地理标志", "Protected GIs"),
    ("mark-user", "用标主体", "Mark users"),
    ("annual-report", "年报", "Annual reports"),
    ("inspection", "检查记录", "Inspections"),
    ("abnormal", "异常名录", "Abnormal list"),
    ("case", "行政保护案件", "Enforcement cases"),
    ("tasks", "工作任务", "Work tasks"),
    ("stats", "统计表", "Statistics"),
    ("completeness", "报送情况", "Reporting"),
    ("targets", "工作目标", "Targets"),
    ("packets", "数据包", "Packets"),
    ("settings", "设置", "Settings"),
)
"""Navigation entries: key, Chinese and English label."""

CITY_ONLY: frozenset[str] = frozenset({"completeness", "targets"})
"""Navigation entries a county does not see (hidden in its list)."""

TABS: dict[str, tuple[str, ...]] = {
    "candidate": ("candidate", "pipeline", "stage-event"),
    "inspection": ("inspection", "plan", "inspector"),
    "annual-report": ("annual-report", "annual-status"),
}
"""Navigation entries that hold more than one view, as tabs (the inspectors' roster beside the
plans that draw from it)."""


class MainWindow(QMainWindow):
    """The window over one open ledger.

    ``settings`` is the QSettings store (tests pass a temporary one); ``lang`` is ``zh`` or
    ``en``.
    """

    def __init__(self, ledger: Ledger, settings: QSettings | None = None, lang: str = "zh",
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.ledger = ledger
        self.settings = settings if settings is not None else app_settings()
        self.lang = lang
        self.undo = LedgerUndo(ledger, self)
        self.undo.changed.connect(self._after_change)
        self.undo.failed.connect(lambda text: QMessageBox.warning(self, self.tr("撤销/重做"), text))
        self.pages: dict[str, QWidget] = {}
        self.register_pages: dict[str, RegisterPage] = {}
        self.tabs: dict[str, QTabWidget] = {}
        self._stale: set[str] = set()
        self.pipeline: Any = None
        self.background_check: BackgroundCheck | None = None
        self._closing = False
        self.integrity_report: IntegrityReport | None = None
        """The last background check's report when it found a problem (shown in a banner)."""
        self.setAcceptDrops(True)
        self._build()
        self._restore_layout()

    # ---- building -----------------------------------------------------------------

    def _build(self) -> None:
        office = self.ledger.office
        self.setWindowTitle(self.tr("地标台账 — {0}（{1}）").format(office.name, office.code))
        self.resize(1280, 800)
        central = QWidget(self)
        outer = QVBoxLayout(central)
        outer.setContentsMargins(0, 0, 0, 0)
        demo = meta.get_setting(self.ledger.db, "demo")
        training = meta.get_setting(self.ledger.db, TRAINING_SETTING)
        if demo or training:
            # the setting holds the demo's size (small, large): shown in the window's language
            size = {"small": self.tr("小型"), "large": self.tr("大型")}.get(str(demo), str(demo))
            banner = QLabel(self.tr("演示数据（{0}）：不是真实台账，请勿用于报送。").format(size) if demo
                            else self.tr("培训数据库：不是真实台账，请勿用于报送。"), central)
            banner.setObjectName("demo_banner" if demo else "training_banner")
            banner.setStyleSheet("background:#fff3c4;color:#6b4e00;padding:4px 8px;")
            outer.addWidget(banner)
        if self.integrity_report is not None:
            add_banner(central, self.integrity_report, self.lang)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, central)
        self.nav = QListWidget(self.splitter)
        self.nav.setObjectName("navigation")
        self.nav.setMinimumWidth(130)
        self.nav.setMaximumWidth(220)
        self.nav.setStyleSheet(
            "QListWidget#navigation { font-size: 11pt; border: none; background: palette(base); }"
            "QListWidget#navigation::item { padding: 7px 12px; }"
            "QListWidget#navigation::item:selected { background: #1f5fa8; color: white; }")
        for key, zh, en in NAVIGATION:
            item = QListWidgetItem(zh if self.lang == "zh" else en)
            item.setData(Qt.ItemDataRole.UserRole, key)
            self.nav.addItem(item)
            item.setHidden(key in CITY_ONLY and office.level == "county")
        self.stack = QStackedWidget(self.splitter)
        for key, _zh, _en in NAVIGATION:
            holder = QWidget(self.stack)
            holder.setObjectName(f"page_{key}")
            QHBoxLayout(holder).setContentsMargins(0, 0, 0, 0)
            self.stack.addWidget(holder)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([160, 1100])
        outer.addWidget(self.splitter, 1)
        self.setCentralWidget(central)
        self.nav.currentRowChanged.connect(self._show_page)
        self._build_menus()
        mode = {"county": self.tr("县级模式"), "city": self.tr("市级模式"),
                "province": self.tr("省级模式")}.get(office.level, office.level)
        self.office_label = QLabel(self.tr("{0} {1} · {2} · 经办人 {3}").format(
            office.code, office.name, mode, self.ledger.actor.clerk))
        self.statusBar().addPermanentWidget(self.office_label)

    # ---- the full integrity check, in the background (ui.integrity_check) ---------------

    def start_background_check(self, delay_ms: int = 1500, *, force: bool = False) -> None:
        """Run the full integrity check (and the daily backup after it) in the background once
        the window is drawn, if the schedule says it is due (:func:`desktop.integrity.maintenance_due`)
        or ``force``. A problem found is shown in a banner at the top of the window."""
        path = self.ledger.path
        if path is None or self.background_check is not None:
            return
        if not force and not maintenance_due(self.ledger.db, path):
            return
        check = self.background_check = BackgroundCheck(path, self)
        check.finished.connect(self._integrity_checked)
        QTimer.singleShot(delay_ms, self, lambda: None if self._closing else check.start())

    def _integrity_checked(self, report: IntegrityReport) -> None:
        if report.ok:
            self.statusBar().showMessage(pick(report.message(), self.lang), 5000)
            return
        self.integrity_report = report
        add_banner(self.centralWidget(), report, self.lang)

    def stop_background_check(self) -> None:
        """Stop the background check (closing the window: nothing was written)."""
        self._closing = True
        if self.background_check is not None and not self.background_check.stop():
            log.warning("the background integrity check did not stop in time")

    def _build_menus(self) -> None:
        bar = self.menuBar()
        bar.clear()
        file_menu = bar.addMenu(self.tr("文件(&F)"))
        self.action_new = self._action(file_menu, self.tr("新增记录"), QKeySequence.StandardKey.New,
                                       lambda: self._on_register("new_record"))
        self.action_refresh = self._action(file_menu, self.tr("刷新"), QKeySequence.StandardKey.Refresh,
                                           self.refresh_current)
        self.action_refresh.setShortcuts([QKeySequence(Qt.Key.Key_F5)])
        file_menu.addSeparator()
        self.action_quit = self._action(file_menu, self.tr("退出"), QKeySequence.StandardKey.Quit, self.close)
        if QKeySequence(Qt.Modifier.CTRL | Qt.Key.Key_Q) not in self.action_quit.shortcuts():  # Windows has none
            self.action_quit.setShortcuts([QKeySequence(Qt.Modifier.CTRL | Qt.Key.Key_Q),
                                           *self.action_quit.shortcuts()])
        edit_menu = bar.addMenu(self.tr("编辑(&E)"))
        self.action_undo = self.undo.stack.createUndoAction(self, self.tr("撤销"))
        self.action_undo.setShortcuts([QKeySequence(Qt.Modifier.CTRL | Qt.Key.Key_Z)])
        self.action_redo = self.undo.stack.createRedoAction(self, self.tr("重做"))
        self.action_redo.setShortcuts([QKeySequence(Qt.Modifier.CTRL | Qt.Modifier.SHIFT | Qt.Key.Key_Z),
                                       QKeySequence(Qt.Modifier.CTRL | Qt.Key.Key_Y)])
        edit_menu.addAction(self.action_undo)
        edit_menu.addAction(self.action_redo)
        edit_menu.addSeparator()
        self.action_find = self._action(edit_menu, self.tr("查找"), QKeySequence.StandardKey.Find,
                                        lambda: self._on_register("focus_search"))
        self.action_delete = self._action(edit_menu, self.tr("删除所选记录"), None,
                                          lambda: self._on_register("delete_selected"))
        self.action_delete.setShortcuts([QKeySequence(Qt.Key.Key_Delete)])
        help_menu = bar.addMenu(self.tr("帮助(&H)"))
        self._action(help_menu, self.tr("关于地标台账"), None, self._about)
        self._add_paper_actions(file_menu)
        from ui.find_box import install_find_box

        install_find_box(self, edit_menu)  # Ctrl+K: find in every register (ui.find_box)

    def _add_paper_actions(self, menu: Any) -> None:
        """录入纸质表 (in the file menu above 退出, on a tool bar, Ctrl+L) and 打印 (Ctrl+P):
        ui.printing.paper."""
        from ui.printing.paper import install_actions

        install_actions(self, menu)

    def _action(self, menu: Any, text: str, key: QKeySequence.StandardKey | None,
                slot: Callable[[], Any]) -> QAction:
        action = QAction(text, self)
        if key is not None:
            action.setShortcuts(QKeySequence.keyBindings(key))
        action.triggered.connect(slot)
        menu.addAction(action)
        self.addAction(action)
        return action

    # ---- pages ----------------------------------------------------------------------

    def page(self, key: str) -> QWidget:
        """The page of a navigation entry, built the first time it is needed."""
        if key in self.pages:
            return self.pages[key]
        index = [k for k, _z, _e in NAVIGATION].index(key)
        holder = self.stack.widget(index)
        assert holder is not None, key  # the stack holds one placeholder per navigation entry
        widget = self._make_page(key, holder)
        holder_layout = holder.layout()
        assert holder_layout is not None, key
        holder_layout.addWidget(widget)
        self.pages[key] = widget
        return widget

    def _make_page(self, key: str, parent: QWidget) -> QWidget:
        if key == "home":
            from ui.pages.dashboard_page import DashboardPage

            dashboard = DashboardPage(self.ledger, parent)
            dashboard.navigate.connect(self.navigate)
            dashboard.filter_requested.connect(self.navigate_filter)
            return dashboard
        if key == "packets":
            from ui.pages.packets_page import PacketsPage

            packets = PacketsPage(self.ledger, parent)
            packets.data_changed.connect(self._after_change)  # merged records show at once
            return packets
        if key == "tasks":
            from ui.pages.tasks_page import TasksPage

            return TasksPage(self.ledger, self.undo, parent)
        if key == "settings":
            from ui.pages.settings_page import SettingsPage

            settings = SettingsPage(self.ledger, self.settings, self.lang, parent)
            settings.language_changed.connect(self.set_language)
            return settings
        if key in TABS:
            tabs = QTabWidget(parent)
            tabs.setObjectName(f"tabs_{key}")
            for sub in TABS[key]:
                if sub == "pipeline":
                    from ui.pages.pipeline_page import PipelineView

                    view = PipelineView(self.ledger, tabs)
                    view.open_record.connect(lambda rid: self.open_record("candidate", rid))
                    self.pipeline = view
                    tabs.addTab(view, self.tr("流程视图"))
                elif sub == "annual-status":
                    from ui.annual.status_page import AnnualStatusPage

                    status_page = AnnualStatusPage(self.ledger, tabs)
                    status_page.data_changed.connect(self._after_change)
                    tabs.addTab(status_page, self.tr("报送情况"))
                else:
                    tabs.addTab(self._register(sub, tabs), kind_label(REGISTRY[sub]))
            tabs.currentChanged.connect(lambda _i, k=key: self._tab_changed(k))
            self.tabs[key] = tabs
            return tabs
        if key == "completeness":
            from ui.pages.completeness_page import CompletenessPage

            return CompletenessPage(self.ledger, parent)
        if key == "targets":
            from ui.pages.targets_page import TargetsPage

            county = self.ledger.mode == "county"
            return TargetsPage(self.ledger, None if county else self._register("target", parent), parent)
        if key == "stats":
            from ui.pages.stats_page import StatsPage

            stats_page = StatsPage(self.ledger, self._register("stats", parent), parent)
            stats_page.open_record.connect(self.open_record)  # a record behind a city-table cell
            return stats_page
        if key == "case":  # 典型案例… beside the page's actions (ui.pages.cases_page)
            from ui.pages.cases_page import attach_typical_cases

            return attach_typical_cases(self._register(key, parent))
        return self._register(key, parent)

    def _register(self, kind: str, parent: QWidget) -> RegisterPage:
        page = RegisterPage(self.ledger, kind, self.undo, self.settings, parent)
        page.model.set_language(self.lang)
        page.navigate.connect(self.navigate)
        page.status.connect(lambda text, p=page: self._page_status(p, text))
        self.register_pages[kind] = page
        from ui.reviews import attach_reviews

        attach_reviews(page)  # the review marker, line and actions (ui.reviews)
        from ui.supervision import attach_supervision

        attach_supervision(page)  # abnormal list, rectification, 立案登记 (ui.supervision)
        return page

    def _show_page(self, row: int) -> None:
        if row < 0:
            return
        key = NAVIGATION[row][0]
        self.page(key)
        self.stack.setCurrentIndex(row)
        self._refresh_if_stale(key)
        current = self.current_register()
        if current is not None:
            current.model.reloaded.emit(current.model.rowCount())
        else:
            self.statusBar().clearMessage()

    def _tab_changed(self, key: str) -> None:
        self._refresh_if_stale(key)
        current = self.current_register()
        if current is not None:
            current.model.reloaded.emit(current.model.rowCount())

    def _page_status(self, page: RegisterPage, text: str) -> None:
        if page is self.current_register():
            self.statusBar().showMessage(text)

    def current_register(self) -> RegisterPage | None:
        """The register page in front, if the current page is one."""
        row = self.nav.currentRow()
        if row < 0:
            return None
        key = NAVIGATION[row][0]
        widget = self.pages.get(key)
        if isinstance(widget, QTabWidget):
            widget = widget.currentWidget()
        elif key == "stats" and widget is not None:
            widget = self.register_pages.get("stats")
        elif key == "targets" and widget is not None:
            widget = widget.current_register()  # type: ignore[attr-defined]  # the targets page
        return widget if isinstance(widget, RegisterPage) else None

    def show_page(self, key: str) -> QWidget:
        """Bring a navigation entry to the front."""
        self.nav.setCurrentRow([k for k, _z, _e in NAVIGATION].index(key))
        return self.page(key)

    def register_page(self, kind: str) -> RegisterPage:
        """The page of a register kind, brought to the front (its tab too)."""
        for key, subs in TABS.items():
            if kind in subs:
                self.show_page(key)
                tabs = self.tabs[key]
                tabs.setCurrentIndex(subs.index(kind))
                return self.register_pages[kind]
        self.show_page(kind)
        return self.register_pages[kind]

    def navigate(self, kind: str, ids: object, label: str) -> None:
        """Show the records ``ids`` of ``kind`` (from the dashboard or 相关记录)."""
        page = self.register_page(kind)
        page.show_ids(tuple(ids) if ids is not None else None, label)  # type: ignore[arg-type]  # a signal hands ids over as object

    def navigate_filter(self, kind: str, key: str, value: object) -> None:
        """Show ``kind`` with only the column filter ``key = value`` (from a dashboard count)."""
        page = self.register_page(kind)
        page.show_ids(None)
        for other in list(page.model.state.filters):
            if other != key:
                page.set_filter(other, [])
        page.set_filter(key, [value])

    def open_record(self, kind: str, record_id: str) -> None:
        page = self.register_page(kind)
        if not page.select_id(record_id):
            page.show_ids(None)
            page.select_id(record_id)
        page.edit_current()

    def _on_register(self, method: str) -> None:
        page = self.current_register()
        if page is not None:
            getattr(page, method)()

    # ---- refreshing ---------------------------------------------------------------------

    def _after_change(self) -> None:
        """A change (or undo/redo) happened: refresh what is in front, mark the rest stale."""
        self._stale = {k for k in self.pages}
        row = self.nav.currentRow()
        if row >= 0:
            self._refresh_if_stale(NAVIGATION[row][0])

    def _refresh_if_stale(self, key: str) -> None:
        if key not in self._stale or key not in self.pages:
            return
        self._stale.discard(key)
        widget = self.pages[key]
        if hasattr(widget, "refresh"):
            widget.refresh()
        if key in TABS:
            for sub in TABS[key]:
                if sub in self.register_pages:
                    self.register_pages[sub].refresh()
            if key == "candidate" and self.pipeline is not None:
                self.pipeline.refresh()

    def refresh_current(self) -> None:
        row = self.nav.currentRow()
        if row >= 0:
            key = NAVIGATION[row][0]
            self._stale.add(key)
            self._refresh_if_stale(key)

    # ---- language, layout, drops ---------------------------------------------------------

    def set_language(self, lang: str) -> bool:
        """Switch the UI language now; False (and the language stays) while a job runs or a
        dialog (the import list) is open.

        The window's contents (menus and their shortcuts, navigation, pages, status bar, demo
        banner) are built again under the new translation, as at a start in that language, so
        every string is fresh and no action is left twice; the current page, the layout and the
        undo history stay.
        """
        from ui import i18n
        from ui.settings import set_language as remember_language

        dialogs = [d for d in self.findChildren(QDialog) if d.isVisible()]
        if running_jobs() or dialogs:
            QMessageBox.information(self, self.tr("切换语言"), self.tr(
                "请先关闭“{0}”窗口，再切换语言。").format(dialogs[0].windowTitle()) if dialogs
                else self.tr("还有工作正在进行，请等它完成后再切换语言。"))
            settings_page = self.pages.get("settings")
            if settings_page is not None:
                settings_page.show_language(self.lang)  # type: ignore[attr-defined]  # the settings page
            return False
        remember_language(self.settings, lang)
        self.save_layout()
        self.lang = lang
        i18n.install(lang)
        self._clear()
        self._build()
        self._restore_layout()
        return True

    def _clear(self) -> None:
        """Take down what :meth:`_build` made: actions (with their shortcuts), menus, the
        central widget with every page, the status bar."""
        for action in self.actions():
            self.removeAction(action)
        for action in self.findChildren(QAction, options=Qt.FindChildOption.FindDirectChildrenOnly):
            action.setShortcuts([])
            action.setEnabled(False)
            action.deleteLater()
        self.setMenuBar(QMenuBar(self))  # the old bar, its menus and the central widget go
        self.setStatusBar(QStatusBar(self))  # with deleteLater: safe inside their own signals
        self.pages.clear()
        self.register_pages.clear()
        self.tabs.clear()
        self.pipeline = None
        self._stale.clear()

    def _save_page_states(self) -> None:
        for page in self.register_pages.values():
            page.save_state()

    def _restore_layout(self) -> None:
        geometry = self.settings.value("window/geometry")
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)
        splitter = self.settings.value("window/splitter")
        if isinstance(splitter, QByteArray):
            self.splitter.restoreState(splitter)
        last = str(self.settings.value("window/page", "home"))
        keys = [k for k, _z, _e in NAVIGATION]
        self.nav.setCurrentRow(keys.index(last) if last in keys else 0)

    def save_layout(self) -> None:
        """Remember window geometry, splitter, current page and column layouts."""
        self.settings.setValue("window/geometry", self.saveGeometry())
        self.settings.setValue("window/splitter", self.splitter.saveState())
        row = self.nav.currentRow()
        if row >= 0:
            self.settings.setValue("window/page", NAVIGATION[row][0])
        self._save_page_states()
        self.settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        jobs = running_jobs()
        if jobs:
            answer = QMessageBox.question(
                self, self.tr("正在处理"),
                self.tr("还有 {0} 项工作正在进行（如导出、导入、检查）。取消这些工作并退出吗？"
                        "已取消的工作不会改动数据。").format(len(jobs)),
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                QMessageBox.StandardButton.No)
            if answer != QMessageBox.StandardButton.Yes:
                event.ignore()
                return
            if not stop_all():
                QMessageBox.warning(self, self.tr("正在处理"),
                                    self.tr("工作未能及时停止，请稍后再退出。"))
                event.ignore()
                return
        self.save_layout()
        self.stop_background_check()
        super().closeEvent(event)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if self._packet_paths(event.mimeData()):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = self._packet_paths(event.mimeData())
        if not paths:
            event.ignore()
            return
        event.acceptProposedAction()
        self.open_packets(paths)

    @staticmethod
    def _packet_paths(mime: Any) -> list[Path]:
        if not mime.hasUrls():
            return []
        return [Path(u.toLocalFile()) for u in mime.urls()
                if u.isLocalFile() and u.toLocalFile().lower().endswith(".xlsx")]

    def open_packets(self, paths: list[Path]) -> None:
        """Hand packet files to the 数据包 page (dropped on the window, or opened)."""
        page = self.show_page("packets")
        page.receive_files(paths)  # type: ignore[attr-defined]  # the packets page

    def _about(self) -> None:
        from desktop import __version__

        QMessageBox.about(self, self.tr("关于地标台账"), self.tr(
            "<h3>地标台账 GI Ledger {0}</h3><p>地理标志工作台账：资源普查、培育名录、专用标志使用与统计。</p>"
            "<p>数据库：{1}</p>").format(__version__, self.ledger.path))
