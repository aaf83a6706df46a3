"""Merge rules that need the city's existing records: uniqueness across packets."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from db import maintenance
from db.connection import open_database
from desktop.ledger import Ledger, init_office
from desktop.packets.export import export_packet
from desktop.packets.importer import apply_import, plan_import

TODAY = date(2026, 11, 21)
RESOURCE = {"name": "行唐大枣", "attribute": "grown", "category": "primary_agri", "tier": "protect",
            "survey_date": "2024-05-01"}


def _ledger(path: Path, office: str) -> Ledger:
    db = open_database(path)
    init_office(db, office, clerk="测试员")
    return Ledger(db, today=lambda: TODAY)


def test_a_reinstalled_county_cannot_duplicate_a_record_the_city_already_has(tmp_path: Path) -> None:
    city = _ledger(tmp_path / "city.db", "130100")
    first = _ledger(tmp_path / "county.db", "130125")
    first.add("resource", RESOURCE)
    packet = export_packet(first, tmp_path / "p1.xlsx").path
    assert apply_import(city, plan_import(city, packet)).merged
    # The county's PC is rebuilt without a restore packet: a new file, a new key, the same
    # product typed again with a new id (R-130125-000001 again, or another number).
    second = _ledger(tmp_path / "county2.db", "130125")
    second.add("resource", {**RESOURCE, "tier": "cultivate"})
    second.add("resource", {**RESOURCE, "name": "行唐红薯"})
    packet2 = export_packet(second, tmp_path / "p2.xlsx").path
    before = maintenance.content_digest(city.db)
    plan = plan_import(city, packet2, re_enrol=True)
    # Re-enrolment starts a new series of packet numbers, but R-130125-000001 of the new file
    # is another record than the merged R-130125-000001 (other creation time): refused.
    assert plan.status == "refused"
    assert any("编号冲突" in p.reason_zh for p in plan.problems), [p.describe() for p in plan.problems]
    assert maintenance.content_digest(city.db) == before
    for ledger in (city, first, second):
        ledger.close()


def test_uniqueness_is_checked_against_merged_records_left_out_of_the_packet(tmp_path: Path) -> None:
    city = _ledger(tmp_path / "city.db", "130100")
    county = _ledger(tmp_path / "county.db", "130125")
    kept = county.add("resource", RESOURCE)
    assert apply_import(city, plan_import(city, export_packet(county, tmp_path / "a.xlsx").path)).merged
    # At the county the record is renamed and a new one takes the old name: both travel in the
    # next packet, so nothing clashes.
    county.edit("resource", kept.id, {"name": "行唐大枣（老品种）"})
    county.add("resource", RESOURCE)
    plan = plan_import(city, export_packet(county, tmp_path / "b.xlsx").path)
    assert plan.status == "merge", plan.refusals
    assert apply_import(city, plan).merged
    assert city.count("resource") == 2
    for ledger in (city, county):
        ledger.close()


def test_a_hand_added_row_cannot_duplicate_a_merged_record(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    city = _ledger(tmp_path / "city.db", "130100")
    county = _ledger(tmp_path / "county.db", "130125")
    county.add("resource", RESOURCE)
    county.add("resource", {**RESOURCE, "name": "行唐红薯"})
    assert apply_import(city, plan_import(city, export_packet(county, tmp_path / "a.xlsx").path)).merged
    county.add("resource", {**RESOURCE, "name": "行唐小米"})
    path = export_packet(county, tmp_path / "b.xlsx").path
    wb = load_workbook(path)
    ws = wb["普查资源"]
    ws.delete_rows(2)  # R-130125-000001 (行唐大枣) taken out by hand ...
    ws.cell(row=ws.max_row + 1, column=2, value="行唐大枣")  # ... and typed in again without an id
    headers = [c.value for c in ws[1]]
    for header, value in (("产品属性*", "种植/养殖产品"), ("产品类别*", "初级农产品"),
                          ("培育层级*", "保护"), ("填报日期*", "2024-05-01")):
        ws.cell(row=ws.max_row, column=headers.index(header) + 1, value=value)
    wb.save(path)
    before = maintenance.content_digest(city.db)
    plan = plan_import(city, path, accept_edited=True)
    assert plan.status == "refused"
    assert any("R-130125-000001" in p.reason_zh and p.column == "产品名称" for p in plan.problems), \
        [p.describe() for p in plan.problems]
    apply_import(city, plan)
    assert maintenance.content_digest(city.db) != before  # only the log and the audit row ...
    assert city.count("resource") == 2  # ... the registers are unchanged
    for ledger in (city, county):
        ledger.close()


def test_the_same_uscc_or_product_in_two_counties_is_reported_and_merged(tmp_path: Path) -> None:
    """Cross-county checks: a mark user whose USCC another county registered, a product name
    another county surveyed. Both are merged (two counties may rightly hold them) and the
    dry run and the merge name the other county and its record, in value order."""
    from tests.desktop.conftest import Make

    city = _ledger(tmp_path / "city.db", "130100")
    first = _ledger(tmp_path / "county.db", "130125")
    second = _ledger(tmp_path / "county2.db", "130126")
    make1, make2 = Make(first), Make(second)
    usccs = [Make.uscc(n) for n in (7, 3)]
    held = [make1.add("mark-user", uscc=u) for u in usccs]
    product = first.add("resource", RESOURCE)
    make1.add("mark-user", uscc=Make.uscc(11))  # in one county only
    assert apply_import(city, plan_import(city, export_packet(first, tmp_path / "a.xlsx").path)).merged
    for u in usccs:
        make2.add("mark-user", uscc=u)
    make2.add("mark-user", uscc=Make.uscc(12))
    second.add("resource", RESOURCE)
    second.add("resource", {**RESOURCE, "name": "灵寿金针菇"})
    packet = export_packet(second, tmp_path / "b.xlsx").path
    plan = plan_import(city, packet)
    cross = [w for w in plan.warnings if w.startswith("跨县核对")]
    by_value = sorted(zip(usccs, held, strict=True), key=lambda uh: uh[0])
    assert cross == [f"跨县核对：统一社会信用代码“{u}”在 130125 行唐县（{r.id}）也有登记 / "
                     f"cross-county: the same USCC in 130125" for u, r in by_value] + [
        f"跨县核对：产品名称“{RESOURCE['name']}”在 130125 行唐县（{product.id}）也有登记 / "
        f"cross-county: the same product name in 130125"], plan.warnings
    result = apply_import(city, plan)
    assert result.merged
    assert [w for w in result.plan.warnings if w.startswith("跨县核对")] == cross
    assert city.count("mark-user") == 6 and city.count("resource") == 3
    for ledger in (city, first, second):
        ledger.close()
