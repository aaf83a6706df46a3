"""County → city packets that go through: every record arrives exactly, the file is readable by
a person, and re-imports, later packets, deletes, older packets and gaps behave as documented
(docs/architecture.md, "Packets"; ../shared/packet-facts.md)."""

from __future__ import annotations

import io
import json
from datetime import datetime
from pathlib import Path
from typing import Any

import openpyxl
import pytest
import sqlite_utils

from db import audit, maintenance, packets, records
from desktop.cli import EXIT_OK, EXIT_REFUSED, main
from desktop.ledger import Ledger
from desktop.packets import format as fmt
from desktop.packets.export import export_packet
from desktop.packets.importer import MERGE, NOTHING, REFUSED, apply_import, plan_import
from desktop.packets.reader import read_packet
from desktop.packets.report import describe_plan
from desktop.registers import REGISTRY

from .test_packets_refusals import data_digest

COUNTY = "130125"
FORMULA_LIKE = ("=1+2", "+8613800138000", "-负号", "@SUM(A1)")


def office_records(db: sqlite_utils.Database, office: str) -> dict[str, list[records.StoredRecord]]:
    """Every record (tombstones too) of one office, per register, ordered by id."""
    return {k.key: list(records.find(db, k.table, include_deleted=True, office_code=office))
            for k in fmt.packet_kinds("county")}


CITY_WORK = {"progress", "review-answer"}
"""A county's records that refer to its city's tasks and reviews: a demo county has none
(they need the city's reference packet; tests/desktop/test_city_tasks*.py send them round)."""


def table(kind_key: str) -> str:
    return REGISTRY[kind_key].table


def merge(city: Ledger, path: Path, **options: Any):
    plan = plan_import(city, path, **options)
    assert plan.status == MERGE, describe_plan(plan, dry_run=True)
    result = apply_import(city, plan)
    assert result.merged
    return result.plan


def add_formula_like(county: Ledger) -> list[str]:
    """Resources whose name and history start with =, +, - and @ (plus one such town)."""
    ids = []
    for n, text in enumerate(FORMULA_LIKE):
        rec = county.add("resource", {
            "name": text, "attribute": "grown", "category": "primary_agri", "tier": "cultivate",
            "survey_date": "2026-05-01", "history": f"{text}\n第二行 {n}", "standard_no": "012345",
            "towns": [text, "城关镇"]})
        ids.append(rec.id)
    return ids


# ---- export → import ------------------------------------------------------------------------

def test_every_record_arrives_exactly(demo_county: Ledger, city: Ledger, tmp_path: Path) -> None:
    county = demo_county
    add_formula_like(county)
    gone = county.add("plan", {"name": "作废的计划", "year": 2026, "sample_count": 1})
    county.delete("plan", gone.id)
    exported = export_packet(county, tmp_path / "p.xlsx")
    assert exported.sequence == 1

    plan = merge(city, exported.path)
    assert plan.pin_needed and plan.fingerprint == exported.fingerprint

    sent = office_records(county.db, COUNTY)
    arrived = office_records(city.db, COUNTY)
    assert sum(map(len, sent.values())) == exported.rows > 250
    assert {k for k, rows in sent.items() if not rows} == CITY_WORK
    for kind_key, rows in sent.items():
        if kind_key in CITY_WORK:
            continue
        # StoredRecord equality: id, office, created/updated timestamps, revision, tombstone, values
        assert arrived[kind_key] == rows, kind_key
        assert plan.summaries[kind_key].counts()["new"] == len(rows)
    assert records.get(city.db, table("plan"), gone.id).deleted
    pinned = packets.pinned(city.db, COUNTY)
    assert pinned is not None and pinned.last_sequence == 1
    assert pinned.last_content_hash == exported.content_hash
    assert pinned.key_fingerprint == exported.fingerprint
    assert maintenance.foreign_key_problems(city.db) == []


