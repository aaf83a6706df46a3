"""The import merges as it reads: a chunk of rows at a time, in one transaction, whatever order
the sheets are read in; a dry run is the same merge rolled back."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import openpyxl
import pytest

from db import maintenance
from desktop.ledger import Ledger
from desktop.packets.export import export_packet
from desktop.packets.importer import MERGE, NOTHING, REFUSED, apply_import, import_packet, plan_import
from desktop.packets.reading import parser, scan
from desktop.packets.reading.rows import RowChunk
from desktop.packets.reading.workbook import Workbook
from desktop.registers import REGISTRY

from .test_packets_refusals import edit, header_index

CHUNK = 16


@pytest.fixture
def small_chunks(monkeypatch: pytest.MonkeyPatch) -> None:
    """Chunks of 16 rows, so a small demo packet spans many of them."""
    monkeypatch.setattr(parser, "CHUNK_ROWS", CHUNK)


@pytest.fixture
def last_listed_first(monkeypatch: pytest.MonkeyPatch) -> None:
    """The reader takes the last listed sheet first: annual reports before their mark users."""

    def pick(self: Any, names: list[str]) -> int:
        return len(names) - 1

    monkeypatch.setattr(Workbook, "pick", pick)


def test_an_import_holds_one_chunk_of_rows_at_a_time(demo_county: Ledger, city: Ledger, tmp_path: Path,
                                                       small_chunks: None,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    alive, most, made = [0], [0], [0]

    class Counted(RowChunk):
        """A chunk of rows that counts the rows held in chunks alive."""

        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            alive[0] += len(self)
            made[0] += len(self)
            most[0] = max(most[0], alive[0])

        def __del__(self) -> None:
            alive[0] -= len(self)

    monkeypatch.setattr(parser, "RowChunk", Counted)
    packet = export_packet(demo_county, tmp_path / "p.xlsx").path
    result = import_packet(city, packet)
    assert result.merged, result.plan.refusals
    total = sum(c["new"] for c in result.plan.counts().values())
    assert made[0] == total > 10 * CHUNK
    # The chunk being merged and the one the reader makes meanwhile, never the packet.
    assert most[0] <= 2 * CHUNK, most[0]
    assert alive[0] == 0


def test_sheets_read_in_any_order_merge_the_same(demo_county: Ledger, new_office: Any, tmp_path: Path,
                                                 small_chunks: None, monkeypatch: pytest.MonkeyPatch) -> None:
    packet = export_packet(demo_county, tmp_path / "p.xlsx").path
    in_order = new_office("130100", "a")
    expected = import_packet(in_order, packet)
    assert expected.merged, expected.plan.refusals

    def pick(self: Any, names: list[str]) -> int:
        return len(names) - 1

    monkeypatch.setattr(Workbook, "pick", pick)
    reversed_city = new_office("130100", "b")
    plan = plan_import(reversed_city, packet)
    # Annual reports, inspections ... come before the mark users and plans they refer to: the
    # references are settled once every row is read, and nothing is refused.
    assert plan.status == MERGE, (plan.refusals, [p.describe() for p in plan.problems[:5]])
    assert plan.counts() == expected.plan.counts()
    # Reported in the order the packet lists its sheets, not the order they were read in.
    assert list(plan.summaries) == [s["kind"] for s in plan.packet.meta["sheets"] if s["rows"]]
    result = apply_import(reversed_city, plan)
    assert result.merged, result.plan.refusals
    assert _registers(reversed_city) == _registers(in_order)


def _registers(ledger: Ledger) -> list[Any]:
    """Every row of every register table (a refused import still logs itself elsewhere)."""
    return [ledger.db.conn.execute(f"SELECT * FROM {k.table} ORDER BY id").fetchall()
            for k in REGISTRY.values()]


def _first_id(ledger: Ledger, table: str) -> str:
    return ledger.db.conn.execute(f"SELECT min(id) FROM {table} WHERE deleted = 0").fetchone()[0]


def test_a_reference_to_no_record_is_refused_when_read_before_its_register(
        demo_county: Ledger, city: Ledger, tmp_path: Path, small_chunks: None,
        last_listed_first: None) -> None:
    packet = export_packet(demo_county, tmp_path / "p.xlsx").path
    report = _first_id(demo_county, "annual_reports")
    row, _old = edit(packet, tmp_path / "e.xlsx", "年报", report, "用标主体", "U-130125-999999")
    before = _registers(city)
    result = import_packet(city, tmp_path / "e.xlsx", accept_edited=True)
    plan = result.plan
    assert not result.merged and plan.status == REFUSED
    found = [p for p in plan.problems if p.sheet == "年报" and p.row == row]
    assert found and "找不到记录 U-130125-999999" in found[0].reason_zh, [p.describe() for p in plan.problems]
    refused = [(where, reason.zh) for where, reason in plan.summaries["annual-report"].refused]
    assert (report, "找不到记录 U-130125-999999（或已删除）") in refused
    assert report not in plan.summaries["annual-report"].new
    assert _registers(city) == before


def test_the_same_id_twice_in_a_packet_is_refused(demo_county: Ledger, city: Ledger, tmp_path: Path,
                                                  small_chunks: None) -> None:
    packet = export_packet(demo_county, tmp_path / "p.xlsx").path
    wb = openpyxl.load_workbook(packet)
    ws = wb["用标主体"]
    first = ws.cell(2, 1).value
    far = ws.max_row  # another chunk
    ws.cell(far, 1).value = first
    wb.save(tmp_path / "e.xlsx")
    wb.close()
    before = maintenance.content_digest(city.db)
    plan = plan_import(city, tmp_path / "e.xlsx", accept_edited=True)
    assert plan.status == REFUSED
    found = [p for p in plan.problems if p.sheet == "用标主体" and p.row == far]
    assert found and found[0].reason_zh == "编号与本数据包第2行重复", [p.describe() for p in plan.problems]
    assert maintenance.content_digest(city.db) == before


def test_a_duplicate_in_a_later_chunk_is_found_in_the_rows_merged_before(
        demo_county: Ledger, city: Ledger, tmp_path: Path, small_chunks: None) -> None:
    packet = export_packet(demo_county, tmp_path / "p.xlsx").path
    wb = openpyxl.load_workbook(packet)
    ws = wb["普查资源"]
    name = header_index(ws, "产品名称")
    ws.cell(ws.max_row, name).value = ws.cell(2, name).value
    far = ws.max_row
    wb.save(tmp_path / "e.xlsx")
    wb.close()
    assert far > CHUNK + 1
    plan = plan_import(city, tmp_path / "e.xlsx", accept_edited=True)
    assert plan.status == REFUSED
    found = [p for p in plan.problems if p.sheet == "普查资源" and p.row == far]
    assert found and "与本数据包第2行重复" in found[0].reason_zh, [p.describe() for p in plan.problems]


def test_a_duplicate_in_the_same_chunk_is_found(demo_county: Ledger, city: Ledger, tmp_path: Path,
                                               small_chunks: None) -> None:
    """Two rows of one chunk with one product name, held by no merged record: the second is
    refused, naming the first."""
    packet = export_packet(demo_county, tmp_path / "p.xlsx").path
    wb = openpyxl.load_workbook(packet)
    ws = wb["普查资源"]
    name = header_index(ws, "产品名称")
    ws.cell(5, name).value = ws.cell(3, name).value
    wb.save(tmp_path / "e.xlsx")
    wb.close()
    assert CHUNK + 1 >= 5  # rows 3 and 5 are read in the first chunk
    plan = plan_import(city, tmp_path / "e.xlsx", accept_edited=True)
    assert plan.status == REFUSED
    found = [(p.row, p.reason_zh) for p in plan.problems if p.sheet == "普查资源"]
    assert found == [(5, "与本数据包第3行重复")], [p.describe() for p in plan.problems]


def test_a_dry_run_writes_nothing_and_a_merge_does_what_it_showed(demo_county: Ledger, city: Ledger,
                                                                  tmp_path: Path, small_chunks: None) -> None:
    first = export_packet(demo_county, tmp_path / "p1.xlsx").path
    demo_county.add("resource", {"name": "行唐新枣", "attribute": "grown", "category": "primary_agri",
                                 "tier": "protect", "survey_date": "2024-05-01"})
    second = export_packet(demo_county, tmp_path / "p2.xlsx").path
    before = maintenance.content_digest(city.db)
    dry = plan_import(city, second)
    assert dry.status == MERGE and maintenance.content_digest(city.db) == before
    assert city.db.conn.execute("SELECT count(*) FROM packet_log").fetchone()[0] == 0
    # Packet 1 is merged meanwhile: packet 2 would now change fewer records than its dry run
    # showed, so it is refused and the clerk dry-runs it again.
    assert import_packet(city, first).merged
    merged = _registers(city)
    result = apply_import(city, dry)
    assert not result.merged and result.plan.status == REFUSED
    assert any("试导入" in r for r in result.plan.refusals), result.plan.refusals
    assert _registers(city) == merged
    again = plan_import(city, second)
    assert again.status == MERGE and again.counts()["resource"]["new"] == 1
    assert apply_import(city, again).merged
    assert import_packet(city, second).plan.status == NOTHING


def test_merged_records_a_packet_leaves_out_are_named(demo_county: Ledger, city: Ledger, tmp_path: Path,
                                                      small_chunks: None) -> None:
    """A county database rebuilt without a restore packet lacks records the city merged: the
    next packet is merged, and the records it leaves out are named (kept as they were)."""
    first = import_packet(city, export_packet(demo_county, tmp_path / "1.xlsx").path)
    assert first.merged, first.plan.refusals
    assert not [w for w in first.plan.warnings if "不在本数据包中" in w]
    ids = [r[0] for r in demo_county.db.conn.execute("SELECT id FROM annual_reports ORDER BY id")]
    assert len(ids) > 3 * CHUNK
    gone = [ids[1], ids[CHUNK + 2], ids[-1]]  # in different chunks
    demo_county.db.conn.execute("BEGIN")
    demo_county.db.conn.execute(f"DELETE FROM annual_reports WHERE id IN ({', '.join('?' * len(gone))})", gone)
    demo_county.db.conn.execute("COMMIT")
    second = import_packet(city, export_packet(demo_county, tmp_path / "2.xlsx").path)
    assert second.merged, second.plan.refusals
    [warning] = [w for w in second.plan.warnings if "不在本数据包中" in w]
    assert warning.startswith(f"{REGISTRY['annual-report'].zh}：3 条已合并的记录不在本数据包中")
    assert all(rid in warning for rid in gone)
    assert second.plan.counts()["annual-report"]["unchanged"] == len(ids) - 3
    held = {r[0] for r in city.db.conn.execute("SELECT id FROM annual_reports WHERE deleted = 0")}
    assert set(gone) <= held


def test_formula_cells_are_found_across_the_seams_of_the_blocks(tmp_path: Path,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    """The formula scan inflates a sheet a block at a time: a formula cell is found wherever the
    blocks split it, and a dropdown's <formula1> or a text holding "<f" is not one."""
    import zipfile

    cells = ['<c r="A2" t="inlineStr"><is><t>a &lt;f b</t></is></c>', '<c r="B2"><f>1+1</f><v>2</v></c>',
             '<c r="C2" s="1"><f t="shared" ref="C2:C3" si="0"/></c>', '<c r="AB17"><f>SUM(A1:A3)</f></c>',
             '<c r="D3"><v>4</v></c>']
    xml = ('<?xml version="1.0" encoding="UTF-8"?><worksheet><sheetData><row r="2">' + "".join(cells)
           + '</row></sheetData><dataValidations count="1"><dataValidation sqref="E2:E9">'
           '<formula1>"是,否"</formula1></dataValidation></dataValidations></worksheet>').encode()
    path = tmp_path / "s.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("xl/worksheets/sheet1.xml", xml)
    for size in [*range(3, 40), 97, 256, 1 << 20]:
        monkeypatch.setattr(scan, "SCAN_BLOCK", size)
        with zipfile.ZipFile(path) as zf:
            assert scan.formula_cells(zf, "xl/worksheets/sheet1.xml") == ["B2", "C2", "AB17"], size


