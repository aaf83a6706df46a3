"""Reading messy spreadsheets (desktop.tables.sources, header, mapping): the header under a
merged title, 合计 rows, GBK and BOM CSV files, .xls, extents that would blow up calamine."""

from __future__ import annotations

import time
import zipfile
from pathlib import Path

import pytest

from desktop.registers import REGISTRY
from desktop.tables import aliases
from desktop.tables.header import find_table, read_table
from desktop.tables.mapping import header_key, propose_mapping
from desktop.tables.model import ID_KEY, TableRefused
from desktop.tables.sources import list_sheets, read_grid

from .tables_helpers import HEADERS, csv_file, xls, xlsx

MARK_USER = REGISTRY["mark-user"]
ROWS = [HEADERS,
        [1, "行唐县红枣有限公司", "91130125000000001X", "企业", "行唐大枣", "申请中", "2021-05-03", "13800138000"],
        [2, "行唐县枣业合作社", "93130125000000002Y", "农民专业合作社", "行唐大枣", "申请中", None, None],
        [None, None, None, None, None, None, None, None],
        ["合计", "2家", None, None, None, None, None, None]]


def test_header_on_row_3_under_a_merged_title_and_a_totals_row_left_out(tmp_path: Path) -> None:
    path = xlsx(tmp_path / "名单.xlsx", ROWS)
    table = read_table(path, MARK_USER)
    assert table.header_row == 3
    assert table.headers[:3] == ("序号", "企业名称", "统一社会信用代码*")
    assert [r.number for r in table.rows] == [4, 5]
    reasons = {s.number: s.reason.zh for s in table.skipped}
    assert "标题" in reasons[1] and "合计" in reasons[7]
    assert table.grid.merged == ((1, 1, 1, len(HEADERS)),)


def test_header_row_given_and_out_of_range(tmp_path: Path) -> None:
    path = xlsx(tmp_path / "名单.xlsx", ROWS)
    assert find_table(read_grid(path), MARK_USER, header_row=3).header_row == 3
    with pytest.raises(TableRefused, match="第 99 行"):
        find_table(read_grid(path), MARK_USER, header_row=99)


def test_no_header_found_is_refused_naming_the_sheet(tmp_path: Path) -> None:
    path = xlsx(tmp_path / "x.xlsx", [["甲", "乙"], [1, 2]], title=None)
    with pytest.raises(TableRefused) as info:
        read_table(path, MARK_USER)
    assert "名单" in info.value.zh and "header" in info.value.en


def test_mapping_by_labels_aliases_and_required_marks(tmp_path: Path) -> None:
    rows = [["编号", "单位名称", "社会信用代码＊", "手机", "负责人", "地理标志", "核准日期（公历）", "备用列"],
            ["", "甲公司", "91130125000000001X", "13800138000", "张三", "行唐大枣", "2021-05-03", "x"]]
    table = read_table(xlsx(tmp_path / "a.xlsx", rows), MARK_USER)
    mapping = propose_mapping(table, MARK_USER)
    assert [c.field_key for c in mapping.columns] == [ID_KEY, "name", "uscc", "phone", "contact", "gi_id",
                                                       "approval_date", None]
    assert mapping.columns[1].confidence == 0.9 and mapping.columns[7].reason.en
    changed = mapping.with_field(7, "address").with_field(3, None)
    assert changed.field_of(7) == "address" and changed.field_of(3) is None
    given = propose_mapping(table, MARK_USER, {"备用列": "address", "手机": ""})
    assert given.field_of(7) == "address" and given.field_of(3) is None
    with pytest.raises(TableRefused, match="nosuch"):
        propose_mapping(table, MARK_USER, {"备用列": "nosuch"})


def test_header_normalisation() -> None:
    assert aliases.normalise(" 统一社会 信用代码＊") == "统一社会信用代码"
    assert aliases.normalise("产量（吨）") == "产量(吨)"
    assert aliases.without_unit("产量（吨）") == "产量"
    assert header_key(["企业名称 ", "电话", ""]) == header_key(["企业名称", "电话"])
    assert header_key(["企业名称"]) != header_key(["电话"])


def test_csv_gbk_is_read_as_gb18030_and_said(tmp_path: Path) -> None:
    path = csv_file(tmp_path / "名单.csv", ROWS[:3], "gbk")
    grid = read_grid(path)
    assert grid.encoding == "gb18030"
    assert grid.rows[1][1] == "行唐县红枣有限公司"
    assert list_sheets(path)[0].name == "名单"


def test_csv_utf8_bom_utf16_and_tabs(tmp_path: Path) -> None:
    assert read_grid(csv_file(tmp_path / "a.csv", ROWS[:2], "utf-8-sig")).encoding == "utf-8-sig"
    assert read_grid(csv_file(tmp_path / "b.csv", ROWS[:2], "utf-8")).encoding == "utf-8"
    grid = read_grid(csv_file(tmp_path / "c.csv", ROWS[:2], "utf-16", delimiter="\t"))
    assert grid.encoding == "utf-16" and grid.delimiter == "\t" and grid.rows[0][1] == "企业名称"
    assert read_grid(csv_file(tmp_path / "d.csv", ROWS[:2], "utf-8", delimiter=";")).delimiter == ";"


