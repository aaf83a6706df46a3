"""The 数据包 page: a county exports (and drafts the mail), a city dry-runs, accepts and merges.

Dialogs are driven through their methods; message boxes and file dialogs are answered by
monkeypatch. Screenshots of the county page, the city page and the import dialog are saved
under tmp_path (and copied to /tmp for a look).
"""

from __future__ import annotations

import email
import shutil
import sqlite3
from collections.abc import Iterator
from datetime import date
from email import policy
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from db import meta
from db import packets as packet_queries
from db.connection import open_database
from desktop.demo import generate_demo
from desktop.ledger import Ledger, init_office
from desktop.packets.export import ExportResult, export_packet
from ui.operations import Job
from ui.packets import export_dialog as export_module
from ui.packets.import_dialog import (
    COL_ACCEPT,
    COL_COUNTS,
    COL_FILE,
    COL_OFFICE,
    COL_STATUS,
    ImportDialog,
)
from ui.pages.packets_page import PacketsPage

TODAY = date(2026, 11, 21)
COPIES = Path("/tmp")


def _county(folder: Path, seed: int = 7) -> Ledger:
    folder.mkdir(parents=True, exist_ok=True)
    db = open_database(folder / "county.db")
    generate_demo(db, size="small", seed=seed, today=TODAY, clerk="县局测试员")
    return Ledger(db, today=lambda: TODAY)


@pytest.fixture
def county(tmp_path: Path) -> Iterator[Ledger]:
    """County 130125 (行唐县) with the small demo, in its own folder."""
    ledger = _county(tmp_path / "county")
    yield ledger
    ledger.close()


@pytest.fixture
def city(tmp_path: Path) -> Iterator[Ledger]:
    """City 130100 (石家庄市), empty, in its own folder."""
    folder = tmp_path / "city"
    folder.mkdir()
    db = open_database(folder / "city.db")
    init_office(db, "130100", clerk="市局测试员")
    ledger = Ledger(db, today=lambda: TODAY)
    yield ledger
    ledger.close()


@pytest.fixture
def answers(monkeypatch: pytest.MonkeyPatch) -> dict[str, list[Any]]:
    """Message boxes answered Yes/OK without showing; what they said is kept."""
    said: dict[str, list[Any]] = {"information": [], "warning": [], "question": []}

    def fake(kind: str, answer: QMessageBox.StandardButton):  # type: ignore[no-untyped-def]
        def box(*args: Any, **kwargs: Any) -> QMessageBox.StandardButton:
            said[kind].append(args[1:3])
            return answer
        return box

    monkeypatch.setattr(QMessageBox, "information", fake("information", QMessageBox.StandardButton.Ok))
    monkeypatch.setattr(QMessageBox, "warning", fake("warning", QMessageBox.StandardButton.Ok))
    monkeypatch.setattr(QMessageBox, "question", fake("question", QMessageBox.StandardButton.Yes))
    return said


def _wait(qtbot, job: Job | None, timeout: int = 30000) -> None:  # type: ignore[no-untyped-def]
    assert job is not None
    with qtbot.waitSignal(job.done, timeout=timeout):
        pass


def _wait_plans(qtbot, dialog: ImportDialog) -> None:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: dialog.job is None and not any(e.planning for e in dialog.entries),
                    timeout=30000)


def _shot(widget: QWidget, tmp_path: Path, name: str) -> Path:
    image = widget.grab()
    assert not image.isNull()
    path = tmp_path / name
    assert image.save(str(path))
    assert path.stat().st_size > 5_000, f"{name} looks empty"
    try:
        shutil.copyfile(path, COPIES / name)
    except OSError:
        pass
    return path


def _texts(table: Any, row: int) -> list[str]:
    return [table.item(row, c).text() if table.item(row, c) else "" for c in range(table.columnCount())]


def _export(county: Ledger) -> ExportResult:
    return export_packet(county)


# ---- county -------------------------------------------------------------------------------------

