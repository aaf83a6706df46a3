"""The 统计表 page of a city: the city table live with its total row, 未报送 marked, the as-of
date, the records behind a cell (and opening one), export on a worker thread, the unit list
dialog; a county keeps its own page."""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import openpyxl
import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QApplication

from db.connection import open_database
from desktop.ledger import Ledger
from tests.desktop.city_table_helpers import build_county, ok
from ui import i18n
from ui.main_window import MainWindow
from ui.pages.register_page import RegisterPage
from ui.pages.stats_page import StatsPage
from ui.pages.stats_page_city import BehindDialog, CityTablePanel


@pytest.fixture
def city_ledger(tmp_path: Path) -> Iterator[Ledger]:
    """石家庄 with 长安区 (agrees; a product with a mark user) and 桥西区 (typed 3 GI trademarks,
    keeps 2) merged; the 20 others have not reported. Today is 2024-03-01."""
    p1 = build_county(tmp_path, "130102", [50575, 4, 1, 1, 1])
    p2 = build_county(tmp_path, "130104", [37177, 2, 2, 0, 0], typed=[37177, 2, 3, 0, 0])
    city = tmp_path / "city.db"
    ok("--db", str(city), "init", "--office", "130100")
    ok("--db", str(city), "import-packet", str(p1), str(p2))
    ledger = Ledger(open_database(city), today=lambda: date(2024, 3, 1))
    yield ledger
    ledger.close()


@pytest.fixture
def window(qtbot, city_ledger: Ledger, qsettings) -> MainWindow:
    w = MainWindow(city_ledger, settings=qsettings)
    qtbot.addWidget(w)
    w.resize(1024, 700)
    w.show()
    return w


def _panel(window: MainWindow) -> CityTablePanel:
    page = window.show_page("stats")
    assert isinstance(page, StatsPage) and page.city is not None
    QApplication.processEvents()
    return page.city


def test_the_city_table_is_live_with_its_total_and_missing_units(window: MainWindow) -> None:
    panel = _panel(window)
    model = panel.model
    assert model.rowCount() == 23 and model.columnCount() == 8
    cell = lambda r, c: model.data(model.index(r, c))  # noqa: E731 (a short reader)
    assert [cell(0, c) for c in range(7)] == [1, "长安区", 50575, 4, 1, 1, 1]
    assert cell(2, 1) == "裕华区" and cell(2, 7) == "未报送" and cell(2, 2) == ""
    assert model.data(model.index(2, 3), Qt.ItemDataRole.BackgroundRole) is not None
    assert cell(1, 7) == "地理标志商标填报3，台账2"
    assert model.data(model.index(1, 4), Qt.ItemDataRole.ForegroundRole) is not None
    assert [cell(22, c) for c in range(7)] == ["小计", "全市", 50575 + 37177, 6, 4, 1, 1]
    assert "未报送 20" in panel.summary.text() and "裕华区" in panel.summary.text()
    assert "等 20 个" in panel.summary.text() and "小计：87752 6 4 1 1" in panel.summary.text()
    assert "截止到2023年底" in panel.title.text()
    panel.as_of.setDate(QDate(2023, 6, 30))  # before every row: all missing
    assert cell(0, 7) == "未报送" and "截止到2023年6月30日" in panel.title.text()


def _current_id(page: RegisterPage) -> str | None:
    ids = page.selected_ids()
    return ids[0] if ids else None


def test_a_cell_lists_the_records_behind_it_and_opens_one(window: MainWindow, qtbot, monkeypatch) -> None:
    opened: list[tuple[str, str | None]] = []
    monkeypatch.setattr(RegisterPage, "edit_current",
                        lambda self: opened.append((self.kind.key, _current_id(self))))
    panel = _panel(window)
    dialog = panel.show_behind(panel.model.index(0, 6))  # 长安区, 已使用专用标志产品数量
    assert isinstance(dialog, BehindDialog)
    qtbot.addWidget(dialog)
    kinds = [b.kind for b in dialog.records]
    assert kinds == ["stats", "mark-user"]
    dialog.list.selectRow(1)
    dialog.open_selected()
    assert opened == [("mark-user", dialog.records[1].id)]
    products = panel.show_behind(panel.model.index(0, 5))
    assert [b.kind for b in products.records] == ["stats", "gi"]
    name_only = panel.show_behind(panel.model.index(1, 1))
    assert [b.kind for b in name_only.records] == ["stats"]
    missing = panel.show_behind(panel.model.index(2, 2))
    assert missing.records == [] and not missing.open_button.isEnabled()
    for d in (products, name_only, missing):
        d.close()


