"""The window's side of demo and training data (desktop.practice) and of files that are not packets:
the export dialog of a demo database warns and asks before exporting, its mail draft says so, a
training database has its banner, and the import dialog tells an ordinary spreadsheet apart
from a packet without giving it a packet number."""

from __future__ import annotations

import email
from collections.abc import Iterator
from datetime import date
from email import policy
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from PySide6.QtWidgets import QMessageBox

from db.connection import open_database
from desktop import practice
from desktop.demo import generate_demo
from desktop.ledger import Ledger, init_office
from desktop.packets.reader import WHAT_A_PACKET_IS
from ui.main_window import MainWindow
from ui.operations import Job
from ui.packets import export_dialog as export_module
from ui.packets.export_dialog import ExportDialog
from ui.packets.import_dialog import COL_SEQUENCE, COL_STATUS, ImportDialog

TODAY = date(2026, 11, 21)


def _ledger(folder: Path, code: str, kind: str) -> Ledger:
    folder.mkdir(parents=True)
    db = open_database(folder / "office.db")
    if kind == "demo":
        generate_demo(db, size="small", seed=7, office_code=code, today=TODAY, clerk="测试员")
    else:
        init_office(db, code, clerk="测试员")
        if kind == "training":
            practice.mark_training(db)
    return Ledger(db, today=lambda: TODAY)


@pytest.fixture
def ledgers(tmp_path: Path) -> Iterator[Any]:
    opened: list[Ledger] = []

    def make(code: str, kind: str) -> Ledger:
        led = _ledger(tmp_path / f"{code}-{kind}", code, kind)
        opened.append(led)
        return led

    yield make
    for led in opened:
        led.close()


@pytest.fixture
def questions(monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    """QMessageBox.question answered with ``said["answer"]`` (Yes unless changed); what it asked
    is kept."""
    said: dict[str, Any] = {"asked": [], "answer": QMessageBox.StandardButton.Yes}

    def question(*args: Any, **kwargs: Any) -> QMessageBox.StandardButton:
        said["asked"].append(args[1:3])
        return said["answer"]

    monkeypatch.setattr(QMessageBox, "question", question)
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: QMessageBox.StandardButton.Ok)
    return said


def _wait(qtbot: Any, job: Job | None) -> None:
    assert job is not None
    with qtbot.waitSignal(job.done, timeout=30000):
        pass


def _shot(widget: Any, tmp_path: Path, name: str) -> None:
    image = widget.grab()
    assert not image.isNull() and image.save(str(tmp_path / name))


def test_the_export_dialog_of_a_demo_database_warns_and_asks_first(qtbot, ledgers, questions,
                                                                  tmp_path, monkeypatch) -> None:
    county = ledgers("130125", "demo")
    dialog = ExportDialog(county)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.practice_warning.isVisible()
    assert "演示数据库" in dialog.practice_warning.text()
    assert "不得用于报送" in dialog.practice_warning.text()
    _shot(dialog, tmp_path, "export_demo.png")

    questions["answer"] = QMessageBox.StandardButton.No
    assert dialog.start_export() is None  # declined: nothing written
    assert len(questions["asked"]) == 1 and "演示数据" in questions["asked"][0][1]
    assert not dialog.default_path.exists() and dialog.result is None

    questions["answer"] = QMessageBox.StandardButton.Yes
    dialog.email_edit.setText("sjz-scjg@example.cn")
    _wait(qtbot, dialog.start_export())
    result = dialog.result
    assert result is not None and result.not_for_reporting == practice.DEMO
    assert "演示/培训数据" in dialog.result_label.text()
    monkeypatch.setattr(export_module.common, "open_path", lambda p: True)
    eml = dialog.make_mail()
    assert eml is not None
    msg = email.message_from_bytes(eml.read_bytes(), policy=policy.default)
    assert msg["Subject"].startswith("【演示数据】")
    assert msg.get_body(("plain",)).get_content().startswith("演示数据：")
    dialog.close()


def test_the_export_dialog_of_a_real_database_says_nothing_of_it(qtbot, ledgers, questions) -> None:
    county = ledgers("130125", "real")
    dialog = ExportDialog(county)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.practice_warning.isHidden()
    _wait(qtbot, dialog.start_export())
    assert questions["asked"] == []
    assert dialog.result is not None and dialog.result.not_for_reporting is None
    assert "演示" not in dialog.result_label.text()


def test_a_training_database_warns_in_the_export_dialog_and_the_window(qtbot, ledgers, questions,
                                                                     qsettings, tmp_path) -> None:
    city = ledgers("130100", "training")
    dialog = ExportDialog(city)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.practice_warning.isVisible() and "培训数据库" in dialog.practice_warning.text()
    window = MainWindow(city, settings=qsettings)
    qtbot.addWidget(window)
    window.resize(1024, 700)
    window.show()
    banner = window.findChild(type(dialog.practice_warning), "training_banner")
    assert banner is not None and banner.isVisible() and "培训数据库" in banner.text()
    _shot(window, tmp_path, "training_window.png")


def test_the_import_dialog_tells_an_ordinary_spreadsheet_from_a_packet(qtbot, ledgers, questions,
                                                                       tmp_path) -> None:
    city = ledgers("130100", "real")
    plain = tmp_path / "资源表.xlsx"
    wb = openpyxl.Workbook()
    wb.active.append(["编号", "产品名称"])
    wb.active.append(["R-130125-000001", "行唐大枣"])
    wb.save(plain)
    dialog = ImportDialog(city)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.add_files([plain])
    qtbot.waitUntil(lambda: dialog.job is None and not any(e.planning for e in dialog.entries),
                    timeout=30000)
    report = dialog.report.toPlainText()
    assert "第 0 号" not in report and "packet 0" not in report
    assert report.startswith("资源表.xlsx：拒绝导入")  # the Chinese window: Chinese only
    assert "refused" not in report and WHAT_A_PACKET_IS[1] not in report
    assert "普通的 Excel 表格" in report and WHAT_A_PACKET_IS[0] in report
    assert dialog.table.item(0, COL_SEQUENCE).text() == "—"
    status = dialog.table.item(0, COL_STATUS)
    assert status.text() == "拒绝" and WHAT_A_PACKET_IS[0] in status.toolTip()
    _shot(dialog, tmp_path, "import_plain.png")
    dialog.close()


def test_a_demo_citys_reference_packet_made_on_the_page_says_it_is_demo_data(qtbot, ledgers, questions,
                                                                          tmp_path, monkeypatch) -> None:
    from PySide6.QtWidgets import QFileDialog

    from ui.pages.packets_page import PacketsPage

    city = ledgers("130100", "demo")
    target = tmp_path / "reference.xlsx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    questions["answer"] = QMessageBox.StandardButton.No  # do not open the folder
    page = PacketsPage(city)
    qtbot.addWidget(page)
    _wait(qtbot, page.make_reference_packet())
    assert target.is_file()
    _title, text = questions["asked"][-1]
    assert "已标为演示/培训数据" in text and "不得用于报送" in text
