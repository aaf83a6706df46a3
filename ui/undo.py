"""Undo/redo in the window: :class:`desktop.undo` changes wrapped in ``QUndoCommand``."""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from desktop.ledger import Ledger
from desktop.messages import pick
from desktop.record import Record
from desktop.undo import Change
from ui.editors.i18n import language

__all__ = ["LedgerUndo"]

log = logging.getLogger(__name__)


class _Command(QUndoCommand):
    def __init__(self, owner: LedgerUndo, change: Change):
        super().__init__(change.text)
        self.owner = owner
        self.change = change
        self.first = True

    def redo(self) -> None:
        if self.first:  # already applied by LedgerUndo.apply
            self.first = False
            return
        self.owner._run(self.change.redo, QCoreApplication.translate("LedgerUndo", "重做"))

    def undo(self) -> None:
        self.owner._run(self.change.undo, QCoreApplication.translate("LedgerUndo", "撤销"))


class LedgerUndo(QObject):
    """Applies changes to the ledger and keeps them undoable.

    ``changed`` fires after every change, undo or redo (pages reload); ``failed`` carries
    the message when an undo or redo was refused (the record changed in between, or is now
    in use); the stack is then cleared, since what it remembers no longer holds.
    """

    changed = Signal()
    failed = Signal(str)

    def __init__(self, ledger: Ledger, parent: QObject | None = None):
        super().__init__(parent)
        self.ledger = ledger
        self.stack = QUndoStack(self)
        self._failed = False

    def apply(self, change: Change) -> Record:
        """Perform ``change`` now (exceptions propagate: nothing was changed) and remember it."""
        rec = change.apply(self.ledger)
        self.stack.push(_Command(self, change))
        self.changed.emit()
        return rec

    def _run(self, step: Callable[[Ledger], None], verb: str) -> None:
        try:
            step(self.ledger)
        except Exception as e:  # noqa: BLE001 - any refusal is shown, never lost
            log.warning("%s refused: %s", verb, e)
            self.failed.emit(self.tr("无法{0}：{1}").format(verb, pick(e, language())))
            QTimer.singleShot(0, self.stack.clear)  # not from inside the stack's own call
        self.changed.emit()
