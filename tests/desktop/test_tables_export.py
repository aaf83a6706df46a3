"""export-table: a register out to .xlsx or .csv as the window's table shows it (rows, order,
columns, labels), read back with openpyxl; streaming, cancel, refusals and the command line."""

from __future__ import annotations

import csv
import io
import zipfile
from datetime import datetime
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from openpyxl.utils import get_column_letter

from desktop.browse import Browser, BrowseState
from desktop.cli import EXIT_OK, EXIT_REFUSED, EXIT_USAGE, main
from desktop.fields import ValidationFailed
from desktop.jobs import Cancelled
from desktop.tables import export as ex
from desktop.tables.export import ExportRefused, export_table, where_state


@pytest.fixture
def users(make) -> dict[str, Any]:
    """A GI and three mark users of it, with phone, dates and coded values."""
    gi = make.add("gi", name="行唐大枣", gi_type="certification_mark", reference_no="0012345")
    a = make.add("mark-user", gi_id=gi.id, name="乙公司", uscc=make.uscc(11), phone="03118765432",
                 entity_type="enterprise", status="approved", approval_date="2024-03-20", announcement_no="第1号",
                 model_year=2024)
    b = make.add("mark-user", gi_id=gi.id, name="甲合作社", uscc=make.uscc(12), entity_type="cooperative",
                 status="applying")
    c = make.add("mark-user", gi_id=gi.id, name="丙公司", uscc=make.uscc(13), entity_type="enterprise",
                 status="approved", announcement_no="第2号", legal_rep="=HYPERLINK(\"http://x\")",
                 address="行唐县<龙州镇>&1号")
    return {"gi": gi, "a": a, "b": b, "c": c}


def sheet(path: Path) -> Any:
    return openpyxl.load_workbook(path).worksheets[0]


def rows_of(ws: Any) -> list[tuple[Any, ...]]:
    return list(ws.iter_rows(values_only=True))


def width_of(ws: Any, column: int) -> float:
    for dim in ws.column_dimensions.values():
        if dim.min is not None and dim.min <= column <= dim.max:
            return float(dim.width)
    raise AssertionError(f"no width for column {column}")


def test_xlsx_layout_labels_and_cell_types(ledger, users, tmp_path) -> None:
    target = tmp_path / "users.xlsx"
    result = export_table(ledger, "mark-user", target)
    assert result.rows == 3 and result.format == "xlsx"
    browser = Browser(ledger, "mark-user")
    assert list(result.columns) == [c.key for c in browser.columns if not c.hidden_by_default]
    assert "products" not in result.columns  # a long text is hidden by default, as in the table

    ws = sheet(target)
    assert ws.title == "用标主体"
    header = [c.value for c in ws[1]]
    assert header == [browser.columns[[c.key for c in browser.columns].index(k)].zh for k in result.columns]
    assert header[:3] == ["编号", "企业名称", "统一社会信用代码"]
    assert ws.freeze_panes == "A2"
    assert ws.auto_filter.ref == f"A1:{get_column_letter(len(header))}4"
    col = {k: n + 1 for n, k in enumerate(result.columns)}
    by_id = {ws.cell(r, 1).value: r for r in range(2, 5)}
    r = by_id[users["a"].id]
    uscc = ws.cell(r, col["uscc"])
    assert isinstance(uscc.value, str) and uscc.value == users["a"].values["uscc"] and uscc.number_format == "@"
    phone = ws.cell(r, col["phone"])
    assert phone.value == "03118765432" and phone.data_type == "s"  # the leading 0 kept
    assert ws.cell(r, col["id"]).data_type == "s"
    approved = ws.cell(r, col["approval_date"])
    assert approved.value == datetime(2024, 3, 20) and approved.number_format == "yyyy-mm-dd"
    year = ws.cell(r, col["model_year"])
    assert year.value == 2024 and isinstance(year.value, int)
    assert ws.cell(r, col["entity_type"]).value == "企业"      # the label, not the code
    assert ws.cell(r, col["status"]).value == "已核准"
    assert ws.cell(r, col["gi_id"]).value == "行唐大枣"        # the referenced record's title
    assert ws.cell(by_id[users["b"].id], col["approval_date"]).value is None
    for n, key in enumerate(result.columns, start=1):
        column = browser.columns[[c.key for c in browser.columns].index(key)]
        assert abs(width_of(ws, n) - ex.column_width(column)) < 1


