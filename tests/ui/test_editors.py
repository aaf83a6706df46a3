"""The record editor, its field widgets, the history dialog and the stage dialog.

Each test works on a demo county (130125 行唐县, small demo, today fixed at 2026-11-21) in
its own file. Message boxes are answered by the ``boxes`` fixture, never shown.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QDate, QEvent, Qt
from PySide6.QtGui import QFont, QFontDatabase, QKeyEvent, QKeySequence
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox, QWidget

from db import meta, records
from db.connection import now_utc, open_database
from desktop.demo import generate_demo
from desktop.fields import FieldError, ValidationFailed
from desktop.ledger import Ledger, StillReferenced, init_office
from desktop.record import Record, to_columns
from desktop.registers import REGISTRY
from desktop.registers.candidate import PRODUCT_STAGES, TRADEMARK_STAGES
from desktop.validation import Reason, check_phone, check_uscc
from ui.editors import AdvanceStageDialog, HistoryDialog, RecordEditor, set_language
from ui.editors.widgets import (
    BoolEditor,
    ChoiceEditor,
    DateEditor,
    EditorContext,
    MultiEditor,
    RefEditor,
    TownsEditor,
    make_editor,
)

TODAY = date(2026, 11, 21)
OFFICE = "130125"
OTHER_OFFICE = "130123"  # 正定县
VALID_USCC = "914403001922038216"


# ---- fixtures --------------------------------------------------------------------------

@pytest.fixture(scope="session", autouse=True)
def cjk_font(qapp: QApplication) -> None:
    """Chinese glyphs in screenshots: WenQuanYi Micro Hei when installed."""
    from ui.window_app import pick_cjk_font

    family = "WenQuanYi Micro Hei"
    if family not in QFontDatabase.families():
        family = pick_cjk_font() or qapp.font().family()
    qapp.setFont(QFont(family, 10))


@pytest.fixture(scope="session")
def demo_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("demo") / "demo.db"
    db = open_database(path)
    init_office(db, OFFICE, clerk="测试员")
    generate_demo(db, size="small", today=TODAY)
    db.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()
    return path


@pytest.fixture
def ledger(demo_file: Path, tmp_path: Path) -> Iterator[Ledger]:
    """A fresh copy of the demo county for each test."""
    path = tmp_path / "county.db"
    shutil.copy(demo_file, path)
    db = open_database(path)
    led = Ledger(db, clerk="测试员", today=lambda: TODAY, path=path)
    yield led
    led.close()


@dataclass
class Boxes:
    """Message boxes the code under test asked for, answered without showing them."""

    texts: list[str] = field(default_factory=list)
    questions: list[str] = field(default_factory=list)
    answers: list[QMessageBox.StandardButton] = field(default_factory=list)


@pytest.fixture(autouse=True)
def boxes(monkeypatch: pytest.MonkeyPatch) -> Boxes:
    seen = Boxes()

    def note(parent: Any, title: str, text: str, *args: Any, **kwargs: Any) -> Any:
        seen.texts.append(text)
        return QMessageBox.StandardButton.Ok

    def question(parent: Any, title: str, text: str, *args: Any, **kwargs: Any) -> Any:
        seen.questions.append(text)
        return seen.answers.pop(0) if seen.answers else QMessageBox.StandardButton.No

    for name in ("warning", "critical", "information"):
        monkeypatch.setattr(QMessageBox, name, note)
    monkeypatch.setattr(QMessageBox, "question", question)
    return seen


class Saver:
    """A save callback like the main window's: ``ledger.add`` or ``ledger.edit``; records calls."""

    def __init__(self, ledger: Ledger, kind: str, record: Record | None = None):
        self.ledger, self.kind, self.record = ledger, kind, record
        self.calls: list[dict[str, Any]] = []

    def __call__(self, values: dict[str, Any]) -> Record:
        self.calls.append(dict(values))
        if self.record is None:
            return self.ledger.add(self.kind, values)
        return self.ledger.edit(self.kind, self.record.id, values,
                                expected_revision=self.record.revision)


def open_editor(qtbot: Any, ledger: Ledger, kind: str, record: Record | None = None,
                save: Callable[[dict[str, Any]], Record] | None = None,
                defaults: dict[str, Any] | None = None) -> tuple[RecordEditor, Saver | Any]:
    saver = save or Saver(ledger, kind, record)
    editor = RecordEditor(ledger, kind, record, defaults, save=saver)
    qtbot.addWidget(editor)
    editor.show()
    return editor, saver


def first(ledger: Ledger, kind: str) -> Record:
    return next(r for r in ledger.list(kind) if r.office_code == ledger.office.code)


