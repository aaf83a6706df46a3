"""A register page: search box, column filters, the table, and the actions on records."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QByteArray, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QCheckBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QMessageBox,
    QPushButton,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from db.records import RecordNotFound, StaleRevision
from desktop.browse import UNIT_KEY, Browser, UnitScoped, describe_filters
from desktop.fields import ValidationFailed
from desktop.ledger import Ledger, NotOwner, StillReferenced
from desktop.record import Record
from desktop.registers import get_kind
from desktop.undo import AddRecord, AdvanceStage, DeleteRecord, EditRecord, RestoreRecord
from ui import i18n
from ui.editors.i18n import capitalised, field_label, kind_label, language
from ui.editors.widgets import record_caption
from ui.flow_layout import FlowLayout, elided
from ui.i18n import gap
from ui.models.register_model import ID_ROLE, RegisterModel
from ui.pinyin_filter import filter_menu
from ui.tables import export_action
from ui.tables.import_button import add_import_button
from ui.undo import LedgerUndo

__all__ = ["RegisterPage", "RELATED"]

log = logging.getLogger(__name__)

RELATED: dict[str, list[tuple[str, str]]] = {
    # kind → (related kind, the field of the related kind that points here)
    "resource": [("candidate", "resource_id"), ("gi", "resource_id")],
    "candidate": [("stage-event", "candidate_id"), ("gi", "candidate_id")],
    "gi": [("mark-user", "gi_id")],
    "mark-user": [("annual-report", "mark_user_id"), ("inspection", "mark_user_id"),
                  ("abnormal", "mark_user_id")],
    "plan": [("inspection", "plan_id")],
}
"""Where "相关记录" leads from each register."""

SEARCH_DELAY_MS = 40
"""A short pause while typing, so a fast typist's keystrokes make one query, not five."""

SEARCH_MIN_CHARS = 28
"""The search box is never narrower than this many average characters."""
FILTER_LABEL_CHARS = 18
"""A filter button's column name is cut with "…" past this many average characters."""
HEADER_MAX_WIDTH = 360
"""A column is made wide enough for its title (and the sort arrow) up to this many pixels;
a longer title is cut with "…" (the tooltip has it whole)."""


