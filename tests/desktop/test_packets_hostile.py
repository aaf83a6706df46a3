"""Damaged and hostile packets (issue 13, the campaign's findings on the reader side): each is
refused with a clear message naming what is wrong and where, never a traceback, also in the
first quick look at the file (``peek_kind`` / ``read_meta``) and with ``--dry-run``; in flat
memory and quickly where the file asks for a huge allocation."""

from __future__ import annotations

import io
import os
import re
import resource
import struct
import subprocess
import sys
import time
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from desktop.cli import EXIT_REFUSED, main
from desktop.ledger import Ledger
from desktop.packets.export import export_packet
from desktop.packets.importer import MERGE, plan_import
from desktop.packets.reader import LIMITS, PacketRefused, peek_kind, read_meta, read_packet
from desktop.packets.reading.container import sheet_members
from desktop.packets.report import describe_plan

from .test_packets_refusals import refused


@pytest.fixture
def packet(demo_county: Ledger, tmp_path: Path) -> Path:
    """A fresh signed packet of the small demo county."""
    return export_packet(demo_county, tmp_path / "p.xlsx").path


def members_of(path: Path) -> dict[str, str]:
    with zipfile.ZipFile(path) as zf:
        return sheet_members(zf)


def peak_mb() -> float:
    """The process's peak resident memory so far, in MB."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


# ---- damaged zip members ------------------------------------------------------------------------

_CENTRAL = b"PK\x01\x02"
_LOCAL = b"PK\x03\x04"


def _headers(data: bytes, member: str) -> tuple[int, int]:
    """(central directory entry, local header) offsets of ``member`` in a zip file's bytes."""
    name = member.encode()
    at = data.find(_CENTRAL)
    while at >= 0:
        name_length = struct.unpack_from("<H", data, at + 28)[0]
        if data[at + 46:at + 46 + name_length] == name:
            return at, struct.unpack_from("<L", data, at + 42)[0]
        at = data.find(_CENTRAL, at + 4)
    raise AssertionError(member)


def _data_start(data: bytes | bytearray, local: int) -> int:
    name_length, extra_length = struct.unpack_from("<HH", data, local + 26)
    return local + 30 + name_length + extra_length


def bad_crc(data: bytearray, central: int, local: int) -> None:
    for at in (central + 16, local + 14):  # the CRC in both headers: the data no longer matches
        data[at:at + 4] = bytes(b ^ 0x5A for b in data[at:at + 4])


def bad_local_header(data: bytearray, central: int, local: int) -> None:
    data[local:local + 4] = b"PK\x00\x00"


def deflate_error(data: bytearray, central: int, local: int) -> None:
    start = _data_start(data, local)
    data[start] = 0x07  # a final block of the reserved type 3: "invalid block type"


def encrypted(data: bytearray, central: int, local: int) -> None:
    data[central + 8] |= 0x01
    data[local + 6] |= 0x01


def zip_version(data: bytearray, central: int, local: int) -> None:
    struct.pack_into("<H", data, central + 6, 99)  # needs zip 9.9 to extract


def compression(data: bytearray, central: int, local: int) -> None:
    struct.pack_into("<H", data, central + 10, 99)
    struct.pack_into("<H", data, local + 8, 99)  # method 99 (AES), in both headers


DAMAGES: dict[str, Callable[[bytearray, int, int], None]] = {
    "crc": bad_crc, "local-header": bad_local_header, "deflate": deflate_error,
    "encrypted": encrypted, "zip-version": zip_version, "compression": compression}
FOUND_UP_FRONT = {"local-header", "encrypted", "zip-version", "compression"}
"""What the first look tells of any member, without inflating it."""


def damage(packet: Path, tmp_path: Path, member: str, how: str) -> Path:
    data = bytearray(packet.read_bytes())
    central, local = _headers(bytes(data), member)
    DAMAGES[how](data, central, local)
    out = tmp_path / f"damaged-{how}.xlsx"
    out.write_bytes(bytes(data))
    return out


def _member(packet: Path, which: str) -> str:
    sheets = members_of(packet)
    return {"register": sheets["普查资源"], "machine part": sheets["_数据包信息"], "cover": sheets["封面"],
            "workbook": "xl/workbook.xml", "styles": "xl/styles.xml"}[which]


