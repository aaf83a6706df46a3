"""Demo and training data never reach a real ledger unflagged (desktop.practice).

A demo database (``giledger demo``) or a training database (``giledger init --training``)
marks every packet it writes, county packets and receipts, restore and reference packets
alike: on the cover, in Chinese, and in the signed machine part. A real database refuses such a
packet and says why; a demo or training database takes it (and real packets too). The mark
cannot be taken off: the signature covers it.

The county is 130125 行唐县, its city 130100 石家庄市.
"""

from __future__ import annotations

import io
import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from db import maintenance, meta, records
from db.connection import open_database
from desktop import practice
from desktop.cli import EXIT_OK, EXIT_REFUSED, main
from desktop.demo import generate_demo
from desktop.ledger import Ledger, init_office
from desktop.packets import format as fmt
from desktop.packets import special
from desktop.packets.export import export_packet
from desktop.packets.importer import MERGE, REFUSED, apply_import, import_packet, plan_import
from desktop.packets.reader import read_packet
from desktop.packets.report import describe_plan


@pytest.fixture
def office(tmp_path: Path, make: Any) -> Iterator[Callable[..., Ledger]]:
    """``office(code, folder, kind)``: a Ledger on ``folder/office.db``; kind ``real`` (init),
    ``training`` (init, marked training) or ``demo`` (the small demo of that office)."""
    opened: list[Ledger] = []

    def create(code: str, folder: str, kind: str = "real") -> Ledger:
        path = tmp_path / folder / "office.db"
        path.parent.mkdir(parents=True)
        db = open_database(path)
        if kind == "demo":
            generate_demo(db, size="small", office_code=code, today=make.today, clerk="测试员")
        else:
            init_office(db, code, clerk="测试员")
            if kind == "training":
                practice.mark_training(db, clerk="测试员")
        led = Ledger(db, today=lambda: make.today, path=path)
        opened.append(led)
        return led

    yield create
    for led in opened:
        led.close()


def machine_part(path: Path) -> dict[str, Any]:
    wb = openpyxl.load_workbook(path)
    cells = [row[0] for row in wb[fmt.META_SHEET].iter_rows(values_only=True)]
    return json.loads("".join(str(c) for c in cells[1:] if c))


def cover_text(path: Path) -> tuple[str, str, list[str]]:
    """The cover's title (A1), the line under it (A2) and every text on it."""
    ws = openpyxl.load_workbook(path)[fmt.COVER]
    texts = [str(v) for row in ws.iter_rows(values_only=True) for v in row if v]
    return str(ws["A1"].value or ""), str(ws["A2"].value or ""), texts


def register_rows(led: Ledger, office_code: str) -> int:
    return sum(records.count(led.db, k.table, include_deleted=True, office_code=office_code)
               for k in fmt.packet_kinds())


# ---- what a demo database writes ----------------------------------------------------------------

def test_a_demo_county_packet_is_marked_on_its_cover_and_in_its_signed_machine_part(
        office: Callable[..., Ledger], tmp_path: Path) -> None:
    county = office("130125", "county", "demo")
    result = export_packet(county, tmp_path / "p.xlsx")
    assert result.not_for_reporting == practice.DEMO
    assert machine_part(result.path)[practice.PACKET_KEY] == "demo"
    title, banner, _texts = cover_text(result.path)
    assert title.startswith("【演示数据】") and "数据包" in title
    assert banner.startswith("演示数据") and "不是真实台账" in banner and "不得用于报送" in banner
    packet = read_packet(result.path)
    assert packet.signature_ok and not packet.edited
    wb = openpyxl.load_workbook(result.path)
    assert all(wb[name].sheet_properties.tabColor is not None for name in (fmt.COVER, "普查资源"))
    assert "演示数据" in (wb["普查资源"].oddHeader.center.text or "")


