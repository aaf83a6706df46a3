"""The print preview: the pages of a PDF, rendered lazily off the GUI thread, with zoom,
page navigation, 打印 (QPrinter) and 另存为.

:class:`PagesView` lays the pages out one under the other and paints only those in view;
a page not rendered yet is asked of :class:`PageRenderer` (one worker thread, most wanted
page first) and painted when it arrives. A few rendered pages are kept, so a 1,000-page
print of 500 forms costs the memory of a screenful.
"""

from __future__ import annotations

import logging
import shutil
import threading
from collections import OrderedDict
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QRect, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QImage,
    QKeySequence,
    QPageSize,
    QPainter,
    QPaintEvent,
    QResizeEvent,
    QShortcut,
    QWheelEvent,
)
from PySide6.QtPrintSupport import QAbstractPrintDialog, QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop.jobs import Cancelled
from ui.flow_layout import FlowLayout
from ui.operations import Job, run_job
from ui.printing.output import pages_to_print, print_pages
from ui.printing.pdf import POINTS_PER_INCH, PdfPages

__all__ = ["PreviewDialog", "PagesView", "PageRenderer", "FIT_WIDTH"]

log = logging.getLogger(__name__)

FIT_WIDTH = 0.0
"""The zoom that makes the widest page as wide as the view."""
GAP = 12
"""Pixels between pages and around them."""
CACHE_PAGES = 12
"""Rendered pages kept (LRU)."""
ZOOM_STEPS = (0.5, 0.75, 1.0, 1.25, 1.5, 2.0, 3.0)


class PageRenderer(QObject):
    """Renders pages on one worker thread; ``rendered(page, width, image)`` arrives on the
    GUI thread. :meth:`want` replaces the wish list (pages scrolled past are dropped)."""

    rendered = Signal(int, int, QImage)

    def __init__(self, pages: PdfPages, parent: QObject | None = None):
        super().__init__(parent)
        self.pages = pages
        self._cond = threading.Condition()
        self._wanted: list[tuple[int, int]] = []
        self._stopped = False
        self._thread = threading.Thread(target=self._run, name="print-preview", daemon=True)
        self._thread.start()

    def want(self, items: list[tuple[int, int]]) -> None:
        """Render these ``(page, width in pixels)`` next, in this order."""
        with self._cond:
            self._wanted = list(items)
            self._cond.notify()

    def stop(self) -> None:
        """Stop after the page being rendered (waits for it)."""
        with self._cond:
            self._stopped = True
            self._wanted = []
            self._cond.notify()
        self._thread.join(10)

    def _run(self) -> None:
        while True:
            with self._cond:
                while not self._wanted and not self._stopped:
                    self._cond.wait()
                if self._stopped:
                    return
                page, width = self._wanted.pop(0)
            try:
                dpi = width * POINTS_PER_INCH / self.pages.sizes[page][0]
                image = self.pages.render(page, dpi)
            except Exception:  # one bad page must not end the preview
                log.exception("cannot render page %d of %s", page, self.pages.path)
                continue
            with self._cond:
                if self._stopped:
                    return
            self.rendered.emit(page, width, image)


