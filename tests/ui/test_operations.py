"""Long jobs on a worker thread: result on the GUI thread, progress, cancel, errors."""

from __future__ import annotations

import threading
import time

import pytest

from desktop.jobs import Cancelled, check_cancel
from ui.operations import run_job


def test_job_runs_off_the_gui_thread_and_reports_back(qtbot) -> None:
    gui = threading.get_ident()
    seen: dict[str, object] = {}

    def job(progress, cancelled):
        seen["thread"] = threading.get_ident()
        for n in range(5):
            progress(n + 1, 5)
        return "完成"

    results: list[object] = []
    running = run_job(None, "测试", job, results.append)
    with qtbot.waitSignal(running.done, timeout=5000):
        pass
    assert results == ["完成"]
    assert seen["thread"] != gui
    assert running.dialog.maximum() == 5


def test_cancel_stops_the_job_with_cancelled(qtbot) -> None:
    started = threading.Event()

    def job(progress, cancelled):
        started.set()
        while True:
            time.sleep(0.01)
            check_cancel(cancelled)

    errors: list[BaseException] = []
    running = run_job(None, "测试", job, on_error=errors.append)
    assert started.wait(5)
    with qtbot.waitSignal(running.error, timeout=5000):
        running.dialog.canceled.emit()  # what the 取消 button (or Esc) sends
    assert isinstance(errors[0], Cancelled)


def test_the_settings_page_checks_the_file_on_a_worker(qtbot, demo_ledger, qsettings) -> None:
    from ui.pages.settings_page import SettingsPage

    page = SettingsPage(demo_ledger, qsettings, "zh")
    qtbot.addWidget(page)
    page._check()
    with qtbot.waitSignal(page.check_job.done, timeout=20000):
        pass
    assert "检查了" in page.check_result.text() and "错误 0 条" in page.check_result.text()


def _endless(started: threading.Event):
    def job(progress, cancelled):
        started.set()
        while True:
            time.sleep(0.01)
            check_cancel(cancelled)
    return job


def test_running_jobs_are_listed_until_they_report_back(qtbot) -> None:
    from ui.operations import running_jobs

    release = threading.Event()
    job = run_job(None, "测试", lambda progress, cancelled: release.wait(5))
    assert job in running_jobs()
    release.set()
    with qtbot.waitSignal(job.done, timeout=5000):
        pass
    assert job not in running_jobs()


def test_closing_the_window_during_a_job_asks_and_cancels(qtbot, demo_ledger, qsettings,
                                                         monkeypatch) -> None:
    from PySide6.QtWidgets import QMessageBox

    from ui.main_window import MainWindow
    from ui.operations import running_jobs

    window = MainWindow(demo_ledger, settings=qsettings)
    qtbot.addWidget(window)
    window.show()
    started = threading.Event()
    errors: list[BaseException] = []
    job = run_job(window, "测试", _endless(started), on_error=errors.append)
    assert started.wait(5)
    asked: list[str] = []
    answers = [QMessageBox.StandardButton.No, QMessageBox.StandardButton.Yes]

    def question(parent, title, text, *args):
        asked.append(text)
        return answers.pop(0)

    monkeypatch.setattr(QMessageBox, "question", question)
    assert not window.close()  # "No": the window stays, the job goes on
    assert window.isVisible() and job in running_jobs() and not job.cancel.is_set()
    assert "1 项工作正在进行" in asked[0]
    assert window.close()  # "Yes": the job is cancelled and waited for, then the window closes
    assert job.cancel.is_set() and job.worker.ended.is_set() and not running_jobs()
    with qtbot.waitSignal(job.error, timeout=5000):
        pass
    assert isinstance(errors[0], Cancelled)


def test_closing_the_window_with_no_job_does_not_ask(qtbot, demo_ledger, qsettings,
                                                     monkeypatch) -> None:
    from PySide6.QtWidgets import QMessageBox

    from ui.main_window import MainWindow

    window = MainWindow(demo_ledger, settings=qsettings)
    qtbot.addWidget(window)
    window.show()
    monkeypatch.setattr(QMessageBox, "question", lambda *a: pytest.fail("asked"))
    assert window.close()
