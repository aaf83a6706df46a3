"""The annual-report workbook: what it looks like to an enterprise, and its import back:
good, edited badly (the error workbook marks the cell), another year, another user, another
office, a serial never issued, returned twice, a hidden part missing; all files in one
transaction; re-saved by LibreOffice Calc."""

from __future__ import annotations

import io
import os
import subprocess
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook, load_workbook

from desktop import cli
from desktop.annual import layout
from desktop.annual.errors import write_error_workbook
from desktop.annual.returned import ImportRefused, apply_import, plan_import
from desktop.annual.status import year_status
from desktop.annual.workbook import write_workbook, write_workbooks
from desktop.jobs import Cancelled
from desktop.ledger import Ledger
from tests.desktop.annual_helpers import authorised_user, fill
from tests.desktop.test_packets_libreoffice import soffice

GOOD = {"output_t": 100, "marked_output_t": 80.5, "sales_10k": 300, "marked_sales_10k": 250,
        "export_t": 0, "marks_printed": 1000, "printer": "石家庄印刷厂", "marks_used": 300,
        "marks_in_stock": 700, "testing": "送检3批次，全部合格", "reporter": "王五",
        "report_date": date(2026, 1, 15)}


@pytest.fixture
def users(make: Any) -> list[str]:
    return [authorised_user(make), authorised_user(make, "suspended")]


def test_workbook_as_an_enterprise_sees_it(ledger: Ledger, users: list[str], tmp_path: Path) -> None:
    result = write_workbook(ledger, 2025, tmp_path / "all.xlsx")
    assert len(result.serials) == 2 and result.serials[0].startswith("NW-130125-2026-")
    book = load_workbook(tmp_path / "all.xlsx")
    assert book.sheetnames[0] == "填表说明" and book[layout.META_SHEET].sheet_state == "veryHidden"
    assert len(book.sheetnames) == 4
    ws = book.worksheets[1]
    assert ws["A1"].value == "地理标志专用标志使用情况年报（2025年度）"
    assert result.serials[0] in ws["A2"].value
    assert ws.protection.sheet and int(ws.page_setup.paperSize) == 9  # A4
    assert ws.column_dimensions["A"].width >= 20
    cells = {ws.cell(r, 1).value: ws.cell(r, 2) for r in range(1, ws.max_row + 1)}
    assert cells["统一社会信用代码"].value and cells["统一社会信用代码"].protection.locked is not False
    assert cells["用标主体编号"].value == users[0]
    assert cells["产量（吨）"].protection.locked is False
    kinds = {dv.type for dv in ws.data_validations.dataValidation}
    assert {"decimal", "whole", "date", "textLength"} <= kinds
    intro = book["填表说明"]
    texts = " ".join(str(c.value) for row in intro.iter_rows() for c in row if c.value)
    assert "本年度印制的专用标志数量" in texts  # the fields' help texts
    # one workbook per user
    per = write_workbooks(ledger, 2025, tmp_path)
    assert len(per.files) == 2 and all(p.exists() for p in per.files)
    assert set(per.serials).isdisjoint(result.serials)  # a serial is never issued twice


def test_filled_workbook_imports(ledger: Ledger, users: list[str], tmp_path: Path) -> None:
    write_workbook(ledger, 2025, tmp_path / "wb.xlsx", [users[0]])
    filled = fill(tmp_path / "wb.xlsx", tmp_path / "filled.xlsx", GOOD)
    dry = plan_import(ledger, [filled])
    assert dry.ok and dry.counts()["new"] == 1
    assert ledger.count("annual-report") == 0  # a dry run writes nothing
    apply_import(ledger, [filled])
    [rec] = list(ledger.list("annual-report"))
    assert rec.values["mark_user_id"] == users[0] and rec.values["year"] == 2025
    assert rec.values["review_status"] == "submitted" and rec.values["marks_used"] == 300
    assert rec.values["printer"] == "石家庄印刷厂" and rec.values["report_date"] == date(2026, 1, 15)
    st = year_status(ledger, 2025)
    assert {u.user_id: u.status for u in st.users}[users[0]] == "submitted"
    row = ledger.db.execute("SELECT actor, after, note FROM audit_log WHERE action = 'annual-workbook-import'"
                            ).fetchone()
    assert row[0] == "测试员" and "filled.xlsx" in row[1] and dry.files[0].sha256 in row[1]
    # a new workbook for the same user updates the report (fields named in the dry run)
    write_workbook(ledger, 2025, tmp_path / "wb2.xlsx", [users[0]])
    again = fill(tmp_path / "wb2.xlsx", tmp_path / "again.xlsx", {"marks_used": 200, "marks_in_stock": 800})
    plan = plan_import(ledger, [again])
    assert plan.files[0].sheets[0].action == "updated"
    assert set(plan.files[0].sheets[0].changes) == {"marks_used", "marks_in_stock"}


