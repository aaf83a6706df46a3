"""The dashboard of a large file is computed in the background: the window is drawn at once,
the page says it is counting, and then shows the same numbers as counted at once."""

from __future__ import annotations

import threading

from PySide6.QtWidgets import QLabel

import ui.background as background
import ui.pages.dashboard_page as dashboard_page
from desktop.dashboard import compute_dashboard
from ui.main_window import MainWindow
from ui.pages.dashboard_page import DashboardPage


def test_a_large_file_is_counted_on_another_thread(qtbot, demo_ledger, qsettings, monkeypatch) -> None:
    monkeypatch.setattr(background, "LARGE_FILE_BYTES", 0)  # the demo file counts as large
    threads: list[str] = []
    real = dashboard_page.compute_dashboard

    def spy(ledger, **kw):
        threads.append(threading.current_thread().name)
        return real(ledger, **kw)

    monkeypatch.setattr(dashboard_page, "compute_dashboard", spy)
    window = MainWindow(demo_ledger, settings=qsettings)
    qtbot.addWidget(window)
    window.show()
    home = window.page("home")
    assert isinstance(home, DashboardPage) and home.in_background()
    assert threads == [] or threads == ["dashboard"]  # nothing counted on the GUI thread
    waiting = home.findChild(QLabel, "dashboard_waiting")
    if home.dashboard is None:
        assert waiting is not None and "正在统计" in waiting.text()
    qtbot.waitUntil(lambda: home.dashboard is not None, timeout=30_000)
    assert threads == ["dashboard"]
    expected = compute_dashboard(demo_ledger)
    assert home.dashboard == expected
    item = next(i for i in home.dashboard.attention if i.ids)
    assert item.key in home.attention_labels  # the page is drawn with its links
    home.refresh()  # a later refresh also counts in the background and shows the page meanwhile
    assert home.dashboard == expected
    qtbot.waitUntil(lambda: len(threads) == 2, timeout=30_000)
    window.close()


def test_a_small_file_is_counted_at_once(qtbot, demo_ledger) -> None:
    page = DashboardPage(demo_ledger)
    qtbot.addWidget(page)
    assert not page.in_background()
    assert page.dashboard == compute_dashboard(demo_ledger)


def test_a_register_of_a_large_file_is_listed_on_another_thread(qtbot, demo_ledger, qsettings,
                                                                monkeypatch) -> None:
    from desktop.browse import Browser, BrowseState

    monkeypatch.setattr(background, "LARGE_FILE_BYTES", 0)  # the demo file counts as large
    threads: list[str] = []
    real = Browser.ids

    def ids(self, state):
        threads.append(threading.current_thread().name)
        return real(self, state)

    monkeypatch.setattr(Browser, "ids", ids)
    qsettings.setValue("window/page", "annual-report")  # the window opens on a register
    window = MainWindow(demo_ledger, settings=qsettings)
    qtbot.addWidget(window)
    window.show()
    page = window.register_pages["annual-report"]
    assert "MainThread" not in threads  # the list was not read on the GUI thread
    if page.model.loading:
        assert page.model.rowCount() == 0 and "正在载入" in window.statusBar().currentMessage()
    qtbot.waitUntil(lambda: not page.model.loading, timeout=30_000)
    assert threads == ["list-annual-report"]
    assert page.model.rowCount() == demo_ledger.count("annual-report")
    qtbot.waitUntil(lambda: f"共 {demo_ledger.count('annual-report')} 条" in window.statusBar().currentMessage(),
                    timeout=5_000)
    # A broad search: its first page, then the rest below it, all read in the background.
    from ui.models import register_model

    monkeypatch.setattr(register_model, "FIRST_PAGE", 20)  # the small demo's 104 reports
    total = len(real(Browser(demo_ledger, "annual-report"), BrowseState(search="2")))
    assert total > 20
    counts: list[int] = []
    messages: list[str] = []
    page.model.reloaded.connect(counts.append)
    window.statusBar().messageChanged.connect(messages.append)
    page.model.set_search("2")
    assert page.model.loading and threads == ["list-annual-report"]  # nothing on the GUI thread
    qtbot.waitUntil(lambda: not page.model.loading, timeout=30_000)
    assert counts == [20, total] and any("已显示前 20 条" in m for m in messages)
    assert threads == ["list-annual-report", "list-annual-report"]
    assert page.model.ids() == real(Browser(demo_ledger, "annual-report"), page.model.state)
    assert page.model.data(page.model.index(25, 0)) == page.model.ids()[25]  # drawn past the page
    assert f"共 {total} 条" in window.statusBar().currentMessage()
    one = page.model.ids()[3]
    page.model.set_search(one)  # one id: its first page is all of it, nothing more to read
    qtbot.waitUntil(lambda: not page.model.loading, timeout=30_000)
    assert page.model.ids() == [one] and threads == ["list-annual-report"] * 2
    page.model.set_include_deleted(True)  # other reloads are read at once
    assert threads[-1] == "MainThread" and not page.model.loading
    window.close()


