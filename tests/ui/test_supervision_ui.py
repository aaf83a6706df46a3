"""ui.supervision: 列入异常名录 on a mark user, 移出异常名录 on an entry, 整改复查 and 立案登记 on an
inspection, in a 1024×700 window, in Chinese and in English."""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QDialog, QMessageBox

from desktop import abnormal, inspection_case
from desktop.ledger import Ledger
from ui.main_window import MainWindow
from ui.supervision import SupervisionBar
from ui.supervision_dialogs import AbnormalDialog, RecheckDialog

SHOTS = Path("/work/notes/shots/rectify")


def _shot(widget: Any, tmp_path: Path, name: str) -> None:
    path = tmp_path / f"{name}.png"
    assert widget.grab().save(str(path))
    if SHOTS.parent.is_dir() and os.environ.get("GILEDGER_SHOTS"):
        SHOTS.mkdir(exist_ok=True)
        shutil.copy(path, SHOTS / path.name)


def _bar(window: MainWindow, kind: str, record_id: str) -> SupervisionBar:
    page = window.register_page(kind)
    page.show_ids(None)
    assert page.select_id(record_id)
    bar = page.findChild(SupervisionBar)
    assert bar is not None and bar.isVisible()
    bar.update_state()
    return bar


def _fill_and_accept(fill: Any) -> Any:
    def exec_(self: QDialog) -> int:
        fill(self)
        self.accept()
        return int(self.result())
    return exec_


@pytest.fixture(autouse=True)
def _no_modal_warnings(monkeypatch: Any) -> None:
    """A refused undo shows a modal box: here it fails the test instead of waiting forever."""
    def refuse(_parent: Any, title: str, text: str, *a: Any, **k: Any) -> None:
        raise AssertionError(f"{title}: {text}")
    monkeypatch.setattr(QMessageBox, "warning", refuse)


@pytest.fixture
def window(qtbot: Any, demo_ledger: Ledger, qsettings: Any, lang: str) -> MainWindow:
    w = MainWindow(demo_ledger, settings=qsettings, lang=lang)
    qtbot.addWidget(w)
    w.show()
    w.resize(1024, 700)
    return w


def test_list_and_remove_a_user(window: MainWindow, demo_ledger: Ledger, monkeypatch: Any,
                                tmp_path: Path, lang: str) -> None:
    user = next(u for u in demo_ledger.list("mark-user", {"status": "approved"})
                if not abnormal.open_entries(demo_ledger, u.id))
    bar = _bar(window, "mark-user", user.id)
    assert bar.buttons["list_abnormal"].isEnabled()
    assert ("Not on the abnormal list" if lang == "en" else "未列入异常名录") in bar.text()

    seen: dict[str, Any] = {}

    def fill(dialog: AbnormalDialog) -> None:
        assert dialog.reason_box is not None
        dialog.reason_box.setCurrentIndex(dialog.reason_box.findData("nonstandard_label"))
        dialog.doc.setText("行市监异〔2026〕9号")
        dialog.resize(dialog.sizeHint())
        _shot(dialog, tmp_path, f"list-dialog-{lang}")
        seen["ok"] = dialog.width() <= 1024

    monkeypatch.setattr(AbnormalDialog, "exec", _fill_and_accept(fill))
    entry = bar.list_current()
    assert entry is not None and seen["ok"]
    assert entry.values["reason"] == "nonstandard_label" and entry.values["prior_status"] == "approved"
    assert demo_ledger.get("mark-user", user.id).values["status"] == "abnormal"
    bar = _bar(window, "mark-user", user.id)
    text = bar.text()
    assert "行市监异〔2026〕9号" in text and entry.id in text
    assert ("on the abnormal list" in text.lower()) if lang == "en" else "列入异常名录" in text
    _shot(window, tmp_path, f"user-listed-{lang}")

    bar = _bar(window, "abnormal", entry.id)
    assert bar.buttons["remove_abnormal"].isEnabled()

    def fill_remove(dialog: AbnormalDialog) -> None:
        assert dialog.reason_text is not None
        dialog.accept()  # no reason: refused, the dialog stays open with the message
        assert not dialog.error.isHidden() and dialog.error.text() and dialog.result() == 0
        dialog.reason_text.setText("已规范使用标志")
        dialog.doc.setText("行市监异移〔2026〕2号")

    monkeypatch.setattr(AbnormalDialog, "exec", _fill_and_accept(fill_remove))
    done = bar.remove_current()
    assert done is not None and done.values["removal_reason"] == "已规范使用标志"
    assert demo_ledger.get("mark-user", user.id).values["status"] == "approved"
    assert not bar.buttons["remove_abnormal"].isEnabled()
    bar = _bar(window, "mark-user", user.id)
    assert "行市监异移〔2026〕2号" in bar.text()
    _shot(window, tmp_path, f"user-removed-{lang}")
    window.undo.stack.undo()  # Ctrl+Z: the entry is open again, the user abnormal again
    assert demo_ledger.get("abnormal", entry.id).values["removal_date"] is None
    assert demo_ledger.get("mark-user", user.id).values["status"] == "abnormal"
    window.undo.stack.undo()  # and the listing goes: a tombstone, the status as before
    assert demo_ledger.get("abnormal", entry.id).deleted
    assert demo_ledger.get("mark-user", user.id).values["status"] == "approved"
    window.undo.stack.redo()
    assert demo_ledger.get("mark-user", user.id).values["status"] == "abnormal"


