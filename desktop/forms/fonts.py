"""The fonts of the printed forms: a TrueType CJK font found on the machine, embedded as a subset.

Search order: the path set in the settings (``print_font``), then the usual Windows fonts
(SimSun, SimHei, Microsoft YaHei: ``.ttc`` collections, subfont 0), then Linux's WenQuanYi,
AR PL and Droid Sans Fallback. reportlab embeds TrueType outlines only, so a CFF-based font
(Noto Sans CJK / Source Han ``.otf``/``.ttc``: a ``CFF `` table, no ``glyf``) is skipped with a
log line, never a crash. With none found, reportlab's ``STSong-Light`` CID font is used (not
embedded; the PDF viewer supplies it), logged once and reported by the self-test.

Per-character fallback: a character the main font has no real glyph for (no cmap entry, or an
empty outline as WenQuanYi Micro Hei has for ``℃``) is drawn in the first fallback font that
has one (DejaVu Sans for ``℃`` ``☑``, SimSun-ExtB for characters outside the BMP ...).
:meth:`FontSet.markup` turns text into reportlab paragraph markup with those switches.
"""

from __future__ import annotations

import logging
import os
import struct
import sys
import threading
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from xml.sax.saxutils import escape

from desktop.validation import Reason

__all__ = ["FontSet", "FontCandidate", "FALLBACK_CID", "candidates", "is_cff", "load_fonts",
           "font_report", "SETTING", "check_font_file", "reset_for_tests"]

log = logging.getLogger(__name__)

SETTING = "print_font"
"""The settings key (db.meta) of a font file chosen by the clerk (设置 → 打印字体)."""
FALLBACK_CID = "STSong-Light"
MISSING = "〓"
"""Printed for a character no font on the machine has (a visible gap, not a silent one)."""
MAIN = "GIForm"
"""The registered name of the main font (``GIForm``, fallbacks ``GIForm-1`` ...)."""
_ALWAYS_OK = frozenset(" \t\n\u3000\u00a0")
_SYMBOLS = frozenset("□☑■☐☒")
"""Check boxes: drawn in the first font that has them all alike (DejaVu Sans), so an empty and
a ticked box are the same size."""


@dataclass(frozen=True)
class FontCandidate:
    """A font file to try, with the subfont of a ``.ttc`` collection."""

    path: Path
    subfont: int = 0


def _windows_dirs() -> list[Path]:
    out = []
    for var in ("WINDIR", "SystemRoot"):
        value = os.environ.get(var)
        if value:
            out.append(Path(value) / "Fonts")
    local = os.environ.get("LOCALAPPDATA")
    if local:
        out.append(Path(local) / "Microsoft" / "Windows" / "Fonts")
    out.append(Path("C:/Windows/Fonts"))
    return out


_LINUX_DIRS = (Path("/usr/share/fonts"), Path("/usr/local/share/fonts"),
               Path.home() / ".local/share/fonts", Path.home() / ".fonts")
_MAIN_NAMES = ("simsun.ttc", "simsun.ttf", "simhei.ttf", "msyh.ttc", "msyh.ttf",
               "wqy-microhei.ttc", "wqy-zenhei.ttc", "uming.ttc", "ukai.ttc",
               "DroidSansFallbackFull.ttf", "DroidSansFallback.ttf")
"""Main CJK fonts, best first (file names, searched case-insensitively)."""
_FALLBACK_NAMES = ("DejaVuSans.ttf", "arial.ttf", "seguisym.ttf", "segoeui.ttf",
                   "simsunb.ttf", "SimSun-ExtB.ttf", "msyh.ttc", "wqy-zenhei.ttc",
                   "DroidSansFallbackFull.ttf", "uming.ttc", "HanaMinB.ttf")
"""Per-character fallbacks (symbols, characters outside the BMP), in order of use."""


def _font_dirs() -> list[Path]:
    return _windows_dirs() if sys.platform == "win32" else [*_LINUX_DIRS, *_windows_dirs()]


def _index(dirs: Iterable[Path]) -> dict[str, Path]:
    """Font files under ``dirs`` by lower-case file name (first found wins)."""
    found: dict[str, Path] = {}
    for d in dirs:
        if not d.is_dir():
            continue
        for root, _subdirs, files in os.walk(d):
            for name in files:
                if name.lower().endswith((".ttf", ".ttc", ".otf")):
                    found.setdefault(name.lower(), Path(root) / name)
    return found


def candidates(setting: str | None = None) -> tuple[list[FontCandidate], list[FontCandidate]]:
    """(main font candidates, fallback candidates) on this machine, best first.

    ``setting`` is a path from the settings, optionally ``PATH#N`` for subfont N."""
    files = _index(_font_dirs())
    main = []
    if setting:
        path, _, sub = setting.partition("#")
        main.append(FontCandidate(Path(path), int(sub) if sub.isdigit() else 0))
    main += [FontCandidate(files[n.lower()]) for n in _MAIN_NAMES if n.lower() in files]
    fallback = [FontCandidate(files[n.lower()]) for n in _FALLBACK_NAMES if n.lower() in files]
    return main, fallback


