"""Reviews on the register pages, attached from outside (:func:`attach_reviews`, called by the
main window after it makes a page).

- A marker in the id column: a coloured dot per review state (已核 green, 退回待答复 red,
  已答复待复核 blue, 记录已修改 amber), its tooltip the state and the comment. The states of a
  page of 200 rows are read at once, by record id (:func:`desktop.city.reviews.review_states`).
- A line under the table about the current record: its state, the comment and the answer;
  at a city (or province) the buttons 已核 and 退回… for the selected records (also in the
  row menu); at a county, when the record has a review, 答复… for an open one.

Every rule is :mod:`desktop.city.reviews`.
"""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import QCoreApplication, QModelIndex, QPersistentModelIndex, QRect, Qt
from PySide6.QtGui import QBrush, QColor, QHelpEvent, QPainter
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QMenu,
    QMessageBox,
    QPushButton,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QToolTip,
    QWidget,
)

from db.records import RecordNotFound, StaleRevision
from desktop.city import reviews
from desktop.city.reviews import ReviewError, ReviewState
from desktop.fields import ValidationFailed
from desktop.ledger import NotOwner
from ui import i18n
from ui.editors.i18n import language
from ui.pages.register_page import RegisterPage

__all__ = ["attach_reviews", "ReviewMarks", "ReviewBar", "MARK_COLOURS"]

log = logging.getLogger(__name__)

MARK_COLOURS: dict[str, str] = {"checked": "#2e7d32", "returned": "#c62828", "answered": "#1565c0",
                                "modified": "#ef6c00"}
"""The marker's colour per review state."""

_BLOCK = 200
_Index = QModelIndex | QPersistentModelIndex


def _office_of(record_id: str) -> str:
    parts = record_id.split("-")
    return parts[1] if len(parts) > 2 else ""


