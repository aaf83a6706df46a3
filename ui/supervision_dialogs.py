"""The small dialogs of supervision: 列入异常名录, 移出异常名录 and 整改复查 (ui.supervision).

Each asks for what the core needs and hands it to a callback that raises the core's
refusal; a refusal is shown in the dialog, which stays open (nothing was written)."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from db.records import RecordNotFound
from desktop.fields import Field, FieldError, ValidationFailed
from desktop.ledger import NotOwner
from ui import i18n
from ui.editors.i18n import language

__all__ = ["AbnormalDialog", "RecheckDialog"]

log = logging.getLogger(__name__)


def _label(choice: Any) -> str:
    return str(choice.en if language() == "en" else choice.zh)


def _date_edit(parent: QWidget, day: date) -> QDateEdit:
    edit = QDateEdit(QDate(day.year, day.month, day.day), parent)
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd")
    edit.setMaximumDate(QDate(day.year, day.month, day.day))
    return edit


def _day(edit: QDateEdit) -> date:
    d = edit.date()
    return date(d.year(), d.month(), d.day())


class _Dialog(QDialog):
    """A form, a line for the refusal, OK/Cancel; ``accept`` runs ``apply``."""

    def __init__(self, title: str, intro: str, parent: QWidget | None):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(440)
        layout = QVBoxLayout(self)
        head = QLabel(intro, self)
        head.setWordWrap(True)
        layout.addWidget(head)
        self.form = QFormLayout()
        layout.addLayout(self.form)
        self.error = QLabel(self)
        self.error.setObjectName("dialog_error")
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color:#b00020;")
        self.error.hide()
        layout.addWidget(self.error)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.result_value: Any = None

    def run(self) -> Any:
        """Do the work (raises the core's refusal)."""
        raise NotImplementedError

    def accept(self) -> None:
        try:
            self.result_value = self.run()
        except (ValidationFailed, FieldError, NotOwner, RecordNotFound) as e:
            log.info("refused: %s", e)
            self.error.setText(i18n.shown(e) if not isinstance(e, ValidationFailed) else "\n".join(
                i18n.shown(fe) for fe in e.errors))
            self.error.show()
            return
        super().accept()


class AbnormalDialog(_Dialog):
    """列入异常名录 (``reasons`` given: a choice of reason) or 移出异常名录 (free reason)."""

    def __init__(self, title: str, intro: str, today: date, apply: Callable[..., Any],
                 reasons: Field | None = None, parent: QWidget | None = None):
        super().__init__(title, intro, parent)
        self.apply = apply
        self.reason_box: QComboBox | None = None
        self.reason_text: QLineEdit | None = None
        if reasons is not None:
            box = QComboBox(self)
            box.setObjectName("abnormal_reason")
            for c in reasons.choices:
                box.addItem(_label(c), c.code)
            self.reason_box = box
            self.form.addRow(self.tr("列入原因"), box)
        else:
            text = QLineEdit(self)
            text.setObjectName("abnormal_reason")
            text.setPlaceholderText(self.tr("必填，如：已补报年报"))
            self.reason_text = text
            self.form.addRow(self.tr("移出原因"), text)
        self.doc = QLineEdit(self)
        self.doc.setObjectName("abnormal_doc")
        self.doc.setPlaceholderText(self.tr("决定书文号；没有的不填"))
        self.form.addRow(self.tr("决定文号"), self.doc)
        self.when = _date_edit(self, today)
        self.when.setObjectName("abnormal_date")
        self.form.addRow(self.tr("日期"), self.when)

    def reason(self) -> str:
        if self.reason_box is not None:
            return str(self.reason_box.currentData())
        assert self.reason_text is not None
        return self.reason_text.text()

    def run(self) -> Any:
        return self.apply(self.reason(), self.doc.text().strip() or None, _day(self.when))


class RecheckDialog(_Dialog):
    """整改复查: the re-check date, its result, a note for the follow-up."""

    def __init__(self, intro: str, today: date, results: Field, apply: Callable[..., Any],
                 parent: QWidget | None = None):
        super().__init__(self.tr("整改复查"), intro, parent)
        self.apply = apply
        self.when = _date_edit(self, today)
        self.when.setObjectName("recheck_date")
        self.form.addRow(self.tr("复查日期"), self.when)
        self.result_box = QComboBox(self)
        self.result_box.setObjectName("recheck_result")
        for c in results.choices:
            self.result_box.addItem(_label(c), c.code)
        self.form.addRow(self.tr("复查结果"), self.result_box)
        self.note = QPlainTextEdit(self)
        self.note.setObjectName("recheck_note")
        self.note.setPlaceholderText(self.tr("复查情况，记入整改跟进情况"))
        self.note.setMaximumHeight(80)
        self.form.addRow(self.tr("复查情况"), self.note)

    def run(self) -> Any:
        return self.apply(_day(self.when), str(self.result_box.currentData()),
                          self.note.toPlainText().strip() or None)