def test_a_newer_search_interrupts_the_one_under_way(qtbot, demo_ledger, qsettings, monkeypatch) -> None:
    """Typing on in a large file: the slow search of the first letter is stopped (SQLite's
    interrupt) when the next text comes, and only the last text's list is shown."""
    import sqlite3

    from desktop.browse import Browser, Page

    monkeypatch.setattr(background, "LARGE_FILE_BYTES", 0)
    real = Browser.ids
    outcomes: list[str] = []

    def ids(self, state):
        if state.search == "慢":  # a search that would run for minutes
            try:
                self.ledger.db.conn.execute(
                    "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 2000000000) "
                    "SELECT count(*) FROM n").fetchone()
            except sqlite3.OperationalError as e:
                outcomes.append(str(e))
                raise
            outcomes.append("finished")
        return real(self, state)

    monkeypatch.setattr(Browser, "ids", ids)
    real_page = Browser.first_page

    def first_page(self, state, limit):  # the first page of "慢" is shown; the rest is slow
        return Page([], False) if state.search == "慢" else real_page(self, state, limit)

    monkeypatch.setattr(Browser, "first_page", first_page)
    qsettings.setValue("window/page", "mark-user")
    window = MainWindow(demo_ledger, settings=qsettings)
    qtbot.addWidget(window)
    window.show()
    page_model = window.register_pages["mark-user"].model
    qtbot.waitUntil(lambda: not page_model.loading, timeout=30_000)
    page_model.set_search("慢")
    qtbot.waitUntil(lambda: bool(page_model._readers), timeout=10_000)  # the slow read is under way
    page_model.set_search("行唐")
    qtbot.waitUntil(lambda: outcomes == ["interrupted"], timeout=10_000)
    qtbot.waitUntil(lambda: not page_model.loading, timeout=30_000)
    assert page_model.state.search == "行唐"
    assert page_model.ids() == real(Browser(demo_ledger, "mark-user"), page_model.state)
    assert page_model.ids()
    window.close()


def test_a_search_shows_its_first_page_at_once_and_the_rest_from_the_background(
        qtbot, demo_ledger, qsettings, monkeypatch) -> None:
    """A file that is not large: the first page of a broad search is read at once, on the GUI
    thread (milliseconds), the rest in the background and added below it."""
    from desktop.browse import Browser, BrowseState
    from ui.models import register_model

    monkeypatch.setattr(register_model, "FIRST_PAGE", 20)
    threads: list[str] = []
    real = Browser.ids

    def ids(self, state):
        threads.append(threading.current_thread().name)
        return real(self, state)

    monkeypatch.setattr(Browser, "ids", ids)
    qsettings.setValue("window/page", "annual-report")
    window = MainWindow(demo_ledger, settings=qsettings)
    qtbot.addWidget(window)
    window.show()
    page = window.register_pages["annual-report"]
    threads.clear()
    page.model.set_search("2")
    assert page.model.rowCount() == 20 and page.model.loading and threads == []
    assert "已显示前 20 条" in window.statusBar().currentMessage()
    first = page.model.ids()
    qtbot.waitUntil(lambda: not page.model.loading, timeout=30_000)
    assert threads == ["list-annual-report"]
    assert page.model.ids() == real(Browser(demo_ledger, "annual-report"), BrowseState(search="2"))
    assert page.model.ids()[:20] == first
    window.close()
