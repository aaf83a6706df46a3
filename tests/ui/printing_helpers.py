"""Shared helpers of the printing tests: a small PDF with Chinese text, and reading pages."""

from __future__ import annotations

from pathlib import Path

from reportlab.lib.pagesizes import A4, landscape
from reportlab.pdfgen import canvas

from desktop.forms import PrintRequest, PrintResult


def make_pdf(path: Path, portrait: int = 2, landscape_pages: int = 1) -> Path:
    """``portrait`` A4 pages then ``landscape_pages`` landscape ones, each with its number
    in large black text, a frame and a black box."""
    c = canvas.Canvas(str(path), pagesize=A4)
    for n in range(portrait + landscape_pages):
        size = A4 if n < portrait else landscape(A4)
        c.setPageSize(size)
        c.setLineWidth(3)
        c.rect(40, 40, size[0] - 80, size[1] - 80)
        c.rect(80, 80, 150, 150, stroke=0, fill=1)  # a black box: about 4% of the page
        c.setFont("Helvetica-Bold", 48)
        c.drawString(80, size[1] - 140, f"Page {n + 1}")
        c.showPage()
    c.save()
    return path


def page_sizes(path: Path) -> list[tuple[float, float]]:
    """The page sizes (points) of a PDF, read with PDFium."""
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(str(path))
    try:
        return [tuple(doc.get_page_size(i)) for i in range(len(doc))]
    finally:
        doc.close()


def dark_fraction(image) -> float:
    """The share of dark pixels on a 40×40 grid over a QImage (0: blank white)."""
    dark = 0
    samples = 0
    for i in range(40):
        for j in range(40):
            x = image.width() * (i + 0.5) / 40
            y = image.height() * (j + 0.5) / 40
            samples += 1
            if image.pixelColor(int(x), int(y)).lightness() < 128:
                dark += 1
    return dark / samples


class FakeRender:
    """Stands in for desktop.forms.render: remembers each request, writes a small PDF with
    progress per "form", stops on cancel without leaving a file."""

    def __init__(self, forms: int = 3):
        self.requests: list[PrintRequest] = []
        self.forms = forms

    def __call__(self, ledger, request, out, *, progress=None, cancelled=None):
        from desktop.jobs import check_cancel

        self.requests.append(request)
        for n in range(self.forms):
            if cancelled is not None:
                check_cancel(cancelled)
            if progress is not None:
                progress(n + 1, self.forms)
        make_pdf(Path(out), portrait=self.forms, landscape_pages=0)
        return PrintResult(Path(out), self.forms, self.forms, (), "WenQuanYi Micro Hei")
