"""One level up: a city's consolidated packet (its own records and its units' statistics rows)
imported by its province under the county packet's rules, and the province's table summing
each city's units (desktop/packets/consolidated.py, desktop/city/rollup.py)."""

from __future__ import annotations

import io
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from db import audit, packets, records
from desktop import stats
from desktop.city import rollup as province
from desktop.city.units import rename_unit
from desktop.cli import EXIT_OK, main
from desktop.ledger import Ledger
from desktop.packets import consolidated
from desktop.packets.export import export_packet
from desktop.packets.importer import NOTHING, REFUSED, import_packet, plan_import
from desktop.packets.reader import read_packet
from desktop.packets.report import describe_plan
from desktop.registers import REGISTRY

from .test_packets_refusals import data_digest

AS_OF = "2023-12-31"
FIGURES = {  # county → (registered, well-known, GI trademarks, GI products, using the mark)
    "130102": (41000, 9, 2, 0, 0), "130104": (52000, 12, 1, 1, 1), "130105": (30000, 4, 0, 0, 0),
    "130202": (15000, 2, 3, 1, 0), "130203": (17000, 1, 0, 2, 1),
}
SJZ, TS = "130100", "130200"


def stats_values(code: str, as_of: str = AS_OF, bump: int = 0) -> dict[str, Any]:
    reg, famous, tm, gi, using = FIGURES[code]
    return {"as_of": as_of, "registered_trademarks": reg + bump, "well_known_marks": famous,
            "gi_trademarks": tm, "gi_products": gi, "gi_products_using_mark": using, "note": None}


def merge(into: Ledger, path: Path) -> None:
    result = import_packet(into, path)
    assert result.merged, describe_plan(result.plan)


class Province:
    """Counties → two cities → the province, each on its own file."""

    def __init__(self, new_office: Callable[..., Ledger], tmp_path: Path):
        self.tmp = tmp_path
        self.new_office = new_office
        self.counties = {code: new_office(code) for code in FIGURES}
        self.cities = {SJZ: new_office(SJZ), TS: new_office(TS)}
        self.province = new_office("130000")
        self.n = 0

    def path(self, name: str) -> Path:
        self.n += 1
        return self.tmp / f"{self.n:02d}_{name}.xlsx"

    def county_reports(self, code: str, **kw: Any) -> None:
        county = self.counties[code]
        stats.set_row(county, stats_values(code, **kw))
        merge(self.cities[code[:4] + "00"], export_packet(county, self.path(code)).path)

    def city_packet(self, city: str) -> Path:
        return export_packet(self.cities[city], self.path(city)).path


@pytest.fixture
def hebei(new_office: Callable[..., Ledger], tmp_path: Path) -> Province:
    world = Province(new_office, tmp_path)
    for code in FIGURES:
        world.county_reports(code)
    return world


def row_of(rows: list[province.RollupRow], code: str) -> province.RollupRow:
    return next(r for r in rows if r.code == code)


def test_province_sums_each_citys_units(hebei: Province) -> None:
    for city in (SJZ, TS):
        merge(hebei.province, hebei.city_packet(city))
    rows = province.rollup(hebei.province, AS_OF)
    assert [r.code for r in rows][:2] == [SJZ, TS] and len(rows) == 11  # the province's cities, in order
    sjz, ts = row_of(rows, SJZ), row_of(rows, TS)
    assert (sjz.registered_trademarks, sjz.well_known_marks, sjz.gi_trademarks, sjz.gi_products,
            sjz.gi_products_using_mark) == (123000, 25, 3, 1, 1)
    assert (ts.registered_trademarks, ts.well_known_marks, ts.gi_trademarks, ts.gi_products,
            ts.gi_products_using_mark) == (32000, 3, 3, 3, 1)
    assert [s.office_code for s in sjz.counted] == ["130102", "130104", "130105"]
    # The units that did not report are named, in the city's order (石家庄: the seed's 22 units)
    assert len(sjz.units) == 22 and len(sjz.missing) == 19 and "130171" in sjz.missing
    assert sjz.missing[:2] == ("130108", "130171") and sjz.missing_names[:2] == ("裕华区", "高新区")
    assert sjz.note.startswith("19个单位未报送：裕华区、高新区")
    assert "130202" not in ts.missing and "130204" in ts.missing
    # A city without a packet is blank, never zero
    other = row_of(rows, "130300")
    assert other.source is None and other.registered_trademarks is None and other.note == "未报送"
    assert province.total(rows) == {"registered_trademarks": 155000, "well_known_marks": 28,
                                    "gi_trademarks": 6, "gi_products": 4, "gi_products_using_mark": 2}
    # The source: the city packet that brought them
    sent = packets.last_sent(hebei.cities[SJZ].db, SJZ)
    assert sent is not None and sjz.source is not None
    assert (sjz.source.sequence, sjz.source.content_hash) == (1, sent.content_hash)
    assert sjz.source.fingerprint == packets.pinned(hebei.province.db, SJZ).key_fingerprint
    assert sjz.source.exported_at and sjz.source.received_at and Path(sjz.source.file or "").is_file()


