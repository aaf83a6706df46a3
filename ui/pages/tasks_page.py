"""The 工作任务 page.

At a city (or a province): its work plans, the tasks of the plan selected (added and edited
with the register editors) and the task × unit grid with status colours, printed or exported;
a city also sees the tasks its own parent gave it. At a county: the parent's tasks that apply
to it with its latest own progress, and 报告进展 (a progress editor prefilled with the task).
Every rule and query is :mod:`desktop.city.tasks`.
"""

from __future__ import annotations

import logging
import time
import uuid
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHeaderView,
    QInputDialog,
    QLabel,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.city import tasks
from desktop.city.tasks import STATUS_COLOURS, TaskGrid
from desktop.city.units import unit_names
from desktop.fields import ValidationFailed
from desktop.ledger import Ledger, NotOwner
from desktop.record import Record
from desktop.registers.work_plan import PLAN, PROGRESS, TASK
from desktop.undo import AddRecord, EditRecord
from ui import i18n
from ui.editors.i18n import display, field_label, language
from ui.flow_layout import FlowLayout
from ui.undo import LedgerUndo

__all__ = ["TasksPage", "PlanTasksView", "UnitTasksView"]

log = logging.getLogger(__name__)

ID_ROLE = Qt.ItemDataRole.UserRole + 1


def _table(parent: QWidget, name: str, headers: list[str]) -> QTableWidget:
    table = QTableWidget(0, len(headers), parent)
    table.setObjectName(name)
    table.setHorizontalHeaderLabels(headers)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setAlternatingRowColors(True)
    table.setWordWrap(False)
    table.verticalHeader().setVisible(False)
    table.verticalHeader().setDefaultSectionSize(24)
    table.horizontalHeader().setTextElideMode(Qt.TextElideMode.ElideRight)
    return table


def _item(text: object, record_id: str | None = None, tip: str | None = None) -> QTableWidgetItem:
    shown = "" if text is None else str(text)
    item = QTableWidgetItem(shown.replace("\n", " "))
    if record_id is not None:
        item.setData(ID_ROLE, record_id)
    if tip or len(shown) > 20:
        item.setToolTip(tip or shown)
    return item


def _selected_id(table: QTableWidget) -> str | None:
    row = table.currentRow()
    item = table.item(row, 0) if row >= 0 else None
    value = item.data(ID_ROLE) if item is not None else None
    return str(value) if value else None


def _editor(page: QWidget, ledger: Ledger, undo: LedgerUndo, kind: str, record: Record | None,
            defaults: dict[str, Any] | None = None) -> Record | None:
    """The register editor for a new or stored record, saved through the undo stack."""
    from ui.editors import RecordEditor

    def save(values: dict[str, Any]) -> Record:
        if record is None:
            return undo.apply(AddRecord(kind, values))
        return undo.apply(EditRecord(kind, record.id, values, expected_revision=record.revision))

    dialog = RecordEditor(ledger, kind, record=record, defaults=defaults, save=save, parent=page)
    return dialog.saved_record if dialog.exec() else None


