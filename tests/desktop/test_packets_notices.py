"""What a packet's file says beside its signed content (issue 13): formulas typed into it, a cover
that lies, sheets deleted, moved or shown; numbers past SQLite's range; long values in messages;
paths that are not files. The merge goes by the signed part; the report says what differs."""

from __future__ import annotations

import io
import os
import re
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from db import records
from desktop.cli import EXIT_REFUSED, main
from desktop.fields import FieldError, FieldType
from desktop.ledger import Ledger
from desktop.packets import format as fmt
from desktop.packets.export import export_packet
from desktop.packets.importer import MERGE, REFUSED, import_packet, plan_import
from desktop.packets.reader import CellEdit, PacketRefused, Problem, check_input, read_meta, read_packet
from desktop.packets.reading.container import sheet_members
from desktop.packets.report import describe_plan
from desktop.registers import REGISTRY

from .test_packets_refusals import header_index, refused


@pytest.fixture
def packet(demo_county: Ledger, tmp_path: Path) -> Path:
    return export_packet(demo_county, tmp_path / "p.xlsx").path


def cli(city: Ledger, path: Path, *options: str) -> tuple[int, str]:
    out = io.StringIO()
    code = main(["--db", str(city.path), "import-packet", "--dry-run", *options, str(path)], out=out)
    return code, out.getvalue()


def merged_with_notice(city: Ledger, path: Path, *fragments: str) -> str:
    """The packet merges (its signed content is intact) and the report says ``fragments``."""
    plan = plan_import(city, path)
    report = describe_plan(plan, dry_run=True)
    assert plan.status == MERGE, report
    assert plan.packet is not None and not plan.packet.edited and not plan.problems, report
    said = "\n".join(plan.packet.notices)
    for fragment in fragments:
        assert fragment in said, f"{fragment!r} not in:\n{said}"
        assert fragment in report  # among the warnings the clerk sees
    code, out = cli(city, path)
    assert code == 0
    for fragment in fragments:
        assert fragment in out
    return said


# ---- formulas typed into empty cells --------------------------------------------------------------

def empty_cell(ws: Any) -> str:
    """An empty cell among the sheet's data."""
    for row in ws.iter_rows(min_row=2, max_row=ws.max_row, max_col=ws.max_column):
        for cell in row:
            if cell.value is None:
                return str(cell.coordinate)
    raise AssertionError(ws.title)


@pytest.mark.parametrize("formula", ["=cmd|' /C calc'!A0", '=HYPERLINK("http://example.com/x","点这里")'])
def test_a_formula_typed_with_openpyxl_is_reported(formula: str, packet: Path, city: Ledger,
                                                    tmp_path: Path) -> None:
    wb = openpyxl.load_workbook(packet)
    refs = {}
    for sheet in ("普查资源", "检查记录"):
        refs[sheet] = empty_cell(wb[sheet])
        wb[sheet][refs[sheet]] = formula
    typed = tmp_path / "formula.xlsx"
    wb.save(typed)
    said = merged_with_notice(city, typed, *(f"工作表“{s}”的单元格 {r}" for s, r in refs.items()))
    assert formula[1:12] in said


def in_xml(packet: Path, tmp_path: Path, sheet: str, change: Callable[[bytes], bytes]) -> Path:
    member = sheet_members(zipfile.ZipFile(packet))[sheet]
    out = tmp_path / "formula.xlsx"
    with zipfile.ZipFile(packet) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            zout.writestr(info, change(data) if info.filename == member else data)
    return out


def second_row_gets(cells: str) -> Callable[[bytes], bytes]:
    """Cells appended to the first data row (columns past the sheet's: empty there)."""
    return lambda data: re.sub(rb'(<row r="2"[^>]*>.*?)</row>', lambda m: m[1] + cells.encode() + b"</row>",
                               data, count=1, flags=re.DOTALL)