def city_work(county: Ledger, tmp_path: Path) -> dict[str, tuple[Ledger, Record]]:
    """A record of each register of the city's work, in the ledger that keeps it: a city's
    (130100) units, target, plan, task and review; the county's progress and answer on the
    city's task and review (stored in the county's file as a reference packet delivers them)."""
    db = open_database(tmp_path / "city.db")
    init_office(db, "130100", clerk="测试员")
    city = Ledger(db, clerk="测试员", today=lambda: TODAY)
    unit = city.add("unit", {"code": "130125", "name": "行唐县", "position": 1})
    target = city.add("target", {"year": 2025, "measure": "coverage_pct", "threshold": 80,
                                 "scope": "per_unit", "source": "许昌市"})
    plan = city.add("work-plan", {"name": "2024年工作计划", "year": 2024, "document_no": "石市监函〔2024〕15号"})
    task = city.add("task", {"plan_id": plan.id, "number": "7", "text": "实施地理标志运用促进项目",
                             "units": "130125、130126", "deadline": "2024-12-31"})
    review = city.add("review", {"record_id": first(county, "mark-user").id, "verdict": "returned",
                                 "comment": "请补充许可备案号", "review_date": "2026-10-01", "reviewer": "张科长"})
    for rec in (plan, task, review):
        stored = records.get(city.db, rec.kind.table, rec.id)
        assert stored is not None
        records.insert(county.db, stored)
    progress = county.add("progress", {"task_id": task.id, "status": "in_progress",
                                       "report_date": "2026-10-02", "text": "已征集项目2个",
                                       "attachments": "项目申报书.docx"})
    answer = county.add("review-answer", {"review_id": review.id, "review_revision": 1,
                                          "answer": "已补充", "answer_date": "2026-10-03"})
    return {"unit": (city, unit), "target": (city, target), "work-plan": (city, plan),
            "task": (city, task), "review": (city, review), "progress": (county, progress),
            "review-answer": (county, answer)}


def shown_error(editor: RecordEditor | AdvanceStageDialog, key: str) -> str:
    row = editor.rows[key]
    return "" if row.error.isHidden() else row.error.text()


def select(editor: RecordEditor, key: str, code: str) -> None:
    """Pick a choice the way the clerk does (the combo emits its signals)."""
    combo = editor.editor(key).combo
    index = combo.findData(code)
    assert index >= 0, (key, code)
    combo.setCurrentIndex(index)


def type_text(qtbot: Any, widget: QWidget, text: str) -> None:
    """Type ``text`` into ``widget`` key by key, Chinese included (QTest.keyClicks only
    knows ASCII; a committed input-method character arrives as a key event with text)."""
    for ch in text:
        if ch == "\n":
            qtbot.keyClick(widget, Qt.Key.Key_Return)
        elif ch.isascii():
            qtbot.keyClicks(widget, ch)
        else:
            for t in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
                QApplication.sendEvent(widget, QKeyEvent(t, Qt.Key.Key_unknown,
                                                         Qt.KeyboardModifier.NoModifier, ch))


def type_into(qtbot: Any, editor: RecordEditor, key: str, text: str) -> None:
    """Clear a field and type ``text`` into it, as the clerk would."""
    widget = editor.editor(key)
    target = widget.combo.lineEdit() if isinstance(widget, RefEditor) else widget.edit
    assert target is not None
    target.clear()
    type_text(qtbot, target, text)


# ---- every register --------------------------------------------------------------------

@pytest.mark.parametrize("kind_key", list(REGISTRY))
def test_every_kind_opens_empty(qtbot: Any, ledger: Ledger, kind_key: str) -> None:
    kind = REGISTRY[kind_key]
    editor, _saver = open_editor(qtbot, ledger, kind_key)
    assert editor.windowTitle() == f"新增{kind.zh}"
    assert list(editor.rows) == [f.key for f in kind.fields]
    assert editor.history_button.isHidden()
    for f in kind.fields:
        assert editor.editor(f.key).value() is None, f.key
        label = editor.rows[f.key].label.text()
        assert f.zh in label and (("*" in label) == f.required)
        assert f.en in editor.rows[f.key].label.toolTip()
    assert editor.errors() == {}, "a new form does not nag before the clerk types"
    assert not editor.is_dirty()


@pytest.mark.parametrize("kind_key", list(REGISTRY))
def test_every_kind_opens_a_record_and_saving_unchanged_writes_nothing(
        qtbot: Any, ledger: Ledger, boxes: Boxes, kind_key: str, tmp_path: Path) -> None:
    kind = REGISTRY[kind_key]
    if ledger.count(kind_key):
        rec = first(ledger, kind_key)
    else:  # the city's work: not in a demo county
        ledger, rec = city_work(ledger, tmp_path)[kind_key]
    audit_rows = len(ledger.history(rec.id))
    editor, saver = open_editor(qtbot, ledger, kind_key, rec)
    assert editor.windowTitle() == f"编辑{kind.zh} {rec.id}"
    assert not editor.history_button.isHidden()
    for f in kind.fields:
        assert f.coerce(editor.editor(f.key).value()) == rec.values[f.key], f.key
    qtbot.wait(350)  # the debounced validation has run
    assert editor.errors() == {}
    assert editor.save() is True
    assert saver.calls == []
    assert editor.result() == QDialog.DialogCode.Accepted
    assert editor.saved_record is rec
    assert len(ledger.history(rec.id)) == audit_rows
    assert boxes.texts == [] and boxes.questions == []


def test_every_demo_value_survives_its_widget(qtbot: Any, ledger: Ledger) -> None:
    """What a widget shows for a stored value reads back as the same value (no invented edits)."""
    ctx = EditorContext(ledger)
    for kind in REGISTRY.values():
        editors = {f.key: make_editor(f, ctx) for f in kind.fields}
        for w in editors.values():
            qtbot.addWidget(w)
        for rec in ledger.list(kind.key):
            for f in kind.fields:
                w = editors[f.key]
                w.set_value(rec.values[f.key])
                assert f.coerce(w.value()) == rec.values[f.key], (rec.id, f.key, w.value())