def test_packet_is_readable_by_a_person(demo_county: Ledger, tmp_path: Path) -> None:
    exported = export_packet(demo_county, tmp_path / "p.xlsx")
    wb = openpyxl.load_workbook(exported.path)
    try:
        assert wb.sheetnames[0] == fmt.COVER
        assert wb.active.title == fmt.COVER
        for kind in REGISTRY.values():  # a county's packet has the sheets of what a county keeps
            assert (kind.zh in wb.sheetnames) == ("county" in kind.written_by), kind.key
        assert wb[fmt.META_SHEET].sheet_state == "hidden"
        assert wb[fmt.META_SHEET]["A1"].value == fmt.FORMAT

        cover = wb[fmt.COVER]
        lines = {r[0]: r[1] for r in cover.iter_rows(values_only=True) if r and r[0]}
        assert "行唐县" in lines["报送单位"] and COUNTY in lines["报送单位"]
        assert lines["数据包序号"] == "第 1 号"
        assert lines["签名公钥指纹"] == exported.fingerprint
        for kind in fmt.packet_kinds("county"):
            expected = records.count(demo_county.db, kind.table, include_deleted=True,
                                     office_code=COUNTY)
            assert lines[kind.zh] == expected, kind.zh

        for kind in fmt.packet_kinds("county"):
            ws = wb[kind.zh]
            header = [c.value for c in ws[1]]
            columns = fmt.sheet_columns(kind)
            assert [h.rstrip("*") for h in header] == [c.zh for c in columns]
            assert header[0] == "编号" and header[-5:] == ["所属单位", "版本", "已删除", "创建时间", "修改时间"]
            assert ws.freeze_panes is not None and ws.freeze_panes.endswith("2"), "header row frozen"
            assert ws.data_validations.dataValidation or not any(
                c.field is not None and c.field.is_coded for c in columns), "dropdowns for codes"
    finally:
        wb.close()


def test_codes_text_and_dates_are_typed_cells(demo_county: Ledger, tmp_path: Path) -> None:
    county = demo_county
    ids = add_formula_like(county)
    exported = export_packet(county, tmp_path / "p.xlsx")
    wb = openpyxl.load_workbook(exported.path)
    try:
        def column(ws, zh: str) -> int:
            return [str(c.value).rstrip("*") for c in ws[1]].index(zh) + 1

        users = wb["用标主体"]
        uscc_col, id_col = column(users, "统一社会信用代码"), column(users, "编号")
        seen = 0
        for row in range(2, users.max_row + 1):
            cell = users.cell(row, uscc_col)
            rid = users.cell(row, id_col).value
            stored = county.get("mark-user", rid)
            assert cell.data_type == "s" and cell.value == stored.values["uscc"]
            assert users.cell(row, column(users, "所属单位")).data_type == "s"
            seen += 1
        assert seen == 40

        gis = wb["已保护地理标志"]
        for row in range(2, gis.max_row + 1):
            ref = gis.cell(row, column(gis, "编号")).value
            stored = county.get("gi", ref)
            cell = gis.cell(row, column(gis, _field_zh("gi", "reference_no")))
            assert cell.data_type == "s" and cell.value == stored.values["reference_no"]

        res = wb["普查资源"]
        by_id = {res.cell(r, column(res, "编号")).value: r for r in range(2, res.max_row + 1)}
        date_col = column(res, _field_zh("resource", "survey_date"))
        for rid, row in by_id.items():
            cell = res.cell(row, date_col)
            assert cell.is_date and isinstance(cell.value, datetime)
            assert cell.value.date() == county.get("resource", rid).values["survey_date"]
        for rid, text in zip(ids, FORMULA_LIKE, strict=True):
            row = by_id[rid]
            for zh, expected in ((_field_zh("resource", "name"), text),
                                 (_field_zh("resource", "history"), f"{text}\n第二行 {ids.index(rid)}"),
                                 (_field_zh("resource", "standard_no"), "012345")):
                cell = res.cell(row, column(res, zh))
                assert cell.data_type == "s", f"{zh} {expected!r} must be text, not {cell.data_type}"
                assert cell.value == expected
    finally:
        wb.close()

    # and nothing in the file is a formula
    import zipfile

    with zipfile.ZipFile(exported.path) as zf:
        for name in zf.namelist():
            if name.startswith("xl/worksheets/"):
                assert b"<f>" not in zf.read(name) and b"<f " not in zf.read(name), name

    packet = read_packet(exported.path)
    assert packet.content_hash == exported.content_hash and not packet.edits and not packet.problems
    rows = {r.id: r for r in packet.rows["resource"]}
    for rid, text in zip(ids, FORMULA_LIKE, strict=True):
        assert rows[rid].values["name"] == text
        assert rows[rid].values["towns"] == [text, "城关镇"]
        assert rows[rid].values["history"].startswith(text + "\n")


