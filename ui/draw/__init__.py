"""The 随机抽取 dialog of a random-inspection plan (双随机), see :mod:`desktop.draw`."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QMessageBox

if TYPE_CHECKING:
    from ui.draw.dialog import DrawDialog
    from ui.pages.register_page import RegisterPage

__all__ = ["open_draw_dialog"]


def open_draw_dialog(page: RegisterPage) -> DrawDialog | None:
    """随机抽取 on the plan register page: the dialog for the selected plan (a message when
    none is selected). Entering an inspection result goes through the page's undo stack."""
    from ui.draw.dialog import DrawDialog

    plan_id = page.current_id()
    if plan_id is None:
        QMessageBox.information(page, QCoreApplication.translate("DrawDialog", "随机抽取"),
                                QCoreApplication.translate("DrawDialog", "请先在列表中选择一个抽查计划。"))
        return None
    dialog = DrawDialog(page.ledger, plan_id, undo=page.undo, parent=page)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.changed.connect(page.refresh)
    dialog.open()
    return dialog