@pytest.mark.parametrize(("cells", "ref"), [
    pytest.param('<c r="AZ2"><f>cmd|\' /C calc\'!A0</f></c>', "AZ2", id="no-cached-value"),
    pytest.param('<c r="AZ2" t="str"><f>HYPERLINK("http://x","y")</f><v>y</v></c>', "AZ2", id="str"),
    pytest.param('<c r="AZ2" t="e"><f>1/0</f><v>#DIV/0!</v></c>', "AZ2", id="error"),
    pytest.param('<c r="AY2"><f t="shared" ref="AY2:AZ2" si="0">A1</f></c><c r="AZ2"><f t="shared" si="0"/></c>',
                 "AZ2", id="shared"),
    pytest.param('<c s="0" r="AZ2"><f>1+1</f></c>', "AZ2", id="r-not-first"),
])
def test_a_formula_written_into_the_xml_is_reported(cells: str, ref: str, packet: Path, city: Ledger,
                                                     tmp_path: Path) -> None:
    typed = in_xml(packet, tmp_path, "用标主体", second_row_gets(cells))
    merged_with_notice(city, typed, "工作表“用标主体”的单元格", ref, "公式")


# ---- edits outside the signed content --------------------------------------------------------------

def resaved(packet: Path, tmp_path: Path, change: Callable[[openpyxl.Workbook], None]) -> Path:
    wb = openpyxl.load_workbook(packet)
    change(wb)
    out = tmp_path / "changed.xlsx"
    wb.save(out)
    return out


def test_a_cover_naming_another_county_is_reported(packet: Path, city: Ledger, tmp_path: Path) -> None:
    def change(wb: openpyxl.Workbook) -> None:
        ws = wb[fmt.COVER]
        for row in ws.iter_rows():
            if row[0].value == "报送单位":
                row[1].value = "正定县（130123）"
            if row[0].value == "年报":
                row[1].value = 9999

    changed = resaved(packet, tmp_path, change)
    said = merged_with_notice(city, changed, "封面与签名的数据不符", "正定县（130123）", "年报 条数")
    assert "行唐县（130125）" in said
    rec = next(iter(read_packet(changed).rows["resource"]))
    assert records.get(city.db, REGISTRY["resource"].table, str(rec.id)) is None  # a dry run


@pytest.mark.parametrize(("change", "fragment"), [
    pytest.param(lambda wb: wb.remove(wb[fmt.COVER]), "“封面”工作表已被删除", id="cover-deleted"),
    pytest.param(lambda wb: wb.remove(wb[fmt.LISTS_SHEET]), "“_代码表”工作表已被删除", id="lists-deleted"),
    pytest.param(lambda wb: wb.move_sheet("年报", offset=-3), "工作表的顺序在导出后被改动", id="moved"),
    pytest.param(lambda wb: setattr(wb[fmt.META_SHEET], "sheet_state", "visible"), "取消隐藏：_数据包信息",
                 id="unhidden"),
    pytest.param(lambda wb: setattr(wb["年报"], "sheet_state", "hidden"), "被隐藏：年报", id="hidden"),
])
def test_sheets_changed_after_export_are_reported(change: Callable[[openpyxl.Workbook], None], fragment: str,
                                                  packet: Path, city: Ledger, tmp_path: Path) -> None:
    merged_with_notice(city, resaved(packet, tmp_path, change), fragment)


def test_the_merge_still_goes_by_the_signed_part(packet: Path, city: Ledger, tmp_path: Path) -> None:
    def change(wb: openpyxl.Workbook) -> None:
        wb.remove(wb[fmt.COVER])
        wb.move_sheet("年报", offset=-3)

    changed = resaved(packet, tmp_path, change)
    result = import_packet(city, changed)
    assert result.merged and len(result.plan.packet.notices) == 2
    assert records.get(city.db, REGISTRY["annual-report"].table,
                       str(read_packet(packet).rows["annual-report"][0].id)) is not None


# ---- numbers past SQLite's integers ----------------------------------------------------------------
# (the integer columns of a county's packet, whose sheets the ``packet`` fixture has)

INTEGER_COLUMNS = [(kind.zh, column.zh) for kind in fmt.packet_kinds("county") for column in fmt.sheet_columns(kind)
                   if column.key == "revision" or (column.field is not None and column.field.type in
                                                   (FieldType.INT, FieldType.YEAR))]


