"""Measuring, wrapping and drawing Chinese text with per-character font fallback.

A line is a list of ``(font name, text)`` runs. Wrapping breaks between any two CJK characters
and at spaces, never inside a Latin word or number that fits a line, and keeps closing
punctuation (，。、）…) off the start of a line and opening punctuation (（《“…) off its end
(禁则). Character widths are cached per font and size, and the runs, widths and wrapped lines of
whole strings (labels and choices repeat on every form) per string, so 500 forms wrap fast.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager

from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.pdfgen.textobject import PDFTextObject

from desktop.forms.fonts import FontSet

__all__ = ["Line", "Typesetter"]

Line = list[tuple[str, str]]

_NO_START = frozenset("，。、；：？！）】》」』”’%‰℃·…—,.;:?!)]}>")
_NO_END = frozenset("（【《「『“‘([{<")


CACHE_STRINGS = 2_000
"""Whole strings remembered per cache (runs, widths, wrapped lines); a cache that fills is
emptied, so a long print run holds at most this many of each."""


def _is_wordish(ch: str) -> bool:
    return ch.isascii() and (ch.isalnum() or ch in "._-/+@#%")


class Typesetter:
    """Widths and wrapping for one :class:`FontSet`."""

    def __init__(self, fonts: FontSet):
        self.fonts = fonts
        self._widths: dict[tuple[str, float], float] = {}
        self._font: dict[str, str] = {}
        self._runs: dict[str, tuple[str, Line]] = {}
        self._string_widths: dict[tuple[str, float], float] = {}
        self._wrapped: dict[tuple[str, float, float], list[str]] = {}
        self._text: PDFTextObject | None = None
        self._current: tuple[str, float] | None = None

    def begin_page(self, c: Canvas) -> None:
        """Collect the page's text in one text object (drawn by :meth:`end_page`): far fewer
        PDF operators than one text object per string."""
        self._text = c.beginText()
        self._current = None

    @contextmanager
    def direct(self) -> Iterator[None]:
        """Draw each string at once (inside a PDF form object) instead of into the page's
        text object."""
        saved, current = self._text, self._current
        self._text, self._current = None, None
        try:
            yield
        finally:
            self._text, self._current = saved, current

    def end_page(self, c: Canvas) -> None:
        if self._text is not None:
            c.saveState()
            c.setLineWidth(0.3)  # the outline of bold (filled and stroked) text
            c.drawText(self._text)
            c.restoreState()
        self._text = None

    def font_of(self, ch: str) -> str:
        name = self._font.get(ch)
        if name is None:
            name = self.fonts.font_for(ch) or self.fonts.main
            self._font[ch] = name
        return name

    def char_width(self, ch: str, size: float) -> float:
        key = (ch, size)
        w = self._widths.get(key)
        if w is None:
            w = stringWidth(ch, self.font_of(ch), size)
            self._widths[key] = w
        return w

    def width(self, text: str, size: float) -> float:
        key = (text, size)
        w = self._string_widths.get(key)
        if w is None:
            cw = self.char_width
            w = sum(cw(ch, size) for ch in text)
            if len(self._string_widths) >= CACHE_STRINGS:
                self._string_widths.clear()
            self._string_widths[key] = w
        return w

    def _shown(self, text: str) -> tuple[str, Line]:
        """``text`` as drawn (missing characters marked) and its font runs, remembered."""
        hit = self._runs.get(text)
        if hit is None:
            shown = self.fonts.visible(text)
            hit = (shown, self.runs(shown))
            if len(self._runs) >= CACHE_STRINGS:
                self._runs.clear()
            self._runs[text] = hit
        return hit

    def runs(self, text: str) -> Line:
        """``text`` cut into runs of one font each."""
        out: Line = []
        font_of = self.font_of
        cur = ""
        buf: list[str] = []
        for ch in text:
            f = font_of(ch)
            if f != cur and buf:
                out.append((cur, "".join(buf)))
                buf = []
            cur = f
            buf.append(ch)
        if buf:
            out.append((cur, "".join(buf)))
        return out

    def wrap(self, text: str, width: float, size: float) -> list[str]:
        """``text`` broken into lines no wider than ``width`` (hard line breaks kept)."""
        key = (text, width, size)
        hit = self._wrapped.get(key)
        if hit is None:
            hit = self._wrap(text, width, size)
            if len(self._wrapped) >= CACHE_STRINGS:
                self._wrapped.clear()
            self._wrapped[key] = hit
        return list(hit)

    def _wrap(self, text: str, width: float, size: float) -> list[str]:
        lines: list[str] = []
        cw = self.char_width
        text = self.fonts.visible(text)
        for para in text.split("\n"):
            if not para:
                lines.append("")
                continue
            start = 0
            x = 0.0
            brk = -1  # index where the current line may end (exclusive)
            i = 0
            n = len(para)
            while i < n:
                ch = para[i]
                w = cw(ch, size)
                if x + w > width and i > start:
                    cut = brk if brk > start else i
                    # closing punctuation may not begin the next line: pull one char over
                    if cut < n and para[cut] in _NO_START and cut - 1 > start:
                        cut -= 1
                    # opening punctuation may not end this line
                    while cut - 1 > start and para[cut - 1] in _NO_END:
                        cut -= 1
                    lines.append(para[start:cut].rstrip(" "))
                    while cut < n and para[cut] == " ":
                        cut += 1
                    start = cut
                    brk = -1
                    x = self.width(para[start:i], size)
                    continue
                x += w
                i += 1
                if i < n:
                    nxt = para[i]
                    if ch == " " or not (_is_wordish(ch) and _is_wordish(nxt)):
                        brk = i
            lines.append(para[start:])
        return lines

    def draw(self, c: Canvas, x: float, y: float, text: str, size: float, *,
             bold: bool = False) -> None:
        """Draw one line with its baseline at ``y``; ``bold`` fills and strokes the glyphs
        (a bold look from a regular font, and the text is still extracted once)."""
        if text:
            self.draw_pieces(c, x, y, ((0.0, text),), size, bold=bold)

    def draw_pieces(self, c: Canvas, x: float, y: float, pieces: Sequence[tuple[float, str]],
                    size: float, *, bold: bool = False) -> None:
        """Draw strings on one baseline, each at its offset from ``x`` (in increasing order):
        one text position for them all (a row of check boxes and their choices)."""
        t = self._text
        single = t is None
        if t is None:
            t = c.beginText(x, y)
            self._current = None
        else:
            t.setTextOrigin(x, y)
        if bold:
            t.setTextRenderMode(2)
        at = 0.0
        for dx, text in pieces:
            if not text:
                continue
            if dx != at:
                t.moveCursor(dx - at, 0)  # from the start of the piece before
                at = dx
            for font, run in self._shown(text)[1]:
                if self._current != (font, size):
                    t.setFont(font, size)
                    self._current = (font, size)
                t.textOut(run)
        if bold:
            t.setTextRenderMode(0)
        if single:
            c.saveState()
            c.setLineWidth(0.3)
            c.drawText(t)
            c.restoreState()
            self._current = None

    def draw_centred(self, c: Canvas, cx: float, y: float, text: str, size: float, *,
                     bold: bool = False) -> None:
        self.draw(c, cx - self.width(text, size) / 2, y, text, size, bold=bold)

    def draw_right(self, c: Canvas, rx: float, y: float, text: str, size: float, *,
                   bold: bool = False) -> None:
        self.draw(c, rx - self.width(text, size), y, text, size, bold=bold)

    def widest(self, texts: Iterable[str], size: float) -> float:
        return max((self.width(t, size) for t in texts), default=0.0)
