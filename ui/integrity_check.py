"""The full integrity check (and the daily backup after it) in the background of the window.

:func:`desktop.integrity.run_maintenance` runs on a thread of its own with a connection of its
own, without a progress dialog: the clerk works meanwhile. It is not one of the window's
cancellable jobs (:mod:`ui.operations`): closing the window or switching the language does not
wait for it nor ask about it; closing stops it (the check is interrupted, nothing was written).
"""

from __future__ import annotations

import logging
import threading
from pathlib import Path

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from desktop.integrity import IntegrityReport, run_maintenance
from desktop.jobs import Cancelled
from desktop.messages import pick

__all__ = ["BackgroundCheck", "add_banner"]

log = logging.getLogger(__name__)


class BackgroundCheck(QObject):
    """One run of the background check over the file at ``path``. ``finished(report)`` fires
    on the GUI thread with the :class:`IntegrityReport` (not when stopped or failed)."""

    finished = Signal(object)

    def __init__(self, path: Path, parent: QObject | None = None, *, make_backup: bool = True):
        super().__init__(parent)
        self.path = Path(path)
        self.make_backup = make_backup
        self.report: IntegrityReport | None = None
        self._cancel = threading.Event()
        self._thread = threading.Thread(target=self._run, name="integrity-check", daemon=True)

    def start(self) -> BackgroundCheck:
        self._thread.start()
        return self

    @property
    def running(self) -> bool:
        return self._thread.is_alive()

    def _run(self) -> None:
        try:
            report = run_maintenance(self.path, make_backup=self.make_backup, cancelled=self._cancel.is_set)
        except Cancelled:
            log.info("background integrity check of %s stopped", self.path)
            return
        except Exception:  # a failure of the check must not take the window down
            log.exception("background integrity check of %s failed", self.path)
            return
        self.report = report
        if not report.ok:
            log.error("integrity check of %s: %s", report.path, "; ".join(report.problems))
        if not self._cancel.is_set():
            self.finished.emit(report)  # queued to the GUI thread

    def stop(self, timeout: float = 10.0) -> bool:
        """Interrupt the check and wait for its thread; True if it ended in time."""
        self._cancel.set()
        if self._thread.is_alive():
            self._thread.join(timeout)
        return not self._thread.is_alive()

    def wait(self, timeout: float = 60.0) -> bool:
        """Wait for the check to end (tests); True if it did."""
        self._thread.join(timeout)
        return not self._thread.is_alive()


def add_banner(central: QWidget | None, report: IntegrityReport, lang: str) -> QLabel | None:
    """Put the report of a damaged file in a red banner at the top of the window's central
    widget (``integrity_banner``); None if the central widget has no vertical layout."""
    layout = central.layout() if central is not None else None
    if central is None or not isinstance(layout, QVBoxLayout):
        return None
    banner = QLabel(pick(report.message(), lang), central)
    banner.setObjectName("integrity_banner")
    banner.setWordWrap(True)
    banner.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    banner.setStyleSheet("background:#fde2e1;color:#8a1c14;padding:6px 8px;font-weight:bold;")
    layout.insertWidget(0, banner)
    return banner
