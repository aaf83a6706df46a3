"""The dashboard's one-step proposal for 年报逾期未报: a link that, after a confirmation naming
how many, lists the overdue users on the abnormal list for 未报年报
(:func:`desktop.annual.status.list_overdue`, one transaction)."""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QLabel, QMessageBox, QWidget

from desktop.annual import status as st
from desktop.fields import ValidationFailed
from desktop.ledger import Ledger
from ui import i18n

__all__ = ["proposal_link", "propose_listing"]

log = logging.getLogger(__name__)


def propose_listing(parent: QWidget, ledger: Ledger, year: int, ids: Sequence[str],
                    confirm: Callable[[str], bool] | None = None) -> int:
    """Ask (naming how many), then list the users of ``ids`` overdue for ``year``; how many
    were listed. ``confirm(text)`` replaces the question box (tests)."""
    text = QCoreApplication.translate(
        "AnnualProposal", "将 {0} 户{1}年度逾期未报年报的用标主体列入异常名录（原因：未报年报）？")
    text = text.format(len(ids), year)
    title = QCoreApplication.translate("AnnualProposal", "列入异常名录")
    if confirm is None:
        answer = QMessageBox.question(parent, title, text)
        agreed = answer == QMessageBox.StandardButton.Yes
    else:
        agreed = confirm(text)
    if not agreed:
        return 0
    try:
        return len(st.list_overdue(ledger, year, list(ids)))
    except ValidationFailed as e:
        QMessageBox.warning(parent, title, "\n".join(i18n.shown(err.reason) for err in e.errors))
        return 0


def proposal_link(parent: QWidget, ledger: Ledger, ids: Sequence[str], done: Callable[[], None]) -> QLabel:
    """The link under the dashboard's 年报逾期未报 item; ``done()`` after a listing."""
    text = QCoreApplication.translate("AnnualProposal", "一键列入异常名录（未报年报）…")
    label = QLabel(f"<a href='list'>{text}</a>", parent)
    label.setObjectName("annual_overdue_list")
    label.setTextFormat(Qt.TextFormat.RichText)
    label.setContentsMargins(16, 0, 0, 0)

    def activated(_href: str) -> None:
        if propose_listing(parent, ledger, ledger.today().year - 1, ids):
            done()

    label.linkActivated.connect(activated)
    return label
