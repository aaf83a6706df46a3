"""The delete confirmation names the records by their titles, not only their ids."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtWidgets import QMessageBox

from desktop.ledger import Ledger
from ui.main_window import MainWindow


@pytest.fixture
def asked(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    texts: list[str] = []

    def question(parent: Any, title: str, text: str, *args: Any, **kwargs: Any) -> Any:
        texts.append(text)
        return QMessageBox.StandardButton.No

    monkeypatch.setattr(QMessageBox, "question", question)
    return texts


def test_the_confirmation_shows_the_title(qtbot, demo_ledger: Ledger, qsettings,
                                          asked: list[str]) -> None:
    window = MainWindow(demo_ledger, settings=qsettings)
    qtbot.addWidget(window)
    page = window.register_page("resource")
    rid = page.model.id_at(0)
    assert rid is not None
    page.select_id(rid)
    assert page.delete_selected() == 0, "answered no"
    title = demo_ledger.get("resource", rid).title
    assert f"{title}（{rid}）" in asked[-1]
    assert not demo_ledger.get("resource", rid).deleted


def test_a_report_is_named_after_its_user(qtbot, demo_ledger: Ledger, qsettings,
                                          asked: list[str]) -> None:
    window = MainWindow(demo_ledger, settings=qsettings)
    qtbot.addWidget(window)
    page = window.register_page("annual-report")
    rid = page.model.id_at(0)
    assert rid is not None
    page.select_id(rid)
    page.delete_selected()
    report = demo_ledger.get("annual-report", rid)
    user = demo_ledger.get("mark-user", report.values["mark_user_id"])
    assert f"{user.title} {report.values['year']}（{rid}）" in asked[-1]
