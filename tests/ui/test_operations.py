"""Long jobs on a worker thread: result on the GUI thread, progress, cancel, errors."""

from __future__ import annotations

import threading
import time

from desktop.jobs import Cancelled, check_cancel
from ui.operations import run_job


def test_job_runs_off_the_gui_thread_and_reports_back(qtbot) -> None:
    gui = threading.get_ident()
    seen: dict[str, object] = {}

    def job(progress, cancelled):  # type: ignore[no-untyped-def]
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

    def job(progress, cancelled):  # type: ignore[no-untyped-def]
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