def test_the_quick_formula_tag_search_finds_what_the_pattern_finds() -> None:
    """scan.has_formula_tag looks for the letter f, then for the pattern once there are many:
    it answers as the pattern <f[ >/] does, for any text (many f's, tags split anywhere)."""
    import re

    from hypothesis import given, settings
    from hypothesis import strategies as st

    pattern = re.compile(rb"<f[ >/]")

    @settings(max_examples=400, deadline=None)
    @given(st.lists(st.sampled_from([b"<", b"f", b" ", b">", b"/", b"o", b"<formula1>", b"of ", b"\xe5\xb9\xb4"]),
                    max_size=60), st.integers(min_value=0, max_value=1500))
    def check(parts: list[bytes], many: int) -> None:
        data = b"".join(parts)
        for text in (data, b"of " * many + data, data + b"ff" * many):
            assert scan.has_formula_tag(text) == (pattern.search(text) is not None), text[-80:]

    for text in (b"of " * 1500 + b"<f>", b"of " * 1500 + b"<fo>", b"f" * 3000 + b"<f/", b"<f" * 1200 + b" "):
        assert scan.has_formula_tag(text) == (pattern.search(text) is not None), text[-20:]
    check()


def test_a_cancelled_import_leaves_the_database_as_it_was(demo_county: Ledger, city: Ledger, tmp_path: Path,
                                                          small_chunks: None) -> None:
    """Cancelled half-way, while the writer thread writes a chunk's new records: nothing of the
    packet stays, and the same database merges the packet afterwards."""
    from desktop.jobs import Cancelled

    packet = export_packet(demo_county, tmp_path / "p.xlsx").path
    before = _registers(city)
    log_before = city.db.conn.execute("SELECT count(*) FROM packet_log").fetchone()[0]
    asked = [0]

    def cancelled() -> bool:
        asked[0] += 1
        return asked[0] > 8  # some chunks merged (and one being written), then the clerk cancels

    with pytest.raises(Cancelled):
        import_packet(city, packet, cancelled=cancelled)
    assert asked[0] > 8
    assert _registers(city) == before
    assert city.db.conn.execute("SELECT count(*) FROM packet_log").fetchone()[0] == log_before
    assert not city.db.conn.in_transaction
    result = import_packet(city, packet)
    assert result.merged, result.plan.refusals
    assert _registers(city) != before