def test_every_integer_column_is_range_checked_before_sqlite(packet: Path, city: Ledger, tmp_path: Path) -> None:
    """99999999999999999999 in a 版本 cell ended in an OverflowError while the merge was written."""
    assert len(INTEGER_COLUMNS) > 20 and ("年报", "版本") in INTEGER_COLUMNS
    wb = openpyxl.load_workbook(packet)
    where = {}
    for n, (sheet, zh) in enumerate(INTEGER_COLUMNS):
        ws = wb[sheet]
        row = 2 + n % max(1, ws.max_row - 1)
        ws.cell(row, header_index(ws, zh)).value = 99999999999999999999 if n % 2 else "99999999999999999999"
        where[(sheet, zh)] = row
    big = tmp_path / "big.xlsx"
    wb.save(big)
    plan = refused(city, big, "无法接受", accept_edited=True)
    found = {(p.sheet, p.column): p for p in plan.problems}
    for (sheet, zh), row in where.items():
        problem = found.get((sheet, zh))
        assert problem is not None and problem.row == row, (sheet, zh, describe_plan(plan))
        assert "15" in problem.reason_zh or "超" in problem.reason_zh, problem
    result = import_packet(city, big, accept_edited=True)  # written for real: refused, no traceback
    assert not result.merged
    code, out = cli(city, big, "--accept-edited")
    assert code == EXIT_REFUSED and "版本" in out


def test_a_revision_past_the_range_is_a_field_error() -> None:
    column = next(c for c in fmt.sheet_columns(REGISTRY["plan"]) if c.key == "revision")
    for raw in (99999999999999999999, 1e20, "99999999999999999999", 10 ** 15):
        with pytest.raises(FieldError):
            fmt.cell_to_value(column, raw)
    assert fmt.cell_to_value(column, 10 ** 15 - 1) == 10 ** 15 - 1


# ---- long values in messages ---------------------------------------------------------------------------

@pytest.mark.parametrize("raw", [10 ** 400, -(10 ** 400), 2 ** 63, float("inf"), "1e400"],
                         ids=["10**400", "-10**400", "2**63", "inf", "1e400-text"])
def test_a_number_past_any_float_is_a_field_error_in_every_number_column(raw: Any) -> None:
    """An int beyond a float (float() raises OverflowError) is refused as too large, as the value
    is read, in 版本 and in every whole-number and decimal column."""
    columns = [c for kind in fmt.packet_kinds() for c in fmt.sheet_columns(kind) if c.key == "revision"
               or (c.field is not None and c.field.type in (FieldType.INT, FieldType.YEAR, FieldType.DECIMAL))]
    for column in columns:
        with pytest.raises(FieldError):
            fmt.cell_to_value(column, raw)
        with pytest.raises(FieldError):
            fmt.cell_parser(column)(raw)


def test_a_long_value_is_cut_in_every_message(packet: Path, city: Ledger, tmp_path: Path) -> None:
    long = "长" * 100_000
    wb = openpyxl.load_workbook(packet)
    ws = wb["抽查计划"]
    ws.cell(2, header_index(ws, REGISTRY["plan"].field("year").zh)).value = long
    ws.cell(3, header_index(ws, "已删除")).value = long[:30_000]
    edited = tmp_path / "long.xlsx"
    wb.save(edited)
    plan = plan_import(city, edited, accept_edited=True)
    report = describe_plan(plan, dry_run=True)
    assert plan.status == REFUSED and plan.problems
    assert max(map(len, report.splitlines())) < 1000, max(map(len, report.splitlines()))
    # (a spreadsheet cell holds 32,767 characters: what is read of the 100,000)
    assert "共 32767 字" in report and "32767 characters" in report and "共 30000 字" in report
    assert any(len(p.value) == 32_767 for p in plan.problems)  # kept whole for the error workbook
    code, out = cli(city, edited, "--accept-edited")
    assert code == EXIT_REFUSED and len(out) < 20_000
    problem = Problem("抽查计划", 2, "年度", long, "r", "r")
    edit = CellEdit("抽查计划", 2, "年度", long, long)
    for text in (problem.describe(), problem.describe("en"), edit.describe(), edit.describe("en")):
        assert len(text) < 500 and "100000" in text


