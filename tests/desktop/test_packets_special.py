"""Receipts, restore packets and reference packets (desktop.packets.special) and their commands.

The county is 130125 行唐县 (the ``ledger``/``make`` fixtures); its city is 130100 石家庄市.
A foreign city is 130200 唐山市; another county of 石家庄 is 130126 灵寿县.
"""

from __future__ import annotations

import io
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from db import packets, records
from db.connection import open_database
from desktop.cli import EXIT_OK, EXIT_REFUSED, EXIT_USAGE, main
from desktop.ledger import Ledger, NotOwner, init_office
from desktop.packets import format as fmt
from desktop.packets import special
from desktop.packets.export import export_packet
from desktop.packets.importer import MERGE, NOTHING, REFUSED, apply_import, plan_import
from desktop.packets.reader import PacketRefused, read_packet

# ---- helpers ----------------------------------------------------------------------------------

@pytest.fixture
def office_ledger(tmp_path: Path, make: Any) -> Iterator[Callable[..., Ledger]]:
    """``office_ledger(code, folder)`` → a Ledger on a fresh file ``folder/office.db``."""
    opened: list[Ledger] = []

    def create(code: str, folder: str) -> Ledger:
        path = tmp_path / folder / "office.db"
        path.parent.mkdir(parents=True, exist_ok=True)
        db = open_database(path)
        init_office(db, code, clerk="测试员")
        led = Ledger(db, today=lambda: make.today, path=path)
        opened.append(led)
        return led

    yield create
    for led in opened:
        led.close()


@pytest.fixture
def city(office_ledger: Callable[..., Ledger]) -> Ledger:
    return office_ledger("130100", "city")


def maker(make: Any, led: Ledger) -> Any:
    """conftest's record builder for another ledger."""
    other = type(make)(led)
    other._n = 500  # other names, numbers and USCCs than the county's
    return other


def merge(city: Ledger, path: Path, **kw: Any) -> Any:
    plan = plan_import(city, path, **kw)
    return apply_import(city, plan).plan


def snapshot(led: Ledger, office: str) -> dict[str, list[records.StoredRecord]]:
    return {k.key: list(records.find(led.db, k.table, include_deleted=True, office_code=office))
            for k in fmt.packet_kinds()}


def log_rows(led: Ledger, direction: str) -> list[packets.PacketLogEntry]:
    return [e for e in packets.packet_log(led.db) if e.direction == direction]


def county_with_records(make: Any) -> None:
    """A few records of every common sort, including a tombstone and an edit."""
    res = make.add("resource")
    make.add("candidate", resource_id=res.id)
    gone = make.add("resource")
    make.ledger.delete("resource", gone.id)
    user = make.add("mark-user")
    make.ledger.edit("mark-user", user.id, {"name": "改名企业"}, expected_revision=user.revision)
    make.add("annual-report", mark_user_id=user.id)


@dataclass
class Result:
    code: int
    out: str
    err: str

    def json(self) -> Any:
        return json.loads(self.out)


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str]) -> Callable[..., Result]:
    """``cli(db, *argv)`` runs ``giledger --db DB argv`` in-process."""

    def run(db: Path, *argv: str) -> Result:
        out = io.StringIO()
        code = main(["--db", str(db), *argv], out=out)
        captured = capsys.readouterr()
        assert "Traceback" not in captured.err and "Traceback" not in out.getvalue()
        assert captured.out == ""
        return Result(code, out.getvalue(), captured.err)

    return run


# ---- receipts -----------------------------------------------------------------------------------