class PagesView(QAbstractScrollArea):
    """The pages one under the other, centred, on a grey background.

    ``zoom`` is a factor of the real size (1.0 = 100%: an A4 page is 21 cm wide on a
    screen of the right dpi) or :data:`FIT_WIDTH`. ``current_changed(page)`` (0-based)
    follows the page in view.
    """

    current_changed = Signal(int)
    zoom_changed = Signal(float)

    def __init__(self, pages: PdfPages, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("preview_pages")
        self.pages = pages
        self.zoom = FIT_WIDTH
        self._rects: list[QRect] = []
        self._cache: OrderedDict[int, tuple[int, QImage]] = OrderedDict()
        self._current = 0
        self.renderer = PageRenderer(pages, self)
        self.renderer.rendered.connect(self._rendered)
        self.viewport().setAutoFillBackground(False)
        self.verticalScrollBar().valueChanged.connect(lambda _v: self._scrolled())
        self.horizontalScrollBar().valueChanged.connect(lambda _v: self.viewport().update())
        self._relayout()

    # ---- geometry ----------------------------------------------------------------

    def scale(self, page: int | None = None) -> float:
        """Screen pixels per PDF point of ``page`` (default: the current page) at the
        current zoom; fitting the width fits each page's own width."""
        if not self.pages.sizes:
            return 1.0
        if self.zoom == FIT_WIDTH:
            width = self.pages.sizes[self._current if page is None else page][0]
            available = self.viewport().width() - 2 * GAP
            return max(available, 100) / width
        return self.zoom * self.logicalDpiX() / POINTS_PER_INCH

    def _relayout(self) -> None:
        rects = []
        y = GAP
        widest = 0
        for n, (width, height) in enumerate(self.pages.sizes):
            scale = self.scale(n)
            w, h = round(width * scale), round(height * scale)
            rects.append(QRect(0, y, w, h))
            widest = max(widest, w)
            y += h + GAP
        total_width = widest + 2 * GAP
        for r in rects:  # centred in the wider of the view and the widest page
            r.moveLeft(max(total_width, self.viewport().width()) // 2 - r.width() // 2)
        self._rects = rects
        self.verticalScrollBar().setRange(0, max(0, y - self.viewport().height()))
        self.verticalScrollBar().setPageStep(self.viewport().height())
        self.verticalScrollBar().setSingleStep(40)
        self.horizontalScrollBar().setRange(0, max(0, total_width - self.viewport().width()))
        self.horizontalScrollBar().setPageStep(self.viewport().width())
        self.viewport().update()

    def page_rect(self, page: int) -> QRect:
        """Where page ``page`` is in the whole layout (not the viewport)."""
        return QRect(self._rects[page])

    def _visible(self) -> list[int]:
        top = self.verticalScrollBar().value()
        bottom = top + self.viewport().height()
        return [n for n, r in enumerate(self._rects) if r.bottom() >= top and r.top() <= bottom]

    # ---- navigation and zoom -------------------------------------------------------

    def current_page(self) -> int:
        return self._current

    def go_to(self, page: int) -> None:
        """Scroll so that page ``page`` (0-based) starts at the top."""
        if not self._rects:
            return
        page = max(0, min(page, len(self._rects) - 1))
        self.verticalScrollBar().setValue(self._rects[page].top() - GAP)
        self._set_current(page)

    def set_zoom(self, zoom: float) -> None:
        """A factor of the real size, or :data:`FIT_WIDTH`; keeps the current page in view."""
        page = self._current
        self.zoom = zoom
        self._relayout()
        self.go_to(page)
        self.zoom_changed.emit(zoom)

    def zoom_in(self, steps: int = 1) -> None:
        now = self.scale() * POINTS_PER_INCH / self.logicalDpiX()
        if steps > 0:
            bigger = [z for z in ZOOM_STEPS if z > now + 0.01]
            self.set_zoom(bigger[0] if bigger else ZOOM_STEPS[-1])
        else:
            smaller = [z for z in ZOOM_STEPS if z < now - 0.01]
            self.set_zoom(smaller[-1] if smaller else ZOOM_STEPS[0])

    def _scrolled(self) -> None:
        top = self.verticalScrollBar().value() + self.viewport().height() // 3
        page = next((n for n, r in enumerate(self._rects) if r.bottom() + GAP >= top), 0)
        self._set_current(page)
        self.viewport().update()

    def _set_current(self, page: int) -> None:
        if page != self._current:
            self._current = page
            self.current_changed.emit(page)

    # ---- images ---------------------------------------------------------------------

    def image(self, page: int) -> QImage | None:
        """The rendered image of ``page`` at the current zoom, once it has arrived."""
        entry = self._cache.get(page)
        if entry is None or entry[0] != self._target_width(page):
            return None
        return entry[1]

    def _target_width(self, page: int) -> int:
        return max(1, round(self._rects[page].width() * self.devicePixelRatioF()))

    def _rendered(self, page: int, width: int, image: QImage) -> None:
        self._cache[page] = (width, image)
        self._cache.move_to_end(page)
        while len(self._cache) > CACHE_PAGES:
            self._cache.popitem(last=False)
        self.viewport().update()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self.viewport())
        painter.fillRect(event.rect(), QColor("#7a7a7a"))
        dx, dy = self.horizontalScrollBar().value(), self.verticalScrollBar().value()
        wanted: list[tuple[int, int]] = []
        visible = self._visible()
        for page in visible:
            rect = self._rects[page].translated(-dx, -dy)
            painter.fillRect(rect.translated(3, 3), QColor("#555555"))
            painter.fillRect(rect, Qt.GlobalColor.white)
            entry = self._cache.get(page)
            target = self._target_width(page)
            if entry is not None:
                painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, entry[0] != target)
                painter.drawImage(rect, entry[1])
            if entry is None or entry[0] != target:
                wanted.append((page, target))
                if entry is None:
                    painter.setPen(QColor("#888888"))
                    painter.drawText(rect, Qt.AlignmentFlag.AlignCenter,
                                     self.tr("正在生成第 {0} 页…").format(page + 1))
        if visible:  # the next page too, so paging down finds it ready
            following = visible[-1] + 1
            if following < len(self._rects) and self.image(following) is None:
                wanted.append((following, self._target_width(following)))
        painter.end()
        if wanted:
            wanted.sort(key=lambda item: item[0] != self._current)
            self.renderer.want(wanted)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        page = self._current
        self._relayout()
        if self.zoom == FIT_WIDTH:
            self.go_to(page)

    def wheelEvent(self, event: QWheelEvent) -> None:
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            self.zoom_in(1 if event.angleDelta().y() > 0 else -1)
            event.accept()
            return
        super().wheelEvent(event)

    def shutdown(self) -> None:
        """Stop the renderer thread (before the document is closed)."""
        self.renderer.stop()
        self._cache.clear()