def test_the_latest_row_on_or_before_the_date_and_the_citys_own_list(hebei: Province) -> None:
    hebei.county_reports("130102", as_of="2024-12-31", bump=1000)  # a later row as well
    rename_unit(hebei.cities[TS], "130202", "路南")  # 唐山 keeps its own list now: it travels up
    for city in (SJZ, TS):
        merge(hebei.province, hebei.city_packet(city))
    assert row_of(province.rollup(hebei.province, AS_OF), SJZ).registered_trademarks == 123000
    later = province.rollup(hebei.province, "2024-12-31")
    assert row_of(later, SJZ).registered_trademarks == 124000
    assert [u.name for u in row_of(later, TS).units][:2] == ["路南", "路北区"]
    # The province's own list of cities is untouched by the cities' unit records
    assert len(later) == 11


def test_city_packet_is_the_consolidated_view(hebei: Province) -> None:
    city = hebei.cities[SJZ]
    hebei.counties["130102"].add("plan", {"name": "县里的计划", "year": 2026, "sample_count": 1})
    hebei.county_reports("130102")  # the county's plan is merged at the city too
    rename_unit(city, "130171", "高新技术产业开发区")  # the city's own records: its unit list
    out = io.StringIO()
    target = hebei.tmp / "city.xlsx"
    assert main(["--db", str(city.path), "export-packet", "-o", str(target)], out=out) == EXIT_OK
    packet = read_packet(target)
    owners = {(kind, r.office_code) for kind, rows in packet.rows.items() for r in rows}
    assert {o for k, o in owners if k == "stats"} == {"130102", "130104", "130105"}
    assert {o for k, o in owners if k != "stats"} == {SJZ}  # no other record of a county
    assert len(packet.rows["unit"]) == 22
    assert packet.meta["office"] == SJZ and packet.meta["from_level"] == "city"


def test_a_city_packet_claiming_another_citys_county_is_refused(hebei: Province) -> None:
    city = hebei.cities[SJZ]
    # A stats row of 唐山's 路南区 in 石家庄's database (it could not have merged it: put by hand)
    stray = next(hebei.cities[TS].db["county_stats"].rows_where("office_code = ?", ["130202"]))
    city.db["county_stats"].insert(stray)
    path = hebei.city_packet(SJZ)
    before = data_digest(hebei.province.db)
    plan = import_packet(hebei.province, path).plan
    assert plan.status == REFUSED
    report = describe_plan(plan)
    assert "路南区（130202）" in report and "不是 石家庄市（130100） 的下级单位" in report
    assert "not a unit of 130100" in report
    assert data_digest(hebei.province.db) == before


