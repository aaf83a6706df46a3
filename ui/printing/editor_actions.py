"""The record editor's 打印 button: the saved record's filled form, previewed."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QPushButton

from ui.operations import Job
from ui.printing.requests import record_request
from ui.printing.run import print_request

if TYPE_CHECKING:
    from ui.editors.record_editor import RecordEditor

__all__ = ["print_button", "print_record"]



def print_button(editor: RecordEditor) -> QPushButton:
    """A 打印 button for ``editor`` (shown for a stored record only)."""
    button = QPushButton(QCoreApplication.translate("Printing", "打印"), editor)
    button.setObjectName("print_button")
    button.setToolTip(QCoreApplication.translate("Printing", "打印此记录的表（已保存的内容），先预览"))
    button.setAutoDefault(False)
    button.setVisible(editor.record is not None)
    button.clicked.connect(lambda: print_record(editor))
    return button


def print_record(editor: RecordEditor) -> Job | None:
    """Print the editor's record as stored (unsaved edits are not on the paper)."""
    if editor.record is None:
        return None
    request = record_request(editor.kind.key, editor.record.id)
    job = print_request(editor, editor.ledger, request)
    editor.print_job = job  # type: ignore[attr-defined]  # an attribute set at run time
    return job