def test_returned_twice_refused(ledger: Ledger, users: list[str], tmp_path: Path) -> None:
    write_workbook(ledger, 2025, tmp_path / "wb.xlsx", [users[0]])
    filled = fill(tmp_path / "wb.xlsx", tmp_path / "filled.xlsx", GOOD)
    copy = fill(tmp_path / "wb.xlsx", tmp_path / "copy.xlsx", GOOD)
    with pytest.raises(ImportRefused) as e:
        apply_import(ledger, [filled, copy])  # the same serial twice in one import
    assert "两次" in str(e.value.plan.files[1].sheets[0].refusal)
    assert ledger.count("annual-report") == 0
    apply_import(ledger, [filled])
    plan = plan_import(ledger, [copy])
    refusal = plan.files[0].sheets[0].refusal
    assert refusal is not None and "已于" in refusal.zh and "returned twice" in refusal.en
    assert ledger.count("annual-report") == 1


@pytest.mark.parametrize(("meta", "word"), [
    ({"year": "2024"}, "签发给 2025 年度"),
    ({("sheet", None, 3): "U-130125-999999"}, "签发给"),
    ({"office_code": "130126"}, "另一单位"),
    ({("sheet", None, 2): "NW-130125-2026-009999"}, "不是本单位签发"),
    ({"format": "something else"}, "格式"),
])
def test_edited_hidden_part_refused(ledger: Ledger, users: list[str], tmp_path: Path,
                                    meta: dict[Any, Any], word: str) -> None:
    write_workbook(ledger, 2025, tmp_path / "wb.xlsx", [users[0]])
    sheet = load_workbook(tmp_path / "wb.xlsx").sheetnames[1]
    meta = {(k[0], sheet, k[2]) if isinstance(k, tuple) else k: v for k, v in meta.items()}
    bad = fill(tmp_path / "wb.xlsx", tmp_path / "bad.xlsx", GOOD, meta=meta)
    good = users[1]
    write_workbook(ledger, 2025, tmp_path / "other.xlsx", [good])
    fine = fill(tmp_path / "other.xlsx", tmp_path / "fine.xlsx", GOOD)
    with pytest.raises(ImportRefused) as e:
        apply_import(ledger, [fine, bad])
    f = e.value.plan.files[1]
    text = str(f.refusal or f.sheets[0].refusal)
    assert word in text, text
    assert ledger.count("annual-report") == 0  # the good file is not imported either
    assert ledger.db.execute("SELECT count(*) FROM form_links").fetchone()[0] == 0


def test_hidden_part_missing(ledger: Ledger, tmp_path: Path) -> None:
    book = Workbook()
    book.active.append(["产量（吨）", 100])
    book.save(tmp_path / "plain.xlsx")
    plan = plan_import(ledger, [tmp_path / "plain.xlsx"])
    assert plan.files[0].refusal is not None and "隐藏" in plan.files[0].refusal.zh
    (tmp_path / "junk.xlsx").write_bytes(b"not a zip")
    plan = plan_import(ledger, [tmp_path / "junk.xlsx"])
    assert plan.files[0].refusal is not None and "junk.xlsx" in plan.files[0].refusal.zh