def test_the_county_page_exports_a_packet_and_logs_it(qtbot, county, tmp_path, answers,
                                                      monkeypatch) -> None:  # type: ignore[no-untyped-def]
    page = PacketsPage(county)
    qtbot.addWidget(page)
    page.show()
    assert page.action_button.text() == "导出数据包"
    assert page.office_table is None
    assert page.log_table.rowCount() == 0
    assert "首次导出为第 1 号" in page.summary.text()

    dialog = page.open_export()
    assert dialog.sequence == 1
    assert dialog.default_path.parent == county.path.parent / "packets" / "sent"
    assert dialog.default_path.name.startswith("130125_行唐县_数据包_0001_")
    dialog.period_edit.setText("2026年第四季度")
    dialog.email_edit.setText("not an address")
    assert dialog.start_export() is None  # refused: the address
    assert answers["warning"]
    dialog.email_edit.setText("sjz-scjg@example.cn")
    job = dialog.start_export()
    _wait(qtbot, job)
    result = dialog.result
    assert result is not None and result.sequence == 1 and result.path == dialog.default_path
    assert result.path.is_file() and result.rows > 100
    assert meta.get_setting(county.db, "city_email") == "sjz-scjg@example.cn"
    assert not dialog.result_box.isHidden()
    assert result.fingerprint in dialog.result_label.text()
    assert not dialog.export_button.isEnabled()  # the next export is the next number

    log = packet_queries.packet_log(county.db)
    assert [(e.direction, e.sequence, e.status) for e in log] == [("sent", 1, "exported")]
    assert page.log_table.rowCount() == 1
    row = _texts(page.log_table, 0)
    assert row[1:5] == ["发出", "行唐县（130125）", "第 1 号", "已导出"]
    assert row[5] == result.path.name
    assert row[0].startswith("20")  # local time, 2026-11-21 20:12:37
    assert "下次导出为第 2 号" in page.summary.text()
    assert result.fingerprint in page.summary.text()

    _shot(dialog, tmp_path, "packets_export.png")
    opened: list[Path] = []
    monkeypatch.setattr(export_module.common, "open_path", lambda p: opened.append(Path(p)) or True)
    eml = dialog.make_mail()
    assert eml == result.path.with_suffix(".eml") and opened == [eml]
    msg = email.message_from_bytes(eml.read_bytes(), policy=policy.default)
    assert msg["To"] == "sjz-scjg@example.cn"
    assert msg["Subject"] == "地理标志台账数据包 行唐县 第1号"
    assert msg["X-Unsent"] == "1"
    part = next(msg.iter_attachments())
    assert part.get_filename() == result.path.name
    assert part.get_payload(decode=True) == result.path.read_bytes()
    dialog.open_folder()
    assert opened[-1] == result.path.parent
    dialog.close()

    again = page.open_export()  # remembers the address, offers the next number
    assert again.email_edit.text() == "sjz-scjg@example.cn"
    assert again.sequence == 2 and "_0002_" in again.default_path.name
    again.close()

    page.resize(1100, 720)
    _shot(page, tmp_path, "packets_county.png")


def test_an_export_to_a_chosen_file_after_browsing(qtbot, county, tmp_path, answers,
                                                   monkeypatch) -> None:  # type: ignore[no-untyped-def]
    page = PacketsPage(county)
    qtbot.addWidget(page)
    dialog = page.open_export()
    chosen = tmp_path / "elsewhere" / "第一次报送"
    chosen.parent.mkdir()
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(chosen), ""))
    dialog.browse.click()
    assert dialog.path_edit.text() == str(chosen) + ".xlsx"
    _wait(qtbot, dialog.start_export())
    assert dialog.result is not None and dialog.result.path == chosen.with_suffix(".xlsx")
    assert chosen.with_suffix(".xlsx").is_file()
    assert meta.get_setting(county.db, "city_email") is None  # nothing typed, nothing kept
    assert dialog.make_mail() is None  # no address yet: the clerk is asked for one
    assert answers["information"]


def test_a_county_lists_dropped_files_without_importing(qtbot, county, tmp_path) -> None:  # type: ignore[no-untyped-def]
    page = PacketsPage(county)
    qtbot.addWidget(page)
    dropped = tmp_path / "130125_行唐县_第3号.xlsx"
    dropped.write_bytes(b"PK")
    page.receive_files([dropped])
    assert page.received.item(0).text() == str(dropped)
    assert not page.received_box.isHidden()
    assert page.import_dialog is None


# ---- city ---------------------------------------------------------------------------------------