@pytest.mark.parametrize("suffix", [".xlsx", ".pdf"])
def test_export_runs_off_the_gui_thread(window: MainWindow, qtbot, tmp_path: Path, suffix: str) -> None:
    panel = _panel(window)
    out = tmp_path / f"table{suffix}"
    job = panel.export_to(out)
    with qtbot.waitSignal(job.done, timeout=30_000):
        pass
    assert out.is_file() and panel.last_export == out and panel.xlsx_button.isEnabled()
    if suffix == ".xlsx":
        ws = openpyxl.load_workbook(out)["统计表"]
        assert ws.cell(4, 2).value == "长安区" and ws.cell(6, 8).value == "未报送"


def test_the_unit_list_dialog_edits_the_list(window: MainWindow, qtbot, city_ledger: Ledger) -> None:
    from ui.pages.units_dialog import UnitsDialog

    panel = _panel(window)
    dialog = UnitsDialog(city_ledger, panel)
    qtbot.addWidget(dialog)
    assert dialog.table.rowCount() == 22 and "默认" in dialog.state.text()
    assert dialog.rename("130102", "长安")
    assert dialog.move_to("130104", 1)
    assert dialog.add_code("130181")
    assert dialog.remove_code("130108")
    assert not dialog.add_code("130181")  # listed already: refused, said in a message box
    codes = [dialog.table.item(r, 1).text() for r in range(dialog.table.rowCount())]
    assert codes[:2] == ["130104", "130102"] and codes[-1] == "130181" and "130108" not in codes
    audited = city_ledger.db.conn.execute(
        "SELECT count(*) FROM audit_log WHERE kind = 'unit' AND action = 'delete'").fetchone()[0]
    assert audited == 1
    panel.refresh()
    assert panel.model.data(panel.model.index(1, 1)) == "长安"


@pytest.fixture(autouse=True)
def _no_message_boxes(monkeypatch) -> None:
    from PySide6.QtWidgets import QMessageBox

    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: QMessageBox.StandardButton.Ok)


def test_a_county_keeps_its_page(qtbot, demo_ledger: Ledger, qsettings) -> None:
    w = MainWindow(demo_ledger, settings=qsettings)
    qtbot.addWidget(w)
    page = w.show_page("stats")
    assert isinstance(page, StatsPage) and page.city is None and page.derived is not None


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_page_fits_1024_by_700(qtbot, city_ledger: Ledger, qsettings, lang: str, tmp_path: Path) -> None:
    from tests.ui.test_small_screens import outside

    try:
        assert i18n.install(lang)
        w = MainWindow(city_ledger, settings=qsettings, lang=lang)
        qtbot.addWidget(w)
        w.resize(1024, 700)
        w.show()
        _panel(w)
        QApplication.processEvents()
        assert w.width() == 1024 and outside(w) == []
        w.grab().save(str(tmp_path / f"stats_city_{lang}.png"))
        shots = os.environ.get("GILEDGER_SHOTS")
        if shots:  # a look at the screens by hand: GILEDGER_SHOTS=FOLDER
            w.grab().save(str(Path(shots) / f"stats_city_{lang}.png"))
            panel = _panel(w)
            behind = panel.show_behind(panel.model.index(0, 6))
            behind.grab().save(str(Path(shots) / f"behind_{lang}.png"))
            behind.close()
            from ui.pages.units_dialog import UnitsDialog

            units = UnitsDialog(city_ledger, panel)
            units.show()
            QApplication.processEvents()
            units.grab().save(str(Path(shots) / f"units_{lang}.png"))
            units.close()
    finally:
        i18n.install("zh")