def test_receipt_round_trip_through_the_command_line(cli: Callable[..., Result], tmp_path: Path) -> None:
    county, city_db = tmp_path / "county" / "c.db", tmp_path / "city" / "m.db"
    county.parent.mkdir()
    city_db.parent.mkdir()
    assert cli(county, "init", "--office", "130125").code == EXIT_OK
    assert cli(city_db, "init", "--office", "130100").code == EXIT_OK
    r = cli(county, "add", "resource", "--set", "name=行唐大枣", "--set", "attribute=种植/养殖产品",
            "--set", "category=初级农产品", "--set", "tier=培育", "--set", "survey_date=2024-05-01")
    assert r.code == EXIT_OK, r.err
    packet, receipt = tmp_path / "p1.xlsx", tmp_path / "receipt.xlsx"
    assert cli(county, "export-packet", "-o", str(packet)).code == EXIT_OK
    assert cli(city_db, "import-packet", str(packet)).code == EXIT_OK

    r = cli(city_db, "receipt", str(packet), "-o", str(receipt))
    assert r.code == EXIT_OK, r.err
    assert "已合并 / packet 1: merged" in r.out and str(receipt) in r.out
    made = read_packet(receipt)
    assert made.signature_ok and not made.edited and made.total_rows() == 0
    meta = made.meta
    assert meta["packet_kind"] == "receipt" and meta["for_office"] == "130125"
    assert meta["for_sequence"] == 1 and meta["status"] == "merged" and meta["received_at"]
    assert meta["for_content_hash"] == read_packet(packet).meta["content_hash"]
    city_log = cli(city_db, "packets", "--json").json()["log"]
    assert any(e["direction"] == "receipt" and e["status"] == "exported" and e["office_code"] == "130125"
               for e in city_log)

    r = cli(county, "import-packet", str(receipt))
    assert r.code == EXIT_OK, r.out + r.err
    assert "已合并" in r.out and "公钥指纹 / key fingerprint" in r.out
    info = cli(county, "packets", "--json").json()
    sent = [e for e in info["log"] if e["direction"] == "sent"]
    assert len(sent) == 1 and sent[0]["status"] == "receipted" and sent[0]["detail"]["receipt_at"]
    got = [e for e in info["log"] if e["direction"] == "receipt"]
    assert got[0]["status"] == "receipted" and got[0]["detail"]["result"] == "merged"
    assert got[0]["sequence"] == 1 and got[0]["office_code"] == "130125"
    city_pin = [o for o in info["offices"] if o["code"] == "130100"]
    assert city_pin and city_pin[0]["key_fingerprint"] == meta["fingerprint"]

    r = cli(county, "import-packet", str(receipt))  # again: nothing to do
    assert r.code == EXIT_OK and "无需导入" in r.out


def test_receipt_says_refused_with_the_reasons(make: Any, ledger: Ledger, city: Ledger,
                                                office_ledger: Callable[..., Ledger],
                                                tmp_path: Path) -> None:
    make.add("resource")
    first = export_packet(ledger, tmp_path / "a1.xlsx")
    assert merge(city, first.path).status == MERGE
    other = office_ledger("130125", "other-pc")  # the same county on another PC: another key
    maker(make, other).add("resource")
    second = export_packet(other, tmp_path / "b2.xlsx")
    assert merge(city, second.path).status == REFUSED
    receipt = special.export_receipt(city, second.path, tmp_path / "r.xlsx")
    assert receipt.status == "refused"
    meta = read_packet(receipt.path).meta
    assert meta["status"] == "refused" and any("另一把密钥" in r for r in meta["reasons"])
    result = special.import_receipt(other, receipt.path)
    assert result.status == MERGE and result.receipt_status == "refused"
    text = special.describe_special(result)
    assert "拒绝导入" in text and "另一把密钥" in text
    assert packets.last_sent(other.db, "130125").status == "receipted"


def test_receipt_refused_for_a_packet_not_imported(make: Any, ledger: Ledger, city: Ledger,
                                                   tmp_path: Path) -> None:
    make.add("resource")
    exported = export_packet(ledger, tmp_path / "p.xlsx")
    with pytest.raises(PacketRefused) as info:
        special.make_receipt(city, exported.path, tmp_path / "r.xlsx")
    assert "尚未导入" in info.value.zh and "import it first" in info.value.en
    assert not (tmp_path / "r.xlsx").exists() and log_rows(city, "receipt") == []


def test_receipt_from_a_foreign_city_refused(make: Any, ledger: Ledger,
                                             office_ledger: Callable[..., Ledger], tmp_path: Path) -> None:
    make.add("resource")
    exported = export_packet(ledger, tmp_path / "p.xlsx")
    foreign = office_ledger("130200", "tangshan")  # 唐山: not 行唐's city
    assert merge(foreign, exported.path).status == REFUSED  # logged as received, refused
    receipt = special.make_receipt(foreign, exported.path, tmp_path / "r.xlsx")
    result = special.import_receipt(ledger, receipt)
    assert result.status == REFUSED
    assert any("不是本单位" in r and "not this office's parent" in r for r in result.refusals)
    assert packets.last_sent(ledger.db, "130125").status == "exported"
    assert packets.pinned(ledger.db, "130200") is None


