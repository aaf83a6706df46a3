"""The dry run and the import (desktop.tables.plan, apply, saved, errorbook): matching,
duplicates, update modes, references, all or nothing, cancel, the error workbook."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest

from db import maintenance
from desktop.jobs import Cancelled
from desktop.ledger import Ledger
from desktop.registers import REGISTRY
from desktop.tables.apply import ImportRefused, apply_import
from desktop.tables.errorbook import LISTING_SHEET, write_error_workbook
from desktop.tables.header import read_table
from desktop.tables.mapping import propose_mapping
from desktop.tables.model import Action, ImportOptions, ImportPlan, Update
from desktop.tables.plan import plan_import
from desktop.tables.saved import find_saved, list_saved, save_mapping
from desktop.tables.values import unknown_values

from .tables_helpers import HEADERS, csv_file, xls, xlsx

MARK_USER = REGISTRY["mark-user"]


def _plan(ledger: Ledger, path: Path, kind: str = "mark-user", options: ImportOptions | None = None,
          given: dict[str, str] | None = None) -> ImportPlan:
    k = REGISTRY[kind]
    table = read_table(path, k)
    return plan_import(ledger, table, propose_mapping(table, k, given), options or ImportOptions())


def _rows(make: Any, n: int = 2, **over: Any) -> list[list[Any]]:
    rows: list[list[Any]] = [list(HEADERS)]
    for i in range(1, n + 1):
        row = [i, f"行唐县企业{i}", make.uscc(100 + i), "企业", "行唐大枣", "申请中", "2021/5/3", "13800138000"]
        rows.append(row)
    return rows


@pytest.fixture
def gi(make: Any) -> Any:
    return make.add("gi", name="行唐大枣")


def test_new_rows_imported_in_one_go_with_the_file_named_in_the_audit(ledger: Ledger, make: Any, gi: Any,
                                                                      tmp_path: Path) -> None:
    path = xlsx(tmp_path / "名单.xlsx", [*_rows(make), ["合计", "2家"]])
    plan = _plan(ledger, path)
    assert [r.action for r in plan.rows] == [Action.NEW, Action.NEW]
    assert plan.rows[0].values["gi_id"] == gi.id and plan.rows[0].values["approval_date"] == date(2021, 5, 3)
    assert any("合计" in n.zh for n in plan.notes)
    result = apply_import(ledger, plan)
    assert len(result.created) == 2
    names = sorted(r.values["name"] for r in ledger.list("mark-user"))
    assert names == ["行唐县企业1", "行唐县企业2"]
    notes = [row[0] for row in ledger.db.conn.execute("SELECT note FROM audit_log WHERE kind = 'mark-user'")]
    assert any(n and n.startswith("导入表格 名单.xlsx sha256:") and plan.table.grid.sha256 in n for n in notes)


def test_update_modes(ledger: Ledger, make: Any, gi: Any, tmp_path: Path) -> None:
    rec = make.add("mark-user", gi_id=gi.id, name="旧名称", uscc=make.uscc(101), contact=None, phone="0311-88888888")
    path = xlsx(tmp_path / "a.xlsx", _rows(make, 1))
    empty = _plan(ledger, path)
    row = empty.rows[0]
    assert row.action is Action.UPDATED and row.record_id == rec.id
    assert {c.field_key for c in row.changes} == {"approval_date"}  # name and phone kept: not empty
    full = _plan(ledger, path, options=ImportOptions(update=Update.ALL))
    changed = {c.field_key: (c.before, c.after) for c in full.rows[0].changes}
    assert changed["name"] == ("旧名称", "行唐县企业1") and changed["phone"] == ("0311-88888888", "13800138000")
    none = _plan(ledger, path, options=ImportOptions(update=Update.NONE))
    assert none.rows[0].action is Action.SKIPPED
    apply_import(ledger, full)
    after = ledger.get("mark-user", rec.id)
    assert after.values["name"] == "行唐县企业1" and after.revision == rec.revision + 1
    again = _plan(ledger, path, options=ImportOptions(update=Update.ALL))
    assert again.rows[0].action is Action.UNCHANGED
    audit = ledger.history(rec.id)[-1]
    assert audit.note and audit.note.startswith("导入表格 a.xlsx sha256:")


def test_duplicates_within_the_file_refuse_both_rows(ledger: Ledger, make: Any, gi: Any, tmp_path: Path) -> None:
    rows = _rows(make, 3)
    rows[3][2] = rows[1][2]
    plan = _plan(ledger, xlsx(tmp_path / "a.xlsx", rows))
    assert [r.action for r in plan.rows] == [Action.REFUSED, Action.NEW, Action.REFUSED]
    first = plan.rows[0].problems[0]
    assert "第 6 行" in first.reason.zh and first.row == 4 and first.letter == "C"
    assert "row 4" in plan.rows[2].problems[0].reason.en


def test_match_by_id_column_and_match_option(ledger: Ledger, make: Any, gi: Any, tmp_path: Path) -> None:
    rec = make.add("mark-user", gi_id=gi.id, name="甲公司", uscc=make.uscc(7))
    rows = [["编号", "企业名称", "联系人"], [rec.id, "甲公司改", "张三"]]
    plan = _plan(ledger, xlsx(tmp_path / "a.xlsx", rows, title=None), options=ImportOptions(update=Update.ALL))
    assert plan.rows[0].record_id == rec.id and plan.rows[0].action is Action.UPDATED
    by_name = _plan(ledger, xlsx(tmp_path / "b.xlsx", [["企业名称", "联系人"], ["甲公司", "李四"]], title=None),
                    options=ImportOptions(match="name"))
    assert by_name.rows[0].record_id == rec.id


def test_a_uscc_stored_as_a_number_is_refused_by_row_and_column(ledger: Ledger, make: Any, gi: Any,
                                                                 tmp_path: Path) -> None:
    rows = _rows(make, 2)
    rows[2][2] = 9.14403001922038e17
    plan = _plan(ledger, xlsx(tmp_path / "a.xlsx", rows))
    assert plan.refused and plan.rows[1].action is Action.REFUSED
    p = plan.rows[1].problems[0]
    assert (p.row, p.letter, p.field_key) == (5, "C", "uscc")
    assert "9.14403001922038E+17" in p.describe("zh") and "15" in p.reason.en
    assert "工作表“名单”第 5 行 C 列（统一社会信用代码*）" in p.describe("zh")


def test_unknown_coded_values_listed_once_and_a_value_map(ledger: Ledger, make: Any, gi: Any, tmp_path: Path) -> None:
    rows = _rows(make, 3)
    for row in rows[1:]:
        row[5] = "正常"
    rows[3][3] = "公司"
    path = xlsx(tmp_path / "a.xlsx", rows)
    table = read_table(path, MARK_USER)
    mapping = propose_mapping(table, MARK_USER)
    found = {u.field_key: u for u in unknown_values(table, mapping, MARK_USER)}
    assert [(v.text, v.count, v.first_row) for v in found["status"].values] == [("正常", 3, 4)]
    assert [v.text for v in found["entity_type"].values] == ["公司"]
    maps = {"status": {"正常": "applying"}, "entity_type": {"公司": "企业"}}
    assert unknown_values(table, mapping, MARK_USER, maps) == []
    assert _plan(ledger, path).refused
    plan = plan_import(ledger, table, mapping, ImportOptions(value_maps=maps))
    assert not plan.refused and {r.values["status"] for r in plan.rows} == {"applying"}


def test_references_by_name_uscc_or_id_ambiguous_and_missing(ledger: Ledger, make: Any, gi: Any,
                                                             tmp_path: Path) -> None:
    a = make.add("mark-user", gi_id=gi.id, name="甲公司", uscc=make.uscc(1))
    b = make.add("mark-user", gi_id=gi.id, name="乙公司", uscc=make.uscc(2))
    make.add("mark-user", gi_id=make.add("gi", name="另一个").id, name="乙公司", uscc=make.uscc(3))
    rows: list[list[Any]] = [["企业名称", "年度", "审核状态", "产量（吨）"], ["甲公司", 2025, "已提交", "1,000"],
            [make.uscc(2), "2025", "已提交", None], [b.id, 2024, "已提交", None], ["乙公司", 2025, "已提交", None],
            ["丙公司", 2025, "已提交", None]]
    plan = _plan(ledger, xlsx(tmp_path / "年报.xlsx", rows, title=None), kind="annual-report")
    actions = [r.action for r in plan.rows]
    assert actions[:3] == [Action.NEW, Action.NEW, Action.NEW] and actions[3:] == [Action.REFUSED, Action.REFUSED]
    assert plan.rows[0].values["mark_user_id"] == a.id and plan.rows[0].values["output_t"] == 1000
    assert plan.rows[1].values["mark_user_id"] == b.id
    assert "多条" in plan.rows[3].problems[0].reason.zh and "找不到" in plan.rows[4].problems[0].reason.zh


def test_annual_reports_matched_by_user_and_year(ledger: Ledger, make: Any, gi: Any, tmp_path: Path) -> None:
    user = make.add("mark-user", gi_id=gi.id, name="甲公司", uscc=make.uscc(1))
    report = make.add("annual-report", mark_user_id=user.id, year=2025)
    rows = [["统一社会信用代码", "年度", "审核状态", "产量（吨）"], [make.uscc(1), 2025, "已提交", 5],
            [make.uscc(1), 2024, "已提交", 5]]
    plan = _plan(ledger, xlsx(tmp_path / "年报.xlsx", rows, title=None), kind="annual-report")
    assert plan.rows[0].action is Action.UPDATED and plan.rows[0].record_id == report.id
    assert plan.rows[1].action is Action.NEW


def test_register_rules_become_row_problems(ledger: Ledger, make: Any, gi: Any, tmp_path: Path) -> None:
    rows = _rows(make, 1)
    rows[1][5] = "已核准"  # approved needs a notice number
    rows[1][6] = "2099-01-01"  # in the future
    plan = _plan(ledger, xlsx(tmp_path / "a.xlsx", rows))
    keys = {p.field_key for p in plan.rows[0].problems}
    assert {"announcement_no", "approval_date"} <= keys
    dated = next(p for p in plan.rows[0].problems if p.field_key == "approval_date")
    assert dated.letter == "G" and dated.row == 4


def _dump(ledger: Ledger) -> str:
    return maintenance.content_digest(ledger.db)


def test_a_refused_import_leaves_the_database_as_it_was(ledger: Ledger, make: Any, gi: Any, tmp_path: Path) -> None:
    rows = _rows(make, 3)
    rows[3][2] = "91130125MA0000000"  # bad USCC on one row
    plan = _plan(ledger, xlsx(tmp_path / "a.xlsx", rows))
    before = _dump(ledger)
    with pytest.raises(ImportRefused):
        apply_import(ledger, plan)
    assert _dump(ledger) == before


def test_cancel_rolls_back(ledger: Ledger, make: Any, gi: Any, tmp_path: Path) -> None:
    rec = make.add("mark-user", gi_id=gi.id, name="甲", uscc=make.uscc(101), approval_date=None)
    plan = _plan(ledger, xlsx(tmp_path / "a.xlsx", _rows(make, 3)))
    assert plan.counts()["updated"] == 1 and plan.counts()["new"] == 2
    before = _dump(ledger)
    calls = {"n": 0}

    def cancelled() -> bool:
        calls["n"] += 1
        return calls["n"] > 1

    with pytest.raises(Cancelled):
        apply_import(ledger, plan, cancelled=cancelled)
    assert _dump(ledger) == before and ledger.get("mark-user", rec.id).revision == rec.revision


def test_error_workbook_of_an_xlsx_marks_cells_and_lists_problems(ledger: Ledger, make: Any, gi: Any,
                                                                  tmp_path: Path) -> None:
    from openpyxl import load_workbook

    rows = _rows(make, 2)
    rows[2][2] = 9.14403001922038e17
    rows[1][3] = "公司"
    path = xlsx(tmp_path / "a.xlsx", rows)
    plan = _plan(ledger, path)
    out = write_error_workbook(plan, tmp_path / "问题.xlsx")
    book = load_workbook(out)
    assert book.sheetnames[0] == LISTING_SHEET and "名单" in book.sheetnames
    ws = book["名单"]
    assert ws["C5"].comment is not None and "15" in ws["C5"].comment.text
    assert ws["C5"].fill.fgColor.rgb.endswith("FFC7CE")
    assert ws["D4"].comment is not None and "公司" in ws["D4"].comment.text
    assert ws["A1"].value == "行唐县用标主体名单"  # the clerk's own file
    listing = [list(r) for r in book[LISTING_SHEET].iter_rows(values_only=True)]
    assert listing[0][:6] == ["工作表", "行", "列", "表头", "值", "问题"]
    rows_listed = {(r[1], r[2]) for r in listing[1:]}
    assert {(4, "D"), (5, "C")} <= rows_listed
    assert all(r[5] and r[6] for r in listing[1:])  # Chinese and English


@pytest.mark.parametrize("maker", ["xls", "csv"])
def test_error_workbook_of_xls_and_csv_is_the_same_grid(ledger: Ledger, make: Any, gi: Any, tmp_path: Path,
                                                        maker: str) -> None:
    from openpyxl import load_workbook

    rows = _rows(make, 2)
    rows[2][5] = "不存在的状态"
    path = xls(tmp_path / "a.xls", rows) if maker == "xls" else csv_file(tmp_path / "a.csv", rows, "gbk")
    plan = _plan(ledger, path)
    assert plan.refused
    book = load_workbook(write_error_workbook(plan, tmp_path / "out.xlsx"))
    sheet = book.sheetnames[1]
    row = plan.rows[1].row
    assert book[sheet][f"F{row}"].comment is not None and book[sheet][f"F{row}"].value == "不存在的状态"
    if maker == "csv":
        assert any("gb18030" in n.en for n in plan.notes)


def test_saved_mapping_offered_again_for_the_same_headers(ledger: Ledger, make: Any, gi: Any, tmp_path: Path) -> None:
    rows = [["单位", "代码", "主体类型", "地理标志名称", "状态"], ["甲公司", make.uscc(1), "企业", "行唐大枣", "正常"]]
    table = read_table(xlsx(tmp_path / "a.xlsx", rows, title=None), MARK_USER)
    mapping = propose_mapping(table, MARK_USER, {"单位": "name", "代码": "uscc"})
    options = ImportOptions(update=Update.ALL, value_maps={"status": {"正常": "applying"}})
    save_mapping(ledger, "县局旧表", table.headers, mapping, options)
    other = read_table(xlsx(tmp_path / "b.xlsx", [[" 单位", "代码", "主体类型", "地理标志名称", "状态"]], title=None),
                       MARK_USER)
    found = find_saved(ledger, "mark-user", other.headers)
    assert [s.name for s in found] == ["县局旧表"]
    assert found[0].mapping["代码"] == "uscc" and found[0].import_options().update is Update.ALL
    assert found[0].import_options().value_maps == {"status": {"正常": "applying"}}
    assert find_saved(ledger, "mark-user", ["别的"]) == [] and find_saved(ledger, "gi", other.headers) == []
    assert [s.name for s in list_saved(ledger)] == ["县局旧表"]
    again = propose_mapping(table, MARK_USER, found[0].mapping)
    plan = plan_import(ledger, table, again, found[0].import_options())
    assert not plan.refused and plan.rows[0].action is Action.NEW


def test_error_workbook_falls_back_to_the_grid_when_another_sheet_reaches_far(ledger: Ledger, make: Any, gi: Any,
                                                                               tmp_path: Path) -> None:
    from openpyxl import load_workbook

    rows = _rows(make, 1)
    rows[1][5] = "不存在的状态"
    path = xlsx(tmp_path / "a.xlsx", rows)
    book = load_workbook(path)
    book.create_sheet("草稿")["XFD1048576"] = "stray"
    book.save(path)
    plan = _plan(ledger, path)
    out = load_workbook(write_error_workbook(plan, tmp_path / "out.xlsx"))
    assert out.sheetnames == [LISTING_SHEET, "名单"]  # the grid of the sheet imported, not the far one
    assert out["名单"]["F4"].comment is not None and out["名单"]["A1"].value == "行唐县用标主体名单"


def test_required_fields_without_a_column_are_said(ledger: Ledger, make: Any, gi: Any, tmp_path: Path) -> None:
    plan = _plan(ledger, xlsx(tmp_path / "[名单].csv".replace(".csv", ".xlsx"), [["企业名称"], ["甲"]], title=None))
    assert any("统一社会信用代码" in n.zh and "USCC" in n.en for n in plan.notes)
    assert plan.refused and plan.rows[0].action is Action.REFUSED
    csv_plan = _plan(ledger, csv_file(tmp_path / "[名单].csv", [["企业名称"], ["甲"]], "utf-8"))
    out = write_error_workbook(csv_plan, tmp_path / "out.xlsx")
    from openpyxl import load_workbook

    assert load_workbook(out).sheetnames == [LISTING_SHEET, "_名单_"]