def _table_tags(path: Path, subfont: int) -> set[str]:
    """The table tags of a font file (subfont ``subfont`` of a collection)."""
    with open(path, "rb") as fh:
        head = fh.read(12)
        offset = 0
        if head[:4] == b"ttcf":
            count = struct.unpack(">I", head[8:12])[0]
            if subfont >= count:
                raise ValueError(f"{path.name} has {count} subfonts, not {subfont + 1}")
            fh.seek(12 + 4 * subfont)
            offset = struct.unpack(">I", fh.read(4))[0]
            fh.seek(offset)
            head = fh.read(12)
        num = struct.unpack(">H", head[4:6])[0]
        fh.seek(offset + 12)
        table = fh.read(16 * num)
    return {table[i:i + 4].decode("latin-1") for i in range(0, len(table), 16)}


def is_cff(path: Path, subfont: int = 0) -> bool:
    """True for an OpenType font with CFF outlines (reportlab cannot embed those)."""
    tags = _table_tags(path, subfont)
    return "glyf" not in tags and ("CFF " in tags or "CFF2" in tags)


@dataclass
class _Face:
    name: str
    label: str
    glyphs: frozenset[int]


@dataclass
class FontSet:
    """The registered fonts of the forms: the main face, the fallbacks and what they cover."""

    main: str
    """Registered reportlab name of the main font."""
    description: str
    """Human-readable: ``"WenQuanYi Micro Hei (/usr/share/.../wqy-microhei.ttc)"`` or
    ``"STSong-Light (fallback)"``."""
    embedded: bool
    bold: str = ""
    _main_glyphs: frozenset[int] | None = None
    _fallbacks: list[_Face] = field(default_factory=list)
    _cache: dict[str, str | None] = field(default_factory=dict)
    _missing: set[str] = field(default_factory=set)

    @property
    def is_fallback(self) -> bool:
        return not self.embedded

    @property
    def box(self) -> str:
        """The empty check box."""
        return "□"

    @property
    def tick(self) -> str:
        """The ticked check box: ``☑`` where a font has it, else ``■``."""
        if self._main_glyphs is not None and (ord("☑") in self._main_glyphs
                                              or self.font_for("☑") is not None):
            return "☑"
        return "■"

    def font_for(self, ch: str) -> str | None:
        """The fallback font to draw ``ch`` in, or None for the main font."""
        if self._main_glyphs is None or ch in _ALWAYS_OK:
            return None
        hit = self._cache.get(ch, "")
        if hit != "":
            return hit
        cp = ord(ch)
        result: str | None = None
        if ch in _SYMBOLS:
            for face in self._fallbacks:
                if all(ord(s) in face.glyphs for s in "□☑"):
                    self._cache[ch] = face.name
                    return face.name
        if cp not in self._main_glyphs:
            for face in self._fallbacks:
                if cp in face.glyphs:
                    result = face.name
                    break
            else:
                log.warning("no font on this machine has a glyph for %r (U+%04X); printed as %s",
                            ch, cp, MISSING)
                self._missing.add(ch)
        self._cache[ch] = result
        return result

    def visible(self, text: str) -> str:
        """``text`` with the characters no font here can draw replaced by ``〓`` (the
        typesetter's mark for a missing character), so nothing vanishes from the paper."""
        if self._main_glyphs is None:
            return text
        for ch in text:
            if ch not in self._cache:
                self.font_for(ch)
        if not self._missing or not any(ch in self._missing for ch in text):
            return text
        return "".join(MISSING if ch in self._missing else ch for ch in text)

    def runs(self, text: str) -> Iterator[tuple[str, str]]:
        """``(font name, text)`` runs of ``text``, switching font where the main one lacks a glyph."""
        if self._main_glyphs is None:
            yield self.main, text
            return
        current = self.main
        buf: list[str] = []
        for ch in text:
            name = self.font_for(ch) or self.main
            if name != current and buf:
                yield current, "".join(buf)
                buf = []
            current = name
            buf.append(ch)
        if buf:
            yield current, "".join(buf)

    def markup(self, text: str) -> str:
        """``text`` as reportlab paragraph markup: escaped, line breaks kept, font switched per
        character where needed."""
        if self._main_glyphs is None or all(self.font_for(c) is None for c in text):
            return escape(text).replace("\n", "<br/>")
        parts = []
        for name, run in self.runs(text):
            body = escape(run).replace("\n", "<br/>")
            parts.append(body if name == self.main else f'<font name="{name}">{body}</font>')
        return "".join(parts)


def _glyph_set(ttf: object) -> frozenset[int]:
    """Code points with a real (non-empty) outline in a parsed reportlab TTFontFile."""
    pos = ttf.glyphPos  # type: ignore[attr-defined]  # reportlab is untyped
    n = len(pos) - 1
    return frozenset(cp for cp, g in ttf.charToGlyph.items()  # type: ignore[attr-defined]  # reportlab is untyped
                     if 0 < g < n and pos[g + 1] > pos[g])


