"""The city's 报送情况 and 工作目标 pages: shown in city mode only, the table with overdue units in
red, the coloured target grid with the reason of each cell, the target register in its tab,
export and print, and both pages at 1024×700 in Chinese and in English."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import openpyxl
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox

from db.connection import open_database
from desktop.city import targets as tg
from desktop.ledger import Ledger, init_office
from tests.desktop.city_helpers import send, stats
from tests.ui.test_small_screens import outside
from ui import i18n
from ui.main_window import CITY_ONLY, NAVIGATION, MainWindow
from ui.pages.completeness_page import CompletenessPage, default_period
from ui.pages.register_page import RegisterPage
from ui.pages.targets_page import TargetsPage

TODAY = date(2026, 11, 21)


@pytest.fixture
def city(tmp_path: Path) -> Iterator[Ledger]:
    """City 130100: 长安区 sent its row of 2026Q3 on time and holds a GI product of 2026;
    桥西区 sent only a row of Q2, late; the other 20 units sent nothing."""
    opened: list[Ledger] = []

    def office(code: str) -> Ledger:
        (tmp_path / code).mkdir()
        db = open_database(tmp_path / code / "office.db")
        init_office(db, code, clerk="测试员")
        ledger = Ledger(db, today=lambda: TODAY)
        opened.append(ledger)
        return ledger

    city, a, b = office("130100"), office("130102"), office("130104")
    stats(a, "2026-09-30")
    a.add("gi", {"name": "长安梨", "gi_type": "protected_product", "reference_no": "001",
                 "approval_date": "2026-03-01"})
    send(a, city, tmp_path / "packets", "2026-10-10T02:00:00+00:00")
    stats(b, "2026-06-30")
    send(b, city, tmp_path / "packets", "2026-10-20T02:00:00+00:00")
    yield city
    for ledger in opened:
        ledger.close()


def nav_hidden(window: MainWindow) -> dict[str, bool]:
    out = {}
    for n, (key, _zh, _en) in enumerate(NAVIGATION):
        item = window.nav.item(n)
        assert item is not None
        out[key] = item.isHidden()
    return out


def test_a_county_does_not_see_the_city_pages(qtbot, demo_ledger, qsettings) -> None:
    window = MainWindow(demo_ledger, settings=qsettings)
    qtbot.addWidget(window)
    hidden = nav_hidden(window)
    assert all(hidden[k] for k in CITY_ONLY)
    assert not any(v for k, v in hidden.items() if k not in CITY_ONLY)
    # built anyway (as every page is, e.g. by a test that walks them), they only explain
    assert isinstance(window.page("targets"), TargetsPage) and window.page("targets").tabs is None
    assert "target" not in window.register_pages
    assert window.page("completeness").table is None


def test_the_completeness_page(qtbot, city, qsettings, tmp_path, monkeypatch) -> None:
    window = MainWindow(city, settings=qsettings)
    qtbot.addWidget(window)
    assert not any(nav_hidden(window).values())
    page = window.show_page("completeness")
    assert isinstance(page, CompletenessPage)
    assert page.period_text() == "2026Q3"  # the last quarter that has ended
    table = page.table
    assert table.rowCount() == 22
    assert table.item(0, 1).text() == "长安区（130102）" and table.item(0, 7).text() == "按时报送"
    assert table.item(1, 7).text() == "逾期未报"
    assert table.item(1, 1).foreground().color().name() == "#b00020"  # overdue in red
    assert table.item(0, 1).foreground().color().name() != "#b00020"
    assert "报送率 4.5%" in page.summary.text() and "逾期 21 个" in page.summary.text()
    page.set_period("2026-06")
    assert page.period_text() == "2026-06" and page.part.currentText() == "6月"
    assert page.table.item(1, 7).text().startswith("逾期报送")  # its row of June came late
    page.kind.setCurrentIndex(page.kind.findData("year"))
    assert page.period_text() == "2026" and not page.part.isVisible()
    for suffix in ("xlsx", "pdf"):
        target = tmp_path / f"out.{suffix}"
        monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, t=target: (str(t.with_suffix("")), ""))
        assert page.export(suffix) == target and target.stat().st_size > 1000
    assert openpyxl.load_workbook(tmp_path / "out.xlsx")["报送情况"]["A1"].value.endswith("（2026年）")
    page.grace.setValue(60)
    assert "（期末 2026-12-31 后 60 天）" in page.summary.text()


def test_default_period() -> None:
    assert default_period(date(2026, 11, 21)) == ("quarter", 2026, 3)
    assert default_period(date(2026, 2, 1)) == ("quarter", 2025, 4)


def test_the_targets_page(qtbot, city, qsettings, monkeypatch) -> None:
    window = MainWindow(city, settings=qsettings)
    qtbot.addWidget(window)
    page = window.show_page("targets")
    assert isinstance(page, TargetsPage)
    view = page.evaluation
    assert view.grid.columnCount() == 1 and "还没有工作目标" in view.reason.text()
    monkeypatch.setattr(QMessageBox, "information", lambda *a: QMessageBox.StandardButton.Ok)
    view.defaults_button.click()
    assert city.count("target") == 5
    grid = view.grid
    assert grid.columnCount() == 6 and grid.rowCount() == 23
    assert grid.horizontalHeaderItem(1).text().startswith("一县一品")
    first = grid.item(0, 1)
    assert first.text() == "1" and first.background().color().name() == "#c6efce"
    assert "已达标" in first.toolTip()
    assert grid.item(1, 1).background().color().name() == "#ffeb9c"  # 桥西区: none yet, still in time
    assert grid.item(2, 1).text() == "未报送" and grid.item(2, 1).background().color().name() == "#ffc7ce"
    assert grid.item(22, 0).text() == "全市"
    assert grid.item(22, 3).text() == "1" and grid.item(22, 3).background().color().name() == "#c6efce"
    grid.setCurrentCell(1, 1)
    assert "桥西区" in view.reason.text() and "尚未达标" in view.reason.text()
    view.as_of.setDate(view.as_of.date().addYears(1))
    assert grid.item(1, 1).background().color().name() == "#ffc7ce"  # the year is over: red
    # a second time: refused, nothing added
    warned: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text: warned.append(text))
    view.defaults_button.click()
    assert warned and "已有" in warned[0] and city.count("target") == 5
    # the register in its tab, with the register page's editors
    page.tabs.setCurrentIndex(1)
    register = window.current_register()
    assert isinstance(register, RegisterPage) and register.kind.key == "target"
    assert register.model.rowCount() == 5


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_both_pages_fit_1024_by_700(qtbot, city, qsettings, tmp_path, lang) -> None:
    tg.add_defaults(city, 2026)
    try:
        assert i18n.install(lang)
        window = MainWindow(city, settings=qsettings, lang=lang)
        qtbot.addWidget(window)
        window.resize(1024, 700)
        window.show()
        for key in ("completeness", "targets"):
            page = window.show_page(key)
            tabs = page.tabs if isinstance(page, TargetsPage) else None
            for t in range(tabs.count() if tabs else 1):
                if tabs:
                    tabs.setCurrentIndex(t)
                QApplication.processEvents()
                hint = window.minimumSizeHint()
                assert hint.width() <= 1024 and hint.height() <= 700, f"{lang} {key}/{t}: {hint}"
                assert (window.width(), window.height()) == (1024, 700)
                assert outside(window) == [], f"{lang} {key}/{t}"
                assert window.grab().save(str(tmp_path / f"{key}-{t}-{lang}.png"))
        if lang == "en":
            page = window.page("completeness")
            assert page.table.horizontalHeaderItem(7).text() == "Status"
            assert page.table.item(0, 7).text() == "on time"
            grid = window.page("targets").evaluation.grid
            assert grid.item(2, 1).text() == "not reported"
            assert grid.item(0, 1).toolTip().startswith("met")
    finally:
        i18n.install("zh")


def test_printing_opens_the_preview(qtbot, city, qsettings, monkeypatch) -> None:
    window = MainWindow(city, settings=qsettings)
    qtbot.addWidget(window)
    opened: list[str] = []
    from ui.printing import preview

    monkeypatch.setattr(preview.PreviewDialog, "open", lambda self: opened.append(str(self.path)))
    window.show_page("completeness").print_button.click()
    page = window.show_page("targets")
    page.evaluation.print_button.click()
    assert len(opened) == 2 and all(Path(p).suffix == ".pdf" for p in opened)
    for d in window.findChildren(preview.PreviewDialog):
        assert d.testAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        d.close()
