"""The full integrity check in the background of the window: a damaged file opens, the check
finds it and says so in a banner; nothing runs when not due; closing stops a running check."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from PySide6.QtWidgets import QLabel

from desktop import integrity
from desktop.jobs import Cancelled
from desktop.ledger import Ledger
from tests.damaged_files import county_file, damage_middle_page
from ui.main_window import MainWindow


def _window(qtbot, path: Path, qsettings, lang: str = "zh") -> MainWindow:
    ledger = Ledger.open(path)
    window = MainWindow(ledger, settings=qsettings, lang=lang)
    qtbot.addWidget(window)
    window.resize(1024, 700)
    window.show()
    return window


@pytest.mark.parametrize(("lang", "said"), [("zh", "完整性检查发现问题"), ("en", "failed its integrity check")])
def test_a_damaged_file_opens_and_the_background_check_says_so(qtbot, tmp_path: Path, qsettings,
                                                               lang: str, said: str) -> None:
    path = county_file(tmp_path / "county.db")
    damage_middle_page(path)
    window = _window(qtbot, path, qsettings, lang)  # the quick check on open does not see it
    try:
        window.start_background_check(delay_ms=0)
        assert window.background_check is not None
        qtbot.waitUntil(lambda: window.findChild(QLabel, "integrity_banner") is not None, timeout=30_000)
        banner = window.findChild(QLabel, "integrity_banner")
        assert said in banner.text() and "backups" in banner.text()
        qtbot.waitUntil(banner.isVisible, timeout=5_000)
        before = banner.text()
        window.set_language("en" if lang == "zh" else "zh")  # the banner stays, in the new language

        def shown() -> list[QLabel]:
            return [b for b in window.findChildren(QLabel, "integrity_banner") if b.isVisible()]

        qtbot.waitUntil(lambda: len(shown()) == 1, timeout=5_000)
        assert shown()[0].text() != before
    finally:
        window.close()
        window.ledger.close()


def test_nothing_runs_when_the_check_and_the_backup_are_not_due(qtbot, tmp_path: Path, qsettings) -> None:
    path = county_file(tmp_path / "county.db")
    assert integrity.run_maintenance(path).ok  # checked and backed up today
    window = _window(qtbot, path, qsettings)
    try:
        window.start_background_check(delay_ms=0)
        assert window.background_check is None
    finally:
        window.close()
        window.ledger.close()


def test_closing_the_window_stops_a_running_check(qtbot, tmp_path: Path, qsettings, monkeypatch) -> None:
    started: list[float] = []

    def long_check(path: Path, *, make_backup: bool, cancelled) -> object:
        started.append(time.perf_counter())
        while not cancelled():
            time.sleep(0.01)
        raise Cancelled("stopped")

    monkeypatch.setattr("ui.integrity_check.run_maintenance", long_check)
    path = county_file(tmp_path / "county.db")
    window = _window(qtbot, path, qsettings)
    try:
        window.start_background_check(delay_ms=0)
        qtbot.waitUntil(lambda: bool(started), timeout=10_000)
        check = window.background_check
        assert check is not None and check.running
        window.close()  # no question asked: the check is not one of the window's jobs
        assert not check.running and check.report is None
    finally:
        window.ledger.close()
