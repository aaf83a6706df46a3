"""The record editor is laid out from the field description: each field's 填表说明 in the
window's language only (tooltips and placeholders hold ``help_zh`` in Chinese and ``help_en``
in English, never the other one), and its group boxes are the fields' sections
(``Field.section`` / ``section_en``, which the printed forms group by too).

Uses the demo county and helpers of ``test_editors``."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtWidgets import QGroupBox

from desktop.fields import FieldType
from desktop.ledger import Ledger
from desktop.registers import REGISTRY
from tests.ui.test_editors import boxes, demo_file, ledger, open_editor  # noqa: F401  (fixtures)
from ui.editors import set_language


@pytest.fixture(params=["zh", "en"])
def lang(request: pytest.FixtureRequest) -> Iterator[str]:
    set_language(request.param)
    try:
        yield request.param
    finally:
        set_language("zh")


@pytest.mark.parametrize("kind_key", list(REGISTRY))
def test_tooltips_give_the_help_in_the_window_language(qtbot: Any, ledger: Ledger, lang: str,
                                                       kind_key: str) -> None:
    editor, _ = open_editor(qtbot, ledger, kind_key)
    for f in REGISTRY[kind_key].fields:
        shown, other = (f.help_zh, f.help_en) if lang == "zh" else (f.help_en, f.help_zh)
        for widget in (editor.rows[f.key].label, editor.editor(f.key)):
            tip = widget.toolTip()
            assert shown in tip, (f.key, tip)
            assert other not in tip, (f.key, tip)


def test_placeholders_give_the_help_in_the_window_language(qtbot: Any, ledger: Ledger,
                                                           lang: str) -> None:
    editor, _ = open_editor(qtbot, ledger, "resource")
    kind = REGISTRY["resource"]
    for key in ("name", "coordinates", "history", "contact"):  # (USCC, phone: their format)
        f = kind.field(key)
        edit = editor.editor(key).edit
        text = edit.placeholderText()
        assert text == (f.help_zh if lang == "zh" else f.help_en), (key, text)
        assert f.type is not FieldType.LONGTEXT or text  # the long boxes too


@pytest.mark.parametrize("kind_key", list(REGISTRY))
def test_group_boxes_are_the_sections_of_the_field_description(
        qtbot: Any, ledger: Ledger, lang: str, kind_key: str) -> None:
    editor, _ = open_editor(qtbot, ledger, kind_key)
    expected: list[tuple[str, list[str]]] = []
    for f in REGISTRY[kind_key].fields:
        title = f.section if lang == "zh" else f.section_en
        if not expected or expected[-1][0] != title:
            expected.append((title, []))
        expected[-1][1].append(f.key)
    expected = [(t, keys) for t, keys in expected if t]
    groups = editor.scroll.widget().findChildren(QGroupBox)
    shown = [(g.title(), [key for key in editor.rows if g.isAncestorOf(editor.rows[key].label)])
             for g in groups]
    assert shown == expected