class PreviewDialog(QDialog):
    """Preview of a PDF with 打印 and 另存为.

    ``remove_file``: the PDF is a spooled print (deleted when the dialog closes; 另存为
    keeps a copy). ``note`` is shown under the tool bar (what was printed, the font).
    """

    view: PagesView  # made after the tool bar whose buttons call it

    def __init__(self, path: Path, title: str, parent: QWidget | None = None, *,
                 note: str = "", remove_file: bool = False, suggested_name: str = ""):
        super().__init__(parent)
        self.setObjectName("PrintPreview")
        self.setWindowTitle(self.tr("打印预览 — {0}").format(title))
        self.path = Path(path)
        self.title = title
        self.remove_file = remove_file
        self.suggested_name = suggested_name or self.path.name
        self.pages = PdfPages(self.path)
        self.print_job: Job | None = None
        self.saved_to: Path | None = None
        self._closed = False
        self._build(note)
        screen = self.screen().availableGeometry() if self.screen() else None
        width, height = 900, 760
        if screen is not None:
            width, height = min(width, screen.width() - 40), min(height, screen.height() - 60)
        self.resize(width, height)

    def _build(self, note: str) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        bar = FlowLayout()
        self.print_button = self._button(bar, "print", self.tr("打印…"), self.print_dialog)
        self.print_button.setToolTip(self.tr("打印（Ctrl+P）"))
        self.save_button = self._button(bar, "save_as", self.tr("另存为…"), lambda: self.save_as())
        self.save_button.setToolTip(self.tr("另存为 PDF 文件（Ctrl+S）"))
        self.fit_button = self._button(bar, "fit_width", self.tr("适合宽度"),
                                       lambda: self.view.set_zoom(FIT_WIDTH))
        self.actual_button = self._button(bar, "actual_size", self.tr("100%"),
                                          lambda: self.view.set_zoom(1.0))
        for key, text, tip, step in (("zoom_out", "−", self.tr("缩小"), -1),
                                     ("zoom_in", "+", self.tr("放大"), 1)):
            button = self._button(bar, key, text, lambda _c=False, s=step: self.view.zoom_in(s))
            button.setToolTip(tip)
            button.setFixedWidth(button.fontMetrics().horizontalAdvance("M") * 3)
        self.prev_button = self._button(bar, "previous", self.tr("上一页"),
                                        lambda: self.view.go_to(self.view.current_page() - 1))
        page_box = QWidget(self)
        row = QHBoxLayout(page_box)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(QLabel(self.tr("第"), page_box))
        self.page_spin = QSpinBox(page_box)
        self.page_spin.setObjectName("page_number")
        self.page_spin.setRange(1, max(self.pages.page_count, 1))
        self.page_spin.setKeyboardTracking(False)
        self.page_spin.valueChanged.connect(lambda n: self.view.go_to(n - 1))
        row.addWidget(self.page_spin)
        self.page_total = QLabel(self.tr("页，共 {0} 页").format(self.pages.page_count), page_box)
        self.page_total.setObjectName("page_total")
        row.addWidget(self.page_total)
        bar.addWidget(page_box)
        self.next_button = self._button(bar, "next", self.tr("下一页"),
                                        lambda: self.view.go_to(self.view.current_page() + 1))
        layout.addLayout(bar)
        self.note = QLabel(note, self)
        self.note.setObjectName("preview_note")
        self.note.setWordWrap(True)
        self.note.setVisible(bool(note))
        layout.addWidget(self.note)
        self.view = PagesView(self.pages, self)
        self.view.current_changed.connect(self._page_changed)
        layout.addWidget(self.view, 1)
        bottom = QHBoxLayout()
        self.status = QLabel(self)
        self.status.setObjectName("preview_status")
        bottom.addWidget(self.status, 1)
        close = QPushButton(self.tr("关闭"), self)
        close.setObjectName("close")
        close.setAutoDefault(False)
        close.clicked.connect(self.reject)
        bottom.addWidget(close)
        layout.addLayout(bottom)
        QShortcut(QKeySequence.StandardKey.Print, self).activated.connect(self.print_dialog)
        QShortcut(QKeySequence.StandardKey.Save, self).activated.connect(lambda: self.save_as())
        QShortcut(QKeySequence.StandardKey.ZoomIn, self).activated.connect(lambda: self.view.zoom_in(1))
        QShortcut(QKeySequence.StandardKey.ZoomOut, self).activated.connect(lambda: self.view.zoom_in(-1))
        self._page_changed(0)

    def _button(self, bar: FlowLayout, key: str, text: str, slot: Any) -> QPushButton:
        button = QPushButton(text, self)
        button.setObjectName(key)
        button.setAutoDefault(False)
        button.clicked.connect(slot)
        bar.addWidget(button)
        return button

    def _page_changed(self, page: int) -> None:
        self.page_spin.blockSignals(True)
        self.page_spin.setValue(page + 1)
        self.page_spin.blockSignals(False)
        self.prev_button.setEnabled(page > 0)
        self.next_button.setEnabled(page + 1 < self.pages.page_count)

    @property
    def page_count(self) -> int:
        return self.pages.page_count

    # ---- save as ------------------------------------------------------------------

    def save_as(self, target: Path | None = None) -> Path | None:
        """Copy the PDF to ``target`` (asked with a file dialog when None); returns where."""
        if target is None:
            start = str(Path.home() / self.suggested_name)
            chosen, _filter = QFileDialog.getSaveFileName(self, self.tr("另存为"), start,
                                                          self.tr("PDF 文件 (*.pdf)"))
            if not chosen:
                return None
            target = Path(chosen)
            if target.suffix.lower() != ".pdf":
                target = target.with_name(target.name + ".pdf")
        try:
            shutil.copyfile(self.path, target)
        except OSError as e:
            QMessageBox.warning(self, self.tr("另存为"),
                                self.tr("无法保存到 {0}：{1}").format(target, e.strerror or e))
            return None
        self.saved_to = target
        self.status.setText(self.tr("已保存到 {0}").format(target))
        return target

    # ---- printing -------------------------------------------------------------------

    def make_printer(self) -> QPrinter:
        """A high-resolution A4 printer named after the document."""
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(self.title)
        printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
        return printer

    def print_dialog(self) -> Job | None:
        """Ask for the printer, pages and copies (QPrintDialog), then print."""
        if self.print_job is not None:
            return None
        printer = self.make_printer()
        dialog = QPrintDialog(printer, self)
        dialog.setWindowTitle(self.tr("打印"))
        dialog.setOption(QAbstractPrintDialog.PrintDialogOption.PrintPageRange, True)
        dialog.setOption(QAbstractPrintDialog.PrintDialogOption.PrintCurrentPage, True)
        dialog.setMinMax(1, max(self.pages.page_count, 1))
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return self.print_to(printer)

    def print_to(self, printer: QPrinter) -> Job | None:
        """Print the pages the printer's range names on ``printer``, on a worker thread."""
        if self.print_job is not None:
            return None
        indexes = pages_to_print(printer, self.pages.page_count, self.view.current_page())
        path = self.path

        def job(progress: Any, cancelled: Any) -> int:
            with PdfPages(path) as pages:  # its own handle: the preview keeps rendering
                return print_pages(pages, printer, indexes, progress=progress, cancelled=cancelled)

        self.print_button.setEnabled(False)
        self.status.setText(self.tr("正在打印…"))
        self.print_job = run_job(self, self.tr("正在打印"), job, self._printed, self._print_failed)
        self._printer = printer  # kept alive until the job ends
        return self.print_job

    def _printed(self, sheets: int) -> None:
        self.print_job = None
        self.print_button.setEnabled(True)
        self.status.setText(self.tr("已发送 {0} 页到打印机。").format(sheets))

    def _print_failed(self, error: BaseException) -> None:
        self.print_job = None
        self.print_button.setEnabled(True)
        if isinstance(error, Cancelled):
            self.status.setText(self.tr("已取消打印。"))
            return
        from ui.editors.record_editor import exception_message

        self.status.setText(self.tr("打印失败。"))
        QMessageBox.warning(self, self.tr("打印"), self.tr("打印失败：") + "\n"
                            + exception_message(error if isinstance(error, Exception) else Exception(error)))

    # ---- closing --------------------------------------------------------------------

    def done(self, result: int) -> None:
        if self.print_job is not None:
            self.print_job.cancel.set()
            self.print_job.wait()
        self._release()
        super().done(result)

    def _release(self) -> None:
        if self._closed:
            return
        self._closed = True
        self.view.shutdown()
        self.pages.close()
        if self.remove_file:
            try:
                self.path.unlink(missing_ok=True)
            except OSError as e:  # still open elsewhere (Windows): the spool is swept later
                log.info("cannot remove the spooled print %s: %s", self.path, e)

    def closeEvent(self, event: Any) -> None:
        self._release()
        super().closeEvent(event)
