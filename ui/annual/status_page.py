"""The 报送情况 tab of 年报: for a year, every user owing a report with its status, deadline and
whether it is overdue (:mod:`desktop.annual.status`); set the deadline, write the blank workbooks
(one per user into a folder, or all in one), import returned workbooks (a dry run shown first,
then the import; an error workbook when refused), and list the overdue users on the abnormal
list in one step."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QFileDialog,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.annual import status as st
from desktop.annual.errors import write_error_workbook
from desktop.annual.returned import AnnualImport
from desktop.annual.workbook import WorkbookResult
from desktop.fields import ValidationFailed
from desktop.ledger import Ledger
from desktop.registers import REGISTRY
from ui import i18n
from ui.annual.jobs import apply_job, plan_job, workbook_job
from ui.annual.status_model import StatusModel
from ui.flow_layout import FlowLayout
from ui.operations import Job, run_job
from ui.save_dialog import ask_save_path

__all__ = ["AnnualStatusPage"]

log = logging.getLogger(__name__)

FILTERS = ("all", "none", "submitted", "approved", "returned", "overdue")


class AnnualStatusPage(QWidget):
    """Year, status filter, deadline; the users' table; workbooks, import, bulk listing."""

    data_changed = Signal()
    """Records were written (an import, a listing): the window refreshes the registers."""

    def __init__(self, ledger: Ledger, parent: QWidget | None = None):
        super().__init__(parent)
        self.ledger = ledger
        self.view: st.YearStatus | None = None
        self.plan: AnnualImport | None = None
        self.plan_paths: list[Path] = []
        self.job: Job | None = None
        layout = QVBoxLayout(self)
        bar = FlowLayout()
        bar.addWidget(QLabel(self.tr("年度"), self))
        self.year = QSpinBox(self)
        self.year.setObjectName("annual_year")
        self.year.setRange(2000, 2100)
        self.year.setValue(ledger.today().year - 1)
        self.year.valueChanged.connect(lambda _v: self.refresh())
        bar.addWidget(self.year)
        bar.addWidget(QLabel(self.tr("状态"), self))
        self.filter = QComboBox(self)
        self.filter.setObjectName("annual_filter")
        labels = {"all": self.tr("全部"), "none": self.tr("未报"), "submitted": self.tr("已报"),
                  "approved": self.tr("已审核"), "returned": self.tr("退回"), "overdue": self.tr("逾期")}
        for code in FILTERS:
            self.filter.addItem(labels[code], code)
        self.filter.currentIndexChanged.connect(lambda _i: self._fill())
        bar.addWidget(self.filter)
        bar.addWidget(QLabel(self.tr("截止日期"), self))
        self.deadline = QDateEdit(self)
        self.deadline.setObjectName("annual_deadline")
        self.deadline.setCalendarPopup(True)
        self.deadline.setDisplayFormat("yyyy-MM-dd")
        bar.addWidget(self.deadline)
        self._button(bar, "set_deadline", self.tr("设置截止日期"), self.set_deadline)
        self._button(bar, "workbooks_folder", self.tr("生成工作簿（每户一个）…"), self.ask_workbooks_folder)
        self._button(bar, "workbook_file", self.tr("生成工作簿（合并为一个）…"), self.ask_workbook_file)
        self._button(bar, "import_workbooks", self.tr("导入回收的工作簿…"), self.ask_import)
        self.list_button = self._button(bar, "list_overdue", self.tr("列入异常名录"), self.list_overdue)
        layout.addLayout(bar)
        self.summary = QLabel(self)
        self.summary.setObjectName("annual_summary")
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        split = QSplitter(self)
        split.setOrientation(split.orientation().Vertical)
        headers = [self.tr("编号"), self.tr("企业名称"), self.tr("统一社会信用代码"), self.tr("用标状态"),
                   self.tr("年报状态"), self.tr("年报"), self.tr("截止日期"), self.tr("逾期")]
        self.model = StatusModel(headers, self.tr("逾期"), self.tr("（已列入异常名录）"), self)
        self.table = QTableView(split)
        self.table.setObjectName("annual_table")
        self.table.setModel(self.model)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(self.table.fontMetrics().height() + 10)
        head = self.table.horizontalHeader()
        head.setResizeContentsPrecision(100)  # the first rows decide a column's width, not 20,000
        head.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        head.setSectionResizeMode(1, QHeaderView.ResizeMode.Interactive)
        head.resizeSection(1, 220)
        head.setStretchLastSection(True)
        self.preview_box = QWidget(split)
        box = QVBoxLayout(self.preview_box)
        box.setContentsMargins(0, 0, 0, 0)
        self.preview = QPlainTextEdit(self.preview_box)
        self.preview.setObjectName("annual_preview")
        self.preview.setReadOnly(True)
        box.addWidget(self.preview)
        actions = FlowLayout()
        self.import_button = self._button(actions, "confirm_import", self.tr("确认导入"), self.confirm_import)
        self.errors_button = self._button(actions, "save_errors", self.tr("保存问题工作簿…"), self.ask_save_errors)
        self._button(actions, "close_preview", self.tr("关闭预览"), self.close_preview)
        box.addLayout(actions)
        layout.addWidget(split, 1)
        self.preview_box.hide()

    def showEvent(self, event: Any) -> None:
        """Brought to the front: read the status (again: another page may have changed it)."""
        super().showEvent(event)
        self.refresh()

    def _button(self, bar: Any, name: str, text: str, slot: Any) -> QPushButton:
        b = QPushButton(text, self)
        b.setObjectName(name)
        b.clicked.connect(lambda _checked=False: slot())
        bar.addWidget(b)
        return b

    # ---- the status table --------------------------------------------------------------

    def refresh(self) -> None:
        """Read the year's status again."""
        self.view = st.year_status(self.ledger, self.year.value())
        d = self.view.deadline
        self.deadline.setDate(QDate(d.year, d.month, d.day))
        self._fill()

    def _fill(self) -> None:
        view = self.view
        if view is None:
            return
        code = self.filter.currentData()
        rows = [u for u in view.users if code == "all" or (u.overdue if code == "overdue" else u.status == code)]
        self.model.set_rows(rows, i18n.current() == "zh")
        counts = view.counts()
        default = "" if view.deadline_set else self.tr("（默认）")
        self.summary.setText(
            self.tr("{0}年度：应报 {1} 户；未报 {2}，已报 {3}，已审核 {4}，退回 {5}；逾期 {6}。截止日期 {7}{8}").format(
                view.year, len(view.users), counts["none"], counts["submitted"], counts["approved"],
                counts["returned"], counts["overdue"], view.deadline.isoformat(), default))
        proposed = len(view.overdue_to_list())
        self.list_button.setText(self.tr("列入异常名录（{0}）…").format(proposed))
        self.list_button.setEnabled(proposed > 0)

    def shown_rows(self) -> int:
        """Rows the table shows (after the filter)."""
        return self.model.rowCount()

    # ---- deadline and the abnormal list ------------------------------------------------

    def set_deadline(self) -> bool:
        """Set the deadline in the date box for the year; False (and why shown) if refused."""
        day = self.deadline.date().toPython()
        try:
            st.set_deadline(self.ledger, self.year.value(), day)  # type: ignore[arg-type]  # a date
        except ValidationFailed as e:
            self.warn(self.tr("截止日期"), "\n".join(i18n.shown(err.reason) for err in e.errors))
            return False
        self.refresh()
        return True

    def confirm(self, title: str, text: str) -> bool:
        """Ask the clerk (a test replaces this)."""
        answer = QMessageBox.question(self, title, text)
        return answer == QMessageBox.StandardButton.Yes

    def warn(self, title: str, text: str) -> None:
        """Tell the clerk what went wrong (a test replaces this)."""
        QMessageBox.warning(self, title, text)

    def list_overdue(self) -> int:
        """After a confirmation naming how many: the overdue users without a report on the
        abnormal list (未报年报), in one step. Returns how many were listed."""
        if self.view is None:
            return 0
        due = self.view.overdue_to_list()
        if not due:
            return 0
        text = self.tr("将 {0} 户{1}年度逾期未报年报的用标主体列入异常名录（原因：未报年报），其状态改为“列入异常名录”。确定吗？"  # noqa: E501
                       ).format(len(due), self.view.year)
        if not self.confirm(self.tr("列入异常名录"), text):
            return 0
        try:
            listed = st.list_overdue(self.ledger, self.view.year, [u.user_id for u in due])
        except ValidationFailed as e:
            self.warn(self.tr("列入异常名录"), "\n".join(i18n.shown(err.reason) for err in e.errors))
            return 0
        self.refresh()
        self.data_changed.emit()
        return len(listed)

    # ---- workbooks -----------------------------------------------------------------------

    def ask_workbooks_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("选择保存工作簿的文件夹"))
        if folder:
            self.write_workbooks(Path(folder), per_user=True)

    def ask_workbook_file(self) -> None:
        path = ask_save_path(self, self.tr("保存年报填报工作簿"), f"{self.year.value()}年度年报填报", "xlsx")
        if path is not None:
            self.write_workbooks(path, per_user=False)

    def write_workbooks(self, target: Path, *, per_user: bool) -> Job | None:
        """Write the year's workbooks on a worker thread (progress, cancel)."""
        if self.ledger.path is None:
            return None
        fn = workbook_job(self.ledger.path, self.ledger.actor.clerk, self.year.value(), target, per_user=per_user)
        self.job = run_job(self, self.tr("生成年报工作簿"), fn, self._written, self._failed)
        return self.job

    def _written(self, result: WorkbookResult) -> None:
        self.job = None
        where = result.files[0].parent if len(result.files) > 1 else result.files[0]
        text = self.tr("已生成 {0} 个文件，{1} 个用标主体。").format(len(result.files), len(result.serials))
        self.summary.setText(f"{text} {where}")

    def _failed(self, error: BaseException) -> None:
        self.job = None
        self.warn(self.tr("年报"), i18n.shown(error))

    # ---- importing returned workbooks ----------------------------------------------------

    def ask_import(self) -> None:
        files, _filter = QFileDialog.getOpenFileNames(self, self.tr("选择回收的年报工作簿"), "",
                                                      self.tr("Excel 文件 (*.xlsx)"))
        if files:
            self.dry_run([Path(f) for f in files])

    def dry_run(self, paths: Sequence[Path]) -> Job | None:
        """Check ``paths`` on a worker thread; the outcome is shown in the preview."""
        if self.ledger.path is None:
            return None
        self.plan_paths = list(paths)
        fn = plan_job(self.ledger.path, self.ledger.actor.clerk, self.plan_paths)
        self.job = run_job(self, self.tr("试导入"), fn, self._planned, self._failed)
        return self.job

    def _describe(self, plan: AnnualImport) -> str:
        zh = i18n.current() == "zh"
        words = {"new": self.tr("新增"), "updated": self.tr("更新"), "unchanged": self.tr("无变化"),
                 "blank": self.tr("未填写，跳过"), "refused": self.tr("拒绝")}
        kind = REGISTRY["annual-report"]
        lines = []
        for f in plan.files:
            lines.append(f"{f.path.name}  SHA-256 {f.sha256[:16]}")
            if f.refusal is not None:
                lines.append("  " + self.tr("拒绝：") + i18n.shown(f.refusal))
            for s in f.sheets:
                action = "refused" if s.refused else s.action
                line = f"  {s.sheet}  {s.user_id}  {words[action]}"
                if s.changes and not s.refused:
                    line += " (" + ", ".join(kind.field(k).zh if zh else kind.field(k).en for k in s.changes) + ")"
                lines.append(line)
                if s.refusal is not None:
                    lines.append("    " + i18n.shown(s.refusal))
                lines += ["    " + p.describe("zh" if zh else "en") for p in s.problems]
                lines += ["    " + self.tr("提示：") + (w.message_zh if zh else w.message_en) for w in s.warnings]
        c = plan.counts()
        lines.append(self.tr("新增 {0}，更新 {1}，无变化 {2}，未填写 {3}，拒绝 {4}").format(
            c["new"], c["updated"], c["unchanged"], c["blank"], c["refused"]))
        if not plan.ok:
            lines.append(self.tr("有被拒绝的文件或工作表：不能导入。请保存问题工作簿，改正后重新导入。"))
        return "\n".join(lines)

    def _planned(self, plan: AnnualImport) -> None:
        self.job = None
        self.plan = plan
        self.preview.setPlainText(self._describe(plan))
        self.import_button.setEnabled(plan.ok)
        self.errors_button.setEnabled(not plan.ok)
        self.preview_box.show()

    def confirm_import(self) -> Job | None:
        """Import the files of the dry run (all or nothing), on a worker thread."""
        if self.plan is None or not self.plan.ok or self.ledger.path is None:
            return None
        fn = apply_job(self.ledger.path, self.ledger.actor.clerk, self.plan_paths)
        self.job = run_job(self, self.tr("导入年报工作簿"), fn, self._imported, self._failed)
        return self.job

    def _imported(self, plan: AnnualImport) -> None:
        self._planned(plan)
        if plan.ok:
            self.import_button.setEnabled(False)
            self.preview.appendPlainText(self.tr("已导入。"))
            self.refresh()
            self.data_changed.emit()

    def ask_save_errors(self) -> None:
        path = ask_save_path(self, self.tr("保存问题工作簿"), self.tr("年报问题工作簿"), "xlsx")
        if path is not None:
            self.save_errors(path)

    def save_errors(self, path: Path) -> Path | None:
        """Write the dry run's error workbook at ``path``."""
        if self.plan is None:
            return None
        written = write_error_workbook(self.plan, path)
        self.preview.appendPlainText(self.tr("问题工作簿已保存：") + str(written))
        return written

    def close_preview(self) -> None:
        self.plan = None
        self.preview_box.hide()