def test_widget_details(qtbot: Any, ledger: Ledger) -> None:
    ctx = EditorContext(ledger)
    resource, candidate = REGISTRY["resource"], REGISTRY["candidate"]
    # A date can be empty, typed in several ways, or picked from the calendar.
    day = DateEditor(candidate.field("next_deadline"), ctx)
    qtbot.addWidget(day)
    assert day.value() is None
    day.calendar.clicked.emit(QDate(2024, 5, 1))
    assert day.value() == "2024-05-01"
    day.edit.setText("2024/5/2")
    day.edit.editingFinished.emit()
    assert day.edit.text() == "2024-05-02"
    day.edit.setText("")
    assert day.value() is None
    # An optional choice starts with an empty item; a required one with nothing chosen.
    optional = ChoiceEditor(resource.field("subtype"), ctx)
    required = ChoiceEditor(resource.field("tier"), ctx)
    for w in (optional, required):
        qtbot.addWidget(w)
    assert optional.combo.itemText(0) == "" and optional.value() is None
    assert required.combo.currentIndex() == -1 and required.value() is None
    assert required.combo.placeholderText() == "请选择"
    assert [required.combo.itemText(i) for i in range(required.combo.count())] == [
        "挖掘", "培育", "保护"]
    # Changing a value by hand emits `changed`; so does set_value, once.
    with qtbot.waitSignal(required.changed):
        required.combo.setCurrentIndex(1)
    assert required.value() == "cultivate"
    # Numbers keep their unit from the label.
    number = make_editor(resource.field("output_t"), ctx)
    qtbot.addWidget(number)
    assert number.unit.text() == "吨"
    assert number.edit.alignment() & Qt.AlignmentFlag.AlignRight


# ---- validation as the clerk types ----------------------------------------------------

def test_invalid_values_show_their_error_at_once_and_save_is_refused(
        qtbot: Any, ledger: Ledger, boxes: Boxes) -> None:
    before = ledger.count("resource")
    editor, saver = open_editor(qtbot, ledger, "resource")

    type_into(qtbot, editor, "applicant_uscc", "91130125ma0abcdef1")
    uscc_box = editor.editor("applicant_uscc").edit
    assert uscc_box.text() == "91130125MA0ABCDEF1", "upper case as typed"
    reason = check_uscc("91130125MA0ABCDEF1")
    assert reason is not None
    assert shown_error(editor, "applicant_uscc") == reason.zh  # immediately, no save, no wait
    assert "color: #c62828" in editor.rows["applicant_uscc"].label.styleSheet()

    type_into(qtbot, editor, "phone", "12345")
    phone_reason = check_phone("12345")
    assert phone_reason is not None and shown_error(editor, "phone") == phone_reason.zh

    type_into(qtbot, editor, "survey_date", "2026-12-01")
    assert shown_error(editor, "survey_date") == "", "the rule check waits for a pause in typing"
    qtbot.waitUntil(lambda: shown_error(editor, "survey_date") != "", timeout=2000)
    assert shown_error(editor, "survey_date") == "不能晚于今天（2026-11-21）"

    type_into(qtbot, editor, "area_mu", "12x")
    assert "不是数字" in shown_error(editor, "area_mu")
    type_into(qtbot, editor, "area_mu", "")
    assert shown_error(editor, "area_mu") == ""
    qtbot.keyClicks(editor.editor("area_mu").edit, "1,234.5")
    assert shown_error(editor, "area_mu") == "", "thousands separators are fine"

    assert editor.save() is False
    assert saver.calls == []
    assert ledger.count("resource") == before
    assert editor.isVisible() and editor.result() != QDialog.DialogCode.Accepted
    assert len(boxes.texts) == 1
    text = boxes.texts[0]
    assert text.startswith("无法保存：\n")
    assert f"拟申请主体统一社会信用代码：{reason.zh}" in text
    assert f"联系电话：{phone_reason.zh}" in text
    assert "填报日期：" in text and "产品名称：必填" in text
    # After a refused save every problem is next to its field, required ones included.
    assert shown_error(editor, "name") == "必填"
    assert editor.status.text() == f"{len(editor.errors())} 处需要修改"


def test_cross_field_rule_is_shown_next_to_its_field(qtbot: Any, ledger: Ledger) -> None:
    rec = first(ledger, "inspection")
    editor, _ = open_editor(qtbot, ledger, "inspection", rec)
    select(editor, "item_label", "fail")  # a failed item contradicts 未发现问题
    editor.validate_now()
    assert "不能是“未发现问题”" in shown_error(editor, "result")
    select(editor, "result", "rectify")
    editor.validate_now()
    assert shown_error(editor, "result") == ""
    assert shown_error(editor, "rectify_deadline") == "结果为责令整改时必填"


def test_duplicate_name_is_named_before_saving(qtbot: Any, ledger: Ledger, boxes: Boxes) -> None:
    editor, _saver = open_editor(qtbot, ledger, "resource")
    type_into(qtbot, editor, "name", "行唐大枣")
    editor.validate_now()
    assert "与记录 R-130125-000001 重复" in shown_error(editor, "name")


# ---- saving ----------------------------------------------------------------------------

