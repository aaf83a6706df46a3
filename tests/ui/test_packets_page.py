"""The 数据包 page: a county exports (and drafts the mail), a city dry-runs, accepts and merges;
the city makes receipts, restore and reference packets, and a county imports them.

Dialogs are driven through their methods; message boxes and file dialogs are answered by
monkeypatch. Screenshots of the pages and dialogs are saved under tmp_path.
"""

from __future__ import annotations

import email
import sqlite3
from collections.abc import Iterator
from datetime import date
from email import policy
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox, QWidget

from db import meta
from db import packets as packet_queries
from db.connection import open_database, transaction
from desktop.demo import generate_demo
from desktop.ledger import Ledger, init_office
from desktop.packets.export import ExportResult, export_packet
from ui.operations import Job
from ui.packets import common
from ui.packets import export_dialog as export_module
from ui.packets.import_dialog import (
    COL_ACCEPT,
    COL_COUNTS,
    COL_FILE,
    COL_OFFICE,
    COL_STATUS,
    ImportDialog,
)
from ui.packets.special_dialog import SpecialImportDialog
from ui.pages.packets_page import PacketsPage

TODAY = date(2026, 11, 21)


def _county(folder: Path, seed: int = 7, *, demo: bool = False) -> Ledger:
    """A county filled with the small demo; unless ``demo``, the records stand in for a real
    county's (the ``demo`` setting cleared), so a real city takes its packets."""
    folder.mkdir(parents=True, exist_ok=True)
    db = open_database(folder / "county.db")
    generate_demo(db, size="small", seed=seed, today=TODAY, clerk="县局测试员")
    if not demo:
        with transaction(db):
            meta.set_setting(db, "demo", None)
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

    def fake(kind: str, answer: QMessageBox.StandardButton):
        def box(*args: Any, **kwargs: Any) -> QMessageBox.StandardButton:
            said[kind].append(args[1:3])
            return answer
        return box

    monkeypatch.setattr(QMessageBox, "information", fake("information", QMessageBox.StandardButton.Ok))
    monkeypatch.setattr(QMessageBox, "warning", fake("warning", QMessageBox.StandardButton.Ok))
    monkeypatch.setattr(QMessageBox, "question", fake("question", QMessageBox.StandardButton.Yes))
    return said


def _wait(qtbot, job: Job | None, timeout: int = 30000) -> None:
    assert job is not None
    with qtbot.waitSignal(job.done, timeout=timeout):
        pass


def _wait_special(qtbot, dialog: SpecialImportDialog) -> None:
    qtbot.waitUntil(lambda: not dialog.busy and (dialog.preview is not None or bool(dialog.error)),
                    timeout=30000)


def _wait_plans(qtbot, dialog: ImportDialog) -> None:
    qtbot.waitUntil(lambda: dialog.job is None and not any(e.planning for e in dialog.entries),
                    timeout=30000)


def _shot(widget: QWidget, tmp_path: Path, name: str) -> Path:
    for _ in range(3):  # pending (nested) layout requests first, as before a paint
        QApplication.processEvents()
    image = widget.grab()
    assert not image.isNull()
    path = tmp_path / name
    assert image.save(str(path))
    assert path.stat().st_size > 5_000, f"{name} looks empty"
    return path


def _texts(table: Any, row: int) -> list[str]:
    return [table.item(row, c).text() if table.item(row, c) else "" for c in range(table.columnCount())]


def _export(county: Ledger) -> ExportResult:
    return export_packet(county)


# ---- county -------------------------------------------------------------------------------------

def test_the_county_page_exports_a_packet_and_logs_it(qtbot, county, tmp_path, answers,
                                                      monkeypatch) -> None:
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
                                                   monkeypatch) -> None:
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