def test_a_county_record_other_than_statistics_is_refused(hebei: Province,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    """A city packet carrying a county's record of another register (signed, so sent as such)."""
    hebei.counties["130102"].add("plan", {"name": "县里的计划", "year": 2026, "sample_count": 1})
    hebei.county_reports("130102")
    real = consolidated.packet_records

    def with_county_plans(ledger: Ledger) -> dict[str, Any]:
        out = real(ledger)
        out["plan"] = lambda: records.find(ledger.db, REGISTRY["plan"].table, include_deleted=True)
        return out

    monkeypatch.setattr(consolidated, "packet_records", with_county_plans)
    path = hebei.city_packet(SJZ)
    monkeypatch.setattr(consolidated, "packet_records", real)
    plan = import_packet(hebei.province, path).plan
    assert plan.status == REFUSED
    report = describe_plan(plan)
    assert "长安区（130102）" in report and "只带下级单位的统计表" in report
    assert records.count(hebei.province.db, "county_stats") == 0


def test_a_replayed_city_packet_changes_nothing(hebei: Province) -> None:
    path = hebei.city_packet(SJZ)
    merge(hebei.province, path)
    before = data_digest(hebei.province.db)
    again = import_packet(hebei.province, path)
    assert not again.merged and again.plan.status == NOTHING
    assert data_digest(hebei.province.db) == before
    # A later packet brings the counties' later revisions (one writer per record: the county's)
    hebei.county_reports("130104", bump=500)
    merge(hebei.province, hebei.city_packet(SJZ))
    row = row_of(province.rollup(hebei.province, AS_OF), SJZ)
    assert row.registered_trademarks == 123500 and row.source is not None and row.source.sequence == 2
    # A row the county deleted is deleted one level up (its tombstone travels in both packets)
    county = hebei.counties["130105"]
    gone = next(county.list("stats"))
    county.delete("stats", gone.id, expected_revision=gone.revision)
    merge(hebei.cities[SJZ], export_packet(county, hebei.path("130105")).path)
    merge(hebei.province, hebei.city_packet(SJZ))
    row = row_of(province.rollup(hebei.province, AS_OF), SJZ)
    assert row.registered_trademarks == 93500 and "130105" in row.missing
    # An older city packet is refused (sequence only goes up)
    plan = plan_import(hebei.province, path)
    assert plan.status == REFUSED and "早于" in describe_plan(plan)


def test_a_county_packet_sent_to_the_province_is_refused(hebei: Province) -> None:
    county = hebei.counties["130102"]
    path = export_packet(county, hebei.path("direct")).path
    plan = import_packet(hebei.province, path).plan
    assert plan.status == REFUSED
    report = describe_plan(plan)
    assert "130102 长安区 不是本单位（河北省）的下级单位" in report
    assert "应报送 石家庄市（130100）" in report and "go to 130100" in report
    assert records.count(hebei.province.db, "county_stats") == 0


def test_the_audit_names_the_city_packet(hebei: Province) -> None:
    path = hebei.city_packet(SJZ)
    out = io.StringIO()
    assert main(["--db", str(hebei.province.path), "import-packet", "--dry-run", str(path)], out=out) == EXIT_OK
    assert main(["--db", str(hebei.province.path), "import-packet", str(path)], out=out) == EXIT_OK
    assert "石家庄市（130100） 第 1 号数据包" in out.getvalue()
    entries = [e for e in audit.recent(hebei.province.db, 1000) if e.action == "packet-merged"]
    assert len(entries) == 1
    after = entries[0].after or {}
    assert after["office"] == SJZ and after["sequence"] == 1 and after["file"] == path.name
    assert after["stats"]["new"] == 3


def test_the_province_never_edits_the_counties_rows(hebei: Province) -> None:
    from desktop.ledger import NotOwner

    merge(hebei.province, hebei.city_packet(SJZ))
    row = next(hebei.province.list("stats"))
    with pytest.raises(NotOwner):
        hebei.province.edit("stats", row.id, {"note": "省里改的"}, expected_revision=row.revision)


def test_the_rollup_is_made_at_a_province_only(hebei: Province) -> None:
    with pytest.raises(province.RollupError, match="province"):
        province.rollup(hebei.cities[SJZ], AS_OF)


def test_the_province_table_is_the_rollup(hebei: Province, tmp_path: Path) -> None:
    """The province's 统计表 (the city table one level up, units = cities) shows each city's
    roll-up: the same figures, the missing units named, a city without a packet 未报送 and left
    out of 全省, and the city packet as the source."""
    import openpyxl

    from desktop.city import table

    for city in (SJZ, TS):
        merge(hebei.province, hebei.city_packet(city))
    rolled = {r.code: r for r in province.rollup(hebei.province, AS_OF)}
    t = table.compute(hebei.province, date.fromisoformat(AS_OF))
    assert t.unit_header == "各市" and [r.code for r in t.rows] == list(rolled)
    for row in t.rows:
        r = rolled[row.code]
        if r.source is None:
            assert row.missing and row.note == "未报送" and all(v is None for v in row.figures.values())
            continue
        assert not row.missing and dict(row.figures) == r.figures
        assert row.note.startswith(r.note)
        assert row.source is not None and row.source.packet_sequence == r.source.sequence
        assert row.source.content_hash == r.source.content_hash
        assert row.source.stats_id.split("、") == [s.id for s in r.counted]
    assert dict(t.total) == province.total(list(rolled.values()))
    out = tmp_path / "province.xlsx"
    table.write(t, out)
    ws = openpyxl.load_workbook(out)["统计表"]
    names = [ws.cell(r, 2).value for r in range(1, ws.max_row + 1)]
    assert "石家庄市" in names and names[-1] == "全省"
    last = [ws.cell(ws.max_row, c).value for c in range(3, 8)]
    assert last == [155000, 28, 6, 4, 2]
