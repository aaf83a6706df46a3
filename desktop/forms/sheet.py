"""The pages of a printed PDF: header (表号, title, office, ``填报单位（盖章）…填报日期``, the QR
code of the form's serial or record id in the top right corner) and footer (``第 x 页 共 y 页``,
print time, serial or id) around the blocks of :mod:`desktop.forms.kit`, drawn straight onto a
reportlab canvas. Forms are added one at a time, so only the current form's blocks are held; a
canvas keeps its finished pages until it saves, so the forms are drawn in batches of
:data:`BATCH_FORMS`, each onto its own canvas in memory, and each saved batch is appended to the
file by :class:`desktop.forms.pdfjoin.PdfJoin`: memory stays flat however many forms print.
"""

from __future__ import annotations

import io
import logging
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from reportlab import rl_config
from reportlab.graphics.barcode.qrencoder import QRCode, QRErrorCorrectLevel
from reportlab.lib.pagesizes import A4, landscape
from reportlab.pdfbase.pdfdoc import PDFName, PDFStream, PDFZCompress
from reportlab.pdfgen.canvas import Canvas

from desktop.forms.fonts import FontSet
from desktop.forms.kit import Block, mm, paginate
from desktop.forms.pdfjoin import PdfJoin
from desktop.forms.text import Typesetter

__all__ = ["Header", "Sheet", "bureau_name", "qr_modules", "MARGIN", "BOTTOM", "QR_SIZE", "BATCH_FORMS"]

log = logging.getLogger(__name__)

rl_config.useA85 = 0  # compressed page streams stay binary: ASCII85 (pure Python) is slow, PDF needs none

MARGIN = 18 * mm
"""Left, right and top margin: inside what every laser printer prints (≥ 15 mm)."""
BOTTOM = 16 * mm
"""The footer's baseline (the footer rule 4 mm above; the content ends 8 mm above)."""
QR_SIZE = 19 * mm
BATCH_FORMS = 100
"""Forms drawn onto one canvas before it is saved and appended to the file (each batch embeds
its own font subsets: fewer, larger batches make a smaller file, more hold more memory)."""


@dataclass(frozen=True)
class Header:
    """What every page of a form shows around its content."""

    form_no: str
    """表号, e.g. ``GI-01表``."""
    title: str
    office: str
    code: str | None
    """The serial or record id: QR code top right, and in the footer."""
    printed_at: str
    fill_line: bool = True
    """Print ``填报单位（盖章）：…… 填报日期：  年  月  日`` under the title."""
    unit: str = ""
    date: str = ""
    subtitle: str = ""


def qr_modules(code: str) -> list[list[bool]]:
    """The dark modules of ``code``'s QR code (level M, the smallest version that holds it).

    One fixed mask pattern instead of trying all eight: the codes are short upper-case ids,
    every mask scans, and it is eight times faster (500 forms in one batch)."""
    qr = QRCode(None, QRErrorCorrectLevel.M)
    qr.addData(code)
    qr.version = qr.calculate_version()
    qr.makeImpl(False, 0)
    n = qr.getModuleCount()
    return [[bool(qr.isDark(r, c)) for c in range(n)] for r in range(n)]


def bureau_name(office_name: str) -> str:
    """The name a form's header prints for an office: ``行唐县`` → ``行唐县市场监督管理局``
    (a name that is a bureau's already stays)."""
    return office_name if office_name.endswith("局") else f"{office_name}市场监督管理局"


