"""Packets the city must not merge as they are: each is refused with a message that says why
(naming sheet, row, column and value where a cell is at fault), and the city's database is left
as it was. A refusal is logged (packet log, audit log) and nothing else is written."""

from __future__ import annotations

import dataclasses
import io
import re
import zipfile
from pathlib import Path
from typing import Any

import openpyxl
import pytest
import sqlite_utils

from db import audit, maintenance, packets, records
from desktop.cli import EXIT_REFUSED, main
from desktop.ledger import Ledger
from desktop.packets import format as fmt
from desktop.packets.export import export_packet
from desktop.packets.importer import MERGE, REFUSED, ImportPlan, apply_import, plan_import
from desktop.packets.reader import LIMITS, PacketRefused, read_packet
from desktop.packets.reading.container import sheet_members
from desktop.packets.report import describe_plan, write_error_workbook
from desktop.registers import REGISTRY
from desktop.validation import uscc_check_char

COUNTY = "130125"
LOG_TABLES = ("packet_log", "audit_log", "sqlite_sequence")  # the logs and their AUTOINCREMENT counters


def data_digest(db: sqlite_utils.Database) -> str:
    """:func:`db.maintenance.content_digest` without the packet and audit logs."""
    return maintenance.content_digest(db, exclude=LOG_TABLES)  # the search index's FTS5 tables cannot be scanned


def refused(city: Ledger, path: Path, *fragments: str, **options: Any) -> ImportPlan:
    """Plan and apply ``path`` at the city: it must be refused with every ``fragment`` in the
    reasons; the dry run writes nothing at all, the apply only logs the refusal."""
    before, data_before = maintenance.content_digest(city.db), data_digest(city.db)
    plan = plan_import(city, path, **options)
    report = describe_plan(plan, dry_run=True)
    assert plan.status == REFUSED, report
    reasons = "\n".join(plan.refusals)
    for fragment in fragments:
        assert fragment in reasons, f"{fragment!r} not in:\n{report}"
    assert maintenance.content_digest(city.db) == before, "a dry run writes nothing"
    result = apply_import(city, plan)
    assert not result.merged
    assert data_digest(city.db) == data_before, "a refused packet changes no data"
    assert packets.packet_log(city.db)[0].status == "refused"
    return plan


def merged(city: Ledger, path: Path, **options: Any) -> ImportPlan:
    plan = plan_import(city, path, **options)
    assert plan.status == MERGE, describe_plan(plan, dry_run=True)
    assert apply_import(city, plan).merged
    return plan


@pytest.fixture
def packet(demo_county: Ledger, tmp_path: Path) -> Path:
    """A fresh signed packet of the demo county."""
    return export_packet(demo_county, tmp_path / "p.xlsx").path


# ---- editing a packet with openpyxl, as a clerk in Excel would ---------------------------------

def header_index(ws: Any, zh: str) -> int:
    return [str(c.value).rstrip("*") for c in ws[1]].index(zh) + 1


def row_of(ws: Any, record_id: str) -> int:
    for row in range(2, ws.max_row + 1):
        if ws.cell(row, 1).value == record_id:
            return row
    raise AssertionError(record_id)


def edit(src: Path, dst: Path, sheet: str, record_id: str, column_zh: str, value: Any) -> tuple[int, Any]:
    """Set one cell of a register sheet with openpyxl and save as ``dst``; returns (row, old)."""
    wb = openpyxl.load_workbook(src)
    ws = wb[sheet]
    row = row_of(ws, record_id)
    cell = ws.cell(row, header_index(ws, column_zh))
    old = cell.value
    cell.value = value
    wb.save(dst)
    wb.close()
    return row, old


def rewrite_zip(src: Path, dst: Path, member: str, change: Any) -> None:
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            zout.writestr(info, change(data) if info.filename == member else data)


# ---- not a packet at all -----------------------------------------------------------------------

