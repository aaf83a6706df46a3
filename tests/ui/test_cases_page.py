"""The case register in the window (行政保护案件): its navigation entry and page (the 单位 column
at a city), the editor's sections, the 典型案例 dialog and its exports, the dashboard's case box
and the city dashboard's cases per unit; at 1024×700 in Chinese and English.

The city is 130100 holding the small demos of 130125 and 130102 (built once for the module);
every demo county has at least one typical case.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtWidgets import QAbstractScrollArea, QApplication, QGroupBox, QLabel, QMessageBox, QScrollArea, QWidget

from db import meta
from db.connection import open_database, transaction
from desktop.cases.typical import typical_cases
from desktop.demo import generate_demo
from desktop.ledger import Ledger, init_office
from desktop.packets.export import export_packet
from desktop.packets.importer import MERGE, apply_import, plan_import
from ui.editors import RecordEditor
from ui.main_window import NAVIGATION, MainWindow
from ui.pages.cases_page import TypicalCasesDialog
from ui.pages.register_page import RegisterPage

TODAY = date(2026, 11, 21)
SHOTS = Path("/work/notes/shots/cases")


@pytest.fixture(scope="module")
def city_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    where = tmp_path_factory.mktemp("city")
    city_db = open_database(where / "city.db")
    init_office(city_db, "130100", clerk="市局")
    city = Ledger(city_db, today=lambda: TODAY)
    for code, seed in (("130125", 7), ("130102", 11)):
        db = open_database(where / f"{code}.db")
        init_office(db, code, clerk="县局")
        generate_demo(db, size="small", seed=seed, today=TODAY)
        with transaction(db):
            meta.set_setting(db, "demo", None)
        county = Ledger(db, today=lambda: TODAY)
        path = export_packet(county, where / f"{code}.xlsx").path
        county.close()
        assert apply_import(city, plan_import(city, path)).plan.status == MERGE
    city.close()
    return where / "city.db"


@pytest.fixture
def city(city_file: Path, tmp_path: Path) -> Iterator[Ledger]:
    copy = tmp_path / "city.db"
    source = open_database(city_file)
    source.conn.execute("VACUUM INTO ?", (str(copy),))
    source.close()
    ledger = Ledger(open_database(copy), today=lambda: TODAY)
    yield ledger
    ledger.close()


def settle() -> None:
    for _ in range(5):
        QApplication.processEvents()


def shot(widget: QWidget, tmp_path: Path, name: str) -> None:
    """A screenshot in tmp_path, and a copy to look at when the notes folder exists."""
    image = widget.grab()
    image.save(str(tmp_path / f"{name}.png"))
    if SHOTS.is_dir():
        image.save(str(SHOTS / f"{name}.png"))


def outside(window: QWidget) -> list[str]:
    """Visible widgets that reach past the window's edges (scrolled content excepted)."""
    bounds = QRect(QPoint(0, 0), window.size())
    out = []
    for w in window.findChildren(QWidget):
        if w.isWindow() or not w.isVisible():
            continue
        parent, scrolled = w.parentWidget(), False
        while parent is not None:
            grand = parent.parentWidget()
            if isinstance(grand, QAbstractScrollArea) and grand.viewport() is parent:
                scrolled = True
                break
            parent = grand
        rect = QRect(w.mapTo(window, QPoint(0, 0)), w.size())
        if not scrolled and not bounds.contains(rect):
            out.append(f"{type(w).__name__} {w.objectName()!r} {rect.getRect()}")
    return out


def window_of(qtbot: Any, ledger: Ledger, qsettings: Any, lang: str) -> MainWindow:
    window = MainWindow(ledger, settings=qsettings, lang=lang)
    qtbot.addWidget(window)
    window.resize(1024, 700)
    window.show()
    return window


def case_page(window: MainWindow) -> RegisterPage:
    window.nav.setCurrentRow([k for k, _z, _e in NAVIGATION].index("case"))
    settle()
    page = window.page("case")
    assert isinstance(page, RegisterPage)
    return page


def test_county_case_page(qtbot: Any, demo_ledger: Ledger, qsettings: Any, lang: str, tmp_path: Path) -> None:
    window = window_of(qtbot, demo_ledger, qsettings, lang)
    assert window.nav.item([k for k, _z, _e in NAVIGATION].index("case")).text() == (
        "Enforcement cases" if lang == "en" else "行政保护案件")
    page = case_page(window)
    assert page.model.rowCount() == demo_ledger.count("case") >= 3
    assert page.buttons["typical"].isVisible()
    assert page.buttons["typical"].text() == ("Typical cases…" if lang == "en" else "典型案例…")
    assert not outside(window), outside(window)
    shot(window, tmp_path, f"county_page_{lang}")

    # the generic editor: the register's four sections, the typical flag and the summary
    record = next(iter(demo_ledger.list("case")))
    editor = RecordEditor(demo_ledger, "case", record, None, save=lambda v: record)
    qtbot.addWidget(editor)
    editor.resize(1000, 680)
    editor.show()
    settle()
    titles = [g.title() for g in editor.findChildren(QGroupBox)]
    expected = (["The case", "Party and GI", "Measures and penalty", "Typical case"] if lang == "en"
                else ["案件信息", "当事人与地理标志", "处理与处罚", "典型案例"])
    assert [t for t in titles if t in expected] == expected
    assert {"typical", "public_summary", "closed_date"} <= set(editor.rows)
    shot(editor, tmp_path, f"editor_{lang}")
    scroll = editor.findChild(QScrollArea)
    assert scroll is not None
    scroll.verticalScrollBar().setValue(scroll.verticalScrollBar().maximum())
    settle()
    shot(editor, tmp_path, f"editor_end_{lang}")