def test_a_real_county_packet_carries_no_mark(ledger: Ledger, make: Any, tmp_path: Path) -> None:
    make.add("resource")
    result = export_packet(ledger, tmp_path / "p.xlsx")
    assert result.not_for_reporting is None
    assert practice.PACKET_KEY not in machine_part(result.path)
    _title, _banner, texts = cover_text(result.path)
    assert not any("演示" in t or "培训" in t for t in texts)


def test_a_training_database_marks_its_packets_as_training_data(office: Callable[..., Ledger],
                                                                 make: Any, tmp_path: Path) -> None:
    county = office("130125", "county", "training")
    type(make)(county).add("resource")
    result = export_packet(county, tmp_path / "p.xlsx")
    assert result.not_for_reporting == practice.TRAINING
    assert machine_part(result.path)[practice.PACKET_KEY] == "training"
    title, banner, _texts = cover_text(result.path)
    assert title.startswith("【培训数据】") and banner.startswith("培训数据")


# ---- who takes a demo packet --------------------------------------------------------------------

def test_a_real_city_refuses_a_demo_county_packet_and_says_why(office: Callable[..., Ledger],
                                                               tmp_path: Path) -> None:
    county = office("130125", "county", "demo")
    city = office("130100", "city")
    path = export_packet(county, tmp_path / "p.xlsx").path
    before = maintenance.content_digest(city.db)
    plan = plan_import(city, path)
    assert plan.status == REFUSED
    reasons = "\n".join(plan.refusals)
    assert "演示数据" in reasons and "真实台账" in reasons and "培训数据库" in reasons
    assert "demo data" in reasons and "real ledger" in reasons
    assert plan.office == "130125" and not plan.pin_needed  # refused before its key is pinned
    assert maintenance.content_digest(city.db) == before
    assert not apply_import(city, plan).merged
    assert not import_packet(city, path).merged
    assert register_rows(city, "130125") == 0
    assert "演示数据" in describe_plan(plan, dry_run=True)


@pytest.mark.parametrize("kind", ["training", "demo"])
def test_a_training_or_demo_city_takes_a_demo_county_packet(kind: str, office: Callable[..., Ledger],
                                                            tmp_path: Path) -> None:
    county = office("130125", "county", "demo")
    city = office("130100", "city", kind)
    path = export_packet(county, tmp_path / "p.xlsx").path
    plan = plan_import(city, path)
    assert plan.status == MERGE, describe_plan(plan, dry_run=True)
    assert apply_import(city, plan).merged
    assert register_rows(city, "130125") == register_rows(county, "130125") > 250


def test_a_real_packet_goes_into_a_training_city(office: Callable[..., Ledger], make: Any,
                                                  tmp_path: Path) -> None:
    county = office("130125", "county")
    type(make)(county).add("resource")
    city = office("130100", "city", "training")
    path = export_packet(county, tmp_path / "p.xlsx").path
    plan = plan_import(city, path)
    assert plan.status == MERGE and apply_import(city, plan).merged
    assert register_rows(city, "130125") == 1


def strip_mark(source: Path, target: Path) -> None:
    """The packet with ``not_for_reporting`` taken out of its machine part (edited with openpyxl,
    as in Excel), everything else left as it was."""
    wb = openpyxl.load_workbook(source)
    ws = wb[fmt.META_SHEET]
    cells = [row[0] for row in ws.iter_rows(values_only=True)]
    part = json.loads("".join(str(c) for c in cells[1:] if c))
    del part[practice.PACKET_KEY]
    text = json.dumps(part, ensure_ascii=False, separators=(",", ":"))
    for r in range(2, ws.max_row + 1):
        ws.cell(row=r, column=1).value = None
    for n, start in enumerate(range(0, len(text), fmt.META_CHUNK), start=2):
        ws.cell(row=n, column=1).value = text[start:start + fmt.META_CHUNK]
    wb.save(target)