def test_a_county_dry_runs_a_dropped_file_and_refuses_what_is_not_the_citys(qtbot, county, tmp_path,
                                                                           answers) -> None:
    page = PacketsPage(county)
    qtbot.addWidget(page)
    dropped = tmp_path / "130125_行唐县_第3号.xlsx"
    dropped.write_bytes(b"PK")
    own = _export(county)  # the county's own packet: the city imports it, not the county
    page.receive_files([dropped, own.path])
    assert page.received.item(0).text() == str(dropped)
    assert page.import_dialog is None
    dialog = page.special_dialog
    assert isinstance(dialog, SpecialImportDialog) and dialog.isVisible()
    assert [p.name for p in page.special_queue] == [own.path.name]  # one file at a time
    _wait_special(qtbot, dialog)
    assert dialog.preview is not None and dialog.preview.status == "refused"
    assert dialog.outcome.text().startswith("不能导入：")
    assert not dialog.import_button.isEnabled() and dialog.import_now() is None
    assert dialog.key_frame.isHidden() and dialog.re_enrol_button.isHidden()
    dialog.resize(820, 640)
    _shot(dialog, tmp_path, "packets_refused_dialog.png")
    dialog.close()
    second = page.special_dialog  # the next file follows
    assert second is not None and second is not dialog and second.path == own.path
    _wait_special(qtbot, second)
    assert second.preview is not None and second.preview.status == "refused"
    assert "县级报送数据包由市局导入" in second.outcome.text()
    assert "this file is a county packet" in second.preview.refusals[0].en  # the core's English too
    assert "this file is a county packet" not in second.report.toPlainText()  # shown in Chinese only
    second.close()
    assert page.special_dialog is None and not page.special_queue
    log = packet_queries.packet_log(county.db)  # dry runs write nothing
    assert [(e.direction, e.status) for e in log] == [("sent", "exported")]


# ---- city ---------------------------------------------------------------------------------------

def test_a_city_dry_runs_checks_the_key_and_merges(qtbot, county, city, tmp_path, answers) -> None:
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
                                                                   answers, monkeypatch) -> None:
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
                                                              monkeypatch) -> None:
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
                                                              answers) -> None:
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


def test_dropped_files_open_the_import_dialog(qtbot, county, city, tmp_path, answers) -> None:
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
                                                  monkeypatch) -> None:
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


# ---- what the city sends back: receipts, restore and reference packets --------------------------

CITY_GI = {"name": "赵州雪梨", "gi_type": "certification_mark", "reference_no": "99000001"}
CITY_PLAN = {"name": "2026年市级抽查计划", "year": 2026, "sample_count": 3}


def _merged(city: Ledger, path: Path) -> None:
    from desktop.packets.importer import apply_import, plan_import

    assert apply_import(city, plan_import(city, path)).merged