class Sheet:
    """One PDF file being written: forms are added one by one and drawn at once, in batches of
    ``batch`` forms per canvas, each batch appended to the file when it is full."""

    def __init__(self, path: Path, fonts: FontSet, *, wide: bool = False, title: str = "",
                 author: str = "", batch: int | None = None):
        self.path = Path(path)
        self.fonts = fonts
        self.ts = Typesetter(fonts)
        self.size: tuple[float, float] = landscape(A4) if wide else A4
        self.title = title
        self.author = author
        self.batch = max(1, batch or BATCH_FORMS)
        self.pages = 0
        self._forms = 0  # forms on the current canvas
        self._canvas: Canvas | None = None
        self._buffer: io.BytesIO | None = None
        self._file: BinaryIO | None = None
        self._join: PdfJoin | None = None
        self._qr: dict[str, str] = {}
        self._statics: dict[tuple[object, ...], str] = {}

    @property
    def canvas(self) -> Canvas:
        """The canvas of the current batch (a new one after each batch is written)."""
        if self._canvas is None:
            self._buffer = io.BytesIO()
            c = Canvas(self._buffer, pagesize=self.size, pageCompression=1,
                       invariant=0, initialFontName=self.fonts.main)
            c.setTitle(self.title)
            c.setAuthor(self.author)
            c.setCreator("GI Ledger 地标台账")
            self._canvas = c
            self._qr.clear()  # form objects belong to one document
            self._statics.clear()
        return self._canvas

    @property
    def width(self) -> float:
        """The content width between the margins."""
        return self.size[0] - 2 * MARGIN

    def frame_heights(self, header: Header) -> tuple[float, float]:
        top_first, top_later = self._tops(header)
        return top_first - (BOTTOM + 8 * mm), top_later - (BOTTOM + 8 * mm)

    def _tops(self, header: Header) -> tuple[float, float]:
        h = self.size[1]
        first = h - MARGIN - 27 * mm - (7 * mm if header.fill_line else 0) \
            - (6 * mm if header.subtitle else 0)
        return first, h - MARGIN - 26 * mm

    def add_form(self, header: Header, blocks: Sequence[Block]) -> int:
        """Paginate and draw one form; returns its page count."""
        first, later = self.frame_heights(header)
        pages = paginate(blocks, first, later)
        tops = self._tops(header)
        total = len(pages)
        for n, page in enumerate(pages, 1):
            self.ts.begin_page(self.canvas)
            self._chrome(header, n, total)
            y = tops[0] if n == 1 else tops[1]
            for b in page:
                b.draw(self.canvas, MARGIN, y)
                y -= b.height
            self.ts.end_page(self.canvas)
            self.canvas.showPage()
            self._compress_last_page()
        self.pages += total
        self._forms += 1
        if self._forms >= self.batch:
            self._flush()
        return total

    def _flush(self) -> None:
        """Save the current batch's canvas and append it to the file."""
        c, buf = self._canvas, self._buffer
        if c is None or buf is None:
            return
        c.save()
        self._canvas = self._buffer = None
        self._forms = 0
        if self._join is None:
            self._file = open(self.path, "wb")  # noqa: SIM115 (open across calls; abort() closes it)
            self._join = PdfJoin(self._file)
        self._join.append(buf.getvalue())

    def _qr_form(self, code: str) -> str:
        """The QR code of ``code`` as a PDF form object (drawn once, placed on every page)."""
        name = self._qr.get(code)
        if name is None:
            name = f"qr{len(self._qr)}"
            modules = qr_modules(code)
            n = len(modules)
            cell = QR_SIZE / (n + 4)  # a quiet zone of two modules
            c = self.canvas
            c.beginForm(name)
            c.setFillGray(0)
            p = c.beginPath()
            # dark runs of each row, a run repeated in the rows below drawn as one taller box
            open_runs: dict[tuple[int, int], int] = {}  # (start, end) -> first row
            for r in range(n + 1):
                runs: set[tuple[int, int]] = set()
                if r < n:
                    row = modules[r]
                    col = 0
                    while col < n:
                        if row[col]:
                            start = col
                            while col < n and row[col]:
                                col += 1
                            runs.add((start, col))
                        else:
                            col += 1
                for run in [k for k in open_runs if k not in runs]:
                    first = open_runs.pop(run)
                    p.rect((run[0] + 2) * cell, QR_SIZE - (r + 2) * cell,
                           (run[1] - run[0]) * cell, (r - first) * cell)
                for run in runs:
                    open_runs.setdefault(run, r)
            c.drawPath(p, stroke=0, fill=1)
            c.endForm()
            self._qr[code] = name
        return name

    def _chrome(self, header: Header, page: int, total: int) -> None:
        c = self.canvas
        ts = self.ts
        w, h = self.size
        left, right = MARGIN, w - MARGIN
        top = h - MARGIN
        c.setFillGray(0)
        c.setStrokeGray(0)
        c.doForm(self._static(header, page == 1))
        if header.code:
            c.saveState()
            c.translate(right - QR_SIZE, top - QR_SIZE)
            c.doForm(self._qr_form(header.code))
            c.restoreState()
            ts.draw_right(c, right, top - QR_SIZE - 3 * mm, header.code, 7.5)
        if page == 1 and header.fill_line:
            y = top - 22 * mm - (6 * mm if header.subtitle else 0)
            unit = header.unit or "＿" * 14
            ts.draw(c, left, y - 6 * mm, f"填报单位（盖章）：{unit}", 10.5)
            date = header.date or "　　　　年　　月　　日"
            ts.draw_right(c, right, y - 6 * mm, f"填报日期：{date}", 10.5)
        fy = BOTTOM
        ts.draw(c, left, fy, f"打印时间：{header.printed_at}", 8)
        ts.draw_centred(c, w / 2, fy, f"第 {page} 页 共 {total} 页", 9)
        if header.code:
            ts.draw_right(c, right, fy, f"编号：{header.code}", 8)

    def _compress_last_page(self) -> None:
        """Compress the finished page's content stream now instead of when the file is saved:
        the canvas keeps every page until then, so a batch of 500 forms holds compressed
        pages (a fifth of the size) rather than their text. Uses reportlab's stream objects as
        its own pages do (content already filtered when ``Filter`` is set)."""
        pages = getattr(getattr(self.canvas, "_doc", None), "Pages", None)
        page = pages.pages[-1] if pages is not None and pages.pages else None
        stream = getattr(page, "stream", None)
        if page is None or not stream or page.Contents:
            return
        s = PDFStream(content=PDFZCompress.encode(stream))
        s.dictionary["Filter"] = PDFName("FlateDecode")
        s.__Comment__ = "page stream"
        page.Contents = s
        page.stream = None

    def _static(self, header: Header, first: bool) -> str:
        """What every first (or every later) page of this kind of form shows alike (表号, office,
        title, footer rule), drawn once as a PDF form object and placed on each page."""
        key = (header.form_no, header.office, header.title, header.subtitle, first)
        name = self._statics.get(key)
        if name is not None:
            return name
        name = f"chrome{len(self._statics)}"
        c, ts = self.canvas, self.ts
        w, h = self.size
        left, right = MARGIN, w - MARGIN
        top = h - MARGIN
        room = w - 2 * (MARGIN + QR_SIZE + 3 * mm)  # the title stays clear of the QR code
        c.beginForm(name)
        with ts.direct():
            ts.draw(c, left, top - 4 * mm, f"表号：{header.form_no}", 9)
            ts.draw(c, left, top - 9 * mm, f"制表单位：{header.office}", 9)
            title = header.title if first else f"{header.title}（续）"
            size, least = (17.0, 11.0) if first else (13.0, 9.0)
            while size > least and ts.width(title, size) > room:
                size -= 0.5
            ts.draw_centred(c, w / 2, top - 15 * mm, title, size, bold=first)
            if first and header.subtitle:
                ts.draw_centred(c, w / 2, top - 22 * mm, header.subtitle, 10)
        c.setLineWidth(0.4)
        c.line(left, BOTTOM + 4 * mm, right, BOTTOM + 4 * mm)
        c.endForm()
        self._statics[key] = name
        return name

    def close(self) -> None:
        """Write the last batch and finish the file."""
        if self.pages == 0:
            self.canvas.showPage()
        try:
            self._flush()
            assert self._join is not None
            self._join.close()
        finally:
            self.abort()

    def __enter__(self) -> Sheet:
        return self

    def __exit__(self, kind: type[BaseException] | None, *_rest: object) -> None:
        """Finish the file (:meth:`close`), or, when the block raised, :meth:`abort` it."""
        if kind is None:
            self.close()
        else:
            self.abort()

    def abort(self) -> None:
        """Close the file without finishing it (a cancel or an error; the caller removes it)."""
        self._canvas = self._buffer = None
        if self._file is not None:
            self._file.close()
            self._file = None
        self._join = None
