"""The city's window: the 单位 column and filter of every register page, the home page's unit
selector and per-unit breakdown, the city dashboard's charts and their PNG export, and the
screens at 1024×700 in both languages.

The city is 130100 石家庄市 holding the small demos of 130125 行唐县 and 130102 长安区, merged
from their packets (built once for the module).
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QAbstractScrollArea, QApplication, QComboBox, QLabel, QWidget

from db import meta
from db.connection import open_database, transaction
from desktop.browse import UNIT_KEY, UnitScoped
from desktop.dashboard import compute_dashboard
from desktop.demo import generate_demo
from desktop.ledger import Ledger, init_office
from desktop.packets.export import export_packet
from desktop.packets.importer import MERGE, apply_import, plan_import
from ui.main_window import MainWindow
from ui.pages.dashboard_page import DashboardPage

TODAY = date(2026, 11, 21)
COUNTIES = (("130125", 7), ("130102", 11))


@pytest.fixture(scope="module")
def city_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A city database file that has merged the two counties' packets."""
    where = tmp_path_factory.mktemp("city")
    city_db = open_database(where / "city.db")
    init_office(city_db, "130100", clerk="市局")
    city = Ledger(city_db, today=lambda: TODAY)
    for code, seed in COUNTIES:
        db = open_database(where / f"{code}.db")
        init_office(db, code, clerk="县局")
        generate_demo(db, size="small", seed=seed, today=TODAY)
        with transaction(db):
            meta.set_setting(db, "demo", None)  # its packets stand in for a real county's
        county = Ledger(db, today=lambda: TODAY)
        path = export_packet(county, where / f"{code}.xlsx").path
        county.close()
        assert apply_import(city, plan_import(city, path)).plan.status == MERGE
    city.close()
    return where / "city.db"


@pytest.fixture
def city(city_file: Path, tmp_path: Path) -> Iterator[Ledger]:
    """A copy of the city for one test (tests change settings and filters)."""
    copy = tmp_path / "city.db"
    source = open_database(city_file)
    source.conn.execute("VACUUM INTO ?", (str(copy),))
    source.close()
    ledger = Ledger(open_database(copy), today=lambda: TODAY)
    yield ledger
    ledger.close()


def window_of(qtbot, city: Ledger, qsettings, lang: str = "zh") -> MainWindow:
    window = MainWindow(city, settings=qsettings, lang=lang)
    qtbot.addWidget(window)
    window.resize(1024, 700)
    window.show()
    return window


def settle() -> None:
    for _ in range(5):
        QApplication.processEvents()


def office_count(city: Ledger, kind: str, office: str, **where: str) -> int:
    return city.count(kind, where or None, office_code=office)


# ---- the 单位 column and filter ----------------------------------------------------------

def test_register_pages_have_a_unit_column_and_filter(qtbot, city: Ledger, qsettings) -> None:
    window = window_of(qtbot, city, qsettings)
    page = window.register_page("mark-user")
    keys = [c.key for c in page.browser.columns]
    assert keys[1] == UNIT_KEY
    assert page.model.headerData(1, Qt.Orientation.Horizontal) == "单位"
    row = page.model.row_of(next(iter(city.list("mark-user", office_code="130102"))).id)
    assert page.model.data(page.model.index(row, 1)) == "长安区"
    button = page.filter_buttons[UNIT_KEY]
    assert button.objectName() == "filter_office_code" and button.text().startswith("单位")
    # the menu offers the city's units in order; ticking one filters
    page._fill_filter_menu(UNIT_KEY)
    actions = [a for a in button.menu().actions() if a.isCheckable()]
    assert [a.text() for a in actions[:3]] == ["长安区", "桥西区", "裕华区"]
    actions[0].setChecked(True)
    assert page.model.rowCount() == office_count(city, "mark-user", "130102")
    assert "（1）" in button.text()
    statuses: list[str] = []
    page.status.connect(statuses.append)
    page.model.reloaded.emit(page.model.rowCount())
    assert "单位=长安区" in statuses[-1]
    page.set_units(["130102", "130125"])
    assert page.model.rowCount() == city.count("mark-user")
    page.set_units([])
    assert page.model.rowCount() == city.count("mark-user") and button.text() == "单位 ▾"


def test_a_count_of_a_scoped_dashboard_opens_the_units_records(qtbot, city: Ledger, qsettings) -> None:
    window = window_of(qtbot, city, qsettings)
    home = window.page("home")
    assert isinstance(home, DashboardPage)
    home.set_scope("130102")
    label = home.findChild(QLabel, "counts_mark-user_status")
    label.linkActivated.emit("approved")
    page = window.register_page("mark-user")
    assert page.model.state.units == ["130102"] and page.model.state.filters["status"] == ["approved"]
    assert page.model.rowCount() == office_count(city, "mark-user", "130102", status="approved")
    home.set_scope(None)
    home.findChild(QLabel, "counts_mark-user_status").linkActivated.emit("approved")
    assert page.model.state.units == []  # the whole city: the 单位 filter cleared
    assert page.model.rowCount() == city.count("mark-user", {"status": "approved"})
    page.set_filter("status", [UnitScoped("applying", ("130125",))])
    assert page.model.rowCount() == office_count(city, "mark-user", "130125", status="applying")


# ---- the home page: unit selector and breakdown -------------------------------------------