class PlanTasksView(QWidget):
    """The city's plans, the selected plan's tasks and its grid."""

    def __init__(self, ledger: Ledger, undo: LedgerUndo, parent: QWidget | None = None):
        super().__init__(parent)
        self.ledger = ledger
        self.undo = undo
        self.grid: TaskGrid | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        bar = FlowLayout()
        self.buttons: dict[str, QPushButton] = {}
        for key, text, slot in (("new_plan", self.tr("新增计划"), self.new_plan),
                                ("edit_plan", self.tr("编辑计划"), self.edit_plan),
                                ("new_task", self.tr("新增任务"), self.new_task),
                                ("edit_task", self.tr("编辑任务"), self.edit_task),
                                ("paste_tasks", self.tr("粘贴分工方案…"), self.paste_tasks),
                                ("print", self.tr("打印进展表…"), self.print_grid),
                                ("export", self.tr("导出 Excel…"), self.export_grid)):
            b = QPushButton(text, self)
            b.setObjectName(f"action_{key}")
            b.clicked.connect(slot)
            self.buttons[key] = b
            bar.addWidget(b)
        layout.addLayout(bar)
        split = QSplitter(Qt.Orientation.Vertical, self)
        self.plans = _table(split, "plans", [field_label(PLAN.field(k)) for k in
                                             ("year", "name", "document_no", "issued_date")])
        self.plans.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.plans.setColumnWidth(2, 190)
        self.plans.itemSelectionChanged.connect(self._plan_changed)
        self.plans.doubleClicked.connect(lambda _i: self.edit_plan())
        self.tabs = QTabWidget(split)
        self.tabs.setObjectName("plan_tabs")
        self.tasks = _table(self.tabs, "tasks", [field_label(TASK.field(k)) for k in
                                                 ("number", "section", "text", "units", "deadline")])
        self.tasks.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        for col, width in ((0, 60), (1, 160), (3, 150), (4, 96)):
            self.tasks.setColumnWidth(col, width)
        self.tasks.doubleClicked.connect(lambda _i: self.edit_task())
        self.tabs.addTab(self.tasks, self.tr("任务"))
        grid_page = QWidget(self.tabs)
        inner = QVBoxLayout(grid_page)
        inner.setContentsMargins(4, 4, 4, 4)
        self.legend = QLabel(grid_page)
        self.legend.setObjectName("grid_legend")
        self.legend.setWordWrap(True)
        inner.addWidget(self.legend)
        self.matrix = _table(grid_page, "task_grid", [])
        self.matrix.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.matrix.setAlternatingRowColors(False)
        self.matrix.verticalHeader().setDefaultSectionSize(40)
        self.matrix.setWordWrap(True)
        inner.addWidget(self.matrix, 1)
        self.tabs.addTab(grid_page, self.tr("进展表"))
        split.addWidget(self.plans)
        split.addWidget(self.tabs)
        split.setSizes([110, 480])
        layout.addWidget(split, 1)
        self.refresh()

    # ---- filling ------------------------------------------------------------------

    def plan_id(self) -> str | None:
        return _selected_id(self.plans)

    def refresh(self) -> None:
        """Read the plans again, keeping the selected one."""
        current = self.plan_id()
        found = tasks.plans(self.ledger)
        self.plans.blockSignals(True)
        self.plans.setRowCount(len(found))
        for row, p in enumerate(found):
            v = p.values
            for col, value in enumerate((v.get("year"), v.get("name"), v.get("document_no"),
                                         display(PLAN.field("issued_date"), v.get("issued_date")))):
                self.plans.setItem(row, col, _item(value, p.id))
        self.plans.blockSignals(False)
        ids = [p.id for p in found]
        self.plans.selectRow(ids.index(current) if current in ids else 0 if ids else -1)
        self._plan_changed()

    def _plan_changed(self) -> None:
        plan = self.plan_id()
        for key in ("edit_plan", "new_task", "edit_task", "paste_tasks", "print", "export"):
            self.buttons[key].setEnabled(plan is not None)
        self._fill_tasks(plan)
        self._fill_grid(plan)

    def _fill_tasks(self, plan: str | None) -> None:
        found = tasks.plan_tasks(self.ledger, plan) if plan else []
        names = unit_names(self.ledger)
        self.tasks.setRowCount(len(found))
        everyone = self.tr("全部单位")
        for row, t in enumerate(found):
            v = t.values
            units = "、".join(names.get(c, c) for c in v.get("units") or []) or everyone
            for col, value in enumerate((v.get("number"), v.get("section"), v.get("text"), units,
                                         display(TASK.field("deadline"), v.get("deadline")))):
                self.tasks.setItem(row, col, _item(value, t.id))

    def _fill_grid(self, plan: str | None) -> None:
        self.grid = grid = tasks.task_grid(self.ledger, plan) if plan else None
        lang = language()
        legend = " ".join(f"<span style='background:#{STATUS_COLOURS[c]}'>&nbsp;{tasks.status_label(c, lang)}"
                          "&nbsp;</span>" for c in ("not_started", "in_progress", "done", "difficulty"))
        self.legend.setText(legend + "&nbsp;&nbsp;" + self.tr("“—”：不是该单位的任务；“未报”：尚未收到进展。"))
        if grid is None:
            self.matrix.setRowCount(0)
            self.matrix.setColumnCount(0)
            return
        self.matrix.setColumnCount(2 + len(grid.units))
        self.matrix.setHorizontalHeaderLabels([field_label(TASK.field("number")), field_label(TASK.field("text")),
                                               *(u.name for u in grid.units)])
        self.matrix.setRowCount(len(grid.tasks))
        for row, t in enumerate(grid.tasks):
            self.matrix.setItem(row, 0, _item(t.values.get("number"), t.id))
            self.matrix.setItem(row, 1, _item(t.values.get("text"), t.id, t.values.get("text")))
            for col, u in enumerate(grid.units, 2):
                cell = grid.cell(t.id, u.code)
                p = cell.progress
                short = cell.text(lang) if p is None else f"{tasks.status_label(p.status, lang)}\n{p.report_date}"
                item = QTableWidgetItem(short)
                item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                if p is not None:
                    item.setData(ID_ROLE, p.id)
                    item.setToolTip(cell.text(lang))
                if cell.applies:
                    item.setBackground(QBrush(QColor("#" + STATUS_COLOURS[cell.status or "none"])))
                self.matrix.setItem(row, col, item)
        self.matrix.setColumnWidth(0, 60)
        self.matrix.setColumnWidth(1, 220)
        for col in range(2, 2 + len(grid.units)):
            self.matrix.setColumnWidth(col, 86)

    # ---- actions ----------------------------------------------------------------------

    def _record(self, kind: str, rid: str | None) -> Record | None:
        return self.ledger.get(kind, rid) if rid else None

    def new_plan(self) -> Record | None:
        rec = _editor(self, self.ledger, self.undo, "work-plan", None, {"year": self.ledger.today().year})
        if rec is not None:
            self.refresh()
            self._select(self.plans, rec.id)
        return rec

    def edit_plan(self) -> Record | None:
        rec = self._record("work-plan", self.plan_id())
        return _editor(self, self.ledger, self.undo, "work-plan", rec) if rec else None

    def new_task(self) -> Record | None:
        plan = self.plan_id()
        if plan is None:
            return None
        rec = _editor(self, self.ledger, self.undo, "task", None, {"plan_id": plan})
        if rec is not None:
            self._plan_changed()
            self._select(self.tasks, rec.id)
        return rec

    def edit_task(self) -> Record | None:
        rec = self._record("task", _selected_id(self.tasks))
        return _editor(self, self.ledger, self.undo, "task", rec) if rec else None

    def paste_tasks(self, text: str | None = None) -> list[Record]:
        """粘贴分工方案…: the tasks of pasted plan text (numbered lines with （责任单位：…）, or
        rows copied from a 分工方案 table) added to the selected plan, all or none."""
        plan = self.plan_id()
        if plan is None:
            return []
        if text is None:
            text, ok = QInputDialog.getMultiLineText(self, self.tr("粘贴分工方案"), self.tr(
                "粘贴计划的任务：每行“1、任务内容（责任单位：行唐县、灵寿县）”，或从分工方案表格复制的行"
                "（序号、部分、任务、责任单位）。未写责任单位的任务为全部单位的任务。"))
            if not ok or not text.strip():
                return []
        try:
            added = tasks.add_tasks_from_text(self.ledger, plan, text)
        except (tasks.TaskError, ValidationFailed, NotOwner) as e:
            QMessageBox.warning(self, self.tr("粘贴分工方案"), i18n.shown(e))
            return []
        self._plan_changed()
        return added

    @staticmethod
    def _select(table: QTableWidget, rid: str) -> None:
        for row in range(table.rowCount()):
            item = table.item(row, 0)
            if item is not None and item.data(ID_ROLE) == rid:
                table.selectRow(row)
                return

    def write_grid(self, out: Path) -> Path | None:
        """Write the grid of the selected plan to ``out`` (.pdf or .xlsx); a failure is said."""
        from desktop.city.task_grid_print import write_grid

        if self.grid is None:
            return None
        try:
            return write_grid(self.ledger, self.grid, out)
        except OSError as e:
            QMessageBox.warning(self, self.tr("无法保存"), self.tr("文件无法写入：{0}").format(e))
            return None

    def print_grid(self) -> Path | None:
        """The grid as a PDF in the print preview (打印, 另存为)."""
        from ui.printing.preview import PreviewDialog
        from ui.printing.run import spool_dir

        stamp = time.strftime("%Y%m%d-%H%M%S")
        out = self.write_grid(spool_dir() / f"tasks-{stamp}-{uuid.uuid4().hex[:6]}.pdf")
        if out is None or self.grid is None:
            return None
        title = self.tr("任务进展表")
        dialog = PreviewDialog(out, title, self, remove_file=True, suggested_name=f"tasks-{stamp}.pdf")
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()
        self.preview = dialog
        return out

    def export_grid(self) -> Path | None:
        name, _filter = QFileDialog.getSaveFileName(self, self.tr("导出 Excel"), "tasks.xlsx", "Excel (*.xlsx)")
        if not name:
            return None
        path = Path(name)
        return self.write_grid(path if path.suffix.lower() == ".xlsx" else path.with_suffix(".xlsx"))


