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
    editor, saver = open_editor(qtbot, ledger, "mark-user")
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
    assert not row.warning.isHidden() and row.warning.text() == text
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
