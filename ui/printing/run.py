"""Running a print: :func:`desktop.forms.render` on a worker thread (progress, cancel),
then the preview.

The worker opens its own connection to the database (SQLite connections belong to their
thread) as the same clerk, so the serials of blank forms are recorded as printed by them.
The PDF is spooled into :func:`spool_dir` and removed when the preview closes (另存为 keeps
a copy); a cancelled print leaves no file (``render`` removes its partial file).
"""

from __future__ import annotations

import logging
import tempfile
import time
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from desktop import forms
from desktop.fields import FieldError, ValidationFailed
from desktop.jobs import Cancelled
from desktop.ledger import Ledger
from ui.editors import i18n
from ui.operations import Job, run_job

__all__ = ["print_request", "spool_dir", "form_title", "error_text", "SPOOL_MAX_AGE_S"]

log = logging.getLogger(__name__)

SPOOL_MAX_AGE_S = 24 * 3600
"""Spooled prints older than this (left by a crash) are swept when the next one starts."""



def spool_dir() -> Path:
    """Where prints are written before the preview shows them (created if missing)."""
    path = Path(tempfile.gettempdir()) / "giledger-print"
    path.mkdir(parents=True, exist_ok=True)
    return path


def _sweep(folder: Path) -> None:
    cutoff = time.time() - SPOOL_MAX_AGE_S
    for old in folder.glob("*.pdf"):
        try:
            if old.stat().st_mtime < cutoff:
                old.unlink()
        except OSError:
            pass


def form_title(form: str, *, capital: bool = True) -> str:
    """A form's title in the window's language (English with a capital unless ``capital``
    is false, for use inside a sentence)."""
    zh, en = forms.FORM_TITLES.get(form, (form, form))
    if i18n.language() != "en":
        return zh
    return en[:1].upper() + en[1:] if capital else en


def error_text(error: BaseException) -> str:
    """What a refused print says, in the window's language (core messages are
    ``中文\\nEnglish``; field problems name the field)."""
    if isinstance(error, ValidationFailed):
        return "\n".join(error_text(e) for e in error.errors)
    if isinstance(error, FieldError):
        return f"{i18n.error_label(error)}：{i18n.reason_text(error.reason)}"
    text = str(error).strip("'\"")
    zh, _, en = text.partition("\n")
    return en if en and i18n.language() == "en" else zh


def _note(result: forms.PrintResult) -> str:
    parts = [QCoreApplication.translate("Printing", "共 {0} 页，{1} 份表").format(
        result.pages, result.forms)]
    if result.serials:
        first, last = result.serials[0], result.serials[-1]
        serials = first if first == last else f"{first} … {last}"
        parts.append(QCoreApplication.translate("Printing", "表单编号 {0}").format(serials))
    if "fallback" in result.font.lower() or "STSong" in result.font:
        parts.append(QCoreApplication.translate(
            "Printing", "未找到 TrueType 中文字体，使用 STSong-Light（不嵌入，可在“设置”中选择字体文件）"))
    else:
        parts.append(QCoreApplication.translate("Printing", "字体：{0}").format(result.font))
    return ("; " if i18n.language() == "en" else "；").join(parts)


def print_request(parent: QWidget | None, ledger: Ledger, request: forms.PrintRequest, *,
                  title: str | None = None,
                  on_preview: Callable[[Any], None] | None = None) -> Job | None:
    """Render ``request`` off the GUI thread with a progress dialog that can cancel, then
    open the preview (set as ``job.preview`` once shown; ``on_preview(dialog)`` too).

    A refusal (nothing to print, a bad filter) is shown in a message box; a cancel just
    ends the job. Returns the job, or None when it ran at once (a ledger without a file).
    """
    from ui.printing.preview import PreviewDialog

    title = title or form_title(request.form)
    folder = spool_dir()
    _sweep(folder)
    stamp = time.strftime("%Y%m%d-%H%M%S")
    out = folder / f"{request.form}-{stamp}-{uuid.uuid4().hex[:6]}.pdf"
    path = ledger.path
    clerk = ledger.actor.clerk
    holder: dict[str, Job] = {}

    def work(progress: Any, cancelled: Any) -> forms.PrintResult:
        assert path is not None
        with Ledger.open(path, clerk=clerk) as worker:
            return forms.render(worker, request, out, progress=progress, cancelled=cancelled)

    def done(result: forms.PrintResult) -> None:
        dialog = PreviewDialog(result.path, title, parent, note=_note(result), remove_file=True,
                               suggested_name=f"{request.form}-{stamp}.pdf")
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)  # prints do not pile up
        dialog.show()
        if "job" in holder:
            holder["job"].preview = dialog  # type: ignore[attr-defined]  # an attribute set at run time
        if on_preview is not None:
            on_preview(dialog)

    def failed(error: BaseException) -> None:
        if isinstance(error, Cancelled):
            log.info("print of %s cancelled", request.form)
            return
        if not isinstance(error, (forms.NothingToPrint, FieldError, ValidationFailed)):
            log.error("print of %s failed: %r", request.form, error)
        QMessageBox.warning(parent, title,
                            QCoreApplication.translate("Printing", "无法打印：") + "\n" + error_text(error))

    if path is None:
        try:
            done(forms.render(ledger, request, out))
        except Exception as e:  # noqa: BLE001 - shown to the clerk like a worker's error
            failed(e)
        return None
    job = run_job(parent, QCoreApplication.translate("Printing", "正在生成{0}").format(title),
                  work, done, failed)
    holder["job"] = job
    return job