def test_a_city_dry_runs_checks_the_key_and_merges(qtbot, county, city, tmp_path, answers) -> None:  # type: ignore[no-untyped-def]
    sent = _export(county)
    page = PacketsPage(city)
    qtbot.addWidget(page)
    page.show()
    assert page.action_button.text() == "导入数据包"
    assert page.office_table is not None and page.office_table.rowCount() >= 20  # 石家庄's counties
    assert page.log_table.rowCount() == 0
    merged_signals: list[bool] = []
    page.data_changed.connect(lambda: merged_signals.append(True))

    dialog = page.open_import([sent.path])
    assert isinstance(dialog, ImportDialog) and dialog.isVisible()
    _wait_plans(qtbot, dialog)
    table = dialog.table
    assert table.rowCount() == 1
    row = _texts(table, 0)
    assert row[COL_OFFICE] == "行唐县（130125）"
    assert row[COL_STATUS] == "可以合并（待核对指纹）"
    assert row[COL_FILE] == sent.path.name
    total = sum(county.count(k, include_deleted=True) for k in
                [s.kind for s in dialog.entries[0].plan.summaries.values()])
    assert int(row[COL_COUNTS]) == total == sent.rows  # everything new
    assert [int(x) for x in row[COL_COUNTS + 1:COL_COUNTS + 5]] == [0, 0, 0, 0]
    assert dialog.kind_table.rowCount() == len(dialog.entries[0].plan.summaries)
    assert _texts(dialog.kind_table, 0)[:2] == ["普查资源", str(county.count("resource", include_deleted=True))]
    assert "可以合并" in dialog.report.toPlainText()

    # the key is pinned on the first packet: nothing can be merged before the phone check
    assert not dialog.key_frame.isHidden()
    assert dialog.fingerprint_label.text() == sent.fingerprint
    assert not dialog.set_accepted(0, True)
    assert not dialog.merge_button.isEnabled()
    dialog.resize(1100, 760)
    _shot(dialog, tmp_path, "packets_import.png")
    dialog.verify_fingerprint()
    assert dialog.entries[0].accepted
    assert table.item(0, COL_ACCEPT).checkState() == Qt.CheckState.Checked
    assert _texts(table, 0)[COL_STATUS] == "可以合并"
    assert dialog.set_accepted(0, False) and not dialog.merge_button.isEnabled()
    assert dialog.set_accepted(0, True) and dialog.merge_button.isEnabled()

    _wait(qtbot, dialog.merge_accepted())
    assert [o.result for o in dialog.outcomes] == ["merged"]
    assert "合并了 1 个数据包" in answers["information"][-1][1]
    for kind in ("resource", "mark-user", "annual-report", "inspection"):
        assert city.count(kind) == county.count(kind) > 0
    assert merged_signals == [True]
    _wait_plans(qtbot, dialog)
    assert _texts(table, 0)[COL_STATUS] == "无需导入"  # the same packet again changes nothing
    assert not dialog.merge_button.isEnabled()

    log = _texts(page.log_table, 0)
    assert log[1:5] == ["收到", "行唐县（130125）", "第 1 号", "已合并"]
    codes = [page.office_table.item(r, 0).text() for r in range(page.office_table.rowCount())]
    office = _texts(page.office_table, codes.index("行唐县（130125）"))
    assert office[1] == "第 1 号" and office[3] == sent.fingerprint and office[2]
    assert "已有 1 个报送过" in page.summary.text()
    dialog.close()
    assert page.import_dialog is None
    page.resize(1100, 720)
    _shot(page, tmp_path, "packets_city.png")


