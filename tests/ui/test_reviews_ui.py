"""Reviews on the register pages (ui.reviews): the city's 已核 / 退回 on the selected records,
the marker and the line under the table; the county's marker, comment and 答复."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QItemSelectionModel
from PySide6.QtWidgets import QApplication, QInputDialog, QMenu

from db.connection import open_database
from desktop.city import reviews
from desktop.ledger import Ledger, init_office
from desktop.packets import special
from desktop.packets.export import export_packet
from desktop.packets.importer import MERGE, apply_import, plan_import
from ui.main_window import MainWindow
from ui.reviews import MARK_COLOURS, ReviewBar

TODAY = date(2026, 11, 21)


@pytest.fixture
def world(tmp_path: Path) -> Iterator[dict[str, Any]]:
    opened: list[Ledger] = []

    def office(code: str) -> Ledger:
        (tmp_path / code).mkdir()
        db = open_database(tmp_path / code / "office.db")
        init_office(db, code, clerk="测试员")
        led = Ledger(db, today=lambda: TODAY)
        opened.append(led)
        return led

    city, county = office("130100"), office("130125")
    values = {"attribute": "grown", "category": "primary_agri", "tier": "cultivate", "survey_date": "2024-05-01"}
    first = county.add("resource", {"name": "行唐大枣", **values})
    second = county.add("resource", {"name": "行唐红薯", **values})
    exported = export_packet(county, tmp_path / "c.xlsx")
    assert apply_import(city, plan_import(city, exported.path)).plan.status == MERGE
    yield {"city": city, "county": county, "first": first, "second": second, "tmp": tmp_path}
    for led in opened:
        led.close()


def _only(page: Any, record_id: str) -> bool:
    """Make ``record_id`` the one selected and current row (not through selectRow, which adds to
    the selection when a test before left a modifier key down)."""
    row = page.model.row_of(record_id)
    if row < 0:
        return False
    index = page.model.index(row, 0)
    flags = QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
    page.view.selectionModel().setCurrentIndex(index, flags)
    return True


def _bar(window: MainWindow, kind: str) -> tuple[Any, ReviewBar]:
    page = window.register_page(kind)
    bar = page.findChild(ReviewBar)
    assert bar is not None
    return page, bar


def test_city_reviews_the_selected_records_and_sees_the_marker(qtbot: Any, world: dict[str, Any], qsettings: Any,
                                                                monkeypatch: Any, tmp_path: Path) -> None:
    city, first, second = world["city"], world["first"], world["second"]
    window = MainWindow(city, settings=qsettings)
    qtbot.addWidget(window)
    window.show()
    window.resize(1024, 700)
    page, bar = _bar(window, "resource")
    assert bar.isVisible() and bar.buttons["checked"].isEnabled() is False  # nothing selected yet
    assert _only(page, first.id)
    assert bar.buttons["checked"].isEnabled() and "未审核" in bar.label.text()

    monkeypatch.setattr(QInputDialog, "getMultiLineText", lambda *a, **k: ("照片缺失，请补充", True))
    assert bar.return_selected() == 1
    state = reviews.state_of(city, first.id)
    assert state.state == "returned" and state.comment == "照片缺失，请补充"
    assert "退回待答复" in bar.label.text() and "照片缺失" in bar.label.text()
    row = page.model.row_of(first.id)
    assert bar.marks.state(row).state == "returned"
    assert _only(page, second.id)
    assert bar.review_selected("checked") == 1
    assert reviews.state_of(city, second.id).state == "checked"
    window.undo.stack.undo()  # Ctrl+Z takes the review back (a tombstone), redo gives it again
    assert reviews.state_of(city, second.id).state == "none"
    window.undo.stack.redo()
    assert reviews.state_of(city, second.id).state == "checked"
    QApplication.processEvents()
    image = page.view.viewport().grab().toImage()
    rect = page.view.visualRect(page.model.index(page.model.row_of(second.id), 0))
    colours = {image.pixelColor(x, rect.center().y()).name() for x in range(rect.left(), rect.right())}
    assert MARK_COLOURS["checked"] in colours
    window.grab().save(str(tmp_path / "city-review.png"))

    menu = QMenu()
    bar.add_menu_actions(menu)
    assert [a.text() for a in menu.actions() if a.text()] == ["已核", "退回…"]

    # an empty reason is refused before anything is written
    monkeypatch.setattr(QInputDialog, "getMultiLineText", lambda *a, **k: ("  ", True))
    warned: list[str] = []
    monkeypatch.setattr("ui.reviews.QMessageBox.warning", lambda *a: warned.append(a[2]))
    assert bar.return_selected() == 0 and warned and reviews.state_of(city, second.id).state == "checked"


def test_county_sees_the_review_and_answers(qtbot: Any, world: dict[str, Any], qsettings: Any,
                                            tmp_path: Path) -> None:
    city, county, first, second = world["city"], world["county"], world["first"], world["second"]
    reviews.review_record(city, first.id, "returned", "普查日期有误")
    ref = special.make_reference_packet(city, tmp_path / "ref.xlsx")
    assert special.import_reference(county, ref.path).status == MERGE
    window = MainWindow(county, settings=qsettings)
    qtbot.addWidget(window)
    window.show()
    window.resize(1024, 700)
    page, bar = _bar(window, "resource")
    assert _only(page, second.id)
    assert not bar.isVisible()  # no review of this record
    assert _only(page, first.id)
    assert bar.isVisible() and "普查日期有误" in bar.label.text() and bar.buttons["answer"].isEnabled()
    window.grab().save(str(tmp_path / "county-review.png"))
    assert bar.answer_current("已改为2024年5月1日")
    assert reviews.open_reviews(county) == []
    assert not bar.buttons["answer"].isEnabled() and "已答复待复核" in bar.label.text()
    assert "review_checked" not in [b.objectName() for b in bar.findChildren(type(bar.buttons["answer"]))]


def test_registers_not_reviewed_get_no_bar(qtbot: Any, world: dict[str, Any], qsettings: Any) -> None:
    window = MainWindow(world["city"], settings=qsettings)
    qtbot.addWidget(window)
    page = window.register_page("plan")  # inspection plans are reviewed like any county record
    assert page.findChild(ReviewBar) is not None
    assert not reviews.reviewable("task") and not reviews.reviewable("review")


