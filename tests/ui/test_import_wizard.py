"""导入表格: the wizard walked with messy spreadsheets made here (title rows over a merged
cell, the header on row 3, a 合计 row, unknown coded values), the records arriving, a refused
file (Import disabled, the error workbook written), a saved mapping offered again, and the
window at 1024×700 in Chinese and English."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from PySide6.QtCore import QPoint, QRect
from PySide6.QtWidgets import QApplication, QWidget

from desktop.ledger import Ledger
from desktop.registers import get_kind
from desktop.tables.errorbook import LISTING_SHEET
from desktop.tables.model import Action, Update
from desktop.validation import USCC_ALPHABET, uscc_check_char
from ui.tables import import_wizard
from ui.tables.import_wizard import FINISH, MAPPING, PLAN, VALUES, ImportWizard

SCRATCH = Path("/work/scratch-wizard")
HEADERS = ["企业名称", "社会信用代码", "主体类型", "使用的地理标志", "状态", "电话"]


def uscc(n: int) -> str:
    """A valid enterprise USCC of 行唐县, different for every ``n``."""
    body = "91130125MA"
    tail = ""
    for _ in range(7):
        n, digit = divmod(n, 10)
        tail = USCC_ALPHABET[digit] + tail
    first17 = body + tail
    return first17 + uscc_check_char(first17)


def messy_xlsx(path: Path, rows: Sequence[Sequence[Any]], headers: Sequence[str] = HEADERS) -> Path:
    """A workbook as offices keep them: a title merged over the columns, a note row, the
    header on row 3, the rows, a 合计 row."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "用标企业"
    ws["A1"] = "行唐县地理标志专用标志用标主体名单（2026年）"
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(headers))
    ws["A2"] = "填报单位：行唐县市场监督管理局"
    ws.append(list(headers))
    for row in rows:
        ws.append(list(row))
    ws.append(["合计", f"{len(rows)} 家"])
    wb.save(path)
    return path


@pytest.fixture
def ledger(demo_ledger: Ledger) -> Ledger:
    return demo_ledger


@pytest.fixture
def wizard(qtbot, ledger: Ledger) -> ImportWizard:
    w = ImportWizard(ledger, "mark-user")
    qtbot.addWidget(w)
    w.resize(1024, 700)
    w.show()
    return w


def wait(qtbot, wizard: ImportWizard) -> None:
    qtbot.waitUntil(lambda: not wizard.busy, timeout=30_000)


def walk_to_plan(qtbot, wizard: ImportWizard, path: Path, values: dict[str, str] | None = None) -> None:
    """Open the file, accept the mapping, map unknown values, run the dry run."""
    wizard.open_file(path)
    wait(qtbot, wizard)
    assert wizard.table is not None, wizard.file_page.error_label.text()
    wizard.go_next()
    assert wizard.step == MAPPING
    wizard.go_next()
    assert wizard.step == VALUES
    for text, code in (values or {}).items():
        wizard.values_page.choose("entity_type", text, code)
    wizard.go_next()
    assert wizard.step == PLAN
    wait(qtbot, wizard)
    assert wizard.plan is not None, wizard.plan_page.counts_label.text()


def uscc_values(ledger: Ledger) -> dict[str, Any]:
    return {r.values["uscc"]: r for r in ledger.list("mark-user")}


