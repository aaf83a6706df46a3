"""导出 Excel and 下载模板 on a register page (the core is :mod:`desktop.tables`).

导出 Excel writes what the page shows: the visible columns in the order of the header, the
search, filters, units, sort and deleted records of its model's state; to ``.xlsx`` (the
default) or ``.csv``, on a worker thread with a progress dialog that can cancel
(:func:`ui.operations.run_job`), then says how many records went where. 下载模板 writes the
register's empty import template.
"""

from __future__ import annotations

import copy
import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtWidgets import QFileDialog, QMessageBox, QPushButton, QWidget

from desktop.browse import BrowseState
from desktop.jobs import Cancelled
from desktop.ledger import Ledger
from desktop.tables.export import ExportRefused, ExportResult, export_table
from desktop.tables.template import TemplateResult, write_template
from ui.editors.i18n import kind_label, language
from ui.flow_layout import FlowLayout
from ui.operations import Job, run_job
from ui.printing.run import error_text
from ui.save_dialog import ask_save_path

if TYPE_CHECKING:
    from ui.pages.register_page import RegisterPage

__all__ = ["TableExport", "install", "ask_export_path"]

log = logging.getLogger(__name__)


def ask_export_path(parent: QWidget, title: str, name: str) -> Path | None:
    """The file the clerk picks for an export: ``.xlsx`` offered first, ``.csv`` second; the
    suffix of the chosen type is added when the clerk leaves it off. None: cancelled."""
    xlsx = QCoreApplication.translate("TableExport", "Excel 文件 (*.xlsx)")
    csv = QCoreApplication.translate("TableExport", "CSV 文件（UTF-8）(*.csv)")
    chosen, picked = QFileDialog.getSaveFileName(parent, title, str(Path.home() / name), f"{xlsx};;{csv}", xlsx)
    if not chosen:
        return None
    target = Path(chosen)
    if target.suffix.lower() not in (".xlsx", ".csv"):
        target = target.with_name(f"{target.name}.{'csv' if picked == csv else 'xlsx'}")
    return target


class TableExport(QObject):
    """The 导出 Excel and 下载模板 buttons of one register page and what they do.

    ``finished(result)`` is emitted with the :class:`desktop.tables.export.ExportResult` or
    :class:`desktop.tables.template.TemplateResult` once a file is written.
    """

    finished = Signal(object)

    def __init__(self, page: RegisterPage, actions: FlowLayout):
        super().__init__(page)
        self.page = page
        self.export_button = QPushButton(self.tr("导出 Excel"), page)
        self.export_button.setObjectName("action_export")
        self.export_button.setToolTip(self.tr("按当前的列、筛选、搜索和排序导出为 Excel（.xlsx）或 CSV"))
        self.export_button.clicked.connect(lambda: self.export())
        self.template_button = QPushButton(self.tr("下载模板"), page)
        self.template_button.setObjectName("action_template")
        self.template_button.setToolTip(self.tr("空白导入模板：表头、下拉列表和填表说明，填好后可直接导入"))
        self.template_button.clicked.connect(lambda: self.download_template())
        if page.ledger.mode not in page.kind.written_by:  # a template only where one may import
            self.template_button.setHidden(True)
        for key, button in (("export", self.export_button), ("template", self.template_button)):
            page.buttons[key] = button
            actions.addWidget(button)
        self.last_job: Job | None = None
        self.last_result: ExportResult | TemplateResult | None = None
        self.last_error: BaseException | None = None

    # ---- what the page shows ---------------------------------------------------------

    def state(self) -> BrowseState:
        """A copy of the page's view: search, filters, units, sort, ids, deleted records."""
        return copy.deepcopy(self.page.model.state)

    def columns(self) -> list[str]:
        """The keys of the visible columns, in the order of the header."""
        return [self.page.browser.columns[n].key for n in self.page.visible_columns()]

    # ---- the actions -----------------------------------------------------------------

    def export(self, target: Path | None = None) -> Job | None:
        """Export the page as it is shown to ``target`` (asked for when None)."""
        label = kind_label(self.page.kind)
        title = self.tr("导出 Excel")
        if target is None:
            target = ask_export_path(self.page, title, f"{label}_{self.page.ledger.today():%Y%m%d}.xlsx")
            if target is None:
                return None
        kind, state, columns, lang = self.page.kind.key, self.state(), self.columns(), language()

        def work(ledger: Ledger, progress: Any, cancelled: Any) -> ExportResult:
            return export_table(ledger, kind, target, state=state, columns=columns, lang=lang,
                                progress=progress, cancelled=cancelled)

        def done(result: ExportResult) -> None:
            self._report(title, self.tr("已导出 {0} 条{1}记录：\n{2}").format(result.rows, label, result.path),
                         result)

        return self._run(self.tr("正在导出{0}").format(label), title, work, done)

    def download_template(self, target: Path | None = None) -> Job | None:
        """Write the register's empty import template to ``target`` (asked for when None)."""
        label = kind_label(self.page.kind)
        title = self.tr("下载模板")
        if target is None:
            target = ask_save_path(self.page, title, self.tr("{0}导入模板.xlsx").format(label), "xlsx")
            if target is None:
                return None
        kind, lang = self.page.kind.key, language()

        def work(ledger: Ledger, progress: Any, cancelled: Any) -> TemplateResult:
            return write_template(ledger, kind, target, lang=lang, progress=progress, cancelled=cancelled)

        def done(result: TemplateResult) -> None:
            self._report(title, self.tr("已保存{0}导入模板（表头为红色粗体的列为必填）：\n{1}").format(
                label, result.path), result)

        return self._run(self.tr("正在生成{0}导入模板").format(label), title, work, done)

    # ---- running -----------------------------------------------------------------------

    def _run(self, progress_title: str, title: str, work: Callable[[Ledger, Any, Any], Any],
             done: Callable[[Any], None]) -> Job | None:
        self.last_result, self.last_error = None, None
        path, clerk = self.page.ledger.path, self.page.ledger.actor.clerk

        def failed(error: BaseException) -> None:
            self.last_error = error
            if isinstance(error, Cancelled):
                log.info("export cancelled")
                return
            if not isinstance(error, (ExportRefused, OSError)):
                log.error("export failed: %r", error)
            if isinstance(error, OSError):
                text = self.tr("文件无法写入：{0}").format(error.filename or error.strerror or error)
            else:
                text = error_text(error)
            QMessageBox.warning(self.page, title, text)

        if path is None:  # a ledger without a file (tests): on this thread
            try:
                done(work(self.page.ledger, lambda _d, _t: None, lambda: False))
            except Exception as e:  # noqa: BLE001 - shown to the clerk like a worker's error
                failed(e)
            return None

        def in_worker(progress: Any, cancelled: Any) -> Any:
            with Ledger.open(path, clerk=clerk) as worker:
                return work(worker, progress, cancelled)

        self.last_job = run_job(self.page, progress_title, in_worker, done, failed)
        return self.last_job

    def _report(self, title: str, text: str, result: ExportResult | TemplateResult) -> None:
        self.last_result = result
        self.finished.emit(result)
        QMessageBox.information(self.page, title, text)


def install(page: RegisterPage, actions: FlowLayout) -> TableExport:
    """Put 导出 Excel and 下载模板 into a register page's action bar (``page.table_export``)."""
    return TableExport(page, actions)