@pytest.fixture
def opened(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """Folders and files the page asks the system to open (nothing is opened)."""
    said: list[Path] = []
    monkeypatch.setattr(common, "open_path", lambda p: said.append(Path(p)) or True)
    return said


def _save_as(monkeypatch: pytest.MonkeyPatch, target: Path) -> list[str]:
    """Answer the next save dialogs with ``target``; the suggested names are kept."""
    suggested: list[str] = []

    def save(_parent: Any, _title: str, name: str, _filter: str = "") -> tuple[str, str]:
        suggested.append(name)
        return str(target), ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", save)
    return suggested


def test_a_county_imports_a_receipt_and_the_log_shows_it_received(qtbot, county, city, tmp_path,
                                                                   answers) -> None:
    from desktop.packets.special import make_receipt

    sent = _export(county)
    _merged(city, sent.path)
    receipt = make_receipt(city, sent.path, tmp_path / "回执.xlsx")
    page = PacketsPage(county)
    qtbot.addWidget(page)
    page.show()
    assert "尚未收到市局回执" in page.summary.text()
    changed: list[bool] = []
    page.data_changed.connect(lambda: changed.append(True))
    assert page.city_file_button is not None and page.city_file_button.text() == "导入市局文件…"

    page.import_city_files([receipt])
    dialog = page.special_dialog
    assert dialog is not None
    _wait_special(qtbot, dialog)
    preview = dialog.preview
    assert preview is not None and preview.status == "merge" and preview.packet_kind == "receipt"
    assert dialog.windowTitle() == "导入回执"
    assert dialog.headline.text() == "回执：石家庄市（130100）"
    assert dialog.kind_label.text() == "回执"
    assert dialog.office_label.text() == "石家庄市（130100）"
    assert dialog.sequence_label.text() == "本单位第 1 号数据包的回执"
    city_fp = preview.fingerprint
    assert city_fp and "首次收到" in dialog.key_label.text() and city_fp in dialog.key_label.text()
    assert "可以导入（试导入，未写入）" in dialog.report.toPlainText()  # (Chinese only: issue 11)
    # the city's key is new here: nothing is imported before the phone check
    assert not dialog.key_frame.isHidden()
    assert dialog.fingerprint_label.text() == city_fp
    assert dialog.verified_box.text() == "已与市局核对指纹"
    assert not dialog.import_button.isEnabled() and dialog.import_now() is None
    dialog.resize(820, 640)
    _shot(dialog, tmp_path, "packets_receipt_dialog.png")
    dialog.verify_fingerprint()
    assert dialog.import_button.isEnabled()

    _wait(qtbot, dialog.import_now())
    result = dialog.result
    assert result is not None and result.status == "merge"
    assert dialog.outcome.text() == "已导入回执：本单位第 1 号数据包已标记为已收到回执。"
    assert "：已导入" in dialog.report.toPlainText() and "imported" not in dialog.report.toPlainText()
    assert dialog.import_button.isHidden() and dialog.close_button.text() == "完成"
    assert changed == [True]
    assert packet_queries.pinned(county.db, "130100").key_fingerprint == city_fp

    rows = [_texts(page.log_table, r) for r in range(page.log_table.rowCount())]
    by_direction = {r[1]: r for r in rows}
    assert by_direction["发出"][3:5] == ["第 1 号", "已收到回执（市局已合并）"]
    assert by_direction["回执"][2:5] == ["行唐县（130125）", "第 1 号", "已收到回执（市局已合并）"]
    assert "第 1 号数据包已收到市局回执：市局已合并" in page.summary.text()
    dialog.close()
    assert page.special_dialog is None

    page.receive_files([receipt])  # the same receipt again: nothing to do
    again = page.special_dialog
    assert again is not None
    _wait_special(qtbot, again)
    assert again.preview is not None and again.preview.status == "nothing"
    assert again.outcome.text().startswith("无需导入") and not again.import_button.isEnabled()
    assert "与已登记的一致" in again.key_label.text() and again.key_frame.isHidden()
    again.close()
    page.resize(1100, 720)
    _shot(page, tmp_path, "packets_county2.png")


def test_a_city_makes_a_receipt_a_restore_and_a_reference_packet(qtbot, county, city, tmp_path, answers,
                                                                   opened, monkeypatch) -> None:
    from desktop.packets.reader import read_packet

    sent = _export(county)
    _merged(city, sent.path)
    city.add("gi", CITY_GI)
    page = PacketsPage(city)
    qtbot.addWidget(page)
    page.show()
    assert [b.text() for b in (page.receipt_button, page.restore_button, page.reference_button)] == [
        "生成回执…", "生成恢复数据包…", "生成参考数据包…"]
    assert page.city_file_button is None

    # a receipt for the received packet selected in the log
    assert _texts(page.log_table, 0)[1] == "收到"
    page.log_table.selectRow(0)
    target = tmp_path / "out" / "回执"
    target.parent.mkdir()
    suggested = _save_as(monkeypatch, target)
    _wait(qtbot, page.make_receipt())
    assert Path(suggested[-1]).name.startswith("130125_行唐县_回执_0001_")
    made = read_packet(target.with_suffix(".xlsx"))
    assert made.signature_ok and made.meta["packet_kind"] == "receipt"
    assert made.meta["for_office"] == "130125" and made.meta["status"] == "merged"
    title, text = answers["question"][-1]
    assert title == "生成回执"
    assert "已生成行唐县（130125）第 1 号数据包的回执，处理结果：已合并。" in text
    assert "打开所在文件夹吗？" in text and made.meta["fingerprint"] in text
    assert opened == [target.parent]
    assert _texts(page.log_table, 0)[1:5] == ["回执", "行唐县（130125）", "第 1 号", "已导出"]

    # nothing selected in the log: the packet file is asked for
    page.log_table.clearSelection()
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(sent.path), ""))
    second = tmp_path / "out" / "回执2.xlsx"
    _save_as(monkeypatch, second)
    _wait(qtbot, page.make_receipt())
    assert read_packet(second).meta["for_sequence"] == 1

    # a restore packet for the county selected in the office table
    page.office_table.clearSelection()
    assert page.make_restore_packet() is None  # nobody selected: the clerk is told
    assert "请先在“下级单位报送情况”中选择" in answers["information"][-1][1]
    row = page.office_codes.index("130125")
    page.office_table.selectRow(row)
    restore = tmp_path / "out" / "恢复.xlsx"
    suggested = _save_as(monkeypatch, restore)
    _wait(qtbot, page.make_restore_packet())
    assert Path(suggested[-1]).name.startswith("130125_行唐县_恢复数据包_0001_")
    asked = [t for _title, t in answers["question"] if "生成恢复数据包吗" in t]
    assert asked and "恢复至第 1 号数据包" in asked[-1]
    packet = read_packet(restore)
    assert packet.meta["packet_kind"] == "restore" and packet.meta["office"] == "130125"
    assert packet.total_rows() == sent.rows
    assert "re-enrol" in answers["question"][-1][1]  # the core's notes, in both languages
    assert opened[-1] == restore.parent
    not_sent = page.office_codes.index("130102")  # 长安区 never sent a packet
    page.office_table.selectRow(not_sent)
    assert page.make_restore_packet() is None
    assert "尚未合并过长安区（130102）的数据包" in answers["information"][-1][1]

    # a reference packet of the city's own records
    reference = tmp_path / "out" / "参考.xlsx"
    suggested = _save_as(monkeypatch, reference)
    _wait(qtbot, page.make_reference_packet())
    assert Path(suggested[-1]).name.startswith("130100_石家庄市_参考数据包_0001_")
    packet = read_packet(reference)
    assert packet.meta["packet_kind"] == "reference" and packet.total_rows() == 1
    assert "已生成第 1 号参考数据包，共 1 条记录。" in answers["question"][-1][1]
    directions = [_texts(page.log_table, r)[1] for r in range(page.log_table.rowCount())]
    assert directions[:2] == ["参考包", "恢复包"]
    _save_as(monkeypatch, tmp_path / "out" / "参考2.xlsx")
    _wait(qtbot, page.make_reference_packet())
    assert read_packet(tmp_path / "out" / "参考2.xlsx").meta["sequence"] == 2

    # receipts are for packets of the counties: not for a reference packet
    page.log_table.clearSelection()
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(reference), ""))
    suggested = _save_as(monkeypatch, tmp_path / "out" / "回执3.xlsx")
    assert page.make_receipt() is None
    title, text = answers["warning"][-1]
    assert title == "生成回执" and "所选文件是参考数据包" in text and not suggested

    # a refusal of the core is shown as it is: a packet never imported here
    county.add("resource", {"name": "行唐红枣（新）", "attribute": "grown", "category": "primary_agri",
                            "tier": "cultivate", "survey_date": "2026-05-01"})
    other = export_packet(county)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(other.path), ""))
    job = page.make_receipt()
    assert job is not None and not page.receipt_button.isEnabled()
    with qtbot.waitSignal(job.error, timeout=30000):
        pass
    title, text = answers["warning"][-1]
    assert title == "生成回执" and "尚未导入" in text and "import it first" not in text  # one language
    assert not (tmp_path / "out" / "回执3.xlsx").exists()
    assert page.receipt_button.isEnabled()
    page.resize(1100, 720)
    _shot(page, tmp_path, "packets_city2.png")