def test_recheck_and_open_a_case(window: MainWindow, demo_ledger: Ledger, monkeypatch: Any,
                                 tmp_path: Path, lang: str) -> None:
    user = next(iter(demo_ledger.list("mark-user", {"status": "approved"})))
    found = demo_ledger.add("inspection", {
        "mark_user_id": user.id, "inspectors": "张三;李四", "method": "onsite",
        "inspection_date": "2026-10-01", "item_label": "fail", "result": "rectify",
        "rectify_deadline": "2026-11-01", "findings": "标志比例不符合规范"})
    bar = _bar(window, "inspection", found.id)
    assert ("overdue" if lang == "en" else "逾期未复查") in bar.text()
    assert bar.buttons["recheck"].isEnabled() and not bar.buttons["open_case"].isEnabled()
    _shot(window, tmp_path, f"inspection-overdue-{lang}")

    def fill(dialog: RecheckDialog) -> None:
        dialog.result_box.setCurrentIndex(dialog.result_box.findData("not_rectified"))
        dialog.note.setPlainText("仍使用旧包装")
        _shot(dialog, tmp_path, f"recheck-dialog-{lang}")

    monkeypatch.setattr(RecheckDialog, "exec", _fill_and_accept(fill))
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: QMessageBox.StandardButton.Ok)
    done = bar.recheck_current()
    assert done is not None and done.values["recheck_result"] == "not_rectified"
    assert "仍使用旧包装" in done.values["rectify_followup"]
    bar.update_state()
    assert not bar.buttons["recheck"].isEnabled() and bar.buttons["open_case"].isEnabled()
    window.undo.stack.undo()
    assert demo_ledger.get("inspection", found.id).values["recheck_result"] is None
    window.undo.stack.redo()
    assert demo_ledger.get("inspection", found.id).values["recheck_result"] == "not_rectified"

    from ui.editors import RecordEditor

    # The editor's own save is tested elsewhere: here, that it opens pre-filled from the
    # inspection and that a case saved from it links back.
    captured: dict[str, Any] = {}
    original_init = RecordEditor.__init__

    def init(self: RecordEditor, ledger: Ledger, kind: Any, record: Any = None, defaults: Any = None,
             save: Any = None, parent: Any = None) -> None:
        captured.update(kind=kind, defaults=dict(defaults or {}), save=save)
        original_init(self, ledger, kind, record=record, defaults=defaults, save=save, parent=parent)

    def exec_(self: RecordEditor) -> int:
        self.resize(1024, 700)
        _shot(self, tmp_path, f"case-editor-{lang}")
        values = {**captured["defaults"], "case_no": "行市监立字〔2026〕99号", "act": "off_spec"}
        self.saved_record = captured["save"](values)
        return 1

    monkeypatch.setattr(RecordEditor, "__init__", init)
    monkeypatch.setattr(RecordEditor, "exec", exec_)
    case = bar.open_case()
    assert captured["kind"] == "case"
    defaults = captured["defaults"]
    assert defaults["inspection_id"] == found.id and defaults["source"] == "inspection"
    assert defaults["party_name"] == user.values["name"] and defaults["mark_user_id"] == user.id
    assert defaults["gi_id"] == user.values["gi_id"]
    assert case is not None and case.values["inspection_id"] == found.id
    bar = _bar(window, "inspection", found.id)
    assert "行市监立字〔2026〕99号" in bar.text()
    _shot(window, tmp_path, f"inspection-case-{lang}")
    window.undo.stack.undo()  # the case was an ordinary add: Ctrl+Z takes it back
    assert not inspection_case.cases_of(demo_ledger, found.id)


def test_pending_case_on_the_inspection_and_the_dashboard(qtbot: Any, window: MainWindow,
                                                          demo_ledger: Ledger, lang: str) -> None:
    user = next(iter(demo_ledger.list("mark-user", {"status": "approved"})))
    found = demo_ledger.add("inspection", {
        "mark_user_id": user.id, "inspectors": "张三;李四", "method": "onsite",
        "inspection_date": "2026-10-01", "item_fake": "fail", "result": "case"})
    bar = _bar(window, "inspection", found.id)
    assert ("case to be registered" if lang == "en" else "立案待登记") in bar.text().lower()
    assert bar.buttons["open_case"].isEnabled() and not bar.buttons["recheck"].isEnabled()
    home: Any = window.show_page("home")
    home.refresh()

    def pending() -> bool:
        d = home.dashboard
        return d is not None and found.id in next(a for a in d.attention if a.key == "case_pending").ids

    qtbot.waitUntil(pending, timeout=30_000)
    qtbot.waitUntil(lambda: "case_pending" in home.attention_labels, timeout=30_000)
    label = home.attention_labels["case_pending"].text()
    assert ("case to be registered" if lang == "en" else "立案待登记") in label
