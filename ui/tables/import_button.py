"""The 导入表格… button of a register page (its one hook in :mod:`ui.pages.register_page`)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QLayout, QPushButton

from ui.tables.import_wizard import ImportWizard

if TYPE_CHECKING:
    from ui.pages.register_page import RegisterPage

__all__ = ["add_import_button", "changed"]


def changed(page: RegisterPage) -> None:
    """After an import: the page shows the new records at once, and every other page (the
    dashboard, registers that refer to them) is told the ledger changed, as after an edit
    (the window listens to the page's undo stack's ``changed``: the page in front reloads,
    the rest when they are shown)."""
    page.refresh()
    page.undo.changed.emit()


def add_import_button(page: RegisterPage, actions: QLayout) -> QPushButton | None:
    """导入表格 on a register page: opens the wizard for the page's register; the page
    refreshes after an import. None (no button) on a register this office's level does not keep
    (a city's page of its counties' mark users: their records come in their packets)."""
    if page.ledger.mode not in page.kind.written_by:
        return None
    button = QPushButton(QCoreApplication.translate("ImportWizard", "导入表格…"), page)
    button.setObjectName("action_import_table")
    button.setToolTip(QCoreApplication.translate(
        "ImportWizard", "把本单位自己的 Excel/WPS 表格或 CSV 导入这个登记册（先试导入，确认后才写入）"))

    def open_wizard() -> None:
        wizard = ImportWizard(page.ledger, page.kind.key, page)
        wizard.imported.connect(lambda _r: changed(page))
        wizard.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        wizard.open()

    button.clicked.connect(open_wizard)
    page.buttons["import_table"] = button
    actions.addWidget(button)
    return button