def test_bad_cells_named_and_marked(ledger: Ledger, users: list[str], tmp_path: Path) -> None:
    write_workbook(ledger, 2025, tmp_path / "wb.xlsx", [users[0]])
    bad = fill(tmp_path / "wb.xlsx", tmp_path / "bad.xlsx",
               {**GOOD, "sales_10k": "三百万", "marked_output_t": 120})
    plan = plan_import(ledger, [bad])
    s = plan.files[0].sheets[0]
    assert s.refused
    texts = [p.describe() for p in s.problems]
    _placed, where = layout.place_fields()
    assert any(f"第 {where['sales_10k']} 行 B 列（销售额（万元））" in t and "三百万" in t for t in texts), texts
    assert any(f"第 {where['marked_output_t']} 行 B 列" in t and "不能大于产量" in t for t in texts), texts
    out = write_error_workbook(plan, tmp_path / "errors.xlsx")
    book = load_workbook(out)
    assert book.sheetnames[0] == "问题清单"
    listing = [r for r in book["问题清单"].iter_rows(min_row=2, values_only=True)]
    assert any(r[0] == "1. bad.xlsx" and r[2] == where["sales_10k"] for r in listing)
    cell = book.worksheets[book.sheetnames.index(s.sheet)].cell(where["sales_10k"], 2)
    assert cell.comment is not None and "不是数字" in cell.comment.text
    assert cell.fill.fgColor.rgb.endswith("FFC7CE")
    # the CLI: exit 3, the same lines, the error workbook
    out_text = io.StringIO()
    code = cli.main(["--db", str(ledger.path), "import-annual-reports", str(bad), "--report",
                     str(tmp_path / "cli.xlsx")], out_text)
    assert code == 3 and "三百万" in out_text.getvalue() and (tmp_path / "cli.xlsx").exists()
    assert ledger.count("annual-report") == 0


def test_error_workbook_of_several_files(ledger: Ledger, users: list[str], tmp_path: Path) -> None:
    paths = []
    for n, uid in enumerate(users):
        write_workbook(ledger, 2025, tmp_path / f"wb{n}.xlsx", [uid])
        paths.append(fill(tmp_path / f"wb{n}.xlsx", tmp_path / f"bad{n}.xlsx", {**GOOD, "output_t": "x"}))
    plan = plan_import(ledger, paths)
    book = load_workbook(write_error_workbook(plan, tmp_path / "errors.xlsx"))
    assert book.sheetnames[0] == "问题清单" and len(book.sheetnames) == 3


def test_stock_warning_shown_not_refused(ledger: Ledger, make: Any, users: list[str], tmp_path: Path) -> None:
    make.add("annual-report", mark_user_id=users[0], year=2024, marks_in_stock=500)
    write_workbook(ledger, 2025, tmp_path / "wb.xlsx", [users[0]])
    filled = fill(tmp_path / "wb.xlsx", tmp_path / "f.xlsx", {**GOOD, "marks_in_stock": 1100})
    plan = plan_import(ledger, [filled])
    assert plan.ok
    assert [w.reason.zh for w in plan.files[0].sheets[0].warnings] == [
        "结存应为 1200（上年结存 500 + 印制 1000 − 使用 300），填报为 1100"]


def test_cancelled_batch_keeps_its_serials(ledger: Ledger, users: list[str], tmp_path: Path) -> None:
    calls = iter([False, True])
    with pytest.raises(Cancelled):
        write_workbooks(ledger, 2025, tmp_path, cancelled=lambda: next(calls))
    status = ledger.db.execute("SELECT status FROM form_batches").fetchall()
    assert status == [("cancelled",)]
    again = write_workbook(ledger, 2025, tmp_path / "x.xlsx")
    assert again.serials[0].endswith("000003")