def test_receipt_for_another_county_or_packet_refused(make: Any, ledger: Ledger, city: Ledger,
                                                      office_ledger: Callable[..., Ledger],
                                                      tmp_path: Path) -> None:
    lingshou = office_ledger("130126", "lingshou")
    maker(make, lingshou).add("resource")
    theirs = export_packet(lingshou, tmp_path / "l.xlsx")
    assert merge(city, theirs.path).status == MERGE
    receipt = special.make_receipt(city, theirs.path, tmp_path / "rl.xlsx")
    result = special.import_receipt(ledger, receipt)
    assert result.status == REFUSED and any("130126" in r for r in result.refusals)

    make.add("resource")
    ours = export_packet(ledger, tmp_path / "x.xlsx")
    assert merge(city, ours.path).status == MERGE
    receipt = special.make_receipt(city, ours.path, tmp_path / "rx.xlsx")
    rebuilt = office_ledger("130125", "rebuilt")  # never sent packet 1
    result = special.import_receipt(rebuilt, receipt)
    assert result.status == REFUSED and any("没有发出过第 1 号" in r for r in result.refusals)

    make.add("resource")
    export_packet(ledger, tmp_path / "y.xlsx")  # sent 2, but receipts for 1 still match 1 only
    assert special.import_receipt(ledger, receipt).status == MERGE


def test_receipt_signed_by_a_new_city_key_needs_re_enrol(make: Any, ledger: Ledger, city: Ledger,
                                                         office_ledger: Callable[..., Ledger],
                                                         tmp_path: Path) -> None:
    make.add("resource")
    exported = export_packet(ledger, tmp_path / "p.xlsx")
    assert merge(city, exported.path).status == MERGE
    receipt = special.make_receipt(city, exported.path, tmp_path / "r1.xlsx")
    assert special.import_receipt(ledger, receipt).status == MERGE
    new_city = office_ledger("130100", "city-rebuilt")
    assert merge(new_city, exported.path).status == MERGE
    receipt = special.make_receipt(new_city, exported.path, tmp_path / "r2.xlsx")
    result = special.import_receipt(ledger, receipt)
    assert result.status == REFUSED and any("--re-enrol" in r for r in result.refusals)
    result = special.import_receipt(ledger, receipt, re_enrol=True)
    assert result.status == MERGE
    assert packets.pinned(ledger.db, "130100").key_fingerprint == result.fingerprint


# ---- restore ------------------------------------------------------------------------------------

def test_restore_round_trip(make: Any, ledger: Ledger, city: Ledger, office_ledger: Callable[..., Ledger],
                            tmp_path: Path) -> None:
    county_with_records(make)
    assert merge(city, export_packet(ledger, tmp_path / "p1.xlsx").path).status == MERGE
    make.add("plan")
    last = export_packet(ledger, tmp_path / "p2.xlsx")
    assert merge(city, last.path).status == MERGE

    restore = special.make_restore_packet(city, "130125", tmp_path / "restore.xlsx")
    assert restore.sequence == 2 and restore.rows == sum(len(v) for v in snapshot(city, "130125").values())
    meta = read_packet(restore.path).meta
    assert meta["packet_kind"] == "restore" and meta["office"] == "130125"
    assert meta["from_office"] == "130100" and meta["merged_content_hash"] == last.content_hash
    assert any(e.direction == "restore" and e.office_code == "130125" for e in packets.packet_log(city.db))

    # the county's disk fails: a new file, `giledger init --office 130125`, import the restore
    rebuilt = office_ledger("130125", "rebuilt")
    dry = special.import_special(rebuilt, restore.path, dry_run=True)
    assert dry.status == MERGE and all(not v for v in snapshot(rebuilt, "130125").values())
    result = special.import_special(rebuilt, restore.path)
    assert result.status == MERGE, result.refusals
    assert snapshot(rebuilt, "130125") == snapshot(city, "130125")
    assert result.next_sequence == 3 and result.own_fingerprint
    assert result.own_fingerprint != last.fingerprint
    text = special.describe_special(result)
    assert result.own_fingerprint in text and "--re-enrol" in text

    # numbering continues: ids and packets
    new_res = maker(make, rebuilt).add("resource")
    assert new_res.id == "R-130125-000003"  # resources 1 and 2 (a tombstone) came back
    nxt = export_packet(rebuilt, tmp_path / "p3.xlsx")
    assert nxt.sequence == 3
    assert read_packet(nxt.path).meta["previous_hash"] == last.content_hash

    # the city sees a new key: refused until re-enrolled, then merged
    plan = merge(city, nxt.path)
    assert plan.status == REFUSED and any("--re-enrol" in r for r in plan.refusals)
    plan = merge(city, nxt.path, re_enrol=True)
    assert plan.status == MERGE, plan.refusals
    assert plan.summaries["resource"].new == [new_res.id]
    assert not [w for w in plan.warnings if "上一数据包" in w]
    assert packets.pinned(city.db, "130125").key_fingerprint == result.own_fingerprint