def _register(name: str, cand: FontCandidate) -> tuple[str, frozenset[int]]:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    font = TTFont(name, str(cand.path), subfontIndex=cand.subfont)
    pdfmetrics.registerFont(font)
    face = font.face
    label = (getattr(face, "familyName", b"") or getattr(face, "name", b"") or b"")
    text = label.decode("utf-8", "replace") if isinstance(label, bytes) else str(label)
    return text or cand.path.stem, _glyph_set(face)


def _usable(cand: FontCandidate) -> bool:
    try:
        if not cand.path.is_file():
            log.warning("print font %s not found", cand.path)
            return False
        if is_cff(cand.path, cand.subfont):
            log.info("skipping %s: CFF (PostScript) outlines cannot be embedded by reportlab",
                     cand.path)
            return False
    except (OSError, ValueError, struct.error) as e:
        log.warning("skipping print font %s: %s", cand.path, e)
        return False
    return True


def check_font_file(path: Path, subfont: int = 0) -> str | Reason:
    """The font's name when ``path`` is a usable TrueType font, else the bilingual reason."""
    if not path.is_file():
        return Reason(f"找不到字体文件 {path}", f"no font file {path}")
    try:
        if is_cff(path, subfont):
            return Reason("这是 CFF（PostScript 轮廓）字体，无法嵌入 PDF，请选择 TrueType 字体（.ttf/.ttc）",
                          "a CFF (PostScript-outline) font cannot be embedded; choose a TrueType "
                          "font (.ttf/.ttc)")
        from reportlab.pdfbase.ttfonts import TTFontFile

        face = TTFontFile(str(path), subfontIndex=subfont)
    except Exception as e:  # noqa: BLE001 - reportlab raises its own errors for unreadable fonts
        return Reason(f"无法读取字体文件：{e}", f"cannot read the font file: {e}")
    name = face.familyName if isinstance(face.familyName, str) else face.name.decode("latin-1")
    return f"{name} ({path})"


_lock = threading.Lock()
_loaded: dict[str | None, FontSet] = {}
_warned = False


def _search(setting: str | None) -> tuple[list[FontCandidate], list[FontCandidate]]:
    """Indirection for tests (monkeypatch to find no font at all)."""
    return candidates(setting)


def load_fonts(setting: str | None = None) -> FontSet:
    """Find, register (once per process and setting) and return the fonts of the forms."""
    global _warned
    with _lock:
        if setting in _loaded:
            return _loaded[setting]
        main_c, fallback_c = _search(setting)
        serial = len(_loaded)
        prefix = f"{MAIN}{serial}" if serial else MAIN
        fonts: FontSet | None = None
        for cand in main_c:
            if not _usable(cand):
                continue
            try:
                label, glyphs = _register(prefix, cand)
            except Exception as e:  # noqa: BLE001 - a broken font file: try the next one
                log.warning("cannot use print font %s: %s", cand.path, e)
                continue
            fonts = FontSet(main=prefix, description=f"{label} ({cand.path})", embedded=True,
                            _main_glyphs=glyphs)
            used = {(cand.path, cand.subfont)}
            for n, fb in enumerate(fallback_c, 1):
                if (fb.path, fb.subfont) in used or not _usable(fb):
                    continue
                try:
                    fb_label, fb_glyphs = _register(f"{prefix}-{n}", fb)
                except Exception as e:  # noqa: BLE001 - a broken font file: try the next one
                    log.warning("cannot use fallback font %s: %s", fb.path, e)
                    continue
                used.add((fb.path, fb.subfont))
                fonts._fallbacks.append(_Face(f"{prefix}-{n}", fb_label, fb_glyphs))
            break
        if fonts is None:
            from reportlab.pdfbase import pdfmetrics
            from reportlab.pdfbase.cidfonts import UnicodeCIDFont

            pdfmetrics.registerFont(UnicodeCIDFont(FALLBACK_CID))
            fonts = FontSet(main=FALLBACK_CID, description=f"{FALLBACK_CID} (fallback)",
                            embedded=False)
            if not _warned:
                _warned = True
                log.warning("no TrueType CJK font found; printed forms use reportlab's %s, which "
                            "is not embedded (set 设置 → 打印字体 to a .ttf/.ttc file)", FALLBACK_CID)
        fonts.bold = fonts.main
        _loaded[setting] = fonts
        return fonts


def reset_for_tests() -> None:
    """Forget the loaded fonts (tests that change the search)."""
    global _warned
    with _lock:
        _loaded.clear()
        _warned = False


def font_report(setting: str | None = None) -> tuple[bool, str]:
    """(True, description) when an embeddable TrueType CJK font is in use; (False, why) otherwise.
    For the self-test."""
    fonts = load_fonts(setting)
    if fonts.embedded:
        return True, f"print font {fonts.description}, embedded"
    return False, ("no TrueType CJK font found: printed forms use STSong-Light, not embedded "
                   "(install e.g. fonts-wqy-microhei, or choose a font in 设置)")
