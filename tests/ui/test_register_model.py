"""The register table model: Qt's model contract, lazy pages, SQL search/sort/filter."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from desktop.browse import Browser
from desktop.registers import REGISTRY
from ui.models.register_model import ID_ROLE, PAGE, RegisterModel


@pytest.mark.parametrize("kind", list(REGISTRY))
def test_every_register_model_passes_the_model_tester(qtmodeltester, demo_ledger, kind: str) -> None:
    model = RegisterModel(Browser(demo_ledger, kind))
    qtmodeltester.check(model)
    assert model.rowCount() == demo_ledger.count(kind)
    assert model.columnCount() == len(REGISTRY[kind].fields) + 1


def test_search_sort_filter_and_ids(demo_ledger) -> None:
    model = RegisterModel(Browser(demo_ledger, "mark-user"))
    total = model.rowCount()
    counts: list[int] = []
    model.reloaded.connect(counts.append)
    model.set_search("合作社")
    assert 0 < model.rowCount() < total and counts[-1] == model.rowCount()
    name_col = [c.key for c in model.browser.columns].index("name")
    for row in range(model.rowCount()):
        rec = demo_ledger.get("mark-user", model.data(model.index(row, 0), ID_ROLE))
        text = " ".join(str(v) for v in rec.values.values())
        assert "合作社" in text
    model.set_search("")
    model.sort(name_col, Qt.SortOrder.DescendingOrder)
    names = [model.data(model.index(r, name_col)) for r in range(model.rowCount())]
    assert names == sorted(names, reverse=True)
    model.set_filter("status", ["approved"])
    assert model.rowCount() == demo_ledger.count("mark-user", {"status": "approved"})
    some = tuple(model.ids()[:2])
    model.set_ids(some, "两条")
    assert model.ids() == list(some)


def test_rows_are_fetched_a_page_at_a_time(demo_ledger, monkeypatch) -> None:
    browser = Browser(demo_ledger, "annual-report")
    fetched: list[int] = []
    real = browser.rows
    monkeypatch.setattr(browser, "rows", lambda ids, lang="zh": fetched.append(len(ids)) or real(ids, lang))
    model = RegisterModel(browser)
    assert fetched == []  # nothing read until a row is shown
    model.data(model.index(0, 1))
    model.data(model.index(1, 1))
    assert fetched == [min(PAGE, model.rowCount())]


def test_deleted_rows_are_struck_through_when_shown(demo_ledger) -> None:
    rid = next(demo_ledger.list("abnormal")).id
    demo_ledger.delete("abnormal", rid)
    model = RegisterModel(Browser(demo_ledger, "abnormal"))
    assert model.row_of(rid) == -1
    model.set_include_deleted(True)
    row = model.row_of(rid)
    assert row >= 0
    assert model.data(model.index(row, 1), Qt.ItemDataRole.FontRole).strikeOut()


def test_english_headers_and_labels(demo_ledger) -> None:
    model = RegisterModel(Browser(demo_ledger, "resource"))
    tier = [c.key for c in model.browser.columns].index("tier")
    assert model.headerData(tier, Qt.Orientation.Horizontal) == "培育层级"
    zh = model.data(model.index(0, tier))
    model.set_language("en")
    assert model.headerData(tier, Qt.Orientation.Horizontal) == "Tier"
    en = model.data(model.index(0, tier))
    assert zh in ("挖掘", "培育", "保护") and en in ("discover", "cultivate", "protect")