def test_restore_cancelled_writes_nothing(make: Any, ledger: Ledger, city: Ledger,
                                         office_ledger: Callable[..., Ledger], tmp_path: Path) -> None:
    from desktop.jobs import Cancelled

    county_with_records(make)
    assert merge(city, export_packet(ledger, tmp_path / "p.xlsx").path).status == MERGE
    restore = special.make_restore_packet(city, "130125", tmp_path / "restore.xlsx")
    rebuilt = office_ledger("130125", "rebuilt")
    with pytest.raises(Cancelled):
        special.import_restore(rebuilt, restore.path, cancelled=lambda: True)
    assert all(not v for v in snapshot(rebuilt, "130125").values())
    assert packets.packet_log(rebuilt.db) == [] and packets.pinned(rebuilt.db, "130100") is None
    assert packets.get_key(rebuilt.db, "130125") is None
    assert special.import_restore(rebuilt, restore.path).status == MERGE


def test_restore_refused_into_a_database_with_records(make: Any, ledger: Ledger, city: Ledger,
                                                      tmp_path: Path) -> None:
    make.add("resource")
    assert merge(city, export_packet(ledger, tmp_path / "p.xlsx").path).status == MERGE
    restore = special.make_restore_packet(city, "130125", tmp_path / "restore.xlsx")
    before = snapshot(ledger, "130125")
    result = special.import_restore(ledger, restore.path)
    assert result.status == REFUSED and any("已有本单位的记录" in r for r in result.refusals)
    assert snapshot(ledger, "130125") == before
    assert packets.last_sent(ledger.db, "130125").sequence == 1


def test_restore_refused_into_another_offices_database(make: Any, ledger: Ledger, city: Ledger,
                                                       office_ledger: Callable[..., Ledger],
                                                       tmp_path: Path) -> None:
    make.add("resource")
    assert merge(city, export_packet(ledger, tmp_path / "p.xlsx").path).status == MERGE
    restore = special.make_restore_packet(city, "130125", tmp_path / "restore.xlsx")
    lingshou = office_ledger("130126", "lingshou")
    result = special.import_restore(lingshou, restore.path)
    assert result.status == REFUSED and any("130125" in r and "130126" in r for r in result.refusals)
    assert all(not v for v in snapshot(lingshou, "130125").values())
    result = special.import_restore(city, restore.path)  # the city's own file: not its packet either
    assert result.status == REFUSED


def test_restore_not_from_the_parent_refused(make: Any, ledger: Ledger,
                                             office_ledger: Callable[..., Ledger], tmp_path: Path) -> None:
    make.add("resource")
    exported = export_packet(ledger, tmp_path / "p.xlsx")
    # a receipt or a county packet offered as a restore packet
    rebuilt = office_ledger("130125", "rebuilt")
    result = special.import_restore(rebuilt, exported.path)
    assert result.status == REFUSED and any("县级报送数据包" in r for r in result.refusals)


def test_restore_carries_the_city_records_the_county_uses(make: Any, ledger: Ledger, city: Ledger,
                                                          office_ledger: Callable[..., Ledger],
                                                          tmp_path: Path) -> None:
    city_gi = maker(make, city).add("gi")
    reference = special.make_reference_packet(city, tmp_path / "ref.xlsx")
    assert special.import_reference(ledger, reference.path).status == MERGE
    user = make.add("mark-user", gi_id=city_gi.id)
    assert merge(city, export_packet(ledger, tmp_path / "p.xlsx").path).status == MERGE
    restore = special.make_restore_packet(city, "130125", tmp_path / "restore.xlsx")
    assert any("1 条记录" in n for n in restore.notes)

    rebuilt = office_ledger("130125", "rebuilt")  # no reference packet imported first
    result = special.import_restore(rebuilt, restore.path)
    assert result.status == MERGE, result.refusals + [p.describe() for p in result.problems]
    assert rebuilt.get("mark-user", user.id).values["gi_id"] == city_gi.id
    held = rebuilt.get("gi", city_gi.id)
    assert held.office_code == "130100" and held.revision == city_gi.revision
    assert snapshot(rebuilt, "130125") == snapshot(city, "130125")
    with pytest.raises(NotOwner):
        rebuilt.edit("gi", city_gi.id, {"holder": "某协会"})
    # the reference packet afterwards changes nothing
    again = special.import_reference(rebuilt, tmp_path / "ref.xlsx")
    assert again.status == MERGE and again.counts["gi"]["unchanged"] == 1