def test_the_wizard_brings_a_messy_workbook_into_the_register(qtbot, ledger: Ledger, qsettings,
                                                            tmp_path: Path) -> None:
    from ui.pages.register_page import RegisterPage
    from ui.undo import LedgerUndo

    rows = [["行唐县甲枣业有限公司", uscc(1), "公司", "行唐大枣", "申请中", "13800000001"],
            ["行唐县乙枣业有限公司", uscc(2), "公司", "行唐大枣", "申请中", "13800000002"],
            ["行唐县丙粉条合作社", uscc(3), "农民专业合作社", "行唐粉条", "申请中", "13800000003"]]
    path = messy_xlsx(tmp_path / "用标企业名单.xlsx", rows)
    undo = LedgerUndo(ledger)
    told: list[bool] = []
    undo.changed.connect(lambda: told.append(True))  # the main window refreshes its pages on it
    page = RegisterPage(ledger, "mark-user", undo, qsettings)
    qtbot.addWidget(page)
    shown_before = page.model.rowCount()
    before = len(uscc_values(ledger))
    page.buttons["import_table"].click()
    wizard = page.findChild(ImportWizard)
    assert wizard is not None and wizard.isVisible()

    wizard.open_file(path)
    wait(qtbot, wizard)
    assert wizard.table is not None and wizard.table.header_row == 3
    assert wizard.file_page.current_header_row() == 3
    assert len(wizard.table.rows) == 3  # the 合计 row left out
    assert wizard.file_page.preview.item(2, 0).text() == "企业名称"  # the header row in the preview
    assert "xlsx" in wizard.file_page.encoding_label.text()

    wizard.go_next()
    assert wizard.step == MAPPING
    combos = wizard.mapping_page.combos
    assert [combos[c].currentData() for c in range(6)] == ["name", "uscc", "entity_type", "gi_id",
                                                           "status", "phone"]
    assert "社会信用代码" in wizard.mapping_page.table.item(1, 4).text()  # the reason shown
    assert wizard.mapping_page.missing_label.text().startswith("所有必填字段")

    wizard.go_next()
    assert wizard.step == VALUES
    table = wizard.values_page.table
    assert table.rowCount() == 1  # 公司 once, though two rows hold it
    assert table.item(0, 2).text() == "公司" and table.item(0, 3).text() == "2"
    wizard.values_page.choose("entity_type", "公司", "enterprise")
    assert wizard.value_maps == {"entity_type": {"公司": "enterprise"}}

    wizard.go_next()
    assert wizard.step == PLAN
    wait(qtbot, wizard)
    plan = wizard.plan
    assert plan is not None and not plan.refused, wizard.plan_page.counts_label.text()
    assert plan.counts()["new"] == 3
    assert wizard.plan_page.model.rowCount() == 3
    wizard.plan_page.set_filter(Action.REFUSED)
    assert wizard.plan_page.model.rowCount() == 0
    wizard.plan_page.set_filter(None)
    assert len(uscc_values(ledger)) == before  # nothing written by the dry run

    wizard.go_next()
    assert wizard.step == FINISH
    assert wizard.finish_page.import_button.isEnabled()
    assert not wizard.finish_page.workbook_button.isEnabled()
    assert len(uscc_values(ledger)) == before  # nor by any step before the import
    wizard.finish_page.import_button.click()
    wait(qtbot, wizard)
    assert wizard.outcome is not None, wizard.finish_page.result_label.text()
    assert len(wizard.outcome.created) == 3
    found = uscc_values(ledger)
    assert len(found) == before + 3
    assert found[uscc(1)].values["entity_type"] == "enterprise"
    assert found[uscc(3)].values["entity_type"] == "cooperative"
    assert found[uscc(1)].values["gi_id"] == "G-130125-000001"
    assert found[uscc(2)].values["phone"] == "13800000002"
    assert not wizard.finish_page.import_button.isEnabled()  # once only
    assert wizard.close_button.text() == "完成"
    assert wizard.finish_page.state_label.text().startswith("导入已完成")
    assert "新增 3 条" in wizard.finish_page.result_label.text()
    assert page.model.rowCount() == shown_before + 3  # the page refreshed
    assert told == [True]  # and the window was told the ledger changed