@pytest.mark.parametrize("kind", ["real", "training"])
def test_a_demo_packet_without_its_mark_fails_the_signature(kind: str, office: Callable[..., Ledger],
                                                            tmp_path: Path) -> None:
    county = office("130125", "county", "demo")
    city = office("130100", "city", kind)
    path = export_packet(county, tmp_path / "p.xlsx").path
    stripped = tmp_path / "stripped.xlsx"
    strip_mark(path, stripped)
    assert practice.PACKET_KEY not in machine_part(stripped)
    assert not read_packet(stripped).signature_ok
    plan = plan_import(city, stripped)
    assert plan.status == REFUSED
    assert any("签名无效" in r for r in plan.refusals), plan.refusals
    assert register_rows(city, "130125") == 0


# ---- the special packets of a demo or training city ---------------------------------------------

@pytest.fixture
def demo_pair(office: Callable[..., Ledger], tmp_path: Path) -> tuple[Ledger, Ledger, Path]:
    """A demo county whose packet a demo city has merged: (county, city, the packet)."""
    county = office("130125", "county", "demo")
    city = office("130100", "city", "demo")
    path = export_packet(county, tmp_path / "county-packet.xlsx").path
    assert import_packet(city, path).merged
    return county, city, path


def test_a_demo_city_marks_its_receipts_restore_and_reference_packets(
        demo_pair: tuple[Ledger, Ledger, Path], tmp_path: Path) -> None:
    _county, city, county_packet = demo_pair
    made = [special.export_receipt(city, county_packet, tmp_path / "receipt.xlsx"),
            special.make_restore_packet(city, "130125", tmp_path / "restore.xlsx"),
            special.make_reference_packet(city, tmp_path / "reference.xlsx")]
    for result in made:
        assert result.not_for_reporting == practice.DEMO, result.packet_kind
        assert machine_part(result.path)[practice.PACKET_KEY] == "demo"
        title, banner, _texts = cover_text(result.path)
        assert title.startswith("【演示数据】") and banner.startswith("演示数据"), result.path.name
        assert read_packet(result.path).signature_ok


@pytest.mark.parametrize("what", ["receipt", "restore", "reference"])
def test_a_real_county_refuses_a_demo_citys_packets(what: str, demo_pair: tuple[Ledger, Ledger, Path],
                                                    office: Callable[..., Ledger], tmp_path: Path) -> None:
    _county, city, county_packet = demo_pair
    path = {"receipt": lambda: special.export_receipt(city, county_packet, tmp_path / "x.xlsx"),
            "restore": lambda: special.make_restore_packet(city, "130125", tmp_path / "x.xlsx"),
            "reference": lambda: special.make_reference_packet(city, tmp_path / "x.xlsx")}[what]().path
    real = office("130125", "real-county")
    before = maintenance.content_digest(real.db)
    preview = special.import_special(real, path, dry_run=True)
    assert preview.status == REFUSED
    assert "演示数据" in preview.refusals[0] and "真实台账" in preview.refusals[0], preview.refusals
    assert maintenance.content_digest(real.db) == before
    done = special.import_special(real, path)
    assert done.status == REFUSED and register_rows(real, "130100") == 0
    assert "演示数据" in special.describe_special(done)


def test_a_demo_county_takes_its_demo_citys_packets(demo_pair: tuple[Ledger, Ledger, Path],
                                                     office: Callable[..., Ledger], tmp_path: Path) -> None:
    county, city, county_packet = demo_pair
    receipt = special.export_receipt(city, county_packet, tmp_path / "receipt.xlsx").path
    assert special.import_special(county, receipt).status == MERGE
    reference = special.make_reference_packet(city, tmp_path / "reference.xlsx").path
    result = special.import_special(county, reference)
    assert result.status == MERGE, special.describe_special(result)
    assert register_rows(county, "130100") == register_rows(city, "130100") > 0
    restore = special.make_restore_packet(city, "130125", tmp_path / "restore.xlsx").path
    rebuilt = office("130125", "rebuilt", "training")  # a training county rebuilt from the city's copy
    result = special.import_special(rebuilt, restore)
    assert result.status == MERGE, special.describe_special(result)
    assert register_rows(rebuilt, "130125") == register_rows(county, "130125")


