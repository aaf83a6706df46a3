"""One definition of an overdue next step on every screen: the dashboard's count, its
drill-down list and the pipeline's red cards name the same candidates."""

from __future__ import annotations

from typing import cast

from PySide6.QtGui import QColor

from desktop.ledger import Ledger
from desktop.registers.candidate import next_step_overdue
from ui.pages.dashboard_page import DashboardPage
from ui.pages.pipeline_page import ID_ROLE, PipelineView


def test_overdue_candidates_are_the_same_on_the_dashboard_and_the_pipeline(
        qtbot, demo_ledger: Ledger) -> None:
    today = demo_ledger.today()
    rejected = demo_ledger.add("candidate", {
        "resource_id": next(demo_ledger.list("resource")).id, "name": "驳回待复审",
        "route": "certification_mark", "stage": "tm_rejected", "stage_date": "2026-11-01",
        "next_step": "提出驳回复审", "next_deadline": "2026-11-16"})
    expected = sorted(c.id for c in demo_ledger.list("candidate")
                      if next_step_overdue(c.values, today))
    assert rejected.id in expected

    home = DashboardPage(demo_ledger)
    qtbot.addWidget(home)
    assert home.dashboard is not None
    (item,) = [a for a in home.dashboard.attention if a.key == "candidate_overdue"]
    assert sorted(item.ids) == expected
    assert f"<b>{len(expected)}</b>" in home.attention_labels["candidate_overdue"].text()
    shown: list[tuple[str, object, str]] = []
    home.navigate.connect(lambda kind, ids, label: shown.append((kind, ids, label)))
    home.attention_labels["candidate_overdue"].linkActivated.emit("candidate_overdue")
    assert shown and shown[0][0] == "candidate" and sorted(cast(list[str], shown[0][1])) == expected

    view = PipelineView(demo_ledger)
    qtbot.addWidget(view)
    red = QColor("#b00020")
    marked = sorted(
        lst.item(i).data(ID_ROLE) for lst in view.lists.values() for i in range(lst.count())
        if lst.item(i).foreground().color() == red)
    assert marked == expected
    card = next(lst.item(i) for lst in view.lists.values() for i in range(lst.count())
                if lst.item(i).data(ID_ROLE) == rejected.id)
    assert "提出驳回复审" in card.toolTip() and "2026-11-16" in card.toolTip()