def test_restore_packet_refused_for_an_office_not_below_or_not_merged(city: Ledger, tmp_path: Path) -> None:
    with pytest.raises(PacketRefused) as info:
        special.make_restore_packet(city, "130225", tmp_path / "x.xlsx")  # 唐山's county
    assert "不是本单位" in info.value.zh
    with pytest.raises(PacketRefused) as info:
        special.make_restore_packet(city, "130125", tmp_path / "x.xlsx")
    assert "尚未合并过" in info.value.zh
    assert not (tmp_path / "x.xlsx").exists()


# ---- reference ----------------------------------------------------------------------------------

def test_reference_packet_gives_counties_the_city_records(make: Any, ledger: Ledger, city: Ledger,
                                                          tmp_path: Path) -> None:
    city_make = maker(make, city)
    gi = city_make.add("gi", name="赵州雪梨")
    city_make.add("plan")
    ref = special.make_reference_packet(city, tmp_path / "ref1.xlsx")
    assert ref.sequence == 1 and ref.rows == 2 and ref.office == "130100"
    meta = read_packet(ref.path).meta
    assert meta["packet_kind"] == "reference" and meta["office"] == "130100"

    result = special.import_reference(ledger, ref.path)
    assert result.status == MERGE, result.refusals
    assert result.counts["gi"]["new"] == 1 and result.counts["plan"]["new"] == 1
    held = ledger.get("gi", gi.id)
    assert held.office_code == "130100" and held.values["name"] == "赵州雪梨"
    assert packets.pinned(ledger.db, "130100").last_sequence == 1

    user = ledger.add("mark-user", make.values("mark-user", gi_id=gi.id))
    assert user.values["gi_id"] == gi.id and user.office_code == "130125"
    with pytest.raises(NotOwner):
        ledger.edit("gi", gi.id, {"holder": "某协会"})
    with pytest.raises(NotOwner):
        ledger.delete("gi", gi.id)
    exported = export_packet(ledger, tmp_path / "county.xlsx")  # city records never go back up
    assert all(r.office_code == "130125" for rows in read_packet(exported.path).rows.values() for r in rows)
    assert merge(city, exported.path).status == MERGE  # the city knows its own GI

    # same again: nothing; a newer one: changes; the older one after it: refused
    assert special.import_reference(ledger, ref.path).status == NOTHING
    city.edit("gi", gi.id, {"holder": "赵县梨协会"})
    ref2 = special.make_reference_packet(city, tmp_path / "ref2.xlsx")
    assert ref2.sequence == 2
    result = special.import_reference(ledger, ref2.path)
    assert result.status == MERGE and result.counts["gi"]["changed"] == 1
    assert ledger.get("gi", gi.id).values["holder"] == "赵县梨协会"
    assert any(e.action == "reference-update" for e in ledger.history(gi.id))
    old = special.import_reference(ledger, ref.path)
    assert old.status == REFUSED and any("早于" in r for r in old.refusals)
    assert ledger.get("gi", gi.id).values["holder"] == "赵县梨协会"


def test_reference_rows_about_another_county_are_left_out(make: Any, ledger: Ledger, city: Ledger,
                                                          office_ledger: Callable[..., Ledger],
                                                          tmp_path: Path) -> None:
    lingshou = office_ledger("130126", "lingshou")
    their_user = maker(make, lingshou).add("mark-user")
    assert merge(city, export_packet(lingshou, tmp_path / "l.xlsx").path).status == MERGE
    our_user = make.add("mark-user")
    assert merge(city, export_packet(ledger, tmp_path / "x.xlsx").path).status == MERGE
    city_make = maker(make, city)
    theirs = city_make.add("inspection", mark_user_id=their_user.id)
    ours = city_make.add("inspection", mark_user_id=our_user.id)

    result = special.import_reference(ledger, special.make_reference_packet(city, tmp_path / "ref.xlsx").path)
    assert result.status == MERGE, result.refusals + [p.describe() for p in result.problems]
    assert result.counts["inspection"] == {"new": 1, "changed": 0, "deleted": 0, "unchanged": 0, "left_out": 1}
    assert ledger.get("inspection", ours.id).office_code == "130100"
    assert records.get(ledger.db, "inspections", theirs.id) is None
    assert any("未导入" in w for w in result.warnings)