@pytest.mark.parametrize("which", ["register", "machine part", "cover", "workbook", "styles"])
@pytest.mark.parametrize("how", list(DAMAGES))
def test_a_damaged_member_is_refused_naming_it(how: str, which: str, packet: Path, tmp_path: Path) -> None:
    member = _member(packet, which)
    damaged = damage(packet, tmp_path, member, how)
    with pytest.raises(PacketRefused) as e:
        read_packet(damaged)
    assert "损坏" in e.value.zh and member in e.value.zh and member in e.value.en, e.value
    # The first look at the file (which kind of packet?) never raises anything else
    if how in FOUND_UP_FRONT or which in ("machine part", "workbook"):
        with pytest.raises(PacketRefused) as e:
            read_meta(damaged)
        assert member in e.value.en, e.value
        assert peek_kind(damaged) is None
    else:
        peek_kind(damaged)


@pytest.mark.parametrize("how", list(DAMAGES))
def test_the_cli_refuses_a_damaged_member_with_exit_3(how: str, packet: Path, city: Ledger, tmp_path: Path,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    member = _member(packet, "register")
    damaged = damage(packet, tmp_path, member, how)
    for dry_run in (["--dry-run"], []):
        out = io.StringIO()
        code = main(["--db", str(city.path), "import-packet", *dry_run, str(damaged)], out=out)
        assert code == EXIT_REFUSED, out.getvalue()
        assert member in out.getvalue() and "Traceback" not in capsys.readouterr().err
    refused(city, damaged, "损坏", member)


# ---- cells far outside the data -----------------------------------------------------------------

def rewrite_member(src: Path, dst: Path, member: str, change: Callable[[bytes], bytes]) -> Path:
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            zout.writestr(info, change(data) if info.filename == member else data)
    return dst


def with_cells(packet: Path, tmp_path: Path, sheet: str, xml: str, *, dimension: str | None = None) -> Path:
    """``packet`` with ``xml`` (rows) added at the end of a sheet's cells."""
    def change(data: bytes) -> bytes:
        data = data.replace(b"</sheetData>", xml.encode() + b"</sheetData>")
        if dimension is not None:
            data = re.sub(rb'<dimension ref="[^"]*"/>', f'<dimension ref="{dimension}"/>'.encode(), data)
        return data

    return rewrite_member(packet, tmp_path / "far.xlsx", members_of(packet)[sheet], change)


def far_cell(ref: str) -> str:
    row = re.sub(r"[A-Z]", "", ref)
    return f'<row r="{row}"><c r="{ref}" t="inlineStr"><is><t>x</t></is></c></row>'


@pytest.mark.parametrize("ref", ["XFD1048576", "AZ1048576", "A1048576", "A9999"])
def test_a_cell_far_down_is_refused_naming_it(ref: str, packet: Path, city: Ledger, tmp_path: Path) -> None:
    """A cell a clerk typed far out (calamine would allocate the whole grid up to it: at
    XFD1048576 the process aborts) is refused before calamine reads the sheet."""
    far = with_cells(packet, tmp_path, "年报", far_cell(ref))
    before, started = peak_mb(), time.perf_counter()
    plan = refused(city, far, "年报", ref)
    assert time.perf_counter() - started < 10
    assert peak_mb() - before < 200
    assert "年报" not in [summary.sheet for summary in plan.summaries.values()]  # not a row of it read


def test_a_cell_far_right_is_refused(packet: Path, city: Ledger, tmp_path: Path) -> None:
    far = rewrite_member(packet, tmp_path / "far.xlsx", members_of(packet)["用标主体"],
                         lambda d: d.replace(b"</row>", b'<c r="XFD2"><v>1</v></c></row>', 1))
    refused(city, far, "用标主体", "XFD2")


def test_a_note_typed_beside_the_data_is_not_far(packet: Path, city: Ledger, tmp_path: Path) -> None:
    """Room for what a clerk types by hand: a few columns right of the data, rows below it."""
    near = with_cells(packet, tmp_path, "年报", far_cell("AZ400") + far_cell("B2000"))
    plan = plan_import(city, near, accept_edited=True)
    assert "远在数据范围之外" not in "\n".join(plan.refusals), describe_plan(plan)


def test_a_declared_extent_far_out_is_refused(packet: Path, city: Ledger, tmp_path: Path) -> None:
    far = with_cells(packet, tmp_path, "年报", "", dimension="A1:XFD1048576")
    refused(city, far, "年报", "XFD1048576", "A1:XFD1048576")


def test_a_far_cell_written_by_openpyxl(packet: Path, city: Ledger, tmp_path: Path) -> None:
    wb = openpyxl.load_workbook(packet)
    wb["检查记录"]["XFD1048576"] = "x"
    far = tmp_path / "far.xlsx"
    wb.save(far)
    refused(city, far, "检查记录", "XFD1048576")


@pytest.mark.parametrize("xml", [
    pytest.param('<row r="9000">' + "<c><v>1</v></c>" * 300 + "</row>", id="cells-without-r"),
    pytest.param('<row r="9000"><c r="xfd9000"><v>1</v></c></row>', id="lower-case"),
    pytest.param('<row r="9"><c s="0" r="XFD9"><v>1</v></c></row>', id="r-not-first"),
    pytest.param("<row r='9'><c r = 'XFD9'><v>1</v></c></row>", id="odd-quotes-and-spaces"),
    pytest.param('<row r="9"><x:c xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
                 'r="XFD9"><x:v>1</x:v></x:c></row>', id="prefix"),
    pytest.param('<row r="9"><c r="A0001048576"><v>1</v></c></row>', id="leading-zeros"),
    pytest.param("<row>" * 12000 + "<c><v>1</v></c></row>", id="rows-without-r"),
])
def test_a_far_cell_written_unusually_is_refused(xml: str, packet: Path, city: Ledger, tmp_path: Path) -> None:
    """XML no spreadsheet writes but calamine reads: the walker follows it as calamine does."""
    far = with_cells(packet, tmp_path, "抽查计划", xml)
    refused(city, far, "抽查计划", "远在数据范围之外")


def test_a_far_cell_in_the_machine_part_is_refused_at_the_first_look(packet: Path, tmp_path: Path) -> None:
    far = with_cells(packet, tmp_path, "_数据包信息", far_cell("XFD1048576"))
    with pytest.raises(PacketRefused, match="XFD1048576"):
        read_meta(far)
    assert peek_kind(far) is None


def test_the_cli_refuses_a_cell_at_xfd1048576_without_aborting(packet: Path, city: Ledger,
                                                               tmp_path: Path) -> None:
    """Before the fix the process aborted (exit 134, a Rust backtrace: 512 GB asked for)."""
    far = with_cells(packet, tmp_path, "年报", far_cell("XFD1048576"))
    env = {**os.environ, "PYTHONPATH": os.getcwd()}
    run = subprocess.run([sys.executable, "-m", "desktop", "--db", str(city.path), "import-packet",
                          "--dry-run", str(far)], capture_output=True, text=True, env=env, timeout=120)
    assert run.returncode == EXIT_REFUSED, run.stderr[-2000:]
    assert "XFD1048576" in run.stdout and "Traceback" not in run.stderr


# ---- a flood of rows ----------------------------------------------------------------------------

@pytest.mark.parametrize("with_r", [True, False], ids=["rows", "rows-without-r"])
def test_a_row_flood_is_refused_early_in_flat_memory(with_r: bool, packet: Path, city: Ledger,
                                                     tmp_path: Path) -> None:
    """300,000 id-only rows added (the campaign: 14 s and 1.28 GB before they were refused)."""
    signed = next(s["rows"] for s in read_meta(packet)["sheets"] if s["name"] == "普查资源")
    first = signed + 2
    if with_r:
        flood = "".join(f'<row r="{n}"><c r="A{n}" t="inlineStr"><is><t>R-130125-{n:06d}</t></is></c></row>'
                        for n in range(first, first + 300_000))
    else:
        flood = "".join(f'<row><c t="inlineStr"><is><t>R-130125-{n:06d}</t></is></c></row>'
                        for n in range(first, first + 300_000))
    flooded = with_cells(packet, tmp_path, "普查资源", flood)
    before, started = peak_mb(), time.perf_counter()
    plan = refused(city, flooded, "普查资源", "远在数据范围之外", f"{1 + signed + LIMITS.added_rows + 1}")
    assert time.perf_counter() - started < 20
    assert peak_mb() - before < 150
    assert "普查资源" not in [summary.sheet for summary in plan.summaries.values()]  # not a row of it read


def test_rows_past_the_limit_are_refused_whatever_the_machine_part_says(packet: Path) -> None:
    import dataclasses

    small = dataclasses.replace(LIMITS, sheet_rows=50, added_rows=0)
    with pytest.raises(PacketRefused, match="远在数据范围之外"):
        read_packet(packet, limits=small)
    read_packet(packet)


def test_a_packet_merges_as_before(packet: Path, city: Ledger) -> None:
    plan = plan_import(city, packet)
    assert plan.status == MERGE and plan.packet is not None and not plan.packet.notices, describe_plan(plan)


def test_whatever_calamine_raises_on_the_data_is_a_refusal() -> None:
    """calamine's errors, and a panic of its Rust code (pyo3's PanicException derives from
    BaseException), are the refusal of a damaged file; an interrupt stays an interrupt."""
    from python_calamine import CalamineError

    from desktop.packets.reading.workbook import unreadable

    class PanicException(BaseException):  # as pyo3 names it
        pass

    for error in (CalamineError("invalid checksum"), PanicException("index out of bounds"), ValueError("x")):
        refusal = unreadable(error, "sheet '年报' cannot be read")
        assert isinstance(refusal, PacketRefused) and "年报" in refusal.en and refusal.__cause__ is error
    interrupt = KeyboardInterrupt()
    assert unreadable(interrupt, "x") is interrupt


def test_the_cli_refuses_a_far_cell_in_the_machine_part_at_its_first_look(packet: Path, city: Ledger,
                                                                          tmp_path: Path) -> None:
    """The command line looks at each file first (which kind of packet?): that look reads the
    machine part's sheet, and must not let calamine allocate the grid either."""
    far = with_cells(packet, tmp_path, "_数据包信息", far_cell("XFD1048576"))
    env = {**os.environ, "PYTHONPATH": os.getcwd()}
    run = subprocess.run([sys.executable, "-m", "desktop", "--db", str(city.path), "import-packet",
                          "--dry-run", str(far)], capture_output=True, text=True, env=env, timeout=120)
    assert run.returncode == EXIT_REFUSED, run.stderr[-2000:]
    assert "XFD1048576" in run.stdout and "Traceback" not in run.stderr


def test_the_error_workbook_of_a_damaged_packet_is_the_listing(packet: Path, city: Ledger, tmp_path: Path,
                                                              capsys: pytest.CaptureFixture[str]) -> None:
    """``--report`` opens the packet with openpyxl: a damaged member gave a traceback there."""
    damaged = damage(packet, tmp_path, _member(packet, "register"), "crc")
    report = tmp_path / "report.xlsx"
    out = io.StringIO()
    code = main(["--db", str(city.path), "import-packet", "--report", str(report), str(damaged)], out=out)
    assert code == EXIT_REFUSED and "Traceback" not in capsys.readouterr().err
    listing = openpyxl.load_workbook(report)["问题清单"]
    assert any("损坏" in str(row[4].value) for row in listing.iter_rows(min_row=2)), out.getvalue()


@pytest.mark.parametrize("xml", [
    pytest.param('<row r="9">' + "".join(f'<c r="A9"><v>{n}</v></c>' for n in range(300_000)) + "</row>",
                 id="usual"),
    pytest.param('<row r="9">' + "".join(f'<c s="0" r="A9"><v>{n}</v></c>' for n in range(300_000))
                 + "</row>", id="walked"),
])
def test_many_cells_at_one_place_are_refused(xml: str, packet: Path, city: Ledger, tmp_path: Path) -> None:
    """calamine keeps every cell it reads, even many at one place: no more than the bounds hold."""
    crowded = with_cells(packet, tmp_path, "抽查计划", xml)
    refused(city, crowded, "抽查计划", "单元格重复")


def test_what_follows_the_cells_is_not_a_cell(packet: Path, city: Ledger, tmp_path: Path) -> None:
    """Excel writes data validations of lists on other sheets after the cells, in an extension
    (``<xm:f>'_代码表'!$A$2:$A$5</xm:f>``): neither a formula cell nor an unusual one."""
    ext = ('<extLst><ext uri="{CCE6A557-97BC-4b89-ADB6-D9C93CAAB3DF}" '
           'xmlns:x14="http://schemas.microsoft.com/office/spreadsheetml/2009/9/main"><x14:dataValidations '
           'xmlns:xm="http://schemas.microsoft.com/office/excel/2006/main" count="1"><x14:dataValidation '
           'type="list"><x14:formula1><xm:f>\'_代码表\'!$A$2:$A$5</xm:f></x14:formula1><xm:sqref>C2:C9</xm:sqref>'
           '</x14:dataValidation></x14:dataValidations></ext></extLst>')
    resaved = rewrite_member(packet, tmp_path / "ext.xlsx", members_of(packet)["年报"],
                             lambda d: d.replace(b"</worksheet>", ext.encode() + b"</worksheet>"))
    plan = plan_import(city, resaved)
    assert plan.status == MERGE and plan.packet is not None and not plan.packet.notices, describe_plan(plan)


# ---- every sheet, every member, every path (issue 13, the campaign's findings on main) -------------

@pytest.mark.parametrize("sheet", ["_代码表", "封面", "_数据包信息"])
@pytest.mark.parametrize("ref", ["AZ1048576", "XFD1048576", "A200000"])
def test_a_far_cell_in_a_sheet_that_is_not_a_register_is_refused(sheet: str, ref: str, packet: Path,
                                                                 city: Ledger, tmp_path: Path) -> None:
    """The campaign (xml:1:29): a far cell in _代码表 merged without a word. Every sheet of the
    workbook has its extent checked, in a dry run and in the merge."""
    far = with_cells(packet, tmp_path, sheet, far_cell(ref))
    with pytest.raises(PacketRefused) as e:
        read_packet(far)
    assert sheet in e.value.zh and ref in e.value.zh and ref in e.value.en, e.value
    refused(city, far, sheet, ref)
    code, out = _cli(city, far, "--dry-run")
    assert code == EXIT_REFUSED and ref in out


def test_an_extra_sheet_with_a_far_cell_is_refused(packet: Path, city: Ledger, tmp_path: Path) -> None:
    wb = openpyxl.load_workbook(packet)
    wb.create_sheet("备注")["AZ1048576"] = "x"
    far = tmp_path / "extra.xlsx"
    wb.save(far)
    refused(city, far, "备注", "AZ1048576")


def test_a_note_typed_on_the_cover_is_not_far(packet: Path, city: Ledger, tmp_path: Path) -> None:
    near = with_cells(packet, tmp_path, "封面", far_cell("C60") + far_cell("A400"))
    plan = plan_import(city, near)
    assert plan.status == MERGE, describe_plan(plan)


def _cli(city: Ledger, path: Path, *options: str) -> tuple[int, str]:
    out = io.StringIO()
    code = main(["--db", str(city.path), "import-packet", *options, str(path)], out=out)
    return code, out.getvalue()


def test_a_packet_without_its_styles_is_refused_once_saying_so(packet: Path, city: Ledger,
                                                               tmp_path: Path) -> None:
    """Without xl/styles.xml every row was refused as 单元格无法读取, in a 2,272-character line,
    without a word of the styles."""
    out_path = tmp_path / "no-styles.xlsx"
    with zipfile.ZipFile(packet) as zin, zipfile.ZipFile(out_path, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            if info.filename != "xl/styles.xml":
                zout.writestr(info, zin.read(info.filename))
    with pytest.raises(PacketRefused) as e:
        read_packet(out_path)
    assert "xl/styles.xml" in e.value.zh and "styles" in e.value.en, e.value
    assert len(e.value.zh) < 300 and len(e.value.en) < 400, e.value
    plan = refused(city, out_path, "xl/styles.xml")
    assert len(plan.refusals) == 1 and not plan.problems, describe_plan(plan)
    code, out = _cli(city, out_path, "--dry-run")
    assert code == EXIT_REFUSED and max(map(len, out.splitlines())) < 600, out


def _zip_errors() -> list[BaseException]:
    import zlib

    return [EOFError(), zlib.error("Error -3 while decompressing data"), struct.error("unpack requires"),
            zipfile.BadZipFile("Bad magic number for file header"), NotImplementedError("method"),
            OSError("I/O error"), ValueError("seek of closed file"), RuntimeError("encrypted")]


@pytest.mark.parametrize("error", _zip_errors(), ids=lambda e: type(e).__name__)
@pytest.mark.parametrize("where", ["read", "open"])
@pytest.mark.parametrize("sheet", ["普查资源", "_数据包信息", "_代码表"])
def test_whatever_zip_reading_raises_is_a_refusal_naming_the_member(error: BaseException, where: str, sheet: str,
                                                                    packet: Path,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    """Every exception of reading a member (the campaign: an EOFError on a flipped local header of
    a receipt's sheet1) is a refusal naming it, whichever path reads it: the container's checks,
    the scans, the workers' guard, the first look at the machine part."""
    member = members_of(packet)[sheet]
    real_open = zipfile.ZipFile.open

    class Failing(io.RawIOBase):
        def readable(self) -> bool:
            return True

        def readinto(self, buffer: Any) -> int:
            raise error

    def failing_open(self: zipfile.ZipFile, name: Any, *args: Any, **kwargs: Any) -> Any:
        if (name.filename if isinstance(name, zipfile.ZipInfo) else name) == member:
            if where == "open":
                raise error
            return io.BufferedReader(Failing())
        return real_open(self, name, *args, **kwargs)

    monkeypatch.setattr(zipfile.ZipFile, "open", failing_open)
    with pytest.raises(PacketRefused) as e:
        read_packet(packet)
    assert member in e.value.zh and member in e.value.en, e.value
    if sheet == "_数据包信息":  # the first look at the file reads it too
        with pytest.raises(PacketRefused) as e:
            read_meta(packet)
        assert member in e.value.en, e.value
        assert peek_kind(packet) is None