def test_a_refused_file_keeps_import_disabled_and_writes_the_error_workbook(
        qtbot, wizard: ImportWizard, ledger: Ledger, tmp_path: Path, monkeypatch) -> None:
    rows: list[list[Any]] = [["行唐县甲枣业有限公司", uscc(11), "企业", "行唐大枣", "申请中", "13800000011"],
            ["行唐县乙枣业有限公司", 9.14403001922038e17, "企业", "行唐大枣", "申请中", "13800000012"],
            ["行唐县丙枣业有限公司", uscc(13), "公司", "行唐大枣", "申请中", "13800000013"]]
    path = messy_xlsx(tmp_path / "有问题的名单.xlsx", rows)
    before = len(uscc_values(ledger))
    walk_to_plan(qtbot, wizard, path)  # 公司 left unmapped: its row is refused too
    plan = wizard.plan
    assert plan is not None and plan.refused
    refused = [r for r in plan.rows if r.action is Action.REFUSED]
    assert {r.row for r in refused} == {5, 6}
    wizard.plan_page.set_filter(Action.REFUSED)
    model = wizard.plan_page.model
    assert model.rowCount() == 2
    why = model.data(model.index(0, 3))
    assert "用标企业" in why and "第 5 行" in why and "B 列" in why  # sheet, row, column

    wizard.go_next()
    assert wizard.step == FINISH
    assert not wizard.finish_page.import_button.isEnabled()
    assert wizard.import_now() is None
    assert wizard.finish_page.workbook_button.isEnabled()
    assert "拒绝" in wizard.finish_page.state_label.text()
    target = tmp_path / "问题表.xlsx"
    monkeypatch.setattr(import_wizard, "ask_save_path", lambda *_a: target)
    wizard.finish_page.workbook_button.click()
    assert target.exists()
    book = openpyxl.load_workbook(target)
    assert LISTING_SHEET in book.sheetnames
    listing = "\n".join(str(c.value) for row in book[LISTING_SHEET].iter_rows() for c in row if c.value)
    assert "公司" in listing
    sheet = book["用标企业"]
    assert sheet["B5"].comment is not None  # the rounded USCC marked in the clerk's own sheet
    assert len(uscc_values(ledger)) == before  # nothing written


def test_a_saved_mapping_is_offered_again_for_the_same_headers(qtbot, ledger: Ledger, tmp_path: Path) -> None:
    headers = ["单位名称", "信用代码", "类型", "地理标志", "状态", "手机", "备注"]
    first = messy_xlsx(tmp_path / "一月.xlsx", [["行唐县丁枣业有限公司", uscc(21), "公司", "行唐大枣",
                                                "申请中", "13800000021", "无"]], headers)
    second = messy_xlsx(tmp_path / "二月.xlsx", [["行唐县戊枣业有限公司", uscc(22), "公司", "行唐大枣",
                                                 "申请中", "13800000022", "无"]], headers)
    one = ImportWizard(ledger, "mark-user")
    qtbot.addWidget(one)
    one.open_file(first)
    wait(qtbot, one)
    one.go_next()
    one.mapping_page.choose(2, "entity_type")  # 类型 → 主体类型, chosen by the clerk
    one.mapping_page.choose(3, "gi_id")
    one.mapping_page.choose(6, None)  # 备注: not imported
    one.go_next()
    one.values_page.choose("entity_type", "公司", "enterprise")
    one.plan_page.update_buttons[Update.ALL].setChecked(True)
    saved = one.save_mapping_as("本局用标企业表")
    assert saved is not None and saved.mapping["类型"] == "entity_type"
    one.close()

    two = ImportWizard(ledger, "mark-user")
    qtbot.addWidget(two)
    two.open_file(second)
    wait(qtbot, two)
    assert two.applied_saved == "本局用标企业表"
    assert [s.name for s in two.offered] == ["本局用标企业表"]
    two.go_next()
    assert "本局用标企业表" in two.mapping_page.saved_note.text()
    assert two.mapping_page.combos[2].currentData() == "entity_type"
    assert two.mapping_page.combos[6].currentData() is None
    assert two.value_maps == {"entity_type": {"公司": "enterprise"}}
    assert two.plan_page.update_mode() is Update.ALL  # the saved options too
    two.go_next()
    assert two.values_page.combos[("entity_type", "公司")].currentData() == "enterprise"
    two.go_next()
    wait(qtbot, two)
    assert two.plan is not None and not two.plan.refused and two.plan.counts()["new"] == 1
    two.mapping_page.apply_saved.emit("")  # 不使用: back to the proposal
    assert two.applied_saved == "" and two.plan is None


def test_a_header_row_chosen_by_the_clerk(qtbot, wizard: ImportWizard, tmp_path: Path) -> None:
    path = messy_xlsx(tmp_path / "名单.xlsx", [["行唐县己枣业有限公司", uscc(31), "企业", "行唐大枣",
                                              "申请中", "13800000031"]])
    wizard.open_file(path)
    wait(qtbot, wizard)
    assert wizard.table is not None and wizard.table.header_row == 3
    wizard.file_page.set_header_row(2)
    assert wizard.table.header_row == 2
    assert "您指定" in wizard.file_page.found_label.text()
    wizard.file_page.set_header_row(3)
    assert wizard.table.header_row == 3 and len(wizard.table.rows) == 1