def test_a_county_imports_the_citys_reference_packet(qtbot, county, city, tmp_path, answers,
                                                     monkeypatch) -> None:
    from desktop.packets.special import make_reference_packet

    gi = city.add("gi", CITY_GI)
    city.add("plan", CITY_PLAN)
    ref = make_reference_packet(city, tmp_path / "参考数据包.xlsx")
    page = PacketsPage(county)
    qtbot.addWidget(page)
    changed: list[bool] = []
    page.data_changed.connect(lambda: changed.append(True))
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", lambda *a, **k: ([str(ref.path)], ""))
    page.city_file_button.click()
    dialog = page.special_dialog
    assert dialog is not None
    _wait_special(qtbot, dialog)
    assert dialog.windowTitle() == "导入参考数据包"
    assert dialog.sequence_label.text() == "第 1 号"
    assert "市局自有的记录" in dialog.explain.text()
    text = dialog.report.toPlainText()
    assert "可以导入" in text and "新增 1" in text
    assert county.count("gi", include_deleted=True) > 0
    assert gi.id not in {r.id for r in county.list("gi")}  # a dry run writes nothing
    assert dialog.import_now() is None  # the key first
    dialog.verify_fingerprint()
    _wait(qtbot, dialog.import_now())
    assert dialog.result is not None and dialog.result.status == "merge"
    assert dialog.outcome.text() == "已导入参考数据包：新增 2，修改 0，删除 0。"
    held = county.get("gi", gi.id)
    assert held.office_code == "130100" and held.values["name"] == "赵州雪梨"
    assert changed == [True]
    assert _texts(page.log_table, 0)[1:5] == ["参考包", "石家庄市（130100）", "第 1 号", "已合并"]
    dialog.close()


