"""The case register's page extras (行政保护案件): the 典型案例… button and its dialog.

:func:`attach_typical_cases` (called by the main window after it makes the case page) puts
典型案例… into the page's action bar. The dialog lists the typical cases this office can
publish (a county its own, a city its units' and its own: :func:`desktop.cases.typical.typical_cases`),
for one filing year or every year, and exports the publication sheet as ``.xlsx`` or PDF on a
worker thread (:func:`desktop.cases.typical.write_typical`).
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, QTimer
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.cases.typical import TypicalCase, typical_cases, write_typical
from desktop.ledger import Ledger
from ui.editors.i18n import language
from ui.operations import Job, run_job
from ui.pages.register_page import RegisterPage
from ui.printing.run import error_text
from ui.save_dialog import ask_save_path

__all__ = ["attach_typical_cases", "TypicalCasesDialog"]

log = logging.getLogger(__name__)


def attach_typical_cases(page: RegisterPage) -> RegisterPage:
    """Add 典型案例… to the case page's actions (``page.buttons["typical"]``); returns ``page``."""
    button = QPushButton(QCoreApplication.translate("TypicalCases", "典型案例…"), page)
    button.setObjectName("action_typical")
    button.setToolTip(QCoreApplication.translate(
        "TypicalCases", "列出标为典型案例的案件，导出公布用的 Excel 或 PDF"))

    def open_dialog() -> None:
        TypicalCasesDialog(page.ledger, page).exec()

    button.clicked.connect(open_dialog)
    page.buttons["typical"] = button
    page.action_bar.addWidget(button)
    return page


class TypicalCasesDialog(QDialog):
    """The typical cases for publication: a year, the list, export to Excel or PDF."""

    def __init__(self, ledger: Ledger, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("typical_cases")
        self.ledger = ledger
        self.cases: list[TypicalCase] = typical_cases(ledger)
        self.shown: list[TypicalCase] = list(self.cases)
        self.job: Job | None = None
        self.last_path: Path | None = None
        county = ledger.mode == "county"
        self.setWindowTitle(self.tr("典型案例（本单位）") if county else self.tr("典型案例（各单位）"))
        self.resize(960, 560)
        layout = QVBoxLayout(self)
        bar = QHBoxLayout()
        bar.addWidget(QLabel(self.tr("立案年度："), self))
        self.year = QComboBox(self)
        self.year.setObjectName("typical_year")
        self.year.addItem(self.tr("全部年度"), None)
        for y in sorted({int(c.filed_date[:4]) for c in self.cases if c.filed_date[:4].isdigit()}, reverse=True):
            self.year.addItem(str(y), y)
        self.year.currentIndexChanged.connect(lambda _i: self._fill())
        bar.addWidget(self.year)
        self.count = QLabel(self)
        self.count.setObjectName("typical_count")
        bar.addWidget(self.count, 1)
        layout.addLayout(bar)
        self.table = QTableWidget(0, 7, self)
        self.table.setObjectName("typical_table")
        self.table.setHorizontalHeaderLabels([
            self.tr("单位"), self.tr("案件编号"), self.tr("当事人"), self.tr("地理标志"),
            self.tr("违法行为"), self.tr("处理处罚"), self.tr("案例简介")])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setWordWrap(True)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        header.sectionResized.connect(lambda *_a: self.table.resizeRowsToContents())
        for n, width in enumerate((80, 150, 130, 90, 130, 150)):
            self.table.setColumnWidth(n, width)
        layout.addWidget(self.table, 1)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.to_xlsx = QPushButton(self.tr("导出 Excel…"), self)
        self.to_xlsx.setObjectName("typical_xlsx")
        self.to_xlsx.clicked.connect(lambda: self.export("xlsx"))
        self.to_pdf = QPushButton(self.tr("导出 PDF…"), self)
        self.to_pdf.setObjectName("typical_pdf")
        self.to_pdf.clicked.connect(lambda: self.export("pdf"))
        close = QPushButton(self.tr("关闭"), self)
        close.clicked.connect(self.reject)
        for b in (self.to_xlsx, self.to_pdf, close):
            buttons.addWidget(b)
        layout.addLayout(buttons)
        self._fill()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        QTimer.singleShot(0, self.table.resizeRowsToContents)  # the columns have their widths now

    def chosen_year(self) -> int | None:
        """The filing year chosen (None: every year)."""
        data: Any = self.year.currentData()
        return int(data) if data is not None else None

    def _fill(self) -> None:
        year = self.chosen_year()
        self.shown = [c for c in self.cases if year is None or c.filed_date.startswith(f"{year:04d}")]
        en = language() == "en"
        self.table.setRowCount(len(self.shown))
        for r, c in enumerate(self.shown):
            for col, text in enumerate((c.unit, c.case_no, c.party_name, c.gi, c.act_en if en else c.act_zh,
                                        c.penalty, c.summary)):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                item.setTextAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
                self.table.setItem(r, col, item)
        self.table.resizeRowsToContents()
        self.count.setText(self.tr("共 {0} 件典型案例").format(len(self.shown)) if self.shown
                           else self.tr("没有标为典型案例的案件（在案件中勾选“典型案例”并填写案例简介）"))
        for b in (self.to_xlsx, self.to_pdf):
            b.setEnabled(bool(self.shown))

    def export(self, suffix: str, target: Path | None = None) -> Job | None:
        """Save the shown cases as ``xlsx`` or ``pdf`` (asks where unless ``target`` is given);
        on a worker thread when the ledger has a file."""
        year = self.chosen_year()
        title = self.tr("导出典型案例")
        if target is None:
            name = (self.tr("典型案例{0}").format(year) if year is not None else self.tr("典型案例")) + f".{suffix}"
            target = ask_save_path(self, title, name, suffix)
            if target is None:
                return None
        path, clerk = self.ledger.path, self.ledger.actor.clerk

        def done(result: object) -> None:
            self.last_path = Path(str(result))
            QMessageBox.information(self, title, self.tr("已保存典型案例（{0} 件）：\n{1}").format(
                len(self.shown), result))

        def failed(error: BaseException) -> None:
            log.warning("typical cases export failed: %r", error)
            if isinstance(error, OSError):
                text = self.tr("文件无法写入：{0}").format(error.filename or error.strerror or error)
            else:
                text = error_text(error)
            QMessageBox.warning(self, title, text)

        if path is None:  # a ledger without a file (tests): on this thread
            try:
                done(write_typical(self.ledger, target, year, self.shown))
            except Exception as e:  # noqa: BLE001 - shown to the clerk like a worker's error
                failed(e)
            return None

        def work(_progress: Any, _cancelled: Any) -> Path:
            with Ledger.open(path, clerk=clerk) as worker:
                return write_typical(worker, target, year)

        self.job = run_job(self, self.tr("正在导出典型案例"), work, done, failed)
        return self.job
