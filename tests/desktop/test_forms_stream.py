"""Printed forms are streamed to the file in batches (desktop.forms.sheet + pdfjoin): the file of
many batches reads exactly as the one reportlab canvas of the same forms, and is a valid PDF."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pypdfium2
import pytest

from db import forms as db_forms
from desktop.forms import PrintRequest, pdfjoin, render, sheet
from desktop.jobs import Cancelled


def _page_texts(path: Path) -> list[str]:
    """pdftotext of every page, the print time (minute resolution) left out."""
    raw = subprocess.run(["pdftotext", "-raw", "-enc", "UTF-8", str(path), "-"], check=True,
                         capture_output=True, text=True).stdout
    pages = raw.split("\f")
    if pages and not pages[-1].strip():
        pages.pop()
    return [re.sub(r"打印时间：\S+ \S+", "", p) for p in pages]


@pytest.fixture
def surveys(make) -> list[str]:
    """Eight resources, some with text long enough for continuation pages."""
    ids = []
    for n in range(8):
        history = f"第{n}号资源的历史渊源，据县志记载，年平均气温13.5℃。" * (40 * (n % 3) + 1)
        ids.append(make.add("resource", name=f"测试资源{n}", history=history,
                            category="processed_food").id)
    return ids


def _one_canvas(ledger, request: PrintRequest, out: Path,
                monkeypatch: pytest.MonkeyPatch) -> Path:
    """The same forms drawn onto one reportlab canvas, as reportlab saved it."""
    saved: list[bytes] = []
    real = pdfjoin.PdfJoin.append

    def keep(self: pdfjoin.PdfJoin, data: bytes) -> int:
        saved.append(data)
        return real(self, data)

    with monkeypatch.context() as m:
        m.setattr(sheet, "BATCH_FORMS", 10_000)
        m.setattr(pdfjoin.PdfJoin, "append", keep)
        render(ledger, request, out)
    assert len(saved) == 1
    out.write_bytes(saved[0])
    return out


def test_many_batches_read_as_the_one_canvas(ledger, surveys, pdf, tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    request = PrintRequest("survey", ids=tuple(surveys))
    plain = _one_canvas(ledger, request, tmp_path / "plain.pdf", monkeypatch)
    monkeypatch.setattr(sheet, "BATCH_FORMS", 3)  # 8 forms: batches of 3, 3 and 2
    out = tmp_path / "streamed.pdf"
    result = render(ledger, request, out)

    doc = pypdfium2.PdfDocument(out)
    try:
        assert len(doc) == result.pages
    finally:
        doc.close()
    assert pdf.pages(out) == result.pages == pdf.pages(plain)
    streamed, single = _page_texts(out), _page_texts(plain)
    assert streamed == single  # every page: first, middle and last forms alike
    assert result.pages > len(surveys), "some forms have continuation pages"
    # 第 x 页 共 y 页 counts the pages of each form, across the batches too
    firsts = [i for i, text in enumerate(streamed) if "第 1 页" in text]
    assert len(firsts) == len(surveys)
    for start, end, rid in zip(firsts, [*firsts[1:], len(streamed)], surveys, strict=True):
        total = end - start
        for n in range(total):
            assert f"第 {n + 1} 页 共 {total} 页" in streamed[start + n]
            assert f"编号：{rid}" in streamed[start + n]
    # each batch embeds its own font subsets, under names unique in the file
    fonts = pdf.fonts(out)
    assert all(emb == "yes" for _name, emb in fonts)
    assert len({name for name, _emb in fonts}) == len(fonts)
    tags = {name.split("+")[0] for name, _emb in fonts if "+" in name}
    assert len(tags) >= 3, "three batches, three sets of subsets"
    if shutil.which("qpdf"):
        done = subprocess.run(["qpdf", "--check", str(out)], check=False,
                              capture_output=True, text=True)
        assert done.returncode == 0, done.stdout + done.stderr


def test_qr_codes_of_every_batch_decode(ledger, surveys, pdf, tmp_path: Path,
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sheet, "BATCH_FORMS", 3)
    out = tmp_path / "streamed.pdf"
    render(ledger, PrintRequest("survey", ids=tuple(surveys)), out)
    texts = _page_texts(out)
    firsts = [i for i, text in enumerate(texts) if "第 1 页" in text]
    for form in (0, 4, 7):  # in the first, second and last batch
        assert pdf.qr(out, firsts[form] + 1) == [surveys[form]]
    assert pdf.qr(out, len(texts)) == [surveys[-1]]  # the last page of the last form


def test_cancel_after_batches_were_written_leaves_no_file(ledger, tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sheet, "BATCH_FORMS", 2)
    folder = tmp_path / "out"
    folder.mkdir()
    seen: list[int] = []
    part_seen: list[bool] = []

    def progress(done: int, total: int) -> None:
        seen.append(done)
        part_seen.append((folder / f"cancelled.pdf.{os.getpid()}.part").exists())

    with pytest.raises(Cancelled):
        render(ledger, PrintRequest("survey-blank", copies=9), folder / "cancelled.pdf",
               progress=progress, cancelled=lambda: len(seen) >= 6)
    assert any(part_seen), "batches had been written to the .part file"
    assert not list(folder.iterdir()), "no file, no .part left"
    batch = db_forms.get_serial(ledger.db, "PB-130125-2026-000001")
    assert batch is not None and batch.status == "cancelled"


def test_progress_counts_every_form_over_the_batches(ledger, surveys, tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sheet, "BATCH_FORMS", 3)
    seen: list[tuple[int, int]] = []
    result = render(ledger, PrintRequest("survey", ids=tuple(surveys)), tmp_path / "p.pdf",
                    progress=lambda done, total: seen.append((done, total)))
    assert seen == [(n, 8) for n in range(9)] and result.forms == 8
    assert not list(tmp_path.glob("p.pdf*.part"))
