"""The 设置 page: language, the clerk's name, where the database lives, backups, a full check."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from db import backup
from desktop.fields import FieldError
from desktop.jobs import CancelCheck, Progress
from desktop.ledger import Ledger
from ui import i18n
from ui.operations import run_job

if TYPE_CHECKING:  # desktop.checks is imported when a check runs
    from desktop.checks import CheckReport

__all__ = ["SettingsPage"]


class SettingsPage(QWidget):
    """Settings of the window and of this database."""

    language_changed = Signal(str)

    def __init__(self, ledger: Ledger, settings: QSettings, lang: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.ledger = ledger
        self.settings = settings
        layout = QVBoxLayout(self)

        ui_box = QGroupBox(self.tr("界面"), self)
        form = QFormLayout(ui_box)
        self.language = QComboBox(ui_box)
        self.language.setObjectName("language")
        self.language.addItem("简体中文", "zh")
        self.language.addItem("English", "en")
        self.language.setCurrentIndex(0 if lang == "zh" else 1)
        self.language.currentIndexChanged.connect(self._language_chosen)
        form.addRow(self.tr("语言："), self.language)
        layout.addWidget(ui_box)

        who = QGroupBox(self.tr("经办人"), self)
        row = QHBoxLayout(who)
        self.clerk = QLineEdit(ledger.actor.clerk, who)
        self.clerk.setObjectName("clerk")
        save = QPushButton(self.tr("保存"), who)
        save.clicked.connect(self._save_clerk)
        row.addWidget(QLabel(self.tr("修改记录中的经办人："), who))
        row.addWidget(self.clerk, 1)
        row.addWidget(save)
        layout.addWidget(who)

        data = QGroupBox(self.tr("数据"), self)
        form = QFormLayout(data)
        path = ledger.path or Path("")
        self.path_label = QLabel(str(path), data)
        self.path_label.setWordWrap(True)
        form.addRow(self.tr("数据库文件："), self.path_label)
        form.addRow(self.tr("备份文件夹："), QLabel(str(backup.backup_dir(path)), data))
        buttons = QHBoxLayout()
        for text, slot in ((self.tr("打开所在文件夹"), self._open_folder),
                           (self.tr("立即备份"), self._backup_now),
                           (self.tr("检查数据"), self._check)):
            b = QPushButton(text, data)
            b.clicked.connect(slot)
            buttons.addWidget(b)
        buttons.addStretch(1)
        form.addRow(buttons)
        self.check_result = QLabel(data)
        self.check_result.setObjectName("check_result")
        self.check_result.setWordWrap(True)
        form.addRow(self.check_result)
        layout.addWidget(data)
        self._add_print_font_box(layout)
        layout.addStretch(1)

    def _add_print_font_box(self, layout: QVBoxLayout) -> None:
        """打印字体: the TrueType file of the printed forms (ui.printing.font_setting)."""
        from ui.printing.font_setting import PrintFontBox

        self.print_font = PrintFontBox(self.ledger, self)
        layout.addWidget(self.print_font)

    def _language_chosen(self, _index: int) -> None:
        self.language_changed.emit(self.language.currentData())

    def show_language(self, lang: str) -> None:
        """Show ``lang`` as the chosen language (without switching to it)."""
        self.language.blockSignals(True)
        self.language.setCurrentIndex(max(0, self.language.findData(lang)))
        self.language.blockSignals(False)

    def _save_clerk(self) -> None:
        try:
            self.ledger.set_clerk(self.clerk.text())
        except FieldError as e:
            QMessageBox.warning(self, self.tr("经办人"), i18n.shown(e))
            return
        QMessageBox.information(self, self.tr("经办人"), self.tr("已保存。"))

    def _open_folder(self) -> None:
        if self.ledger.path:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.ledger.path.parent)))

    def _backup_now(self) -> None:
        if self.ledger.path is None:
            return
        copy = backup.make_backup(self.ledger.db, self.ledger.path, reason="manual")
        QMessageBox.information(self, self.tr("备份"), self.tr("已备份到：\n{0}").format(copy))

    def _check(self) -> None:
        """Check the whole file on a worker thread with its own connection."""
        path = self.ledger.path
        if path is None:
            return

        def job(progress: Progress, cancelled: CancelCheck) -> CheckReport:
            from desktop.checks import check_file

            with Ledger.open(path) as worker_ledger:
                return check_file(worker_ledger, progress=progress, cancelled=cancelled)

        def done(report: CheckReport) -> None:
            lines = [self.tr("检查了 {0} 条记录：错误 {1} 条，提示 {2} 条。").format(
                report.records_checked, len(report.errors), len(report.findings) - len(report.errors))]
            lines += [f"{f.kind} {f.record_id} {i18n.shown(f)}" for f in report.findings[:20]]
            self.check_result.setText("<br>".join(lines))

        self.check_job = run_job(self, self.tr("检查数据"), job, done,
                                 lambda e: self.check_result.setText(i18n.shown(e)))