def test_a_text_like_a_formula_is_a_string_cell(ledger, users, tmp_path) -> None:
    target = tmp_path / "users.xlsx"
    export_table(ledger, "mark-user", target, columns=["id", "legal_rep", "address"])
    with zipfile.ZipFile(target) as z:
        xml = z.read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in xml and "HYPERLINK" in xml
    ws = sheet(target)
    values = [r[1] for r in rows_of(ws)[1:]]
    assert '=HYPERLINK("http://x")' in values
    assert "行唐县<龙州镇>&1号" in [r[2] for r in rows_of(ws)[1:]]  # escaped, read back as typed


def test_numbers_keep_the_fields_decimals(ledger, make, tmp_path) -> None:
    report = make.add("annual-report", output_t="299.42", marked_output_t="110.8", marks_printed=12000,
                      report_date="2025-06-20")
    target = tmp_path / "reports.xlsx"
    result = export_table(ledger, "annual-report", target)
    ws = sheet(target)
    col = {k: n + 1 for n, k in enumerate(result.columns)}
    assert ws.cell(2, col["id"]).value == report.id
    marked = ws.cell(2, col["marked_output_t"])
    assert marked.value == pytest.approx(110.8) and marked.number_format == "0.00"
    assert isinstance(ws.cell(2, col["output_t"]).value, float)
    printed = ws.cell(2, col["marks_printed"])
    assert printed.value == 12000 and printed.number_format == "0"
    assert ws.cell(2, col["year"]).value == 2025
    assert ws.cell(2, col["report_date"]).value == datetime(2025, 6, 20)


def test_lists_yes_no_and_long_text(ledger, make, tmp_path) -> None:
    make.add("resource", name="行唐大枣", towns=["龙州镇", "上碑镇"], protection="certification_mark;agi",
             authentic=True, regional=False, history="明代已有记载\n县志卷三")
    target = tmp_path / "resources.xlsx"
    result = export_table(ledger, "resource", target,
                          columns=["name", "towns", "protection", "authentic", "regional", "history"])
    ws = sheet(target)
    assert rows_of(ws)[1] == ("行唐大枣", "龙州镇、上碑镇", "证明商标、农产品地理标志", "是", "否",
                              "明代已有记载\n县志卷三")
    assert result.columns == ("name", "towns", "protection", "authentic", "regional", "history")


def test_english_headers_labels_and_sheet_name(ledger, users, tmp_path) -> None:
    target = tmp_path / "users-en.xlsx"
    export_table(ledger, "mark-user", target, columns=["name", "entity_type", "status"], lang="en",
                 state=BrowseState(sort_key="name"))
    ws = sheet(target)
    assert ws.title == "Mark user"
    rows = rows_of(ws)
    assert rows[0] == ("Enterprise name", "Entity type", "Status")
    assert ("乙公司", "enterprise", "approved") in rows