class ReviewMarks(QStyledItemDelegate):
    """The id column's delegate: the cell as usual, plus a dot in the state's colour."""

    def __init__(self, page: RegisterPage):
        super().__init__(page.view)
        self.page = page
        self.states: dict[str, ReviewState] = {}
        page.model.modelReset.connect(self.clear)
        page.model.layoutChanged.connect(self.clear)

    def clear(self) -> None:
        self.states.clear()

    def state(self, row: int) -> ReviewState | None:
        """The review state of the record on ``row`` (its block of rows read at once)."""
        model = self.page.model
        rid = model.id_at(row)
        if rid is None:
            return None
        if rid not in self.states:
            start = row - row % _BLOCK
            block = [i for i in (model.id_at(r) for r in range(start, start + _BLOCK)) if i]
            if len(self.states) > 20 * _BLOCK:
                self.states.clear()
            self.states.update(reviews.review_states(self.page.ledger, block))
        return self.states.get(rid)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: _Index) -> None:
        super().paint(painter, option, index)
        state = self.state(index.row())
        if state is None or state.state == "none":
            return
        rect: QRect = option.rect
        d = min(10, rect.height() - 8)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QBrush(QColor(MARK_COLOURS[state.state])))
        painter.drawEllipse(rect.right() - d - 4, rect.top() + (rect.height() - d) // 2, d, d)
        painter.restore()

    def helpEvent(self, event: QHelpEvent, view: QAbstractItemView, option: QStyleOptionViewItem,
                  index: _Index) -> bool:
        state = self.state(index.row())
        if state is None or state.state == "none":
            return super().helpEvent(event, view, option, index)
        QToolTip.showText(event.globalPos(), describe(state), view)
        return True


def describe(state: ReviewState) -> str:
    """The state, the comment and the answer, in the window's language (comments as written)."""
    lang = language()
    r = state.row
    if r is None:
        return QCoreApplication.translate("Reviews", "未审核")
    parts = [QCoreApplication.translate("Reviews", "审核：{0}（{1}）").format(state.label(lang), r.review_date)]
    if r.comment:
        parts.append(QCoreApplication.translate("Reviews", "意见：{0}").format(r.comment))
    if r.answer:
        parts.append(QCoreApplication.translate("Reviews", "答复：{0}").format(r.answer))
    return ("　" if lang == "zh" else "   ").join(parts)


class ReviewBar(QWidget):
    """The review line under a register page's table."""

    def __init__(self, page: RegisterPage, marks: ReviewMarks):
        super().__init__(page)
        self.setObjectName("review_bar")
        self.page = page
        self.marks = marks
        self.ledger = page.ledger
        self.reviewer = self.ledger.mode != "county"
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 2, 0, 0)
        self.label = QLabel(self)
        self.label.setObjectName("review_state")
        self.label.setWordWrap(True)
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        row.addWidget(self.label, 1)
        self.buttons: dict[str, QPushButton] = {}
        specs = ((("checked", self.tr("已核"), lambda: self.review_selected("checked")),
                  ("returned", self.tr("退回…"), self.return_selected)) if self.reviewer
                 else (("answer", self.tr("答复…"), self.answer_current),))
        for key, text, slot in specs:
            b = QPushButton(text, self)
            b.setObjectName(f"review_{key}")
            b.clicked.connect(slot)
            self.buttons[key] = b
            row.addWidget(b)
        page.view.selectionModel().currentRowChanged.connect(lambda *_a: self.update_state())
        page.model.modelReset.connect(self.update_state)
        page.row_menu_hooks.append(self.add_menu_actions)
        self.update_state()

    def current(self) -> ReviewState | None:
        index = self.page.view.currentIndex()
        return self.marks.state(index.row()) if index.isValid() else None

    def update_state(self) -> None:
        state = self.current()
        rid = state.record_id if state else None
        own = rid is not None and _office_of(rid) == self.ledger.office.code
        if self.reviewer:
            self.setVisible(True)
            if rid is None:
                self.label.setText(self.tr("审核：请选择下级单位的记录"))
            elif own:
                self.label.setText(self.tr("审核：本单位自己的记录，不需审核"))
            else:
                self.label.setText(describe(state) if state else "")
            for b in self.buttons.values():
                b.setEnabled(rid is not None and not own)
            return
        has_review = state is not None and state.state != "none"
        self.setVisible(has_review)
        if state is not None and has_review:
            text = describe(state)
            self.label.setText(text)
            self.label.setStyleSheet("color:#b00020;" if state.open_for_unit else "")
            self.buttons["answer"].setEnabled(state.open_for_unit)

    def add_menu_actions(self, menu: QMenu) -> None:
        """审核 entries in the register page's row menu."""
        menu.addSeparator()
        for b in self.buttons.values():
            if b.isEnabled():
                menu.addAction(b.text(), b.click)

    def _after(self) -> None:
        self.marks.clear()
        self.page.view.viewport().update()
        self.update_state()

    def _refused(self, error: Exception) -> None:
        QMessageBox.warning(self, self.tr("审核"), i18n.shown(error))

    def review_selected(self, verdict: str, reason: str | None = None) -> int:
        """Mark the selected records 已核 or return them with ``reason``; how many were saved."""
        done = 0
        for rid in self.page.selected_ids():
            if _office_of(rid) == self.ledger.office.code:
                continue
            try:
                self.page.undo.apply(reviews.review_change(self.ledger, rid, verdict, reason))  # Ctrl+Z undoes it
                done += 1
            except (ReviewError, ValidationFailed, NotOwner, StaleRevision, RecordNotFound) as e:
                self._refused(e)
                break
        self._after()
        if done:
            self.page.status.emit(self.tr("已审核 {0} 条记录").format(done))
        return done

    def return_selected(self) -> int:
        """退回…: ask the reason, then return the selected records."""
        reason, ok = QInputDialog.getMultiLineText(self, self.tr("退回"), self.tr("退回原因（必填）："))
        if not ok:
            return 0
        if not reason.strip():
            QMessageBox.warning(self, self.tr("退回"), self.tr("退回时必须写明原因。"))
            return 0
        return self.review_selected("returned", reason.strip())

    def answer_current(self, text: str | None = None) -> bool:
        """答复…: answer the current record's open review (``text``, or asked)."""
        state = self.current()
        if state is None or state.review_id is None or not state.open_for_unit:
            return False
        if text is None:
            text, ok = QInputDialog.getMultiLineText(self, self.tr("答复"), describe(state) + "\n\n"
                                                     + self.tr("答复内容："))
            if not ok or not text.strip():
                return False
        try:
            self.page.undo.apply(reviews.answer_change(self.ledger, state.review_id, text.strip()))
        except (ReviewError, ValidationFailed, NotOwner) as e:
            self._refused(e)
            return False
        self._after()
        return True


def attach_reviews(page: RegisterPage) -> ReviewBar | None:
    """Give a register page its review marker and line (registers that are reviewed only)."""
    if not reviews.reviewable(page.kind.key):
        return None
    marks = ReviewMarks(page)
    column = next((n for n, c in enumerate(page.browser.columns) if c.key == "id"), 0)
    page.view.setItemDelegateForColumn(column, marks)
    bar = ReviewBar(page, marks)
    layout: Any = page.layout()
    layout.addWidget(bar)
    return bar