def test_county_dashboard_case_box(qtbot: Any, demo_ledger: Ledger, qsettings: Any, lang: str,
                                   tmp_path: Path) -> None:
    from desktop.cases.figures import case_figures

    window = window_of(qtbot, demo_ledger, qsettings, lang)
    settle()
    box = window.page("home").findChild(QGroupBox, "cases_box")
    assert box is not None
    f = case_figures(demo_ledger, office_code="130125")
    head = box.findChild(QLabel, "cases_head")
    assert head is not None and f"<b>{f.this_year}</b>" in head.text() and f"<b>{f.open}</b>" in head.text()
    acts = box.findChild(QLabel, "cases_by_act")
    assert acts is not None
    linked = [a for a in f.by_act if a.n]
    if linked:  # a click filters the case register by that act
        acts.linkActivated.emit(linked[0].code)
        settle()
        page = window.page("case")
        assert isinstance(page, RegisterPage)
        assert page.model.rowCount() == demo_ledger.count("case", {"act": linked[0].code})
    window.nav.setCurrentRow(0)
    settle()
    shot(box, tmp_path, f"dashboard_box_{lang}")


def test_city_case_page_and_typical_dialog(qtbot: Any, city: Ledger, qsettings: Any, lang: str,
                                           tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    told: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda _p, _t, text, *a: told.append(text))
    window = window_of(qtbot, city, qsettings, lang)
    page = case_page(window)
    assert page.model.rowCount() == city.count("case") >= 6
    headers = [str(page.model.headerData(n, Qt.Orientation.Horizontal)) for n in range(page.model.columnCount())]
    assert ("Unit" if lang == "en" else "单位") in headers
    assert not page.buttons["new"].isHidden()  # a city keeps cases of its own too
    assert not outside(window), outside(window)
    shot(window, tmp_path, f"city_page_{lang}")

    found = typical_cases(city)
    assert {c.office_code for c in found} == {"130125", "130102"}
    dialog = TypicalCasesDialog(city, window)
    qtbot.addWidget(dialog)
    dialog.resize(1000, 600)
    dialog.show()
    settle()
    assert dialog.table.rowCount() == len(found)
    units = {dialog.table.item(r, 0).text() for r in range(dialog.table.rowCount())}
    assert units == {c.unit for c in found}
    shot(dialog, tmp_path, f"typical_dialog_{lang}")
    year = int(found[0].filed_date[:4])
    dialog.year.setCurrentIndex(dialog.year.findData(year))
    assert dialog.table.rowCount() == len([c for c in found if c.filed_date.startswith(str(year))])

    xlsx = tmp_path / "典型案例.xlsx"
    dialog.export("xlsx", xlsx)
    qtbot.waitUntil(lambda: bool(told), timeout=20000)
    from openpyxl import load_workbook

    ws = load_workbook(xlsx).active
    assert ws is not None
    cases_no = {c.value for c in ws["C"]}
    assert {c.case_no for c in found if c.filed_date.startswith(str(year))} <= cases_no
    pdf = tmp_path / "典型案例.pdf"
    dialog.export("pdf", pdf)
    qtbot.waitUntil(lambda: len(told) == 2, timeout=20000)
    assert pdf.read_bytes().startswith(b"%PDF")


def test_city_dashboard_cases(qtbot: Any, city: Ledger, qsettings: Any, lang: str, tmp_path: Path) -> None:
    from desktop.cases.figures import city_case_figures
    from ui.cases_dashboard import CityCasesBox

    window = window_of(qtbot, city, qsettings, lang)
    settle()
    home = window.page("home")
    home.tabs.setCurrentIndex(1)  # 全市看板
    settle()
    box = home.findChild(CityCasesBox, "city_cases")
    assert box is not None and box.figures is not None
    figures = city_case_figures(city)
    table = box.table
    assert table.columnCount() == len(figures.years) + 3
    rows = {table.item(r, 0).text(): r for r in range(table.rowCount())}
    for code in ("130125", "130102"):
        u = figures.unit(code)
        assert u is not None
        r = rows[u.name]
        total_col = len(figures.years) + 1
        assert int(table.item(r, total_col).text()) == u.figures.total
    box.year.setCurrentIndex(box.year.findData(None))
    drawn = sum(v or 0 for s in box.chart.series for v in s.values)
    assert drawn == sum(u.figures.total for u in figures.units)
    assert not outside(window), outside(window)
    shot(box, tmp_path, f"city_dashboard_cases_{lang}")