class UnitTasksView(QWidget):
    """The parent office's tasks for this office, with its latest progress; 报告进展."""

    def __init__(self, ledger: Ledger, undo: LedgerUndo, parent: QWidget | None = None):
        super().__init__(parent)
        self.ledger = ledger
        self.undo = undo
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        bar = FlowLayout()
        self.report_button = QPushButton(self.tr("报告进展"), self)
        self.report_button.setObjectName("action_report_progress")
        self.report_button.clicked.connect(self.report_progress)
        bar.addWidget(self.report_button)
        self.summary = QLabel(self)
        self.summary.setObjectName("tasks_summary")
        bar.addWidget(self.summary)
        layout.addLayout(bar)
        self.table = _table(self, "unit_tasks", [
            field_label(TASK.field("plan_id")), field_label(TASK.field("number")), field_label(TASK.field("text")),
            field_label(TASK.field("deadline")), field_label(PROGRESS.field("status")),
            field_label(PROGRESS.field("report_date")), field_label(PROGRESS.field("text"))])
        self.table.horizontalHeader().setStretchLastSection(True)
        for col, width in ((0, 150), (1, 60), (2, 250), (3, 96), (4, 96), (5, 100)):
            self.table.setColumnWidth(col, width)
        self.table.doubleClicked.connect(lambda _i: self.report_progress())
        layout.addWidget(self.table, 1)
        self.refresh()

    def refresh(self) -> None:
        found = tasks.my_tasks(self.ledger)
        lang = language()
        self.table.setRowCount(len(found))
        for row, u in enumerate(found):
            t, p = u.task.values, u.latest
            status = tasks.status_label(p.status, lang) if p else tasks.NOT_REPORTED[0 if lang == "zh" else 1]
            values = (u.plan.values.get("name") if u.plan else t.get("plan_id"), t.get("number"), t.get("text"),
                      display(TASK.field("deadline"), t.get("deadline")), status,
                      p.report_date if p else "", p.text if p else "")
            for col, value in enumerate(values):
                item = _item(value, u.task.id)
                if col == 4:
                    item.setBackground(QBrush(QColor("#" + STATUS_COLOURS[p.status if p else "none"])))
                self.table.setItem(row, col, item)
        reported = sum(1 for u in found if u.latest is not None)
        self.summary.setText(self.tr("共 {0} 项任务，已报告进展 {1} 项").format(len(found), reported))
        self.report_button.setEnabled(bool(found))
        if found and self.table.currentRow() < 0:
            self.table.selectRow(0)

    def report_progress(self) -> Record | None:
        """A new progress report on the selected task (its latest status prefilled)."""
        tid = _selected_id(self.table)
        if tid is None:
            return None
        latest = tasks.latest_progress(self.ledger, [tid], self.ledger.office.code).get((tid, self.ledger.office.code))
        defaults = {"task_id": tid, "report_date": self.ledger.today(),
                    "status": latest.status if latest else "in_progress"}
        rec = _editor(self, self.ledger, self.undo, "progress", None, defaults)
        if rec is not None:
            self.refresh()
        return rec


class TasksPage(QWidget):
    """工作任务: the plans (city, province) or the tasks received (county); a city gets both,
    as tabs."""

    def __init__(self, ledger: Ledger, undo: LedgerUndo, parent: QWidget | None = None):
        super().__init__(parent)
        self.ledger = ledger
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        self.plans: PlanTasksView | None = None
        self.received: UnitTasksView | None = None
        if ledger.mode == "county":
            self.received = UnitTasksView(ledger, undo, self)
            layout.addWidget(self.received)
            return
        self.plans = PlanTasksView(ledger, undo, self)
        if ledger.mode == "city" and tasks.plans(ledger, own=False):
            tabs = QTabWidget(self)
            tabs.setObjectName("tasks_tabs")
            tabs.addTab(self.plans, self.tr("本单位工作计划"))
            self.received = UnitTasksView(ledger, undo, tabs)
            tabs.addTab(self.received, self.tr("上级下达的任务"))
            layout.addWidget(tabs)
        else:
            layout.addWidget(self.plans)

    def refresh(self) -> None:
        for view in (self.plans, self.received):
            if view is not None:
                view.refresh()
