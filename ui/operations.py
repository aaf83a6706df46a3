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

__all__ = ["run_job", "Job", "running_jobs", "stop_all"]

log = logging.getLogger(__name__)


class _Worker(QObject):
    progressed = Signal(int, int)
    finished = Signal(object)
    failed = Signal(object)

    def __init__(self, fn: Callable[..., Any], cancel: threading.Event):
        super().__init__()
        self.fn = fn
        self.cancel = cancel
        self.ended = threading.Event()
        """Set when ``fn`` has returned or raised (on the worker thread)."""

    def run(self) -> None:
        try:
            result = self.fn(lambda done, total: self.progressed.emit(done, total),
                             self.cancel.is_set)
        except BaseException as e:  # noqa: BLE001 - handed to the GUI thread to show
            self.ended.set()
            self.failed.emit(e)
        else:
            self.ended.set()
            self.finished.emit(result)


_RUNNING: set[Job] = set()
"""Jobs started and not yet reported back (touched on the GUI thread only)."""


def running_jobs() -> list[Job]:
    """The jobs started and not finished yet: what closing the window would cut short."""
    return [job for job in _RUNNING if not job.worker.ended.is_set()]


def stop_all(timeout_ms: int = 30_000) -> bool:
    """Ask every running job to cancel (core jobs check between batches, and a cancelled job
    leaves the database as it was), then wait for them; True if all stopped in time."""
    jobs = list(_RUNNING)
    for job in jobs:
        job.cancel.set()
    stopped = True
    for job in jobs:
        if not job.worker.ended.wait(timeout_ms / 1000):
            log.warning("a job did not stop within %d ms", timeout_ms)
            stopped = False
            continue
        job.thread.quit()
        job.thread.wait()
        _RUNNING.discard(job)
    return stopped


class Job(QObject):
    """A running job. ``done(result)`` or ``error(exception)`` fires on the GUI thread."""

    done = Signal(object)
    error = Signal(object)

    thread: QThread  # type: ignore[assignment]  # shadows QObject.thread(): the job's worker thread

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
        _RUNNING.add(self)
        self.thread.start()
        return self

    def _progress(self, done: int, total: int) -> None:
        if total:
            self.dialog.setMaximum(total)
        self.dialog.setValue(min(done, total) if total else 0)

    def _stop(self) -> None:
        _RUNNING.discard(self)
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