def test_rows_follow_the_filters_search_and_sort(ledger, users, tmp_path) -> None:
    browser = Browser(ledger, "mark-user")
    state = BrowseState(filters={"status": ["approved"]}, sort_key="name", descending=True)
    target = tmp_path / "approved.xlsx"
    export_table(ledger, "mark-user", target, state=state, columns=["id", "name"])
    ids = [r[0] for r in rows_of(sheet(target))[1:]]
    assert ids == browser.ids(state)
    assert set(ids) == {users["a"].id, users["c"].id}
    names = [r[1] for r in rows_of(sheet(target))[1:]]
    assert names == sorted(names, reverse=True)

    searched = tmp_path / "searched.xlsx"
    export_table(ledger, "mark-user", searched, state=BrowseState(search="合作社"), columns=["id"])
    assert [r[0] for r in rows_of(sheet(searched))[1:]] == [users["b"].id]

    ledger.delete("mark-user", users["c"].id)
    shown = tmp_path / "deleted.xlsx"
    result = export_table(ledger, "mark-user", shown, state=BrowseState(include_deleted=True), columns=["id"])
    assert result.columns == ("id", "deleted")  # the table greys deleted rows out; the file says so
    rows = rows_of(sheet(shown))
    assert rows[0] == ("编号", "已删除")
    assert dict(rows[1:]) == {users["a"].id: "否", users["b"].id: "否", users["c"].id: "是"}
    result = export_table(ledger, "mark-user", shown, columns=["id"])
    assert result.columns == ("id",)
    assert users["c"].id not in [r[0] for r in rows_of(sheet(shown))[1:]]


def test_where_takes_codes_or_labels_and_names_every_bad_value(ledger, users) -> None:
    browser = Browser(ledger, "mark-user")
    by_label = where_state(browser, {"status": "已核准"})
    by_code = where_state(browser, {"status": "approved"})
    assert by_label.filters == by_code.filters == {"status": ["approved"]}
    assert set(browser.ids(by_label)) == {users["a"].id, users["c"].id}
    kept = where_state(browser, {"entity_type": "企业"}, BrowseState(search="乙"))
    assert kept.search == "乙" and browser.ids(kept) == [users["a"].id]
    with pytest.raises(ValidationFailed) as info:
        where_state(browser, {"status": "休眠", "bogus": "1", "model_year": "明年", "approval_date": ""})
    keys = {e.field_key for e in info.value.errors}
    assert keys == {"status", "bogus", "model_year", "approval_date"}
    with pytest.raises(ValidationFailed) as info:
        where_state(Browser(ledger, "resource"), {"towns": "龙州镇"})
    assert "列表字段" in info.value.errors[0].message_zh


def test_csv_bom_crlf_texts_and_injection_guard(ledger, users, tmp_path) -> None:
    target = tmp_path / "users.csv"
    result = export_table(ledger, "mark-user", target, state=BrowseState(sort_key="name"),
                          columns=["name", "uscc", "phone", "legal_rep", "approval_date", "model_year", "gi_id"])
    assert result.format == "csv" and result.rows == 3
    raw = target.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    assert raw.count(b"\r\n") == 4 and raw.replace(b"\r\n", b"").count(b"\n") == 0
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    assert rows[0] == ["企业名称", "统一社会信用代码", "联系电话", "法定代表人", "核准日期", "示范企业认定年份",
                       "使用的地理标志"]
    by_name = {r[0]: r for r in rows[1:]}
    assert by_name["乙公司"][1:] == [users["a"].values["uscc"], "03118765432", "", "2024-03-20", "2024", "行唐大枣"]
    assert by_name["丙公司"][3] == "'=HYPERLINK(\"http://x\")"  # never a formula in Excel
    assert ex.csv_guard("+86 311") == "'+86 311" and ex.csv_guard("@x") == "'@x"
    assert ex.csv_guard("-") == "'-" and ex.csv_guard("a=b") == "a=b"


def test_csv_keeps_decimals_and_line_ends_inside_a_cell(ledger, make, tmp_path) -> None:
    make.add("annual-report", marked_output_t="110.8", testing="抽检合格\n第二行")
    target = tmp_path / "reports.csv"
    export_table(ledger, "annual-report", target, columns=["marked_output_t", "testing"])
    rows = list(csv.reader(io.StringIO(target.read_text(encoding="utf-8-sig"), newline="")))
    assert rows[1] == ["110.80", "抽检合格\n第二行"]