def _field_zh(kind_key: str, field_key: str) -> str:
    return REGISTRY[kind_key].field(field_key).zh


def test_formula_like_text_round_trips_to_the_city(ledger: Ledger, city: Ledger, tmp_path: Path) -> None:
    ids = add_formula_like(ledger)
    merge(city, export_packet(ledger, tmp_path / "p.xlsx").path)
    for rid, text in zip(ids, FORMULA_LIKE, strict=True):
        at_city = records.get(city.db, table("resource"), rid)
        assert at_city is not None
        assert at_city.values["name"] == text
        assert json.loads(at_city.values["towns"]) == [text, "城关镇"]
        assert at_city == records.get(ledger.db, table("resource"), rid)


# ---- again, later, deleted, older, gaps -----------------------------------------------------

def test_same_packet_twice_changes_nothing(demo_county: Ledger, city: Ledger, tmp_path: Path) -> None:
    exported = export_packet(demo_county, tmp_path / "p.xlsx")
    merge(city, exported.path)
    before, data_before = maintenance.content_digest(city.db), data_digest(city.db)

    again = plan_import(city, exported.path)
    assert again.status == NOTHING
    assert any("已合并过" in w for w in again.warnings)
    assert maintenance.content_digest(city.db) == before, "a dry run writes nothing"
    result = apply_import(city, again)
    assert not result.merged
    assert data_digest(city.db) == data_before
    assert packets.packet_log(city.db, COUNTY)[0].status == "nothing"


def test_an_edit_at_the_county_arrives_as_changed(demo_county: Ledger, city: Ledger, tmp_path: Path) -> None:
    county = demo_county
    merge(city, export_packet(county, tmp_path / "1.xlsx").path)
    user = next(county.list("mark-user"))
    edited = county.edit("mark-user", user.id, {"address": "行唐县龙州镇新华路1号"},
                         expected_revision=user.revision)
    second = export_packet(county, tmp_path / "2.xlsx")
    assert second.sequence == 2

    plan = merge(city, second.path)
    summary = plan.summaries["mark-user"]
    assert summary.changed == {user.id: ["address"]}
    assert summary.counts()["unchanged"] == county.count("mark-user", include_deleted=True) - 1
    assert all(not s.new and not s.deleted for s in plan.summaries.values())
    assert "地址" in describe_plan(plan)
    at_city = records.get(city.db, table("mark-user"), user.id)
    assert at_city.values["address"] == "行唐县龙州镇新华路1号"
    assert at_city.revision == edited.revision == user.revision + 1
    assert at_city.updated_at == edited.updated_at
    merged = [e for e in audit.for_record(city.db, user.id) if e.action == "merge-update"]
    assert len(merged) == 1 and merged[0].after is not None
    assert merged[0].after["address"] == "行唐县龙州镇新华路1号"
    assert office_records(city.db, COUNTY) == office_records(county.db, COUNTY)


def test_a_delete_at_the_county_arrives_as_a_tombstone(demo_county: Ledger, city: Ledger,
                                                       tmp_path: Path) -> None:
    county = demo_county
    merge(city, export_packet(county, tmp_path / "1.xlsx").path)
    victim = next(county.list("abnormal"))
    county.delete("abnormal", victim.id)
    plan = merge(city, export_packet(county, tmp_path / "2.xlsx").path)
    assert plan.summaries["abnormal"].deleted == [victim.id]
    at_city = records.get(city.db, table("abnormal"), victim.id)
    assert at_city is not None and at_city.deleted and at_city.revision == victim.revision + 1
    assert [e.action for e in audit.for_record(city.db, victim.id)] == ["merge-delete"]
    assert office_records(city.db, COUNTY) == office_records(county.db, COUNTY)


