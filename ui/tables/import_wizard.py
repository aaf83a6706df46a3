"""导入表格: a wizard that brings an office's own spreadsheet into a register.

Five steps (:mod:`ui.tables.wizard_file`, ``wizard_mapping``, ``wizard_values``, ``wizard_plan``,
``wizard_finish``): the file, sheet and header row; each column's field; the unknown coded
values; the match field, update mode and the dry run; the import. Every rule is the core's
(:mod:`desktop.tables`); reading the file, the dry run and the import run on worker threads
(:mod:`ui.operations`), the last two on a ledger of their own. Nothing is written to the
register before the last step (a saved mapping is written when the clerk saves it).
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QMessageBox,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.fields import Kind
from desktop.jobs import Cancelled
from desktop.ledger import Ledger
from desktop.registers import get_kind
from desktop.tables.errorbook import write_error_workbook
from desktop.tables.header import find_table
from desktop.tables.mapping import propose_mapping
from desktop.tables.model import (
    ColumnMapping,
    Grid,
    ImportOptions,
    ImportPlan,
    ImportResult,
    Table,
    TableRefused,
    ValueMaps,
)
from desktop.tables.saved import SavedMapping, find_saved, save_mapping
from desktop.tables.values import unknown_values
from ui import i18n
from ui.editors.i18n import kind_label
from ui.operations import Job, run_job
from ui.save_dialog import ask_save_path
from ui.tables.wizard_file import FilePage
from ui.tables.wizard_finish import FinishPage
from ui.tables.wizard_jobs import ReadResult, apply_job, plan_job, read_job
from ui.tables.wizard_mapping import MappingPage
from ui.tables.wizard_plan import PlanPage
from ui.tables.wizard_values import ValuesPage

__all__ = ["ImportWizard", "STEPS"]

log = logging.getLogger(__name__)

STEPS = 5
FILE, MAPPING, VALUES, PLAN, FINISH = range(STEPS)

class ImportWizard(QDialog):
    """The 导入表格 wizard of one register; ``imported(result)`` after records were written."""

    imported = Signal(object)

    def __init__(self, ledger: Ledger, kind: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.ledger = ledger
        self.kind: Kind = get_kind(kind)
        self.path: Path | None = None
        self.sheet: str | None = None
        self.grid: Grid | None = None
        self.table: Table | None = None
        self.mapping: ColumnMapping | None = None
        self.offered: list[SavedMapping] = []
        self.applied_saved = ""
        self.value_maps: ValueMaps = {}
        self.plan: ImportPlan | None = None
        self.outcome: ImportResult | None = None
        self.job: Job | None = None
        self.setObjectName("ImportWizard")
        self.setWindowTitle(self.tr("导入表格：{0}").format(kind_label(self.kind)))
        self.resize(1000, 660)
        layout = QVBoxLayout(self)
        self.steps_label = QLabel(self)
        self.steps_label.setObjectName("steps")
        self.steps_label.setWordWrap(True)
        layout.addWidget(self.steps_label)
        self.stack = QStackedWidget(self)
        self.file_page = FilePage(self.stack)
        self.mapping_page = MappingPage(self.kind, self.stack)
        self.values_page = ValuesPage(self.kind, self.stack)
        self.plan_page = PlanPage(self.kind, self.stack)
        self.finish_page = FinishPage(self.stack)
        for page in (self.file_page, self.mapping_page, self.values_page, self.plan_page, self.finish_page):
            self.stack.addWidget(page)
        layout.addWidget(self.stack, 1)
        self.file_page.choose_file.connect(self._choose_file)
        self.file_page.sheet_chosen.connect(self.choose_sheet)
        self.file_page.header_chosen.connect(self.set_header_row)
        self.mapping_page.mapping_changed.connect(self.set_field)
        self.mapping_page.apply_saved.connect(self.apply_saved)
        self.mapping_page.save_requested.connect(self._ask_save_mapping)
        self.values_page.value_chosen.connect(self.set_value)
        self.plan_page.options_changed.connect(self._options_changed)
        self.plan_page.dry_run.connect(self.run_dry_run)
        self.finish_page.import_requested.connect(self.import_now)
        self.finish_page.workbook_requested.connect(self.save_error_workbook)

        bottom = QHBoxLayout()
        self.status = QLabel(self)
        self.status.setObjectName("wizard_status")
        self.status.setWordWrap(True)
        bottom.addWidget(self.status, 1)
        self.back_button = QPushButton(self.tr("< 上一步"), self)
        self.back_button.setObjectName("back")
        self.back_button.clicked.connect(self.go_back)
        self.next_button = QPushButton(self.tr("下一步 >"), self)
        self.next_button.setObjectName("next")
        self.next_button.setDefault(True)
        self.next_button.clicked.connect(self.go_next)
        self.close_button = QPushButton(self.tr("关闭"), self)
        self.close_button.setObjectName("close")
        self.close_button.clicked.connect(self.reject)
        for b in (self.back_button, self.next_button, self.close_button):
            bottom.addWidget(b)
        layout.addLayout(bottom)
        self._update()

    # ---- navigation -------------------------------------------------------------------

    @property
    def step(self) -> int:
        return self.stack.currentIndex()

    @property
    def busy(self) -> bool:
        return self.job is not None

    def _can_go_on(self) -> bool:
        step = self.step
        if step == FILE:
            return self.table is not None
        if step == MAPPING:
            return self.mapping is not None and bool(self.mapping.mapped())
        if step == PLAN:
            return self.plan is not None
        return step < FINISH

    def go_next(self) -> None:
        if self.busy or not self._can_go_on():
            return
        self._show_step(self.step + 1)

    def go_back(self) -> None:
        if not self.busy and self.step > FILE and self.outcome is None:
            self._show_step(self.step - 1)

    def _show_step(self, step: int) -> None:
        self.stack.setCurrentIndex(step)
        if step == MAPPING:
            self._show_mapping()
        elif step == VALUES:
            self._show_values()
        elif step == PLAN:
            if self.plan is None:
                self.run_dry_run()
            else:
                self.plan_page.show_plan(self.plan)
        elif step == FINISH and self.plan is not None:
            self.finish_page.show_plan(self.plan, busy=self.busy, done=self.outcome is not None)
        self._update()

    def _update(self) -> None:
        names = [self.tr("选择文件"), self.tr("对应字段"), self.tr("对应值"), self.tr("试导入"), self.tr("导入")]
        parts = [f"<b>{n + 1}. {name}</b>" if n == self.step else f"{n + 1}. {name}" for n, name in enumerate(names)]
        self.steps_label.setText(" › ".join(parts))
        self.back_button.setEnabled(not self.busy and self.step > FILE and self.outcome is None)
        self.next_button.setEnabled(not self.busy and self.step < FINISH and self._can_go_on())
        self.close_button.setEnabled(not self.busy)
        self.close_button.setText(self.tr("完成") if self.outcome is not None else self.tr("关闭"))
        self.file_page.choose_button.setEnabled(not self.busy)
        self.plan_page.run_button.setEnabled(not self.busy and self.table is not None)
        if self.step == FINISH and self.plan is not None:
            self.finish_page.show_plan(self.plan, busy=self.busy, done=self.outcome is not None)

    def _invalidate(self) -> None:
        """Something the plan depends on changed: the dry run must be done again."""
        if self.plan is not None:
            self.plan = None
            self.plan_page.show_plan(None, self.tr("条件已改变，请重新试导入。"))
        self._update()

    # ---- step 1: the file ---------------------------------------------------------------

    def _choose_file(self) -> None:
        chosen, _f = QFileDialog.getOpenFileName(
            self, self.tr("选择要导入的表格"), str(self.path.parent if self.path else Path.home()),
            self.tr("表格文件 (*.xlsx *.xls *.csv);;所有文件 (*)"))
        if chosen:
            self.open_file(Path(chosen))

    def open_file(self, path: Path | str) -> Job | None:
        """Read ``path`` (its first visible sheet) on a worker and find its header row."""
        self.path, self.sheet = Path(path), None
        self.file_page.show_path(str(self.path))
        return self._read()

    def choose_sheet(self, sheet: str) -> Job | None:
        if self.path is None or sheet == self.sheet:
            return None
        self.sheet = sheet
        return self._read()

    def _read(self) -> Job | None:
        if self.busy or self.path is None:
            return None
        self.grid = self.table = self.mapping = None
        self._invalidate()
        self.file_page.clear_table()
        self.file_page.show_error("")
        self.status.setText(self.tr("正在读取 {0}……").format(self.path.name))
        self.job = run_job(self, self.tr("读取表格"), read_job(self.path, self.sheet, self.kind),
                           self._read_done, self._job_failed)
        self._update()
        return self.job

    def _read_done(self, result: ReadResult) -> None:
        self.job = None
        sheets, grid, table, error = result
        self.grid, self.sheet = grid, grid.sheet
        self.file_page.show_sheets(sheets, grid.sheet)
        self.file_page.show_grid(grid)
        self.status.setText("")
        if table is None:
            self.file_page.show_table(Table(grid=grid, header_row=0, headers=(), rows=()), "")
            self.file_page.show_error(error + "\n" + self.tr("请在“表头所在行”中指定表头所在的行。"))
        else:
            self._table_found(table)
        self._update()

    def set_header_row(self, row: int) -> bool:
        """Take row ``row`` (1-based) as the header; False (and why shown) if it cannot be."""
        if self.grid is None or (self.table is not None and self.table.header_row == row):
            return False
        try:
            table = find_table(self.grid, self.kind, header_row=row)
        except TableRefused as e:
            self.file_page.show_error(i18n.shown(e))
            return False
        self._table_found(table, chosen=True)
        self._update()
        return True

    def _table_found(self, table: Table, chosen: bool = False) -> None:
        self.table = table
        found = i18n.shown(table.found_by) if not chosen else self.tr("表头：第 {0} 行（您指定的）").format(
            table.header_row)
        skipped = len(table.skipped)
        summary = self.tr("数据 {0} 行；略过 {1} 行（标题、空行、合计等）。").format(len(table.rows), skipped)
        self.file_page.show_table(table, f"{found}{i18n.gap()}{summary}")
        self.offered = find_saved(self.ledger, self.kind.key, table.headers)
        self.applied_saved = ""
        self.apply_saved(self.offered[0].name if self.offered else "")

    # ---- steps 2 and 3: the mapping and the value maps ------------------------------------

    def apply_saved(self, name: str) -> None:
        """Use the saved mapping ``name`` (its value maps and options too); "" = the proposal."""
        if self.table is None:
            return
        saved = next((s for s in self.offered if s.name == name), None)
        try:
            self.mapping = propose_mapping(self.table, self.kind, saved.mapping if saved else None)
        except TableRefused as e:  # a saved mapping naming a field the register no longer has
            self.status.setText(i18n.shown(e))
            self.mapping, saved = propose_mapping(self.table, self.kind), None
        self.applied_saved = saved.name if saved else ""
        if saved is not None:
            options = saved.import_options()
            self.value_maps = {k: dict(v) for k, v in options.value_maps.items()}
            self.plan_page.set_options(options.match, options.update)
        self._invalidate()
        if self.step == MAPPING:
            self._show_mapping()

    def _show_mapping(self) -> None:
        if self.table is not None and self.mapping is not None:
            self.mapping_page.show_saved(self.offered, self.applied_saved)
            self.mapping_page.show_mapping(self.table, self.mapping)

    def set_field(self, column: int, field_key: str | None) -> None:
        """Send ``column`` to ``field_key`` (None: not imported)."""
        if self.mapping is None or self.table is None:
            return
        self.mapping = self.mapping.with_field(column, field_key)
        self._invalidate()
        self._show_mapping()

    def _ask_save_mapping(self) -> None:
        default = self.applied_saved or (self.path.stem if self.path else "")
        name, ok = QInputDialog.getText(self, self.tr("保存映射"), self.tr("映射的名称："), text=default)
        if ok and name.strip():
            self.save_mapping_as(name.strip())

    def save_mapping_as(self, name: str) -> SavedMapping | None:
        """Save the mapping, the value maps and the options under ``name``."""
        if self.table is None or self.mapping is None:
            return None
        saved = save_mapping(self.ledger, name, self.table.headers, self.mapping, self.options())
        self.offered = [saved, *(s for s in self.offered if s.name != name)]
        self.applied_saved = name
        self.mapping_page.show_saved(self.offered, name)
        self.status.setText(self.tr("已保存映射“{0}”。").format(name))
        return saved

    def _show_values(self) -> None:
        if self.table is not None and self.mapping is not None:
            self.values_page.show_unknown(unknown_values(self.table, self.mapping, self.kind), self.value_maps)

    def set_value(self, field_key: str, text: str, code: str) -> None:
        """Map the file's ``text`` of ``field_key`` to ``code`` ("" = no longer mapped)."""
        maps = self.value_maps.setdefault(field_key, {})
        if code:
            maps[text] = code
        else:
            maps.pop(text, None)
        self._invalidate()

    # ---- step 4: the dry run -----------------------------------------------------------

    def options(self) -> ImportOptions:
        maps = {k: dict(v) for k, v in self.value_maps.items() if v}
        return ImportOptions(update=self.plan_page.update_mode(), match=self.plan_page.match(), value_maps=maps)

    def _options_changed(self) -> None:
        self._invalidate()

    def run_dry_run(self) -> Job | None:
        """Plan the import on a worker (its own ledger); nothing is written."""
        if self.busy or self.table is None or self.mapping is None or self.ledger.path is None:
            return None
        self.plan = None
        self.plan_page.show_plan(None, self.tr("正在试导入……"))
        self.status.setText(self.tr("正在试导入 {0} 行……").format(len(self.table.rows)))
        job = plan_job(self.ledger.path, self.ledger.actor.clerk, self.table, self.mapping, self.options())
        self.job = run_job(self, self.tr("试导入"), job, self._planned, self._job_failed)
        self._update()
        return self.job

    def _planned(self, plan: ImportPlan) -> None:
        self.job = None
        self.plan = plan
        self.plan_page.show_plan(plan)
        self.status.setText(self.tr("试导入完成，没有写入任何数据。"))
        self._update()

    # ---- step 5: the import ------------------------------------------------------------

    def import_now(self) -> Job | None:
        """Write the planned rows on a worker, in one transaction (cancel: nothing written)."""
        plan = self.plan
        if self.busy or plan is None or plan.refused or self.outcome is not None or self.ledger.path is None:
            return None
        self.status.setText(self.tr("正在导入……"))
        self.job = run_job(self, self.tr("导入表格"), apply_job(self.ledger.path, self.ledger.actor.clerk, plan),
                           self._imported, self._import_failed)
        self._update()
        return self.job

    def _imported(self, result: ImportResult) -> None:
        self.job = None
        self.outcome = result
        text = self.tr("已导入“{0}”：新增 {1} 条，更新 {2} 条。").format(
            result.plan.path.name, len(result.created), len(result.updated))
        self.finish_page.show_result(text, True)
        self.status.setText("")
        self._update()
        self.imported.emit(result)

    def _import_failed(self, error: BaseException) -> None:
        self.job = None
        if isinstance(error, Cancelled):
            text = self.tr("已取消导入，没有写入任何数据。")
        else:
            text = self.tr("导入失败，没有写入任何数据：\n{0}\n请返回上一步重新试导入。").format(i18n.shown(error))
        self.finish_page.show_result(text, False)
        self.status.setText("")
        self._update()

    def save_error_workbook(self, target: Path | None = None) -> Path | None:
        """Write the error workbook of the refused plan (asks where unless ``target``)."""
        plan = self.plan
        if plan is None or not plan.refused:
            return None
        if target is None:
            target = ask_save_path(self, self.tr("保存问题表"), f"{plan.path.stem}_问题表.xlsx", "xlsx")
            if target is None:
                return None
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            written = write_error_workbook(plan, target)
        except (OSError, TableRefused) as e:  # a locked or unwritable file: say so
            QApplication.restoreOverrideCursor()
            QMessageBox.warning(self, self.tr("保存问题表"), self.tr("无法保存：\n{0}").format(i18n.shown(e)))
            return None
        QApplication.restoreOverrideCursor()
        self.finish_page.show_result(self.tr("已保存问题表：{0}").format(written), True)
        return written

    # ---- jobs and closing ------------------------------------------------------------

    def _job_failed(self, error: BaseException) -> None:
        self.job = None
        text = self.tr("已取消。") if isinstance(error, Cancelled) else i18n.shown(error)
        if self.step == FILE:
            self.file_page.show_error(text)
        else:
            self.plan_page.show_plan(None, text)
        self.status.setText("")
        self._update()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.busy:
            event.ignore()
            return
        super().closeEvent(event)

    def reject(self) -> None:
        if not self.busy:
            super().reject()