def test_csv_of_no_known_encoding_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "bad.csv"
    path.write_bytes(b"\xff\xfe\xfd,abc\n" [2:] + b"\x80\x80\xff\n")
    with pytest.raises(TableRefused) as info:
        read_grid(path)
    assert "GB18030" in info.value.zh and "UTF-8" in info.value.en


def test_xls_is_read(tmp_path: Path) -> None:
    path = xls(tmp_path / "名单.xls", ROWS[:3])
    table = read_table(path, MARK_USER)
    assert table.header_row == 3 and table.grid.file_format == "xls"
    assert table.rows[0].cells[1] == "行唐县红枣有限公司"


def test_xls_with_a_far_cell_is_refused_before_calamine(tmp_path: Path) -> None:
    import xlwt  # type: ignore[import-untyped]  # xlwt ships no types

    wb = xlwt.Workbook()
    wb.add_sheet("首页").write(0, 0, "企业名称")
    wb.add_sheet("名单").write(65535, 255, "stray")
    wb.save(str(tmp_path / "far.xls"))
    assert read_grid(tmp_path / "far.xls").rows == (("企业名称",),)  # the first sheet is small
    with pytest.raises(TableRefused) as info:
        read_grid(tmp_path / "far.xls", "名单")
    assert "65536" in info.value.zh and "IV" in info.value.en and "名单" in info.value.zh


def test_a_damaged_xls_is_refused(tmp_path: Path) -> None:
    (tmp_path / "bad.xls").write_bytes(bytes.fromhex("D0CF11E0A1B11AE1") + b"\0" * 600)
    with pytest.raises(TableRefused, match=r"bad\.xls"):
        read_grid(tmp_path / "bad.xls")
    (tmp_path / "text.xls").write_text("企业名称,电话")
    with pytest.raises(TableRefused, match=r"text\.xls"):
        list_sheets(tmp_path / "text.xls")


def test_xlsx_with_a_cell_at_xfd1048576_is_refused_quickly(tmp_path: Path) -> None:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws["A1"] = "企业名称"
    ws["XFD1048576"] = "stray"
    wb.save(tmp_path / "far.xlsx")
    started = time.monotonic()
    with pytest.raises(TableRefused) as info:
        read_grid(tmp_path / "far.xlsx")
    assert time.monotonic() - started < 5
    assert "XFD1048576" in str(info.value) and "far.xlsx" in info.value.zh


def test_xlsx_far_cell_without_dimension_is_refused(tmp_path: Path) -> None:
    from openpyxl import Workbook

    wb = Workbook()
    wb.active["A1"] = "企业名称"
    wb.active["B200000"] = "x"
    wb.save(tmp_path / "src.xlsx")
    out = tmp_path / "nodim.xlsx"
    with zipfile.ZipFile(tmp_path / "src.xlsx") as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "xl/worksheets/sheet1.xml":
                data = data.replace(b'<dimension ref="A1:B200000"/>', b"")
            dst.writestr(info, data)
    with pytest.raises(TableRefused, match="B200000"):
        read_grid(out)


def test_not_a_spreadsheet_and_missing_sheet(tmp_path: Path) -> None:
    (tmp_path / "a.xlsx").write_text("not a zip")
    with pytest.raises(TableRefused, match=r"a\.xlsx"):
        read_grid(tmp_path / "a.xlsx")
    (tmp_path / "a.txt").write_text("x")
    with pytest.raises(TableRefused, match=r"\.csv"):
        read_grid(tmp_path / "a.txt")
    with pytest.raises(TableRefused, match="没有名为“其他”"):
        read_grid(xlsx(tmp_path / "b.xlsx", ROWS), "其他")
    with pytest.raises(TableRefused, match="找不到文件"):
        read_grid(tmp_path / "missing.xlsx")


def test_xlsx_with_a_dtd_is_refused(tmp_path: Path) -> None:
    src = xlsx(tmp_path / "src.xlsx", ROWS)
    out = tmp_path / "dtd.xlsx"
    with zipfile.ZipFile(src) as a, zipfile.ZipFile(out, "w") as b:
        for info in a.infolist():
            data = a.read(info)
            if info.filename == "xl/workbook.xml":
                data = b'<!DOCTYPE x [<!ENTITY a "b">]>' + data
            b.writestr(info, data)
    with pytest.raises(TableRefused, match="DTD"):
        read_grid(out)


def test_refusals_speak_of_spreadsheets_not_packets(tmp_path: Path) -> None:
    (tmp_path / "dir.xlsx").mkdir()
    with zipfile.ZipFile(tmp_path / "nowb.xlsx", "w") as zf:
        zf.writestr("a.txt", "x")
    from openpyxl import Workbook

    wb = Workbook()
    wb.active["XFD1048576"] = "stray"
    wb.save(tmp_path / "far.xlsx")
    for name in ("dir.xlsx", "nowb.xlsx", "far.xlsx"):
        with pytest.raises(TableRefused) as info:
            read_grid(tmp_path / name)
        assert "数据包" not in info.value.zh and "packet" not in info.value.en, name
        assert name in info.value.zh and name in info.value.en
