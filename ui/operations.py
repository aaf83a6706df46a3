"""Long work off the GUI thread, with a progress dialog that can cancel it.

A job is a core function ``fn(progress, cancelled) -> result`` (see :mod:`desktop.jobs`).
It runs on a worker thread and must open its own database connection there (SQLite
connections belong to the thread that made them). The progress dialog appears only if the
job takes longer than half a second.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QThread, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from desktop.jobs import Cancelled

__all__ = ["run_job", "Job"]

log = logging.getLogger(__name__)


class _Worker(QObject):
    progressed = Signal(int, int)
    finished = Signal(object)
    failed = Signal(object)

    def __init__(self, fn: Callable[..., Any], cancel: threading.Event):
        super().__init__()
        self.fn = fn
        self.cancel = cancel

    def run(self) -> None:
        try:
            result = self.fn(lambda done, total: self.progressed.emit(done, total),
                             self.cancel.is_set)
        except BaseException as e:  # noqa: BLE001 - handed to the GUI thread to show
            self.failed.emit(e)
        else:
            self.finished.emit(result)


class Job(QObject):
    """A running job. ``done(result)`` or ``error(exception)`` fires on the GUI thread."""

    done = Signal(object)
    error = Signal(object)

    def __init__(self, parent: QWidget | None, title: str, fn: Callable[..., Any]):
        super().__init__(parent)
        self.cancel = threading.Event()
        self.thread = QThread(self)
        self.worker = _Worker(fn, self.cancel)
        self.worker.moveToThread(self.thread)
        self.dialog = QProgressDialog(title, self.tr("取消"), 0, 0, parent)
        self.dialog.setWindowTitle(title)
        self.dialog.setMinimumDuration(500)
        self.dialog.setAutoClose(False)
        self.dialog.setAutoReset(False)
        self.dialog.canceled.connect(self.cancel.set)
        self.thread.started.connect(self.worker.run)
        self.worker.progressed.connect(self._progress)
        self.worker.finished.connect(self._finished)
        self.worker.failed.connect(self._failed)

    def start(self) -> Job:
        self.thread.start()
        return self

    def _progress(self, done: int, total: int) -> None:
        if total:
            self.dialog.setMaximum(total)
        self.dialog.setValue(min(done, total) if total else 0)

    def _stop(self) -> None:
        self.dialog.close()
        self.thread.quit()
        self.thread.wait()

    def _finished(self, result: Any) -> None:
        self._stop()
        self.done.emit(result)

    def _failed(self, error: BaseException) -> None:
        self._stop()
        if not isinstance(error, Cancelled):
            log.warning("job failed: %s", error)
        self.error.emit(error)

    def wait(self, timeout_ms: int = 60_000) -> bool:
        return self.thread.wait(timeout_ms)


def run_job(parent: QWidget | None, title: str, fn: Callable[..., Any],
            on_done: Callable[[Any], None] | None = None,
            on_error: Callable[[BaseException], None] | None = None) -> Job:
    """Start ``fn(progress, cancelled)`` on a worker thread; callbacks run on the GUI thread."""
    job = Job(parent, title, fn)
    if on_done:
        job.done.connect(on_done)
    if on_error:
        job.error.connect(on_error)
    return job.start()