def test_an_older_packet_is_refused_and_changes_nothing(demo_county: Ledger, city: Ledger,
                                                       tmp_path: Path) -> None:
    county = demo_county
    first = export_packet(county, tmp_path / "1.xlsx")
    rec = next(county.list("resource"))
    county.edit("resource", rec.id, {"coordinates": "东经114度"})
    second = export_packet(county, tmp_path / "2.xlsx")
    assert (first.sequence, second.sequence) == (1, 2)
    merge(city, second.path)
    before, data_before = maintenance.content_digest(city.db), data_digest(city.db)

    plan = plan_import(city, first.path)
    assert plan.status == REFUSED
    assert any("早于已合并" in r for r in plan.refusals), plan.refusals
    assert maintenance.content_digest(city.db) == before
    result = apply_import(city, plan)
    assert not result.merged
    assert data_digest(city.db) == data_before
    assert records.get(city.db, table("resource"), rec.id).values["coordinates"] == "东经114度"
    assert packets.pinned(city.db, COUNTY).last_sequence == 2


def test_a_gap_is_reported_and_merged(demo_county: Ledger, city: Ledger, tmp_path: Path) -> None:
    county = demo_county
    one = export_packet(county, tmp_path / "1.xlsx")
    export_packet(county, tmp_path / "2.xlsx")
    rec = next(county.list("plan"))
    county.edit("plan", rec.id, {"sample_count": 5})
    three = export_packet(county, tmp_path / "3.xlsx")
    assert three.sequence == 3
    merge(city, one.path)

    plan = plan_import(city, three.path)
    assert plan.status == MERGE
    gap = [w for w in plan.warnings if "不连续" in w]
    assert gap and "第 2" in gap[0], plan.warnings
    apply_import(city, plan)
    assert packets.pinned(city.db, COUNTY).last_sequence == 3
    assert records.get(city.db, table("plan"), rec.id).values["sample_count"] == 5
    assert office_records(city.db, COUNTY) == office_records(county.db, COUNTY)


def test_sequence_numbers_go_up_and_are_logged(ledger: Ledger, tmp_path: Path) -> None:
    make_seq = [export_packet(ledger, tmp_path / f"{n}.xlsx").sequence for n in range(3)]
    assert make_seq == [1, 2, 3]
    sent = [e for e in packets.packet_log(ledger.db) if e.direction == "sent"]
    assert [e.sequence for e in sent] == [3, 2, 1]
    packet = read_packet(tmp_path / "2.xlsx")
    assert packet.sequence == 3
    assert packet.meta["previous_hash"] == read_packet(tmp_path / "1.xlsx").meta["content_hash"]


def test_an_empty_county_packet_merges(ledger: Ledger, city: Ledger, tmp_path: Path) -> None:
    exported = export_packet(ledger, tmp_path / "p.xlsx")
    assert exported.rows == 0
    plan = merge(city, exported.path)
    assert all(s.counts()["new"] == 0 for s in plan.summaries.values())
    assert packets.pinned(city.db, COUNTY).last_sequence == 1


# ---- the command line -----------------------------------------------------------------------

def test_command_line_export_import_and_log(demo_county: Ledger, city: Ledger, tmp_path: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    def cli(db: Path, *argv: str) -> tuple[int, str]:
        out = io.StringIO()
        code = main(["--db", str(db), *argv], out=out)
        assert "Traceback" not in capsys.readouterr().err
        return code, out.getvalue()

    county_db, city_db = demo_county.path, city.path
    assert county_db is not None and city_db is not None
    code, text = cli(county_db, "export-packet", "-o", str(tmp_path / "p.xlsx"))
    assert code == EXIT_OK and "第 1 号" in text
    before = maintenance.content_digest(city.db)
    code, text = cli(city_db, "import-packet", "--dry-run", str(tmp_path / "p.xlsx"))
    assert code == EXIT_OK and "试导入" in text and "新增 30" in text
    assert maintenance.content_digest(city.db) == before
    code, text = cli(city_db, "import-packet", str(tmp_path / "p.xlsx"))
    assert code == EXIT_OK and "已合并" in text
    code, text = cli(city_db, "import-packet", str(tmp_path / "p.xlsx"))
    assert code == EXIT_OK and "无需导入" in text
    code, text = cli(city_db, "packets", "--json")
    assert code == EXIT_OK
    log = json.loads(text)
    assert [e["status"] for e in log["log"]] == ["nothing", "merged"]
    assert log["offices"][0]["code"] == COUNTY and log["offices"][0]["last_sequence"] == 1
    # a county cannot import packets: refused, exit 3
    code, text = cli(county_db, "import-packet", str(tmp_path / "p.xlsx"))
    assert code == EXIT_REFUSED and "拒绝" in text
