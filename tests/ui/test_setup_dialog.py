"""The first-run setup dialog: search the division list, create an initialised database."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QMessageBox

from db import meta
from db.connection import open_database
from desktop.ledger import Ledger
from ui.setup_dialog import SetupDialog


def _pick(dialog: SetupDialog, text: str, code: str) -> None:
    dialog.search.setText(text)
    for row in range(dialog.results.count()):
        if dialog.results.item(row).text().startswith(code):
            dialog.results.setCurrentRow(row)
            return
    raise AssertionError(f"{code} not offered for {text!r}")


def test_search_by_name_and_create_a_county_database(qtbot, tmp_path: Path) -> None:
    path = tmp_path / "行唐县台账.db"
    dialog = SetupDialog(path)
    qtbot.addWidget(dialog)
    assert not dialog.create_button.isEnabled()
    _pick(dialog, "行唐", "130125")
    assert "县级模式" in dialog.mode.text()
    dialog.clerk.setText("张三")
    assert dialog.create()
    assert dialog.chosen_path == path
    with Ledger.open(path) as ledger:
        assert ledger.office.code == "130125" and ledger.mode == "county"
        assert ledger.actor.clerk in ("张三", "测试员")  # GILEDGER_CLERK may override in tests
        assert meta.get_setting(ledger.db, "clerk") == "张三"
        assert ledger.count("resource") == 0


def test_a_city_code_starts_city_mode_and_demo_data_can_be_filled_in(qtbot, tmp_path: Path) -> None:
    dialog = SetupDialog(tmp_path / "city.db")
    qtbot.addWidget(dialog)
    _pick(dialog, "130100", "130100")
    assert "市级模式" in dialog.mode.text()
    assert dialog.create()
    with Ledger.open(tmp_path / "city.db") as ledger:
        assert ledger.mode == "city"

    county = SetupDialog(tmp_path / "demo.db")
    qtbot.addWidget(county)
    _pick(county, "晋州", "130183")
    county.demo.setChecked(True)
    assert county.create()
    with Ledger.open(tmp_path / "demo.db") as ledger:
        assert ledger.count("mark-user") > 0 and meta.get_setting(ledger.db, "demo") == "small"


def test_an_existing_file_is_opened_not_overwritten(qtbot, tmp_path: Path, monkeypatch) -> None:
    path = tmp_path / "county.db"
    dialog = SetupDialog(path)
    qtbot.addWidget(dialog)
    _pick(dialog, "赞皇", "130129")
    assert dialog.create()
    db = open_database(path)
    before = db.conn.execute("SELECT count(*) FROM audit_log").fetchone()[0]
    db.close()
    again = SetupDialog(path)
    qtbot.addWidget(again)
    _pick(again, "正定", "130123")
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    assert again.create()
    with Ledger.open(path) as ledger:
        assert ledger.office.code == "130129"  # the file kept its office
    db = open_database(path)
    assert db.conn.execute("SELECT count(*) FROM audit_log").fetchone()[0] == before
    db.close()
