"""Pinyin in every pick-list (ui.pinyin_filter): a reference field's GIs and enterprises, the
towns, the setup dialog's offices, the city's unit selector."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLineEdit, QMessageBox

from db.connection import open_database
from desktop.ledger import Ledger, init_office
from ui.editors import RecordEditor
from ui.editors.widgets import RefEditor, TownsEditor
from ui.pinyin_filter import PinyinCompleter, searchable_combo
from ui.setup_dialog import SetupDialog


@pytest.fixture(autouse=True)
def _discard_without_asking(monkeypatch: pytest.MonkeyPatch) -> None:
    """An editor left with changes is closed at the end of a test without a question."""
    monkeypatch.setattr(QMessageBox, "question", lambda *_a, **_k: QMessageBox.StandardButton.Yes)


def _editor(qtbot: Any, ledger: Ledger, kind: str) -> RecordEditor:
    editor = RecordEditor(ledger, kind, save=lambda values: ledger.add(kind, values))
    qtbot.addWidget(editor)
    editor.show()
    return editor


def _popup_rows(completer: Any) -> list[str]:
    model = completer.completionModel()
    return [model.index(i, 0).data() for i in range(model.rowCount())]


def test_a_gi_picker_finds_xtdz(qtbot, demo_ledger) -> None:
    editor = _editor(qtbot, demo_ledger, "mark-user")
    ref = editor.editor("gi_id")
    assert isinstance(ref, RefEditor)
    edit = ref.combo.lineEdit()
    qtbot.mouseClick(edit, Qt.MouseButton.LeftButton)
    assert ref.loaded and isinstance(ref.completer, PinyinCompleter)
    qtbot.keyClicks(edit, "xtdz")
    rows = _popup_rows(ref.completer)
    gi = next(r for r in demo_ledger.list("gi") if r.values["name"] == "行唐大枣")
    assert rows == [f"行唐大枣（{gi.id}）"]
    assert ref.completer.popup().isVisible()
    qtbot.keyClick(ref.completer.popup(), Qt.Key.Key_Down)
    qtbot.keyClick(ref.completer.popup(), Qt.Key.Key_Return)
    assert ref.value() == gi.id
    edit.clear()
    qtbot.keyClicks(edit, "xingtang")
    assert len(_popup_rows(ref.completer)) == len([r for r in demo_ledger.list("gi")
                                                   if r.values["name"].startswith("行唐")])


def test_an_enterprise_picker_by_initials(qtbot, demo_ledger) -> None:
    editor = _editor(qtbot, demo_ledger, "annual-report")
    ref = editor.editor("mark_user_id")
    assert isinstance(ref, RefEditor)
    qtbot.mouseClick(ref.combo.lineEdit(), Qt.MouseButton.LeftButton)
    ref.completer.wait_ready()
    user = next(iter(demo_ledger.list("mark-user")))
    name = user.values["name"]
    from desktop.pinyin import spellings

    initials = spellings(name)[-1]  # the initials of the reading in context
    ref.completer.setCompletionPrefix(initials)
    assert f"{name}（{user.id}）" in _popup_rows(ref.completer)
    ref.completer.setCompletionPrefix(user.id.lower())  # ids still, any case
    assert _popup_rows(ref.completer) == [f"{name}（{user.id}）"]


def test_the_office_picker_finds_jinzhou(qtbot, tmp_path: Path) -> None:
    dialog = SetupDialog(tmp_path / "new.db")
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.search, "jinzhou")
    shown = [dialog.results.item(i).text() for i in range(dialog.results.count())]
    assert any("130183" in t and "晋州市" in t for t in shown)
    dialog.search.clear()
    qtbot.keyClicks(dialog.search, "xingtang")
    assert dialog.results.count() == 1 and dialog.office_code() == "130125"


def test_towns_are_ticked_by_pinyin(qtbot, demo_ledger) -> None:
    editor = _editor(qtbot, demo_ledger, "resource")
    towns = editor.editor("towns")
    assert isinstance(towns, TownsEditor)
    completer = towns.free.completer()
    assert isinstance(completer, PinyinCompleter)
    towns.free.setFocus()
    qtbot.keyClicks(towns.free, "kt")
    assert _popup_rows(completer) == ["口头镇"]
    qtbot.keyClick(completer.popup(), Qt.Key.Key_Down)
    qtbot.keyClick(completer.popup(), Qt.Key.Key_Return)  # picked: the town is ticked
    qtbot.waitUntil(lambda: towns.free.text() == "")
    assert towns.checks["口头镇"].isChecked()
    assert towns.value() == ["口头镇"]


def test_a_fixed_drop_down_made_searchable(qtbot) -> None:
    combo = QComboBox()
    qtbot.addWidget(combo)
    for code, name in (("", "全市（全部单位）"), ("130181", "辛集市"), ("130183", "晋州市"), ("130133", "赵县")):
        combo.addItem(name, code)
    completer = searchable_combo(combo)
    combo.show()
    edit = combo.lineEdit()
    edit.clear()
    qtbot.keyClicks(edit, "jz")
    assert _popup_rows(completer) == ["晋州市"]
    qtbot.keyClick(completer.popup(), Qt.Key.Key_Down)
    qtbot.keyClick(completer.popup(), Qt.Key.Key_Return)
    assert combo.currentData() == "130183"
    edit.setText("没有")
    edit.editingFinished.emit()
    assert combo.currentText() == "晋州市" and combo.currentData() == "130183"


def test_the_city_unit_selector_types_pinyin(qtbot, tmp_path: Path, qsettings) -> None:
    db = open_database(tmp_path / "city.db")
    init_office(db, "130100", clerk="测试员")
    ledger = Ledger(db)
    from ui.pages.dashboard_page import DashboardPage

    page = DashboardPage(ledger)
    qtbot.addWidget(page)
    completer = page.scope.completer()
    assert isinstance(completer, PinyinCompleter)
    completer.setCompletionPrefix("jinzhou")
    assert _popup_rows(completer) == ["晋州市"]
    completer.setCompletionPrefix("xt")
    assert _popup_rows(completer) == ["行唐县"]
    ledger.close()


def test_twenty_thousand_enterprises_stay_fast(qtbot) -> None:
    surnames = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗"
    words = "鑫宏泰丰华盛通达永兴祥瑞恒昌隆福"
    labels = [f"行唐县{surnames[n % 20]}{words[n // 20 % 16]}{words[n // 320 % 16]}农业有限公司（U-130125-{n:06d}）"
              for n in range(20_000)]
    labels.append("行唐县大枣合作社（U-130125-999999）")
    started = time.perf_counter()
    completer = PinyinCompleter(labels)
    assert time.perf_counter() - started < 0.5, "the list is spelt in idle time, not at once"
    assert not completer.items.ready
    started = time.perf_counter()
    completer.setCompletionPrefix("xtxdz")  # before the spellings: text only, no wait
    assert time.perf_counter() - started < 0.3
    qtbot.waitUntil(lambda: completer.items.ready, timeout=60_000)  # idle slices
    assert completer.shown() == ["行唐县大枣合作社（U-130125-999999）"]  # filled again when ready
    started = time.perf_counter()
    completer.setCompletionPrefix("xtxwxh")
    elapsed = time.perf_counter() - started
    assert elapsed < 0.3, f"{elapsed:.3f}s for a keystroke over 20,000 names"
    from desktop.pinyin import matches

    assert completer.shown() == [t for t in labels if matches("xtxwxh", t)]  # what desktop.pinyin says
    assert 0 < len(completer.shown()) < 1000
    assert all(t[3] in "王吴" and t[4] in "鑫兴祥" and t[5] in "宏华恒" for t in completer.shown())


def test_a_register_page_unit_filter_finds_units_by_pinyin(qtbot, tmp_path: Path, qsettings) -> None:
    from ui.pages.register_page import RegisterPage
    from ui.undo import LedgerUndo

    db = open_database(tmp_path / "city.db")
    init_office(db, "130100", clerk="测试员")
    ledger = Ledger(db)
    page = RegisterPage(ledger, "mark-user", LedgerUndo(ledger), qsettings)
    qtbot.addWidget(page)
    button = page.filter_buttons["office_code"]
    button.menu().aboutToShow.emit()
    line = button.menu().findChild(QLineEdit, "menu_filter")
    assert line is not None
    line.setText("jinzhou")
    visible = [a.text() for a in button.menu().actions() if a.isCheckable() and a.isVisible()]
    assert visible == ["晋州市"]
    line.setText("")
    assert len([a for a in button.menu().actions() if a.isCheckable() and a.isVisible()]) > 10
    ledger.close()


def test_the_unit_list_picks_a_division_by_pinyin(qtbot, tmp_path: Path) -> None:
    from ui.pages.units_dialog import UnitsDialog

    db = open_database(tmp_path / "city.db")
    init_office(db, "130100", clerk="测试员")
    ledger = Ledger(db)
    dialog = UnitsDialog(ledger)
    qtbot.addWidget(dialog)
    dialog.show()
    completer = dialog.code.completer()
    assert isinstance(completer, PinyinCompleter)
    dialog.code.setFocus()
    qtbot.keyClicks(dialog.code, "xinji")
    rows = _popup_rows(completer)
    assert "130181 辛集市" in rows and "130183 晋州市" not in rows
    for _ in range(rows.index("130181 辛集市") + 1):
        qtbot.keyClick(completer.popup(), Qt.Key.Key_Down)
    qtbot.keyClick(completer.popup(), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.code.text() == "130181")
    assert dialog.name.text() == "辛集市"
    dialog.code.clear()
    qtbot.keyClicks(dialog.code, "13018")
    assert _popup_rows(completer) == ["130181 辛集市", "130183 晋州市", "130184 新乐市"]
    ledger.close()