def test_typed_values_are_saved_through_the_callback(qtbot: Any, ledger: Ledger,
                                                     boxes: Boxes) -> None:
    before = ledger.count("resource")
    editor, saver = open_editor(qtbot, ledger, "resource")
    type_into(qtbot, editor, "name", "行唐黄小米")
    select(editor, "attribute", "grown")
    select(editor, "category", "primary_agri")
    select(editor, "subtype", "grain_oil")
    select(editor, "tier", "discover")
    type_into(qtbot, editor, "survey_date", "2025年3月8日")
    editor.editor("survey_date").edit.editingFinished.emit()
    assert editor.editor("survey_date").edit.text() == "2025-03-08", "shown as 2025-03-08 once left"
    protection = editor.editor("protection")
    assert isinstance(protection, MultiEditor) and protection.list is None  # six choices: boxes
    qtbot.mouseClick(protection.checks["collective_mark"], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(protection.checks["applying"], Qt.MouseButton.LeftButton)
    towns = editor.editor("towns")
    assert isinstance(towns, TownsEditor) and "龙州镇" in towns.checks
    qtbot.mouseClick(towns.checks["南桥镇"], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(towns.checks["龙州镇"], Qt.MouseButton.LeftButton)
    type_text(qtbot, towns.free, "北关村")
    qtbot.mouseClick(editor.editor("eu_china").check, Qt.MouseButton.LeftButton)
    type_into(qtbot, editor, "area_mu", "1,234.5")
    type_into(qtbot, editor, "applicant_uscc", VALID_USCC)
    type_into(qtbot, editor, "phone", "0311-88888888")
    type_into(qtbot, editor, "history", "明代已有记载。\n清代列为贡品。")
    qtbot.wait(350)
    assert editor.errors() == {}
    assert editor.is_dirty()

    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    assert boxes.texts == []
    assert len(saver.calls) == 1
    assert all(v is not None for v in saver.calls[0].values()), "a new record gets no empty values"
    assert ledger.count("resource") == before + 1
    rec = ledger.get("resource", editor.saved_record.id)
    v = rec.values
    assert v["name"] == "行唐黄小米"
    assert v["attribute"] == "grown" and v["subtype"] == "grain_oil"  # CHOICE
    assert v["survey_date"] == date(2025, 3, 8)  # DATE
    assert v["protection"] == ["collective_mark", "applying"]  # MULTI
    assert v["towns"] == ["南桥镇", "龙州镇", "北关村"]  # LIST, in the clerk's order
    assert v["eu_china"] is True  # BOOL clicked
    assert v["authentic"] is None, "a check box never clicked stays empty"
    assert v["area_mu"] == 1234.5
    assert v["applicant_uscc"] == VALID_USCC and v["phone"] == "0311-88888888"
    assert v["history"] == "明代已有记载。\n清代列为贡品。"
    assert v["standard_level"] is None
    assert editor.result() == QDialog.DialogCode.Accepted


def test_a_reference_is_picked_by_name_and_saved_as_its_id(qtbot: Any, ledger: Ledger,
                                                         boxes: Boxes) -> None:
    editor, _saver = open_editor(qtbot, ledger, "candidate")
    ref = editor.editor("resource_id")
    assert isinstance(ref, RefEditor)
    assert not editor.ctx.is_loaded("resource"), "the register is read only when needed"
    qtbot.mouseClick(ref.combo.lineEdit(), Qt.MouseButton.LeftButton)
    assert ref.loaded and editor.ctx.is_loaded("resource")
    edit = ref.combo.lineEdit()
    assert edit is not None
    type_text(qtbot, edit, "羊肉")
    completer = ref.completer
    assert completer is not None
    model = completer.completionModel()
    offered = [model.index(i, 0).data() for i in range(model.rowCount())]
    label = "行唐羊肉（R-130125-000002）"
    assert label in offered and all("羊肉" in text for text in offered)  # matches inside names
    completer.setCompletionPrefix("r-130125-000002")  # ids too, any case
    assert completer.completionCount() == 1 and completer.currentCompletion() == label
    ref.combo.setEditText(label)  # what choosing the completion does
    assert ref.value() == "R-130125-000002"
    type_into(qtbot, editor, "name", "行唐羊肉")
    select(editor, "route", "certification_mark")
    select(editor, "stage", "tm_preparing")
    type_into(qtbot, editor, "stage_date", "2026-11-02")
    materials = editor.editor("materials")
    assert isinstance(materials, MultiEditor) and materials.list is not None  # seven: a list
    materials.check("rules")
    materials.check("testing")
    type_into(qtbot, editor, "nice_class", "29")
    assert editor.save() is True, boxes.texts
    rec = editor.saved_record
    assert rec is not None
    stored = ledger.get("candidate", rec.id).values
    assert stored["resource_id"] == "R-130125-000002"  # REF
    assert stored["route"] == "certification_mark" and stored["stage"] == "tm_preparing"
    assert stored["stage_date"] == date(2026, 11, 2)
    assert stored["materials"] == ["rules", "testing"]
    assert stored["nice_class"] == 29
    assert stored["next_deadline"] is None and stored["filing_date"] is None, \
        "empty optional dates stay empty"


def test_unknown_reference_text_is_refused_by_validation(qtbot: Any, ledger: Ledger) -> None:
    editor, _ = open_editor(qtbot, ledger, "candidate")
    type_into(qtbot, editor, "resource_id", "没有这个资源")
    editor.validate_now()
    assert shown_error(editor, "resource_id") == "找不到记录 没有这个资源（或已删除）"


def test_an_edit_passes_only_the_changed_fields(qtbot: Any, ledger: Ledger, boxes: Boxes) -> None:
    rec = ledger.get("resource", "R-130125-000001")
    editor, saver = open_editor(qtbot, ledger, "resource", rec)
    select(editor, "tier", "cultivate")
    type_into(qtbot, editor, "contact", "王五")
    protection = editor.editor("protection")
    protection.check("none")
    protection.check("none", False)  # ticked and unticked again: no change
    qtbot.mouseClick(editor.editor("towns").checks["龙州镇"], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(editor.editor("towns").checks["龙州镇"], Qt.MouseButton.LeftButton)
    assert editor.save() is True, boxes.texts
    assert saver.calls == [{"tier": "cultivate", "contact": "王五"}]
    after = ledger.get("resource", rec.id)
    assert after.values["tier"] == "cultivate" and after.revision == rec.revision + 1
    assert after.values["towns"] == rec.values["towns"]


def test_clearing_an_optional_date_saves_none(qtbot: Any, ledger: Ledger, boxes: Boxes) -> None:
    rec = ledger.get("candidate", "C-130125-000001")
    assert rec.values["next_deadline"] is not None
    editor, saver = open_editor(qtbot, ledger, "candidate", rec)
    editor.editor("next_deadline").edit.clear()  # the line edit's clear button
    assert editor.save() is True, boxes.texts
    assert saver.calls == [{"next_deadline": None}]
    assert ledger.get("candidate", rec.id).values["next_deadline"] is None


def test_an_empty_check_box_stays_empty_until_clicked(qtbot: Any, ledger: Ledger,
                                                      boxes: Boxes) -> None:
    rec = ledger.add("resource", {"name": "行唐小米", "attribute": "grown",
                                  "category": "primary_agri", "tier": "discover",
                                  "survey_date": "2025-01-02"})
    assert rec.values["authentic"] is None
    editor, saver = open_editor(qtbot, ledger, "resource", rec)
    box = editor.editor("authentic")
    assert isinstance(box, BoolEditor) and box.value() is None and box.check.text() == "未填"
    qtbot.mouseClick(box.check, Qt.MouseButton.LeftButton)
    assert box.value() is True and box.check.text() == "是"
    qtbot.mouseClick(box.check, Qt.MouseButton.LeftButton)
    assert box.value() is False and box.check.text() == "否"
    assert editor.save() is True
    assert saver.calls == [{"authentic": False}]


def test_ctrl_s_saves(qtbot: Any, ledger: Ledger, boxes: Boxes) -> None:
    rec = first(ledger, "abnormal")
    editor, saver = open_editor(qtbot, ledger, "abnormal", rec)
    type_into(qtbot, editor, "document_no", "行市监异〔2026〕9号")
    # The offscreen platform has no active window for shortcuts to reach: check the key,
    # then fire the shortcut as Qt does when Ctrl+S is pressed.
    assert editor.save_shortcut.key() == QKeySequence("Ctrl+S")
    assert editor.save_shortcut.isEnabled()
    editor.save_shortcut.activated.emit()
    assert saver.calls == [{"document_no": "行市监异〔2026〕9号"}]
    assert editor.result() == QDialog.DialogCode.Accepted


def test_defaults_fill_a_new_form(qtbot: Any, ledger: Ledger, boxes: Boxes) -> None:
    reported = {r.values["mark_user_id"] for r in ledger.list("annual-report", {"year": 2026})}
    user = next(u.id for u in ledger.list("mark-user") if u.id not in reported)
    editor, saver = open_editor(qtbot, ledger, "annual-report",
                                defaults={"mark_user_id": user, "year": 2026,
                                          "review_status": "submitted"})
    assert editor.editor("mark_user_id").combo.currentText().endswith(f"（{user}）")
    assert editor.editor("year").value() == "2026"
    assert not editor.is_dirty()
    type_into(qtbot, editor, "output_t", "12.5")
    assert editor.save() is True, boxes.texts
    assert saver.calls == [{"mark_user_id": user, "year": 2026, "review_status": "submitted",
                            "output_t": 12.5}]


# ---- refusals from the save callback ---------------------------------------------------

def test_validation_failed_from_save_is_shown_and_the_dialog_stays(
        qtbot: Any, ledger: Ledger, boxes: Boxes) -> None:
    kind = REGISTRY["resource"]
    rec = first(ledger, "resource")

    def refuse(values: dict[str, Any]) -> Record:
        raise ValidationFailed([
            FieldError.of(kind.field("contact"), Reason("已被他人占用", "taken")),
            FieldError.of(kind.field("tier"), Reason("层级不符", "wrong tier")),
        ], kind.zh)

    editor, _ = open_editor(qtbot, ledger, "resource", rec, save=refuse)
    type_into(qtbot, editor, "contact", "赵六")
    assert editor.save() is False
    assert shown_error(editor, "contact") == "已被他人占用"
    assert shown_error(editor, "tier") == "层级不符"
    assert boxes.texts == ["无法保存：\n培育层级：层级不符\n联系人：已被他人占用"]
    assert editor.isVisible() and editor.saved_record is None


def test_a_save_made_meanwhile_is_not_overwritten(qtbot: Any, ledger: Ledger, boxes: Boxes) -> None:
    rec = ledger.get("resource", "R-130125-000001")
    editor, _saver = open_editor(qtbot, ledger, "resource", rec)
    ledger.edit("resource", rec.id, {"contact": "别人"})  # another window saved first
    type_into(qtbot, editor, "reporter", "我")
    assert editor.save() is False
    assert len(boxes.texts) == 1 and "已被修改" in boxes.texts[0]
    assert editor.isVisible()
    assert ledger.get("resource", rec.id).values["reporter"] == rec.values["reporter"]


def test_still_referenced_is_reported(qtbot: Any, ledger: Ledger, boxes: Boxes) -> None:
    rec = first(ledger, "gi")

    def refuse(values: dict[str, Any]) -> Record:
        raise StillReferenced("已保护地理标志 G 仍被以下记录引用\nstill used")

    editor, _ = open_editor(qtbot, ledger, "gi", rec, save=refuse)
    type_into(qtbot, editor, "holder", "新协会")
    assert editor.save() is False
    assert boxes.texts == ["无法保存：\n已保护地理标志 G 仍被以下记录引用"]
    assert editor.isVisible()


def test_cancel_asks_before_losing_changes(qtbot: Any, ledger: Ledger, boxes: Boxes) -> None:
    editor, saver = open_editor(qtbot, ledger, "mark-user")
    qtbot.mouseClick(editor.cancel_button, Qt.MouseButton.LeftButton)
    assert boxes.questions == [] and not editor.isVisible(), "nothing typed: closes at once"

    editor, saver = open_editor(qtbot, ledger, "mark-user")
    type_into(qtbot, editor, "name", "某合作社")
    boxes.answers.append(QMessageBox.StandardButton.No)
    editor.reject()
    assert len(boxes.questions) == 1 and editor.isVisible()
    boxes.answers.append(QMessageBox.StandardButton.Yes)
    editor.close()  # the window's close button goes the same way
    assert len(boxes.questions) == 2 and not editor.isVisible()
    assert editor.result() == QDialog.DialogCode.Rejected and saver.calls == []


# ---- another office's record -----------------------------------------------------------

def _foreign_copy(ledger: Ledger, kind_key: str, source: Record) -> Record:
    """A copy of ``source`` owned by 130123 正定县, as a city database would hold it."""
    kind = REGISTRY[kind_key]
    now = now_utc()
    division = meta.Office(code=OTHER_OFFICE, name="正定县", level="county",
                           parent_code="130100", is_self=False, email=None, note=None,
                           created_at=now, updated_at=now)
    meta.upsert_office(ledger.db, division)
    rid = f"{kind.prefix}-{OTHER_OFFICE}-000001"
    records.insert(ledger.db, records.StoredRecord(kind.table, rid, OTHER_OFFICE, now, now, 1,
                                                   False, to_columns(kind, source.values)))
    return ledger.get(kind_key, rid)


def test_another_offices_record_is_read_only(qtbot: Any, ledger: Ledger, boxes: Boxes) -> None:
    rec = _foreign_copy(ledger, "resource", ledger.get("resource", "R-130125-000001"))
    editor, saver = open_editor(qtbot, ledger, "resource", rec)
    assert editor.read_only
    assert editor.save_button.isHidden()
    assert editor.cancel_button.text() == "关闭"
    note = editor.read_only_note
    assert not note.isHidden() and note.text() == "此记录属于 130123 正定县，只读"
    for key, row in editor.rows.items():
        assert row.editor.is_read_only(), key
    assert editor.editor("name").edit.isReadOnly()
    assert not editor.editor("tier").combo.isEnabled()
    assert not editor.editor("eu_china").check.isEnabled()
    # 行唐's towns are not 正定's: they stay listed, ticked.
    towns = editor.editor("towns")
    assert towns.value() == rec.values["towns"]
    assert editor.save() is False and saver.calls == []
    editor.reject()
    assert boxes.questions == [] and not editor.isVisible()


# ---- history ---------------------------------------------------------------------------

def test_history_lists_creation_and_changes(qtbot: Any, ledger: Ledger) -> None:
    rec = ledger.add("resource", {"name": "行唐蜂蜜", "attribute": "grown",
                                  "category": "processed_food", "tier": "discover",
                                  "survey_date": "2025-06-01"})
    ledger.edit("resource", rec.id, {"tier": "cultivate", "survey_date": "2025-06-02"})
    dialog = HistoryDialog(ledger, rec.id)
    qtbot.addWidget(dialog)
    rows = dialog.row_texts()
    assert [r[2] for r in rows] == ["修改", "新增"], "newest first"
    assert [r[1] for r in rows] == ["测试员", "测试员"]
    assert [r[3] for r in rows] == ["2", "1"]
    assert re.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d", rows[0][0])
    assert rows[0][4].split("；") == ["培育层级: 挖掘 → 培育", "填报日期: 2025-06-01 → 2025-06-02"]
    assert "产品名称: 行唐蜂蜜" in rows[1][4] and "产品类别: 加工食品" in rows[1][4]
    dialog.table.selectRow(1)
    assert "产品属性: 种植/养殖产品" in dialog.detail.toPlainText()
    assert dialog.footnote.isHidden()


def test_history_button_opens_the_dialog(qtbot: Any, ledger: Ledger) -> None:
    rec = ledger.edit("resource", "R-130125-000003", {"contact": "钱七"})
    editor, _ = open_editor(qtbot, ledger, "resource", rec)
    qtbot.mouseClick(editor.history_button, Qt.MouseButton.LeftButton)
    dialog = editor.history_dialog
    assert dialog is not None and dialog.isVisible()
    rows = dialog.row_texts()
    assert len(rows) == 1 and rows[0][2] == "修改" and "联系人:" in rows[0][4]
    assert not dialog.footnote.isHidden(), "demo rows were written in bulk: say so"


# ---- stage dialog ----------------------------------------------------------------------

def test_stage_dialog_offers_the_route_stages_and_passes_the_extras(
        qtbot: Any, ledger: Ledger, boxes: Boxes) -> None:
    cand = ledger.get("candidate", "C-130125-000006")  # collective mark, 材料准备
    calls: list[tuple[Any, ...]] = []

    def apply(stage: str, when: date, note: str | None, extra: dict[str, Any]) -> Record:
        calls.append((stage, when, note, extra))
        return ledger.advance_stage(cand.id, stage, when, note, extra=extra,
                                    expected_revision=cand.revision)

    dialog = AdvanceStageDialog(ledger, cand, apply)
    qtbot.addWidget(dialog)
    dialog.show()
    offered = dialog.stage_editor.codes()
    assert offered == [c.code for c in TRADEMARK_STAGES if c.code != "tm_preparing"]
    assert dialog.stage_editor.value() == "tm_filed", "the next stage is preselected"
    assert dialog.date_editor.value() == TODAY.isoformat()
    assert not dialog.rows["application_no"].label.isHidden()

    dialog.stage_editor.combo.setCurrentIndex(dialog.stage_editor.combo.findData("tm_registered"))
    for key in ("registration_no", "registration_date"):
        assert key in dialog.extra_keys and "*" in dialog.rows[key].label.text(), key
    assert "application_no" not in dialog.extra_keys
    assert dialog.is_required("registration_no") and not dialog.is_required("exclusive_until")
    # The deadline of the next step (2026-07-21) would now come before the stage date:
    # offered here so the clerk can fix it.
    assert "next_deadline" in dialog.extra_keys

    assert dialog.apply() is False
    assert calls == [] and ledger.get("candidate", cand.id).values["stage"] == "tm_preparing"
    assert "注册号：阶段为“核准注册”时必填" in boxes.texts[-1]
    assert "阶段为“核准注册”时必填" in shown_error(dialog, "registration_no")

    type_text(qtbot, dialog.rows["registration_no"].editor.edit, "12345678")
    qtbot.keyClicks(dialog.rows["registration_date"].editor.edit, "2026-11-20")
    dialog.rows["next_deadline"].editor.edit.clear()
    type_text(qtbot, dialog.note_editor.edit, "国家局核准注册")
    assert dialog.apply() is True, boxes.texts
    assert calls == [("tm_registered", TODAY, "国家局核准注册",
                      {"registration_no": "12345678", "registration_date": date(2026, 11, 20),
                       "next_deadline": None, "next_step": None})]  # nothing follows 核准注册
    after = ledger.get("candidate", cand.id)
    assert after.values["stage"] == "tm_registered"
    assert after.values["registration_no"] == "12345678"
    assert dialog.saved_record == after
    gi = [g for g in ledger.list("gi") if g.values["candidate_id"] == cand.id]
    assert len(gi) == 1 and gi[0].values["reference_no"] == "12345678"
    events = [e for e in ledger.list("stage-event") if e.values["candidate_id"] == cand.id]
    assert events[-1].values["note"] == "国家局核准注册"


def test_stage_dialog_for_a_product_candidate(qtbot: Any, ledger: Ledger, boxes: Boxes) -> None:
    cand = ledger.get("candidate", "C-130125-000001")  # protected product, 技术审查
    dialog = AdvanceStageDialog(ledger, cand)  # no callback: the caller reads values()
    qtbot.addWidget(dialog)
    assert dialog.stage_editor.codes() == [c.code for c in PRODUCT_STAGES
                                           if c.code != "pp_technical"]
    assert dialog.stage_editor.value() == "pp_preliminary"
    assert dialog.extra_keys[:2] == ["pp_preliminary_no", "pp_preliminary_date"]
    assert "*" not in dialog.rows["pp_preliminary_no"].label.text()
    type_text(qtbot, dialog.rows["pp_preliminary_no"].editor.edit, "第12号")
    qtbot.keyClicks(dialog.rows["pp_preliminary_date"].editor.edit, "2026-11-20")
    type_date = dialog.date_editor.edit
    type_date.clear()
    qtbot.keyClicks(type_date, "2026-11-20")
    assert dialog.apply() is True, boxes.texts
    assert dialog.values() == ("pp_preliminary", date(2026, 11, 20), None,
                               {"pp_preliminary_no": "第12号",
                                "pp_preliminary_date": date(2026, 11, 20),
                                # the 2-month opposition period after 初步认定公告
                                "next_step": "认定公告", "next_deadline": date(2027, 1, 20)})
    assert ledger.get("candidate", cand.id).values["stage"] == "pp_technical", \
        "without a callback nothing is written"


def test_stage_dialog_prefills_the_next_step_of_the_new_stage(qtbot: Any, ledger: Ledger,
                                                              boxes: Boxes) -> None:
    cand = ledger.get("candidate", "C-130125-000004")  # 省局审核, next deadline 2026-06-29 passed
    assert cand.values["next_deadline"] < TODAY
    calls: list[dict[str, Any]] = []

    def apply(stage: str, when: date, note: str | None, extra: dict[str, Any]) -> Record:
        calls.append(extra)
        return ledger.advance_stage(cand.id, stage, when, note, extra=extra,
                                    expected_revision=cand.revision)

    dialog = AdvanceStageDialog(ledger, cand, apply)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.stage_editor.value() == "pp_accepted"
    # Not the old, passed deadline: the next step after the stage chosen, from today.
    assert dialog.rows["next_step"].editor.value() == "技术审查"
    assert dialog.rows["next_deadline"].editor.value() == "2027-02-21"
    assert not dialog.rows["next_deadline"].label.isHidden()
    dialog.validate_now()
    assert dialog.errors() == {}
    # Another date moves the default deadline with it.
    dialog.date_editor.edit.clear()
    qtbot.keyClicks(dialog.date_editor.edit, "2026-11-01")
    assert dialog.rows["next_deadline"].editor.value() == "2027-02-01"
    # A deadline the clerk types stays when the stage changes.
    dialog.rows["next_deadline"].editor.edit.clear()
    qtbot.keyClicks(dialog.rows["next_deadline"].editor.edit, "2027-01-15")
    combo = dialog.stage_editor.combo
    combo.setCurrentIndex(combo.findData("pp_technical"))
    assert dialog.rows["next_step"].editor.value() == "初步认定公告"
    assert dialog.rows["next_deadline"].editor.value() == "2027-01-15"
    combo.setCurrentIndex(combo.findData("pp_accepted"))
    assert dialog.apply() is True, boxes.texts
    assert boxes.texts == []
    after = ledger.get("candidate", cand.id)
    assert after.values["stage"] == "pp_accepted"
    assert after.values["next_step"] == "技术审查", "the next step, not the stage just reached"
    assert after.values["next_deadline"] == date(2027, 1, 15)
    assert calls == [{"next_step": "技术审查", "next_deadline": date(2027, 1, 15)}]


def test_stage_dialog_after_a_rejection_offers_the_review_deadline(qtbot: Any, ledger: Ledger,
                                                                   boxes: Boxes) -> None:
    cand = ledger.get("candidate", "C-130125-000006")  # collective mark, 材料准备
    dialog = AdvanceStageDialog(ledger, cand)
    qtbot.addWidget(dialog)
    combo = dialog.stage_editor.combo
    combo.setCurrentIndex(combo.findData("tm_rejected"))
    assert dialog.rows["next_step"].editor.value() == "提出驳回复审"
    assert dialog.rows["next_deadline"].editor.value() == "2026-12-06"  # 15 days (art. 34)
    assert "第三十四条" in dialog.rows["next_deadline"].editor.toolTip()
    assert dialog.apply() is True, boxes.texts


def test_stage_dialog_shows_refusals_from_the_callback(qtbot: Any, ledger: Ledger,
                                                       boxes: Boxes) -> None:
    cand = ledger.get("candidate", "C-130125-000001")  # its next deadline is still ahead
    kind = REGISTRY["candidate"]

    def refuse(stage: str, when: date, note: str | None, extra: dict[str, Any]) -> Record:
        raise ValidationFailed([FieldError.of(kind.field("stage_date"),
                                              Reason("不能早于上一阶段", "too early"))])

    dialog = AdvanceStageDialog(ledger, cand, refuse)
    qtbot.addWidget(dialog)
    assert dialog.apply() is False
    assert boxes.texts == ["无法保存：\n阶段日期：不能早于上一阶段"]
    assert shown_error(dialog, "stage_date") == "不能早于上一阶段"


# ---- language and screenshots ----------------------------------------------------------

def test_english_labels(qtbot: Any, ledger: Ledger) -> None:
    set_language("en")
    try:
        editor, _ = open_editor(qtbot, ledger, "resource")
        assert editor.windowTitle().endswith("Surveyed resource")
        assert editor.rows["name"].label.text().startswith("Product name")
        combo = editor.editor("attribute").combo
        assert [combo.itemText(i) for i in range(combo.count())] == [
            "grown or raised", "made with a local process"]
        assert editor.editor("area_mu").unit.text() == "mu"
    finally:
        set_language("zh")
    with pytest.raises(ValueError):
        set_language("fr")


@pytest.mark.parametrize(("kind_key", "record_id", "name"), [
    ("resource", "R-130125-000001", "editor_resource.png"),
    ("candidate", "C-130125-000003", "editor_candidate.png"),
])
def test_screenshot(qtbot: Any, ledger: Ledger, tmp_path: Path, kind_key: str, record_id: str,
                    name: str) -> None:
    editor, _ = open_editor(qtbot, ledger, kind_key, ledger.get(kind_key, record_id))
    editor.resize(800, 900)
    qtbot.wait(50)
    shot = editor.grab()
    assert not shot.isNull() and shot.width() >= 700
    assert shot.save(str(tmp_path / name))
    assert (tmp_path / name).stat().st_size > 10_000
    # The whole form, not only what fits the window.
    form = editor.scroll.widget().grab()
    assert not form.isNull() and form.height() > shot.height() - 200