def test_truncated_file(packet: Path, city: Ledger, tmp_path: Path) -> None:
    cut = tmp_path / "cut.xlsx"
    data = packet.read_bytes()
    cut.write_bytes(data[: len(data) // 2])
    refused(city, cut, "损坏")


def test_zip_bomb(city: Ledger, tmp_path: Path) -> None:
    bomb = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("xl/workbook.xml", "<workbook/>")
        with zf.open("xl/worksheets/sheet1.xml", "w") as fh:
            block = bytes(1 << 20)
            for _ in range(50):
                fh.write(block)
    assert bomb.stat().st_size < 1 << 20
    plan = refused(city, bomb, "压缩炸弹")
    assert plan.packet is None


def test_declared_sizes_are_checked_before_reading(packet: Path) -> None:
    small = dataclasses.replace(LIMITS, file_bytes=1000)
    with pytest.raises(PacketRefused, match="文件过大"):
        read_packet(packet, limits=small)
    with pytest.raises(PacketRefused, match="解压后过大"):
        read_packet(packet, limits=dataclasses.replace(LIMITS, uncompressed_bytes=10_000))


@pytest.mark.parametrize("where", [0.1, 0.3, 0.5, 0.7])
def test_damaged_bytes_inside_the_file(where: float, packet: Path, city: Ledger, tmp_path: Path) -> None:
    """The zip directory is intact but a member's data is not (a bad disk, a bad download)."""
    data = bytearray(packet.read_bytes())
    start = int(len(data) * where)
    data[start:start + 64] = bytes(b ^ 0xFF for b in data[start:start + 64])
    damaged = tmp_path / "damaged.xlsx"
    damaged.write_bytes(bytes(data))
    refused(city, damaged, "损坏")


def test_zip_without_workbook_relations(city: Ledger, tmp_path: Path) -> None:
    odd = tmp_path / "odd.xlsx"
    with zipfile.ZipFile(odd, "w") as zf:
        zf.writestr("xl/workbook.xml", "<workbook/>")
    refused(city, odd, "不是 Excel 工作簿")


@pytest.mark.parametrize("content", [
    pytest.param("编号,名称\nR-130125-000001,行唐大枣\n".encode("gbk"), id="csv"),
    pytest.param("这只是一个文本文件".encode(), id="text"),
    pytest.param(b"", id="empty"),
])
def test_other_files_renamed_xlsx(content: bytes, city: Ledger, tmp_path: Path) -> None:
    fake = tmp_path / "fake.xlsx"
    fake.write_bytes(content)
    refused(city, fake, "不是 Excel 数据包")


def test_missing_file(city: Ledger, tmp_path: Path) -> None:
    plan = plan_import(city, tmp_path / "nowhere.xlsx")
    assert plan.status == REFUSED and "找不到文件" in plan.refusals[0]


def test_ordinary_workbook(city: Ledger, tmp_path: Path) -> None:
    plain = tmp_path / "plain.xlsx"
    wb = openpyxl.Workbook()
    wb.active.append(["编号", "产品名称"])
    wb.active.append(["R-130125-000001", "行唐大枣"])
    wb.save(plain)
    refused(city, plain, "不是地标台账数据包")


def test_renamed_register_sheet(packet: Path, city: Ledger, tmp_path: Path) -> None:
    renamed = tmp_path / "renamed.xlsx"
    wb = openpyxl.load_workbook(packet)
    wb["普查资源"].title = "资源"
    wb.save(renamed)
    refused(city, renamed, "找不到工作表“普查资源”")


def test_changed_header_row(packet: Path, city: Ledger, tmp_path: Path) -> None:
    moved = tmp_path / "moved.xlsx"
    wb = openpyxl.load_workbook(packet)
    wb["用标主体"].insert_cols(3)
    wb.save(moved)
    refused(city, moved, "表头被改动")


def test_xml_with_a_dtd(packet: Path, city: Ledger, tmp_path: Path) -> None:
    evil = tmp_path / "dtd.xlsx"

    def add_dtd(data: bytes) -> bytes:
        head, sep, rest = data.partition(b"?>")
        assert sep, data[:100]
        return (head + sep + b'\n<!DOCTYPE workbook [<!ENTITY lol "lol"><!ENTITY lol2 '
                b'"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>' + rest)

    rewrite_zip(packet, evil, "xl/workbook.xml", add_dtd)
    refused(city, evil, "DTD")


def test_xml_with_a_dtd_in_a_sheet(packet: Path, city: Ledger, tmp_path: Path) -> None:
    evil = tmp_path / "dtd_sheet.xlsx"
    rewrite_zip(packet, evil, "xl/worksheets/sheet2.xml",
                lambda data: data.replace(b"?>", b'?><!DOCTYPE worksheet [<!ENTITY x "x">]>', 1))
    refused(city, evil, "DTD")


def test_xml_with_a_dtd_in_the_styles(packet: Path, city: Ledger, tmp_path: Path) -> None:
    """calamine reads styles (and shared strings); openpyxl reads everything for the report."""
    evil = tmp_path / "dtd_styles.xlsx"
    rewrite_zip(packet, evil, "xl/styles.xml",
                lambda data: data.replace(b"?>", b'?><!DOCTYPE styleSheet [<!ENTITY x "x">]>', 1))
    refused(city, evil, "DTD")


# ---- who sent it ---------------------------------------------------------------------------------

def test_packet_of_an_office_not_under_this_city(new_office, city: Ledger, tmp_path: Path) -> None:
    shangyi = new_office("130725")  # 尚义县, under 张家口市 130700
    shangyi.add("plan", {"name": "抽查计划", "year": 2026, "sample_count": 1})
    path = export_packet(shangyi, tmp_path / "130725.xlsx").path
    plan = refused(city, path, "不是本单位", "的下级单位", "130725")
    assert plan.office == "130725"
    assert packets.pinned(city.db, "130725") is None


def test_packet_of_an_unknown_office(ledger: Ledger, city: Ledger, tmp_path: Path) -> None:
    """A properly signed packet whose office code is no division at all."""
    ledger.office = dataclasses.replace(ledger.office, code="139999", name="虚构县")
    path = export_packet(ledger, tmp_path / "139999.xlsx").path
    refused(city, path, "未知单位 139999")


def test_a_county_cannot_import_packets(packet: Path, demo_county: Ledger, new_office) -> None:
    lingshou = new_office("130126")  # 灵寿县, a sibling county under the same city
    refused(lingshou, packet, "不是本单位", "下级单位")
    # nor its own packet
    before = maintenance.content_digest(demo_county.db)
    plan = plan_import(demo_county, packet)
    assert plan.status == REFUSED and "本单位自己导出" in plan.refusals[0]
    assert maintenance.content_digest(demo_county.db) == before


def test_a_county_packet_is_refused_by_the_cli_with_exit_3(packet: Path, new_office,
                                                           capsys: pytest.CaptureFixture[str]) -> None:
    lingshou = new_office("130126")
    out = io.StringIO()
    code = main(["--db", str(lingshou.path), "import-packet", str(packet)], out=out)
    assert code == EXIT_REFUSED
    assert "拒绝" in out.getvalue() and "Traceback" not in capsys.readouterr().err


def test_forged_machine_part_breaks_the_signature(packet: Path, city: Ledger, tmp_path: Path) -> None:
    forged = tmp_path / "forged.xlsx"
    wb = openpyxl.load_workbook(packet)
    ws = wb[fmt.META_SHEET]
    hits = [c for c in ws["A"] if isinstance(c.value, str) and '"sequence":1,' in c.value]
    assert len(hits) == 1
    hits[0].value = hits[0].value.replace('"sequence":1,', '"sequence":7,')
    wb.save(forged)
    refused(city, forged, "签名无效")


def test_another_key_is_refused_then_re_enrolled(demo_county: Ledger, new_office, city: Ledger,
                                                 tmp_path: Path) -> None:
    first = export_packet(demo_county, tmp_path / "first.xlsx")
    merged(city, first.path)
    old_fingerprint = packets.pinned(city.db, COUNTY).key_fingerprint
    assert old_fingerprint == first.fingerprint

    # the county reinstalled: a new (empty) database of the same office, hence a new key, and
    # its sequence starts again at 1 (its new records' ids would clash with the merged ones:
    # a reinstalled county first rebuilds from the city's restore packet)
    again = new_office(COUNTY, "reinstalled")
    second = export_packet(again, tmp_path / "new1.xlsx")
    assert second.sequence == 1 and second.fingerprint != first.fingerprint

    plan = refused(city, second.path, "另一把密钥", second.fingerprint, old_fingerprint, "--re-enrol")
    assert plan.re_enrol is False
    assert packets.pinned(city.db, COUNTY).key_fingerprint == old_fingerprint

    plan = merged(city, second.path, re_enrol=True)
    assert any("重新登记" in w for w in plan.warnings)
    pin = packets.pinned(city.db, COUNTY)
    assert pin.key_fingerprint == second.fingerprint and pin.last_sequence == 1
    enrol = [e for e in audit.recent(city.db, 10_000) if e.action == "office-re-enrol"]
    assert len(enrol) == 1 and enrol[0].after == {"office": COUNTY, "fingerprint": second.fingerprint}
    # the records merged earlier are kept (the new packet lacks them: reported, not deleted)
    assert records.count(city.db, REGISTRY["resource"].table, office_code=COUNTY) == 30
    # the new series goes on without --re-enrol; the old key is no longer accepted
    merged(city, export_packet(again, tmp_path / "new2.xlsx").path)
    refused(city, export_packet(demo_county, tmp_path / "old2.xlsx").path, "另一把密钥")


# ---- edited after export ---------------------------------------------------------------------------

def test_an_edited_cell_is_named(packet: Path, demo_county: Ledger, city: Ledger, tmp_path: Path) -> None:
    rec = next(demo_county.list("mark-user"))
    edited = tmp_path / "edited.xlsx"
    row, old = edit(packet, edited, "用标主体", rec.id, "地址", "改过的地址")
    assert old == rec.values.get("address")

    plan = refused(city, edited, "导出后被修改", "--accept-edited", "改过的地址")
    assert [(e.sheet, e.row, e.column, e.new) for e in plan.edits] == [("用标主体", row, "地址", "改过的地址")]
    assert plan.edits[0].old == (old if old is not None else "（空）")
    assert "用标主体 第" in plan.edits[0].describe()

    plan = merged(city, edited, accept_edited=True)
    assert any("已按要求接受" in w for w in plan.warnings)
    assert records.get(city.db, REGISTRY["mark-user"].table, rec.id).values["address"] == "改过的地址"


@pytest.mark.parametrize("separator", ["\u2028", "\u2029", "\x85", "\r", "\r\n"])
def test_edits_are_named_next_to_unusual_line_breaks(separator: str, ledger: Ledger, make,
                                                     city: Ledger, tmp_path: Path) -> None:
    """The embedded copy is split at "\\n" only: U+2028, U+0085 ... inside a value (json leaves
    them unescaped) must not break the comparison that names edited cells."""
    rec = make.add("resource", history=f"第一段{separator}第二段")
    packet = export_packet(ledger, tmp_path / "p.xlsx").path
    edited = tmp_path / "edited.xlsx"
    row, _ = edit(packet, edited, "普查资源", rec.id, "联系人", "王五")
    plan = refused(city, edited, "导出后被修改")
    assert [(e.row, e.column, e.new) for e in plan.edits] == [(row, "联系人", "王五")]


def test_a_resave_by_openpyxl_is_not_an_edit(packet: Path, city: Ledger, tmp_path: Path) -> None:
    resaved = tmp_path / "resaved.xlsx"
    wb = openpyxl.load_workbook(packet)
    wb.save(resaved)
    p = read_packet(resaved)
    assert p.content_hash == p.meta["content_hash"] and not p.edits and not p.problems
    merged(city, resaved)


def test_removed_and_added_rows_are_edits(packet: Path, demo_county: Ledger, city: Ledger,
                                          tmp_path: Path) -> None:
    changed = tmp_path / "rows.xlsx"
    wb = openpyxl.load_workbook(packet)
    ws = wb["异常名录"]
    rid = ws.cell(2, 1).value
    ws.delete_rows(2)
    wb.save(changed)
    plan = refused(city, changed, "删除 1 行")
    assert plan.packet.removed_rows == [("异常名录", rid)]


def test_error_workbook_marks_edited_and_bad_cells(packet: Path, demo_county: Ledger, city: Ledger,
                                                   tmp_path: Path) -> None:
    users = list(demo_county.list("mark-user"))
    bad_uscc = users[0].values["uscc"][:-1] + ("0" if users[0].values["uscc"][-1] != "0" else "1")
    step = tmp_path / "step.xlsx"
    bad_row, _ = edit(packet, step, "用标主体", users[0].id, "统一社会信用代码", bad_uscc)
    edited = tmp_path / "edited.xlsx"
    addr_row, _ = edit(step, edited, "用标主体", users[1].id, "地址", "改过的地址")

    plan = refused(city, edited, "导出后被修改")
    out = write_error_workbook(plan, tmp_path / "report.xlsx")
    wb = openpyxl.load_workbook(out)
    try:
        assert wb.sheetnames[0] == "问题清单"
        listing = [r for r in wb["问题清单"].iter_rows(values_only=True)]
        assert listing[0] == ("工作表", "行", "列", "值", "原因", "reason")
        assert ("用标主体", addr_row, "地址", "改过的地址") in [r[:4] for r in listing]
        assert ("用标主体", bad_row, "统一社会信用代码", bad_uscc) in [r[:4] for r in listing]
        ws = wb["用标主体"]
        addr = ws.cell(addr_row, header_index(ws, "地址"))
        assert addr.value == "改过的地址"
        assert addr.fill.fgColor.rgb.endswith("FFEB9C")
        assert addr.comment is not None and "导出后被修改" in addr.comment.text
        bad = ws.cell(bad_row, header_index(ws, "统一社会信用代码"))
        assert bad.fill.fgColor.rgb.endswith("FFC7CE")
        [problem] = [p for p in plan.problems if p.row == bad_row]
        # edited *and* invalid: stays marked bad, and the comment gives both reasons
        assert bad.comment is not None and problem.reason_zh in bad.comment.text
        assert "导出后被修改" in bad.comment.text
        assert wb[fmt.META_SHEET].sheet_state == "hidden"
    finally:
        wb.close()


def test_cli_report_writes_the_error_workbook(packet: Path, demo_county: Ledger, city: Ledger,
                                              tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rec = next(demo_county.list("resource"))
    edited = tmp_path / "edited.xlsx"
    edit(packet, edited, "普查资源", rec.id, "产品名称", "改过的名称")
    report = tmp_path / "report.xlsx"
    out = io.StringIO()
    code = main(["--db", str(city.path), "import-packet", str(edited), "--report", str(report)], out=out)
    assert code == EXIT_REFUSED
    assert "Traceback" not in capsys.readouterr().err
    assert str(report) in out.getvalue() and "改过的名称" in out.getvalue()
    wb = openpyxl.load_workbook(report)
    try:
        assert "问题清单" in wb.sheetnames
        assert any("改过的名称" in str(r) for r in wb["问题清单"].iter_rows(values_only=True))
    finally:
        wb.close()


def test_an_invalid_cell_is_refused_with_a_problem(packet: Path, demo_county: Ledger, city: Ledger,
                                                   tmp_path: Path) -> None:
    rec = next(demo_county.list("mark-user"))
    uscc = rec.values["uscc"]
    wrong = uscc[:-1] + next(c for c in "0123456789ABCDEFGHJKLMNPQRTUWXY"
                             if c != uscc_check_char(uscc[:17]))
    bad = tmp_path / "bad.xlsx"
    row, _ = edit(packet, bad, "用标主体", rec.id, "统一社会信用代码", wrong)

    plan = refused(city, bad, "无法接受", accept_edited=True)
    [problem] = plan.problems
    assert (problem.sheet, problem.row, problem.column, problem.value) == (
        "用标主体", row, "统一社会信用代码", wrong)
    assert problem.kind == "mark-user" and problem.field == "uscc"
    assert re.search(r"[\u4e00-\u9fff]", problem.reason_zh) and re.search(r"[a-z]{3}", problem.reason_en)
    assert "统一社会信用代码" in problem.describe() and wrong in problem.describe()
    assert plan.summaries["mark-user"].counts()["refused"] == 1


def test_an_invalid_row_is_refused(packet: Path, demo_county: Ledger, city: Ledger, tmp_path: Path) -> None:
    """Each cell readable, but the record breaks a rule (a required field emptied)."""
    rec = next(demo_county.list("resource"))
    bad = tmp_path / "bad.xlsx"
    row, _ = edit(packet, bad, "普查资源", rec.id, "培育层级", None)
    plan = refused(city, bad, "无法接受", accept_edited=True)
    assert [(p.sheet, p.row, p.column) for p in plan.problems] == [("普查资源", row, "培育层级")]


@pytest.mark.parametrize(("column", "value", "reason"), [
    ("所属单位", "130126", "记录属于其他单位"),
    ("编号", "R-130126-000001", "编号不属于 130125"),
])
def test_a_row_of_another_office_is_refused(column: str, value: str, reason: str, packet: Path,
                                            demo_county: Ledger, city: Ledger, tmp_path: Path) -> None:
    rec = next(demo_county.list("resource"))
    claimed = tmp_path / "claimed.xlsx"
    row, _ = edit(packet, claimed, "普查资源", rec.id, column, value)
    plan = refused(city, claimed, "无法接受", accept_edited=True)
    problems = [p for p in plan.problems if p.row == row]
    assert problems and problems[0].sheet == "普查资源" and problems[0].column == column
    assert problems[0].value == value and reason in problems[0].reason_zh
    assert records.count(city.db, REGISTRY["resource"].table, include_deleted=True) == 0
    assert packets.pinned(city.db, "130126") is None


def test_a_formula_is_never_taken(packet: Path, demo_county: Ledger, city: Ledger, tmp_path: Path) -> None:
    rec = next(demo_county.list("plan"))
    formula = tmp_path / "formula.xlsx"
    row, _ = edit(packet, formula, "抽查计划", rec.id, REGISTRY["plan"].field("sample_count").zh, "=1+2")
    with zipfile.ZipFile(formula) as zf:
        assert any(b"<f>1+2</f>" in zf.read(n) for n in zf.namelist() if n.startswith("xl/worksheets/"))
    plan = refused(city, formula, "无法接受", accept_edited=True)
    hits = [p for p in plan.problems if "公式" in p.reason_zh]
    assert hits and (hits[0].sheet, hits[0].row) == ("抽查计划", row)
    assert hits[0].column == REGISTRY["plan"].field("sample_count").zh
    assert "formula" in hits[0].reason_en


def test_a_formula_that_leaves_the_signed_content_is_not_taken_either(packet: Path, demo_county: Ledger,
                                                                       city: Ledger, tmp_path: Path) -> None:
    """A formula put in an empty cell (openpyxl writes no value for it) reads as the empty cell it
    was: the content is what was signed, so the packet merges with the signed values and the
    formula is neither taken nor evaluated (the error workbook reads cached values only)."""
    rec = next(r for r in demo_county.list("resource") if r.values.get("history") is None)
    formula = tmp_path / "formula.xlsx"
    _row, old = edit(packet, formula, "普查资源", rec.id, REGISTRY["resource"].field("history").zh, "=1+2")
    assert old is None
    with zipfile.ZipFile(formula) as zf:
        assert any(b"<f>1+2</f>" in zf.read(n) for n in zf.namelist() if n.startswith("xl/worksheets/"))
    plan = merged(city, formula)
    assert plan.packet is not None and not plan.packet.edited and not plan.problems
    merged_rec = records.get(city.db, REGISTRY["resource"].table, rec.id)
    assert merged_rec is not None and merged_rec.values["history"] is None


def test_a_damaged_cover_is_refused_though_its_cells_are_not_merged(packet: Path, city: Ledger,
                                                                    tmp_path: Path) -> None:
    """calamine checks the sheets it reads (CRC); a damaged sheet it does not read (the cover) is
    found when the file is checked and refuses the file all the same."""
    with zipfile.ZipFile(packet) as zf:
        sheets = sheet_members(zf)
        info = zf.getinfo(sheets["封面"])
    data = bytearray(packet.read_bytes())
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra) + info.compress_size // 2
    data[start:start + 8] = bytes(b ^ 0xFF for b in data[start:start + 8])
    damaged = tmp_path / "damaged.xlsx"
    damaged.write_bytes(bytes(data))
    refused(city, damaged, "损坏")


def test_a_sorted_sheet_is_not_an_edit(packet: Path, city: Ledger, tmp_path: Path) -> None:
    sorted_path = tmp_path / "sorted.xlsx"
    wb = openpyxl.load_workbook(packet)
    ws = wb["普查资源"]
    rows = [[c.value for c in r] for r in ws.iter_rows(min_row=2)]
    for r, values in enumerate(reversed(rows), start=2):  # sort by id, descending
        for c, value in enumerate(values, start=1):
            ws.cell(r, c).value = value
    wb.save(sorted_path)
    plan = plan_import(city, sorted_path)
    assert plan.status == MERGE and not plan.edits, describe_plan(plan, dry_run=True)
    assert plan.packet.content_hash == plan.packet.meta["content_hash"]


def test_a_hand_added_row_never_takes_a_county_id(ledger: Ledger, make, city: Ledger,
                                                  tmp_path: Path) -> None:
    """A row typed into the packet (no id), accepted with --accept-edited, gets an id the
    county never hands out: neither the packet's own records nor the county's later ones are
    overwritten by it."""
    kept = make.add("resource", name="县局录入")
    packet = export_packet(ledger, tmp_path / "p.xlsx").path
    added = tmp_path / "added.xlsx"
    wb = openpyxl.load_workbook(packet)
    ws = wb["普查资源"]
    for zh, value in {"产品名称": "市局手加", "产品属性": "种植/养殖产品", "产品类别": "初级农产品",
                      "培育层级": "培育", "填报日期": "2026-05-01"}.items():
        ws.cell(3, header_index(ws, zh)).value = value
    wb.save(added)

    refused(city, added, "手工添加 1 行")
    merged(city, added, accept_edited=True)
    table = REGISTRY["resource"].table

    def names() -> dict[str, str]:
        return {r.id: r.values["name"] for r in records.find(city.db, table, office_code=COUNTY)}

    after_first = names()
    assert after_first[kept.id] == "县局录入"
    assert sorted(after_first.values()) == ["县局录入", "市局手加"]
    hand_id = next(rid for rid, name in after_first.items() if name == "市局手加")

    later = make.add("resource", name="县局后来录入")
    assert later.id != hand_id
    merged(city, export_packet(ledger, tmp_path / "p2.xlsx").path)
    assert names() == {**after_first, later.id: "县局后来录入"}


def test_blank_rows_are_no_rows(packet: Path, city: Ledger, tmp_path: Path) -> None:
    """Rows left blank in a sheet (inserted in Excel, or cleared) are skipped: the packet reads as
    it was exported, while a row with only a later cell filled is a row (see the hand-added row)."""
    blank = tmp_path / "blank.xlsx"
    wb = openpyxl.load_workbook(packet)
    ws = wb["普查资源"]
    ws.insert_rows(3, amount=2)
    ws.cell(ws.max_row + 2, 1).value = ""
    wb.save(blank)
    plan = plan_import(city, blank)
    assert plan.status == MERGE and not plan.edits and not plan.packet.added_rows, describe_plan(plan, dry_run=True)
    assert plan.packet.content_hash == plan.packet.meta["content_hash"]
    assert plan.counts() == plan_import(city, packet).counts()
