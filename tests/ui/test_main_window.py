"""The main window: every page renders, navigation, undo/redo, layout memory, drops."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPoint, Qt, QUrl
from PySide6.QtGui import QDropEvent

from desktop.undo import EditRecord
from ui.main_window import NAVIGATION, MainWindow
from ui.pages.register_page import RegisterPage


@pytest.fixture
def window(qtbot, demo_ledger, qsettings) -> MainWindow:
    w = MainWindow(demo_ledger, settings=qsettings)
    qtbot.addWidget(w)
    w.resize(1280, 800)
    w.show()
    return w


def test_every_page_renders_and_is_saved_as_a_screenshot(window, tmp_path: Path) -> None:
    shots = tmp_path / "screens"
    shots.mkdir()
    for n, (key, zh, _en) in enumerate(NAVIGATION):
        window.nav.setCurrentRow(n)
        page = window.page(key)
        assert page.isVisible(), key
        image = window.grab()
        assert not image.isNull()
        path = shots / f"{n:02d}_{key}.png"
        assert image.save(str(path)), key
        assert path.stat().st_size > 5_000, f"{zh} looks empty"
    assert len(list(shots.glob("*.png"))) == len(NAVIGATION)


def test_register_pages_show_their_counts(window, demo_ledger) -> None:
    for kind in ("resource", "mark-user", "annual-report", "abnormal"):
        page = window.register_page(kind)
        assert page.model.rowCount() == demo_ledger.count(kind)
        assert f"共 {demo_ledger.count(kind)} 条" in window.statusBar().currentMessage()


def test_candidate_and_inspection_pages_have_their_views_as_tabs(window, demo_ledger) -> None:
    window.register_page("plan")
    assert window.tabs["inspection"].currentWidget() is window.register_pages["plan"]
    window.register_page("inspector")  # the roster the plans draw their inspectors from
    tabs = window.tabs["inspection"]
    assert tabs.currentWidget() is window.register_pages["inspector"]
    assert tabs.tabText(tabs.currentIndex()) == "执法检查人员"
    assert window.register_pages["inspector"].model.rowCount() == demo_ledger.count("inspector") > 0
    window.show_page("candidate")
    assert window.pipeline is not None
    total = sum(window.pipeline.count(s) for s in window.pipeline.lists)
    assert total == demo_ledger.count("candidate")


def test_dashboard_attention_item_opens_the_records_behind_it(window) -> None:
    home = window.page("home")
    item = next(i for i in home.dashboard.attention if i.ids)
    home.attention_labels[item.key].linkActivated.emit(item.key)
    page = window.current_register()
    assert isinstance(page, RegisterPage) and page.kind.key == item.kind
    assert sorted(page.model.ids()) == sorted(item.ids)
    assert page.ids_label.text()  # says it is a restricted view


def test_dashboard_count_opens_the_register_filtered(window, demo_ledger) -> None:
    home = window.page("home")
    home.filter_requested.emit("resource", "tier", "protect")
    page = window.current_register()
    assert page is window.register_pages["resource"]
    assert page.model.rowCount() == demo_ledger.count("resource", {"tier": "protect"})


def test_related_records_of_a_mark_user(window, demo_ledger) -> None:
    users = window.register_page("mark-user")
    user_id = next(r.id for r in demo_ledger.list("mark-user")
                   if demo_ledger.count("annual-report", {"mark_user_id": r.id}))
    users.select_id(user_id)
    users.show_related("annual-report", "mark_user_id", "年报")
    reports = window.current_register()
    assert reports.kind.key == "annual-report"
    assert reports.model.rowCount() == demo_ledger.count("annual-report", {"mark_user_id": user_id})


def test_undo_and_redo_of_an_edit_through_the_window(window, demo_ledger) -> None:
    page = window.register_page("resource")
    rec = next(demo_ledger.list("resource"))
    window.undo.apply(EditRecord("resource", rec.id, {"name": "改过的名字"},
                                 expected_revision=rec.revision))
    assert demo_ledger.get("resource", rec.id).values["name"] == "改过的名字"
    window.action_undo.trigger()
    assert demo_ledger.get("resource", rec.id).values == rec.values
    window.action_redo.trigger()
    assert demo_ledger.get("resource", rec.id).values["name"] == "改过的名字"
    assert page.model.rowCount() == demo_ledger.count("resource")
    shortcuts = {s.toString() for s in window.action_redo.shortcuts()}
    assert {"Ctrl+Shift+Z", "Ctrl+Y"} <= shortcuts
    assert window.action_undo.shortcut().toString() == "Ctrl+Z"


def test_delete_asks_and_can_be_undone(window, demo_ledger, monkeypatch) -> None:
    from PySide6.QtWidgets import QMessageBox

    page = window.register_page("abnormal")
    rid = page.model.id_at(0)
    page.select_id(rid)
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    assert page.delete_selected() == 1
    assert demo_ledger.get("abnormal", rid).deleted
    assert page.model.row_of(rid) == -1
    window.action_undo.trigger()
    assert not demo_ledger.get("abnormal", rid).deleted
    assert page.model.row_of(rid) >= 0


def test_layout_and_page_are_remembered(qtbot, demo_ledger, qsettings) -> None:
    first = MainWindow(demo_ledger, settings=qsettings)
    qtbot.addWidget(first)
    page = first.register_page("mark-user")
    page.view.setColumnWidth(2, 333)
    page.view.setColumnHidden(3, True)
    first.close()
    second = MainWindow(demo_ledger, settings=qsettings)
    qtbot.addWidget(second)
    assert second.nav.currentRow() == [k for k, _z, _e in NAVIGATION].index("mark-user")
    again = second.register_pages["mark-user"]
    assert again.view.columnWidth(2) == 333
    assert again.view.isColumnHidden(3)


def test_dropping_a_packet_file_opens_the_packets_page(window, tmp_path: Path) -> None:
    packet = tmp_path / "130125_行唐县_第3号.xlsx"
    packet.write_bytes(b"PK")
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(packet))])
    event = QDropEvent(QPoint(10, 10), Qt.DropAction.CopyAction, mime,
                       Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    window.dropEvent(event)
    page = window.page("packets")
    assert window.stack.currentWidget().findChild(type(page)) is page
    assert page.received.item(0).text() == str(packet)


def test_english_switch_relabels_navigation_and_tables(window) -> None:
    window.register_page("resource")
    window.set_language("en")
    assert window.nav.item(1).text() == "Resource survey"
    page = window.register_page("resource")
    assert page.model.headerData(1, Qt.Orientation.Horizontal) == "Product name"
    window.set_language("zh")
    assert window.nav.item(1).text() == "资源普查"


def test_search_shortcut_focuses_the_search_box(window) -> None:
    page = window.register_page("mark-user")
    window.action_find.trigger()
    assert page.search.hasFocus() or page.search.selectedText() == page.search.text()
    page.search.setText("合作社")
    page._apply_search()
    assert page.model.rowCount() > 0