def test_a_demo_county_takes_a_real_citys_reference_packet(office: Callable[..., Ledger], make: Any,
                                                           tmp_path: Path) -> None:
    county = office("130125", "county", "demo")
    city = office("130100", "city")
    type(make)(city).add("gi")
    path = special.make_reference_packet(city, tmp_path / "reference.xlsx").path
    assert practice.PACKET_KEY not in machine_part(path)
    result = special.import_special(county, path)
    assert result.status == MERGE, special.describe_special(result)


# ---- the command line --------------------------------------------------------------------------

def run(db: Path, *argv: str) -> tuple[int, str]:
    out = io.StringIO()
    return main(["--db", str(db), *argv], out=out), out.getvalue()


def test_the_command_line_marks_warns_and_refuses(tmp_path: Path) -> None:
    county, city, training = (tmp_path / f"{n}.db" for n in ("county", "city", "training"))
    assert run(county, "demo", "--office", "130125")[0] == EXIT_OK
    assert run(city, "init", "--office", "130100")[0] == EXIT_OK
    code, out = run(training, "init", "--office", "130100", "--training")
    assert code == EXIT_OK and "培训数据库" in out and "training database" in out
    db = open_database(training)
    try:
        assert practice.database_practice(db) == practice.TRAINING
        assert meta.get_setting(db, practice.TRAINING_SETTING)
        assert [e for e in db.conn.execute("SELECT action FROM audit_log")] == [("init",), ("training",)]
    finally:
        db.close()
    packet = tmp_path / "demo.xlsx"
    code, out = run(county, "export-packet", "-o", str(packet))
    assert code == EXIT_OK
    warning = [line for line in out.splitlines() if "警告 / warning" in line]
    assert len(warning) == 1 and "演示数据" in warning[0] and "demo data" in warning[0]
    code, out = run(city, "import-packet", str(packet))
    assert code == EXIT_REFUSED and "演示数据" in out and "真实台账" in out
    code, out = run(training, "import-packet", "--dry-run", str(packet))
    assert code == EXIT_OK, out
    code, out = run(training, "import-packet", str(packet))
    assert code == EXIT_OK and "已合并 / merged" in out
    code, out = run(training, "reference-packet", "-o", str(tmp_path / "ref.xlsx"))
    assert code == EXIT_OK and "警告 / warning" in out and "培训数据" in out
    code, out = run(training, "receipt", str(packet), "-o", str(tmp_path / "receipt.xlsx"))
    assert code == EXIT_OK and "警告 / warning" in out
    code, out = run(training, "restore-packet", "--office", "130125", "-o", str(tmp_path / "restore.xlsx"))
    assert code == EXIT_OK and "警告 / warning" in out
    code, out = run(county, "import-packet", "--dry-run", str(tmp_path / "ref.xlsx"))
    assert code == EXIT_OK, out  # the demo county takes the training city's packets


def test_a_real_export_prints_no_warning(tmp_path: Path) -> None:
    county = tmp_path / "county.db"
    assert run(county, "init", "--office", "130125")[0] == EXIT_OK
    code, out = run(county, "export-packet", "-o", str(tmp_path / "p.xlsx"))
    assert code == EXIT_OK and "警告" not in out and "warning" not in out


def test_init_training_of_a_database_that_belongs_to_an_office_changes_nothing(tmp_path: Path) -> None:
    county = tmp_path / "county.db"
    assert run(county, "init", "--office", "130125")[0] == EXIT_OK
    code, _out = run(county, "init", "--office", "130125", "--training")
    assert code == EXIT_REFUSED
    db = open_database(county)
    try:
        assert practice.database_practice(db) is None
    finally:
        db.close()
