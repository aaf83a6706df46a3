"""The streaming PDF writer of the printed forms (desktop.forms.pdfjoin): whole PDFs appended to
one file, objects renumbered, one page tree, stream bytes copied untouched."""

from __future__ import annotations

import io
import shutil
import subprocess
from pathlib import Path

import pypdfium2
import pytest
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas

from desktop.forms.pdfjoin import (
    Name,
    PdfJoin,
    PdfJoinError,
    PdfObject,
    Raw,
    Ref,
    parse_object,
    serialize,
)


def _handmade(objects: dict[int, bytes], root: int, *, stream_of: dict[int, bytes] | None = None) -> bytes:
    """A classic PDF of ``objects`` (number → dictionary text), with a correct xref table."""
    out = bytearray(b"%PDF-1.4\n")
    offsets: dict[int, int] = {}
    for num in sorted(objects):
        offsets[num] = len(out)
        out += b"%d 0 obj\n%s\n" % (num, objects[num])
        if stream_of and num in stream_of:
            out += b"stream\r\n" + stream_of[num] + b"\r\nendstream\n"
        out += b"endobj\n"
    xref = len(out)
    size = max(objects) + 1
    out += b"xref\n0 %d\n0000000000 65535 f \n" % size
    for num in range(1, size):
        out += (b"%010d 00000 n \n" % offsets[num]) if num in offsets else b"0000000000 65535 f \n"
    out += b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (size, root, xref)
    return bytes(out)


def _reportlab(text: str, *, compress: int = 1) -> bytes:
    buf = io.BytesIO()
    c = Canvas(buf, pagesize=A4, pageCompression=compress)
    c.setTitle("one")
    c.drawString(72, 720, text)
    c.showPage()
    c.save()
    return buf.getvalue()


def _join(path: Path, *docs: bytes) -> Path:
    with open(path, "wb") as fh:
        join = PdfJoin(fh)
        for doc in docs:
            join.append(doc)
        join.close()
    return path


def _texts(path: Path) -> list[str]:
    pdf = pypdfium2.PdfDocument(path)
    try:
        return [page.get_textpage().get_text_range() for page in pdf]
    finally:
        pdf.close()


def test_objects_parse_and_write_back() -> None:
    obj = parse_object(b"<< /A [ 1 0 R 2 3 ] /B (x \\) (y) z) % note\n /C <00Ff> /D << /E /F#20G "
                       b"/N null /T true >> /K [ ] /R 12 0 R >>")
    assert isinstance(obj, dict)
    assert obj[Name(b"/A")] == [Ref(1), Raw(b"2"), Raw(b"3")]
    assert obj[Name(b"/B")] == Raw(b"(x \\) (y) z)")  # nested and escaped parentheses
    assert obj[Name(b"/C")] == Raw(b"<00Ff>")
    assert obj[Name(b"/R")] == Ref(12)
    written = serialize(obj, {1: 7, 12: 9})
    assert b"7 0 R" in written and b"9 0 R" in written and b"1 0 R" not in written
    renumbered: list[PdfObject] = [Ref(7), Raw(b"2"), Raw(b"3")]
    assert parse_object(written) == {**obj, Name(b"/A"): renumbered, Name(b"/R"): Ref(9)}


def test_stream_bytes_are_copied_untouched(tmp_path: Path) -> None:
    # an uncompressed page whose text looks like PDF syntax: references, endobj, dictionaries
    tricky = "1 0 R endobj << /Parent 9 0 R >> stream endstream"
    first, second = _reportlab(tricky, compress=0), _reportlab("second page 2 0 R")
    out = _join(tmp_path / "joined.pdf", first, second, first)
    assert _texts(out) == [tricky, "second page 2 0 R", tricky]
    data = out.read_bytes()
    start = first.index(b"stream\n") + len(b"stream\n")  # reportlab's page stream, as written
    content = first[start:first.index(b"endstream", start)]
    assert b"9 0 R" in content and data.count(content.rstrip()) == 2