@pytest.fixture
def many(ledger) -> int:
    """5,000 resources, written in one batch."""
    rows = ({"name": f"产品{n:05d}", "attribute": "grown", "category": "primary_agri", "tier": "cultivate",
             "survey_date": "2026-05-01", "phone": "03118765432"} for n in range(5000))
    return len(ledger.bulk_add("resource", rows, note="test", total=5000))


@pytest.mark.parametrize("suffix", [".xlsx", ".csv"])
def test_a_large_export_is_read_a_page_at_a_time(ledger, many, tmp_path, monkeypatch, suffix) -> None:
    pages: list[int] = []
    real_rows = Browser.rows

    def rows(self: Browser, ids: Any, lang: str = "zh") -> Any:
        pages.append(len(ids))
        return real_rows(self, ids, lang)

    monkeypatch.setattr(Browser, "rows", rows)
    seen: list[tuple[int, int]] = []
    target = tmp_path / f"many{suffix}"
    result = export_table(ledger, "resource", target, progress=lambda d, t: seen.append((d, t)))
    assert result.rows == many == 5000
    assert pages == [ex.PAGE_ROWS] * 5
    assert seen[0] == (0, 5000) and seen[-1] == (5000, 5000) and len(seen) == 6
    if suffix == ".xlsx":
        ws = openpyxl.load_workbook(target, read_only=True).worksheets[0]
        assert ws.max_row == 5001
    else:
        assert target.read_bytes().count(b"\r\n") == 5001


@pytest.mark.parametrize("suffix", [".xlsx", ".csv"])
def test_a_cancel_leaves_no_file_and_the_old_one_as_it_was(ledger, many, tmp_path, suffix) -> None:
    target = tmp_path / f"many{suffix}"
    target.write_bytes(b"the clerk's earlier file")
    calls: list[int] = []

    def cancelled() -> bool:
        calls.append(1)
        return len(calls) > 3  # during the third page

    with pytest.raises(Cancelled):
        export_table(ledger, "resource", target, cancelled=cancelled)
    assert target.read_bytes() == b"the clerk's earlier file"
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("many")) == [target.name]
    target.unlink()
    with pytest.raises(Cancelled):
        export_table(ledger, "resource", target, cancelled=lambda: True)
    assert not any(p.name.startswith("many") for p in tmp_path.iterdir())


def test_refusals(ledger, users, tmp_path, monkeypatch) -> None:
    with pytest.raises(ExportRefused) as info:
        export_table(ledger, "mark-user", tmp_path / "x.txt")
    assert ".xlsx" in info.value.zh and "ends in" in info.value.en
    with pytest.raises(ExportRefused) as info:
        export_table(ledger, "mark-user", tmp_path / "x.xlsx", columns=["name", "nope"])
    assert "nope" in info.value.zh and "known columns" in info.value.en
    with pytest.raises(OSError) as oserr:
        export_table(ledger, "mark-user", tmp_path / "no-such-folder" / "x.xlsx")
    assert oserr.value.filename == str(tmp_path / "no-such-folder" / "x.xlsx")
    monkeypatch.setattr(ex, "XLSX_MAX_ROWS", 2)
    with pytest.raises(ExportRefused) as info:
        export_table(ledger, "mark-user", tmp_path / "x.xlsx")
    assert ".csv" in info.value.zh
    assert export_table(ledger, "mark-user", tmp_path / "x.csv").rows == 3  # a CSV has no such limit
    assert not (tmp_path / "x.xlsx").exists()


# ---- the command line ---------------------------------------------------------------------

