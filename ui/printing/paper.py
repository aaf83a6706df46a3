"""录入纸质表: a paper form comes back; its serial or record id (typed, or scanned by a USB
QR scanner, which types the code and Enter) opens the record it belongs to.

- a blank form's serial not entered yet: a new record of the form's register; once saved,
  the serial is remembered against it (:func:`desktop.forms.link_serial`);
- a serial already entered, or a filled form's record id: that record.
What a code stands for is decided by :func:`desktop.forms.resolve_code`.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QMessageBox,
    QPushButton,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from db.records import RecordNotFound
from desktop import forms
from desktop.fields import FieldError
from desktop.ledger import Ledger
from desktop.record import Record
from ui.printing.run import error_text

if TYPE_CHECKING:
    from ui.main_window import MainWindow

__all__ = ["PaperCodeDialog", "enter_paper_form", "open_paper_code", "install_actions",
           "SHORTCUT"]

log = logging.getLogger(__name__)

SHORTCUT = "Ctrl+L"
"""录入纸质表 (L for 录)."""



class PaperCodeDialog(QDialog):
    """Asks for a serial or record id; Enter (what a scanner sends) looks it up.

    After ``accept()``, ``code`` is the :class:`desktop.forms.PaperCode`. An unknown code
    is said in the dialog and selected, so the next scan replaces it.
    """

    message: QLabel  # made below the field whose edits clear it

    def __init__(self, ledger: Ledger, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("PaperCodeDialog")
        self.setWindowTitle(self.tr("录入纸质表"))
        self.ledger = ledger
        self.code: forms.PaperCode | None = None
        layout = QVBoxLayout(self)
        intro = QLabel(self.tr("扫描或输入纸质表上的表单编号（空白表，如 PB-130125-2026-000042）"
                               "或记录编号（已填表，如 R-130125-000012），然后按回车。"), self)
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.field = QLineEdit(self)
        self.field.setObjectName("paper_code")
        self.field.setPlaceholderText(self.tr("表单编号或记录编号"))
        self.field.setClearButtonEnabled(True)
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 64)
        self.field.returnPressed.connect(self.submit)
        self.field.textEdited.connect(lambda _t: self.message.setText(""))
        layout.addWidget(self.field)
        self.message = QLabel(self)
        self.message.setObjectName("paper_message")
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #c62828;")
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.message)
        row = QHBoxLayout()
        row.addStretch(1)
        self.open_button = QPushButton(self.tr("打开"), self)
        self.open_button.setObjectName("open_button")
        self.open_button.setAutoDefault(False)  # Enter in the field submits through returnPressed
        self.open_button.clicked.connect(self.submit)
        cancel = QPushButton(self.tr("取消"), self)
        cancel.setAutoDefault(False)
        cancel.clicked.connect(self.reject)
        row.addWidget(self.open_button)
        row.addWidget(cancel)
        layout.addLayout(row)
        self.field.setFocus()

    def submit(self) -> bool:
        """Look the code up; accept the dialog when it is known."""
        text = self.field.text()
        if not text.strip():
            self.message.setText(self.tr("请输入或扫描编号。"))
            return False
        try:
            self.code = forms.resolve_code(self.ledger, text)
        except forms.UnknownCode as e:
            self.message.setText(error_text(e))
            self.adjustSize()
            self.field.selectAll()
            self.field.setFocus()
            return False
        self.accept()
        return True


def open_paper_code(window: MainWindow, code: forms.PaperCode) -> Record | None:
    """Open what ``code`` stands for in ``window``: the record, or a new record of the
    form's register that is linked to the serial once saved. Returns the record saved
    (None when the editor was cancelled)."""
    page = window.register_page(code.kind)
    if code.record_id is not None:
        page.show_ids((code.record_id,), QCoreApplication.translate("Printing", "纸质表 {0}").format(code.code))
        if not page.select_id(code.record_id):  # a deleted record: show it struck through
            page.show_deleted.setChecked(True)
            page.select_id(code.record_id)
        if page.current_id() != code.record_id:
            QMessageBox.warning(window, QCoreApplication.translate("Printing", "录入纸质表"),
                                QCoreApplication.translate("Printing", "找不到记录 {0}。").format(code.record_id))
            return None
        return page.edit_current()
    # What the blank form was printed for (the enterprise of a 检查记录表, the year of a 年报表),
    # when the core says so.
    defaults = getattr(code, "defaults", None)
    record = page.new_record(dict(defaults) if defaults else None)
    if record is None or code.serial is None:
        return record
    try:
        forms.link_serial(window.ledger, code.serial, record.id)
    except (forms.UnknownCode, FieldError, RecordNotFound) as e:
        QMessageBox.warning(window, QCoreApplication.translate("Printing", "录入纸质表"),
                            QCoreApplication.translate("Printing", "记录已保存，但未能关联表单编号：")
                            + "\n" + error_text(e))
    return record


def enter_paper_form(window: MainWindow) -> Record | None:
    """录入纸质表: ask for the code, then open it."""
    dialog = PaperCodeDialog(window.ledger, window)
    window.paper_dialog = dialog  # type: ignore[attr-defined]  # an attribute set at run time
    if dialog.exec() != QDialog.DialogCode.Accepted or dialog.code is None:
        return None
    return open_paper_code(window, dialog.code)


def install_actions(window: MainWindow, menu: QMenu) -> QAction:
    """录入纸质表 in ``menu`` (above its last entry, 退出) and on the window's tool bar (made
    once), with :data:`SHORTCUT`; and 打印 (Ctrl+P) for the register page in front."""
    paper = QAction(QCoreApplication.translate("Printing", "录入纸质表…"), window)
    paper.setObjectName("action_paper_form")
    paper.setShortcut(QKeySequence(SHORTCUT))
    paper.setToolTip(QCoreApplication.translate(
        "Printing", "扫描或输入纸质表的编号，打开对应记录（{0}）").format(SHORTCUT))
    paper.triggered.connect(lambda: enter_paper_form(window))
    printing = QAction(QCoreApplication.translate("Printing", "打印…"), window)
    printing.setObjectName("action_print")
    printing.setShortcuts(QKeySequence.keyBindings(QKeySequence.StandardKey.Print))
    printing.triggered.connect(lambda: _print_current(window))
    quit_action = menu.actions()[-1] if menu.actions() else None  # 退出 stays last
    for action in (paper, printing):
        menu.insertAction(quit_action, action)  # type: ignore[arg-type]  # None: Qt appends
        window.addAction(action)
    menu.insertSeparator(quit_action)  # type: ignore[arg-type]  # None: Qt appends
    bar = window.findChild(QToolBar, "paper_toolbar")
    if bar is None:
        bar = QToolBar(window)
        bar.setObjectName("paper_toolbar")
        bar.setMovable(False)
        bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        window.addToolBar(bar)
    bar.clear()  # the language changed: the old actions go
    bar.setWindowTitle(QCoreApplication.translate("Printing", "纸质表"))
    bar.addAction(paper)
    bar.addAction(printing)
    window.action_paper_form = paper  # type: ignore[attr-defined]  # an attribute set at run time
    window.action_print = printing  # type: ignore[attr-defined]  # an attribute set at run time
    return paper


def _print_current(window: MainWindow) -> None:
    page = window.current_register()
    printing = getattr(page, "printing", None)
    if printing is not None:
        printing.show_menu()