# ---- paths that are not packet files --------------------------------------------------------------

@pytest.mark.parametrize("what", ["folder", "dev-null", "fifo", "broken-link", "missing", "loop", "link-dir"])
def test_a_path_that_is_not_a_file_is_refused_saying_what_it_is(what: str, city: Ledger, tmp_path: Path) -> None:
    path = tmp_path / "x.xlsx"
    expected = {"folder": ("文件夹", "folder"), "dev-null": ("设备", "device"), "fifo": ("管道", "pipe"),
                "broken-link": ("链接", "link"), "missing": ("找不到文件", "no such file"),
                "loop": ("循环链接", "link loop"),
                "link-dir": ("文件夹（经由链接）", "a folder (through a link)")}[what]
    if what == "folder":
        path.mkdir()
    elif what == "dev-null":
        path.symlink_to("/dev/null")
    elif what == "fifo":
        os.mkfifo(path)  # opening it would block the reader
    elif what == "broken-link":
        path.symlink_to(tmp_path / "gone.xlsx")
    elif what == "loop":
        path.symlink_to(path)
    elif what == "link-dir":
        (tmp_path / "folder").mkdir()
        path.symlink_to(tmp_path / "folder")
    for read in (check_input, read_meta, read_packet):
        with pytest.raises(PacketRefused) as e:
            read(path)
        assert expected[0] in e.value.zh and expected[1] in e.value.en, e.value
    plan = plan_import(city, path)
    assert plan.status == REFUSED and expected[0] in plan.refusals[0]
    code, out = cli(city, path)
    assert code == EXIT_REFUSED and expected[0] in out


# ---- the campaign's findings on main: an emptied cover line, a sheet's state, 2**63 ----------------

def _set_cover(label: str, value: Any, *, whole_line: bool = False) -> Callable[[openpyxl.Workbook], None]:
    def change(wb: openpyxl.Workbook) -> None:
        for row in wb[fmt.COVER].iter_rows():
            if row[0].value == label:
                row[1].value = value
                if whole_line:
                    row[0].value = None
    return change


def test_an_emptied_cover_line_is_reported(packet: Path, city: Ledger, tmp_path: Path) -> None:
    """The campaign (structure:1:19): the cover's 报送单位 emptied passed without a word."""
    said = merged_with_notice(city, resaved(packet, tmp_path, _set_cover("报送单位", None)),
                              "报送单位一栏已被清空", "the sending office was emptied")
    assert "行唐县（130125）" in said


def test_a_cover_line_deleted_whole_is_reported(packet: Path, city: Ledger, tmp_path: Path) -> None:
    merged_with_notice(city, resaved(packet, tmp_path, _set_cover("签名公钥指纹", None, whole_line=True)),
                       "缺少“签名公钥指纹”一行", "the key fingerprint is gone")


@pytest.mark.parametrize(("sheet", "state", "fragment"), [
    pytest.param(fmt.LISTS_SHEET, "veryHidden", "_代码表（隐藏 → 深度隐藏", id="lists-very-hidden"),
    pytest.param(fmt.META_SHEET, "veryHidden", "_数据包信息（隐藏 → 深度隐藏", id="meta-very-hidden"),
    pytest.param("年报", "veryHidden", "被隐藏：年报", id="register-very-hidden"),
])
def test_any_change_of_a_sheets_state_is_reported(sheet: str, state: str, fragment: str, packet: Path,
                                                  city: Ledger, tmp_path: Path) -> None:
    """The campaign (structure:1:13, a receipt): _代码表 set to veryHidden passed without a word."""
    merged_with_notice(city, resaved(packet, tmp_path, lambda wb: setattr(wb[sheet], "sheet_state", state)),
                       fragment)


