"""The window's font draws every character the registers and the demo use: no blank glyphs."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from PySide6.QtGui import QFont, QTextLayout

from desktop import demo
from desktop.registers import REGISTRY
from ui import fonts


def _texts_of_the_program() -> set[str]:
    """Every character of the demo's strings and of the registers' labels, help and choices."""
    chars: set[str] = set(fonts.SAMPLE)
    tree = ast.parse(Path(demo.__file__).read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            chars |= set(node.value)
    for kind in REGISTRY.values():
        chars |= set(kind.zh) | set(kind.en)
        for f in kind.fields:
            chars |= set(f.zh) | set(f.en) | set(f.help_zh)
            for choice in f.choices:
                chars |= set(choice.zh) | set(choice.en)
    return {c for c in chars if not c.isspace() and c.isprintable()}


def _blank(font: QFont, chars: set[str]) -> list[str]:
    """The characters that ``font`` (with Qt's fallback) draws as an empty glyph or not at all."""
    blank = []
    for char in sorted(chars):
        layout = QTextLayout(char, font)
        layout.beginLayout()
        layout.createLine()
        layout.endLayout()
        runs = layout.glyphRuns()
        glyphs = [(run.rawFont(), g) for run in runs for g in run.glyphIndexes()]
        if not glyphs or any(g == 0 or raw.pathForGlyph(g).boundingRect().isEmpty()
                             for raw, g in glyphs):
            blank.append(f"{char} U+{ord(char):04X} ({', '.join(r.rawFont().familyName() for r in runs)})")
    return blank


def test_every_character_of_the_registers_and_the_demo_has_a_glyph(qapp) -> None:
    chars = _texts_of_the_program()
    assert {"℃", "，", "（", "："} <= chars
    font = fonts.ui_font(10)
    assert len(font.families()) > 1, "a list of families, so that Qt can fall back per character"
    assert _blank(font, chars) == []


def test_the_window_start_sets_the_family_list_as_the_application_font(qapp, monkeypatch) -> None:
    from PySide6.QtWidgets import QApplication

    from ui import window_app

    chosen: list[QFont] = []
    monkeypatch.setattr(QApplication, "setFont", staticmethod(lambda font, *a: chosen.append(QFont(font))))
    for name in ("setApplicationName", "setApplicationDisplayName", "setOrganizationName",
                 "setApplicationVersion"):
        monkeypatch.setattr(QApplication, name, staticmethod(lambda *a: None))
    assert window_app.setup_app([]) is qapp
    [font] = chosen
    assert font.families() == fonts.font_families()
    assert _blank(font, {"℃", "№", "㎡", "①"}) == []  # ℃ in the demo's texts shows


def test_a_family_that_maps_a_symbol_to_an_empty_glyph_goes_after_one_that_draws_it(
        monkeypatch: pytest.MonkeyPatch) -> None:
    drawn: dict[tuple[str, str], bool | None] = {
        ("Microsoft YaHei", "℃"): False, ("SimSun", "℃"): None, ("Segoe UI Symbol", "℃"): True}
    monkeypatch.setattr(fonts.QFontDatabase, "families",
                        staticmethod(lambda *a: ["Arial", "SimSun", "Microsoft YaHei", "Segoe UI Symbol"]))
    monkeypatch.setattr(fonts, "draws", lambda family, char: drawn.get((family, char), True))
    assert fonts.font_families("℃") == ["Segoe UI Symbol", "Microsoft YaHei", "SimSun"]
    drawn[("Microsoft YaHei", "℃")] = True  # Windows as it is: YaHei first, then the fallbacks
    assert fonts.font_families("℃，") == ["Microsoft YaHei", "SimSun", "Segoe UI Symbol"]