def test_a_rebuilt_county_is_restored_from_the_citys_restore_packet(qtbot, county, city, tmp_path,
                                                                     answers) -> None:
    from desktop.packets.special import make_restore_packet

    sent = _export(county)
    _merged(city, sent.path)
    restore = make_restore_packet(city, "130125", tmp_path / "恢复数据包.xlsx")
    folder = tmp_path / "rebuilt"
    folder.mkdir()
    db = open_database(folder / "county.db")
    init_office(db, "130125", clerk="县局测试员")
    rebuilt = Ledger(db, today=lambda: TODAY)
    try:
        page = PacketsPage(rebuilt)
        qtbot.addWidget(page)
        page.receive_files([restore.path])
        dialog = page.special_dialog
        assert dialog is not None
        _wait_special(qtbot, dialog)
        assert dialog.windowTitle() == "导入恢复数据包"
        assert dialog.sequence_label.text() == "恢复至本单位第 1 号数据包"
        assert "下一个数据包为第 2 号" in dialog.report.toPlainText()
        dialog.verify_fingerprint()
        _wait(qtbot, dialog.import_now())
        result = dialog.result
        assert result is not None and result.status == "merge", result.refusals
        assert dialog.outcome.text() == "已恢复本单位的记录。下一个数据包为第 2 号。"
        assert not dialog.key_frame.isHidden() and dialog.verified_box.isHidden()
        assert dialog.fingerprint_label.text() == result.own_fingerprint != sent.fingerprint
        assert "请把下面的新指纹告知市局" in dialog.key_note.text()
        dialog.resize(820, 640)
        _shot(dialog, tmp_path, "packets_restore_dialog.png")
        for kind in ("resource", "mark-user", "annual-report"):
            assert rebuilt.count(kind, include_deleted=True) == county.count(kind, include_deleted=True)
        assert "下次导出为第 2 号" in page.summary.text()
        assert result.own_fingerprint in page.summary.text()
        assert _texts(page.log_table, 0)[1:5] == ["发出", "行唐县（130125）", "第 1 号", "已恢复"]
        dialog.close()
    finally:
        rebuilt.close()


def test_a_new_city_key_is_refused_until_re_enrolled(qtbot, county, city, tmp_path, answers) -> None:
    from desktop.packets.special import import_receipt, make_receipt

    sent = _export(county)
    _merged(city, sent.path)
    assert import_receipt(county, make_receipt(city, sent.path, tmp_path / "r1.xlsx")).status == "merge"
    folder = tmp_path / "city-rebuilt"  # the city's PC was replaced: another key
    folder.mkdir()
    db = open_database(folder / "city.db")
    init_office(db, "130100", clerk="市局测试员")
    new_city = Ledger(db, today=lambda: TODAY)
    try:
        _merged(new_city, sent.path)
        receipt = make_receipt(new_city, sent.path, tmp_path / "r2.xlsx")
    finally:
        new_city.close()
    page = PacketsPage(county)
    qtbot.addWidget(page)
    page.receive_files([receipt])
    dialog = page.special_dialog
    assert dialog is not None
    _wait_special(qtbot, dialog)
    assert dialog.preview is not None and dialog.preview.status == "refused"
    assert "与已登记的" in dialog.key_label.text()
    assert not dialog.re_enrol_button.isHidden()
    assert dialog.re_enrol_now()
    assert "另一把密钥" in answers["question"][-1][1]
    _wait_special(qtbot, dialog)
    assert dialog.preview is not None and dialog.preview.status == "merge"
    assert "重新登记" in dialog.key_note.text() and not dialog.import_button.isEnabled()
    dialog.verify_fingerprint()
    _wait(qtbot, dialog.import_now())
    assert dialog.result is not None and dialog.result.status == "merge"
    assert packet_queries.pinned(county.db, "130100").key_fingerprint == dialog.preview.fingerprint
    dialog.close()


