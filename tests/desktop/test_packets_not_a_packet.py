"""A file that is not a packet (an ordinary spreadsheet, a CSV, a text file) given to 导入数据包:
refused in plain words that say it is not a packet, what a packet is, and that an ordinary
spreadsheet cannot be imported here; the report gives it no packet number (no "第 0 号")."""

from __future__ import annotations

import io
from pathlib import Path

import openpyxl
import pytest

from desktop.cli import EXIT_OK, EXIT_REFUSED, main
from desktop.ledger import Ledger
from desktop.packets import format as fmt
from desktop.packets import special
from desktop.packets.export import export_packet
from desktop.packets.importer import REFUSED, plan_import
from desktop.packets.reader import WHAT_A_PACKET_IS
from desktop.packets.report import describe_plan

NO_NUMBER = ("第 0 号", "packet 0", "第 号")


def plain_workbook(path: Path) -> Path:
    """An ordinary spreadsheet, as a clerk makes one: headers and a row."""
    wb = openpyxl.Workbook()
    wb.active.title = "普查资源"
    wb.active.append(["编号", "产品名称", "产品属性"])
    wb.active.append(["R-130125-000001", "行唐大枣", "种植/养殖产品"])
    wb.save(path)
    return path


def explains_what_a_packet_is(text: str) -> None:
    assert WHAT_A_PACKET_IS[0] in text and WHAT_A_PACKET_IS[1] in text, text
    for words in ("地标台账", "导出数据包", ".xlsx", "封面", "隐藏", "普通的 Excel 表格", "不能在这里导入",
                  "ordinary spreadsheet", "cannot be imported here"):
        assert words in text, f"{words!r} not in {text!r}"


def has_no_packet_number(report: str) -> None:
    for nonsense in NO_NUMBER:
        assert nonsense not in report, report


def test_an_ordinary_spreadsheet_is_told_apart_from_a_packet(city: Ledger, tmp_path: Path) -> None:
    path = plain_workbook(tmp_path / "资源表.xlsx")
    plan = plan_import(city, path)
    assert plan.status == REFUSED and plan.packet is None
    reason = plan.refusals[0]
    assert "不是地标台账数据包" in reason and "普通的 Excel 表格" in reason
    assert fmt.META_SHEET not in reason  # the hidden sheet's name means nothing to a clerk
    explains_what_a_packet_is(reason)
    report = describe_plan(plan, dry_run=True)
    has_no_packet_number(report)
    assert report.splitlines()[0].startswith("资源表.xlsx: 拒绝导入 / refused")
    assert reason in report


@pytest.mark.parametrize(("name", "content"), [
    pytest.param("资源表.csv", "编号,名称\nR-130125-000001,行唐大枣\n".encode("gbk"), id="csv"),
    pytest.param("说明.txt", "这只是一个文本文件".encode(), id="text"),
    pytest.param("旧表格.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504), id="xls"),
    pytest.param("报告.pdf", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n", id="pdf"),
])
def test_a_file_that_is_not_xlsx(name: str, content: bytes, city: Ledger, tmp_path: Path) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    plan = plan_import(city, path)
    assert plan.status == REFUSED
    assert "不是 Excel 数据包" in plan.refusals[0]
    explains_what_a_packet_is(plan.refusals[0])
    report = describe_plan(plan)
    has_no_packet_number(report)
    assert report.splitlines()[0].startswith(f"{name}: 拒绝导入 / refused")


def test_a_packets_sheets_without_the_hidden_part(demo_county: Ledger, city: Ledger, tmp_path: Path) -> None:
    """The sheets of a packet copied into a workbook of its own: the cover is there, the
    machine part is not."""
    packet = export_packet(demo_county, tmp_path / "p.xlsx").path
    wb = openpyxl.load_workbook(packet)
    del wb[fmt.META_SHEET]
    copied = tmp_path / "copied.xlsx"
    wb.save(copied)
    plan = plan_import(city, copied)
    assert plan.status == REFUSED
    assert "有“封面”，但没有隐藏的校验部分" in plan.refusals[0]
    explains_what_a_packet_is(plan.refusals[0])
    has_no_packet_number(describe_plan(plan))


def test_a_county_given_an_ordinary_spreadsheet(ledger: Ledger, tmp_path: Path) -> None:
    """A county's 导入 takes the city's files: the same words."""
    path = plain_workbook(tmp_path / "plain.xlsx")
    result = special.import_special(ledger, path, dry_run=True)
    assert result.status == REFUSED
    explains_what_a_packet_is(result.refusals[0])
    has_no_packet_number(special.describe_special(result, dry_run=True))


@pytest.mark.parametrize("office", ["130100", "130125"])
def test_the_command_line(office: str, tmp_path: Path) -> None:
    db = tmp_path / "office.db"

    def run(*argv: str) -> tuple[int, str]:
        out = io.StringIO()
        return main(["--db", str(db), *argv], out=out), out.getvalue()

    assert run("init", "--office", office)[0] == EXIT_OK
    plain = plain_workbook(tmp_path / "plain.xlsx")
    text = tmp_path / "notes.txt"
    text.write_text("不是表格", encoding="utf-8")
    for path in (plain, text):
        for dry in ((), ("--dry-run",)):
            code, out = run("import-packet", *dry, str(path))
            assert code == EXIT_REFUSED
            has_no_packet_number(out)
            explains_what_a_packet_is(out)
            assert out.startswith(f"{path.name}: 拒绝导入 / refused"), out
