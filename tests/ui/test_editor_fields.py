"""The record editor's message lines (no jumping form, non-blocking warnings), the derived
涉及乡镇数, the 细分类型 offered per 产品类别, and the history dialog's rows.

Uses the demo county and helpers of ``test_editors`` (130125 行唐县, today 2026-11-21)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication

from desktop.ledger import Ledger
from tests.desktop.conftest import make_uscc
from tests.ui.test_editors import (  # noqa: F401  (fixtures)
    Boxes,
    boxes,
    demo_file,
    ledger,
    open_editor,
    select,
    shown_error,
    type_into,
)


def _y(editor: Any, key: str) -> int:
    QApplication.processEvents()
    form = editor.scroll.widget()
    form.layout().activate()
    return editor.editor(key).mapTo(form, QPoint(0, 0)).y()


def test_the_form_does_not_jump_as_errors_come_and_go(qtbot: Any, ledger: Ledger) -> None:
    editor, _ = open_editor(qtbot, ledger, "resource")
    below = ("survey_date", "tier", "area_mu", "human_factors")
    before = {key: _y(editor, key) for key in below}
    type_into(qtbot, editor, "town_count", "x")  # an error line under an upper field
    assert shown_error(editor, "town_count")
    assert {key: _y(editor, key) for key in below} == before
    type_into(qtbot, editor, "town_count", "")
    assert shown_error(editor, "town_count") == ""
    assert {key: _y(editor, key) for key in below} == before


def test_a_uscc_that_does_not_fit_is_saved_with_a_visible_warning(
        qtbot: Any, ledger: Ledger, boxes: Boxes) -> None:
    editor, _saver = open_editor(qtbot, ledger, "mark-user")
    type_into(qtbot, editor, "name", "行唐县枣丰种植专业合作社")
    type_into(qtbot, editor, "uscc", make_uscc(77, entity="91"))
    select(editor, "entity_type", "cooperative")
    gi = next(ledger.list("gi"))
    type_into(qtbot, editor, "gi_id", gi.id)
    select(editor, "status", "applying")
    editor.validate_now()
    assert editor.errors() == {}
    (text,) = editor.warnings()["uscc"]
    row = editor.rows["uscc"]
    assert "农民专业合作社" in text and "93" in text
    assert not row.warning.isHidden() and row.warning.text() == "提醒：" + text
    assert row.error.isHidden(), "a warning is not an error"
    assert "提醒" in editor.status.text()
    assert editor.save() is True
    assert boxes.texts == [] and boxes.questions == [], "nothing to confirm"
    assert ledger.get("mark-user", editor.saved_record.id).values["entity_type"] == "cooperative"


def test_an_error_takes_the_place_of_a_warning(qtbot: Any, ledger: Ledger) -> None:
    editor, _ = open_editor(qtbot, ledger, "resource")
    type_into(qtbot, editor, "applicant_uscc", make_uscc(78, region="440300"))
    editor.validate_now()
    row = editor.rows["applicant_uscc"]
    assert "广东省" in row.warning.text() and not row.warning.isHidden()
    type_into(qtbot, editor, "applicant_uscc", "91130125MA0ABCDEF1")  # a wrong check character
    assert shown_error(editor, "applicant_uscc") and row.warning.isHidden()


def test_ticked_towns_fill_the_town_count_live(qtbot: Any, ledger: Ledger, boxes: Boxes) -> None:
    editor, saver = open_editor(qtbot, ledger, "resource")
    towns = editor.editor("towns")
    count = editor.editor("town_count")
    assert "自动计算" in count.edit.placeholderText()
    qtbot.mouseClick(towns.checks["龙州镇"], Qt.MouseButton.LeftButton)
    assert count.value() == "1"
    qtbot.mouseClick(towns.checks["南桥镇"], Qt.MouseButton.LeftButton)
    assert count.value() == "2"
    qtbot.mouseClick(towns.checks["南桥镇"], Qt.MouseButton.LeftButton)
    assert count.value() == "1"
    # a count the clerk types (more towns than those named) stays as towns are ticked
    type_into(qtbot, editor, "town_count", "6")
    qtbot.mouseClick(towns.checks["上碑镇"], Qt.MouseButton.LeftButton)
    assert count.value() == "6"
    type_into(qtbot, editor, "name", "行唐新枣")
    select(editor, "attribute", "grown")
    select(editor, "category", "primary_agri")
    select(editor, "tier", "discover")
    type_into(qtbot, editor, "survey_date", "2026-05-01")
    assert editor.save() is True, boxes.texts
    assert saver.calls[0]["town_count"] == 6


def test_an_edit_of_the_towns_updates_the_count_it_followed(qtbot: Any, ledger: Ledger,
                                                            boxes: Boxes) -> None:
    rec = ledger.add("resource", {"name": "行唐新米", "attribute": "grown",
                                  "category": "primary_agri", "tier": "discover",
                                  "survey_date": "2026-05-01", "towns": "龙州镇;南桥镇"})
    assert rec.values["town_count"] == 2
    editor, saver = open_editor(qtbot, ledger, "resource", rec)
    qtbot.mouseClick(editor.editor("towns").checks["上碑镇"], Qt.MouseButton.LeftButton)
    assert editor.editor("town_count").value() == "3"
    assert editor.save() is True, boxes.texts
    assert saver.calls == [{"towns": ["龙州镇", "南桥镇", "上碑镇"], "town_count": 3}]


def test_the_sub_type_offers_only_what_fits_the_category(qtbot: Any, ledger: Ledger) -> None:
    editor, _ = open_editor(qtbot, ledger, "resource")
    subtype = editor.editor("subtype")
    assert "liquor" in subtype.codes() and "craft" in subtype.codes(), "no category yet: all"
    select(editor, "category", "primary_agri")
    assert "liquor" not in subtype.codes() and "craft" not in subtype.codes()
    assert "fruit" in subtype.codes() and subtype.combo.itemText(0) == ""
    select(editor, "category", "handicraft")
    assert subtype.codes() == ["craft", "other"]
    select(editor, "subtype", "craft")
    # a sub-type that no longer fits stays chosen, and a warning beside it says why
    select(editor, "category", "primary_agri")
    assert subtype.value() == "craft"
    editor.validate_now()
    row = editor.rows["subtype"]
    assert not row.warning.isHidden() and "不属于产品类别“初级农产品”" in row.warning.text()
    assert shown_error(editor, "subtype") == "", "pointed out, not refused"
    select(editor, "subtype", "fruit")
    assert "craft" not in subtype.codes()


def test_a_stored_record_opens_with_the_sub_types_of_its_category(qtbot: Any,
                                                                  ledger: Ledger) -> None:
    rec = next(r for r in ledger.list("resource") if r.values["category"] == "handicraft")
    editor, _ = open_editor(qtbot, ledger, "resource", rec)
    assert editor.editor("subtype").codes() == ["craft", "other"]
    assert editor.editor("subtype").value() == rec.values["subtype"]


def test_history_rows_are_one_line_each(qtbot: Any, ledger: Ledger) -> None:
    from ui.editors import HistoryDialog

    rec = ledger.add("resource", {"name": "行唐蜂蜜", "attribute": "grown", "category": "processed_food",
                                  "tier": "discover", "survey_date": "2025-06-01",
                                  "towns": "龙州镇;南桥镇", "contact": "张三", "reporter": "李四",
                                  "history": "明代已有记载。\n" * 20})
    ledger.edit("resource", rec.id, {"tier": "cultivate"})
    dialog = HistoryDialog(ledger, rec.id)
    qtbot.addWidget(dialog)
    dialog.show()
    table = dialog.table
    line = table.fontMetrics().height()
    heights = [table.rowHeight(r) for r in range(table.rowCount())]
    assert len(set(heights)) == 1 and heights[0] < 2 * line, heights
    created = table.item(1, 4)
    assert "\n" not in created.text() and "……共" in created.text()
    assert "产品类别: 加工食品" in created.toolTip() and "联系人: 张三" in created.toolTip()
    assert table.textElideMode() == Qt.TextElideMode.ElideRight and not table.wordWrap()
    table.selectRow(1)
    assert "填报人: 李四" in dialog.detail.toPlainText()