def test_the_unit_selector_scopes_every_count(qtbot, city: Ledger) -> None:
    page = DashboardPage(city)
    qtbot.addWidget(page)
    assert page.dashboard == compute_dashboard(city)
    combo = page.findChild(QComboBox, "unit_scope")
    assert combo.itemText(0) == "全市（全部单位）" and combo.count() == 23
    combo.setCurrentIndex(combo.findData("130125"))
    assert page.office_scope == "130125"
    assert page.dashboard == compute_dashboard(city, office_code="130125")
    assert "行唐县" in page.findChild(QLabel, "dashboard_title").text()
    assert page.breakdown is None  # one unit's page has no breakdown
    combo.setCurrentIndex(0)
    assert page.office_scope is None and page.breakdown is not None
    table = page.findChild(QWidget, "unit_breakdown")
    lines = {line.code: line for line in page.breakdown}
    # authorised users: 已核准 and 列入异常名录 (a listed user keeps its authorisation)
    assert lines["130102"].users_approved == sum(office_count(city, "mark-user", "130102", status=s)
                                                 for s in ("approved", "abnormal"))
    assert office_count(city, "mark-user", "130102", status="abnormal") > 0
    row = [table.item(r, 0).text() for r in range(table.rowCount())].index("长安区")
    table.cellDoubleClicked.emit(row, 0)
    assert page.office_scope == "130102" and combo.currentData() == "130102"


def test_a_county_home_page_has_no_unit_selector(qtbot, demo_ledger: Ledger) -> None:
    page = DashboardPage(demo_ledger)
    qtbot.addWidget(page)
    assert page.findChild(QComboBox, "unit_scope") is None and page.breakdown is None


# ---- the city dashboard and its charts ------------------------------------------------------

def test_charts_export_as_png(qtbot, city: Ledger, qsettings, tmp_path: Path) -> None:
    window = window_of(qtbot, city, qsettings)
    home = window.page("home")
    home.tabs.setCurrentIndex(1)
    settle()
    view = home.city_view
    assert view is not None and view.data is not None
    assert view.data.table["registered_trademarks"]["130104"] is None  # 桥西区 sent nothing
    assert view.findChild(QWidget, "unit_packets").rowCount() == 22
    for key, chart in view.charts.items():
        assert len(chart.categories) == 22 and chart.height() > 22 * 15
        out = view.export_chart(key, tmp_path / f"{key}.png")
        assert out is not None and out.stat().st_size > 0
        image = QImage(str(out))
        assert (image.width(), image.height()) == (chart.width() * 2, chart.height() * 2)
    named = view.export_chart("table", tmp_path / "no-suffix")
    assert named == tmp_path / "no-suffix.png" and named.is_file()
    assert view.charts["coverage"].reference == 0.8
    # not every pixel is white: something was drawn
    image = QImage(str(tmp_path / "coverage.png"))
    colours = {image.pixel(x, y) for x in range(0, image.width(), 37) for y in range(0, image.height(), 23)}
    assert len(colours) > 3


def test_the_overdue_setting_is_saved_from_the_dashboard(qtbot, city: Ledger, qsettings) -> None:
    from desktop.city.dashboard import overdue_days

    window = window_of(qtbot, city, qsettings)
    home = window.page("home")
    home.tabs.setCurrentIndex(1)
    view = home.city_view
    view.days.setValue(30)
    view.days.editingFinished.emit()
    assert overdue_days(city) == 30 and view.data.overdue_days == 30


# ---- 1024×700 in both languages --------------------------------------------------------------

def in_scrolled_content(widget: QWidget) -> bool:
    parent = widget.parentWidget()
    while parent is not None:
        grand = parent.parentWidget()
        if isinstance(grand, QAbstractScrollArea) and grand.viewport() is parent:
            return True
        parent = grand
    return False


def outside(window: MainWindow) -> list[str]:
    bounds = QRect(QPoint(0, 0), window.size())
    out = []
    for w in window.findChildren(QWidget):
        if w.isWindow() or not w.isVisible() or in_scrolled_content(w):
            continue
        rect = QRect(w.mapTo(window, QPoint(0, 0)), w.size())
        if not bounds.contains(rect):
            out.append(f"{type(w).__name__} {w.objectName()!r} {rect.getRect()}")
    return out


def test_city_screens_fit_1024x700(qtbot, city: Ledger, qsettings, lang: str, tmp_path: Path) -> None:
    window = window_of(qtbot, city, qsettings, lang)
    home = window.page("home")
    for tab in (0, 1):
        home.tabs.setCurrentIndex(tab)
        settle()
        assert not outside(window), (lang, tab, outside(window))
        scroll = home.scroll if tab == 0 else home.city_view.scroll
        # nothing wider than the page: no horizontal scrolling
        assert scroll.widget().minimumSizeHint().width() <= scroll.viewport().width(), (lang, tab)
        window.grab().save(str(tmp_path / f"{lang}-home-{tab}.png"))
    window.show_page("mark-user")
    settle()
    assert not outside(window), (lang, outside(window))
    assert window.width() == 1024 and window.height() == 700


def test_no_import_into_a_register_the_level_does_not_keep(qtbot, city: Ledger, qsettings,
                                                            monkeypatch) -> None:
    """A register the office's level does not keep (Kind.written_by) is exported from its page
    but offers no 导入表格 and no import template; one it keeps offers both."""
    from dataclasses import replace

    from desktop.registers import REGISTRY

    monkeypatch.setitem(REGISTRY, "abnormal", replace(REGISTRY["abnormal"], written_by=("county",)))
    window = window_of(qtbot, city, qsettings)
    page = window.register_page("abnormal")
    assert "import_table" not in page.buttons
    assert page.buttons["export"].isVisibleTo(page) and not page.buttons["template"].isVisibleTo(page)
    own = window.register_page("mark-user")
    assert own.buttons["import_table"].isVisibleTo(own) and own.buttons["template"].isVisibleTo(own)
    window.close()