def run(db_path: Path, capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    out = io.StringIO()
    code = main(["--db", str(db_path), *argv], out=out)
    err = capsys.readouterr().err
    assert "Traceback" not in err
    return code, out.getvalue(), err


def test_cli_export_table(db_path, ledger, users, tmp_path, capsys) -> None:
    target = tmp_path / "cli.xlsx"
    code, out, _err = run(db_path, capsys, "export-table", "mark-user", "-o", str(target),
                          "--where", "status=已核准", "--search", "公司", "--sort", "name", "--descending",
                          "--columns", "name,status,uscc")
    assert code == EXIT_OK
    assert "2" in out and str(target) in out
    rows = rows_of(sheet(target))
    assert rows == [("企业名称", "状态", "统一社会信用代码"), ("乙公司", "已核准", users["a"].values["uscc"]),
                    ("丙公司", "已核准", users["c"].values["uscc"])]  # by code point, descending: 乙 U+4E59

    code, _out, _err = run(db_path, capsys, "export-table", "mark-user", "-o", str(tmp_path / "e.csv"),
                           "--lang", "en", "--columns", "name,entity_type")
    assert code == EXIT_OK
    assert (tmp_path / "e.csv").read_text(encoding="utf-8-sig").splitlines()[0] == "Enterprise name,Entity type"


@pytest.mark.parametrize(("argv", "expected", "said"), [
    (["-o", "x.txt"], EXIT_USAGE, ".xlsx 或 .csv"),
    (["-o", "x.xlsx", "--where", "status"], EXIT_USAGE, "KEY=VALUE"),
    (["-o", "x.xlsx", "--where", "status=休眠"], EXIT_REFUSED, "休眠"),
    (["-o", "x.xlsx", "--where", "nope=1"], EXIT_REFUSED, "nope"),
    (["-o", "x.xlsx", "--columns", "name,nope"], EXIT_REFUSED, "nope"),
    (["-o", "x.xlsx", "--sort", "nope"], EXIT_REFUSED, "nope"),
    (["-o", "missing/x.xlsx"], EXIT_REFUSED, "missing"),
])
def test_cli_export_table_refusals(db_path, ledger, users, tmp_path, capsys, monkeypatch, argv, expected,
                                   said) -> None:
    monkeypatch.chdir(tmp_path)
    code, out, err = run(db_path, capsys, "export-table", "mark-user", *argv)
    assert code == expected, err
    assert said in err and out == ""
    assert not (tmp_path / "x.xlsx").exists()


def test_cli_database_missing(tmp_path, capsys) -> None:
    code, _out, err = run(tmp_path / "none.db", capsys, "export-table", "mark-user", "-o",
                          str(tmp_path / "x.xlsx"))
    assert code == 4 and "数据库" in err


def test_a_city_exports_the_unit_column_and_filters_by_unit(city_ledger, tmp_path) -> None:
    from db import records
    from db.connection import now_utc, transaction
    from desktop.record import to_columns
    from desktop.registers import get_kind

    kind = get_kind("gi")
    now = now_utc()
    with transaction(city_ledger.db):
        for n, office in enumerate(("130125", "130183"), start=1):
            values = kind.coerce_all({"name": f"地标{n}", "gi_type": "product", "reference_no": f"公告{n}"})[0]
            records.insert(city_ledger.db, records.StoredRecord(
                kind.table, f"G-{office}-{n:06d}", office, now, now, 1, False, to_columns(kind, values)))
    browser = Browser(city_ledger, "gi")
    assert browser.units is not None
    target = tmp_path / "city.xlsx"
    result = export_table(city_ledger, "gi", target)
    assert result.columns[:3] == ("id", "office_code", "name")
    rows = rows_of(sheet(target))
    assert rows[0][:3] == ("编号", "单位", "地理标志名称")
    assert {r[1] for r in rows[1:]} == {"行唐县", "晋州市"}
    state = where_state(browser, {"office_code": "晋州市"})
    assert state.units == ["130183"]
    export_table(city_ledger, "gi", target, state=state)
    assert [r[0] for r in rows_of(sheet(target))[1:]] == ["G-130183-000002"]
    with pytest.raises(ValidationFailed):
        where_state(browser, {"office_code": "海淀区"})
