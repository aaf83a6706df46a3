"""Supervision on the register pages, attached from outside (:func:`attach_supervision`, called
by the main window after it makes a page):

- 用标主体: a line under the table with the current user's status and its abnormal-list entries
  (open and removed: reason, dates, decision numbers), and the action 列入异常名录…;
- 异常名录: the current entry, and the action 移出异常名录…;
- 检查记录: the current inspection's rectification state (整改中, 逾期未复查 …), its case or
  立案待登记, and the actions 整改复查… and 立案登记 (the case editor pre-filled from it).

The actions are also in the row menu. Every rule is in :mod:`desktop.abnormal`,
:mod:`desktop.rectification` and :mod:`desktop.inspection_case`; after a change the window is
told through the undo stack, and Ctrl+Z takes each change back
(:mod:`desktop.supervision_undo`).
"""

from __future__ import annotations

import logging
from datetime import date
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QMenu, QMessageBox, QPlainTextEdit, QPushButton, QWidget

from db.records import RecordNotFound
from desktop import inspection_case, rectification
from desktop.record import Record
from desktop.registers import REGISTRY
from desktop.supervision_undo import ListAbnormal, Recheck, RemoveAbnormal
from desktop.undo import AddRecord
from ui import i18n
from ui.editors.i18n import display, language
from ui.pages.register_page import RegisterPage
from ui.supervision_dialogs import AbnormalDialog, RecheckDialog

__all__ = ["attach_supervision", "SupervisionBar", "KINDS"]

log = logging.getLogger(__name__)

KINDS = ("mark-user", "abnormal", "inspection")
"""The registers that get the supervision line."""

LINES = 3
"""The supervision line shows this many lines of text (more scroll)."""


def _pick(zh: str, en: str) -> str:
    return en if language() == "en" else zh