@pytest.mark.slow
def test_resaved_by_libreoffice_imports(ledger: Ledger, users: list[str], tmp_path: Path) -> None:
    exe = soffice()
    write_workbook(ledger, 2025, tmp_path / "wb.xlsx")
    filled = fill(tmp_path / "wb.xlsx", tmp_path / "filled.xlsx", GOOD, sheet=2)
    out = tmp_path / "lo"
    out.mkdir()
    done = subprocess.run(
        [exe, f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}", "--headless", "--norestore",
         "--convert-to", "xlsx:Calc MS Excel 2007 XML", "--outdir", str(out), str(filled)],
        capture_output=True, text=True, timeout=180, env={**os.environ, "HOME": str(tmp_path)}, check=False)
    resaved = out / "filled.xlsx"
    assert done.returncode == 0 and resaved.is_file(), done.stderr
    plan = apply_import(ledger, [resaved])
    assert plan.counts() == {"new": 1, "updated": 0, "unchanged": 0, "blank": 1, "refused": 0}, plan
    [rec] = list(ledger.list("annual-report"))
    assert rec.values["mark_user_id"] == users[1] and rec.values["marked_output_t"] == 80.5
    assert rec.values["report_date"] == date(2026, 1, 15) and rec.values["printer"] == "石家庄印刷厂"


def test_hidden_part_without_a_field_refused(ledger: Ledger, users: list[str], tmp_path: Path) -> None:
    write_workbook(ledger, 2025, tmp_path / "wb.xlsx", [users[0]])
    book = load_workbook(tmp_path / "wb.xlsx")
    hidden = book[layout.META_SHEET]
    for row in hidden.iter_rows():
        if row[0].value == "field" and row[1].value == "output_t":
            row[2].value = "B0"
    book.save(tmp_path / "bad.xlsx")
    plan = plan_import(ledger, [tmp_path / "bad.xlsx"])
    assert plan.files[0].refusal is not None and "隐藏部分" in plan.files[0].refusal.zh


def test_enterprise_text_is_never_a_formula(ledger: Ledger, make: Any, tmp_path: Path) -> None:
    uid = authorised_user(make)
    ledger.edit("mark-user", uid, {"address": '=HYPERLINK("x")'})
    write_workbook(ledger, 2025, tmp_path / "wb.xlsx", [uid])
    ws = load_workbook(tmp_path / "wb.xlsx").worksheets[1]
    cells = {ws.cell(r, 1).value: ws.cell(r, 2) for r in range(1, ws.max_row + 1)}
    assert cells["地址"].data_type == "s" and cells["地址"].value == '=HYPERLINK("x")'


def test_cli_workbook_and_dry_run_of_several(ledger: Ledger, users: list[str], tmp_path: Path) -> None:
    out = io.StringIO()
    assert cli.main(["--db", str(ledger.path), "annual-report-workbook", "--year", "2025", "--user", users[0],
                     "-o", str(tmp_path / "one.xlsx")], out) == 0
    assert "NW-130125-" in out.getvalue() and (tmp_path / "one.xlsx").exists()
    assert cli.main(["--db", str(ledger.path), "annual-report-workbook", "--year", "2025",
                     "-o", str(tmp_path / "all.xlsx")], io.StringIO()) == 0
    a = fill(tmp_path / "one.xlsx", tmp_path / "a.xlsx", GOOD)
    b = fill(tmp_path / "all.xlsx", tmp_path / "b.xlsx", {"output_t": 5}, sheet=2)
    out = io.StringIO()
    assert cli.main(["--db", str(ledger.path), "import-annual-reports", str(a), str(b), "--dry-run"], out) == 0
    text = out.getvalue()
    assert "a.xlsx" in text and "b.xlsx" in text and "新增 / new" in text and "未填写" in text
    assert "可导入 / would import: 新增 2" in text
    assert ledger.count("annual-report") == 0
    assert cli.main(["--db", str(ledger.path), "import-annual-reports", str(a), str(b)], io.StringIO()) == 0
    assert ledger.count("annual-report") == 2
    code = cli.main(["--db", str(ledger.path), "annual-report-workbook", "--year", "2025", "--user", "U-1",
                     "-o", str(tmp_path / "x.xlsx")], io.StringIO())
    assert code == 3 and not (tmp_path / "x.xlsx").exists()
