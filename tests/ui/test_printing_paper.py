"""录入纸质表: a serial or record id, typed or scanned (keys, then Enter), opens the record
it stands for, or a new record of the right register linked to the serial once saved."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from desktop import forms
from desktop.forms import PrintRequest
from ui.editors import RecordEditor
from ui.main_window import MainWindow
from ui.printing.paper import PaperCodeDialog, enter_paper_form


@pytest.fixture
def window(qtbot, demo_ledger, qsettings) -> MainWindow:
    w = MainWindow(demo_ledger, qsettings, lang="zh")
    qtbot.addWidget(w)
    w.resize(1024, 700)
    w.show()
    return w


@pytest.fixture
def editors(monkeypatch, demo_ledger) -> list[dict[str, Any]]:
    """Record editors opened (modal), each filled like a clerk copying a paper form and
    saved; a copy of an existing record of the kind, with a new name."""
    opened: list[dict[str, Any]] = []

    def fake_exec(self: RecordEditor) -> int:
        opened.append({"kind": self.kind.key, "record": self.record})
        if self.record is not None:
            return QDialog.DialogCode.Rejected.value
        model = next(iter(demo_ledger.list(self.kind.key)))
        for key, value in model.values.items():
            if key in self.rows and value is not None:
                self.editor(key).set_value("纸质表录入的资源" if key == "name" else value)
                self._edited(key)
        assert self.save(), self.errors()
        return QDialog.DialogCode.Accepted.value

    monkeypatch.setattr(RecordEditor, "exec", fake_exec)
    return opened


def _scan(qtbot, dialog: PaperCodeDialog, code: str) -> None:
    """What a USB QR scanner does: type the code's characters, then Enter."""
    dialog.show()
    dialog.field.setFocus()
    qtbot.keyClicks(dialog.field, code)
    qtbot.keyClick(dialog.field, Qt.Key.Key_Return)


def _blank_serial(ledger, tmp_path: Path) -> str:
    result = forms.render(ledger, PrintRequest("survey-blank"), tmp_path / "blank.pdf")
    return result.serials[0]


def test_the_code_field_has_the_focus(qtbot, demo_ledger) -> None:
    dialog = PaperCodeDialog(demo_ledger)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert dialog.focusWidget() is dialog.field


def test_an_unknown_code_is_said_in_the_dialog(qtbot, demo_ledger) -> None:
    dialog = PaperCodeDialog(demo_ledger)
    qtbot.addWidget(dialog)
    _scan(qtbot, dialog, "PB-130125-2026-999999")
    assert dialog.isVisible() and dialog.result() != QDialog.DialogCode.Accepted.value
    assert "PB-130125-2026-999999" in dialog.message.text()
    assert "Traceback" not in dialog.message.text()
    assert dialog.field.selectedText() == "PB-130125-2026-999999"  # the next scan replaces it
    dialog.field.clear()
    qtbot.keyClick(dialog.field, Qt.Key.Key_Return)
    assert dialog.message.text()  # empty: asks for a code


def test_a_scanned_record_id_is_accepted_on_enter(qtbot, demo_ledger) -> None:
    record = next(iter(demo_ledger.list("candidate")))
    dialog = PaperCodeDialog(demo_ledger)
    qtbot.addWidget(dialog)
    _scan(qtbot, dialog, record.id.lower())  # a scanner in lower case still finds it
    assert dialog.result() == QDialog.DialogCode.Accepted.value
    assert dialog.code is not None and dialog.code.record_id == record.id


def test_a_filled_forms_record_id_opens_its_record(window, qtbot, demo_ledger, editors,
                                                   monkeypatch) -> None:
    record = next(iter(demo_ledger.list("inspection")))
    _answer_dialog(monkeypatch, qtbot, record.id)
    enter_paper_form(window)
    assert [(e["kind"], e["record"].id) for e in editors] == [("inspection", record.id)]
    assert window.current_register() is window.register_pages["inspection"]


def test_a_blank_forms_serial_opens_a_new_record_and_links_it(window, qtbot, demo_ledger,
                                                              editors, monkeypatch,
                                                              tmp_path: Path) -> None:
    serial = _blank_serial(demo_ledger, tmp_path)
    before = demo_ledger.count("resource")
    _answer_dialog(monkeypatch, qtbot, serial)
    saved = enter_paper_form(window)
    assert [(e["kind"], e["record"]) for e in editors] == [("resource", None)]
    assert saved is not None and demo_ledger.count("resource") == before + 1
    code = forms.resolve_code(demo_ledger, serial)
    assert code.record_id == saved.id
    # The same paper scanned again opens the record entered from it, not a second new one.
    _answer_dialog(monkeypatch, qtbot, serial)
    enter_paper_form(window)
    assert editors[-1]["kind"] == "resource" and editors[-1]["record"].id == saved.id
    assert demo_ledger.count("resource") == before + 1


def test_a_cancelled_new_record_links_nothing(window, qtbot, demo_ledger, monkeypatch,
                                              tmp_path: Path) -> None:
    serial = _blank_serial(demo_ledger, tmp_path)
    monkeypatch.setattr(RecordEditor, "exec", lambda self: QDialog.DialogCode.Rejected.value)
    _answer_dialog(monkeypatch, qtbot, serial)
    assert enter_paper_form(window) is None
    assert forms.resolve_code(demo_ledger, serial).record_id is None


def test_the_action_is_in_the_menu_and_tool_bar_with_a_shortcut(window) -> None:
    from PySide6.QtWidgets import QToolBar

    action = window.action_paper_form
    assert action.shortcut().toString() == "Ctrl+L"
    bar = window.findChild(QToolBar, "paper_toolbar")
    assert action in bar.actions()
    file_menu = window.menuBar().actions()[0].menu()
    assert action in file_menu.actions()
    window.set_language("en")  # menus rebuilt: one tool bar, its actions renewed
    try:
        assert len(window.findChildren(QToolBar, "paper_toolbar")) == 1
        assert window.action_paper_form in bar.actions() and len(bar.actions()) == 2
        assert window.action_paper_form.text() == "Enter a paper form…"
        entries = [a.text() for a in window.menuBar().actions()[0].menu().actions()]
        assert entries[-1] == "Exit" and "Enter a paper form…" in entries
    finally:
        window.set_language("zh")


def _answer_dialog(monkeypatch, qtbot, code: str) -> None:
    """The next PaperCodeDialog gets ``code`` scanned into it instead of waiting."""

    def fake_exec(self: PaperCodeDialog) -> int:
        qtbot.addWidget(self)
        _scan(qtbot, self, code)
        return self.result()

    monkeypatch.setattr(PaperCodeDialog, "exec", fake_exec)