def test_one_page_tree_with_inherited_attributes(tmp_path: Path) -> None:
    # a nested page tree whose inner node gives its pages their size
    nested = _handmade({
        1: b"<< /Type /Catalog /Pages 2 0 R >>",
        2: b"<< /Type /Pages /Kids [ 3 0 R ] /Count 2 >>",
        3: b"<< /Type /Pages /Parent 2 0 R /Kids [ 4 0 R 5 0 R ] /Count 2 /MediaBox [ 0 0 200 300 ] >>",
        4: b"<< /Type /Page /Parent 3 0 R /Contents 6 0 R >>",
        5: b"<< /Type /Page /Parent 3 0 R >>",
        6: b"<< /Length 0 >>",
    }, root=1, stream_of={6: b""})
    out = _join(tmp_path / "tree.pdf", _reportlab("A4 first"), nested)
    pdf = pypdfium2.PdfDocument(out)
    try:
        sizes = [tuple(round(v) for v in page.get_size()) for page in pdf]
    finally:
        pdf.close()
    assert sizes == [(595, 842), (200, 300), (200, 300)]
    assert out.read_bytes().count(b"/Type /Pages") == 1, "one page tree"
    if shutil.which("qpdf"):
        done = subprocess.run(["qpdf", "--check", str(out)], check=False,
                              capture_output=True, text=True)
        assert done.returncode == 0, done.stdout + done.stderr


def test_the_first_documents_information_is_kept(tmp_path: Path) -> None:
    out = _join(tmp_path / "info.pdf", _reportlab("a"), _reportlab("b"))
    pdf = pypdfium2.PdfDocument(out)
    try:
        assert pdf.get_metadata_dict()["Title"] == "one"
        assert len(pdf) == 2
    finally:
        pdf.close()


@pytest.mark.parametrize("data, what", [
    (b"hello", "not a PDF"),
    (b"%PDF-1.5\n1 0 obj\n<< /Type /XRef >>\nstream\n\nendstream\nendobj\nstartxref\n9\n%%EOF",
     "no classic xref table"),
    (_handmade({1: b"<< /Type /Catalog /Pages 2 0 R >>", 2: b"<< /Type /Pages /Count 0 >>"},
               root=1), "has no /Kids"),
    (_handmade({1: b"<< /Type /Catalog /Pages 2 0 R >>", 2: b"<< /Type /Pages /Kids [ 3 0 R ] >>",
                3: b"<< /Type /Page /Parent 2 0 R /Contents 9 0 R >>"}, root=1),
     "which the document lacks"),
    (_handmade({1: b"<< /Type /Catalog /Pages 2 0 R >>", 2: b"<< /Type /Pages /Kids [ 3 0 R ] >>",
                3: b"<< /Type /Page /Parent 2 0 R /Contents 4 0 R >>", 4: b"<< /Length 99 >>"},
               root=1, stream_of={4: b"short"}), "does not end at its /Length"),
], ids=["not-pdf", "xref-stream", "no-kids", "dangling-ref", "bad-length"])
def test_what_it_cannot_copy_is_refused(tmp_path: Path, data: bytes, what: str) -> None:
    with open(tmp_path / "x.pdf", "wb") as fh, pytest.raises(PdfJoinError, match=what):
        PdfJoin(fh).append(data)


def test_a_later_pdf_version_is_said_in_the_catalog(tmp_path: Path) -> None:
    newer = _handmade({1: b"<< /Type /Catalog /Pages 2 0 R >>",
                       2: b"<< /Type /Pages /Kids [ 3 0 R ] /Count 1 >>",
                       3: b"<< /Type /Page /Parent 2 0 R /MediaBox [ 0 0 100 100 ] >>"},
                      root=1).replace(b"%PDF-1.4", b"%PDF-1.7", 1)
    out = _join(tmp_path / "v.pdf", _reportlab("1.3"), newer)
    assert b"/Version /1.7" in out.read_bytes()
    assert b"/Version" not in _join(tmp_path / "w.pdf", _reportlab("1.3")).read_bytes()


def test_nothing_appended_is_refused(tmp_path: Path) -> None:
    with open(tmp_path / "x.pdf", "wb") as fh, pytest.raises(PdfJoinError, match="nothing"):
        PdfJoin(fh).close()
