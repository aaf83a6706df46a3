"""导出数据包 (county): where to, the reporting period, the city's e-mail address; then the
export on a worker thread, and a mail draft or the folder afterwards."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from db import meta
from db import packets as packet_log
from db.connection import transaction
from desktop import practice
from desktop.jobs import CancelCheck, Cancelled, Progress
from desktop.ledger import Ledger
from desktop.packets.export import (
    ExportResult,
    default_packet_name,
    export_packet,
    packets_dir,
)
from desktop.packets.mail import make_eml
from ui import i18n
from ui.operations import Job, run_job
from ui.packets import common

__all__ = ["ExportDialog", "EMAIL_SETTING", "valid_email"]

EMAIL_SETTING = "city_email"
"""The database setting that remembers the city's address."""

_EMAIL = re.compile(r"^[^@\s,;<>]+@[^@\s,;<>]+\.[^@\s,;<>]+$")


def valid_email(text: str) -> bool:
    return bool(_EMAIL.match(text.strip()))


class ExportDialog(QDialog):
    """Export this county's packet; ``exported(ExportResult)`` fires when the file is written."""

    exported = Signal(object)

    result: ExportResult | None  # type: ignore[assignment]  # shadows QDialog.result(), which nothing calls

    def __init__(self, ledger: Ledger, parent: QWidget | None = None):
        super().__init__(parent)
        self.ledger = ledger
        self.result = None
        self.job: Job | None = None
        self.eml: Path | None = None
        self.setObjectName("ExportDialog")
        self.setWindowTitle(self.tr("导出数据包"))
        self.setMinimumWidth(680)
        office = ledger.office
        last = packet_log.last_sent(ledger.db, office.code)
        self.sequence = (last.sequence or 0) + 1 if last else 1
        self.default_path = packets_dir(ledger, "sent") / default_packet_name(ledger, "county",
                                                                               self.sequence)
        layout = QVBoxLayout(self)
        intro = QLabel(self.tr(
            "将导出{0}（{1}）的全部记录（含已删除记录的标记），生成第 {2} 号数据包，并用本单位的密钥签名。"
            "数据包导出后请不要在 Excel 中修改，否则市局会拒绝导入。").format(
                office.name, office.code, self.sequence), self)
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.practice = practice.database_practice(ledger.db)
        self.practice_warning = QLabel(self._practice_text(), self)
        self.practice_warning.setObjectName("not_for_reporting")
        self.practice_warning.setWordWrap(True)
        self.practice_warning.setStyleSheet(
            "QLabel#not_for_reporting { background: #c00000; color: white; font-weight: bold;"
            " padding: 6px 8px; border-radius: 3px; }")
        self.practice_warning.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        self.practice_warning.setVisible(self.practice is not None)
        layout.addWidget(self.practice_warning)

        form = QFormLayout()
        row = QHBoxLayout()
        self.path_edit = QLineEdit(str(self.default_path), self)
        self.path_edit.setObjectName("export_path")
        self.browse = QPushButton(self.tr("浏览…"), self)
        self.browse.clicked.connect(self._browse)
        row.addWidget(self.path_edit, 1)
        row.addWidget(self.browse)
        form.addRow(self.tr("保存到："), row)
        self.period_edit = QLineEdit(self)
        self.period_edit.setObjectName("export_period")
        today = date.today()
        self.period_edit.setPlaceholderText(self.tr("可不填，默认为 {0}").format(
            f"{today.year}年{today.month}月"))
        form.addRow(self.tr("报送期间："), self.period_edit)
        self.email_edit = QLineEdit(meta.get_setting(ledger.db, EMAIL_SETTING) or "", self)
        self.email_edit.setObjectName("city_email")
        self.email_edit.setPlaceholderText(self.tr("例如 scjgj@example.gov.cn，用于生成邮件"))
        form.addRow(self.tr("市局邮箱："), self.email_edit)
        layout.addLayout(form)

        self.result_box = QGroupBox(self.tr("导出结果"), self)
        self.result_box.setObjectName("export_result")
        box = QVBoxLayout(self.result_box)
        self.result_label = QLabel(self.result_box)
        self.result_label.setObjectName("result_label")
        self.result_label.setWordWrap(True)
        self.result_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        box.addWidget(self.result_label)
        actions = QHBoxLayout()
        self.mail_button = QPushButton(self.tr("生成邮件"), self.result_box)
        self.mail_button.setObjectName("make_mail")
        self.mail_button.setToolTip(self.tr("生成一封带数据包附件的邮件草稿，用邮件程序打开后即可发送"))
        self.mail_button.clicked.connect(self.make_mail)
        self.folder_button = QPushButton(self.tr("打开所在文件夹"), self.result_box)
        self.folder_button.clicked.connect(self.open_folder)
        actions.addWidget(self.mail_button)
        actions.addWidget(self.folder_button)
        actions.addStretch(1)
        box.addLayout(actions)
        self.result_box.setVisible(False)
        layout.addWidget(self.result_box)

        self.status = QLabel(self)
        self.status.setObjectName("export_status")
        self.status.setWordWrap(True)
        layout.addWidget(self.status)

        self.buttons = QDialogButtonBox(self)
        self.export_button = self.buttons.addButton(self.tr("导出"), QDialogButtonBox.ButtonRole.ActionRole)
        self.export_button.setObjectName("export_button")
        self.export_button.setDefault(True)
        self.export_button.clicked.connect(self.start_export)
        self.close_button = self.buttons.addButton(self.tr("关闭"), QDialogButtonBox.ButtonRole.RejectRole)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)

    def _practice_text(self) -> str:
        """The warning of a demo or training database ("" for a real one)."""
        if self.practice == practice.DEMO:
            return self.tr("这是演示数据库：导出的数据包会标为“演示数据”（封面和签名中都有标记），"
                           "不得用于报送，真实台账的市局数据库会拒绝导入。")
        if self.practice == practice.TRAINING:
            return self.tr("这是培训数据库：导出的数据包会标为“培训数据”（封面和签名中都有标记），"
                           "不得用于报送，真实台账的市局数据库会拒绝导入。")
        return ""

    def _confirm_practice(self) -> bool:
        """A demo or training database: the clerk confirms the export is not for reporting."""
        if self.practice is None:
            return True
        question = (self.tr("要导出标为“演示数据”的数据包吗？\n它只能用于演示和培训，不得报送给市局。")
                    if self.practice == practice.DEMO else
                    self.tr("要导出标为“培训数据”的数据包吗？\n它只能用于演示和培训，不得报送给市局。"))
        answer = QMessageBox.question(self, self.tr("导出数据包"), question)
        return answer == QMessageBox.StandardButton.Yes

    # ---- inputs -----------------------------------------------------------------------

    def _browse(self) -> None:
        current = self.path_edit.text().strip() or str(self.default_path)
        chosen, _filter = QFileDialog.getSaveFileName(
            self, self.tr("数据包保存到"), current, self.tr("Excel 数据包 (*.xlsx)"))
        if chosen:
            if not chosen.lower().endswith(".xlsx"):
                chosen += ".xlsx"
            self.path_edit.setText(chosen)

    def _target(self) -> Path | bool | None:
        """The chosen file (None: the default name); False if the clerk must fix it first."""
        text = self.path_edit.text().strip()
        if not text or Path(text) == self.default_path:
            return None
        target = Path(text)
        if target.suffix.lower() != ".xlsx":
            target = target.with_name(target.name + ".xlsx")
        if not target.parent.is_dir():
            QMessageBox.warning(self, self.tr("导出数据包"),
                                self.tr("文件夹不存在：\n{0}").format(target.parent))
            return False
        if target.exists():
            answer = QMessageBox.question(self, self.tr("导出数据包"),
                                          self.tr("文件已存在，要替换它吗？\n{0}").format(target))
            if answer != QMessageBox.StandardButton.Yes:
                return False
        return target

    def _remember_email(self) -> str | None:
        """The address typed (saved in the database if it changed); None if it is not valid."""
        text = self.email_edit.text().strip()
        if text and not valid_email(text):
            QMessageBox.warning(self, self.tr("市局邮箱"),
                                self.tr("“{0}”不是有效的邮箱地址。").format(text))
            return None
        if text != (meta.get_setting(self.ledger.db, EMAIL_SETTING) or ""):
            with transaction(self.ledger.db):
                meta.set_setting(self.ledger.db, EMAIL_SETTING, text or None)
        return text

    # ---- exporting ----------------------------------------------------------------------

    def start_export(self) -> Job | None:
        """Check the inputs and start the export on a worker; the job, or None if refused."""
        if self.job is not None or self.result is not None:
            return None
        target = self._target()
        if target is False:
            return None
        if self._remember_email() is None:
            return None
        if not self._confirm_practice():
            return None
        db_path = self.ledger.path
        if db_path is None:
            return None
        clerk = self.ledger.actor.clerk
        period = self.period_edit.text().strip() or None
        chosen = target if isinstance(target, Path) else None

        def job(progress: Progress, cancelled: CancelCheck) -> ExportResult:
            with Ledger.open(db_path, clerk=clerk) as worker:
                return export_packet(worker, chosen, period=period, progress=progress,
                                     cancelled=cancelled)

        self._set_busy(True)
        self.status.setText(self.tr("正在导出……"))
        self.job = run_job(self, self.tr("导出数据包"), job, self._done, self._failed)
        return self.job

    def _set_busy(self, busy: bool) -> None:
        for w in (self.path_edit, self.browse, self.period_edit, self.export_button):
            w.setEnabled(not busy)
        self.close_button.setEnabled(not busy)

    def _done(self, result: ExportResult) -> None:
        self.job = None
        self.result = result
        self._set_busy(False)
        for w in (self.path_edit, self.browse, self.period_edit, self.export_button):
            w.setEnabled(False)  # one export per dialog: the next one is the next number
        self.result_label.setText(self.tr(
            "已导出第 {0} 号数据包，共 {1} 条记录：\n{2}\n签名公钥指纹：{3}\n"
            "首次报送时，市局会打电话核对这个指纹。").format(
                result.sequence, result.rows, result.path, result.fingerprint)
            + ("\n" + self.tr("本数据包标为演示/培训数据，不得用于报送。") if result.not_for_reporting else ""))
        self.result_box.setVisible(True)
        self.status.setText("")
        width = self.width()
        layout = self.layout()
        assert layout is not None  # set in __init__
        needed = layout.totalHeightForWidth(width) if layout.hasHeightForWidth() else -1
        self.resize(width, max(needed, layout.totalSizeHint().height() if needed < 0 else needed))
        self.close_button.setText(self.tr("完成"))
        self.exported.emit(result)

    def _failed(self, error: BaseException) -> None:
        self.job = None
        self._set_busy(False)
        if isinstance(error, Cancelled):
            self.status.setText(self.tr("已取消，没有生成数据包。"))
            return
        self.status.setText("")
        QMessageBox.warning(self, self.tr("导出数据包"),
                            self.tr("导出失败，没有生成数据包：\n{0}").format(i18n.shown(error)))

    # ---- afterwards ---------------------------------------------------------------------

    def make_mail(self) -> Path | None:
        """Write the mail draft beside the packet and open it in the mail program."""
        if self.result is None:
            return None
        to = self._remember_email()
        if to is None:
            return None
        if not to:
            QMessageBox.information(self, self.tr("生成邮件"), self.tr("请先填写市局邮箱。"))
            self.email_edit.setFocus()
            return None
        try:
            eml = make_eml(self.result.path, to, self.ledger.office.name, self.result.sequence,
                           period=self.period_edit.text().strip() or None,
                           not_for_reporting=self.result.not_for_reporting)
        except OSError as e:
            QMessageBox.warning(self, self.tr("生成邮件"), self.tr("无法生成邮件：\n{0}").format(i18n.shown(e)))
            return None
        self.eml = eml
        if common.open_path(eml):
            self.status.setText(self.tr("已生成邮件草稿并用邮件程序打开：{0}").format(eml))
        else:
            self.status.setText(self.tr("已生成邮件草稿：{0}\n没有找到能打开它的邮件程序，"
                                        "请把数据包作为附件手工发送。").format(eml))
        return eml

    def open_folder(self) -> None:
        if self.result is not None:
            common.open_path(self.result.path.parent)

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.job is not None:
            event.ignore()  # the worker is writing the file: cancel it in the progress dialog
            return
        super().closeEvent(event)

    def reject(self) -> None:
        if self.job is None:
            super().reject()
