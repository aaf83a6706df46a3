"""Ctrl+C on a register table copies the selected rows as tab-separated text (Excel, WPS)."""

from __future__ import annotations

import csv
import io
import time

import pytest
from PySide6.QtCore import QItemSelection, QItemSelectionModel, Qt
from PySide6.QtWidgets import QApplication

from ui.pages.register_page import RegisterPage
from ui.undo import LedgerUndo

Flag = QItemSelectionModel.SelectionFlag


def parse(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text, newline=""), dialect="excel-tab"))


@pytest.fixture
def page(qtbot, demo_ledger, qsettings) -> RegisterPage:
    p = RegisterPage(demo_ledger, "resource", LedgerUndo(demo_ledger), qsettings)
    qtbot.addWidget(p)
    p.resize(1000, 600)
    p.show()
    return p


def select_rows(page: RegisterPage, rows: list[int]) -> None:
    selection = QItemSelection()
    last = page.model.columnCount() - 1
    for r in rows:
        selection.select(page.model.index(r, 0), page.model.index(r, last))
    page.view.selectionModel().select(selection, Flag.ClearAndSelect)


def press_copy(qtbot, page: RegisterPage) -> list[list[str]]:
    QApplication.clipboard().clear()
    page.view.setFocus()
    qtbot.keyClick(page.view, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    return parse(QApplication.clipboard().text())


def test_ctrl_c_copies_whole_rows_with_a_header_in_view_order(qtbot, page, demo_ledger) -> None:
    keys = [c.key for c in page.browser.columns]
    tier, name = keys.index("tier"), keys.index("name")
    header = page.view.horizontalHeader()
    header.moveSection(header.visualIndex(tier), 0)  # the clerk dragged 培育层级 to the front
    page.view.setColumnHidden(keys.index("category"), True)
    page.model.sort(name, Qt.SortOrder.DescendingOrder)
    select_rows(page, [4, 0, 2])  # not contiguous, chosen out of order
    page.view.selectionModel().setCurrentIndex(page.model.index(2, name), Flag.NoUpdate)
    rows = press_copy(qtbot, page)

    shown = page.visible_columns()
    assert shown[0] == tier and keys.index("category") not in shown
    assert rows[0] == [page.model.headerData(c, Qt.Orientation.Horizontal) for c in shown]
    assert rows[0][:2] == ["培育层级", "编号"] and "产品类别" not in rows[0]
    assert [r[1] for r in rows[1:]] == [page.model.id_at(r) for r in (0, 2, 4)]
    for n, row in zip((0, 2, 4), rows[1:], strict=True):
        assert row == [page.model.data(page.model.index(n, c)) for c in shown]
        record = demo_ledger.get("resource", row[1])
        assert row[0] == {"discover": "挖掘", "cultivate": "培育", "protect": "保护"}[record.values["tier"]]


def test_line_breaks_and_quotes_in_a_value_keep_the_rows(qtbot, page, demo_ledger) -> None:
    keys = [c.key for c in page.browser.columns]
    history = keys.index("history")
    record = demo_ledger.get("resource", page.model.id_at(0))
    text = '始载于《行唐县志》\n清代称"贡枣"\n民国沿用'
    demo_ledger.edit("resource", record.id, {"history": text}, expected_revision=record.revision)
    page.refresh()
    page.view.setColumnHidden(history, False)
    row = page.model.row_of(record.id)
    select_rows(page, [row, row + 1])
    rows = press_copy(qtbot, page)
    assert len(rows) == 3
    assert rows[1][page.visible_columns().index(history)] == text
    assert len({len(r) for r in rows}) == 1


def test_copying_five_thousand_selected_rows(qtbot, page, demo_ledger) -> None:
    demo_ledger.bulk_add("resource", [
        {"name": f"批量产品{n}", "attribute": "grown", "category": "primary_agri",
         "tier": "discover", "survey_date": "2026-05-01"} for n in range(5000)], note="test")
    page.refresh()
    total = page.model.rowCount()
    assert total > 5000
    page.view.selectAll()
    started = time.perf_counter()
    rows = press_copy(qtbot, page)
    elapsed = time.perf_counter() - started
    assert len(rows) == total + 1
    assert [r[page.visible_columns().index(0)] for r in rows[1:]] == page.model.ids()
    assert elapsed < 5, f"copying {total} rows took {elapsed:.1f} s"


def test_english_copy_has_english_headers_and_labels(qtbot, page) -> None:
    page.model.set_language("en")
    select_rows(page, [0])
    rows = press_copy(qtbot, page)
    keys = [c.key for c in page.browser.columns]
    tier = page.visible_columns().index(keys.index("tier"))
    assert rows[0][0] == "ID" and rows[0][tier] == "Tier"
    assert rows[1][tier] in ("discover", "cultivate", "protect")