def test_reference_needing_county_records_refused_on_a_rebuilt_file(make: Any, ledger: Ledger, city: Ledger,
                                                                    office_ledger: Callable[..., Ledger],
                                                                    tmp_path: Path) -> None:
    user = make.add("mark-user")
    assert merge(city, export_packet(ledger, tmp_path / "x.xlsx").path).status == MERGE
    maker(make, city).add("inspection", mark_user_id=user.id)
    ref = special.make_reference_packet(city, tmp_path / "ref.xlsx")
    rebuilt = office_ledger("130125", "rebuilt")
    result = special.import_reference(rebuilt, ref.path)
    assert result.status == REFUSED and any("先导入恢复数据包" in r for r in result.refusals)
    assert packets.pinned(rebuilt.db, "130100") is None  # nothing written, not even the pin
    restore = special.make_restore_packet(city, "130125", tmp_path / "restore.xlsx")
    assert special.import_restore(rebuilt, restore.path).status == MERGE
    assert special.import_reference(rebuilt, ref.path).status == MERGE


def test_reference_edited_after_export_refused(make: Any, ledger: Ledger, city: Ledger, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    maker(make, city).add("gi", name="赵州雪梨")
    ref = special.make_reference_packet(city, tmp_path / "ref.xlsx")
    wb = load_workbook(ref.path)
    ws = wb["已保护地理标志"]
    column = [c.value for c in ws[1]].index("地理标志名称*") + 1
    ws.cell(row=2, column=column).value = "改过的名称"
    wb.save(ref.path)
    result = special.import_reference(ledger, ref.path)
    assert result.status == REFUSED and any("被修改" in r for r in result.refusals)
    assert ledger.count("gi", include_deleted=True) == 0
    assert packets.pinned(ledger.db, "130100") is None


def test_reference_packet_not_made_by_a_county(ledger: Ledger, tmp_path: Path) -> None:
    with pytest.raises(PacketRefused):
        special.make_reference_packet(ledger, tmp_path / "ref.xlsx")


def test_peek_kind(make: Any, ledger: Ledger, tmp_path: Path) -> None:
    make.add("resource")
    exported = export_packet(ledger, tmp_path / "p.xlsx")
    assert special.peek_kind(exported.path) == "county"
    junk = tmp_path / "junk.xlsx"
    junk.write_bytes(b"not a zip")
    assert special.peek_kind(junk) is None
    assert special.peek_kind(tmp_path / "missing.xlsx") is None


# ---- the commands -------------------------------------------------------------------------------

def test_commands_exit_codes(cli: Callable[..., Result], tmp_path: Path) -> None:
    county, city_db = tmp_path / "county" / "c.db", tmp_path / "city" / "m.db"
    county.parent.mkdir()
    city_db.parent.mkdir()
    assert cli(county, "init", "--office", "130125").code == EXIT_OK
    assert cli(city_db, "init", "--office", "130100").code == EXIT_OK
    assert cli(county, "add", "plan", "--set", "name=抽查计划", "--set", "year=2026",
               "--set", "sample_count=3").code == EXIT_OK
    packet = tmp_path / "p1.xlsx"
    assert cli(county, "export-packet", "-o", str(packet)).code == EXIT_OK

    # before the city has the packet
    r = cli(city_db, "receipt", str(packet), "-o", str(tmp_path / "r.xlsx"))
    assert r.code == EXIT_REFUSED and "尚未导入" in r.err and "import it first" in r.err
    r = cli(city_db, "restore-packet", "--office", "130125", "-o", str(tmp_path / "restore.xlsx"))
    assert r.code == EXIT_REFUSED and "尚未合并过" in r.err
    r = cli(city_db, "restore-packet", "--office", "130225", "-o", str(tmp_path / "restore.xlsx"))
    assert r.code == EXIT_REFUSED and "130225" in r.err
    assert cli(city_db, "restore-packet", "-o", "x.xlsx").code == EXIT_USAGE
    assert cli(city_db, "receipt").code == EXIT_USAGE
    r = cli(county, "reference-packet", "-o", str(tmp_path / "ref.xlsx"))
    assert r.code == EXIT_REFUSED and "县级单位" in r.err
    junk = tmp_path / "junk.xlsx"
    junk.write_bytes(b"not a zip")
    assert cli(city_db, "receipt", str(junk)).code == EXIT_REFUSED

    assert cli(city_db, "import-packet", str(packet)).code == EXIT_OK
    r = cli(city_db, "receipt", str(packet), "-o", str(tmp_path / "r.xlsx"))
    assert r.code == EXIT_OK
    r = cli(city_db, "restore-packet", "--office", "130125", "-o", str(tmp_path / "restore.xlsx"))
    assert r.code == EXIT_OK and "恢复至第 1 号" in r.out and "--re-enrol" in r.out
    r = cli(city_db, "reference-packet", "-o", str(tmp_path / "ref.xlsx"))
    assert r.code == EXIT_OK and "第 1 号参考数据包" in r.out and "0 条记录" in r.out
    r = cli(city_db, "reference-packet")  # default name beside the database
    assert r.code == EXIT_OK and "第 2 号参考数据包" in r.out
    assert list((city_db.parent / "packets" / "sent").glob("130100_石家庄市_参考数据包_0002_*.xlsx"))

    # at the county: import-packet takes all three; a county packet is still the city's to import
    r = cli(county, "import-packet", str(tmp_path / "r.xlsx"), str(tmp_path / "ref.xlsx"))
    assert r.code == EXIT_OK, r.out
    r = cli(county, "import-packet", str(tmp_path / "restore.xlsx"))
    assert r.code == EXIT_REFUSED and "已有本单位的记录" in r.out
    assert cli(county, "import-packet", str(packet)).code == EXIT_REFUSED

    rebuilt = tmp_path / "rebuilt" / "c.db"
    rebuilt.parent.mkdir()
    assert cli(rebuilt, "init", "--office", "130125").code == EXIT_OK
    r = cli(rebuilt, "import-packet", "--dry-run", str(tmp_path / "restore.xlsx"))
    assert r.code == EXIT_OK and "试导入" in r.out
    assert cli(rebuilt, "list", "plan", "--json").json() == []
    r = cli(rebuilt, "import-packet", str(tmp_path / "restore.xlsx"))
    assert r.code == EXIT_OK and "新的签名公钥指纹" in r.out and "--re-enrol" in r.out
    assert len(cli(rebuilt, "list", "plan", "--json").json()) == 1
    r = cli(rebuilt, "export-packet", "-o", str(tmp_path / "p2.xlsx"))
    assert r.code == EXIT_OK and "第 2 号" in r.out
    assert cli(city_db, "import-packet", str(tmp_path / "p2.xlsx")).code == EXIT_REFUSED
    assert cli(city_db, "import-packet", "--re-enrol", str(tmp_path / "p2.xlsx")).code == EXIT_OK


def test_receipt_names_the_packet_actually_imported_not_a_re_export(tmp_path) -> None:
    """An unchanged county re-exports the same content under the next number: the city has
    imported only packet 1, so it cannot issue a receipt for packet 2."""
    from datetime import date

    from db.connection import open_database
    from desktop.ledger import Ledger, init_office
    from desktop.packets.export import export_packet
    from desktop.packets.importer import apply_import, plan_import
    from desktop.packets.reader import PacketRefused
    from desktop.packets.special import make_receipt

    def office(path, code):
        db = open_database(path)
        init_office(db, code, clerk="测试员")
        return Ledger(db, today=lambda: date(2026, 11, 21))

    city, county = office(tmp_path / "city.db", "130100"), office(tmp_path / "county.db", "130125")
    county.add("resource", {"name": "行唐大枣", "attribute": "grown", "category": "primary_agri",
                            "tier": "protect", "survey_date": "2024-05-01"})
    first = export_packet(county, tmp_path / "p1.xlsx")
    second = export_packet(county, tmp_path / "p2.xlsx")
    assert first.content_hash == second.content_hash and second.sequence == 2
    assert apply_import(city, plan_import(city, first.path)).merged
    make_receipt(city, first.path, tmp_path / "r1.xlsx")
    import pytest

    with pytest.raises(PacketRefused):
        make_receipt(city, second.path, tmp_path / "r2.xlsx")
    for ledger in (city, county):
        ledger.close()