def test_a_gbk_csv_says_its_encoding(qtbot, wizard: ImportWizard, tmp_path: Path) -> None:
    path = tmp_path / "名单.csv"
    lines = [",".join(HEADERS), f"行唐县庚枣业有限公司,{uscc(41)},企业,行唐大枣,申请中,13800000041"]
    path.write_bytes("\r\n".join(lines).encode("gbk"))
    wizard.open_file(path)
    wait(qtbot, wizard)
    assert wizard.table is not None and wizard.table.header_row == 1
    assert "GB18030" in wizard.file_page.encoding_label.text().upper()
    assert not wizard.file_page.sheet_combo.isEnabled()


def test_a_file_that_cannot_be_read_is_named_not_a_traceback(qtbot, wizard: ImportWizard, tmp_path: Path) -> None:
    path = tmp_path / "坏文件.xlsx"
    path.write_bytes(b"this is no workbook")
    wizard.open_file(path)
    wait(qtbot, wizard)
    assert wizard.table is None
    text = wizard.file_page.error_label.text()
    assert wizard.file_page.error_label.isVisible() and "坏文件.xlsx" in text
    assert not wizard.next_button.isEnabled()


# ---- the window at 1024×700, in both languages -----------------------------------------


def outside(window: QWidget) -> list[str]:
    bounds = QRect(QPoint(0, 0), window.size())
    out = []
    for w in window.findChildren(QWidget):
        if w.isWindow() or not w.isVisible():
            continue
        parent = w.parentWidget()
        scrolled = False
        while parent is not None and parent is not window:
            if parent.objectName() == "qt_scrollarea_viewport":
                scrolled = True
                break
            parent = parent.parentWidget()
        if scrolled:
            continue
        rect = QRect(w.mapTo(window, QPoint(0, 0)), w.size())
        if not bounds.contains(rect):
            out.append(f"{type(w).__name__} {w.objectName()!r} {rect.getRect()}")
    return out


def test_the_wizard_fits_1024_by_700(qtbot, ledger: Ledger, tmp_path: Path, lang: str) -> None:
    rows: list[list[Any]] = [["行唐县甲枣业有限公司", uscc(51), "公司", "行唐大枣", "申请中", "13800000051"],
            ["行唐县乙枣业有限公司", 9.14403001922038e17, "企业", "行唐大枣", "申请中", "13800000052"]]
    path = messy_xlsx(tmp_path / "名单.xlsx", rows)
    wizard = ImportWizard(ledger, "mark-user")
    qtbot.addWidget(wizard)
    wizard.resize(1024, 700)
    wizard.show()
    SCRATCH.mkdir(parents=True, exist_ok=True)
    wizard.open_file(path)
    wait(qtbot, wizard)
    for step in range(5):
        if step:
            wizard.go_next()
            wait(qtbot, wizard)
        QApplication.processEvents()
        assert wizard.step == step
        hint = wizard.minimumSizeHint()
        assert hint.width() <= 1024 and hint.height() <= 700, f"{lang} step {step + 1}: {hint}"
        assert (wizard.width(), wizard.height()) == (1024, 700)
        assert outside(wizard) == [], f"{lang} step {step + 1}"
        for b in (wizard.back_button, wizard.next_button, wizard.close_button):
            assert b.width() >= b.sizeHint().width(), f"{lang} step {step + 1}: {b.text()}"
        if lang == "en":
            assert "导入" not in wizard.steps_label.text()
        wizard.grab().save(str(SCRATCH / f"wizard_{lang}_{step + 1}.png"))


