"""Asking where to save an export (Excel or PDF), the same way on every page."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFileDialog, QWidget

__all__ = ["ask_save_path"]


def ask_save_path(parent: QWidget, title: str, name: str, suffix: str) -> Path | None:
    """The file the clerk picks for ``name`` (suggested in the home folder); ``suffix`` is
    ``xlsx`` or ``pdf`` and is added when the clerk leaves it off. None: cancelled."""
    if suffix == "xlsx":
        filters = QCoreApplication.translate("SaveDialog", "Excel 文件 (*.xlsx)")
    else:
        filters = QCoreApplication.translate("SaveDialog", "PDF 文件 (*.pdf)")
    chosen, _f = QFileDialog.getSaveFileName(parent, title, str(Path.home() / name), filters)
    if not chosen:
        return None
    target = Path(chosen)
    if target.suffix.lower() != f".{suffix}":
        target = target.with_name(f"{target.name}.{suffix}")
    return target
