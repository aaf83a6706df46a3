"""Switching the language while the window runs: one action per shortcut, every text on every
page in the new language, and back again."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QAction
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMessageBox

from desktop.ledger import Ledger
from ui import i18n
from ui.main_window import NAVIGATION, TABS, MainWindow
from ui.pages.register_page import RegisterPage

from .screen_language import visible_texts, wrong_language


@pytest.fixture
def window(qtbot, demo_ledger, qsettings) -> Iterator[MainWindow]:
    i18n.install("zh")
    w = MainWindow(demo_ledger, settings=qsettings)
    qtbot.addWidget(w)
    w.resize(1024, 700)
    w.show()
    try:
        yield w
    finally:
        i18n.install("zh")


def _settle() -> None:
    QApplication.processEvents()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def _choose_language(window: MainWindow, lang: str) -> None:
    """Pick ``lang`` on the 设置 page as the clerk does."""
    page = window.show_page("settings")
    combo = page.language
    combo.setCurrentIndex(combo.findData(lang))
    _settle()


def _shortcut_owners(window: MainWindow) -> Counter[str]:
    """How many live actions of the window (in its menus or on it) answer each key sequence."""
    owners: Counter[str] = Counter()
    for action in window.findChildren(QAction):
        if action.associatedObjects():
            for key in action.shortcuts():
                owners[key.toString()] += 1
    return owners


def _data(ledger: Ledger) -> list[str]:
    """What the screens may show in Chinese whatever the language: records, office, clerk, paths,
    the name of the font the printed forms use."""
    from db.backup import backup_dir
    from desktop.forms import fonts

    assert ledger.path is not None
    values = [ledger.office.name, ledger.actor.clerk, str(ledger.path), str(backup_dir(ledger.path)),
              fonts.load_fonts(None).description]
    for kind in ("candidate",):
        values += [str(r.values.get("name")) for r in ledger.list(kind)]
    return values


def _wrong_texts_on_every_page(window: MainWindow, lang: str) -> list[tuple[str, str, str]]:
    found = []
    for key, _zh, _en in NAVIGATION:
        window.show_page(key)
        for n in range(len(TABS.get(key, ("",)))):
            if key in TABS:
                window.tabs[key].setCurrentIndex(n)
            QApplication.processEvents()
            found += [(key, where, text) for where, text in
                      wrong_language(visible_texts(window), lang, _data(window.ledger))]
    return found


@pytest.mark.parametrize("order", [("en", "zh"), ("en", "zh", "en")])
def test_after_a_switch_every_shortcut_has_one_action_and_works(window, qtlog, monkeypatch,
                                                                order) -> None:
    new_records: list[str] = []
    refreshed: list[str] = []
    monkeypatch.setattr(RegisterPage, "new_record", lambda self: new_records.append(self.kind.key))
    monkeypatch.setattr(RegisterPage, "refresh", lambda self: refreshed.append(self.kind.key))
    window.register_page("resource")
    for lang in order:
        _choose_language(window, lang)
        assert window.lang == lang
        owners = _shortcut_owners(window)
        for key in ("Ctrl+N", "Ctrl+F", "F5", "Ctrl+Q", "Ctrl+Z", "Ctrl+Y", "Del"):
            assert owners[key] == 1, (lang, key, owners)
        page = window.register_page("resource")
        new_records.clear()
        refreshed.clear()
        QTest.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
        QTest.keyClick(window, Qt.Key.Key_F5)
        QTest.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
        assert new_records == ["resource"], lang
        assert refreshed == ["resource"], lang
        assert page.search.hasFocus(), lang
    assert not [r.message for r in qtlog.records if "Ambiguous" in r.message]


def test_switching_on_the_settings_page_puts_every_page_in_the_new_language(window, demo_ledger) -> None:
    window.register_page("resource")
    _choose_language(window, "en")
    settings_page = window.pages["settings"]
    assert window.stack.currentWidget().isAncestorOf(settings_page)
    assert settings_page.language.currentData() == "en"
    banner = window.findChild(type(window.office_label), "demo_banner")
    assert banner is not None and banner.text().startswith("Demo data")
    assert "county mode" in window.office_label.text()
    assert [a.text() for a in window.menuBar().actions()] == ["&File", "&Edit", "&Help"]
    assert _wrong_texts_on_every_page(window, "en") == []

    _choose_language(window, "zh")
    banner = window.findChild(type(window.office_label), "demo_banner")
    assert banner.text().startswith("演示数据（小型）"), "the demo's size in Chinese, not 'small'"
    assert "县级模式" in window.office_label.text()
    assert [a.text() for a in window.menuBar().actions()] == ["文件(&F)", "编辑(&E)", "帮助(&H)"]
    assert _wrong_texts_on_every_page(window, "zh") == []


def test_the_language_is_remembered_and_kept_while_work_runs(window, qsettings, monkeypatch) -> None:
    from ui.settings import language

    _choose_language(window, "en")
    assert language(qsettings) == "en"
    told: list[str] = []
    with monkeypatch.context() as busy:  # (undone before the window closes at the end)
        busy.setattr("ui.main_window.running_jobs", lambda: [object()])
        busy.setattr(QMessageBox, "information", lambda _parent, _title, text: told.append(text))
        _choose_language(window, "zh")
    assert window.lang == "en" and language(qsettings) == "en" and told
    assert window.pages["settings"].language.currentData() == "en"
    assert window.menuBar().actions()[0].text() == "&File"


def test_the_language_stays_while_a_dialog_is_open(window, monkeypatch, tmp_path) -> None:
    told: list[str] = []
    page = window.show_page("packets")
    dialog = page.open_import([])
    with monkeypatch.context() as boxes:
        boxes.setattr(QMessageBox, "information", lambda _parent, _title, text: told.append(text))
        _choose_language(window, "en")
    assert window.lang == "zh" and told and dialog.windowTitle() in told[0]
    assert dialog.isVisible()  # the clerk's list of packets is still there
    dialog.close()
    _choose_language(window, "en")
    assert window.lang == "en"


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_register_headers_are_as_wide_as_their_labels(window, lang) -> None:
    _choose_language(window, lang)
    for kind in ("resource", "stats", "annual-report"):
        page = window.register_page(kind)
        header = page.view.horizontalHeader()
        for n in range(page.model.columnCount()):
            if page.view.isColumnHidden(n):
                continue
            label = str(page.model.headerData(n, Qt.Orientation.Horizontal))
            wanted = min(header.fontMetrics().horizontalAdvance(label) + 12, 360)
            assert page.view.columnWidth(n) >= wanted, (kind, label)
