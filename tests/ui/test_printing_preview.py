"""The print preview: pages of a PDF rendered off the GUI thread, zoom, navigation,
另存为, and printing on a QPrinter (a PDF-file printer here)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtPrintSupport import QPrinter

from tests.ui.printing_helpers import dark_fraction, make_pdf, page_sizes
from ui.printing.preview import FIT_WIDTH, GAP, PreviewDialog

A4_W, A4_H = 595.3, 841.9


@pytest.fixture
def preview(qtbot, tmp_path: Path) -> PreviewDialog:
    pdf = make_pdf(tmp_path / "sample.pdf")
    dialog = PreviewDialog(pdf, "样张", note="共 3 页")
    qtbot.addWidget(dialog)
    dialog.resize(1024, 700)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def test_preview_shows_every_page_rendered(preview: PreviewDialog, qtbot) -> None:
    assert preview.page_count == 3
    assert "3" in preview.page_total.text()
    qtbot.waitUntil(lambda: preview.view.image(0) is not None, timeout=10_000)
    image = preview.view.image(0)
    assert image.width() == preview.view.page_rect(0).width()  # rendered for the zoom shown
    assert dark_fraction(image) > 0.02  # the frame and the text, not a blank page


def test_navigation_goes_to_a_page_and_renders_it(preview: PreviewDialog, qtbot) -> None:
    assert not preview.prev_button.isEnabled()
    preview.next_button.click()
    assert preview.view.current_page() == 1
    assert preview.page_spin.value() == 2
    preview.page_spin.setValue(3)
    assert preview.view.current_page() == 2
    assert not preview.next_button.isEnabled()
    qtbot.waitUntil(lambda: preview.view.image(2) is not None, timeout=10_000)
    landscape = preview.view.image(2)
    assert landscape.width() > landscape.height()


def test_fit_width_and_actual_size(preview: PreviewDialog) -> None:
    view = preview.view
    assert view.zoom == FIT_WIDTH
    assert view.page_rect(0).width() == view.viewport().width() - 2 * GAP
    preview.actual_button.click()
    assert view.zoom == 1.0
    assert view.page_rect(0).width() == round(A4_W * view.logicalDpiX() / 72)
    preview.fit_button.click()
    assert view.page_rect(0).width() == view.viewport().width() - 2 * GAP


def test_save_as_writes_the_pdf(preview: PreviewDialog, tmp_path: Path) -> None:
    target = tmp_path / "out" / "copy.pdf"
    target.parent.mkdir()
    assert preview.save_as(target) == target
    assert target.read_bytes() == preview.path.read_bytes()
    assert "copy.pdf" in preview.status.text()


def test_save_as_to_an_unwritable_place_says_so(preview: PreviewDialog, tmp_path: Path,
                                               monkeypatch) -> None:
    from PySide6.QtWidgets import QMessageBox

    said: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text, *a: said.append(text))
    assert preview.save_as(tmp_path / "missing-folder" / "x.pdf") is None
    assert said and "missing-folder" in said[0]


def _pdf_printer(path: Path) -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    return printer


def test_printing_makes_one_a4_sheet_per_page_landscape_kept(preview: PreviewDialog, qtbot,
                                                             tmp_path: Path) -> None:
    out = tmp_path / "printed.pdf"
    job = preview.print_to(_pdf_printer(out))
    assert job is not None
    qtbot.waitUntil(lambda: preview.print_job is None, timeout=30_000)
    sizes = page_sizes(out)
    assert len(sizes) == 3
    for w, h in sizes[:2]:
        assert abs(w - A4_W) < 2 and abs(h - A4_H) < 2
    w, h = sizes[2]
    assert abs(w - A4_H) < 2 and abs(h - A4_W) < 2  # the landscape page on a landscape sheet
    assert "3" in preview.status.text()


def test_printing_a_page_range(preview: PreviewDialog, qtbot, tmp_path: Path) -> None:
    out = tmp_path / "range.pdf"
    printer = _pdf_printer(out)
    printer.setPrintRange(QPrinter.PrintRange.PageRange)
    printer.setFromTo(2, 3)
    preview.print_to(printer)
    qtbot.waitUntil(lambda: preview.print_job is None, timeout=30_000)
    sizes = page_sizes(out)
    assert len(sizes) == 2
    assert sizes[1][0] > sizes[1][1]


def test_printed_page_holds_the_page_content(preview: PreviewDialog, qtbot, tmp_path: Path) -> None:
    from ui.printing.pdf import PdfPages

    out = tmp_path / "printed.pdf"
    preview.print_to(_pdf_printer(out))
    qtbot.waitUntil(lambda: preview.print_job is None, timeout=30_000)
    with PdfPages(out) as printed, PdfPages(preview.path) as original:
        a = printed.render(0, 30)
        b = original.render(0, 30)
    assert dark_fraction(a) > 0.02
    assert abs(dark_fraction(a) - dark_fraction(b)) < 0.01  # the same page, not shifted or scaled


def test_a_spooled_print_is_removed_when_the_preview_closes(qtbot, tmp_path: Path) -> None:
    pdf = make_pdf(tmp_path / "spooled.pdf")
    dialog = PreviewDialog(pdf, "x", remove_file=True)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.reject()
    assert not pdf.exists()
