"""The 打印 button of a register page and what each of its entries prints.

Entries: the list as filtered; the selected records (their filled forms, or rows of the
list); the register's blank forms (普查表 with a number of copies, 检查记录表 for the
selected mark users or the users of the selected inspections, 年报表 for a year); on the
statistics page the statistics table.
"""

from __future__ import annotations

import logging
from dataclasses import replace
from datetime import date
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QInputDialog, QMenu, QMessageBox, QPushButton

from db.records import RecordNotFound
from desktop.forms import PrintRequest, form_for_kind
from ui.operations import Job
from ui.printing.requests import list_request, selection_request
from ui.printing.run import form_title, print_request

if TYPE_CHECKING:
    from ui.pages.register_page import RegisterPage

__all__ = ["RegisterPrinting", "MAX_BLANK_COPIES"]

log = logging.getLogger(__name__)

MAX_BLANK_COPIES = 500


class RegisterPrinting(QObject):
    """The printing of one register page; ``button`` (打印 ▾) goes into its action bar.

    Each ``print_*`` method starts the print (worker thread, then the preview) and
    returns its job, or None when nothing was started.
    """

    def __init__(self, page: RegisterPage):
        super().__init__(page)
        self.page = page
        self.kind = page.kind.key
        self.button = QPushButton(self.tr("打印 ▾"), page)
        self.button.setObjectName("action_print")
        self.button.setToolTip(self.tr("打印列表、所选记录的表或空白表（先预览）"))
        self.menu = QMenu(self.button)
        self.menu.setObjectName("print_menu")
        self.menu.aboutToShow.connect(self._fill_menu)
        self.button.setMenu(self.menu)
        self.last_job: Job | None = None

    # ---- the menu -----------------------------------------------------------------

    def _fill_menu(self) -> None:
        menu = self.menu
        menu.clear()
        for key, text, slot, enabled in self.entries():
            action = menu.addAction(text, slot)
            action.setObjectName(f"print_{key}")
            action.setEnabled(enabled)

    def entries(self) -> list[tuple[str, str, Any, bool]]:
        """(key, text, slot, enabled) of each menu entry, in menu order."""
        shown = self.page.model.rowCount()
        selected = len(self.page.selected_ids())
        out: list[tuple[str, str, Any, bool]] = []
        if self.kind == "stats":
            out.append(("stats", self.tr("打印统计表"), self.print_stats, True))
        out.append(("list", self.tr("打印列表（当前筛选，{0} 条）").format(shown),
                    self.print_list, shown > 0))
        text = self.tr("打印所选记录的{0}（{1} 份）").format(
            form_title(form_for_kind(self.kind)), selected)
        out.append(("selected", text, self.print_selected, selected > 0))
        if self.kind == "resource":
            out.append(("survey_blank", self.tr("空白{0}…").format(form_title("survey", capital=False)),
                        self.print_survey_blank, True))
        if self.kind in ("mark-user", "inspection"):
            out.append(("inspection_blank",
                        self.tr("空白{0}（所选用标主体）").format(form_title("inspection", capital=False)),
                        self.print_inspection_blank, selected > 0))
        if self.kind == "mark-user":
            out.append(("annual_report_blank",
                        self.tr("空白年报表（所选用标主体）…"), self.print_annual_report_blank,
                        selected > 0))
        if self.kind == "annual-report":
            out.append(("annual_report_blank",
                        self.tr("空白年报表（全部用标主体）…"), self.print_annual_report_blank, True))
        return out

    def show_menu(self) -> None:
        """Open the menu under the button (文件 → 打印, Ctrl+P)."""
        self.button.showMenu()

    # ---- what each entry prints ---------------------------------------------------

    def start(self, request: PrintRequest, title: str | None = None) -> Job | None:
        """Print ``request`` (worker thread, then the preview)."""
        log.info("print %s", request)
        self.last_job = print_request(self.page, self.page.ledger, request, title=title)
        return self.last_job

    def list_request(self) -> PrintRequest:
        """The list as the table shows it, without deleted records."""
        state = self.page.model.state
        if state.include_deleted:
            state = replace(state, include_deleted=False)
            shown = self.page.browser.ids(state)
        else:
            shown = self.page.model.ids()
        return list_request(self.kind, state, shown,
                            lambda where: self.page.ledger.count(self.kind, where))

    def print_list(self) -> Job | None:
        """The list as filtered (form ``register``)."""
        return self.start(self.list_request())

    def print_selected(self) -> Job | None:
        """The selected records' filled forms."""
        ids = self.page.selected_ids()
        if not ids:
            return None
        return self.start(selection_request(self.kind, ids))

    def print_stats(self) -> Job | None:
        return self.start(PrintRequest("stats"))

    def print_survey_blank(self, copies: int | None = None) -> Job | None:
        """Blank survey forms, each with its own serial."""
        if copies is None:
            copies, ok = QInputDialog.getInt(self.page, form_title("survey-blank"),
                                             self.tr("份数（每份有自己的表单编号）："), 1, 1,
                                             MAX_BLANK_COPIES)
            if not ok:
                return None
        return self.start(PrintRequest("survey-blank", copies=copies))

    def _mark_users(self) -> list[str]:
        """The mark users behind the selection (the users themselves, or the inspected)."""
        ids = self.page.selected_ids()
        if self.kind == "mark-user":
            return ids
        users: list[str] = []
        for rid in ids:
            try:
                user = self.page.ledger.get(self.kind, rid).values.get("mark_user_id")
            except RecordNotFound:
                continue
            if user and user not in users:
                users.append(user)
        return users

    def print_inspection_blank(self) -> Job | None:
        """A blank inspection form for each selected mark user (pre-filled with it)."""
        users = self._mark_users()
        if not users:
            QMessageBox.information(self.page, form_title("inspection-blank"),
                                    self.tr("请先选择用标主体。"))
            return None
        return self.start(PrintRequest("inspection-blank", ids=tuple(users)))

    def print_annual_report_blank(self, year: int | None = None) -> Job | None:
        """Blank annual report forms for a year: the selected users, or every live user."""
        if year is None:
            last = self.page.ledger.today().year - 1
            year, ok = QInputDialog.getInt(self.page, form_title("annual-report-blank"),
                                           self.tr("报告年度："), last, 2000, date.today().year + 1)
            if not ok:
                return None
        if self.kind == "mark-user":
            users = self._mark_users()
            if not users:
                return None
            return self.start(PrintRequest("annual-report-blank", ids=tuple(users), year=year))
        return self.start(PrintRequest("annual-report-blank", all=True, year=year))