def test_a_refused_packet_cannot_be_accepted_and_gives_a_workbook(qtbot, county, city, tmp_path,
                                                                   answers, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from openpyxl import load_workbook

    sent = _export(county)
    edited = tmp_path / "edited.xlsx"
    wb = load_workbook(sent.path)
    wb["普查资源"].cell(row=2, column=2).value = "行唐大枣（县局手改）"
    wb.save(edited)
    page = PacketsPage(city)
    qtbot.addWidget(page)
    dialog = page.open_import([edited])
    _wait_plans(qtbot, dialog)
    entry = dialog.entries[0]
    assert entry.plan is not None and entry.plan.status == "refused" and entry.plan.edits
    assert _texts(dialog.table, 0)[COL_STATUS] == "拒绝"
    assert not dialog.set_accepted(0, True)
    assert not entry.accepted and not dialog.merge_button.isEnabled()
    assert dialog.key_frame.isHidden()
    assert not dialog.re_enrol_button.isEnabled()  # not a key problem
    assert "导出后被修改" in dialog.report.toPlainText()

    target = tmp_path / "问题"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    assert dialog.workbook_button.isEnabled()
    saved = dialog.save_error_workbook()
    assert saved == target.with_suffix(".xlsx") and saved.is_file()
    assert "问题清单" in load_workbook(saved).sheetnames

    # accepting the edits (after a confirmation) plans the packet again
    dialog.accept_edited_box.setChecked(True)
    assert answers["question"]
    _wait_plans(qtbot, dialog)
    assert entry.accept_edited and entry.plan is not None and entry.plan.status == "merge"
    assert any("已按要求接受" in w for w in entry.plan.warnings)
    dialog.verify_fingerprint()
    assert entry.accepted
    _wait(qtbot, dialog.merge_accepted())
    assert [o.result for o in dialog.outcomes] == ["merged"]
    names = {r.values["name"] for r in city.list("resource")}
    assert "行唐大枣（县局手改）" in names
    _wait_plans(qtbot, dialog)


def test_declining_the_confirmation_leaves_the_packet_refused(qtbot, county, city, tmp_path,
                                                              monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from openpyxl import load_workbook

    sent = _export(county)
    edited = tmp_path / "edited.xlsx"
    wb = load_workbook(sent.path)
    wb["普查资源"].cell(row=2, column=2).value = "改过"
    wb.save(edited)
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.No)
    page = PacketsPage(city)
    qtbot.addWidget(page)
    dialog = page.open_import([edited])
    _wait_plans(qtbot, dialog)
    dialog.accept_edited_box.setChecked(True)
    assert not dialog.accept_edited_box.isChecked()
    assert not dialog.entries[0].accept_edited and dialog.job is None
    dialog.close()


def test_a_new_key_is_refused_until_the_office_is_re_enrolled(qtbot, county, city, tmp_path,
                                                              answers) -> None:  # type: ignore[no-untyped-def]
    from desktop.packets.importer import apply_import, plan_import

    first = _export(county)
    plan = plan_import(city, first.path)
    assert apply_import(city, plan).merged  # key of the first county file pinned
    copy = tmp_path / "reinstalled" / "county.db"  # the same county's data on a new PC: new key
    copy.parent.mkdir()
    target = sqlite3.connect(copy)
    county.db.conn.backup(target)
    target.execute("DELETE FROM office_keys")
    target.commit()
    target.close()
    reinstalled = Ledger.open(copy)
    try:
        second = export_packet(reinstalled)  # number 2: newer than the one merged
    finally:
        reinstalled.close()
    assert second.sequence == 2
    page = PacketsPage(city)
    qtbot.addWidget(page)
    dialog = page.open_import([second.path])
    _wait_plans(qtbot, dialog)
    entry = dialog.entries[0]
    assert entry.plan is not None and entry.plan.status == "refused"
    assert not dialog.set_accepted(0, True)
    assert dialog.re_enrol_button.isEnabled()
    assert dialog.re_enrol_selected()
    assert "另一把密钥" in answers["question"][-1][1]
    _wait_plans(qtbot, dialog)
    assert entry.re_enrol and entry.plan is not None and entry.plan.status == "merge"
    assert entry.plan.pin_needed and not dialog.key_frame.isHidden()
    assert "重新登记" in dialog.key_note.text()
    assert dialog.fingerprint_label.text() == second.fingerprint != first.fingerprint
    assert not entry.accepted
    dialog.verify_fingerprint()
    _wait(qtbot, dialog.merge_accepted())
    assert [(o.result, o.error) for o in dialog.outcomes] == [("merged", "")]
    assert packet_queries.pinned(city.db, "130125").key_fingerprint == second.fingerprint
    _wait_plans(qtbot, dialog)


def test_dropped_files_open_the_import_dialog(qtbot, county, city, tmp_path, answers) -> None:  # type: ignore[no-untyped-def]
    sent = _export(county)
    junk = tmp_path / "not_a_packet.xlsx"
    junk.write_bytes(b"PK this is not a workbook")
    page = PacketsPage(city)
    qtbot.addWidget(page)
    page.receive_files([sent.path])
    dialog = page.import_dialog
    assert dialog is not None and dialog.isVisible()
    assert [e.path for e in dialog.entries] == [sent.path]
    _wait_plans(qtbot, dialog)
    page.receive_files([sent.path, junk])  # the same file once; the new one added
    assert page.import_dialog is dialog
    assert [e.path for e in dialog.entries] == [sent.path, junk]
    _wait_plans(qtbot, dialog)
    assert _texts(dialog.table, 1)[COL_STATUS] == "拒绝"
    assert not dialog.set_accepted(1, True)
    dialog.table.selectRow(1)
    assert "拒绝" in dialog.report.toPlainText()
    assert not dialog.workbook_button.isEnabled()  # nothing readable to mark up
    assert page.received.count() == 3


def test_the_import_button_asks_for_several_files(qtbot, county, city, tmp_path,
                                                  monkeypatch) -> None:  # type: ignore[no-untyped-def]
    one = _export(county)
    two = export_packet(county)
    monkeypatch.setattr(QFileDialog, "getOpenFileNames",
                        lambda *a, **k: ([str(one.path), str(two.path)], ""))
    page = PacketsPage(city)
    qtbot.addWidget(page)
    page.action_button.click()
    dialog = page.import_dialog
    assert dialog is not None
    _wait_plans(qtbot, dialog)
    assert [e.plan.sequence for e in dialog.entries if e.plan] == [1, 2]
    assert all(e.plan.status == "merge" for e in dialog.entries if e.plan)
    dialog.close()