def _fail_write(monkeypatch: pytest.MonkeyPatch, call: int, error: Exception) -> list[int]:
    """The ``call``-th write of new records (on the writer thread) raises ``error`` once it has
    written; returns the count of writes made so far."""
    from desktop.packets import importer

    real = importer.packets.stage_new_rows
    calls = [0]

    def stage_new_rows(*args: Any, **kwargs: Any) -> Any:
        write = real(*args, **kwargs)
        calls[0] += 1
        if calls[0] < call:
            return write

        def failing() -> None:
            write()
            raise error

        return failing

    monkeypatch.setattr(importer.packets, "stage_new_rows", stage_new_rows)
    return calls


def test_a_write_failing_on_the_writer_thread_rolls_the_merge_back(demo_county: Ledger, city: Ledger,
                                                                   tmp_path: Path, small_chunks: None,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """What the writer thread raises (here the disk filling up half-way) reaches the import, and
    the database is left as it was."""
    import sqlite3

    packet = export_packet(demo_county, tmp_path / "p.xlsx").path
    before = _registers(city)
    calls = _fail_write(monkeypatch, 5, sqlite3.OperationalError("database or disk is full"))
    with pytest.raises(sqlite3.OperationalError, match="disk is full"):
        import_packet(city, packet)
    assert calls[0] == 5
    assert _registers(city) == before
    assert not city.db.conn.in_transaction


def test_a_row_breaking_a_database_rule_refuses_the_packet(demo_county: Ledger, city: Ledger,
                                                            tmp_path: Path, small_chunks: None,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    """A row the database will not hold (a restore or reference packet's rows are not validated
    field by field; the campaign found an emptied required cell) is a refusal naming the register
    and field, never a traceback, and the merge is rolled back."""
    import sqlite3

    from desktop.packets import importer

    packet = export_packet(demo_county, tmp_path / "p.xlsx").path
    before = _registers(city)
    _fail_write(monkeypatch, 3, sqlite3.IntegrityError("NOT NULL constraint failed: stage_events.candidate_id"))
    result = import_packet(city, packet)
    assert not result.merged
    assert result.plan.status == importer.REFUSED
    assert any("阶段记录的“培育对象”不能为空" in r and "数据库未作任何改动" in r for r in result.plan.refusals), \
        result.plan.refusals
    assert _registers(city) == before
    assert not city.db.conn.in_transaction
