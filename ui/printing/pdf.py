"""Pages of a PDF as images, for the print preview and for printing (pypdfium2).

PDFium is not thread-safe: every call into it, from any thread and for any document,
goes through one process-wide lock. The preview renders on a worker thread and a print
job on another, so they take turns page by page.

Why pypdfium2 rather than Qt's own QtPdf: see ``docs/architecture.md`` (Printing).
"""

from __future__ import annotations

import logging
import math
import sys
import threading
from pathlib import Path

import pypdfium2 as pdfium
from PySide6.QtGui import QImage

__all__ = ["PdfPages", "PdfError", "PDFIUM_LOCK", "POINTS_PER_INCH"]

log = logging.getLogger(__name__)

PDFIUM_LOCK = threading.RLock()
"""Held around every PDFium call (PDFium itself has no locking)."""

POINTS_PER_INCH = 72.0

_BGRX = 4  # bytes per pixel of PDFium's BGRx, which is QImage.Format_RGB32 on little-endian


class PdfError(Exception):
    """A file that PDFium cannot open as a PDF (message ``中文\\nEnglish``)."""


class PdfPages:
    """An open PDF: its page sizes (points) and each page rendered to a :class:`QImage`.

    Use as a context manager or call :meth:`close`; until then the file stays open (on
    Windows it cannot be deleted meanwhile).
    """

    def __init__(self, path: Path | str):
        self.path = Path(path)
        self._doc: pdfium.PdfDocument | None = None
        with PDFIUM_LOCK:
            try:
                self._doc = pdfium.PdfDocument(str(self.path))
            except (pdfium.PdfiumError, OSError) as e:
                raise PdfError(f"无法打开 PDF 文件：{self.path}（{e}）\n"
                               f"cannot open the PDF file {self.path} ({e})") from e
            self.sizes: tuple[tuple[float, float], ...] = tuple(
                tuple(self._doc.get_page_size(i)) for i in range(len(self._doc)))

    def __enter__(self) -> PdfPages:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    @property
    def page_count(self) -> int:
        return len(self.sizes)

    def is_landscape(self, index: int) -> bool:
        """Whether page ``index`` is wider than it is high."""
        width, height = self.sizes[index]
        return width > height

    def pixel_size(self, index: int, dpi: float) -> tuple[int, int]:
        """The size in pixels of page ``index`` rendered at ``dpi``."""
        width, height = self.sizes[index]
        scale = dpi / POINTS_PER_INCH
        return math.ceil(width * scale), math.ceil(height * scale)

    def render(self, index: int, dpi: float, *, for_print: bool = False) -> QImage:
        """Page ``index`` (0-based) at ``dpi``, on white, as an RGB32 image owned by Qt."""
        if not 0 <= index < self.page_count:
            raise IndexError(f"page {index} of {self.page_count}")
        with PDFIUM_LOCK:
            if self._doc is None:
                raise PdfError("PDF 已关闭\nthe PDF is closed")
            page = self._doc[index]
            try:
                bitmap = page.render(scale=dpi / POINTS_PER_INCH, prefer_bgrx=True,
                                     fill_color=(255, 255, 255, 255),
                                     optimize_mode="print" if for_print else None)
                try:
                    if bitmap.n_channels != _BGRX or sys.byteorder != "little":
                        raise PdfError(f"unexpected PDFium pixel format {bitmap.mode}")
                    image = QImage(bitmap.buffer, bitmap.width, bitmap.height, bitmap.stride,
                                   QImage.Format.Format_RGB32).copy()  # copy: own the pixels
                finally:
                    bitmap.close()
            finally:
                page.close()
        return image

    def close(self) -> None:
        """Release the document (and the file)."""
        with PDFIUM_LOCK:
            doc, self._doc = self._doc, None
            if doc is not None:
                doc.close()
