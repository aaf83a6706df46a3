"""The window's font: a list of families, so that every character finds one that draws it.

Qt draws each character with the first family of the font's list whose character map has it.
A font can list a character and still draw nothing (WenQuanYi Micro Hei maps ℃ to an empty
glyph), and then the families after it are never asked. So the list is put in order here: the
Chinese families first, then families for symbols; a later family that really draws a
character of :data:`SAMPLE` is moved ahead of one that maps it to an empty glyph.
"""

from __future__ import annotations

import logging

from PySide6.QtGui import QFont, QFontDatabase, QRawFont

__all__ = ["CJK_FAMILIES", "SYMBOL_FAMILIES", "SAMPLE", "pick_cjk_font", "font_families", "ui_font",
           "draws"]

log = logging.getLogger(__name__)

CJK_FAMILIES = ("Microsoft YaHei UI", "Microsoft YaHei", "SimSun", "SimHei", "Noto Sans CJK SC",
                "Source Han Sans SC", "WenQuanYi Zen Hei", "WenQuanYi Micro Hei", "AR PL UMing CN",
                "Droid Sans Fallback")
"""Preferred families with Chinese glyphs, Windows first, then domestic Linux desktops."""

SYMBOL_FAMILIES = ("Segoe UI", "Segoe UI Symbol", "Arial Unicode MS", "DejaVu Sans", "Noto Sans",
                   "Noto Sans Symbols", "Noto Sans Symbols2", "Symbola", "FreeSans")
"""Families for the symbols the Chinese fonts may lack (℃, №, ㎡, ①), Windows first."""

SAMPLE = "℃㎡№①②③°±×÷‰→—…·“”‘’《》〔〕【】（），。、：；！？％／～"
"""The symbols and punctuation the registers' texts, the demo and the forms use."""


def pick_cjk_font() -> str | None:
    """The first installed font family that has Chinese glyphs, or None."""
    installed = set(QFontDatabase.families())
    for family in CJK_FAMILIES:
        if family in installed:
            return family
    for family in sorted(installed):
        if QFontDatabase.WritingSystem.SimplifiedChinese in QFontDatabase.writingSystems(family):
            return family
    return None


def draws(family: str, char: str) -> bool | None:
    """Whether ``family`` draws ``char``: None if it does not have it, False if it maps it to an
    empty glyph, True if the glyph has an outline."""
    raw = QRawFont.fromFont(QFont(family))
    if not raw.isValid():
        return None
    glyphs = raw.glyphIndexesForString(char)  # (supportsCharacter misses some in PySide6)
    if not glyphs or glyphs[0] == 0:
        return None
    return not raw.pathForGlyph(glyphs[0]).boundingRect().isEmpty()


def font_families(sample: str = SAMPLE) -> list[str]:
    """The installed families for the window, in the order Qt should try them."""
    installed = set(QFontDatabase.families())
    first = pick_cjk_font()
    chain = [f for f in (first, *CJK_FAMILIES) if f and f in installed]
    chain = list(dict.fromkeys(chain)) + [f for f in SYMBOL_FAMILIES if f in installed]
    for char in dict.fromkeys(sample):
        if char.isspace():
            continue
        for n, family in enumerate(chain):
            drawn = draws(family, char)
            if drawn is None:
                continue
            if not drawn:  # listed but empty: the first later family that draws it goes before
                better = next((f for f in chain[n + 1:] if draws(f, char)), None)
                if better is None:
                    log.warning("no installed font draws %r (U+%04X)", char, ord(char))
                else:
                    chain.remove(better)
                    chain.insert(n, better)
            break
    return chain


def ui_font(point_size: int = 10) -> QFont:
    """The window's font: :func:`font_families` at ``point_size`` (Qt's default when empty)."""
    font = QFont()
    families = font_families()
    if families:
        font.setFamilies(families)
    else:
        log.warning("no font with Chinese glyphs found; Chinese text will show as boxes")
    font.setPointSize(point_size)
    return font
