"""Printing a PDF on a :class:`QPrinter`: each page rendered at printer resolution and
painted on the whole sheet, A4, a landscape page on a landscape sheet.

The PDF already has margins every printer can print, so the image covers the full paper
(``QPrinter.setFullPage``) and is not scaled a second time by the printer's margins.
Runs on a worker thread (``ui.operations.run_job``): Qt allows painting on a QPrinter
outside the GUI thread, and PDFium calls are serialised by :data:`ui.printing.pdf.PDFIUM_LOCK`.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence

from PySide6.QtCore import QMarginsF, QRectF, QSizeF
from PySide6.QtGui import QPageLayout, QPageSize, QPainter
from PySide6.QtPrintSupport import QPrinter

from desktop.jobs import CancelCheck, Progress, check_cancel, never_cancelled, no_progress
from ui.printing.pdf import PdfPages

__all__ = ["MAX_PRINT_DPI", "PrintFailed", "page_layout", "pages_to_print", "print_pages"]

log = logging.getLogger(__name__)

MAX_PRINT_DPI = 300
"""Pages are rendered at the printer's resolution up to this (an A4 page at 300 dpi is a
35 MB image; 600 or 1200 dpi would only cost memory for a form of text and lines)."""


class PrintFailed(Exception):
    """The printer could not be opened (message ``中文\\nEnglish``)."""


def page_layout(pages: PdfPages, index: int) -> QPageLayout:
    """The sheet for page ``index``: its paper size (A4 for our forms) in its orientation,
    no margins (the page image covers the whole sheet)."""
    width, height = pages.sizes[index]
    size = QPageSize(QSizeF(min(width, height), max(width, height)), QPageSize.Unit.Point, "",
                     QPageSize.SizeMatchPolicy.FuzzyMatch)
    orientation = (QPageLayout.Orientation.Landscape if width > height
                   else QPageLayout.Orientation.Portrait)
    return QPageLayout(size, orientation, QMarginsF(0, 0, 0, 0))


def pages_to_print(printer: QPrinter, page_count: int, current: int = 0) -> list[int]:
    """The 0-based pages the print dialog chose: all, a range (``fromPage``..``toPage``),
    or the current page."""
    mode = printer.printRange()
    if mode == QPrinter.PrintRange.CurrentPage:
        return [current] if 0 <= current < page_count else []
    if mode == QPrinter.PrintRange.PageRange and printer.fromPage() > 0:
        first = max(printer.fromPage(), 1)
        last = min(printer.toPage() or page_count, page_count)
        return list(range(first - 1, last))
    return list(range(page_count))


def print_pages(pages: PdfPages, printer: QPrinter, indexes: Sequence[int] | None = None, *,
                progress: Progress = no_progress, cancelled: CancelCheck = never_cancelled) -> int:
    """Paint ``indexes`` (default: every page) on ``printer``; returns the sheets printed.

    A cancel (``cancelled()`` true between pages) aborts the printer job and raises
    :class:`desktop.jobs.Cancelled`.
    """
    chosen = list(range(pages.page_count)) if indexes is None else list(indexes)
    # A printer that cannot make copies itself gets each page several times.
    copies = 1 if printer.supportsMultipleCopies() else max(printer.copyCount(), 1)
    sheets = [i for i in chosen for _ in range(copies)]
    if not sheets:
        return 0
    dpi = min(printer.resolution(), MAX_PRINT_DPI)
    printer.setFullPage(True)
    painter = QPainter()
    done = 0
    try:
        for n, index in enumerate(sheets):
            if cancelled():
                printer.abort()
                check_cancel(cancelled)
            printer.setPageLayout(page_layout(pages, index))
            if n == 0:
                if not painter.begin(printer):
                    raise PrintFailed(f"无法打开打印机“{printer.printerName()}”\n"
                                      f"cannot open the printer {printer.printerName()!r}")
            elif not printer.newPage():
                raise PrintFailed("打印机拒绝了新的一页\nthe printer refused a new page")
            image = pages.render(index, dpi, for_print=True)
            target = QRectF(printer.pageLayout().fullRectPixels(printer.resolution()))
            painter.drawImage(target, image)
            done += 1
            progress(done, len(sheets))
    finally:
        if painter.isActive():
            painter.end()
    log.info("printed %d sheets at %d dpi on %s", done, dpi,
             printer.printerName() or printer.outputFileName())
    return done
