"""The main window's find box (ui.find_box): Ctrl+K, groups as the clerk types, Enter opens
the record's editor on its page, 显示全部, Esc; at 1024x700 in both languages."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication, QDialog

from ui.editors import RecordEditor
from ui.find_box import ALL, HIT, FindBox
from ui.main_window import MainWindow

_ROLE = Qt.ItemDataRole.UserRole


@pytest.fixture
def opened(monkeypatch) -> list[tuple[str, str | None]]:
    """Record editors opened (modal): their kind and record id; closed at once."""
    seen: list[tuple[str, str | None]] = []

    def fake_exec(self: RecordEditor) -> int:
        seen.append((self.kind.key, self.record.id if self.record is not None else None))
        return QDialog.DialogCode.Rejected.value

    monkeypatch.setattr(RecordEditor, "exec", fake_exec)
    return seen


def _window(qtbot, ledger, settings, lang: str = "zh") -> MainWindow:
    if lang != "zh":
        from ui import i18n

        i18n.install(lang)
    w = MainWindow(ledger, settings, lang=lang)
    qtbot.addWidget(w)
    w.resize(1024, 700)
    w.show()
    qtbot.waitExposed(w)
    return w


@pytest.fixture
def window(qtbot, demo_ledger, qsettings) -> MainWindow:
    return _window(qtbot, demo_ledger, qsettings)


def _box(window: MainWindow) -> FindBox:
    box = window.find_box
    assert isinstance(box, FindBox)
    return box


def _type(qtbot, box: FindBox, text: str) -> None:
    """Type ``text`` (Chinese as an input method commits it) and wait for every register."""
    with qtbot.waitSignal(box.searched, timeout=10_000):
        if text.isascii():
            qtbot.keyClicks(box, text)
        else:
            box.insert(text)


def _texts(box: FindBox) -> list[str]:
    return [box.popup.item(i).text() for i in range(box.popup.count())]


def _press(qtbot, window: MainWindow, sequence: str) -> None:
    combination = QKeySequence(sequence)[0]  # type: ignore[index]  # QKeySequence has operator[]
    qtbot.keyClick(window, combination.key(), combination.keyboardModifiers())


def test_ctrl_k_focuses_the_box(qtbot, window) -> None:
    box = _box(window)
    window.page("home")
    assert not box.hasFocus()
    _press(qtbot, window, "Ctrl+K")
    assert box.hasFocus()
    assert window.action_find_anything.shortcut().toString() == "Ctrl+K"
    assert window.action_find_anything in window.actions()


def test_typing_lists_groups_and_enter_opens_the_editor(qtbot, window, demo_ledger, opened) -> None:
    box = _box(window)
    box.focus()
    _type(qtbot, box, "行唐大枣")
    texts = _texts(box)
    assert box.popup.isVisible()
    users = demo_ledger.count("mark-user")
    header = next(t for t in texts if t.startswith("用标主体（共 "))
    assert 0 < int(header.removeprefix("用标主体（共 ").removesuffix(" 条）")) <= users
    assert "已保护地理标志（共 1 条）" in texts
    assert any("显示全部" in t for t in texts)
    gi = demo_ledger.list("gi")
    gi_id = next(r.id for r in gi if r.values["name"] == "行唐大枣")
    # down to the GI's hit, then Enter
    while (box.popup.currentItem().data(_ROLE) or (0, "", ""))[1:] != ("gi", gi_id):
        qtbot.keyClick(box, Qt.Key.Key_Down)
        assert box.popup.currentRow() < box.popup.count() - 1
    qtbot.keyClick(box, Qt.Key.Key_Return)
    assert opened == [("gi", gi_id)]
    page = window.current_register()
    assert page is not None and page.kind.key == "gi" and page.current_id() == gi_id
    assert not box.popup.isVisible()


def test_a_record_hidden_by_the_page_search_is_shown_and_opened(qtbot, window, demo_ledger, opened) -> None:
    user = next(iter(demo_ledger.list("mark-user")))
    page = window.register_page("mark-user")
    page.search.setText("没有这样的企业")
    page.model.set_search("没有这样的企业")
    assert page.model.rowCount() == 0
    box = _box(window)
    box.focus()
    _type(qtbot, box, user.id)
    first = box.popup.currentItem()
    assert first.data(_ROLE) == (HIT, "mark-user", user.id)
    qtbot.keyClick(box, Qt.Key.Key_Enter)
    assert opened == [("mark-user", user.id)]
    assert page.current_id() == user.id


def test_show_all_sets_the_register_page_search(qtbot, window, demo_ledger, opened) -> None:
    box = _box(window)
    box.focus()
    _type(qtbot, box, "行唐")
    more = next(box.popup.item(i) for i in range(box.popup.count())
                if (box.popup.item(i).data(_ROLE) or (0,))[0] == ALL
                and box.popup.item(i).data(_ROLE)[1] == "resource")
    total = int(more.text().split("显示全部 ")[1].split(" 条")[0])
    box.popup.itemClicked.emit(more)
    page = window.current_register()
    assert page is not None and page.kind.key == "resource"
    assert page.search.text() == "行唐"
    assert page.model.rowCount() == total
    assert opened == []


def test_esc_closes_the_popup_and_nothing_or_short_says_so(qtbot, window) -> None:
    box = _box(window)
    box.focus()
    _type(qtbot, box, "没有这样的记录")
    assert box.popup.isVisible() and _texts(box) == ["没有找到“没有这样的记录”"]
    qtbot.keyClick(box, Qt.Key.Key_Escape)
    assert not box.popup.isVisible()
    qtbot.keyClick(box, Qt.Key.Key_Escape)  # a second Esc empties the box
    assert box.text() == ""
    qtbot.keyClicks(box, "x")
    box.run_now()
    assert not box.popup.isVisible()  # one letter: no search


def test_a_new_key_drops_the_search_under_way(qtbot, window, demo_ledger) -> None:
    box = _box(window)
    box.focus()
    box.insert("行唐")
    box.run_now()
    box.step()  # the first register listed; the rest still to come
    assert any(t.startswith("用标主体") for t in _texts(box))
    user = next(iter(demo_ledger.list("mark-user")))
    box.clear()
    _type(qtbot, box, user.id)
    texts = _texts(box)
    assert not any(t.startswith("普查资源") for t in texts)  # nothing left of 行唐's search
    assert texts[0] == "用标主体（共 1 条）"


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_fits_1024x700_in_both_languages(qtbot, demo_ledger, qsettings, lang: str, tmp_path: Path) -> None:
    window = _window(qtbot, demo_ledger, qsettings, lang)
    try:
        box = _box(window)
        box.focus()
        _type(qtbot, box, "行唐大枣")
        popup = box.popup
        assert popup.geometry().right() <= window.width()
        assert popup.geometry().bottom() <= window.height()
        assert box.geometry().right() <= window.width()
        header = _texts(box)[0]
        assert header.startswith("用标主体（共 " if lang == "zh" else "Mark user (")
        assert any(t.strip().startswith("显示全部" if lang == "zh" else "Show all") for t in _texts(box))
        assert window.grab().save(str(tmp_path / f"find_box_{lang}.png"))
    finally:
        if lang != "zh":
            from ui import i18n

            i18n.install("zh")


def test_the_box_survives_a_language_switch(qtbot, window) -> None:
    first = _box(window)
    assert window.set_language("en")
    try:
        QApplication.processEvents()
        box = _box(window)
        assert box is not first
        assert "Ctrl+K" in box.placeholderText()
        _press(qtbot, window, "Ctrl+K")
        assert box.hasFocus()
        shortcuts = [a for a in window.actions() if a.shortcut().toString() == "Ctrl+K"]
        assert len(shortcuts) == 1
    finally:
        window.set_language("zh")


def test_window_helpers_are_hooked(window: Any) -> None:
    assert window.findChild(FindBox, "find_box") is _box(window)


def test_a_large_file_is_searched_on_a_thread_and_a_new_key_stops_it(qtbot, demo_ledger, qsettings,
                                                                     monkeypatch) -> None:
    """A city's file: the search runs off the GUI thread, its groups are those of find_all,
    and a newer text stops the older search (nothing of it is shown)."""
    import threading

    import desktop.find as find
    import ui.background as background
    from desktop.browse import Browser

    monkeypatch.setattr(background, "LARGE_FILE_BYTES", 0)
    threads: set[str] = set()
    real = Browser.ids

    def ids(self, state):
        threads.add(threading.current_thread().name)
        return real(self, state)

    monkeypatch.setattr(Browser, "ids", ids)
    w = _window(qtbot, demo_ledger, qsettings)
    box = _box(w)
    threads.clear()
    box.setFocus()
    box.setText("行唐")
    with qtbot.waitSignal(box.searched, timeout=20_000) as signal:
        box.run_now()
    assert signal.args == ["行唐"]
    assert threads == {"find"}  # nothing searched on the GUI thread
    expected = find.find_all(demo_ledger, "行唐")
    headers = [i.text() for i in box.popup.findItems("（共", Qt.MatchFlag.MatchContains)]
    assert len(headers) == len(expected)
    assert all(f"共 {g.total} 条" in h for g, h in zip(expected, headers, strict=True))

    seen: list[str] = []
    box.searched.connect(seen.append)
    box.setText("行唐大枣")
    box.run_now()
    box.setText("枣")  # typed on before the first search ended
    box.run_now()
    qtbot.waitUntil(lambda: seen == ["枣"], timeout=20_000)
    expected = find.find_all(demo_ledger, "枣")
    headers = [i.text() for i in box.popup.findItems("（共", Qt.MatchFlag.MatchContains)]
    assert all(f"共 {g.total} 条" in h for g, h in zip(expected, headers, strict=True))
    w.close()
