"""Step 5 of 导入表格: the dry run in words, 导入 (only when nothing is refused), 保存问题表
(the error workbook to fix and import again), and what the import wrote."""

from __future__ import annotations

import logging

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPlainTextEdit, QPushButton, QVBoxLayout, QWidget

from desktop.tables.describe import describe_plan
from desktop.tables.model import ImportPlan
from ui import i18n

__all__ = ["FinishPage"]

log = logging.getLogger(__name__)


class FinishPage(QWidget):
    """``import_requested()`` (导入) and ``workbook_requested()`` (保存问题表…)."""

    import_requested = Signal()
    workbook_requested = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.state_label = QLabel(self)
        self.state_label.setObjectName("finish_state")
        self.state_label.setWordWrap(True)
        layout.addWidget(self.state_label)
        self.summary = QPlainTextEdit(self)
        self.summary.setObjectName("plan_summary")
        self.summary.setReadOnly(True)
        layout.addWidget(self.summary, 1)
        row = QHBoxLayout()
        self.result_label = QLabel(self)
        self.result_label.setObjectName("import_result")
        self.result_label.setWordWrap(True)
        row.addWidget(self.result_label, 1)
        self.workbook_button = QPushButton(self.tr("保存问题表…"), self)
        self.workbook_button.setObjectName("save_problems")
        self.workbook_button.setToolTip(self.tr("把有问题的单元格在您的文件中标出来并加批注，另附“问题清单”，改好后再导入"))
        self.workbook_button.clicked.connect(self.workbook_requested.emit)
        row.addWidget(self.workbook_button)
        self.import_button = QPushButton(self.tr("导入"), self)
        self.import_button.setObjectName("import_now")
        self.import_button.clicked.connect(self.import_requested.emit)
        row.addWidget(self.import_button)
        layout.addLayout(row)

    def show_plan(self, plan: ImportPlan, *, busy: bool, done: bool) -> None:
        """The plan described; 导入 enabled only for a plan without refusals, not yet imported."""
        self.summary.setPlainText(describe_plan(plan, dry_run=True, lang=i18n.current()))
        refused = sum(1 for r in plan.rows if r.action == "refused")
        if plan.refused:
            text = self.tr("有 {0} 行被拒绝，不能导入，什么也没有写入。").format(refused)
            if plan.problems:
                text += self.tr("整个文件另有 {0} 个问题（见下）。").format(len(plan.problems))
            self.state_label.setText(text + self.tr("请点“保存问题表…”，在保存的文件中按批注改好后重新导入。"))
            self.state_label.setStyleSheet("color: #c62828; font-weight: bold;")
        else:
            self.state_label.setText(self.tr("导入已完成，下面是导入前试导入的结果。") if done else self.tr(
                "试导入没有发现问题。点“导入”写入登记册（一次全部写入，可以取消）。"))
            self.state_label.setStyleSheet("color: #2e7d32; font-weight: bold;")
        self.import_button.setEnabled(not plan.refused and not busy and not done)
        self.workbook_button.setEnabled(plan.refused and not busy)

    def show_result(self, text: str, ok: bool) -> None:
        self.result_label.setText(text)
        self.result_label.setStyleSheet("color: #2e7d32; font-weight: bold;" if ok else "color: #c62828;")