def test_an_existing_record_is_updated_with_its_fields_before_and_after(
        qtbot, wizard: ImportWizard, ledger: Ledger, tmp_path: Path) -> None:
    existing = next(r for r in ledger.list("mark-user") if r.values.get("phone"))
    gi = ledger.get("gi", existing.values["gi_id"]).values["name"]
    kind = get_kind("mark-user")
    status = kind.field("status").display(existing.values["status"])
    entity = kind.field("entity_type").display(existing.values["entity_type"])
    rows = [[existing.values["name"], existing.values["uscc"], entity, gi, status, "13911112222"]]
    path = messy_xlsx(tmp_path / "更新.xlsx", rows)
    wizard.open_file(path)
    wait(qtbot, wizard)
    wizard.go_next()
    wizard.go_next()
    wizard.go_next()
    wait(qtbot, wizard)
    assert wizard.plan is not None and wizard.plan.counts()["unchanged"] == 1  # 只填空白: phone kept
    wizard.plan_page.update_buttons[Update.ALL].setChecked(True)  # 覆盖
    assert wizard.plan is None and not wizard.next_button.isEnabled()  # the dry run is out of date
    wizard.plan_page.run_button.click()
    wait(qtbot, wizard)
    plan = wizard.plan
    assert plan is not None and plan.counts()["updated"] == 1, wizard.plan_page.counts_label.text()
    model = wizard.plan_page.model
    assert model.data(model.index(0, 2)) == existing.id
    assert f"联系电话：{existing.values['phone']} → 13911112222" in model.data(model.index(0, 3))
    assert "更新 1" in wizard.plan_page.counts_label.text()
    wizard.plan_page.view.selectRow(0)
    assert "13911112222" in wizard.plan_page.details.toPlainText()
    wizard.go_next()
    wizard.finish_page.import_button.click()
    wait(qtbot, wizard)
    assert wizard.outcome is not None and wizard.outcome.updated == (existing.id,)
    assert ledger.get("mark-user", existing.id).values["phone"] == "13911112222"


def test_a_cancelled_import_writes_nothing(qtbot, wizard: ImportWizard, ledger: Ledger, tmp_path: Path,
                                          monkeypatch) -> None:
    from ui.tables import wizard_jobs

    real = wizard_jobs.apply_import

    def cancelled_at_once(worker: Ledger, plan: Any, *, progress: Any, cancelled: Any) -> Any:
        return real(worker, plan, progress=progress, cancelled=lambda: True)  # 取消 pressed

    monkeypatch.setattr(wizard_jobs, "apply_import", cancelled_at_once)
    path = messy_xlsx(tmp_path / "名单.xlsx", [["行唐县辛枣业有限公司", uscc(61), "企业", "行唐大枣",
                                              "申请中", "13800000061"]])
    before = len(uscc_values(ledger))
    walk_to_plan(qtbot, wizard, path)
    wizard.go_next()
    wizard.finish_page.import_button.click()
    wait(qtbot, wizard)
    assert wizard.outcome is None
    assert "已取消" in wizard.finish_page.result_label.text()
    assert len(uscc_values(ledger)) == before
    assert wizard.finish_page.import_button.isEnabled()  # may be tried again


def test_an_old_xls_workbook_and_its_second_sheet(qtbot, wizard: ImportWizard, tmp_path: Path) -> None:
    import xlwt  # type: ignore[import-untyped]  # xlwt ships no types

    book = xlwt.Workbook(encoding="utf-8")
    notes = book.add_sheet("填表说明")
    notes.write(0, 0, "请按下一张工作表填写，信用代码设为文本格式。")
    sheet = book.add_sheet("名单")
    sheet.write(0, 0, "用标主体名单")
    for c, header in enumerate(HEADERS):
        sheet.write(1, c, header)
    for c, value in enumerate(["行唐县壬枣业有限公司", uscc(71), "企业", "行唐大枣", "申请中", "13800000071"]):
        sheet.write(2, c, value)
    path = tmp_path / "名单.xls"
    book.save(str(path))

    wizard.open_file(path)
    wait(qtbot, wizard)
    assert wizard.sheet == "填表说明" and wizard.table is None  # no header on the notes sheet
    assert wizard.file_page.error_label.isVisible() and not wizard.next_button.isEnabled()
    combo = wizard.file_page.sheet_combo
    assert combo.isEnabled() and [combo.itemData(i) for i in range(combo.count())] == ["填表说明", "名单"]
    combo.setCurrentIndex(1)
    wait(qtbot, wizard)
    assert wizard.sheet == "名单" and wizard.table is not None and wizard.table.header_row == 2
    assert "xls" in wizard.file_page.encoding_label.text()
    assert not wizard.file_page.error_label.isVisible() and wizard.next_button.isEnabled()