def test_closing_the_window_stops_a_running_dry_run(qtbot, county, tmp_path, monkeypatch) -> None:
    import time

    from desktop.jobs import check_cancel
    from ui.packets import special_dialog

    def slow(*_a: Any, cancelled: Any, **_k: Any) -> Any:
        while True:  # a large restore packet: only the cancel flag ends it
            check_cancel(cancelled)
            time.sleep(0.01)

    monkeypatch.setattr(special_dialog, "import_special", slow)
    window = QWidget()
    qtbot.addWidget(window)
    page = PacketsPage(county, window)
    dropped = tmp_path / "恢复数据包.xlsx"
    dropped.write_bytes(b"PK")
    page.receive_files([dropped])
    dialog = page.special_dialog
    assert dialog is not None and dialog.busy
    thread = dialog.job.thread
    window.close()  # the window closes: the worker is cancelled and waited for
    assert thread.isFinished()
    window.deleteLater()
    for _ in range(3):
        QApplication.processEvents()


def test_a_city_sends_a_dropped_reference_packet_of_the_province_to_the_dry_run(qtbot, county, city, tmp_path,
                                                                              answers) -> None:
    from desktop.packets.special import make_reference_packet

    folder = tmp_path / "province"
    folder.mkdir()
    db = open_database(folder / "province.db")
    init_office(db, "130000", clerk="省局测试员")
    province = Ledger(db, today=lambda: TODAY)
    try:
        province.add("gi", CITY_GI)
        ref = make_reference_packet(province, tmp_path / "省参考.xlsx")
    finally:
        province.close()
    sent = _export(county)
    page = PacketsPage(city)
    qtbot.addWidget(page)
    page.receive_files([ref.path, sent.path])  # one of each: each goes where it belongs
    importer = page.import_dialog
    assert importer is not None and [e.path for e in importer.entries] == [sent.path]
    dialog = page.special_dialog
    assert dialog is not None and dialog.path == ref.path
    _wait_special(qtbot, dialog)
    _wait_plans(qtbot, importer)
    assert dialog.preview is not None and dialog.preview.status == "merge"
    assert dialog.office_label.text() == "河北省（130000）"
    assert dialog.verified_box.text() == "已与省局核对指纹"
    dialog.verify_fingerprint()
    _wait(qtbot, dialog.import_now())
    assert dialog.result is not None and dialog.result.status == "merge"
    assert city.count("gi") == 1
    dialog.close()
    importer.close()


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_import_report_speaks_the_window_language_only(qtbot, county, city, tmp_path, answers,
                                                            lang) -> None:
    from openpyxl import load_workbook

    from ui import i18n

    from .screen_language import wrong_language

    sent = _export(county)
    edited = tmp_path / "edited.xlsx"
    wb = load_workbook(sent.path)
    sheet = wb["普查资源"]
    header = [c.value for c in sheet[1]]
    sheet.cell(row=2, column=2).value = "行唐大枣（县局手改）"
    sheet.cell(row=3, column=header.index("填报日期*") + 1 if "填报日期*" in header
               else header.index("填报日期") + 1).value = "不是日期"
    wb.save(edited)
    try:
        i18n.install(lang)
        page = PacketsPage(city)
        qtbot.addWidget(page)
        dialog = page.open_import([edited])
        _wait_plans(qtbot, dialog)
        plan = dialog.entries[0].plan
        assert plan is not None and plan.status == "refused" and plan.problems and plan.refusals
        report = dialog.report.toPlainText()
        tip = dialog.table.item(0, COL_STATUS).toolTip()
        data = [county.office.name, "行唐大枣（县局手改）", "不是日期",
                *(r.values["name"] for r in county.list("resource"))]
        lines = [("report", line) for line in report.splitlines()] + [("status tip", tip)]
        assert wrong_language(lines, lang, data) == []
        if lang == "en":
            assert "refused" in report and "edited after export" in report and "Surveyed resource row 3" in report
            assert " / " not in report
        else:
            assert "拒绝" in report and "导出后被修改" in report and "普查资源 第3行" in report
    finally:
        i18n.install("zh")


def test_the_import_dialogs_private_copy_is_in_the_programs_own_folder(qtbot, county, tmp_path,
                                                                      monkeypatch) -> None:
    """Not the shared system temp folder (a killed window would leave the county's data there):
    this process's folder (desktop.tempfiles), which a later start cleans if it is killed."""
    from desktop import paths

    monkeypatch.setenv(paths.TEMP_DIR_VARIABLE, str(tmp_path / "private"))
    own = _export(county)
    dialog = SpecialImportDialog(county, own.path)
    qtbot.addWidget(dialog)
    folder = dialog._folder
    assert folder.is_dir() and folder.parent.parent == tmp_path / "private"
    dialog.close()
    dialog._remove_folder()
    assert not folder.exists()