class RegisterPage(QWidget):
    """One register: the table view of its records and the actions on them.

    Emits ``navigate(kind, ids, label)`` to show related records on another page and
    ``status(text)`` with the row count and active filters.
    """

    navigate = Signal(str, object, str)
    status = Signal(str)

    def __init__(self, ledger: Ledger, kind: str, undo: LedgerUndo, settings: QSettings,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.ledger = ledger
        self.undo = undo
        self.settings = settings
        self.browser = Browser(ledger, kind)
        self.kind = self.browser.kind
        self.model = RegisterModel(self.browser, lang=language(), parent=self)
        self._search_timer = QTimer(self, singleShot=True, interval=SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self._apply_search)
        self.row_menu_hooks: list[Callable[[QMenu], None]] = []
        """Callbacks that add entries to the row menu (ui.reviews adds 审核 there)."""
        self._build()
        self.model.reloaded.connect(self._report_status)
        self._restore_columns()
        self._report_status(self.model.rowCount())

    # ---- layout -------------------------------------------------------------------

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        # Flow layouts: the search box, the filters and the actions wrap onto more lines on a
        # small screen instead of making the window wider than the screen.
        bar = FlowLayout()
        self.search = QLineEdit(self)
        self.search.setObjectName("search")
        self.search.setClearButtonEnabled(True)
        self.search.setPlaceholderText(self.tr("搜索任意列（空格分隔多个词）"))
        self.search.setToolTip(self.search.placeholderText())
        self.search.setMinimumWidth(self.fontMetrics().averageCharWidth() * SEARCH_MIN_CHARS)
        self.search.textChanged.connect(lambda _t: self._search_timer.start())
        bar.addWidget(self.search)
        self.filter_buttons: dict[str, QToolButton] = {}
        keys = [(f.key, field_label(f)) for f in self.browser.filter_fields()]
        if self.browser.units is not None:  # city and province mode: the 单位 filter first
            keys.insert(0, (UNIT_KEY, self.tr("单位")))
        for key, label in keys:
            button = QToolButton(self)
            button.setObjectName(f"filter_{key}")
            button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
            button.setMenu(QMenu(button))
            button.menu().aboutToShow.connect(lambda key=key: self._fill_filter_menu(key))
            button.setToolTip(self.tr("按{0}筛选").format(label))
            self.filter_buttons[key] = button
            self._label_filter(key, 0)
            bar.addWidget(button)
        self.show_deleted = QCheckBox(self.tr("显示已删除"), self)
        self.show_deleted.toggled.connect(self.model.set_include_deleted)
        bar.addWidget(self.show_deleted)
        layout.addLayout(bar)

        actions = FlowLayout()
        self.action_bar = actions
        """The action buttons' row: a page's own actions are attached here from outside."""
        self.buttons: dict[str, QPushButton] = {}
        for key, text, slot in self._action_specs():
            b = QPushButton(text, self)
            b.setObjectName(f"action_{key}")
            b.clicked.connect(slot)
            self.buttons[key] = b
            actions.addWidget(b)
        related = RELATED.get(self.kind.key, [])
        if related:
            b = QPushButton(self.tr("相关记录 ▾"), self)
            menu = QMenu(b)
            for other, key in related:
                label = kind_label(get_kind(other))
                menu.addAction(label, self._related_opener(other, key, label))
            b.setMenu(menu)
            self.buttons["related"] = b
            actions.addWidget(b)
        self._add_print_button(actions)
        add_import_button(self, actions)  # 导入表格… (ui.tables)
        self.table_export = export_action.install(self, actions)  # 导出 Excel, 下载模板
        self.ids_label = QLabel(self)
        self.ids_label.setObjectName("ids_filter")
        self.ids_label.setWordWrap(True)
        self.ids_label.linkActivated.connect(lambda _l: self.model.set_ids(None))
        self.ids_label.hide()
        layout.addLayout(actions)
        layout.addWidget(self.ids_label)  # a line of its own: a long record title wraps

        self.view = QTableView(self)
        self.view.setObjectName(f"table_{self.kind.key}")
        self.view.setModel(self.model)
        # No sort indicator before sorting is enabled: enabling sorts at once by the indicator
        # (column 0 descending by default) and the list would open back to front.
        self.view.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.view.setSortingEnabled(True)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.view.setAlternatingRowColors(True)
        self.view.setWordWrap(False)
        self.view.verticalHeader().setDefaultSectionSize(24)
        self.view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.view.doubleClicked.connect(lambda _i: self.edit_current())
        header = self.view.horizontalHeader()
        header.setSectionsMovable(True)
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header.customContextMenuRequested.connect(self._header_menu)
        header.setTextElideMode(Qt.TextElideMode.ElideRight)  # "Registered tr…", tooltip whole
        metrics, label_metrics = self.view.fontMetrics(), header.fontMetrics()
        for n, column in enumerate(self.browser.columns):
            label = str(self.model.headerData(n, Qt.Orientation.Horizontal) or "")
            # wide enough for the values and for the header in this language (sort arrow too),
            # a very long header cut with an ellipsis
            label_width = min(label_metrics.horizontalAdvance(label) + 30, HEADER_MAX_WIDTH)
            self.view.setColumnWidth(n, max(metrics.horizontalAdvance("0") * column.width + 18,
                                            label_width))
            self.view.setColumnHidden(n, column.hidden_by_default)
        layout.addWidget(self.view, 1)

        enter = QAction(self.view)
        enter.setShortcuts([QKeySequence(Qt.Key.Key_Return), QKeySequence(Qt.Key.Key_Enter)])
        enter.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        enter.triggered.connect(self.edit_current)
        self.view.addAction(enter)
        copy = QAction(self.tr("复制"), self.view)
        copy.setObjectName("copy_rows")
        copy.setShortcuts(QKeySequence.keyBindings(QKeySequence.StandardKey.Copy))
        copy.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        copy.triggered.connect(self.copy_selected)
        self.view.addAction(copy)
        self.copy_action = copy
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.view.customContextMenuRequested.connect(self._row_menu)

    def _add_print_button(self, actions: FlowLayout) -> None:
        """打印 ▾: the list, the selected records' forms, blank forms (ui.printing)."""
        from ui.printing.register_actions import RegisterPrinting

        self.printing = RegisterPrinting(self)
        self.buttons["print"] = self.printing.button
        actions.addWidget(self.printing.button)

    def _action_specs(self) -> list[tuple[str, str, Callable[[], Any]]]:
        specs: list[tuple[str, str, Callable[[], Any]]] = [
            ("new", self.tr("新增"), self.new_record),
            ("edit", self.tr("编辑"), self.edit_current),
            ("delete", self.tr("删除"), self.delete_selected),
            ("restore", self.tr("恢复"), self.restore_selected),
            ("history", self.tr("修改历史"), self.show_history),
        ]
        if self.kind.key == "resource":
            specs.append(("cultivate", self.tr("加入培育名录"), self.add_to_cultivation))
        if self.kind.key == "candidate":
            specs.append(("advance", self.tr("推进阶段"), self.advance_stage))
        if self.kind.key == "plan" and self.ledger.mode in self.kind.written_by:  # 随机抽取 (ui.draw)
            from ui.draw import open_draw_dialog

            specs.append(("draw", self.tr("随机抽取"), lambda: open_draw_dialog(self)))
        return specs

    # ---- state ----------------------------------------------------------------------

    def _apply_search(self) -> None:
        self.model.set_search(self.search.text())

    def _fill_filter_menu(self, key: str) -> None:
        button = self.filter_buttons[key]
        menu = button.menu()
        menu.clear()
        chosen = set(self._chosen(key))
        clear = menu.addAction(self.tr("全部（清除筛选）"))
        clear.triggered.connect(lambda: self.set_filter(key, []))
        menu.addSeparator()
        options = self.browser.unit_options() if key == UNIT_KEY else self.browser.filter_options(key)
        for option in options:
            action = menu.addAction(option.en if language() == "en" else option.zh)
            action.setCheckable(True)
            action.setChecked(option.value in chosen)
            action.toggled.connect(lambda on, v=option.value: self._toggle_filter(key, v, on))
        filter_menu(menu)  # a long list (the units): a line to find entries by name or pinyin

    def _chosen(self, key: str) -> list[Any]:
        state = self.model.state
        return list(state.units) if key == UNIT_KEY else list(state.filters.get(key, []))

    def _toggle_filter(self, key: str, value: Any, on: bool) -> None:
        values = [v for v in self._chosen(key) if v != value]
        if on:
            values.append(value)
        self.set_filter(key, values)

    def set_filter(self, key: str, values: list[Any]) -> None:
        """Show only rows whose ``key`` is one of ``values`` (empty: no filter).

        ``key`` :data:`UNIT_KEY` is the 单位 filter (unit codes). A value given as
        :class:`UnitScoped` (a count on a city's dashboard) sets the 单位 filter to its units
        too (none: the whole city, the 单位 filter cleared).
        """
        if key == UNIT_KEY:
            self.set_units(values)
            return
        scoped = [v for v in values if isinstance(v, UnitScoped)]
        if scoped:
            values = [v.value if isinstance(v, UnitScoped) else v for v in values]
            self.model.state.units = list(scoped[0].units)
            self._label_filter(UNIT_KEY, len(scoped[0].units))
        self.model.set_filter(key, values)
        self._label_filter(key, len(values))

    def set_units(self, units: list[str]) -> None:
        """City and province mode: show only the records of these units (empty: all)."""
        self.model.set_units(units)
        self._label_filter(UNIT_KEY, len(units))

    def _label_filter(self, key: str, chosen: int) -> None:
        """A filter button's text: its column (cut with "…" when long; the tooltip has it
        whole) and how many values are chosen."""
        button = self.filter_buttons.get(key)
        if button is None:
            return
        name = self.tr("单位") if key == UNIT_KEY else field_label(self.kind.field(key))
        label = elided(button, name, button.fontMetrics().averageCharWidth() * FILTER_LABEL_CHARS)
        button.setText(f"{label}（{chosen}）▾" if chosen else f"{label} ▾")

    def show_ids(self, ids: tuple[str, ...] | None, label: str = "") -> None:
        """Show only these records (from a dashboard item or a related-records jump)."""
        self.model.set_ids(ids, label)

    def refresh(self) -> None:
        """Query again, keeping the current record selected."""
        current = self.current_id()
        self.model.reload()
        if current:
            self.select_id(current)

    def _report_status(self, count: int) -> None:
        state = self.model.state
        if self.model.loading and count:  # a search's first page; the rest is read meanwhile
            self.status.emit(gap().join([self.tr("{0}：已显示前 {1} 条，正在查找其余……").format(
                kind_label(self.kind), count), self.tr("搜索：") + state.search]))
            return
        if self.model.loading:  # the first list of a large file, read in the background
            self.status.emit(self.tr("{0}：正在载入……").format(kind_label(self.kind)))
            return
        parts = [self.tr("{0}：共 {1} 条").format(kind_label(self.kind), count)]
        filters = describe_filters(self.browser, state.filters, language(), state.units)
        if filters:
            parts.append(self.tr("筛选：") + filters)
        if state.search:
            parts.append(self.tr("搜索：") + state.search)
        if state.ids is not None:
            self.ids_label.setText(self.tr("仅显示：{0} <a href='clear'>显示全部</a>").format(
                state.ids_label or self.tr("{0} 条记录").format(len(state.ids))))
        else:
            self.ids_label.setText("")
        self.ids_label.setVisible(state.ids is not None)
        self.status.emit(gap().join(parts))

    # ---- selection ------------------------------------------------------------------

    def current_id(self) -> str | None:
        index = self.view.currentIndex()
        return self.model.data(index, ID_ROLE) if index.isValid() else None

    def selected_ids(self) -> list[str]:
        rows = sorted({i.row() for i in self.view.selectionModel().selectedRows()})
        ids = [self.model.id_at(r) for r in rows]
        out = [i for i in ids if i]
        if not out and self.current_id():
            out = [self.current_id() or ""]
        return out

    def selected_rows(self) -> list[int]:
        """The selected rows in view order (the current row if none is selected)."""
        rows = sorted({r for span in self.view.selectionModel().selection()  # type: ignore[attr-defined]  # iterable; stubs lack __iter__
                       for r in range(span.top(), span.bottom() + 1)})
        if not rows and self.view.currentIndex().isValid():
            rows = [self.view.currentIndex().row()]
        return rows

    def visible_columns(self) -> list[int]:
        """The columns shown, in the order the clerk arranged them (logical indexes)."""
        header = self.view.horizontalHeader()
        logical = (header.logicalIndex(v) for v in range(header.count()))
        return [n for n in logical if not header.isSectionHidden(n)]

    def copy_selected(self) -> int:
        """Put the selected rows on the clipboard as tab-separated text with a header line
        (Ctrl+C), for pasting into WPS or Excel; returns how many rows were copied."""
        rows = self.selected_rows()
        if not rows:
            return 0
        QApplication.clipboard().setText(self.model.rows_as_tsv(rows, self.visible_columns()))
        return len(rows)

    def select_id(self, record_id: str) -> bool:
        row = self.model.row_of(record_id)
        if row < 0:
            return False
        self.view.selectRow(row)
        self.view.scrollTo(self.model.index(row, 0))
        return True

    def _current_record(self) -> Record | None:
        rid = self.current_id()
        if rid is None:
            return None
        try:
            return self.ledger.get(self.kind.key, rid)
        except RecordNotFound:
            return None

    # ---- actions ----------------------------------------------------------------------

    def _editor(self, record: Record | None, defaults: dict[str, Any] | None = None,
                kind: str | None = None) -> Record | None:
        from ui.editors import RecordEditor

        kind_key = kind or self.kind.key
        target = get_kind(kind_key)

        def save(values: dict[str, Any]) -> Record:
            if record is None:
                return self.undo.apply(AddRecord(kind_key, values))
            return self.undo.apply(EditRecord(kind_key, record.id, values,
                                              expected_revision=record.revision))

        dialog = RecordEditor(self.ledger, target, record=record, defaults=defaults, save=save,
                              parent=self)
        if dialog.exec():
            return dialog.saved_record
        return None

    def new_record(self, defaults: dict[str, Any] | None = None) -> Record | None:
        """Open the editor for a new record; select it after saving."""
        rec = self._editor(None, defaults)
        if rec is not None:
            self.refresh()
            self.select_id(rec.id)
        return rec

    def edit_current(self) -> Record | None:
        record = self._current_record()
        if record is None:
            return None
        rec = self._editor(record)
        if rec is not None:
            self.refresh()
        return rec

    def delete_selected(self) -> int:
        """Delete (tombstone) the selected records after confirmation; returns how many."""
        ids = self.selected_ids()
        if not ids:
            return 0
        names = "、".join(record_caption(self.ledger, self.ledger.get(self.kind.key, rid))
                         for rid in ids[:5]) + (self.tr(" 等") if len(ids) > 5 else "")
        answer = QMessageBox.question(
            self, self.tr("删除"),
            self.tr("删除 {0} 条{1}：{2}？\n删除后可撤销（Ctrl+Z），也可勾选“显示已删除”后恢复。").format(
                len(ids), kind_label(self.kind), names))
        if answer != QMessageBox.StandardButton.Yes:
            return 0
        done = 0
        for rid in ids:
            try:
                self.undo.apply(DeleteRecord(self.kind.key, rid))
                done += 1
            except (StillReferenced, NotOwner, StaleRevision, RecordNotFound) as e:
                QMessageBox.warning(self, self.tr("无法删除"), i18n.shown(e))
        self.refresh()
        return done

    def restore_selected(self) -> None:
        for rid in self.selected_ids():
            rec = self.ledger.get(self.kind.key, rid)
            if not rec.deleted:
                continue
            try:
                self.undo.apply(RestoreRecord(self.kind.key, rid))
            except (ValidationFailed, NotOwner) as e:
                QMessageBox.warning(self, self.tr("无法恢复"), i18n.shown(e))
        self.refresh()

    def show_history(self) -> None:
        from ui.editors import HistoryDialog

        rid = self.current_id()
        if rid:
            HistoryDialog(self.ledger, rid, parent=self).exec()

    def _related_opener(self, other: str, key: str, label: str) -> Callable[[], None]:
        def open_related() -> None:
            self.show_related(other, key, label)
        return open_related

    def show_related(self, other: str, key: str, label: str) -> None:
        rid = self.current_id()
        if not rid:
            return
        ids = tuple(r.id for r in self.ledger.list(other, {key: rid}, include_deleted=False))
        record = self._current_record()
        title = record.title if record else rid
        self.navigate.emit(other, ids, self.tr("{0} 的{1}").format(title, label))

    def add_to_cultivation(self) -> Record | None:
        """Open a new candidate for the selected resource, pre-filled from it."""
        resource = self._current_record()
        if resource is None:
            return None
        defaults = {"resource_id": resource.id, "name": resource.values["name"],
                    "route": resource.values.get("planned_route"), "stage_date": self.ledger.today()}
        rec = self._editor(None, defaults, kind="candidate")
        if rec is not None:
            self.navigate.emit("candidate", (rec.id,), self.tr("新加入的培育对象 {0}").format(rec.title))
        return rec

    def advance_stage(self) -> Record | None:
        from ui.editors import AdvanceStageDialog

        cand = self._current_record()
        if cand is None or cand.deleted:
            return None

        def apply(stage: str, when: Any, note: str | None, extra: dict[str, Any]) -> Record:
            return self.undo.apply(AdvanceStage(cand.id, stage, when, note, extra))

        dialog = AdvanceStageDialog(self.ledger, cand, apply=apply, parent=self)
        if dialog.exec():
            self.refresh()
            return getattr(dialog, "saved_record", None)
        return None

    # ---- menus and persistence ------------------------------------------------------

    def _row_menu(self, pos: Any) -> None:
        menu = QMenu(self)
        menu.addAction(self.copy_action)
        menu.addSeparator()
        for key in ("edit", "history", "delete", "restore", "cultivate", "advance"):
            if key in self.buttons:
                menu.addAction(self.buttons[key].text(), self.buttons[key].click)
        for other, key in RELATED.get(self.kind.key, []):
            label = kind_label(get_kind(other))
            menu.addAction(self.tr("查看{0}").format(label), self._related_opener(other, key, label))
        for hook in self.row_menu_hooks:
            hook(menu)
        menu.exec(self.view.viewport().mapToGlobal(pos))

    def _header_menu(self, pos: Any) -> None:
        menu = QMenu(self)
        for n, column in enumerate(self.browser.columns):
            action = menu.addAction(capitalised(column.en) if language() == "en" else column.zh)
            action.setCheckable(True)
            action.setChecked(not self.view.isColumnHidden(n))
            action.toggled.connect(lambda on, n=n: self.view.setColumnHidden(n, not on))
        menu.exec(self.view.horizontalHeader().mapToGlobal(pos))

    def _settings_key(self) -> str:
        # a city's table has the 单位 column too: its layout is kept apart from a county's
        return f"columns/{self.kind.key}" + ("/units" if self.browser.units is not None else "")

    def _restore_columns(self) -> None:
        state = self.settings.value(self._settings_key())
        if isinstance(state, QByteArray) and not state.isEmpty():
            self.view.horizontalHeader().restoreState(state)
            self.view.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)

    def save_state(self) -> None:
        """Remember column widths, order and visibility (QSettings)."""
        self.settings.setValue(self._settings_key(), self.view.horizontalHeader().saveState())

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()