class SupervisionBar(QWidget):
    """The supervision line under a register page's table (one of :data:`KINDS`)."""

    def __init__(self, page: RegisterPage):
        super().__init__(page)
        self.setObjectName("supervision_bar")
        self.page = page
        self.ledger = page.ledger
        self.kind = page.kind.key
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 2, 0, 0)
        # A few lines, scrolling when a user has many entries: a wrapped label would be cut
        # short on a 700-pixel screen.
        self.label = QPlainTextEdit(self)
        self.label.setObjectName("supervision_state")
        self.label.setReadOnly(True)
        self.label.setFrameShape(QFrame.Shape.NoFrame)
        self.label.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.label.viewport().setAutoFillBackground(False)
        self.label.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.label.setFixedHeight(self.label.fontMetrics().lineSpacing() * LINES + 10)
        row.addWidget(self.label, 1)
        self.buttons: dict[str, QPushButton] = {}
        writes = self.ledger.mode == "county"  # these registers are the county's own
        specs: list[tuple[str, str, Any]] = []
        if writes and self.kind == "mark-user":
            specs.append(("list_abnormal", self.tr("列入异常名录…"), self.list_current))
        if writes and self.kind == "abnormal":
            specs.append(("remove_abnormal", self.tr("移出异常名录…"), self.remove_current))
        if writes and self.kind == "inspection":
            specs += [("recheck", self.tr("整改复查…"), self.recheck_current),
                      ("open_case", self.tr("立案登记"), self.open_case)]
        for key, text, slot in specs:
            b = QPushButton(text, self)
            b.setObjectName(f"supervision_{key}")
            b.clicked.connect(lambda _c=False, s=slot: s())
            self.buttons[key] = b
            row.addWidget(b)
        page.view.selectionModel().currentRowChanged.connect(lambda *_a: self.update_state())
        page.model.modelReset.connect(self.update_state)
        page.row_menu_hooks.append(self.add_menu_actions)
        self.update_state()

    # ---- the line ---------------------------------------------------------------------

    def current(self) -> Record | None:
        rid = self.page.current_id()
        if rid is None:
            return None
        try:
            return self.ledger.get(self.kind, rid)
        except RecordNotFound:
            return None

    def update_state(self) -> None:
        """Describe the current record; enable what can be done with it."""
        rec = self.current()
        for b in self.buttons.values():
            b.setEnabled(False)
        if rec is None or rec.deleted:
            self.label.setPlainText(self.tr("请选择一条记录") if rec is None else self.tr("已删除的记录"))
            return
        text = {"mark-user": self._user_line, "abnormal": self._entry_line,
                "inspection": self._inspection_line}[self.kind](rec)
        self.label.setPlainText(text)

    def text(self) -> str:
        """What the line says about the current record."""
        return self.label.toPlainText()

    def _user_line(self, user: Record) -> str:
        f = REGISTRY["mark-user"].field("status")
        parts = [self.tr("用标状态：{0}").format(display(f, user.values.get("status")) or "—")]
        entries = sorted(self.ledger.list("abnormal", {"mark_user_id": user.id}),
                         key=lambda r: (r.values["listed_date"], r.id))
        if not entries:
            parts.append(self.tr("未列入异常名录"))
        for e in entries:
            parts.append(self.entry_text(e))
        if "list_abnormal" in self.buttons:
            self.buttons["list_abnormal"].setEnabled(True)
        return "\n".join(parts)

    def entry_text(self, e: Record) -> str:
        """One abnormal-list entry: reason, listed (number), removed (reason, number) or open."""
        kind = REGISTRY["abnormal"]
        v = e.values
        text = self.tr("{0} {1}：{2}列入").format(e.id, display(kind.field("reason"), v.get("reason")),
                                                 v.get("listed_date"))
        if v.get("document_no"):
            text += self.tr("（{0}）").format(v["document_no"])
        if v.get("removal_date") is None:
            return text + self.tr("，未移出")
        text += self.tr("，{0}移出：{1}").format(v["removal_date"], v.get("removal_reason") or "")
        if v.get("removal_doc_no"):
            text += self.tr("（{0}）").format(v["removal_doc_no"])
        return text

    def _entry_line(self, entry: Record) -> str:
        try:
            user = self.ledger.get("mark-user", entry.values["mark_user_id"])
            who = f"{user.values.get('name')}（{user.id}）"
        except RecordNotFound:
            who = str(entry.values.get("mark_user_id"))
        if entry.values.get("removal_date") is None and "remove_abnormal" in self.buttons:
            self.buttons["remove_abnormal"].setEnabled(True)
        return who + i18n.gap() + self.entry_text(entry)

    def _inspection_line(self, inspection: Record) -> str:
        parts: list[str] = []
        r = rectification.rectification_of(self.ledger, inspection)
        if r.state != "none":
            label = _pick(r.label.zh, r.label.en)
            line = self.tr("整改：{0}，期限 {1}").format(label, r.deadline or "—")
            if r.days_overdue:
                line += self.tr("，逾期 {0} 天").format(r.days_overdue)
            if r.recheck_date is not None:
                line += self.tr("，{0}复查").format(r.recheck_date)
            if r.proposal is not None:
                line += i18n.gap() + _pick(r.proposal.zh, r.proposal.en)
            parts.append(line)
            if r.recheck_date is None and "recheck" in self.buttons:
                self.buttons["recheck"].setEnabled(True)
        cases = inspection_case.cases_of(self.ledger, inspection.id)
        status = REGISTRY["case"].field("status")
        for c in cases:
            parts.append(self.tr("案件：{0} {1}（{2}）").format(
                c.id, c.values.get("case_no"), display(status, c.values.get("status"))))
        if inspection_case.is_pending(self.ledger, inspection):
            parts.append(self.tr("立案待登记：检查结果为立案，尚未登记案件"))
        if "open_case" in self.buttons:
            self.buttons["open_case"].setEnabled(r.state == "not_rectified" or inspection.values.get("result")
                                                 == inspection_case.RESULT_CASE)
        return "\n".join(parts) if parts else self.tr("无需整改")

    def add_menu_actions(self, menu: QMenu) -> None:
        """The enabled supervision actions in the row menu."""
        self.update_state()
        enabled = [b for b in self.buttons.values() if b.isEnabled()]
        if enabled:
            menu.addSeparator()
        for b in enabled:
            menu.addAction(b.text(), b.click)

    def _changed(self) -> None:
        self.page.refresh()  # the undo stack told the window (the other pages refresh)
        self.update_state()

    # ---- actions ------------------------------------------------------------------------

    def list_current(self) -> Record | None:
        """列入异常名录…: reason, decision number, date; the user's status changes."""
        user = self.current()
        if user is None or user.deleted:
            return None

        def apply(reason: str, doc: str | None, when: date) -> Record:
            return self.page.undo.apply(ListAbnormal(user.id, reason, when, doc))  # Ctrl+Z takes it back

        dialog = AbnormalDialog(
            self.tr("列入异常名录"),
            self.tr("将“{0}”列入异常名录，其用标状态改为“列入异常名录”。").format(user.values.get("name")),
            self.ledger.today(), apply, reasons=REGISTRY["abnormal"].field("reason"), parent=self)
        if not dialog.exec():
            return None
        self._changed()
        self.page.status.emit(self.tr("已列入异常名录：{0}").format(dialog.result_value.id))
        return dialog.result_value  # type: ignore[no-any-return]  # the apply above returns a Record

    def remove_current(self) -> Record | None:
        """移出异常名录…: reason (required), decision number, date; the status comes back."""
        entry = self.current()
        if entry is None or entry.deleted or entry.values.get("removal_date") is not None:
            return None

        def apply(reason: str, doc: str | None, when: date) -> Record:
            return self.page.undo.apply(RemoveAbnormal(entry.id, reason, when, doc))

        dialog = AbnormalDialog(
            self.tr("移出异常名录"),
            self.tr("将 {0} 移出异常名录；没有其他未移出的记录时，用标状态恢复为列入前的状态。").format(entry.id),
            self.ledger.today(), apply, parent=self)
        if not dialog.exec():
            return None
        self._changed()
        return dialog.result_value  # type: ignore[no-any-return]  # the apply above returns a Record

    def recheck_current(self) -> Record | None:
        """整改复查…: record the re-check that closes the rectification."""
        inspection = self.current()
        if inspection is None or inspection.deleted:
            return None

        def apply(when: date, result: str, note: str | None) -> Record:
            return self.page.undo.apply(Recheck(inspection.id, when, result, note))

        dialog = RecheckDialog(
            self.tr("记录检查 {0} 的整改复查结果。").format(inspection.id), self.ledger.today(),
            REGISTRY["inspection"].field("recheck_result"), apply, parent=self)
        if not dialog.exec():
            return None
        self._changed()
        done: Record = dialog.result_value
        if done.values.get("recheck_result") == "not_rectified":
            QMessageBox.information(self, self.tr("整改复查"), self.tr(
                "复查未整改：可在用标主体页将其列入异常名录，或点“立案登记”立案查处。"))
        return done

    def open_case(self) -> Record | None:
        """立案登记: the case editor, pre-filled from the inspection; saved as a new case."""
        from ui.editors import RecordEditor

        inspection = self.current()
        if inspection is None or inspection.deleted:
            return None
        defaults = inspection_case.case_defaults(self.ledger, inspection.id)

        def save(values: dict[str, Any]) -> Record:
            return self.page.undo.apply(AddRecord("case", values))

        dialog = RecordEditor(self.ledger, "case", defaults=defaults, save=save, parent=self)
        if not dialog.exec():
            return None
        self.page.refresh()
        self.update_state()
        rec = dialog.saved_record
        if rec is not None:
            self.page.status.emit(self.tr("已登记案件：{0}").format(rec.id))
        return rec


def attach_supervision(page: RegisterPage) -> SupervisionBar | None:
    """Give a register page of :data:`KINDS` its supervision line and actions."""
    if page.kind.key not in KINDS:
        return None
    bar = SupervisionBar(page)
    layout: Any = page.layout()
    layout.addWidget(bar)
    return bar