@pytest.mark.parametrize("kind", ["county", "receipt", "restore", "reference"])
def test_the_notices_of_the_readable_part_hold_for_every_packet_kind(kind: str) -> None:
    """Notices go by the packet's kind only where its cover differs (the sender's label)."""
    from desktop.packets.reading.container import SheetEntry
    from desktop.packets.reading.notices import cover_notices, structure_notices

    meta: dict[str, Any] = {"packet_kind": kind, "from_office": "130100", "from_office_name": "石家庄市",
                            "fingerprint": "AAAA-BBBB", "sheets": []}
    entries = [SheetEntry(fmt.COVER, "xl/worksheets/sheet1.xml", "visible"),
               SheetEntry(fmt.LISTS_SHEET, "xl/worksheets/sheet2.xml", "veryHidden"),
               SheetEntry(fmt.META_SHEET, "xl/worksheets/sheet3.xml", "hidden")]
    said = "\n".join(structure_notices(meta, entries))
    assert "_代码表（隐藏 → 深度隐藏" in said and "_数据包信息" not in said, said
    label = {"county": "报送单位", "reference": "下发单位"}.get(kind, "出具单位")
    cover: list[list[Any]] = [["标题", None], [label, "石家庄市（130100）"], ["签名公钥指纹", "AAAA-BBBB"]]
    assert cover_notices(meta, cover) == []
    assert f"{label}一栏已被清空" in "".join(cover_notices(meta, [cover[0], [label, None], cover[2]]))
    assert f"缺少“{label}”一行" in "".join(cover_notices(meta, [cover[0], cover[2]]))


@pytest.mark.parametrize("value", [2 ** 63 - 1, 2 ** 63, 1e20, -(2 ** 63) - 1, 9.5e18])
def test_an_integer_past_sqlite_as_calamine_reads_it_is_a_field_error(value: Any, packet: Path, city: Ledger,
                                                                       tmp_path: Path) -> None:
    """9223372036854775807 typed as a number comes back from calamine as the float 2**63 (and
    1e20 is how Excel stores 99999999999999999999): refused as a field error of its cell, in 版本
    and in every whole-number column, never an OverflowError."""
    wb = openpyxl.load_workbook(packet)
    where = {}
    for n, (sheet, zh) in enumerate(INTEGER_COLUMNS):
        ws = wb[sheet]
        row = 2 + n % max(1, ws.max_row - 1)
        ws.cell(row, header_index(ws, zh)).value = value
        where[(sheet, zh)] = row
    big = tmp_path / "big.xlsx"
    wb.save(big)
    plan = refused(city, big, "无法接受", accept_edited=True)
    found = {(p.sheet, p.column): p for p in plan.problems}
    for (sheet, zh), row in where.items():
        problem = found.get((sheet, zh))
        assert problem is not None and problem.row == row, (sheet, zh, describe_plan(plan))
    result = import_packet(city, big, accept_edited=True)
    assert not result.merged
    code, out = cli(city, big, "--accept-edited")
    assert code == EXIT_REFUSED and "版本" in out


def test_a_sheet_added_after_export_is_reported(packet: Path, city: Ledger, tmp_path: Path) -> None:
    merged_with_notice(city, resaved(packet, tmp_path, lambda wb: wb.create_sheet("备注")),
                       "工作表在导出后被加入：备注")


def test_a_long_office_code_is_cut_in_the_refusal_of_its_row(packet: Path, city: Ledger, tmp_path: Path) -> None:
    """The campaign (cells:7:107): a 100,000-character 所属单位 came back whole in the row's
    refusal ("记录属于其他单位（…）"), a 98,487-character line."""
    wb = openpyxl.load_workbook(packet)
    ws = wb["统计表"]
    ws.cell(2, header_index(ws, "所属单位")).value = "长" * 30_000
    edited = tmp_path / "long-office.xlsx"
    wb.save(edited)
    plan = plan_import(city, edited, accept_edited=True)
    report = describe_plan(plan, dry_run=True)
    assert plan.status == REFUSED and "记录属于其他单位" in report, report[:3000]
    assert max(map(len, report.splitlines())) < 1000, max(map(len, report.splitlines()))
